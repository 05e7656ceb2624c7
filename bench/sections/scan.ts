/**
 * Section "scan": aidlint's full scan against ESLint and oxlint doing the equivalent job, on the generated
 * tree and, with `--corpus DIR`, on each checkout in DIR. Per target every tool runs as a child process
 * from the target's root: one untimed run each (which also fills aidlint's cache for the warm runs), then
 * N rounds in which every tool runs once, so each ratio compares runs made side by side under the same
 * load. The verdicts compare medians.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchContext, SectionOutcome } from '../context';
import { measure, MEMORY_METHOD_LABELS, type Measurement } from '../measure';
import type { ToolName } from '../options';
import { describeSpeedup, formatMegabytes, formatMs, formatRatio, paint, table, toMegabytes, verdict } from '../report';
import { summarize, type Summary } from '../stats';
import { corpusTargets, generatedTarget, type Target } from '../targets';
import { cacheFolder, TOOLS, type Invocation, type Sanity, type Tool } from '../tools';

/** Issue 14's targets, on every target. */
const TARGETS = { fasterThanEslint: 20, warmVersusOxlint: 1, peakMemoryMb: 250 } as const;
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
  /** `≥ 20×`, `< 250 MB`. */
  target: string;
  /** The measured ratio or megabytes; undefined when a tool it needs was not measured. */
  value?: number;
  pass?: boolean;
  /** `27.3× faster`, `180 MB`, `not measured`. */
  outcome: string;
}

export interface TargetData {
  name: string;
  root: string;
  commit?: string;
  tools: ToolResult[];
  verdicts: Verdict[];
}

export interface ScanData {
  targets: TargetData[];
}

export async function runScanSection(context: BenchContext): Promise<SectionOutcome<ScanData>> {
  const { options } = context;
  const targets = [generatedTarget(context.tree), ...(options.corpus ? corpusTargets(options.corpus, options.repos) : [])];
  const data: TargetData[] = [];
  let sound = true;
  for (const target of targets) {
    const tools = await benchmarkTarget(context, target);
    const verdicts = judge(tools);
    printTarget(context, target, tools, verdicts);
    data.push({ name: target.name, root: target.root, ...(target.commit ? { commit: target.commit } : {}), tools, verdicts });
    sound &&= tools.every((result) => result.status === 'measured' && result.sanity?.ok === true);
  }
  if (data.length > 1) printSummary(data);
  return { data: { targets: data }, sound };
}

interface Contender {
  tool: Tool;
  runs: number;
  invocation: Invocation;
  files: { stdout: string; stderr: string };
  result: ToolResult;
}

async function benchmarkTarget(context: BenchContext, target: Target): Promise<ToolResult[]> {
  const { repoRoot, options } = context;
  const outputDir = path.join(context.outputDir, target.name);
  fs.mkdirSync(outputDir, { recursive: true });
  // A cache left from an earlier bench run would make the first run warm too.
  fs.rmSync(cacheFolder(outputDir), { recursive: true, force: true });
  context.progress(`scan ${target.name}: ${target.root}`);
  const contenders: Contender[] = [];
  const results: ToolResult[] = [];
  for (const name of options.tools) {
    const tool = TOOLS[name];
    const result: ToolResult = { tool: name, label: tool.label(repoRoot), status: 'measured', runs: [] };
    results.push(result);
    const reason = tool.unavailable(repoRoot);
    if (reason) {
      context.progress(`${name}: not available (${reason})`);
      Object.assign(result, { status: 'unavailable', reason });
      continue;
    }
    const invocation = tool.invocation(repoRoot, outputDir, target);
    // A report left from an earlier run must not pass for this run's.
    if (invocation.reportFile) fs.rmSync(invocation.reportFile, { force: true });
    const files = { stdout: path.join(outputDir, `${name}.stdout`), stderr: path.join(outputDir, `${name}.stderr`) };
    contenders.push({ tool, runs: name === 'eslint' ? options.eslintRuns : options.runs, invocation, files, result });
  }

  // The warm run needs its cache filled even when warm-ups are off (--quick).
  for (const contender of contenders) {
    if (options.warmup || contender.tool.name === 'aidlint-cache') await runContender(context, contender, 'untimed run');
  }
  const rounds = Math.max(0, ...contenders.map((contender) => contender.runs));
  for (let round = 1; round <= rounds; round++) {
    for (const contender of contenders) {
      if (round <= contender.runs) contender.result.runs.push(...(await runContender(context, contender, `run ${round}/${contender.runs}`)));
    }
  }
  for (const { tool, invocation, files, result } of contenders) {
    if (result.status !== 'measured') continue;
    const peaks = result.runs.flatMap((run) => (run.peakRssBytes === undefined ? [] : [run.peakRssBytes]));
    result.wallMs = summarize(result.runs.map((run) => run.wallMs));
    result.peakRssBytes = peaks.length > 0 ? Math.max(...peaks) : undefined;
    result.sanity = checkReport(tool, invocation.reportFile ?? files.stdout, target);
  }
  checkWarmEqualsCold(contenders);
  return results;
}

