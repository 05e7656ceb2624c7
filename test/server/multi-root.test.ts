import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, DidChangeWorkspaceFoldersNotification } from 'vscode-languageserver-protocol/node';
import { removeTempDir } from '../files/temp';
import { TestClient, brief, uri, workspaceFrom } from './lsp-client';

/** src/app.ts, the same in both folders: alpha's aidlint.json extends `strict`, beta's turns vendor-call off. */
const WITH_CALL = ['vendor-import 0:19-0:27', 'vendor-client 2:19-2:25', 'vendor-call 4:41-4:71', 'hardcoded-model 4:81-4:89'];
const WITHOUT_CALL = ['vendor-import 0:19-0:27', 'vendor-client 2:19-2:25', 'hardcoded-model 4:81-4:89'];

describe('language server: multi-root workspaces', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;
  const folder = (name: string) => path.join(root, name);

  beforeEach(async () => {
    root = workspaceFrom('multi-root');
    client = new TestClient({ root: folder('alpha'), moreFolders: [folder('beta')] });
    await client.initialize();
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  async function pullApp(name: string) {
    const file = path.join(folder(name), 'src/app.ts');
    return client.pullFull(await client.open(file, fs.readFileSync(file, 'utf8')));
  }

  it("lints each folder's files with that folder's aidlint.json", async () => {
    const alpha = await pullApp('alpha');
    assert.deepEqual(brief(alpha.items), WITH_CALL);
    assert.ok(alpha.items.every((item) => item.severity === DiagnosticSeverity.Error), 'strict preset');
    const beta = await pullApp('beta');
    assert.deepEqual(brief(beta.items), WITHOUT_CALL);
    assert.ok(beta.items.every((item) => item.severity === DiagnosticSeverity.Warning), 'recommended preset');
  });

  it('scans every folder with its own configuration', async () => {
    assert.deepEqual(await client.executeCommand('aidlint.server.scanWorkspace'), { problems: WITH_CALL.length + WITHOUT_CALL.length });
    const { items } = await client.workspaceDiagnostics();
    const byFolder = Object.fromEntries(items.map((item) => [path.relative(root, fileURLToPath(item.uri)), item.kind === 'full' ? brief(item.items) : []]));
    assert.deepEqual(byFolder, { [path.join('alpha', 'src', 'app.ts')]: WITH_CALL, [path.join('beta', 'src', 'app.ts')]: WITHOUT_CALL });
  });

  it("applies a folder's configuration once the folder is added to the workspace", async () => {
    const gamma = path.join(root, 'gamma');
    fs.cpSync(folder('beta'), gamma, { recursive: true });
    const file = path.join(gamma, 'src/app.ts');
    const documentUri = await client.open(file, fs.readFileSync(file, 'utf8'));
    // Outside every folder, the file is linted on its own (its folder is its root): the defaults report the call.
    assert.deepEqual(brief((await client.pullFull(documentUri)).items), WITH_CALL);
    await client.refreshAfter(() =>
      client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: uri(gamma), name: 'gamma' }], removed: [] } }),
    );
    assert.deepEqual(brief((await client.pullFull(documentUri)).items), WITHOUT_CALL);
  });
});
