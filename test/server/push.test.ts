import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { removeTempDir } from '../files/temp';
import { TestClient, brief, vscodeLikeCapabilities, workspaceFrom } from './lsp-client';

const APP = "import OpenAI from 'openai';\nconst client = new OpenAI();\nclient.chat.completions.create({ model: 'gpt-4o' });\n";
const FINDINGS = ['vendor-import 0:19-0:27', 'vendor-client 1:19-1:25', 'vendor-call 2:0-2:30', 'hardcoded-model 2:40-2:48'];

describe('language server: push diagnostics (client without textDocument.diagnostic)', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;
  let documentUri: string;

  beforeEach(async () => {
    root = workspaceFrom();
    client = new TestClient({ root, pull: false });
    const { capabilities } = await client.initialize(vscodeLikeCapabilities(false));
    assert.equal(capabilities.diagnosticProvider, undefined, 'no pull diagnostics offered');
    documentUri = await client.open(path.join(root, 'src/app.ts'), APP);
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  /** Waits for a publish of `version` and returns it. */
  async function published(version: number) {
    await client.until(() => client.pushed.get(documentUri)?.version === version, `publishDiagnostics for version ${version}`);
    return client.pushed.get(documentUri)!;
  }

  it('publishes the findings of an opened document with its version', async () => {
    const params = await published(1);
    assert.deepEqual(brief(params.diagnostics), FINDINGS);
    assert.ok(params.diagnostics.every((diagnostic) => diagnostic.source === 'aidlint' && diagnostic.codeDescription?.href));
  });

  it('publishes again after a change, and only for the last of quick changes', async () => {
    await published(1);
    await client.change(documentUri, APP.replace("'gpt-4o'", "'gpt-4.1'"));
    await client.change(documentUri, APP.replace(/^client\.chat.*$/m, 'export {};'));
    const params = await published(3);
    assert.deepEqual(brief(params.diagnostics), FINDINGS.slice(0, 2));
    await client.sync();
    assert.deepEqual(
      client.pushLog.map((params) => params.version),
      [1, 3],
      'version 2 was overtaken before its debounce ended and is never published',
    );
  });

  it('publishes an empty list when the document is closed', async () => {
    await published(1);
    await client.close(documentUri);
    await client.until(() => client.pushed.get(documentUri)?.diagnostics.length === 0, 'an empty publish');
    assert.equal(client.pushLog.length, 2);
  });

  it('publishes again for every open document when the settings change', async () => {
    await published(1);
    await client.changeSettings({ enable: false });
    await client.until(() => client.pushLog.length === 2, 'a second publish');
    assert.deepEqual(client.pushLog[1], { uri: documentUri, version: 1, diagnostics: [] });
  });
});
