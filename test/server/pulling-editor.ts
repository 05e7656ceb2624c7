/**
 * One open document pulled for diagnostics the way VS Code's language client pulls them (vscode-languageclient
 * 11, lib/common/diagnostic.js, `DiagnosticRequestor.pullAsync`): every edit asks for a pull; at most one pull
 * is in flight, and an edit while it runs cancels it (`$/cancelRequest`) and asks for a new one once it ends;
 * a pull the server cancels (`ServerCancelled`, with `retriggerRequest`) is made again; the report of a pull
 * that was not overtaken is what the editor shows; `workspace/diagnostic/refresh` pulls again. Tests check that
 * this always ends on the final text.
 */
import { CancellationTokenSource, type Diagnostic, DocumentDiagnosticRequest, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import type { TestClient } from './lsp-client';

const SERVER_CANCELLED = -32802;
const REQUEST_CANCELLED = -32800;

export class PullingEditor {
  /** What the editor shows: the items of the last report it accepted. */
  shown: Diagnostic[] | undefined;
  /** Reports accepted, pulls sent, and pulls answered with ServerCancelled. */
  readonly counts = { shown: 0, pulls: 0, serverCancelled: 0 };
  /** Pulls that failed otherwise (the real client would then drop the pull it owes). */
  readonly failures: string[] = [];
  private running: CancellationTokenSource | undefined;
  private pullAgain = false;
  private idleWaiters: Array<() => void> = [];

  private readonly onRefresh = () => this.pull();

  constructor(
    private readonly client: TestClient,
    readonly uri: string,
  ) {
    client.refreshListeners.push(this.onRefresh);
  }

  /** The document was closed: refreshes no longer pull it. */
  close(): void {
    this.client.refreshListeners.splice(this.client.refreshListeners.indexOf(this.onRefresh), 1);
  }

  /** Sends the edit, then asks for a pull as the client does once the notification is out. */
  async edit(changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = await this.client.edit(this.uri, changes);
    this.pull();
    return version;
  }

  pull(): void {
    if (this.running) {
      this.running.cancel();
      this.pullAgain = true;
      return;
    }
    const source = new CancellationTokenSource();
    this.running = source;
    this.counts.pulls++;
    void this.run(source);
  }

  /** Resolves once no pull is in flight or owed. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(source: CancellationTokenSource): Promise<void> {
    let again = false;
    try {
      const report = await this.client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: this.uri } }, source.token);
      // An answer to a cancelled request is dropped (and pulled again), as the client drops it.
      if (source.token.isCancellationRequested) again = true;
      else if (report.kind === 'full') {
        this.shown = report.items;
        this.counts.shown++;
      }
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === SERVER_CANCELLED) {
        this.counts.serverCancelled++;
        // Without `retriggerRequest` the client marks the document out of date and pulls no more, whatever edits came.
        again = (error as { data?: { retriggerRequest?: boolean } }).data?.retriggerRequest !== false;
        if (!again) this.pullAgain = false;
      } else if (code === REQUEST_CANCELLED) again = true;
      else {
        // The client forgets the pull it owed: only the next edit pulls again.
        this.failures.push(String(error));
        this.pullAgain = false;
      }
    } finally {
      source.dispose();
    }
    this.running = undefined;
    if (again || this.pullAgain) {
      this.pullAgain = false;
      this.pull();
      return;
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
