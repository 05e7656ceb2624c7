/**
 * `addProvider` (aidlint seam add-provider, the editor's Add a Provider) on seams in memory: the adapter,
 * its registry entry, a connection named after it, empty model ids for the chat models it can serve, the SDK
 * pinned in package.json; a second run changes nothing; user edits stay; what is missing is a clear error.
 * The generated adapters against the real SDKs are checked in seam-generate.test.ts and example.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AddProviderError, addProvider } from '../../rules/fixes/add-provider';
import { addListValues, addConfigEntry, generateSeam, type ProjectStyle } from '../../rules/fixes/seam';
import { applyChanges } from '../../rules/fixes/text-changes';
import type { FileChange } from '../../rules/fixes/types';
import { makeTempDir, removeTempDir } from '../files/temp';

const ROOT = path.resolve('/project');
const SEAM = path.join(ROOT, 'src', 'ai');

/** A project in memory: the generated seam with two models (a chat model needing JSON mode, an embedding model). */
function project(style: ProjectStyle, edit: (files: Map<string, string>) => void = () => {}): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of generateSeam(style)) files.set(path.join(SEAM, file.relativePath), file.text);
  const config = path.join(SEAM, `config${style.fileExtension ?? '.ts'}`);
  let text = files.get(config)!;
  for (const [section, key, envVar, value] of [
    ['models', 'gpt4oMini', 'AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini'],
    ['models', 'gpt4o', 'AI_MODEL_GPT_4O', 'gpt-4o'],
    ['models', 'textEmbedding3Small', 'AI_MODEL_TEXT_EMBEDDING_3_SMALL', 'text-embedding-3-small'],
  ] as const) {
    const result = addConfigEntry(text, section, key, envVar, value);
    assert.ok(result && 'change' in result);
    text = applyChanges(text, [result.change]);
  }
  for (const [key, needs] of [['gpt4oMini', ['chat', 'json']], ['gpt4o', ['chat', 'streaming']], ['textEmbedding3Small', ['embeddings']]] as const) {
    text = applyChanges(text, [addListValues(text, ['modelNeeds'], key, needs)!]);
  }
  files.set(config, text);
  files.set(path.join(ROOT, 'package.json'), '{\n  "name": "app",\n  "dependencies": {\n    "openai": "^6.49.0"\n  }\n}\n');
  edit(files);
  return files;
}

function run(files: Map<string, string>, provider: string): { changes: FileChange[]; done: string[] } {
  return addProvider(provider, SEAM, ROOT, { readFile: (file) => files.get(file), fileExists: (file) => files.has(file) });
}

function apply(files: Map<string, string>, changes: FileChange[]): void {
  for (const change of changes) files.set(change.filePath, change.create ? change.create.content : applyChanges(files.get(change.filePath)!, change.changes));
}

const TS: ProjectStyle = { language: 'ts', module: 'esm', importSuffix: '', typeImports: false, fileExtension: '.ts' };
const CJS: ProjectStyle = { language: 'js', module: 'cjs', importSuffix: '', typeImports: false, fileExtension: '.js' };

