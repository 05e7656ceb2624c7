/**
 * What the aidlint server says beyond standard LSP: a status notification and the commands it executes.
 * Editor-neutral: any client may listen to the status or call the commands; none of it is required.
 */

import type { CouplingReport } from '../rules/report/types';

export const STATUS_NOTIFICATION = 'aidlint/status';

/** `aidlint/report`: the coupling report of each workspace folder (from the last workspace scan, else a fresh one). */
export const REPORT_REQUEST = 'aidlint/report';
/** Sent after a workspace scan: reports are new, ask again. */
export const REPORTS_CHANGED_NOTIFICATION = 'aidlint/reportsChanged';

export interface ReportParams {
  /** Scan again instead of answering with the last scan's report. */
  refresh?: boolean;
}

export interface WorkspaceReport {
  root: string;
  report: CouplingReport;
}

/** \`aidlint/addProvider\`: add a provider to a workspace folder's seam; the server applies the edit (\`workspace/applyEdit\`). */
export const ADD_PROVIDER_REQUEST = 'aidlint/addProvider';

export interface AddProviderParams {
  /** The workspace folder whose seam gets the provider. */
  folderUri: string;
  provider: string;
}

/** What was done (one line each), or why nothing was. */
export type AddProviderAnswer = { done: string[] } | { error: string };

export type ServerState = 'ok' | 'problems' | 'busy' | 'disabled' | 'error';

export interface StatusParams {
  state: ServerState;
  /** Problems currently shown for open documents and the last workspace scan. */
  problems: number;
  /** ISO time of the last completed validation. */
  lastValidation?: string;
  /** A short human sentence (what failed, what is running). */
  message?: string;
}

/** Executed by the server (`workspace/executeCommand`); editors' own command ids stay free for the client. */
export const COMMANDS = {
  /** Lint every file of every workspace folder and report them through workspace diagnostics. */
  scanWorkspace: 'aidlint.server.scanWorkspace',
  /** Open a rule's documentation (argument: the URL). */
  showDocumentation: 'aidlint.server.showDocumentation',
} as const;

/**
 * Commands the client registers, which code actions name: `afterFix` runs once a fix's edit is applied,
 * with the fix's notices (`FixNotice[]`: a dependency added to package.json, and how to install it).
 */
export const CLIENT_COMMANDS = {
  afterFix: 'aidlint.afterFix',
} as const;
