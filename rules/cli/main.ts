/** The `aidlint` command: parse arguments, scan, report, and return the exit code (never exits itself). */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { relativePosix } from '../config/globs';
import type * as Init from '../config/init';
import { formatConfigProblem } from '../config/load';
import { CONFIG_FILE_NAME, ConfigResolver, describeConfig } from '../config/resolve';
import type { FileResult } from '../engine/types';
import type * as Diff from 'diff';
import { rules } from '../definitions';
import type * as FixRun from '../fixes/fix-run';
import { defaultCacheLocation } from '../scan/cache';
import { listFiles, scan } from '../scan/scan';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args';
import { applyBaseline } from './baseline';
import { formatters } from './formatters/index';
import type { CliIo } from './io';
import { createProgress } from './progress';
import type * as ReportCommand from './report-command';
import type * as SeamCommand from './seam-command';
import { countBySeverity } from './severity-counts';
import { aidlintVersion } from './version';

export type { CliIo } from './io';

const EXIT_CLEAN = 0;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;

/*
 * What only some runs need is loaded when used (`require`), so a lint, and above all a warm `--cache` run
 * with nothing changed, does not load the fixes, the report, the seam commands or `diff`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const SUBCOMMANDS: Record<string, () => (argv: string[], io: CliIo) => Promise<number> | number> = {
  report: () => (require('./report-command') as typeof ReportCommand).runReport,
  seam: () => (require('./seam-command') as typeof SeamCommand).runSeam,
};
const fixRun = () => require('../fixes/fix-run') as typeof FixRun;
/* eslint-enable @typescript-eslint/no-require-imports */

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const subcommand = Object.hasOwn(SUBCOMMANDS, argv[0] ?? '') ? SUBCOMMANDS[argv[0]] : undefined;
    if (subcommand) return await subcommand()(argv.slice(1), io);
    return await run(parseCliArgs(argv), io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`aidlint: ${error.message}\nRun 'aidlint --help' for usage.\n`);
    return EXIT_USAGE;
  }
}

async function run(options: CliOptions, io: CliIo): Promise<number> {
  if (options.help) {
    io.stdout.write(USAGE);
    return EXIT_CLEAN;
  }
  if (options.version) {
    io.stdout.write(`${aidlintVersion()}\n`);
    return EXIT_CLEAN;
  }
  if (options.init) return init(io);

  const configs = new ConfigResolver({
    workspaceRoot: workspaceRootFor(io.cwd, options.printConfig === undefined ? options.paths : [options.printConfig]),
    configFile: options.configFile === undefined ? undefined : path.resolve(io.cwd, options.configFile),
    ruleOverrides: options.ruleOverrides,
  });
  if (options.printConfig !== undefined) {
    const config = configs.configFor(path.resolve(io.cwd, options.printConfig));
    if (reportConfigProblems(configs, io)) return EXIT_USAGE;
    io.stdout.write(`${JSON.stringify(describeConfig(config, configs.workspaceRoot), null, 2)}\n`);
    return EXIT_CLEAN;
  }
  return lint(options, configs, io);
}

/**
 * Default globs (`src/ai/**`, include, exclude) are anchored at the workspace root: the current folder,
 * unless the paths given lie outside it (`aidlint /elsewhere/app`), then the folder that holds them all.
 */
export function workspaceRootFor(cwd: string, givenPaths: readonly string[]): string {
  const targets = givenPaths.map((given) => path.resolve(cwd, given));
  if (targets.every((target) => relativePosix(cwd, target) !== undefined)) return cwd;
  const folders = targets.map((target) => (existsSync(target) && !statSync(target).isDirectory() ? path.dirname(target) : target));
  return folders.reduce((common, folder) => {
    while (relativePosix(common, folder) === undefined) common = path.dirname(common);
    return common;
  });
}

