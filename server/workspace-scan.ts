/**
 * "Scan Workspace": lints every file of every workspace folder, reporting progress, and serves the
 * results as workspace diagnostics (`workspace/diagnostic`) for files that are not open, until they change.
 * The scan shares the server's thread: it pauses every few milliseconds, so typing in an open file keeps
 * getting its diagnostics while a large tree is scanned.
 */
import type { Connection, WorkspaceDiagnosticParams, WorkspaceDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import { scan } from '../rules/scan/scan';
import { applyEditorSuppressions, isBulkSuppressed } from './bulk-suppressions';
import { customize, toDiagnostic } from './diagnostics';
import type { Log } from './log';
import type { SettingsCache } from './settings';
import type { Status } from './status';
import { slowScanForTests } from './test-hooks';
import { pathOf, uriOf } from './uris';
import type { WorkspaceReports } from './workspace-reports';
import type { Workspaces } from './workspaces';

/** How long the scan works before it lets waiting requests and notifications in. */
export const SCAN_SLICE_MS = 4;

/** A scan `pause`: nothing until `sliceMs` of work have passed, then one turn of the event loop. */
export function pauseEvery(sliceMs: number): () => Promise<void> | undefined {
  let sliceStarted = performance.now();
  return () => {
    slowScanForTests();
    if (performance.now() - sliceStarted < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        sliceStarted = performance.now();
        resolve();
      }),
    );
  };
}

export class WorkspaceScan {
  constructor(
    private readonly connection: Connection,
    private readonly workspaces: Workspaces,
    private readonly settings: SettingsCache,
    private readonly status: Status,
    private readonly log: Log,
    /** Builds each folder's coupling report from the scan's pass. */
    private readonly reports?: WorkspaceReports,
  ) {}

  /** Runs the scan; resolves with the number of problems found. */
  async run(): Promise<number> {
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('aidlint: scanning the workspace', 0, undefined, true);
    this.status.busy('Scanning the workspace');
    let problems = 0;
    try {
      for (const workspace of this.workspaces.all()) {
        const settings = await this.settings.get(uriOf(workspace.root));
        const before = new Set(workspace.scanResults.keys());
        workspace.scanned = settings.enable;
        if (!settings.enable) {
          for (const filePath of before) workspace.setScanResult(filePath, []);
          continue;
        }
        const configs = workspace.configs(settings.configFile);
        let reported = 0;
        const { results, index } = await scan({
          paths: [workspace.root],
          cwd: workspace.root,
          configs,
          pause: pauseEvery(SCAN_SLICE_MS),
          onProgress: (done, total) => {
            const percentage = Math.floor((done / total) * 100);
            if (percentage !== reported) progress.report((reported = percentage), `${done}/${total} files in ${workspace.root}`);
          },
        });
        for (const result of results) {
          const messages = customize(applyEditorSuppressions(workspace.root, result.filePath, result.messages, settings.suppressedFindings, this.log), settings.rules.customizations);
          workspace.setScanResult(result.filePath, messages);
          before.delete(result.filePath);
          // Findings within the baseline are hints, which the Problems panel does not list: not counted either.
          problems += messages.filter((message) => !isBulkSuppressed(message)).length;
        }
        for (const vanished of before) workspace.setScanResult(vanished, []);
        await this.reports?.scanned(workspace, { results, index, configs });
      }
      this.reports?.changed();
      this.log.info(`Workspace scan finished: ${problems} problems.`);
      this.status.scanned(problems);
      return problems;
    } catch (error) {
      this.log.error('The workspace scan failed', error);
      this.status.failed('The workspace scan failed; see the log.');
      throw error;
    } finally {
      progress.done();
    }
  }

  /**
   * Scan results for files that are not open (open files are reported by document diagnostics); a file
   * whose result the client already has is reported unchanged. Clients poll this, so it must stay cheap.
   */
  report(params: WorkspaceDiagnosticParams): WorkspaceDiagnosticReport {
    const known = new Map(params.previousResultIds.map((previous) => [pathOf(previous.uri), previous.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const workspace of this.workspaces.all()) {
      for (const [filePath, { resultId, messages }] of workspace.scanResults) {
        if (this.workspaces.isOpen(filePath)) continue;
        const uri = uriOf(filePath);
        if (known.get(filePath) === resultId) items.push({ kind: 'unchanged', uri, resultId, version: null });
        else items.push({ kind: 'full', uri, resultId, version: null, items: messages.map(toDiagnostic) });
      }
    }
    return { items };
  }
}
