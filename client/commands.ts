/** The extension's commands: Scan Workspace, Create aidlint.json, Restart Server, Show Output. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { initialConfigText } from '../rules/config/init';
import { CONFIG_FILE_NAME } from '../rules/config/resolve';
import { COMMANDS } from '../server/protocol';

export const COMMAND_IDS = {
  scanWorkspace: 'aidlint.scanWorkspace',
  createConfig: 'aidlint.createConfig',
  restartServer: 'aidlint.restartServer',
  showOutput: 'aidlint.showOutput',
} as const;

export interface CommandContext {
  client(): LanguageClient | undefined;
  log: vscode.LogOutputChannel;
  restart(): Promise<void>;
}

export function registerCommands(context: vscode.ExtensionContext, { client, log, restart }: CommandContext): void {
  const register = (id: string, run: () => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register(COMMAND_IDS.scanWorkspace, async () => {
    const running = client();
    if (!running) return vscode.window.showWarningMessage('The aidlint server is not running.');
    const result = (await running.sendRequest(ExecuteCommandRequest.type, { command: COMMANDS.scanWorkspace })) as { problems: number } | undefined;
    return vscode.window.showInformationMessage(`aidlint: workspace scan found ${result?.problems ?? 0} problems.`);
  });

  register(COMMAND_IDS.createConfig, async () => {
    const folder = await pickFolder();
    if (!folder) return;
    const target = vscode.Uri.file(path.join(folder.uri.fsPath, CONFIG_FILE_NAME));
    try {
      await vscode.workspace.fs.stat(target);
      return vscode.window.showTextDocument(target);
    } catch {
      await vscode.workspace.fs.writeFile(target, Buffer.from(initialConfigText(), 'utf8'));
      return vscode.window.showTextDocument(target);
    }
  });

  register(COMMAND_IDS.restartServer, async () => {
    log.info('Restarting the aidlint server.');
    await restart();
  });

  register(COMMAND_IDS.showOutput, () => log.show(true));
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create aidlint.json in which folder?' });
}
