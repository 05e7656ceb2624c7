/** The `aidlint` command: parse arguments, scan, report, and return the exit code (never exits itself). */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { initialConfigText } from '../config/init';
import { formatConfigProblem } from '../config/load';
import { CONFIG_FILE_NAME, ConfigResolver, describeConfig } from '../config/resolve';
import type { FileResult } from '../engine/types';
import { scan } from '../scan/scan';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args';
import { formatters } from './formatters/index';
import type { CliIo } from './io';
import { createProgress } from './progress';
import { countBySeverity } from './severity-counts';
import { aidlintVersion } from './version';

export type { CliIo } from './io';

const EXIT_CLEAN = 0;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
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
    workspaceRoot: io.cwd,
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

async function lint(options: CliOptions, configs: ConfigResolver, io: CliIo): Promise<number> {
  const paths = options.paths.map((given) => path.resolve(io.cwd, given));
  const missing = options.paths.filter((_given, index) => !existsSync(paths[index]));
  if (missing.length > 0) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);

  const progress = createProgress(io.stderr);
  let results: FileResult[];
  try {
    ({ results } = await scan({ paths, cwd: io.cwd, configs, shard: options.shard, onProgress: (done, total) => progress.update(done, total) }));
  } finally {
    progress.clear();
  }
  if (reportConfigProblems(configs, io)) return EXIT_USAGE;

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
  return counts.error > 0 || tooManyWarnings ? EXIT_PROBLEMS : EXIT_CLEAN;
}

function errorsOnly(result: FileResult): FileResult {
  return { ...result, messages: result.messages.filter((message) => message.severity === 'error') };
}

/** Prints every config problem as `file:line:column: message`; true when there was any. */
function reportConfigProblems(configs: ConfigResolver, io: CliIo): boolean {
  const problems = configs.problems();
  for (const problem of problems) io.stderr.write(`${formatConfigProblem(problem)}\n`);
  return problems.length > 0;
}

function writeReport(file: string, report: string, io: CliIo): boolean {
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
    writeFileSync(file, initialConfigText(), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    io.stderr.write(`aidlint: ${file} already exists; leaving it as it is.\n`);
    return EXIT_USAGE;
  }
  io.stdout.write(`Created ${file}\n`);
  return EXIT_CLEAN;
}
