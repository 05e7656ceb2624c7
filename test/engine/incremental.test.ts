/**
 * The language server's analysis after an edit (incremental reparse, facts kept per top-level statement)
 * must equal a fresh analysis of the edited text, whatever the edit touched: a literal, a declaration
 * other statements use, an import, an assignment, a statement added or removed.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { type EditableAnalysis, analyzeEdited, analyzeSource } from '../../rules/engine/analysis';
import { WorkspaceIndex } from '../../rules/engine/workspace-index';

const ROOT = path.resolve('/virtual/incremental');
const MAIN = path.join(ROOT, 'src/main.ts');

const ORIGINAL = [
  "import OpenAI from 'openai';",
  "const MODEL = 'gpt-4o';",
  "let endpoint = 'https://example.openai.azure.com';",
  'const client = new OpenAI({ baseURL: endpoint });',
  'export async function ask(prompt: string) {',
  '  return client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: prompt }] });',
  '}',
  'export function embed(text: string) {',
  "  return client.embeddings.create({ model: 'text-embedding-3-small', input: text });",
  '}',
  'export const settings = { model: MODEL };',
].join('\n');

/** Each step rewrites the text before it. */
const EDITS: Array<[what: string, edit: (text: string) => string]> = [
  ['types into a model literal', (text) => text.replace("'gpt-4o'", "'gpt-4o-mini'")],
  ['deletes it again', (text) => text.replace("'gpt-4o-mini'", "'gpt-4o'")],
  ['renames the client other statements use', (text) => text.replace('const client =', 'const other =')],
  ['renames it back', (text) => text.replace('const other =', 'const client =')],
  ['assigns the endpoint further down', (text) => `${text}\nendpoint = 'https://api.openai.com/v1';`],
  ['removes the vendor import', (text) => text.replace("import OpenAI from 'openai';", "import OpenAI from './local';")],
  ['restores it', (text) => text.replace("import OpenAI from './local';", "import OpenAI from 'openai';")],
  ['adds a statement in the middle', (text) => text.replace('export function embed', "const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD';\nexport function embed")],
  ['breaks the syntax', (text) => text.replace('export const settings = {', 'export const settings = {{')],
  ['mends it', (text) => text.replace('export const settings = {{', 'export const settings = {')],
  ['edits inside a function body', (text) => text.replace("'text-embedding-3-small'", "'text-embedding-3-large'")],
];

function index(): WorkspaceIndex {
  const texts = new Map<string, string>([[path.join(ROOT, 'src/local.ts'), 'export default class Local {}']]);
  return new WorkspaceIndex({ readFile: (file) => texts.get(file), fileExists: (file) => texts.has(file), configuredHosts: () => [] });
}

describe('analysis after an edit (incremental)', () => {
  it('equals a fresh analysis of the edited text after every edit', () => {
    const host = index();
    let text = ORIGINAL;
    let editable: EditableAnalysis | undefined = analyzeEdited(MAIN, text, host, [], undefined).editable;
    for (const [what, edit] of EDITS) {
      const edited = edit(text);
      assert.notEqual(edited, text, `${what}: the edit changes the text`);
      text = edited;
      const result = analyzeEdited(MAIN, text, host, [], editable);
      assert.deepEqual(result.analysis, analyzeSource(MAIN, text, index(), []), what);
      editable = result.editable;
    }
  });

  it('reports the model as the edit left it, not as the first text had it', () => {
    const host = index();
    const models = (analysis: { facts: Array<{ kind: string; value?: string }> }): Array<string | undefined> =>
      analysis.facts.filter((fact) => fact.kind === 'model-literal').map((fact) => fact.value);
    const first = analyzeEdited(MAIN, ORIGINAL, host, [], undefined);
    assert.ok(models(first.analysis).includes('gpt-4o'));
    const { analysis } = analyzeEdited(MAIN, ORIGINAL.replace("'gpt-4o'", "'o3-mini'"), host, [], first.editable);
    assert.ok(models(analysis).includes('o3-mini'));
    assert.ok(!models(analysis).includes('gpt-4o'));
  });
});
