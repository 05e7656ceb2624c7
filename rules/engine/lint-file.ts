/**
 * Lints one file's text: pre-filter → analysis (parse + facts, via the index) → rules → suppressions.
 * `lintFile` never throws: a file whose analysis fails becomes one notice, and a file nested too deeply
 * for the default stack is retried on a worker thread with a larger one.
 */
import { redactText } from '../vendors/patterns';
import { applyRules } from './apply-rules';
import { lintOnLargeStack } from './deep-stack';
import { NestingTooDeepError } from './parse';
import { applyDirectives } from './suppress';
import { LineMap } from './text';
import type { LintMessage, NoticeKind, ResolvedConfig, Severity } from './types';
import type { WorkspaceIndex } from './workspace-index';

export interface LintInput {
  filePath: string;
  text: string;
  config: ResolvedConfig;
  index: WorkspaceIndex;
  /** Called when the file is retried on a large stack (a worker with an index of its own). */
  onLargeStack?: () => void;
}

/** Synchronous lint; throws NestingTooDeepError (use `lintFile` unless you handle it). */
export function lintTextSync({ filePath, text, config, index }: LintInput): LintMessage[] {
  // A file that mentions no vendor still holds findings when its literals reach another file's vendor call.
  const definedHere = index.factsDefinedIn(filePath);
  if (!index.needsAnalysis(filePath, text) && !definedHere.length) return [];
  const analysis = index.analysis(filePath, text);
  if (!analysis) return [];
  const lineMap = new LineMap(text);
  // Gathered again: analysing this file's new text drops the analyses that used its old one.
  const facts = [...analysis.facts, ...(definedHere.length ? index.factsDefinedIn(filePath) : [])];
  const rangeIn = (file: string, span: { start: number; end: number }) => {
    const other = index.analysedText(file);
    return other === undefined ? undefined : new LineMap(other).rangeOf(span.start, span.end);
  };
  const messages = applyRules({ filePath, facts, config, lineMap, rangeIn });
  const result = applyDirectives(messages, analysis.directives, { lineMap, unusedSeverity: config.reportUnusedDisableDirectives });
  if (analysis.syntaxError) {
    const { start, end, message } = analysis.syntaxError;
    result.unshift(
      fileNotice(lineMap, 'syntax-error', 'info', `Syntax error: ${message} The file was analysed with error recovery; findings may be incomplete.`, start, end),
    );
  }
  return result;
}

export async function lintFile(input: LintInput): Promise<LintMessage[]> {
  try {
    return lintTextSync(input);
  } catch (error) {
    if (error instanceof NestingTooDeepError) {
      input.index.invalidate(input.filePath);
      input.onLargeStack?.();
      return lintOnLargeStack({ filePath: input.filePath, text: input.text, config: input.config }).catch((deepError: unknown) =>
        [analysisFailed(input.text, deepError)],
      );
    }
    return [analysisFailed(input.text, error)];
  }
}

export function analysisFailed(text: string, error: unknown): LintMessage {
  const reason = error instanceof Error ? error.message : String(error);
  return fileNotice(new LineMap(text), 'analysis-failed', 'warning', `aidlint could not analyse this file: ${redactText(reason)}`, 0, 0);
}

export function fileNotice(lineMap: LineMap, notice: NoticeKind, severity: Severity, message: string, start = 0, end = 0): LintMessage {
  return { ruleId: null, severity, message, notice, range: lineMap.rangeOf(start, end), offset: { start, end } };
}
