/**
 * The ratchet in the editor: findings that the workspace's aidlint-suppressions.json suppresses are shown
 * as hints (`aidlint.suppressedFindings: "hint"`, the default) or not at all (`"hide"`), exactly as the CLI
 * counts them (when a file has more findings of a rule than allowed, all of them show as usual). The file
 * is read again whenever it changes on disk; a broken one is logged once and suppresses nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LintMessage } from '../rules/engine/types';
import { SUPPRESSIONS_FILE, type SuppressionCounts, keyOf, readSuppressions, suppressedIn, suppressionsFileOf } from '../rules/report/suppressions';
import type { Log } from './log';

export type SuppressedFindings = 'hint' | 'hide';

/** Carried in `LintMessage.data` of a suppressed finding; the diagnostic becomes a hint. */
export const SUPPRESSED_BY = 'suppressedBy';

const cache = new Map<string, { mtimeMs: number; counts: SuppressionCounts | undefined; problem?: string; logged?: boolean }>();

export function isSuppressionsFile(filePath: string): boolean {
  return path.basename(filePath) === SUPPRESSIONS_FILE;
}

export function isBulkSuppressed(message: LintMessage): boolean {
  return message.data?.[SUPPRESSED_BY] !== undefined;
}

/** The messages as the editor shows them under the workspace's suppressions file. */
export function applyEditorSuppressions(root: string, filePath: string, messages: LintMessage[], mode: SuppressedFindings, log?: Log): LintMessage[] {
  const counts = countsOf(suppressionsFileOf(root), log);
  if (!counts) return messages;
  const { suppressed } = suppressedIn(messages, counts[keyOf(root, filePath)]);
  if (suppressed.size === 0) return messages;
  if (mode === 'hide') return messages.filter((message) => !suppressed.has(message));
  return messages.map((message) => (suppressed.has(message) ? { ...message, data: { ...message.data, [SUPPRESSED_BY]: SUPPRESSIONS_FILE } } : message));
}

/** The file's counts, read again when its modification time changes; a problem with it is logged once. */
function countsOf(file: string, log: Log | undefined): SuppressionCounts | undefined {
  const mtimeMs = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  if (mtimeMs === undefined) {
    cache.delete(file);
    return undefined;
  }
  let entry = cache.get(file);
  if (entry?.mtimeMs !== mtimeMs) {
    entry = { mtimeMs, counts: undefined };
    try {
      entry.counts = readSuppressions(file);
    } catch (error) {
      entry.problem = (error as Error).message;
    }
    cache.set(file, entry);
  }
  if (entry.problem && log && !entry.logged) {
    log.error(`${SUPPRESSIONS_FILE} is not used: ${entry.problem}`);
    entry.logged = true;
  }
  return entry.counts;
}
