/** The language status item: server state and problem count; clicking it opens the log. */
import * as vscode from 'vscode';
import type { StatusParams } from '../server/protocol';
import { COMMAND_IDS } from './commands';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('aidlint.status', selector);
    this.item.name = 'aidlint';
    this.item.command = { title: 'Show Output', command: COMMAND_IDS.showOutput };
  }

  starting(): void {
    this.item.text = '$(sync~spin) aidlint';
    this.item.detail = 'starting';
    this.item.busy = true;
  }

  update(status: StatusParams): void {
    this.item.busy = status.state === 'busy';
    this.item.severity = status.state === 'error' ? vscode.LanguageStatusSeverity.Error : status.problems > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    const count = `${status.problems} problem${status.problems === 1 ? '' : 's'}`;
    this.item.text = status.state === 'error' ? '$(error) aidlint' : status.state === 'disabled' ? 'aidlint (disabled)' : `aidlint: ${count}`;
    const when = status.lastValidation ? `, last validated ${new Date(status.lastValidation).toLocaleTimeString()}` : '';
    this.item.detail = status.message ?? `${status.state}${when}`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
