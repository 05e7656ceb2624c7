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

/** An index over `files` (paths under ROOT), the file being edited aside. */
function index(files: Record<string, string> = { 'src/local.ts': 'export default class Local {}' }): WorkspaceIndex {
  const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
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

  it('still finds the calls on a client passed to super(…) after edits above the class and inside it', () => {
    const host = () => index({ 'src/base.ts': 'export class Base {\n  protected client: unknown;\n  constructor(client: unknown) { this.client = client; }\n}\n' });
    const original = [
      "import OpenAI from 'openai';",
      "import { Base } from './base';",
      "const LABEL = 'chat';",
      'const RETRIES = 2;',
      'export class Chat extends Base {',
      '  constructor(key: string) { super(new OpenAI({ apiKey: key })); }',
      "  ask(prompt: string) { return this.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: prompt }] }); }",
      '}',
    ].join('\n');
    // Edits away from the class (the parser reuses its node, its records are carried over) that move it;
    // the second adds a vendor name, so the passes after the walk run again on the carried records.
    const edits = [
      (text: string) => text.replace("'chat'", "'chat-room'"),
      (text: string) => text.replace("const LABEL = 'chat-room';", "const LABEL = 'chat-room';\nconst spare = new OpenAI();"),
      // Inside the class (a new class node, the same vendor names), then a second class of the same name
      // in a function (one name for both), then the class renamed.
      (text: string) => text.replace("model: 'm'", "model: 'm2'"),
      (text: string) => `${text}\nexport function local() { class Chat { ask() { return this.toString(); } } return new Chat(); }`,
      (text: string) => text.replace('export class Chat extends Base', 'export class ChatService extends Base'),
    ];
    const calls = (analysis: { facts: Array<{ kind: string; span: { start: number } }> }, text: string) =>
      analysis.facts.filter((fact) => fact.kind === 'vendor-call').map((fact) => text.slice(fact.span.start).split('(')[0]);
    const editing = host();
    let text = original;
    let editable = analyzeEdited(MAIN, text, editing, [], undefined).editable;
    for (const edit of edits) {
      text = edit(text);
      const result = analyzeEdited(MAIN, text, editing, [], editable);
      assert.deepEqual(calls(result.analysis, text), ['this.client.chat.completions.create'], text);
      assert.deepEqual(result.analysis, analyzeSource(MAIN, text, host(), []), text);
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
