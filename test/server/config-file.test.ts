import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol/node';
import { removeTempDir } from '../files/temp';
import { TestClient, brief, messageOf, uri, workspaceFrom } from './lsp-client';

/** src/app.ts of the `config` fixture, whose aidlint.json turns vendor-call off. */
const WITHOUT_CALL = ['vendor-import 0:19-0:27', 'vendor-client 2:19-2:25', 'hardcoded-model 4:81-4:89'];
const WITH_CALL = ['vendor-import 0:19-0:27', 'vendor-client 2:19-2:25', 'vendor-call 4:41-4:71', 'hardcoded-model 4:81-4:89'];

const UNKNOWN_RULE = '{\n  "rules": {\n    "vendor-call": "error",\n    "no-such-rule": "error"\n  }\n}\n';
const CALL_IS_ERROR = '{\n  "rules": {\n    "vendor-call": "error"\n  }\n}\n';

describe('language server: aidlint.json', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;
  let configFile: string;
  let app: string;

  beforeEach(async () => {
    root = workspaceFrom('config');
    configFile = path.join(root, 'aidlint.json');
    client = new TestClient({ root });
    await client.initialize();
    app = await client.open(path.join(root, 'src/app.ts'), fs.readFileSync(path.join(root, 'src/app.ts'), 'utf8'));
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  const pullApp = async () => brief((await client.pullFull(app)).items);

  it('uses the configuration on disk', async () => {
    assert.deepEqual(await pullApp(), WITHOUT_CALL);
  });

  it('shows a problem on the offending key of an open aidlint.json and keeps the last good configuration', async () => {
    assert.deepEqual(await pullApp(), WITHOUT_CALL);
    const config = await client.open(configFile, UNKNOWN_RULE, 'jsonc');
    const { items } = await client.pullFull(config);
    assert.deepEqual(brief(items), ['config-problem 3:4-3:18']);
    assert.equal(items[0].severity, DiagnosticSeverity.Error);
    assert.equal(items[0].source, 'aidlint');
    assert.equal(messageOf(items[0]), 'Unknown rule "no-such-rule" in "rules".');
    assert.deepEqual(await pullApp(), WITHOUT_CALL, 'other files are linted with the last good configuration');
  });

  it('applies an unsaved edit of aidlint.json to other open documents after a refresh', async () => {
    assert.deepEqual(await pullApp(), WITHOUT_CALL);
    const config = await client.open(configFile, fs.readFileSync(configFile, 'utf8'), 'jsonc');
    await client.refreshAfter(() => client.change(config, CALL_IS_ERROR));
    const { items } = await client.pullFull(app);
    assert.deepEqual(brief(items), WITH_CALL);
    assert.equal(items.find((item) => item.code === 'vendor-call')?.severity, DiagnosticSeverity.Error);
    assert.deepEqual((await client.pullFull(config)).items, [], 'the config itself is fine');
  });

  it('goes back to the file on disk when an edited aidlint.json is closed without saving', async () => {
    const config = await client.open(configFile, fs.readFileSync(configFile, 'utf8'), 'jsonc');
    await client.refreshAfter(() => client.change(config, CALL_IS_ERROR));
    assert.deepEqual(await pullApp(), WITH_CALL);
    await client.refreshAfter(() => client.close(config));
    assert.deepEqual(await pullApp(), WITHOUT_CALL);
  });

  it('re-validates when aidlint.json changes on disk (watched files)', async () => {
    assert.deepEqual(await pullApp(), WITHOUT_CALL);
    fs.writeFileSync(configFile, CALL_IS_ERROR);
    await client.refreshAfter(() => client.filesChanged([{ uri: uri(configFile), type: FileChangeType.Changed }]));
    assert.deepEqual(await pullApp(), WITH_CALL);
    fs.rmSync(configFile);
    await client.refreshAfter(() => client.filesChanged([{ uri: uri(configFile), type: FileChangeType.Deleted }]));
    assert.deepEqual(await pullApp(), WITH_CALL, 'without a config file the recommended preset reports the call');
  });

  it('keeps the last good configuration when aidlint.json is broken on disk', async () => {
    assert.deepEqual(await pullApp(), WITHOUT_CALL);
    fs.writeFileSync(configFile, '{ "rules": { "vendor-call": "of" } ');
    await client.refreshAfter(() => client.filesChanged([{ uri: uri(configFile), type: FileChangeType.Changed }]));
    assert.deepEqual(await pullApp(), WITHOUT_CALL);
  });
});
