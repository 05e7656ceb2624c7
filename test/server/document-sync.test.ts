import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { TYPING_DEBOUNCE_MS } from '../../server/document-diagnostics';
import { removeTempDir } from '../files/temp';
import { TestClient, brief, messageOf, workspaceFrom } from './lsp-client';

const APP = [
  "import OpenAI from 'openai';",
  '',
  'const client = new OpenAI();',
  '',
  'export async function ask(question: string) {',
  "  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });",
  '}',
  '',
].join('\n');

/** Ranges counted by hand on APP (zero-based lines, UTF-16 columns). */
const APP_FINDINGS = [
  'vendor-import 0:19-0:27',
  'vendor-client 2:19-2:25',
  'vendor-call 5:9-5:39',
  'hardcoded-model 5:49-5:57',
];

describe('language server: open, change, close (pull diagnostics)', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;
  let file: string;
  beforeEach(async () => {
    root = workspaceFrom();
    file = path.join(root, 'src/app.ts');
    client = new TestClient({ root });
    await client.initialize();
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  it('reports each finding on its exact range with its code, rule link, severity and source', async () => {
    const report = await client.pullFull(await client.open(file, APP));
    assert.deepEqual(brief(report.items), APP_FINDINGS);
    for (const item of report.items) {
      assert.equal(item.source, 'aidlint');
      assert.equal(item.severity, DiagnosticSeverity.Warning, `${item.code} is a warning in the recommended preset`);
      assert.equal(item.codeDescription?.href, `https://github.com/aidlint/aidlint/blob/main/docs/rules/${item.code}.md`);
    }
    assert.match(messageOf(report.items[2]), /^Calls OpenAI 'chat\.completions\.create' directly through an OpenAI client/);
  });

  it('applies incremental changes exactly as an editor sends them', async () => {
    const documentUri = await client.open(file, APP);
    await client.pull(documentUri);
    // Two ranged edits applied in order: delete line 5 (the call), then rename `client` on line 2.
    await client.edit(documentUri, [
      { range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, text: '' },
      { range: { start: { line: 2, character: 6 }, end: { line: 2, character: 12 } }, text: 'llm' },
    ]);
    const report = await client.pullFull(documentUri);
    assert.deepEqual(brief(report.items), ['vendor-import 0:19-0:27', 'vendor-client 2:16-2:22']);
  });

  it('reports a file with no vendor code as clean, and counts every open file in the status', async () => {
    const clean = await client.open(path.join(root, 'src/clean.ts'), 'export const add = (a: number, b: number) => a + b;\n');
    assert.deepEqual((await client.pullFull(clean)).items, []);
    await client.pull(await client.open(file, APP));
    const status = client.statuses.at(-1);
    assert.deepEqual([status?.state, status?.problems], ['problems', 4]);
    assert.ok(status?.lastValidation && Date.parse(status.lastValidation) > Date.now() - 60_000, 'a recent lastValidation');
  });

  it('clears the status counts of a closed document', async () => {
    const documentUri = await client.open(file, APP);
    await client.pull(documentUri);
    assert.equal(client.statuses.at(-1)?.problems, 4);
    const before = client.statuses.length;
    await client.close(documentUri);
    await client.until(() => client.statuses.length > before, 'a status after close');
    assert.equal(client.statuses.at(-1)?.problems, 0);
    assert.equal(client.statuses.at(-1)?.state, 'ok');
  });

  it('answers a pull for a closed or never opened document with an empty report', async () => {
    const documentUri = await client.open(file, APP);
    await client.pull(documentUri);
    await client.close(documentUri);
    assert.deepEqual(await client.pull(documentUri), { kind: 'full', items: [] });
  });

  it('never returns a result for an older version: a pull overtaken by a change is cancelled and retried', async () => {
    const documentUri = await client.open(file, APP);
    await client.pull(documentUri);
    await client.change(documentUri, APP.replace("'gpt-4o'", "'gpt-4.1'"));
    const pulled = client.pull(documentUri); // for version 2, still being debounced when version 3 arrives
    await client.change(documentUri, APP.replace(/^ {2}return client.*$/m, "  return 'no vendor here';"));
    const report = await pulled;
    assert.ok(client.cancelledPulls >= 1, 'the server cancelled the stale pull (ServerCancelled) at least once');
    assert.equal(report.kind, 'full');
    assert.deepEqual(brief(report.kind === 'full' ? report.items : []), ['vendor-import 0:19-0:27', 'vendor-client 2:19-2:25'], "version 3's result");
  });

  it('discards a result that was being computed (on the large stack) while the document changed', async () => {
    const documentUri = await client.open(file, APP);
    await client.pull(documentUri);
    await client.change(documentUri, `${APP}export const generated = ${'('.repeat(50_000)}1${')'.repeat(50_000)};\n`);
    const pulled = client.pull(documentUri);
    // Past the typing debounce: the deep file is now being analysed on a worker for about a second.
    await delay(TYPING_DEBOUNCE_MS + 200);
    await client.change(documentUri, 'export const answer = 42;\n');
    const report = await pulled;
    assert.deepEqual(report.kind === 'full' && report.items, [], "version 3's result, not the deep file's");
    assert.ok(client.cancelledPulls >= 1, 'the stale result was cancelled');
  });

  it('settles on the last of a quick series of changes', async () => {
    const documentUri = await client.open(file, APP);
    await client.pull(documentUri);
    const pulls = [];
    for (const model of ['gpt-4o-mini', 'gpt-4.1', 'o3-mini', 'gpt-5']) {
      await client.change(documentUri, APP.replace("'gpt-4o'", `'${model}'`));
      pulls.push(client.pull(documentUri));
    }
    for (const report of await Promise.all(pulls)) {
      const model = report.kind === 'full' ? report.items.find((item) => item.code === 'hardcoded-model') : undefined;
      assert.match(model ? messageOf(model) : '', /'gpt-5'/, 'every answer describes the last version');
    }
  });
});
