/**
 * The VS Code side: starts the aidlint language server, shows its state in a language status item,
 * and offers the commands. Everything about linting happens in the server; this file only wires VS Code.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../server/protocol';
import { registerAddProvider } from './add-provider';
import { registerCommands } from './commands';
import { registerFixNotices } from './fix-notices';
import { ReportViews } from './report-views';
import { StatusItem } from './status-item';

/** JavaScript and TypeScript in every flavour, and aidlint.json (for its configuration problems). */
export const DOCUMENT_SELECTOR: Array<{ scheme: string; language?: string; pattern?: string }> = [
  ...['javascript', 'javascriptreact', 'typescript', 'typescriptreact'].map((language) => ({ scheme: 'file', language })),
  { scheme: 'file', pattern: '**/aidlint.json' },
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('aidlint', { log: true });
  const status = new StatusItem(DOCUMENT_SELECTOR);
  context.subscriptions.push(log, status);

  const reportViews = new ReportViews(context, () => client, log);
  const start = async () => {
    client = createClient(context, log);
    client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params));
    status.starting();
    try {
      await client.start();
      reportViews.clientStarted(client);
    } catch (error) {
      status.update({ state: 'error', problems: 0, message: 'The aidlint server failed to start; see the log.' });
      log.error(`The aidlint server failed to start: ${String(error)}`);
    }
  };
  const stop = async () => {
    await client?.stop();
    client = undefined;
  };
  registerCommands(context, { client: () => client, log, restart: async () => (await stop(), start()) });
  registerFixNotices(context);
  registerAddProvider(context, () => client);
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
  };
  return new LanguageClient('aidlint', 'aidlint', serverOptions, clientOptions);
}
