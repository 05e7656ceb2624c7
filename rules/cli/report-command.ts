/** `aidlint report [paths…]`: the coupling report as one HTML file, JSON, or the AI inventory as CycloneDX. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigResolver } from '../config/resolve';
import { buildReport } from '../report/build';
import { NotAReportError, compareReports, parseReport } from '../report/compare';
import { toCycloneDx } from '../report/cyclonedx';
import { renderReportHtml } from '../report/html';
import type { CouplingReport } from '../report/types';
import { scan } from '../scan/scan';
import { UsageError } from './args';
import type { CliIo } from './io';
import { reportConfigProblems, workspaceRootFor, writeReport } from './main';
import { createProgress } from './progress';
import { aidlintVersion } from './version';

const REPORT_FORMATS = {
  html: (report: CouplingReport) => renderReportHtml(report),
  json: (report: CouplingReport) => `${JSON.stringify(report, null, 2)}\n`,
  cyclonedx: toCycloneDx,
};

type ReportFormat = keyof typeof REPORT_FORMATS;

export const REPORT_USAGE = `Usage: aidlint report [paths…] [options]

The coupling report: findings by vendor, rule, severity and folder, seam coverage, concentration (AI
calls that can reach only one vendor) and the AI inventory (models, endpoints, API versions, env vars,
SDK packages). Paths default to the current folder.

Options:
  -f, --format NAME        html (one self-contained file), json, or cyclonedx (the inventory as CycloneDX 1.6)
  -o, --output FILE        Write the report to FILE instead of standard output
      --compare FILE       Add the trend against an earlier report written with --format json
  -c, --config FILE        Use this config file instead of looking up aidlint.json
  -h, --help               Show this help
`;

export async function runReport(argv: string[], io: CliIo): Promise<number> {
  const options = parseReportArgs(argv);
  if (options.help) {
    io.stdout.write(REPORT_USAGE);
    return 0;
  }
  const paths = options.paths.map((given) => path.resolve(io.cwd, given));
  const missing = options.paths.filter((_given, index) => !existsSync(paths[index]));
  if (missing.length > 0) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);
  const earlier = options.compare === undefined ? undefined : readEarlierReport(path.resolve(io.cwd, options.compare));

  const configs = new ConfigResolver({
    workspaceRoot: workspaceRootFor(io.cwd, options.paths),
    configFile: options.config === undefined ? undefined : path.resolve(io.cwd, options.config),
  });
  const progress = createProgress(io.stderr);
  let scanned;
  try {
    scanned = await scan({ paths, cwd: io.cwd, configs, onProgress: (done, total) => progress.update(done, total) });
  } finally {
    progress.clear();
  }
  if (reportConfigProblems(configs, io)) return 2;

  const report = buildReport({ root: configs.workspaceRoot, results: scanned.results, index: scanned.index, configs, toolVersion: aidlintVersion() });
  for (const problem of report.notes) io.stderr.write(`aidlint: ${problem}\n`);
  if (earlier) report.trend = compareReports(report, earlier);
  const text = REPORT_FORMATS[options.format](report);
  if (options.output === undefined) {
    io.stdout.write(text);
    return 0;
  }
  const target = path.resolve(io.cwd, options.output);
  if (!writeReport(target, text, io)) return 2;
  io.stderr.write(`aidlint: wrote the ${options.format} report to ${options.output}\n`);
  return 0;
}

interface ReportOptions {
  paths: string[];
  format: ReportFormat;
  output?: string;
  compare?: string;
  config?: string;
  help: boolean;
}

function parseReportArgs(argv: string[]): ReportOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        compare: { type: 'string' },
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`report: ${(error as Error).message.replace(/\. To specify a positional argument.*$/su, '.')}`);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'html';
  if (!Object.hasOwn(REPORT_FORMATS, format)) throw new UsageError(`Unknown report format '${format}'; use one of ${Object.keys(REPORT_FORMATS).join(', ')}.`);
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: format as ReportFormat,
    output: values.output,
    compare: values.compare,
    config: values.config,
    help: values.help ?? false,
  };
}

function readEarlierReport(file: string): CouplingReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--compare: cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return parseReport(text, file);
  } catch (error) {
    if (error instanceof NotAReportError) throw new UsageError(`--compare: ${error.message}`);
    throw error;
  }
}
