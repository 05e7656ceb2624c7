/**
 * The report in the editor: the "AI Dependencies" view and the "Open Coupling Report" webview, both fed
 * by the server's `aidlint/report` and refreshed when it says a workspace scan made new reports.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REPORT_REQUEST, REPORTS_CHANGED_NOTIFICATION, type WorkspaceReport } from '../server/protocol';
import { AI_DEPENDENCIES_VIEW, AiDependenciesProvider } from './ai-dependencies';
import { ReportPanel } from './report-panel';

export const OPEN_REPORT_COMMAND = 'aidlint.openReport';

export class ReportViews {
  private readonly tree = new AiDependenciesProvider();
  private readonly panel = new ReportPanel();
  private readonly view: vscode.TreeView<unknown>;
  private reports: Promise<WorkspaceReport[]> | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.view = vscode.window.createTreeView(AI_DEPENDENCIES_VIEW, { treeDataProvider: this.tree, showCollapseAll: true }) as vscode.TreeView<unknown>;
    context.subscriptions.push(
      this.view,
      this.view.onDidChangeVisibility(({ visible }) => {
        if (visible && !this.reports) void this.load();
      }),
      vscode.commands.registerCommand(OPEN_REPORT_COMMAND, async () => this.panel.show(await (this.reports ?? this.load()))),
    );
  }

  /** Called for each client the extension starts (also after a restart). */
  clientStarted(client: LanguageClient): void {
    client.onNotification(REPORTS_CHANGED_NOTIFICATION, () => void this.load());
    this.reports = undefined;
    if (this.view.visible) void this.load();
  }

  private load(): Promise<WorkspaceReport[]> {
    const running = this.client();
    if (!running) return Promise.resolve([]);
    this.view.message = 'Scanning the workspace…';
    this.reports = Promise.resolve(running.sendRequest<WorkspaceReport[]>(REPORT_REQUEST, {})).then(
      (reports) => {
        this.view.message = reports.some((entry) => entry.report.inventory.models.length + entry.report.inventory.clients.length + entry.report.inventory.endpoints.length + entry.report.inventory.packages.length > 0)
          ? undefined
          : 'No AI dependencies found.';
        this.tree.update(reports);
        this.panel.update(reports);
        return reports;
      },
      (error: unknown) => {
        this.log.error(`The coupling report failed: ${String(error)}`);
        this.view.message = 'The coupling report failed; see the log.';
        this.reports = undefined;
        return [];
      },
    );
    return this.reports;
  }
}
