/**
 * Section "server-latency": how long the language server takes from an edit to the diagnostics of the
 * edited version, on a 3,000-line file with vendor calls. The real server runs as a child process; each
 * timed edit types one character into a model literal (then removes it) and pulls diagnostics at once.
 *
 * Measured twice, because the server waits for typing to pause before it lints (a debounce):
 *  - typing: `aidlint.run: onType`, what a user sees while typing, debounce included;
 *  - lint:   `aidlint.run: onSave`, edit + save + pull, which lints at once: the server's own work
 *            (applying the edit, linting, answering), judged against the target.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, DocumentDiagnosticReport, Range } from 'vscode-languageserver-protocol';
import type { BenchContext, SectionOutcome } from '../context';
import { asyncFunctionBlock, configBlock, serviceClassBlock } from '../generator/blocks-services';
import { interfaceBlock } from '../generator/blocks-types';
import { utilBlock } from '../generator/blocks-utils';
import { FileBuilder } from '../generator/builder';
import { Random } from '../generator/random';
import { type VendorStyle, vendorBlock } from '../generator/vendor-code';
import { LspSession, SERVER_MAIN, serverUnavailable } from '../lsp-session';
import { formatFineMs, paint, table, verdict } from '../report';
import type { Verdict } from './scan';

/** Issue target: p95 of the lint work under 15 ms. */
const TARGET_P95_MS = 15;
const FILE_LINES = 3000;
/** Untimed edits before the timed ones, so the JIT has compiled the lint path. */
const WARMUP_EDITS = 20;
/** Vendor code in the file: several import forms and call styles, each with a model literal. */
const VENDOR_STYLES: readonly VendorStyle[] = ['openai-default', 'openai-class-stream', 'azure-openai-v4', 'langchain', 'ai-sdk'];
/** The character typed into the model literal and removed again, alternately. */
const TYPED = '1';
/** A client retries a pull the server cancelled because the document changed (LSP ServerCancelled). */
const SERVER_CANCELLED = -32802;
const MAX_PULL_ATTEMPTS = 5;

type ModeName = 'typing' | 'lint';

interface Mode {
  name: ModeName;
  label: string;
  run: 'onType' | 'onSave';
}

const MODES: readonly Mode[] = [
  { name: 'typing', label: 'typing: onType, debounce included', run: 'onType' },
  { name: 'lint', label: 'lint work: onSave, edit + save + pull', run: 'onSave' },
];

export interface LatencyStats {
  p50: number;
  p95: number;
  max: number;
}

export interface ModeResult {
  mode: ModeName;
  label: string;
  status: 'measured' | 'unavailable' | 'failed';
  reason?: string;
  /** didOpen → first diagnostics, on a freshly started server (the parser is loaded then). */
  firstLintMs?: number;
  /** Diagnostics of the file as opened. */
  findings?: number;
  editsMs: number[];
  latencyMs?: LatencyStats;
  /** The server's CPU time per timed edit (mean; see LspSession.cpuMs): the work, without the machine's load. */
  cpuPerEditMs?: number;
  /** Pulls whose diagnostics did not show the model literal as it was after the edit (stale or missing). */
  mismatches: number;
}

export interface LatencyData {
  file: { lines: number; findings?: number };
  modes: ModeResult[];
  verdict: Verdict;
}

/** The file under edit and the workspace folder it lives in. */
interface EditedFile {
  workspace: string;
  path: string;
  text: string;
  site: EditSite;
}

/** A model literal of a vendor call in the file: where typing happens, and what its finding must show. */
export interface EditSite {
  line: number;
  /** Character offset just after the model name, inside the quotes. */
  character: number;
  model: string;
}

class LatencyFailure extends Error {}

