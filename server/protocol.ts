/**
 * What the aidlint server says beyond standard LSP: a status notification and the commands it executes.
 * Editor-neutral: any client may listen to the status or call the commands; none of it is required.
 */

export const STATUS_NOTIFICATION = 'aidlint/status';

/** The code action kind of "fix all aidlint problems" (`editor.codeActionsOnSave: { "source.fixAll.aidlint": … }`). */
export const FIX_ALL_KIND = 'source.fixAll.aidlint';

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
