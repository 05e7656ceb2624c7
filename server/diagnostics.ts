/** LintMessage → LSP Diagnostic, and the editor-only severity customizations (`aidlint.rules.customizations`). */
import { minimatch } from 'minimatch';
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { ruleDocsUrl } from '../rules/engine/rule';
import type { LintMessage, Severity } from '../rules/engine/types';
import { SUPPRESSIONS_FILE } from '../rules/report/suppressions';
import { isBulkSuppressed } from './bulk-suppressions';
import type { RuleCustomization } from './settings';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a code action needs to know about a diagnostic, carried in `Diagnostic.data`. */
export interface DiagnosticData {
  ruleId: string | null;
}

export function toDiagnostic(message: LintMessage): Diagnostic {
  const diagnostic: Diagnostic = {
    range: message.range,
    severity: LSP_SEVERITY[message.severity],
    source: 'aidlint',
    message: message.message,
    data: { ruleId: message.ruleId } satisfies DiagnosticData,
  };
  if (message.ruleId) {
    diagnostic.code = message.ruleId;
    diagnostic.codeDescription = { href: ruleDocsUrl(message.ruleId) };
  } else if (message.notice) {
    diagnostic.code = message.notice;
  }
  if (message.notice === 'unused-directive') diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (isBulkSuppressed(message)) {
    diagnostic.severity = DiagnosticSeverity.Hint;
    diagnostic.message += ` (suppressed by ${SUPPRESSIONS_FILE})`;
  }
  return diagnostic;
}

const ORDER: Severity[] = ['info', 'warning', 'error'];

/** Applies customizations in order (the last matching one wins, as in vscode-eslint); `off` removes the message. */
export function customize(messages: LintMessage[], customizations: readonly RuleCustomization[]): LintMessage[] {
  if (customizations.length === 0) return messages;
  const result: LintMessage[] = [];
  for (const message of messages) {
    const ruleId = message.ruleId;
    const customization = ruleId ? [...customizations].reverse().find((candidate) => matchesRule(candidate.rule, ruleId)) : undefined;
    if (!customization || customization.severity === 'default') {
      result.push(message);
      continue;
    }
    const severity = customSeverity(message.severity, customization.severity);
    if (severity) result.push({ ...message, severity });
  }
  return result;
}

function matchesRule(pattern: string, ruleId: string): boolean {
  const negated = pattern.startsWith('!');
  const matches = minimatch(ruleId, negated ? pattern.slice(1) : pattern);
  return negated ? !matches : matches;
}

function customSeverity(current: Severity, wanted: RuleCustomization['severity']): Severity | undefined {
  switch (wanted) {
    case 'off':
      return undefined;
    case 'warn':
      return 'warning';
    case 'downgrade':
      return ORDER[Math.max(0, ORDER.indexOf(current) - 1)];
    case 'upgrade':
      return ORDER[Math.min(ORDER.length - 1, ORDER.indexOf(current) + 1)];
    case 'default':
      return current;
    default:
      return wanted;
  }
}
