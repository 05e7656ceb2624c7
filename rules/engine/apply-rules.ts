/**
 * Runs the configured rules over a file's facts: seam, per-rule `allow` globs, vendor switches and
 * severities are decided here once, so each rule only says what it reports and how.
 */
import { matchesAnyGlob } from '../config/globs';
import { ruleIds, rules } from '../definitions';
import { redactText } from '../vendors/patterns';
import type { Fact } from './facts';
import type { Report } from './rule';
import type { LineMap } from './text';
import type { LintMessage, ResolvedConfig, RuleId, Severity } from './types';

export interface ApplyRulesInput {
  filePath: string;
  facts: readonly Fact[];
  config: ResolvedConfig;
  lineMap: LineMap;
}

export function applyRules({ filePath, facts, config, lineMap }: ApplyRulesInput): LintMessage[] {
  const inSeam = matchesAnyGlob(filePath, config.seam);
  const relevantFacts = facts.filter((fact) => !('vendor' in fact) || fact.vendor === 'configured' || config.vendors[fact.vendor] !== false);
  const messages: LintMessage[] = [];
  for (const ruleId of ruleIds) {
    const setting = config.rules[ruleId];
    const rule = rules[ruleId];
    if (!setting || setting.severity === 'off' || (inSeam && !rule.meta.appliesInSeam)) continue;
    const allow = (setting.options.allow as string[] | undefined) ?? [];
    if (allow.length && matchesAnyGlob(filePath, allow.map((pattern) => ({ pattern, base: setting.base })))) continue;
    const severity: Severity = setting.severity;
    const handlers = rule.create({
      options: setting.options,
      filePath,
      report: (report) => messages.push(toMessage(ruleId, severity, rule.meta.messages, report, lineMap)),
    });
    for (const fact of relevantFacts) {
      const handler = handlers[fact.kind] as ((fact: Fact) => void) | undefined;
      handler?.(fact);
    }
  }
  return messages.sort((a, b) => a.offset.start - b.offset.start || a.offset.end - b.offset.end);
}

function toMessage(ruleId: RuleId, severity: Severity, templates: Record<string, string>, report: Report, lineMap: LineMap): LintMessage {
  const template = templates[report.messageId] ?? report.messageId;
  const text = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => report.data?.[key] ?? '');
  return {
    ruleId,
    severity,
    // Rules never put keys in messages; redacting again here makes sure no template mistake ever leaks one.
    message: redactText(text),
    range: lineMap.rangeOf(report.span.start, report.span.end),
    offset: { start: report.span.start, end: report.span.end },
    data: report.data && Object.fromEntries(Object.entries(report.data).map(([key, value]) => [key, redactText(value)])),
  };
}
