/**
 * The CLI side of the ratchet: `--suppress-all` and `--prune-suppressions` rewrite aidlint-suppressions.json
 * from this run's findings, and every run with the file removes what it suppresses. With a baseline in use,
 * a warning beyond it fails the run like an error: the point of the baseline is that nothing new gets in.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileResult } from '../engine/types';
import {
  SUPPRESSIONS_FILE,
  type SuppressionCounts,
  SuppressionsFileError,
  applySuppressions,
  keyOf,
  pruneSuppressions,
  readSuppressions,
  suppressAll,
  suppressionsFileOf,
  writeSuppressions,
} from '../report/suppressions';
import { UsageError } from './args';
import type { CliIo } from './io';

export interface BaselineOptions {
  suppressAll: boolean;
  pruneSuppressions: boolean;
  /** The workspace root, where aidlint-suppressions.json lives. */
  root: string;
  /** The paths this run linted (absolute). */
  paths: readonly string[];
}

export interface Baseline {
  results: FileResult[];
  /** A suppressions file is in use: warnings beyond it fail the run. */
  inUse: boolean;
}

export function applyBaseline(results: FileResult[], options: BaselineOptions, io: CliIo): Baseline {
  const file = suppressionsFileOf(options.root);
  let counts: SuppressionCounts | undefined;
  try {
    counts = readSuppressions(file);
  } catch (error) {
    if (error instanceof SuppressionsFileError) throw new UsageError(error.message);
    throw error;
  }
  if (options.suppressAll || options.pruneSuppressions) {
    const linted = new Set(results.map((result) => keyOf(options.root, result.filePath)));
    // A file under the linted paths that is gone now was fixed by deletion: its entries are in scope too.
    const inScope = (relative: string) => linted.has(relative) || (underPaths(path.resolve(options.root, relative), options.paths) && !fs.existsSync(path.resolve(options.root, relative)));
    const before = countOf(counts ?? {});
    counts = options.suppressAll ? suppressAll(counts ?? {}, results, options.root, inScope) : pruneSuppressions(counts ?? {}, results, options.root, inScope);
    writeSuppressions(file, counts);
    io.stderr.write(`aidlint: ${SUPPRESSIONS_FILE} now suppresses ${countOf(counts)} findings in ${Object.keys(counts).length} files (was ${before}).\n`);
  }
  if (!counts) return { results, inUse: false };

  const applied = applySuppressions(results, counts, options.root);
  for (const { file: name, rule, allowed, found } of applied.exceeded) {
    io.stderr.write(`aidlint: ${name} has ${found} ${rule} findings where ${SUPPRESSIONS_FILE} allows ${allowed}; all ${found} are reported.\n`);
  }
  if (applied.suppressed > 0) io.stderr.write(`aidlint: ${applied.suppressed} findings suppressed by ${SUPPRESSIONS_FILE}.\n`);
  return { results: applied.results, inUse: true };
}

function countOf(counts: SuppressionCounts): number {
  return Object.values(counts).reduce((sum, byRule) => sum + Object.values(byRule).reduce((inFile, entry) => inFile + (entry?.count ?? 0), 0), 0);
}

function underPaths(filePath: string, paths: readonly string[]): boolean {
  return paths.some((given) => filePath === given || filePath.startsWith(given.endsWith(path.sep) ? given : given + path.sep));
}
