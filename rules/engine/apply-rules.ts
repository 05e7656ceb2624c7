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
import type { LintMessage, Range, RelatedLocation, ResolvedConfig, RuleId, Severity } from './types';

export interface ApplyRulesInput {
  filePath: string;
  facts: readonly Fact[];
  config: ResolvedConfig;
  lineMap: LineMap;
  /** Range of a span in another file (related locations); without it, such locations are left out. */
  rangeIn?: (file: string, span: { start: number; end: number }) => Range | undefined;
}

export function applyRules({ filePath, facts, config, lineMap, rangeIn }: ApplyRulesInput): LintMessage[] {
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
      report: (report) => messages.push(toMessage(ruleId, severity, rule.meta.messages, report, lineMap, relatedOf(report))),
    });
    for (const fact of relevantFacts) {
      const handler = handlers[fact.kind] as ((fact: Fact) => void) | undefined;
      handler?.(fact);
    }
  }
  function relatedOf(report: Report): RelatedLocation[] | undefined {
    const related = report.related?.flatMap(({ file, span, message }) => {
      const range = file === filePath ? lineMap.rangeOf(span.start, span.end) : rangeIn?.(file, span);
      return range ? [{ filePath: file, range, message }] : [];
    });
    return related?.length ? related : undefined;
  }
  return messages.sort((a, b) => a.offset.start - b.offset.start || a.offset.end - b.offset.end);
}

function toMessage(
  ruleId: RuleId,
  severity: Severity,
  templates: Record<string, string>,
  report: Report,
  lineMap: LineMap,
  related: RelatedLocation[] | undefined,
): LintMessage {
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
    ...(related && { related }),
  };
}
