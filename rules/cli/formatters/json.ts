/**
 * ESLint's JSON format, so tools that read ESLint reports read ours:
 * `[{ filePath, messages: [{ ruleId, severity, message, line, column, endLine, endColumn }], errorCount, … }]`,
 * with 1-based line and column and an exclusive endColumn, as ESLint's.
 *
 * ESLint knows two severities (2 error, 1 warning); aidlint has three. An info is given ESLint's 1, so
 * ESLint tools show it as a warning, and every message also carries `level` ("error" | "warning" | "info")
 * to tell them apart. `warningCount` counts warnings only; infos are counted in the extra `infoCount`.
 * File-level notices have `ruleId: null`; those at error level are `fatal`, as ESLint marks files it
 * could not lint, and counted in `fatalErrorCount`. `fix` is not reported yet, so the fixable counts are 0.
 */
import type { LintMessage, RuleId, Severity } from '../../engine/types';
import { countBySeverity } from '../severity-counts';
import { oneBased, type Formatter } from './formatter';

const ESLINT_SEVERITY: Record<Severity, 1 | 2> = { error: 2, warning: 1, info: 1 };

interface JsonMessage {
  ruleId: RuleId | null;
  severity: 1 | 2;
  level: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal?: true;
}

export const json: Formatter = (results) => {
  const report = results.map((result) => {
    const counts = countBySeverity(result.messages);
    const messages = result.messages.map(toJsonMessage);
    return {
      filePath: result.filePath,
      messages,
      errorCount: counts.error,
      fatalErrorCount: messages.filter((message) => message.fatal).length,
      warningCount: counts.warning,
      infoCount: counts.info,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    };
  });
  return `${JSON.stringify(report)}\n`;
};

function toJsonMessage(message: LintMessage): JsonMessage {
  const fatal = message.ruleId === null && message.severity === 'error';
  return {
    ruleId: message.ruleId,
    severity: ESLINT_SEVERITY[message.severity],
    level: message.severity,
    message: message.message,
    ...oneBased(message.range),
    ...(fatal ? { fatal } : {}),
  };
}