export async function runServerLatencySection(context: BenchContext): Promise<SectionOutcome<LatencyData>> {
  const workspace = path.join(context.outputDir, 'server-latency');
  const filePath = path.join(workspace, 'src', 'services', 'order-service.ts');
  const text = largeServiceFile(context.options.seed);
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  fs.writeFileSync(filePath, text);
  const site = editSite(text);
  if (!site) throw new Error('the generated file has no model literal');
  const file: EditedFile = { workspace, path: filePath, text, site };

  const unavailable = serverUnavailable(context.repoRoot);
  const modes: ModeResult[] = [];
  for (const mode of MODES) {
    const result: ModeResult = { mode: mode.name, label: mode.label, status: 'measured', editsMs: [], mismatches: 0 };
    if (unavailable) Object.assign(result, { status: 'unavailable', reason: unavailable });
    else await measureMode(context, mode, file, result);
    modes.push(result);
  }

  const findings = modes.find((result) => result.findings !== undefined)?.findings;
  const data: LatencyData = { file: { lines: text.split('\n').length - 1, findings }, modes, verdict: judge(modes.find((result) => result.mode === 'lint')) };
  printResults(data);
  return { data, sound: modes.every((result) => result.status === 'measured' && result.mismatches === 0) };
}

/** One fresh server with the mode's settings: open the file, then the warm-up and timed edits. Fills `result`. */
async function measureMode(context: BenchContext, mode: Mode, file: EditedFile, result: ModeResult): Promise<void> {
  const { site } = file;
  const session = new LspSession(context.repoRoot, file.workspace, { run: mode.run });
  try {
    await session.initialize();
    const uri = await session.open(file.path, file.text);
    const opened = now();
    const first = await pull(session, uri);
    result.firstLintMs = now() - opened;
    result.findings = first.length;
    if (!showsModel(first, site, site.model)) throw new LatencyFailure(`no hardcoded-model finding for '${site.model}' on line ${site.line + 1}`);
    const warmup = context.options.warmup ? WARMUP_EDITS : 0;
    context.progress(`server ${mode.name}: first lint ${formatFineMs(result.firstLintMs)}; editing ...`);
    let cpuBefore: number | undefined;
    for (let edit = 0; edit < warmup + context.options.edits; edit++) {
      if (edit === warmup) cpuBefore = session.cpuMs();
      const { elapsedMs, correct } = await timedEdit(session, uri, site, edit, mode.run === 'onSave');
      if (!correct) result.mismatches++;
      if (edit >= warmup) result.editsMs.push(elapsedMs);
    }
    const cpuAfter = session.cpuMs();
    if (cpuBefore !== undefined && cpuAfter !== undefined) result.cpuPerEditMs = (cpuAfter - cpuBefore) / context.options.edits;
    result.latencyMs = latencyStats(result.editsMs);
    context.progress(`server ${mode.name}: ${warmup} warm-up + ${context.options.edits} timed edits, p50 ${formatFineMs(result.latencyMs.p50)}, p95 ${formatFineMs(result.latencyMs.p95)}`);
  } catch (error) {
    result.status = 'failed';
    result.reason = `${error instanceof Error ? error.message : String(error)}${session.stderrTail ? `; server stderr: ${session.stderrTail}` : ''}`;
    context.progress(`server ${mode.name}: ${result.reason}`);
  } finally {
    await session.close();
  }
}

/**
 * Edit number `edit` at the site, timed until the pulled diagnostics arrive: even edits type a character into
 * the model name, odd ones delete it (the file keeps its size, and each version has its own model name).
 * `correct` says whether the diagnostics show the model name as the edit left it.
 */
export async function timedEdit(session: LspSession, uri: string, site: EditSite, edit: number, save = false): Promise<{ elapsedMs: number; correct: boolean }> {
  const typed = edit % 2 === 0;
  const started = now();
  await session.edit(uri, typed ? at(site, 0) : at(site, TYPED.length), typed ? TYPED : '');
  if (save) await session.save(uri);
  const items = await pull(session, uri);
  return { elapsedMs: now() - started, correct: showsModel(items, site, typed ? site.model + TYPED : site.model) };
}