/** One run of a tool; a failure marks the tool failed and ends its runs. */
async function runContender(context: BenchContext, contender: Contender, what: string): Promise<Measurement[]> {
  const { result, invocation, files, tool } = contender;
  if (result.status !== 'measured') return [];
  const measurement = await measure(context.memoryMethod, invocation.command, invocation.args, invocation.cwd, files);
  if (measurement.exitCode > HIGHEST_SUCCESS_EXIT_CODE) {
    const stderr = fs.readFileSync(files.stderr, 'utf8').slice(-STDERR_TAIL_CHARS).trim();
    const reason = `${what} exited with code ${measurement.exitCode}${stderr ? `: ${stderr}` : ''}`;
    context.progress(`${tool.name}: ${reason}`);
    Object.assign(result, { status: 'failed', reason });
    return [];
  }
  context.progress(`${tool.name} ${what}: ${formatMs(measurement.wallMs)}, peak ${formatMegabytes(measurement.peakRssBytes)}`);
  return [measurement];
}

function checkReport(tool: Tool, reportFile: string, target: Target): Sanity {
  try {
    return tool.check(fs.readFileSync(reportFile, 'utf8'), target);
  } catch (error) {
    return { ok: false, summary: `unreadable report ${reportFile}`, problems: [String(error)] };
  }
}

/** A warm run that reports anything else than the cold run is wrong, however fast. */
function checkWarmEqualsCold(contenders: readonly Contender[]): void {
  const cold = contenders.find((contender) => contender.tool.name === 'aidlint' && contender.result.status === 'measured');
  const warm = contenders.find((contender) => contender.tool.name === 'aidlint-cache' && contender.result.status === 'measured');
  if (!cold?.invocation.reportFile || !warm?.invocation.reportFile || !warm.result.sanity) return;
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  if (read(cold.invocation.reportFile) === read(warm.invocation.reportFile)) {
    warm.result.sanity.summary += '; the same report as the cold run';
  } else {
    warm.result.sanity.ok = false;
    warm.result.sanity.problems.push('its report differs from the cold run');
  }
}

function judge(results: readonly ToolResult[]): Verdict[] {
  const medianOf = (tool: ToolName) => results.find((result) => result.tool === tool && result.status === 'measured')?.wallMs?.median;
  const speedVerdict = (name: string, ours: ToolName, other: ToolName, target: number): Verdict => {
    const oursMs = medianOf(ours);
    const otherMs = medianOf(other);
    if (oursMs === undefined || otherMs === undefined) return { name, target: `≥ ${target}×`, outcome: 'not measured' };
    const ratio = otherMs / oursMs;
    return { name, target: `≥ ${target}×`, value: ratio, pass: ratio >= target, outcome: describeSpeedup(ratio) };
  };
  const peaks = results.filter((result) => result.tool.startsWith('aidlint') && result.peakRssBytes !== undefined).map((result) => result.peakRssBytes!);
  return [
    speedVerdict('aidlint (cold) vs eslint', 'aidlint', 'eslint', TARGETS.fasterThanEslint),
    speedVerdict('aidlint --cache (warm) vs oxlint', 'aidlint-cache', 'oxlint', TARGETS.warmVersusOxlint),
    memoryVerdict(peaks.length ? Math.max(...peaks) : undefined),
  ];
}

