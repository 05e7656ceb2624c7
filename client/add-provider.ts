/** The "Add a Provider to the AI Seam" command: pick a provider (and folder); the server edits the seam. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ADDABLE_PROVIDERS } from '../rules/vendors/seam-providers';
import { ADD_PROVIDER_REQUEST, type AddProviderAnswer, type AddProviderParams } from '../server/protocol';

export const ADD_PROVIDER_COMMAND = 'aidlint.addProvider';

export function registerAddProvider(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(ADD_PROVIDER_COMMAND, async () => {
      const running = client();
      if (!running) return vscode.window.showWarningMessage('The aidlint server is not running.');
      const picked = await vscode.window.showQuickPick(
        ADDABLE_PROVIDERS.map((provider) => ({ label: provider.name, description: provider.sdk ? `${provider.sdk.name}@${provider.sdk.version}` : 'on the openai SDK' })),
        { placeHolder: 'Add which provider to the AI seam?' },
      );
      const folders = vscode.workspace.workspaceFolders ?? [];
      const folder = !picked ? undefined : folders.length <= 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Whose seam?' });
      if (!picked || !folder) return undefined;
      const params: AddProviderParams = { folderUri: folder.uri.toString(), provider: picked.label };
      const answer: AddProviderAnswer = await running.sendRequest(ADD_PROVIDER_REQUEST, params);
      if ('error' in answer) return vscode.window.showErrorMessage(`aidlint: ${answer.error}`);
      return vscode.window.showInformationMessage(`aidlint: ${answer.done.join('; ')}.`);
    }),
  );
}
