/** Matching a repository's findings against its labels: hits, misses and false positives, by rule. */
import type { RepoRun } from './repositories';
import { type Label, inScope, labelKey } from './labels';

/** Left out of the count: exported signatures naming vendor types are a design note, not a call site. */
export const UNCOUNTED_RULES = ['vendor-type-leak'];
/** With the plain `recommended` preset, `vendor-env` (off there) is left out too. */
export const uncountedRules = (recommended: boolean): string[] => (recommended ? [...UNCOUNTED_RULES, 'vendor-env'] : UNCOUNTED_RULES);

export interface Finding {
  path: string;
  line: number;
  rule: string;
  message: string;
}

export interface RepoScore {
  hits: Finding[];
  misses: Label[];
  falsePositives: Finding[];
  /** Every counted finding anywhere in the checkout (for repositories without AI: must be none). */
  all: Finding[];
}

export function findingsOf(run: RepoRun, uncounted = UNCOUNTED_RULES): Finding[] {
  return run.results.flatMap((result) =>
    result.messages
      .filter((message) => message.ruleId !== null && !uncounted.includes(message.ruleId))
      .map((message) => ({ path: result.filePath, line: message.line, rule: message.ruleId!, message: message.message })),
  );
}

export function scoreRepository(run: RepoRun, uncounted = UNCOUNTED_RULES): RepoScore {
  const all = findingsOf(run, uncounted);
  const expected = new Map(run.set.labels.filter((label) => label.expected && !uncounted.includes(label.rule)).map((label) => [labelKey(label), label]));
  const found = new Map<string, Finding>();
  for (const finding of all) if (run.set.kind === 'no-ai' || inScope(run.set, finding.path)) found.set(labelKey(finding), finding);
  return {
    hits: [...found.values()].filter((finding) => expected.has(labelKey(finding))),
    misses: [...expected.values()].filter((label) => !found.has(labelKey(label))),
    falsePositives: [...found.values()].filter((finding) => !expected.has(labelKey(finding))),
    all,
  };
}

export const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);
