/**
 * The aidlint language server: a thin adapter from LSP to the engine in rules/. Editor-neutral; run it
 * with `--stdio` or `--node-ipc`. Pull diagnostics where the client supports them, push otherwise.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../rules/config/resolve';
import { SUPPRESSIONS_FILE } from '../rules/report/suppressions';
import { isSuppressionsFile } from './bulk-suppressions';
import { CodeActionRequests } from './code-action-requests';
import { DocumentDiagnostics } from './document-diagnostics';
import { DocumentLinter } from './linter';
import { connectionLog } from './log';
import { COMMANDS, FIX_ALL_KIND } from './protocol';
import { listenForAddProvider } from './seam-providers';
import { SettingsCache } from './settings';
import { Status } from './status';
import { pathOf, uriOf } from './uris';
import { filesChanged } from './watched-files';
import { WorkspaceReports } from './workspace-reports';
import { WorkspaceScan } from './workspace-scan';
import { Workspaces } from './workspaces';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = connectionLog(connection);
// A client that rejects one of our requests (a refresh, a configuration fetch) must not end the server.
process.on('unhandledRejection', (reason) => log.error('Unexpected failure (the server keeps running)', reason));
const workspaces = new Workspaces(documents);
const status = new Status(connection);
let settings: SettingsCache;
let diagnostics: DocumentDiagnostics;
let workspaceScan: WorkspaceScan;
let codeActions: CodeActionRequests;
let dynamicWatchers = false;
let dynamicConfiguration = false;

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  const pull = !!capabilities.textDocument?.diagnostic;
  settings = new SettingsCache(connection, !!capabilities.workspace?.configuration, log);
  const linter = new DocumentLinter(workspaces, settings, log);
  diagnostics = new DocumentDiagnostics(connection, documents, linter, settings, status, pull, !!capabilities.workspace?.diagnostics?.refreshSupport);
  workspaceScan = new WorkspaceScan(connection, workspaces, settings, status, log, new WorkspaceReports(connection, workspaces, settings, log));
  workspaces.setFolders((params.workspaceFolders ?? []).map((folder) => folder.uri).concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : []));
  dynamicWatchers = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  const fileOperations = {
    create: !!workspaceEdit?.documentChanges && !!workspaceEdit.resourceOperations?.includes('create'),
    delete: !!workspaceEdit?.documentChanges && !!workspaceEdit.resourceOperations?.includes('delete'),
  };
  codeActions = new CodeActionRequests(documents, workspaces, settings, diagnostics, log, fileOperations);
  dynamicConfiguration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  if (pull) connection.languages.diagnostics.onWorkspace((params) => workspaceScan.report(params));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      diagnosticProvider: pull ? { identifier: 'aidlint', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      executeCommandProvider: { commands: Object.values(COMMANDS) },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'aidlint' },
  };
});

connection.onInitialized(() => {
  if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'aidlint' });
  if (dynamicWatchers) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' }, { globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/{tsconfig,jsconfig}*.json' }, { globPattern: `**/${SUPPRESSIONS_FILE}` }],
    });
  }
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const current = new Set(workspaces.folderRoots());
    for (const removed of event.removed) current.delete(pathOf(removed.uri) ?? '');
    workspaces.setFolders([...[...current].map(uriOf), ...event.added.map((folder) => folder.uri)]);
    void diagnostics.refresh();
  });
  log.info('aidlint server started.');
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  void diagnostics.refresh();
});

// An edited aidlint.json applies at once (unsaved), and the documents linted with it are re-linted. Closing
// a document drops its unsaved text: the disk's counts again, for configuration and importers alike.
documents.onDidChangeContent(({ document }) => textChanged(document));
documents.onDidClose(({ document }) => textChanged(document));

function textChanged(document: TextDocument): void {
  const filePath = pathOf(document.uri);
  if (!filePath) return;
  const workspace = workspaces.forFile(filePath);
  if (path.basename(filePath) === CONFIG_FILE_NAME) {
    workspace.configChanged();
    void diagnostics.refresh();
  } else if (workspace.index.invalidate(filePath).some((file) => file !== filePath && workspaces.isOpen(file))) {
    void diagnostics.refresh();
  }
}

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  const suppressionsChanged = changes.some((change) => isSuppressionsFile(pathOf(change.uri) ?? ''));
  if ((await filesChanged(changes, workspaces, settings)) || suppressionsChanged) await diagnostics.refresh();
});

connection.onCodeAction((params, token) => codeActions.answer(params, token));

connection.onExecuteCommand(async ({ command, arguments: args }) => {
  if (command === COMMANDS.scanWorkspace) {
    const problems = await workspaceScan.run();
    await diagnostics.refresh();
    return { problems };
  }
  if (command === COMMANDS.showDocumentation && typeof args?.[0] === 'string') {
    await connection.window.showDocument({ uri: args[0], external: true });
  }
  return undefined;
});

listenForAddProvider(connection, workspaces);
documents.listen(connection);
connection.listen();
