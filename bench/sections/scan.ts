/**
 * Section "scan": aidlint's full scan of the tree against ESLint and oxlint doing the equivalent job. Each
 * tool runs as a child process: one warm-up, then N timed runs; the verdicts compare medians.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchContext, SectionOutcome } from '../context';
import { measure, MEMORY_METHOD_LABELS, type Measurement } from '../measure';
import type { ToolName } from '../options';
import { describeSpeedup, formatMegabytes, formatMs, formatRatio, paint, table, toMegabytes, verdict } from '../report';
import { summarize, type Summary } from '../stats';
import { TOOLS, type Sanity, type Tool } from '../tools';

/** SPEC §8 targets. */
const TARGETS = { fasterThanEslint: 20, fasterThanOxlint: 1, peakMemoryMb: 300 } as const;
/** Exit codes up to 1 mean "ran and found problems"; 2 and above are crashes or usage errors. */
const HIGHEST_SUCCESS_EXIT_CODE = 1;
const STDERR_TAIL_CHARS = 800;

export interface ToolResult {
  tool: ToolName;
  label: string;
  status: 'measured' | 'unavailable' | 'failed';
  /** Why the tool was not measured or failed. */
  reason?: string;
  runs: Measurement[];
  wallMs?: Summary;
  /** Highest peak RSS over the timed runs. */
  peakRssBytes?: number;
  sanity?: Sanity;
}

export interface Verdict {
  name: string;
  /** `≥ 20×`, `< 300 MB`. */
  target: string;
  /** The measured ratio or megabytes; undefined when a tool it needs was not measured. */
  value?: number;
  pass?: boolean;
  /** `27.3× faster`, `180 MB`, `not measured`. */
  outcome: string;
}

export interface ScanData {
  tools: ToolResult[];
  verdicts: Verdict[];
}

class ToolFailure extends Error {}

export async function runScanSection(context: BenchContext): Promise<SectionOutcome<ScanData>> {
  const { options } = context;
  const results: ToolResult[] = [];
  for (const name of options.tools) {
    const runs = name === 'eslint' ? options.eslintRuns : options.runs;
    results.push(await benchmarkTool(context, TOOLS[name], runs));
  }
  const verdicts = judge(results);
  printResults(context, results, verdicts);
  const sound = results.every((result) => result.status === 'measured' && result.sanity?.ok === true);
  return { data: { tools: results, verdicts }, sound };
}

async function benchmarkTool(context: BenchContext, tool: Tool, runs: number): Promise<ToolResult> {
  const { repoRoot, outputDir, tree, memoryMethod } = context;
  const base = { tool: tool.name, label: tool.label(repoRoot), runs: [] as Measurement[] };
  const reason = tool.unavailable(repoRoot);
  if (reason) {
    context.progress(`${tool.name}: not available (${reason})`);
    return { ...base, status: 'unavailable', reason };
  }
  const invocation = tool.invocation(repoRoot, outputDir, tree);
  // A report left from an earlier run must not pass for this run's.
  if (invocation.reportFile) fs.rmSync(invocation.reportFile, { force: true });
  const files = { stdout: path.join(outputDir, `${tool.name}.stdout`), stderr: path.join(outputDir, `${tool.name}.stderr`) };
  const runOnce = async (what: string): Promise<Measurement> => {
    const measurement = await measure(memoryMethod, invocation.command, invocation.args, repoRoot, files);
    if (measurement.exitCode > HIGHEST_SUCCESS_EXIT_CODE) {
      const stderr = fs.readFileSync(files.stderr, 'utf8').slice(-STDERR_TAIL_CHARS).trim();
      throw new ToolFailure(`${what} exited with code ${measurement.exitCode}${stderr ? `: ${stderr}` : ''}`);
    }
    context.progress(`${tool.name} ${what}: ${formatMs(measurement.wallMs)}, peak ${formatMegabytes(measurement.peakRssBytes)}`);
    return measurement;
  };

  try {
    if (context.options.warmup) await runOnce('warm-up');
    for (let run = 1; run <= runs; run++) base.runs.push(await runOnce(`run ${run}/${runs}`));
  } catch (error) {
    if (!(error instanceof ToolFailure)) throw error;
    context.progress(`${tool.name}: ${error.message}`);
    return { ...base, status: 'failed', reason: error.message };
  }
  const peaks = base.runs.flatMap((run) => (run.peakRssBytes === undefined ? [] : [run.peakRssBytes]));
  return {
    ...base,
    status: 'measured',
    wallMs: summarize(base.runs.map((run) => run.wallMs)),
    peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : undefined,
    sanity: checkReport(tool, invocation.reportFile ?? files.stdout, context),
  };
}

