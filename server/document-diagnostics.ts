/**
 * Diagnostics for open documents: pulled (`textDocument/diagnostic`) where the client supports it,
 * pushed (`textDocument/publishDiagnostics`) otherwise. Typing is debounced; a result computed for an
 * older version of the document is never delivered (the pull is cancelled with a retrigger instead).
 * Each version of a document is analysed once: pulls and code actions for that version share the lint.
 * With `aidlint.run: onSave`, documents are linted when opened and saved, and keep those results between.
 */
import { setTimeout as delay } from 'node:timers/promises';
import {
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  LSPErrorCodes,
  ResponseError,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from './diagnostics';
import type { DocumentLinter } from './linter';
import type { SettingsCache } from './settings';
import type { Status } from './status';

/** Quiet time after a keystroke before linting, so a burst of edits is linted once. */
export const TYPING_DEBOUNCE_MS = 120;

interface Result {
  resultId: string;
  version: number;
  report: DocumentDiagnosticReport & { kind: 'full' };
}

/** The diagnostics of one version of a document. */
export interface Analysis {
  version: number;
  diagnostics: Diagnostic[];
}

class StaleResult extends Error {}

export class DocumentDiagnostics {
  /** What each document's last delivered report said. */
  private readonly results = new Map<string, Result>();
  /** The latest analysis of each open document, running or done (for its version only). */
  private readonly analyses = new Map<string, { version: number; analysis: Promise<Analysis> }>();
  /** Documents saved (or opened) since their last lint, for `run: onSave`. */
  private readonly lintOnNextPull = new Set<string>();
  private nextResultId = 1;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly linter: DocumentLinter,
    private readonly settings: SettingsCache,
    private readonly status: Status,
    readonly pull: boolean,
    /** The client accepts `workspace/diagnostic/refresh`; without it, it pulls again on its own schedule. */
    private readonly canRefresh: boolean,
  ) {
    documents.onDidOpen(({ document }) => this.lintOnNextPull.add(document.uri));
    documents.onDidSave(({ document }) => {
      this.lintOnNextPull.add(document.uri);
      if (this.pull) void this.refresh();
    });
    documents.onDidClose(({ document }) => {
      this.results.delete(document.uri);
      this.analyses.delete(document.uri);
      this.status.documentClosed(document.uri);
      if (!this.pull) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    });
    if (pull) {
      connection.languages.diagnostics.on((params, token) => this.onPull(params.textDocument.uri, params.previousResultId, token));
    } else {
      documents.onDidChangeContent(({ document }) => void this.push(document));
    }
  }

  /** Everything may have changed (configuration, a client module): have the client pull again, or push again. */
  async refresh(): Promise<void> {
    this.analyses.clear();
    if (!this.pull) {
      for (const document of this.documents.all()) void this.push(document, false);
    } else if (this.canRefresh) {
      // A client that fails the request still pulls later; a rejected refresh must not end the server.
      await this.connection.languages.diagnostics.refresh().catch(() => undefined);
    }
  }

  private async onPull(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const document = this.documents.get(uri);
    if (!document) return { kind: 'full', items: [] };
    const settings = await this.settings.get(uri);
    const previous = this.results.get(uri);
    if (settings.run === 'onSave' && previous && !this.lintOnNextPull.has(uri)) {
      return previous.resultId === previousResultId ? { kind: 'unchanged', resultId: previous.resultId } : previous.report;
    }
    try {
      return (await this.lintCurrent(document, previous !== undefined && settings.run === 'onType', token)).report;
    } catch (error) {
      if (error instanceof StaleResult) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; lint again.', { retriggerRequest: true });
      throw error;
    }
  }

  private async push(document: TextDocument, debounce = true): Promise<void> {
    const settings = await this.settings.get(document.uri);
    if (settings.run === 'onSave' && this.results.has(document.uri) && !this.lintOnNextPull.has(document.uri)) return;
    try {
      const { report } = await this.lintCurrent(document, debounce && settings.run === 'onType');
      await this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: report.items });
    } catch (error) {
      if (!(error instanceof StaleResult)) throw error;
    }
  }

  /**
   * The analysis of the document's current version: the one already running or done for that version,
   * or a new lint started now (no debounce: whoever asks needs it now).
   */
  analysisOf(document: TextDocument): Promise<Analysis> {
    const { uri, version } = document;
    const known = this.analyses.get(uri);
    if (known?.version === version) return known.analysis;
    const analysis = this.linter.lint(document).then((messages) => ({ version, diagnostics: messages.map(toDiagnostic) }));
    this.analyses.set(uri, { version, analysis });
    // A failed lint (the client refused the settings) is asked again next time, not remembered.
    analysis.catch(() => this.analyses.get(uri)?.analysis === analysis && this.analyses.delete(uri));
    return analysis;
  }

  /** Lints the document as it is now; throws StaleResult when it changes before the result is ready. */
  private async lintCurrent(document: TextDocument, debounce: boolean, token?: CancellationToken): Promise<Result> {
    const { uri, version } = document;
    const isCurrent = () => !token?.isCancellationRequested && this.documents.get(uri)?.version === version;
    if (debounce) await delay(TYPING_DEBOUNCE_MS);
    if (!isCurrent()) throw new StaleResult();
    const { diagnostics } = await this.analysisOf(document);
    if (!isCurrent()) throw new StaleResult();
    const result: Result = { resultId: String(this.nextResultId++), version, report: { kind: 'full', resultId: '', items: diagnostics } };
    result.report.resultId = result.resultId;
    this.results.set(uri, result);
    this.lintOnNextPull.delete(uri);
    this.status.documentLinted(uri, diagnostics.length);
    return result;
  }
}
