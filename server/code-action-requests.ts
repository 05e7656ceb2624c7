/**
 * `textDocument/codeAction`: quick fixes for the aidlint diagnostics in the requested range and, when asked
 * for by kind, `source.fixAll.aidlint`. The diagnostics come from the server's own analysis of the document's
 * current version (waited for, within a bound, when the request arrives first), so the answer never depends
 * on how up to date the client's diagnostics are. A request answered with nothing although diagnostics of
 * ours cover its range is logged with the reason.
 */
import * as path from 'node:path';
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActionsFor } from './code-actions';
import type { Analysis, DocumentDiagnostics } from './document-diagnostics';
import { type FixContext, fixAllAction, quickFixes } from './fix-actions';
import type { Log } from './log';
import { FIX_ALL_KIND } from './protocol';
import type { SettingsCache } from './settings';
import { slowFixAllForTests } from './test-hooks';
import { pathOf } from './uris';
import type { Workspaces } from './workspaces';

/** How long a code action request waits for the analysis of its document version before using the client's diagnostics. */
export const ANALYSIS_WAIT_MS = 5_000;

export class CodeActionRequests {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspaces: Workspaces,
    private readonly settings: SettingsCache,
    private readonly diagnostics: DocumentDiagnostics,
    private readonly log: Log,
    private readonly fileOperations: FixContext['fileOperations'],
  ) {}

  async answer(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
    const document = this.documents.get(params.textDocument.uri);
    const filePath = document && pathOf(document.uri);
    if (!document || !filePath) return [];
    const { version } = document;
    // Fix-all is computed only when asked for by kind (on save, or the Source Action menu), not for every lightbulb.
    const only = params.context.only;
    const wantsFixAll = only?.some((kind) => FIX_ALL_KIND.startsWith(kind)) ?? false;
    const wantsQuickFixes = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
    const covering = wantsQuickFixes ? await this.diagnosticsIn(document, params, token) : [];
    if (wantsFixAll) await slowFixAllForTests();
    const workspace = this.workspaces.forFile(filePath);
    const where = `${path.relative(workspace.root, filePath)} ${rangeText(params.range)} (version ${version})`;
    const shown = params.context.diagnostics.filter((diagnostic) => diagnostic.source === 'aidlint');
    if (document.version !== version) {
      // A request the editor cancelled (it does when the text changes) is not shown: nothing to say then.
      if (wantsQuickFixes && !token.isCancellationRequested) this.logEmpty(where, shown, 'the document changed while its analysis was awaited (the editor asks again)');
      return [];
    }
    const context = await this.fixContext(document, filePath);
    const actions = wantsQuickFixes ? [...quickFixes(context, covering), ...codeActionsFor(document, covering)] : [];
    if (wantsQuickFixes && actions.length === 0) {
      this.logEmpty(where, covering.length > 0 ? covering : shown, covering.length > 0 ? 'they are notices, which have no fixes or directives' : "the editor's diagnostics are older than the text, which has none there");
    }
    if (!wantsFixAll) return actions;
    const fixAll = fixAllAction(context);
    // Says what a save's fix-all did (codeActionsOnSave shows nothing when it applies no edit).
    const skipped = fixAll.skipped.map((reason) => `\n  not applied: ${reason}`).join('');
    this.log.info(`Fix all in ${path.relative(workspace.root, filePath)} (version ${version}): ${fixAll.applied} fixes${skipped}`);
    return fixAll.action ? [...actions, fixAll.action] : actions;
  }

  /**
   * Our diagnostics of the current version that touch the range. Until the analysis is ready (bounded), and
   * if it is not, the client's diagnostics stand in: they are what the user saw.
   */
  private async diagnosticsIn(document: TextDocument, params: CodeActionParams, token: CancellationToken): Promise<Diagnostic[]> {
    const analysis = await withinBound(this.diagnostics.analysisOf(document), ANALYSIS_WAIT_MS, token);
    if (analysis) return analysis.diagnostics.filter((diagnostic) => touches(diagnostic.range, params.range));
    const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === 'aidlint');
    if (!token.isCancellationRequested) this.log.info(`Code actions for ${document.uri}: the analysis took longer than ${ANALYSIS_WAIT_MS} ms; answered from the editor's diagnostics.`);
    return ours;
  }

  private async fixContext(document: TextDocument, filePath: string): Promise<FixContext> {
    const workspace = this.workspaces.forFile(filePath);
    // Fixes look for the seam on disk; the previous fix may have just created it, before the file watcher says so.
    workspace.host.forgetExistence();
    const { configFile } = await this.settings.get(document.uri);
    const configs = workspace.configs(configFile);
    const projectFiles = await workspace.projectFiles();
    return {
      input: {
        filePath,
        text: document.getText(),
        config: configs.configFor(filePath),
        index: workspace.index,
        host: workspace.host,
        workspaceRoot: workspace.root,
        projectFiles: () => projectFiles,
      },
      document,
      openDocument: (file) => this.workspaces.openDocument(file),
      fileOperations: this.fileOperations,
    };
  }

  private logEmpty(where: string, covering: readonly Diagnostic[], reason: string): void {
    if (covering.length === 0) return;
    const codes = covering.map((diagnostic) => diagnostic.code ?? diagnostic.message).join(', ');
    this.log.info(`No code actions for ${where}, although ${codes} cover it: ${reason}.`);
  }
}

/** The analysis, unless it takes longer than `bound` ms or the request is cancelled first. */
function withinBound(analysis: Promise<Analysis>, bound: number, token: CancellationToken): Promise<Analysis | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), bound);
    const cancelled = token.onCancellationRequested(() => done(undefined));
    function done(result: Analysis | undefined): void {
      clearTimeout(timer);
      cancelled.dispose();
      resolve(result);
    }
    analysis.then(done, () => done(undefined));
  });
}

/** Ranges that overlap or meet (a cursor at either end of a diagnostic is on it, as editors count it). */
export function touches(a: Range, b: Range): boolean {
  return !isBefore(a.end, b.start) && !isBefore(b.end, a.start);
}

function isBefore(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function rangeText({ start, end }: Range): string {
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}