function checkReport(tool: Tool, reportFile: string, context: BenchContext): Sanity {
  try {
    return tool.check(fs.readFileSync(reportFile, 'utf8'), context.repoRoot, context.tree);
  } catch (error) {
    return { ok: false, summary: `unreadable report ${reportFile}`, problems: [String(error)] };
  }
}

function judge(results: readonly ToolResult[]): Verdict[] {
  const measured = (tool: ToolName) => results.find((result) => result.tool === tool && result.status === 'measured');
  const speedVerdict = (other: ToolName, target: number): Verdict => {
    const name = `aidlint vs ${other}`;
    const aidlintMs = measured('aidlint')?.wallMs?.median;
    const otherMs = measured(other)?.wallMs?.median;
    if (aidlintMs === undefined || otherMs === undefined) return { name, target: `≥ ${target}×`, outcome: 'not measured' };
    const ratio = otherMs / aidlintMs;
    return { name, target: `≥ ${target}×`, value: ratio, pass: ratio >= target, outcome: describeSpeedup(ratio) };
  };
  return [
    speedVerdict('eslint', TARGETS.fasterThanEslint),
    speedVerdict('oxlint', TARGETS.fasterThanOxlint),
    memoryVerdict(measured('aidlint')?.peakRssBytes),
  ];
}

function memoryVerdict(peakBytes: number | undefined): Verdict {
  const name = 'aidlint peak memory';
  const target = `< ${TARGETS.peakMemoryMb} MB`;
  if (peakBytes === undefined) return { name, target, outcome: 'not measured' };
  const value = toMegabytes(peakBytes);
  return { name, target, value, pass: value < TARGETS.peakMemoryMb, outcome: formatMegabytes(peakBytes) };
}

function printResults(context: BenchContext, results: readonly ToolResult[], verdicts: readonly Verdict[]): void {
  const { manifest } = context.tree;
  const aidlintMs = results.find((result) => result.tool === 'aidlint')?.wallMs?.median;
  console.log(
    paint('bold', `Full scan of ${manifest.sourceFiles.toLocaleString('en-US')} files`) +
      ` (${(manifest.lines / 1e6).toFixed(2)}M lines, ${Math.round(manifest.bytes / 1e6)} MB, ${manifest.vendorCoupled.length} vendor-coupled)`,
  );
  const rows = results.map((result) => {
    if (result.status !== 'measured' || !result.wallMs) return [result.tool, result.label, '–', result.status, '', '', ''];
    const { median, min, max } = result.wallMs;
    const relative = aidlintMs === undefined ? '–' : formatRatio(median / aidlintMs);
    return [result.tool, result.label, String(result.runs.length), formatMs(median), `${formatMs(min)}–${formatMs(max)}`, formatMegabytes(result.peakRssBytes), relative];
  });
  console.log(table(['tool', 'version', 'runs', 'median', 'min–max', 'peak', 'time vs aidlint'], rows, [false, false, true, true, true, true, true]));
  console.log(`Peak memory: ${MEMORY_METHOD_LABELS[context.memoryMethod]}.`);
  console.log('');
  for (const { name, outcome, target, pass } of verdicts) {
    console.log(`${name}: ${outcome} (target ${target})${pass === undefined ? '' : ` ${verdict(pass)}`}`);
  }
  console.log('');
  console.log(paint('bold', 'Sanity checks'));
  for (const result of results) {
    const status = result.sanity ? (result.sanity.ok ? paint('green', 'OK  ') : paint('red', 'FAIL')) : paint('yellow', 'SKIP');
    console.log(`  ${result.tool.padEnd(8)}${status}  ${result.sanity?.summary ?? result.reason ?? ''}`);
    for (const problem of result.sanity?.problems ?? []) console.log(`              ${problem}`);
  }
}
