import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigurationRequest, DiagnosticRefreshRequest, DiagnosticSeverity, ResponseError } from 'vscode-languageserver-protocol/node';
import { removeTempDir } from '../files/temp';
import { TestClient, brief, messageOf, workspaceFrom } from './lsp-client';

const HEAD = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
const CALL = "client.chat.completions.create({ model: 'gpt-4o' });\n";
const FINDINGS = ['vendor-import 0:19-0:27', 'vendor-client 1:19-1:25', 'vendor-call 2:0-2:30', 'hardcoded-model 2:40-2:48'];

const nested = (depth: number) => `${HEAD}${CALL}export const deep = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`;

describe('language server robustness', function () {
  this.timeout(60_000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = workspaceFrom();
    client = new TestClient({ root });
    await client.initialize();
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  /** The server still answers: a fresh document is linted as usual. */
  async function assertStillServing(name = 'src/healthy.ts'): Promise<void> {
    assert.equal(client.process.exitCode, null, `the server exited: ${client.stderr}`);
    const report = await client.pullFull(await client.open(path.join(root, name), HEAD + CALL));
    assert.deepEqual(brief(report.items), FINDINGS);
  }

  it('turns a file too deep even for the large-stack retry into one analysis-failed notice, and carries on', async () => {
    const started = Date.now();
    const report = await client.pullFull(await client.open(path.join(root, 'src/generated.ts'), nested(2_000_000)));
    const elapsed = Date.now() - started;
    assert.deepEqual(brief(report.items), ['analysis-failed 0:0-0:0']);
    assert.equal(report.items[0].severity, DiagnosticSeverity.Warning);
    assert.match(messageOf(report.items[0]), /^aidlint could not analyse this file: .*nesting too deep/);
    assert.ok(elapsed < 30_000, `answered in ${elapsed} ms`);
    await assertStillServing();
  });

  it('analyses a file nested 50,000 deep on the large stack', async () => {
    const report = await client.pullFull(await client.open(path.join(root, 'src/deep.ts'), nested(50_000)));
    assert.deepEqual(brief(report.items), FINDINGS);
    await assertStillServing();
  });

  it('survives binary-looking documents: NULs, lone surrogates, control characters, one huge line', async () => {
    const bytes = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const documents = [`${HEAD}\0\0\uD800\uDFFF\uDC00${bytes}`, `\uFEFF${bytes}${CALL}`, `${'x'.repeat(1_000_000)}'openai'`];
    for (const [i, text] of documents.entries()) {
      const report = await client.pull(await client.open(path.join(root, `src/binary-${i}.ts`), text));
      assert.equal(report.kind, 'full');
    }
    await assertStillServing();
  });

  it('ignores documents that are not files (untitled, git)', async () => {
    for (const documentUri of ['untitled:Untitled-1', 'git:/repo/src/app.ts?ref=HEAD']) {
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: documentUri, languageId: 'typescript', version: 1, text: HEAD + CALL } });
      const report = await client.pull(documentUri);
      assert.deepEqual([report.kind, report.kind === 'full' && report.items], ['full', []]);
    }
    await assertStillServing();
  });

  it('keeps analysing files under a tsconfig whose `extends` is not a string', async () => {
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{ "extends": 5, "compilerOptions": { "paths": { "@/*": ["src/*"] } } }\n');
    fs.mkdirSync(path.join(root, 'src/lib'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src/lib/openai.ts'), "import OpenAI from 'openai';\nexport const openai = new OpenAI();\n");
    const route = "import { openai } from '@/lib/openai';\nexport const ask = () => openai.chat.completions.create({ messages: [] });\n";
    const report = await client.pullFull(await client.open(path.join(root, 'src/route.ts'), route));
    assert.deepEqual(brief(report.items), ['vendor-call 1:25-1:55']);
  });

  it('lints with the default settings, and says so, when the client fails workspace/configuration', async () => {
    client.connection.onRequest(ConfigurationRequest.type, () => new ResponseError(-32603, 'configuration is broken'));
    const report = await client.pullFull(await client.open(path.join(root, 'src/app.ts'), HEAD + CALL));
    assert.deepEqual(brief(report.items), FINDINGS, 'an answer, not a failed pull');
    await client.until(() => client.logs.some((line) => line.startsWith('The editor did not answer workspace/configuration')), 'the log line');
  });

  it('survives a client that fails workspace/diagnostic/refresh', async () => {
    client.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      client.refreshRequests++;
      return new ResponseError(-32601, 'Unhandled method workspace/diagnostic/refresh');
    });
    await client.refreshAfter(() => client.changeSettings({ enable: true }));
    await assertStillServing();
  });
});
