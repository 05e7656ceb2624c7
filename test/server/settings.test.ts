import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { removeTempDir } from '../files/temp';
import { TestClient, type TestClientOptions, brief, uri, workspaceFrom } from './lsp-client';

const CALL = "  return client.chat.completions.create({ model: 'gpt-4o', messages: [] });";
const APP = ["import OpenAI from 'openai';", 'const client = new OpenAI();', 'export function ask() {', CALL, '}', ''].join('\n');
const ALL_FINDINGS = ['vendor-import 0:19-0:27', 'vendor-client 1:19-1:25', 'vendor-call 3:9-3:39', 'hardcoded-model 3:49-3:57'];
const WITHOUT_CALL = ALL_FINDINGS.slice(0, 2);

describe('language server: editor settings (workspace/configuration)', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;
  let file: string;

  async function start(options: Omit<TestClientOptions, 'root'>): Promise<void> {
    client = new TestClient({ root, ...options });
    await client.initialize();
  }

  beforeEach(() => {
    root = workspaceFrom();
    file = path.join(root, 'src/app.ts');
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  it('asks for the `aidlint` section scoped to the document', async () => {
    await start({});
    const documentUri = await client.open(file, APP);
    await client.pull(documentUri);
    assert.ok(
      client.configurationRequests.some((item) => item.section === 'aidlint' && item.scopeUri === documentUri),
      JSON.stringify(client.configurationRequests),
    );
  });

  it('reports nothing with `enable: false`', async () => {
    await start({ settings: { enable: false } });
    assert.deepEqual((await client.pullFull(await client.open(file, APP))).items, []);
  });

  it('applies settings per resource: one file disabled, its neighbour linted', async () => {
    const legacy = path.join(root, 'src/legacy.ts');
    await start({ settingsFor: (scopeUri) => (scopeUri === uri(legacy) ? { enable: false } : undefined) });
    assert.deepEqual((await client.pullFull(await client.open(legacy, APP))).items, []);
    assert.deepEqual(brief((await client.pullFull(await client.open(file, APP))).items), ALL_FINDINGS);
  });

  it('changes severities with `rules.customizations`, the last match winning', async () => {
    const customizations = [
      { rule: 'vendor-*', severity: 'info' },
      { rule: 'vendor-client', severity: 'upgrade' },
      { rule: '!vendor-*', severity: 'error' },
      { rule: 'vendor-import', severity: 'off' },
    ];
    await start({ settings: { rules: { customizations } } });
    const { items } = await client.pullFull(await client.open(file, APP));
    assert.deepEqual(
      items.map((item) => [item.code, item.severity]),
      [
        ['vendor-client', DiagnosticSeverity.Error],
        ['vendor-call', DiagnosticSeverity.Information],
        ['hardcoded-model', DiagnosticSeverity.Error],
      ],
    );
  });

  it('ignores malformed customizations instead of failing every file', async () => {
    await start({ settings: { rules: { customizations: [null, { severity: 'off' }, { rule: 'vendor-call' }, { rule: 'vendor-*', severity: 'loud' }, { rule: 'vendor-call', severity: 'off' }] } } });
    const { items } = await client.pullFull(await client.open(file, APP));
    assert.deepEqual(brief(items), ['vendor-import 0:19-0:27', 'vendor-client 1:19-1:25', 'hardcoded-model 3:49-3:57']);
  });

  describe('`run: onSave`', () => {
    beforeEach(() => start({ settings: { run: 'onSave' } }));

    it('lints on open, keeps that result while typing, and lints again on save', async () => {
      const documentUri = await client.open(file, APP);
      const first = await client.pullFull(documentUri);
      assert.deepEqual(brief(first.items), ALL_FINDINGS);
      await client.change(documentUri, APP.replace(CALL, '  return null;'));
      assert.deepEqual(await client.pull(documentUri, first.resultId), { kind: 'unchanged', resultId: first.resultId });
      assert.deepEqual(brief((await client.pullFull(documentUri)).items), ALL_FINDINGS, 'the unsaved change is not linted');
      await client.refreshAfter(() => client.save(documentUri));
      assert.deepEqual(brief((await client.pullFull(documentUri)).items), WITHOUT_CALL);
    });
  });

  it('asks again after didChangeConfiguration and has the client pull again', async () => {
    await start({ settings: {} });
    const documentUri = await client.open(file, APP);
    assert.deepEqual(brief((await client.pullFull(documentUri)).items), ALL_FINDINGS);
    const asked = client.configurationRequests.length;
    await client.refreshAfter(() => client.changeSettings({ rules: { customizations: [{ rule: 'vendor-call', severity: 'off' }] } }));
    assert.deepEqual(brief((await client.pullFull(documentUri)).items), ['vendor-import 0:19-0:27', 'vendor-client 1:19-1:25', 'hardcoded-model 3:49-3:57']);
    assert.ok(client.configurationRequests.length > asked, 'settings were requested again');
    await client.refreshAfter(() => client.changeSettings({ enable: false }));
    assert.deepEqual((await client.pullFull(documentUri)).items, []);
  });
});