function memoryVerdict(peakBytes: number | undefined): Verdict {
  const name = 'aidlint peak memory';
  const target = `< ${TARGETS.peakMemoryMb} MB`;
  if (peakBytes === undefined) return { name, target, outcome: 'not measured' };
  const value = toMegabytes(peakBytes);
  return { name, target, value, pass: value < TARGETS.peakMemoryMb, outcome: formatMegabytes(peakBytes) };
}

function printTarget(context: BenchContext, target: Target, results: readonly ToolResult[], verdicts: readonly Verdict[]): void {
  const { manifest } = target;
  const aidlintMs = results.find((result) => result.tool === 'aidlint')?.wallMs?.median;
  const about = manifest
    ? ` (${manifest.sourceFiles.toLocaleString('en-US')} files, ${(manifest.lines / 1e6).toFixed(2)}M lines, ${Math.round(manifest.bytes / 1e6)} MB, ${manifest.vendorCoupled.length} vendor-coupled)`
    : ` (${target.root}${target.commit ? ` at ${target.commit.slice(0, 12)}` : ''})`;
  console.log(paint('bold', `Full scan of ${target.name}`) + about);
  const rows = results.map((result) => {
    if (result.status !== 'measured' || !result.wallMs) return [result.tool, result.label, '–', result.status, '', '', ''];
    const { median, min, max } = result.wallMs;
    const relative = aidlintMs === undefined ? '–' : formatRatio(median / aidlintMs);
    return [result.tool, result.label, String(result.runs.length), formatMs(median), `${formatMs(min)}–${formatMs(max)}`, formatMegabytes(result.peakRssBytes), relative];
  });
  console.log(table(['tool', 'version', 'runs', 'median', 'min–max', 'peak', 'time vs aidlint'], rows, [false, false, true, true, true, true, true]));
  console.log(`Peak memory: ${MEMORY_METHOD_LABELS[context.memoryMethod]}.`);
  for (const { name, outcome, target: goal, pass } of verdicts) {
    console.log(`${name}: ${outcome} (target ${goal})${pass === undefined ? '' : ` ${verdict(pass)}`}`);
  }
  console.log(paint('bold', 'Sanity checks'));
  for (const result of results) {
    const status = result.sanity ? (result.sanity.ok ? paint('green', 'OK  ') : paint('red', 'FAIL')) : paint('yellow', 'SKIP');
    console.log(`  ${result.tool.padEnd(14)}${status}  ${result.sanity?.summary ?? result.reason ?? ''}`);
    for (const problem of result.sanity?.problems ?? []) console.log(`                    ${problem}`);
  }
  console.log('');
}

/** One line per target: medians and the ratios the targets are about. */
function printSummary(targets: readonly TargetData[]): void {
  console.log(paint('bold', 'Summary (medians; ratios from runs side by side)'));
  const cell = (target: TargetData, tool: ToolName) => target.tools.find((result) => result.tool === tool)?.wallMs?.median;
  const ms = (value: number | undefined) => (value === undefined ? '–' : formatMs(value));
  const rows = targets.map((target) => {
    const [eslintRatio, warmRatio, memory] = target.verdicts;
    const mark = (item: Verdict) => (item.pass === undefined ? item.outcome : `${item.outcome} ${verdict(item.pass)}`);
    return [target.name, ms(cell(target, 'aidlint')), ms(cell(target, 'aidlint-cache')), ms(cell(target, 'eslint')), ms(cell(target, 'oxlint')), mark(eslintRatio), mark(warmRatio), mark(memory)];
  });
  console.log(
    table(
      ['target', 'aidlint', '--cache', 'eslint', 'oxlint', 'cold vs eslint (≥ 20×)', 'warm vs oxlint (≥ 1×)', 'peak (< 250 MB)'],
      rows,
      [false, true, true, true, true, true, true, true],
    ),
  );
}
