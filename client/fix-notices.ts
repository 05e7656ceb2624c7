/**
 * After a fix whose edit needs a step of the user's (a dependency added to package.json must be
 * installed): a notification saying so, with a button that runs the install in a terminal.
 */
import * as vscode from 'vscode';
import type { FixNotice } from '../rules/fixes/types';
import { CLIENT_COMMANDS } from '../server/protocol';

export function registerFixNotices(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.afterFix, async (...notices: FixNotice[]) => {
      for (const notice of notices) {
        const run = notice.run;
        const choice = await vscode.window.showInformationMessage(`aidlint: ${notice.message}`, ...(run ? [`Run ${run.command}`] : []));
        if (run && choice) {
          const terminal = vscode.window.createTerminal({ name: 'aidlint', cwd: run.cwd });
          terminal.show();
          terminal.sendText(run.command);
        }
      }
    }),
  );
}
