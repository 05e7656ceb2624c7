/**
 * Applies suppression directives to a file's messages and reports the directives that are wrong
 * (unknown rule, secret without a reason) or unused, so stale ones do not pile up.
 */
import { isRuleId, rules } from '../definitions';
import type { Directive } from './directives';
import type { LineMap } from './text';
import type { LintMessage, NoticeKind, Severity, SeveritySetting } from './types';

export interface SuppressOptions {
  lineMap: LineMap;
  unusedSeverity: SeveritySetting;
}

const ALL_RULES = '*';

export function applyDirectives(messages: LintMessage[], directives: readonly Directive[], options: SuppressOptions): LintMessage[] {
  if (directives.length === 0) return messages;
  const { lineMap } = options;
  const used = new Map<Directive, Set<string>>(directives.map((directive) => [directive, new Set()]));
  const kept: LintMessage[] = [];
  const notices: LintMessage[] = [];

  const notice = (directive: Directive, kind: NoticeKind, severity: Severity, message: string): void => {
    notices.push({ ruleId: null, severity, message, notice: kind, range: lineMap.rangeOf(directive.span.start, directive.span.end), offset: { ...directive.span } });
  };

  for (const directive of directives) {
    for (const id of directive.ruleIds) {
      if (!isRuleId(id)) notice(directive, 'directive-problem', 'warning', `Unknown rule '${id}' in aidlint-${directive.kind} comment.`);
    }
  }

  for (const message of messages) {
    const ruleId = message.ruleId;
    if (!ruleId) {
      kept.push(message);
      continue;
    }
    const line = message.range.start.line;
    const suppressor = directives.find((directive) => {
      if (!covers(directive, ruleId)) return false;
      if (directive.kind === 'disable-line') return lineMap.positionAt(directive.span.start).line === line;
      if (directive.kind === 'disable-next-line') return lineMap.positionAt(directive.span.end).line + 1 === line;
      return directive.kind === 'disable' && isInDisabledBlock(directives, directive, ruleId, message.offset.start);
    });
    if (suppressor) used.get(suppressor)!.add(suppressor.ruleIds.length ? ruleId : ALL_RULES);
    if (suppressor && rules[ruleId].meta.requiresSuppressionReason && !suppressor.reason) {
      notice(suppressor, 'directive-problem', 'warning', `'${ruleId}' can only be suppressed with a reason: add \` -- <why>\` to the comment.`);
      kept.push(message);
      continue;
    }
    if (!suppressor) kept.push(message);
  }

  if (options.unusedSeverity !== 'off') {
    for (const directive of directives) {
      if (directive.kind === 'enable') continue;
      const usedIds = used.get(directive)!;
      const unusedIds = directive.ruleIds.length ? directive.ruleIds.filter((id) => isRuleId(id) && !usedIds.has(id)) : usedIds.size ? [] : [ALL_RULES];
      if (unusedIds.length === 0) continue;
      const what = unusedIds[0] === ALL_RULES ? 'no problems' : `no ${unusedIds.map((id) => `'${id}'`).join(', ')} problems`;
      notice(directive, 'unused-directive', options.unusedSeverity, `Unused aidlint-${directive.kind} directive (${what} were reported here); remove it.`);
    }
  }
  return [...kept, ...notices].sort((a, b) => a.offset.start - b.offset.start || a.offset.end - b.offset.end);
}

function covers(directive: Directive, ruleId: string): boolean {
  return directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
}

/** A `disable` applies from its comment until a later `enable` that covers the rule. */
function isInDisabledBlock(directives: readonly Directive[], disable: Directive, ruleId: string, offset: number): boolean {
  if (offset < disable.span.end) return false;
  return !directives.some(
    (other) => other.kind === 'enable' && covers(other, ruleId) && other.span.start > disable.span.end && other.span.start < offset,
  );
}
