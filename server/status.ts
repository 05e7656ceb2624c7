/** The `aidlint/status` notification: state, problem count and time of the last validation. */
import type { Connection } from 'vscode-languageserver';
import { STATUS_NOTIFICATION, type ServerState, type StatusParams } from './protocol';

export class Status {
  private readonly documentProblems = new Map<string, number>();
  private scanProblems = 0;
  private lastValidation: string | undefined;
  private failure: string | undefined;

  constructor(private readonly connection: Connection) {}

  documentLinted(uri: string, problems: number): void {
    this.documentProblems.set(uri, problems);
    this.validated();
  }

  documentClosed(uri: string): void {
    if (this.documentProblems.delete(uri)) this.send();
  }

  scanned(problems: number): void {
    this.scanProblems = problems;
    this.validated();
  }

  busy(message: string): void {
    this.send('busy', message);
  }

  failed(message: string): void {
    this.failure = message;
    this.send('error', message);
  }

  private validated(): void {
    this.lastValidation = new Date().toISOString();
    this.failure = undefined;
    this.send();
  }

  private send(state?: ServerState, message?: string): void {
    const problems = this.scanProblems + [...this.documentProblems.values()].reduce((sum, count) => sum + count, 0);
    const params: StatusParams = {
      state: state ?? (this.failure ? 'error' : problems > 0 ? 'problems' : 'ok'),
      problems,
      lastValidation: this.lastValidation,
      message: message ?? this.failure,
    };
    void this.connection.sendNotification(STATUS_NOTIFICATION, params);
  }
}