async function lint(options: CliOptions, configs: ConfigResolver, io: CliIo): Promise<number> {
  const paths = options.paths.map((given) => path.resolve(io.cwd, given));
  const missing = options.paths.filter((_given, index) => !existsSync(paths[index]));
  if (missing.length > 0) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);

  const runScan = async (): Promise<FileResult[]> => {
    const progress = createProgress(io.stderr);
    try {
      const cache = options.cache ? { location: cacheLocation(io.cwd, options.cacheLocation ?? defaultCacheLocation(configs.workspaceRoot)), strategy: options.cacheStrategy } : undefined;
      const scanned = await scan({ paths, cwd: io.cwd, configs, shard: options.shard, cache, onProgress: (done, total) => progress.update(done, total) });
      if (scanned.cache?.warning) io.stderr.write(`aidlint: ${scanned.cache.warning}\n`);
      return scanned.results;
    } finally {
      progress.clear();
    }
  };
  let results = await runScan();
  if (reportConfigProblems(configs, io)) return EXIT_USAGE;
  if (options.fix || options.fixDryRun) {
    const { fixFiles, writeFixedFiles, FixRunError } = fixRun();
    // Callers of a function whose result a fix changes may be anywhere in the project, not only in the given paths.
    const projectFiles = await listFiles([configs.workspaceRoot], configs);
    let fixed: FixRun.FixRunResult;
    try {
      fixed = fixFiles(filesWithFixableProblems(results), configs, projectFiles);
    } catch (error) {
      if (!(error instanceof FixRunError)) throw error;
      io.stderr.write(`aidlint: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const vendorOnly = fixed.skipped.filter((skipped) => /-only feature/.test(skipped.reason)).length;
    const notApplied = fixed.skipped.length ? `; ${fixed.skipped.length} not applied${vendorOnly ? `, ${vendorOnly} of them vendor-only features with no neutral equivalent` : ''} (see the remaining problems)` : '';
    io.stderr.write(`aidlint: ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'} in ${fixed.files.length} file${fixed.files.length === 1 ? '' : 's'}${notApplied}.\n`);
    const notices = fixed.files.flatMap((file) => (file.notice ? [file.notice.message] : []));
    if (options.fixDryRun) {
      io.stdout.write(unifiedDiff(fixed.files, io.cwd));
      for (const notice of notices) io.stderr.write(`aidlint: once the diff is applied: ${notice}\n`);
      return EXIT_CLEAN;
    }
    writeFixedFiles(fixed.files);
    for (const notice of notices) io.stderr.write(`aidlint: ${notice}\n`);
    results = await runScan();
  }

  const baseline = applyBaseline(results, { suppressAll: options.suppressAll, pruneSuppressions: options.pruneSuppressions, root: configs.workspaceRoot, paths }, io);
  results = baseline.results;
  const counts = countBySeverity(results.flatMap((result) => result.messages));
  const shown = options.quiet ? results.map(errorsOnly) : results;
  const color = options.color ?? (options.outputFile === undefined && io.isTTY && !io.env.NO_COLOR);
  const report = formatters[options.format](shown, { cwd: io.cwd, color });
  if (options.outputFile === undefined) {
    io.stdout.write(report);
  } else if (!writeReport(path.resolve(io.cwd, options.outputFile), report, io)) {
    return EXIT_USAGE;
  }

  // Counted before --quiet, as ESLint does: hiding warnings does not lift the limit on them.
  const tooManyWarnings = options.maxWarnings !== undefined && counts.warning > options.maxWarnings;
  if (tooManyWarnings && counts.error === 0) {
    io.stderr.write(`aidlint found too many warnings (maximum: ${options.maxWarnings}).\n`);
  }
  // With a baseline, nothing new may get in: a warning beyond it fails the run too.
  return counts.error > 0 || tooManyWarnings || (baseline.inUse && counts.warning > 0) ? EXIT_PROBLEMS : EXIT_CLEAN;
}

/** Absolute, keeping a final separator: `dir/` names a folder for the cache file even before it exists. */
function cacheLocation(cwd: string, given: string): string {
  return path.resolve(cwd, given) + (/[\\/]$/.test(given) ? path.sep : '');
}

function filesWithFixableProblems(results: readonly FileResult[]): string[] {
  return results.filter((result) => result.messages.some((message) => message.ruleId && rules[message.ruleId].meta.fixable)).map((result) => result.filePath);
}

function unifiedDiff(files: readonly FixRun.FixedFile[], cwd: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTwoFilesPatch } = require('diff') as typeof Diff;
  return files
    .map((file) => {
      const relative = path.relative(cwd, file.filePath).split(path.sep).join('/');
      return createTwoFilesPatch(file.before === undefined ? '/dev/null' : `a/${relative}`, file.removed ? '/dev/null' : `b/${relative}`, file.before ?? '', file.after, undefined, undefined, { context: 3 });
    })
    .join('');
}

function errorsOnly(result: FileResult): FileResult {
  return { ...result, messages: result.messages.filter((message) => message.severity === 'error') };
}

/** Prints every config problem as `file:line:column: message`; true when there was any. */
export function reportConfigProblems(configs: ConfigResolver, io: CliIo): boolean {
  const problems = configs.problems();
  for (const problem of problems) io.stderr.write(`${formatConfigProblem(problem)}\n`);
  return problems.length > 0;
}

export function writeReport(file: string, report: string, io: CliIo): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, report);
    return true;
  } catch (error) {
    io.stderr.write(`aidlint: cannot write the report to ${file}: ${(error as Error).message}\n`);
    return false;
  }
}

function init(io: CliIo): number {
  const file = path.join(io.cwd, CONFIG_FILE_NAME);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    writeFileSync(file, (require('../config/init') as typeof Init).initialConfigText(), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    io.stderr.write(`aidlint: ${file} already exists; leaving it as it is.\n`);
    return EXIT_USAGE;
  }
  io.stdout.write(`Created ${file}\n`);
  return EXIT_CLEAN;
}
