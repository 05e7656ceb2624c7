/**
 * The per-repository loop and its table. Each repository's checkout is linted once by the CLI; every
 * column is computed from that run, so a new column (e.g. wrap coverage) is one more `RepoColumn`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LabelSet, checkoutName } from './labels';

/** A file of the CLI's JSON report (ESLint's format: 1-based line and column). */
export interface CliFileReport {
  filePath: string;
  messages: Array<{ ruleId: string | null; level: string; message: string; line: number; column: number }>;
}

/** One repository after the CLI ran over its checkout. */
export interface RepoRun {
  set: LabelSet;
  checkout: string;
  exitCode: number;
  /** The CLI's JSON report; paths made relative to the checkout, with `/`. */
  results: CliFileReport[];
  /** Commit recorded in the checkout (`.corpus-commit`), when present. */
  checkoutCommit?: string;
  seconds: number;
}

export interface RepoColumn {
  header: string;
  value(run: RepoRun): string;
}

const CLI = path.join(__dirname, '..', '..', 'bin', 'aidlint.js');

/**
 * The CLI's settings for the corpus: the default configuration, with `vendor-env` on as info (the labels
 * include the environment reads that configure vendor clients; it is off by default) unless `recommended`.
 */
export function cliArguments(recommended: boolean): string[] {
  return ['--format', 'json', ...(recommended ? [] : ['--rule', 'vendor-env:info'])];
}

/** Runs the CLI over one checkout. */
export function runRepository(corpusDir: string, set: LabelSet, recommended = false): RepoRun | undefined {
  const checkout = path.join(corpusDir, checkoutName(set.repo));
  if (!fs.existsSync(checkout)) return undefined;
  const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-eval-')), 'report.json');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [CLI, '.', ...cliArguments(recommended), '--output-file', output], { cwd: checkout, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status === null || child.status === 2 || !fs.existsSync(output)) {
    throw new Error(`aidlint failed on ${set.repo} (exit ${child.status}): ${child.stderr}`);
  }
  const results = (JSON.parse(fs.readFileSync(output, 'utf8')) as CliFileReport[]).map((result) => ({
    ...result,
    filePath: path.relative(checkout, result.filePath).split(path.sep).join('/'),
  }));
  fs.rmSync(path.dirname(output), { recursive: true, force: true });
  const commitFile = path.join(checkout, '.corpus-commit');
  const checkoutCommit = fs.existsSync(commitFile) ? fs.readFileSync(commitFile, 'utf8').trim() : undefined;
  return { set, checkout, exitCode: child.status, results, checkoutCommit, seconds };
}

/** Runs every repository (reporting missing checkouts) and prints one table row per repository. */
export function forEachRepository(corpusDir: string, sets: LabelSet[], columns: RepoColumn[], out: (line: string) => void, recommended = false): RepoRun[] {
  const runs: RepoRun[] = [];
  for (const set of sets) {
    const run = runRepository(corpusDir, set, recommended);
    if (!run) {
      out(`missing checkout: ${path.join(corpusDir, checkoutName(set.repo))} (${set.repo} @ ${set.commit})`);
      continue;
    }
    if (run.checkoutCommit && run.checkoutCommit !== set.commit) out(`warning: ${set.repo} is checked out at ${run.checkoutCommit}, labelled at ${set.commit}`);
    runs.push(run);
  }
  out(formatTable(['repository', ...columns.map((column) => column.header)], runs.map((run) => [run.set.repo, ...columns.map((column) => column.value(run))])));
  return runs;
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