describe('fixes/add-provider: a provider added to an existing seam', () => {
  it('adds the adapter, its registry line, a connection named after it, empty ids for the chat models it serves, and the pinned SDK', () => {
    const files = project(TS);
    const result = run(files, 'anthropic');
    apply(files, result.changes);
    assert.deepEqual(result.changes.map((change) => [path.relative(ROOT, change.filePath), Boolean(change.create)]), [
      ['src/ai/providers/anthropic.ts', true],
      ['src/ai/providers/registry.ts', false],
      ['src/ai/config.ts', false],
      ['package.json', false],
    ]);
    const registry = files.get(path.join(SEAM, 'providers', 'registry.ts'))!;
    assert.match(registry, /^import \{ anthropicProvider \} from '\.\/anthropic';$/m);
    assert.match(registry, /^ {2}anthropic: \{ connect: anthropicProvider, capabilities: \['chat', 'streaming', 'tools', 'jsonSchema'\], openAIModelNames: false \},$/m);
    const config = files.get(path.join(SEAM, 'config.ts'))!;
    assert.match(config, /^ {2}anthropic: \{\n {4}provider: 'anthropic',\n {4}options: \(\) => \(\{\n {6}apiKey: process\.env\.ANTHROPIC_API_KEY,\n {4}\}\),\n {2}\},$/m);
    // gpt4oMini needs JSON mode, which the Messages API lacks; embeddings never get a chat provider's id.
    assert.match(config, /export const providerModels: Record<string, Partial<Record<ModelName, string>>> = \{\n {2}anthropic: \{\n {4}gpt4o: env\('AI_MODEL_GPT_4O_ANTHROPIC', ''\),\n {2}\},\n\};/);
    assert.match(files.get(path.join(ROOT, 'package.json'))!, /"@anthropic-ai\/sdk": "1\.17\.0"/);
    assert.match(result.done.join('\n'), /set AI_MODEL_GPT_4O_ANTHROPIC/);
  });

  it("on a seam from an earlier aidlint (no JSON Schema outputs), the registry names only the capabilities the seam's config declares", () => {
    for (const style of [TS, CJS]) {
      const files = project(style, (seam) => {
        const config = path.join(SEAM, `config${style.fileExtension}`);
        seam.set(config, seam.get(config)!.replace(" | 'jsonSchema'", ''));
      });
      apply(files, run(files, 'google').changes);
      const registry = files.get(path.join(SEAM, 'providers', `registry${style.fileExtension}`))!;
      assert.match(registry, /^ {2}google: \{ connect: googleProvider, capabilities: \['chat', 'streaming', 'tools', 'json', 'candidateCount', 'embeddings', 'dimensions'\], openAIModelNames: false \},$/m);
    }
  });

  it('is idempotent: a second run changes nothing', () => {
    const files = project(TS);
    apply(files, run(files, 'google').changes);
    assert.deepEqual(run(files, 'google').changes, []);
  });

  it('keeps user edits: a hand-written adapter, a comment in the registry, every line of the config', () => {
    const adapter = path.join(SEAM, 'providers', 'openai-compatible.ts');
    const files = project(TS, (edited) => {
      edited.set(adapter, '// my own gateway adapter\n');
      const registry = path.join(SEAM, 'providers', 'registry.ts');
      edited.set(registry, edited.get(registry)!.replace('export const adapters', '// Ours: keep this comment.\nexport const adapters'));
    });
    const before = new Map(files);
    apply(files, run(files, 'openai-compatible').changes);
    assert.equal(files.get(adapter), '// my own gateway adapter\n');
    for (const file of [path.join(SEAM, 'providers', 'registry.ts'), path.join(SEAM, 'config.ts')]) {
      const lines = files.get(file)!.split('\n');
      // Every line stays, but an empty object's `{}` that gets its first entry.
      for (const line of before.get(file)!.split('\n')) assert.ok(lines.includes(line) || line.endsWith('= {};'), `${path.basename(file)} keeps: ${line}`);
    }
    assert.match(files.get(path.join(SEAM, 'config.ts'))!, /^ {2}'openai-compatible': \{\n {4}provider: 'openai-compatible',\n {4}options: \(\) => \(\{\n {6}baseURL: process\.env\.OPENAI_COMPATIBLE_BASE_URL,/m);
    // The openai-compatible adapter needs no SDK beyond openai.
    assert.equal(files.get(path.join(ROOT, 'package.json')), before.get(path.join(ROOT, 'package.json')));
  });

  it('writes the adapter and the registry import in the seam’s own style (CommonJS JavaScript)', () => {
    const files = project(CJS);
    apply(files, run(files, 'google').changes);
    const adapter = files.get(path.join(SEAM, 'providers', 'google.js'))!;
    assert.match(adapter, /^const \{ FunctionCallingConfigMode, GoogleGenAI \} = require\('@google\/genai'\);$/m);
    assert.match(adapter, /^module\.exports = \{ googleProvider \};$/m);
    // No TypeScript left in the code (JSDoc comments carry the types).
    assert.doesNotMatch(adapter.replace(/\/\*\*[\s\S]*?\*\//g, ''), /: string\b|\binterface\b/);
    assert.match(files.get(path.join(SEAM, 'providers', 'registry.js'))!, /^const \{ googleProvider \} = require\('\.\/google'\);$/m);
  });

  it('refuses Gemini in TypeScript compiled to CommonJS under nodenext resolution (its SDK is typed as ES modules: TS1479), and adds it where the same project is an ES module', () => {
    const root = makeTempDir();
    try {
      fs.mkdirSync(path.join(root, 'src'));
      fs.writeFileSync(path.join(root, 'src', 'main.ts'), 'export {};\n');
      fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }));
      const seam = path.join(root, 'src', 'ai');
      const files = new Map<string, string>();
      for (const file of generateSeam(TS)) files.set(path.join(seam, file.relativePath), file.text);
      const host = { readFile: (file: string) => files.get(file), fileExists: (file: string) => files.has(file) };
      const add = (name: string) => addProvider(name, seam, root, host);
      assert.throws(() => add('google'), (error: Error) => error instanceof AddProviderError && /@google\/genai is typed as ES modules.*\(TS1479\)/.test(error.message));
      assert.ok(add('anthropic').changes.length > 0);
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'app', type: 'module' }));
      assert.ok(add('google').changes.some((change) => change.filePath === path.join(seam, 'providers', 'google.ts')));
    } finally {
      removeTempDir(root);
    }
  });

  it('refuses clearly: an unknown provider, no seam, a seam without a registry', () => {
    const files = project(TS);
    assert.throws(() => run(files, 'mistral'), (error: Error) => error instanceof AddProviderError && /unknown provider 'mistral': one of anthropic, google, openai-compatible/.test(error.message));
    assert.throws(() => run(new Map(), 'google'), /no seam in/);
    files.delete(path.join(SEAM, 'providers', 'registry.ts'));
    assert.throws(() => run(files, 'google'), /has no providers\/registry module \(made by an earlier aidlint\)/);
  });
});
