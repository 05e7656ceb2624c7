import * as assert from 'node:assert/strict';
import { DiagnosticRefreshRequest, ExitNotification, TextDocumentSyncKind, type TextDocumentSyncOptions } from 'vscode-languageserver-protocol/node';
import { removeTempDir } from '../files/temp';
import { TestClient, vscodeLikeCapabilities, workspaceFrom } from './lsp-client';

describe('language server lifecycle', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;
  beforeEach(() => {
    root = workspaceFrom();
    client = new TestClient({ root });
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  it('announces pull diagnostics with workspace diagnostics, quick fixes, its commands and incremental sync', async () => {
    const { capabilities, serverInfo } = await client.initialize();
    assert.equal(serverInfo?.name, 'aidlint');
    assert.deepEqual(capabilities.diagnosticProvider, { identifier: 'aidlint', interFileDependencies: true, workspaceDiagnostics: true });
    const codeActionKinds = typeof capabilities.codeActionProvider === 'object' ? capabilities.codeActionProvider.codeActionKinds : undefined;
    assert.ok(codeActionKinds?.includes('quickfix'), JSON.stringify(capabilities.codeActionProvider));
    assert.deepEqual(capabilities.executeCommandProvider?.commands.slice().sort(), ['aidlint.server.scanWorkspace', 'aidlint.server.showDocumentation']);
    const sync = capabilities.textDocumentSync as TextDocumentSyncOptions;
    assert.equal(sync.openClose, true);
    assert.equal(sync.change, TextDocumentSyncKind.Incremental);
    assert.ok(sync.save, 'the server wants didSave (run: onSave)');
    assert.deepEqual(capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
  });

  it('offers no pull diagnostics to a client that cannot pull', async () => {
    const { capabilities } = await client.initialize(vscodeLikeCapabilities(false));
    assert.equal(capabilities.diagnosticProvider, undefined);
  });

  it('registers its watchers and settings section dynamically when the client allows it', async () => {
    const registrations: Array<{ method: string; registerOptions?: unknown }> = [];
    client.connection.onRequest('client/registerCapability', (params: { registrations: typeof registrations }) => {
      registrations.push(...params.registrations);
    });
    await client.initialize();
    await client.until(() => registrations.length >= 2, 'two registrations');
    const watchers = registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles');
    const patterns = (watchers?.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((watcher) => watcher.globPattern);
    assert.deepEqual(patterns, ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/aidlint.json', '**/{tsconfig,jsconfig}*.json', '**/aidlint-suppressions.json']);
    assert.ok(registrations.some((registration) => registration.method === 'workspace/didChangeConfiguration'));
  });

  it('exits with code 0 after shutdown and exit', async () => {
    await client.initialize();
    assert.equal(await client.shutdown(), 0);
    assert.notEqual(client.process.exitCode, null, 'the process has ended');
  });

  it('exits with code 1 on exit without shutdown, as the protocol requires', async () => {
    await client.initialize();
    await client.connection.sendNotification(ExitNotification.type);
    assert.equal(await client.exited, 1);
  });

  it('never asks a client without refresh support to refresh', async () => {
    const capabilities = vscodeLikeCapabilities();
    capabilities.workspace!.diagnostics = { refreshSupport: false };
    let refreshed = 0;
    client.connection.onRequest(DiagnosticRefreshRequest.type, () => void refreshed++);
    await client.initialize(capabilities);
    await client.changeSettings({ enable: false });
    await client.pull(await client.open(`${root}/a.ts`, 'export {};\n'));
    assert.equal(refreshed, 0);
  });
});
