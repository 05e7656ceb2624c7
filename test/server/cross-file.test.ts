import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { removeTempDir } from '../files/temp';
import { TestClient, brief, uri, workspaceFrom } from './lsp-client';

/** src/routes/chat.ts of the `cross-file` fixture, calling the client exported by src/lib/openai.ts (via `@/`). */
const ROUTE_FINDINGS = ['vendor-call 3:27-3:57', 'hardcoded-model 3:67-3:80'];

/** A lib module that exports something shaped like a client but no vendor value. */
const NEUTRAL_LIB = [
  'export const openai = {',
  '  chat: { completions: { create: async (request: unknown) => ({ choices: [{ message: { content: JSON.stringify(request) } }] }) } },',
  '};',
  '',
].join('\n');

describe('language server: findings across files', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;
  let libFile: string;
  let libOnDisk: string;
  let route: string;

  beforeEach(async () => {
    root = workspaceFrom('cross-file');
    libFile = path.join(root, 'src/lib/openai.ts');
    libOnDisk = fs.readFileSync(libFile, 'utf8');
    client = new TestClient({ root });
    await client.initialize();
    const routeFile = path.join(root, 'src/routes/chat.ts');
    route = await client.open(routeFile, fs.readFileSync(routeFile, 'utf8'));
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  const pullRoute = async () => brief((await client.pullFull(route)).items);

  it('reports a call through a client imported from a module that is not open', async () => {
    assert.deepEqual(await pullRoute(), ROUTE_FINDINGS);
  });

  it('follows unsaved edits of the imported module, both ways, after a refresh', async () => {
    assert.deepEqual(await pullRoute(), ROUTE_FINDINGS);
    const lib = await client.open(libFile, libOnDisk);
    await client.refreshAfter(() => client.change(lib, NEUTRAL_LIB));
    assert.deepEqual(await pullRoute(), [], 'the module no longer exports a vendor client');
    await client.refreshAfter(() => client.change(lib, libOnDisk));
    assert.deepEqual(await pullRoute(), ROUTE_FINDINGS, 'and exports one again');
  });

  it('starts reporting when a neutral module is edited to export a vendor client', async () => {
    fs.writeFileSync(libFile, NEUTRAL_LIB);
    assert.deepEqual(await pullRoute(), []);
    const lib = await client.open(libFile, NEUTRAL_LIB);
    await client.refreshAfter(() => client.change(lib, libOnDisk));
    assert.deepEqual(await pullRoute(), ROUTE_FINDINGS);
  });

  it('drops the unsaved text of a module closed without saving', async () => {
    assert.deepEqual(await pullRoute(), ROUTE_FINDINGS);
    const lib = await client.open(libFile, libOnDisk);
    await client.refreshAfter(() => client.change(lib, NEUTRAL_LIB));
    assert.deepEqual(await pullRoute(), []);
    await client.refreshAfter(() => client.close(lib));
    assert.deepEqual(await pullRoute(), ROUTE_FINDINGS, 'the module on disk still exports the client');
  });

  it('follows changes of the module on disk (watched files)', async () => {
    assert.deepEqual(await pullRoute(), ROUTE_FINDINGS);
    fs.writeFileSync(libFile, NEUTRAL_LIB);
    await client.refreshAfter(() => client.filesChanged([{ uri: uri(libFile), type: FileChangeType.Changed }]));
    assert.deepEqual(await pullRoute(), []);
    fs.rmSync(libFile);
    await client.filesChanged([{ uri: uri(libFile), type: FileChangeType.Deleted }]);
    assert.deepEqual(await pullRoute(), []);
    fs.writeFileSync(libFile, libOnDisk);
    await client.refreshAfter(() => client.filesChanged([{ uri: uri(libFile), type: FileChangeType.Created }]));
    assert.deepEqual(await pullRoute(), ROUTE_FINDINGS);
  });

  it('follows a tsconfig change that stops the `@/` alias from resolving', async () => {
    assert.deepEqual(await pullRoute(), ROUTE_FINDINGS);
    const tsconfig = path.join(root, 'tsconfig.json');
    fs.writeFileSync(tsconfig, '{ "compilerOptions": { "strict": true } }\n');
    await client.refreshAfter(() => client.filesChanged([{ uri: uri(tsconfig), type: FileChangeType.Changed }]));
    assert.deepEqual(await pullRoute(), []);
  });
});
