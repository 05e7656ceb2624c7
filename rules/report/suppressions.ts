/**
 * Bulk suppressions, the ratchet for adopting aidlint on a large code base (ESLint's idea and file shape):
 * `aidlint-suppressions.json` at the workspace root holds, per file and rule, how many findings existed
 * when it was written: `{ "src/a.ts": { "vendor-call": { "count": 2 } } }`. A file with at most that many
 * findings of a rule has them all suppressed; with more, which ones are new cannot be told, so all of them
 * are reported again (as ESLint does). Pruning lowers the counts to what is left after fixes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { relativePosix } from '../config/globs';
import { isRuleId } from '../definitions/index';
import type { FileResult, LintMessage, RuleId } from '../engine/types';

export const SUPPRESSIONS_FILE = 'aidlint-suppressions.json';

export type SuppressionCounts = Record<string, Partial<Record<RuleId, { count: number }>>>;

/** A suppressions file that cannot be used: said with the file and the reason, never silently ignored. */
export class SuppressionsFileError extends Error {}

export function suppressionsFileOf(root: string): string {
  return path.join(root, SUPPRESSIONS_FILE);
}

/** The counts in the file; undefined when there is no file. */
export function readSuppressions(file: string): SuppressionCounts | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SuppressionsFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SuppressionsFileError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) throw new SuppressionsFileError(`${file} must hold an object of files, as { "src/a.ts": { "vendor-call": { "count": 2 } } }`);
  const counts: SuppressionCounts = {};
  for (const [file, byRule] of Object.entries(parsed)) {
    if (!isRecord(byRule)) throw new SuppressionsFileError(`${SUPPRESSIONS_FILE}: the entry of "${file}" must be an object of rules`);
    for (const [rule, entry] of Object.entries(byRule)) {
      const count = isRecord(entry) ? entry.count : undefined;
      if (!isRuleId(rule)) throw new SuppressionsFileError(`${SUPPRESSIONS_FILE}: unknown rule "${rule}" for "${file}"`);
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new SuppressionsFileError(`${SUPPRESSIONS_FILE}: "${file}" → "${rule}" needs { "count": <whole number> }`);
      (counts[file] ??= {})[rule] = { count };
    }
  }
  return counts;
}

/** Sorted by file and rule, so the file diffs well in review. */
export function writeSuppressions(file: string, counts: SuppressionCounts): void {
  const sorted = Object.fromEntries(
    Object.keys(counts)
      .sort()
      .map((name) => [name, Object.fromEntries(Object.keys(counts[name]).sort().map((rule) => [rule, counts[name][rule as RuleId]]))]),
  );
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

/** Findings per file (relative to `root`) and rule; notices are never suppressed. */
export function countFindings(results: readonly FileResult[], root: string): SuppressionCounts {
  const counts: SuppressionCounts = {};
  for (const result of results) {
    for (const message of result.messages) {
      if (message.ruleId === null) continue;
      const entry = ((counts[keyOf(root, result.filePath)] ??= {})[message.ruleId] ??= { count: 0 });
      entry.count++;
    }
  }
  return counts;
}

/**
 * `--suppress-all`: the entries of the files in scope become their current counts; other files keep theirs.
 * `inScope(file)` says whether a file (relative) was linted by this run or lies under its paths.
 */
export function suppressAll(existing: SuppressionCounts, results: readonly FileResult[], root: string, inScope: (file: string) => boolean): SuppressionCounts {
  const current = countFindings(results, root);
  const kept = Object.fromEntries(Object.entries(existing).filter(([file]) => !inScope(file)));
  return { ...kept, ...current };
}

/** `--prune-suppressions`: counts of files in scope drop to what is found now (never rise); emptied entries go. */
export function pruneSuppressions(existing: SuppressionCounts, results: readonly FileResult[], root: string, inScope: (file: string) => boolean): SuppressionCounts {
  const current = countFindings(results, root);
  const pruned: SuppressionCounts = {};
  for (const [file, byRule] of Object.entries(existing)) {
    for (const [rule, entry] of Object.entries(byRule) as Array<[RuleId, { count: number }]>) {
      const count = inScope(file) ? Math.min(entry.count, current[file]?.[rule]?.count ?? 0) : entry.count;
      if (count > 0) (pruned[file] ??= {})[rule] = { count };
    }
  }
  return pruned;
}

export interface Exceeded {
  file: string;
  rule: RuleId;
  allowed: number;
  found: number;
}

/** Which messages of a file the counts suppress, and the rules whose findings outgrew their count. */
export function suppressedIn(messages: readonly LintMessage[], allowed: SuppressionCounts[string] | undefined): { suppressed: Set<LintMessage>; exceeded: Array<Omit<Exceeded, 'file'>> } {
  const suppressed = new Set<LintMessage>();
  const exceeded: Array<Omit<Exceeded, 'file'>> = [];
  if (!allowed) return { suppressed, exceeded };
  const byRule = new Map<RuleId, LintMessage[]>();
  for (const message of messages) if (message.ruleId) byRule.set(message.ruleId, [...(byRule.get(message.ruleId) ?? []), message]);
  for (const [rule, found] of byRule) {
    const count = allowed[rule]?.count ?? 0;
    if (found.length <= count) for (const message of found) suppressed.add(message);
    else if (count > 0) exceeded.push({ rule, allowed: count, found: found.length });
  }
  return { suppressed, exceeded };
}

/** The results without what the counts suppress, how many were, and where findings outgrew their count. */
export function applySuppressions(results: readonly FileResult[], counts: SuppressionCounts, root: string): { results: FileResult[]; suppressed: number; exceeded: Exceeded[] } {
  let suppressedCount = 0;
  const exceeded: Exceeded[] = [];
  const remaining = results.map((result) => {
    const file = keyOf(root, result.filePath);
    const { suppressed, exceeded: outgrown } = suppressedIn(result.messages, counts[file]);
    suppressedCount += suppressed.size;
    exceeded.push(...outgrown.map((entry) => ({ file, ...entry })));
    return suppressed.size === 0 ? result : { ...result, messages: result.messages.filter((message) => !suppressed.has(message)) };
  });
  return { results: remaining, suppressed: suppressedCount, exceeded };
}

export function keyOf(root: string, filePath: string): string {
  return relativePosix(root, filePath) ?? filePath.split(path.sep).join('/');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
