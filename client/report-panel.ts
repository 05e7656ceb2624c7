/**
 * "aidlint: Open Coupling Report": the report's HTML (the same page `aidlint report` writes) in a webview.
 * Its Content-Security-Policy allows only its own inline style and script (by nonce): no remote content,
 * and no local resources either. A click on a location asks to open it; the page is redrawn after a scan.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderReportHtml } from '../rules/report/html';
import type { WorkspaceReport } from '../server/protocol';

export const REPORT_PANEL = 'aidlint.couplingReport';

interface OpenMessage {
  type: 'open';
  file: string;
  line: number;
  column: number;
}

export class ReportPanel {
  private panel: vscode.WebviewPanel | undefined;
  private shown: WorkspaceReport | undefined;

  /** Shows the report of a folder (asked which when there are several), in the existing panel if open. */
  async show(reports: WorkspaceReport[]): Promise<void> {
    const chosen = reports.length <= 1 ? reports[0] : await pickFolder(reports);
    if (!chosen) {
      if (reports.length === 0) void vscode.window.showInformationMessage('aidlint: no workspace folder to report on.');
      return;
    }
    this.shown = chosen;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(REPORT_PANEL, 'aidlint: Coupling Report', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: OpenMessage) => this.open(message));
    }
    this.render();
    this.panel.reveal();
  }

  /** New reports after a workspace scan: an open panel shows its folder's new one. */
  update(reports: WorkspaceReport[]): void {
    const fresh = reports.find((entry) => entry.root === this.shown?.root);
    if (!this.panel || !fresh) return;
    this.shown = fresh;
    this.render();
  }

  private render(): void {
    if (this.panel && this.shown) this.panel.webview.html = renderReportHtml(this.shown.report);
  }

  private async open(message: OpenMessage): Promise<void> {
    if (message?.type !== 'open' || !this.shown || typeof message.file !== 'string') return;
    const target = path.resolve(this.shown.root, message.file);
    // Only files of the reported folder: the page is data, and data does not choose what opens.
    if (path.relative(this.shown.root, target).startsWith('..')) return;
    const position = new vscode.Position(Math.max(0, message.line - 1), Math.max(0, message.column - 1));
    await vscode.window.showTextDocument(vscode.Uri.file(target), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
  }
}

async function pickFolder(reports: WorkspaceReport[]): Promise<WorkspaceReport | undefined> {
  const picked = await vscode.window.showQuickPick(
    reports.map((entry) => ({ label: entry.report.project, description: entry.root, entry })),
    { placeHolder: 'The coupling report of which folder?' },
  );
  return picked?.entry;
}