/** A 3,000-line service module built from the generator's blocks, with vendor code in several places. */
function largeServiceFile(seed: number): string {
  const b = new FileBuilder(Random.derived(seed, -2), []);
  const fillers = [asyncFunctionBlock, configBlock, (builder: FileBuilder) => interfaceBlock(builder), (builder: FileBuilder) => utilBlock(builder)];
  b.add(serviceClassBlock(b, 'OrderService'));
  while (b.lineCount < FILE_LINES) b.add(b.random.pick(fillers)(b));
  for (const style of VENDOR_STYLES) b.insertAnywhere(vendorBlock(style, b).lines);
  return b.render();
}

export function editSite(text: string): EditSite | undefined {
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const match = /model: '([^']+)'/.exec(lines[line]);
    if (match) return { line, character: match.index + match[0].length - 1, model: match[1] };
  }
  return undefined;
}

/** An empty range at the edit site, or covering `length` characters from it. */
function at(site: EditSite, length: number): Range {
  return { start: { line: site.line, character: site.character }, end: { line: site.line, character: site.character + length } };
}

/** Whether the diagnostics flag the model literal on the edit site's line with this exact name. */
export function showsModel(items: readonly Diagnostic[], site: EditSite, model: string): boolean {
  return items.some((item) => item.code === 'hardcoded-model' && item.range.start.line === site.line && typeof item.message === 'string' && item.message.includes(`'${model}'`));
}

/** Pulls, retrying as a client does when the server cancels a pull because the document changed. */
export async function pull(session: LspSession, uri: string): Promise<Diagnostic[]> {
  for (let attempt = 1; ; attempt++) {
    let report: DocumentDiagnosticReport;
    try {
      report = await session.pull(uri);
    } catch (error) {
      if ((error as { code?: number }).code === SERVER_CANCELLED && attempt < MAX_PULL_ATTEMPTS) continue;
      throw error;
    }
    if (report.kind !== 'full') throw new LatencyFailure(`expected a full report, got '${report.kind}'`);
    return report.items;
  }
}

export const now = (): number => performance.now();

/** Nearest-rank percentiles: p95 of 200 edits is the 190th fastest. */
export function latencyStats(values: readonly number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  const percentile = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: percentile(50), p95: percentile(95), max: sorted[sorted.length - 1] };
}

function judge(lint: ModeResult | undefined): Verdict {
  const name = 'server lint p95';
  const target = `< ${TARGET_P95_MS} ms`;
  const p95 = lint?.latencyMs?.p95;
  if (p95 === undefined) return { name, target, outcome: 'not measured' };
  return { name, target, value: p95, pass: p95 < TARGET_P95_MS, outcome: formatFineMs(p95) };
}

function printResults(data: LatencyData): void {
  console.log('');
  console.log(
    paint('bold', `Language server: edit to diagnostics`) +
      ` (${data.file.lines.toLocaleString('en-US')}-line file, ${data.file.findings ?? '–'} findings; real server over stdio, ${SERVER_MAIN})`,
  );
  const rows = data.modes.map((mode) => {
    const first = mode.firstLintMs === undefined ? '–' : formatFineMs(mode.firstLintMs);
    if (!mode.latencyMs) return [mode.label, first, '–', mode.status, '', '', '', ''];
    const { p50, p95, max } = mode.latencyMs;
    const cpu = mode.cpuPerEditMs === undefined ? '–' : formatFineMs(mode.cpuPerEditMs);
    return [mode.label, first, String(mode.editsMs.length), formatFineMs(p50), formatFineMs(p95), formatFineMs(max), cpu, String(mode.mismatches)];
  });
  console.log(table(['mode', 'first lint', 'edits', 'p50', 'p95', 'max', 'server CPU/edit', 'wrong'], rows, [false, true, true, true, true, true, true, true]));
  for (const mode of data.modes) if (mode.reason) console.log(`  ${mode.mode}: ${mode.reason}`);
  const { name, outcome, target, pass } = data.verdict;
  console.log(`${name}: ${outcome} (target ${target})${pass === undefined ? '' : ` ${verdict(pass)}`}`);
}
