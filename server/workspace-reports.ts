/**
 * The coupling report of each workspace folder, for the editor's "AI Dependencies" view and report
 * webview (`aidlint/report`). A workspace scan builds it from the same pass (its index holds the facts);
 * asked for before any scan, the server scans for it. Both the scan and the build pause as Scan Workspace
 * does, so typing keeps its diagnostics meanwhile. Clients hear `aidlint/reportsChanged` after each scan.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import type { ConfigResolver } from '../rules/config/resolve';
import type { FileResult } from '../rules/engine/types';
import type { WorkspaceIndex } from '../rules/engine/workspace-index';
import { aidlintVersion } from '../rules/cli/version';
import { buildReportPaused } from '../rules/report/build';
import { scan } from '../rules/scan/scan';
import type { Log } from './log';
import { REPORT_REQUEST, REPORTS_CHANGED_NOTIFICATION, type ReportParams, type WorkspaceReport } from './protocol';
import type { SettingsCache } from './settings';
import { uriOf } from './uris';
import { SCAN_SLICE_MS, pauseEvery } from './workspace-scan';
import type { Workspace, Workspaces } from './workspaces';

export interface ScanOutcome {
  results: readonly FileResult[];
  index: WorkspaceIndex;
  configs: ConfigResolver;
}

export class WorkspaceReports {
  private readonly reports = new Map<string, WorkspaceReport['report']>();

  constructor(
    private readonly connection: Connection,
    private readonly workspaces: Workspaces,
    private readonly settings: SettingsCache,
    private readonly log: Log,
  ) {
    connection.onRequest(REPORT_REQUEST, (params: ReportParams | undefined) => this.get(params ?? {}));
  }

  /** A workspace scan finished: its report replaces the one before. */
  async scanned(workspace: Workspace, outcome: ScanOutcome): Promise<void> {
    try {
      this.reports.set(workspace.root, await this.build(workspace.root, outcome));
    } catch (error) {
      this.log.error(`The coupling report of ${workspace.root} failed`, error);
      this.reports.delete(workspace.root);
    }
  }

  /** Every workspace scan is done: tell clients to ask again. */
  changed(): void {
    void this.connection.sendNotification(REPORTS_CHANGED_NOTIFICATION);
  }

  private async get({ refresh }: ReportParams): Promise<WorkspaceReport[]> {
    const answers: WorkspaceReport[] = [];
    for (const workspace of this.workspaces.all()) {
      const settings = await this.settings.get(uriOf(workspace.root));
      if (!settings.enable) continue;
      let report = refresh ? undefined : this.reports.get(workspace.root);
      if (!report) {
        const configs = workspace.configs(settings.configFile);
        const { results, index } = await scan({ paths: [workspace.root], cwd: workspace.root, configs, pause: pauseEvery(SCAN_SLICE_MS) });
        report = await this.build(workspace.root, { results, index, configs });
        this.reports.set(workspace.root, report);
      }
      answers.push({ root: workspace.root, report });
    }
    return answers;
  }

  private async build(root: string, { results, index, configs }: ScanOutcome): Promise<WorkspaceReport['report']> {
    const started = Date.now();
    const report = await buildReportPaused({ root, results, index, configs, toolVersion: toolVersion() }, pauseEvery(SCAN_SLICE_MS));
    this.log.info(`Coupling report of ${root}: ${report.totals.findings} findings, ${report.concentration.aiCalls} AI calls (${Date.now() - started} ms).`);
    return report;
  }
}

/** The version in package.json: found from out/ in a checkout, from dist/ when bundled into the extension. */
function toolVersion(): string {
  try {
    return aidlintVersion();
  } catch {
    try {
      return (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  }
}
