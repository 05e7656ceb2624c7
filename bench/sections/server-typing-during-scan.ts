/**
 * Section "server-typing-during-scan": whether typing in an open file still gets its diagnostics while
 * "Scan Workspace" runs over the generated tree. The real server gets the tree as its workspace folder and
 * one of its vendor files open; edits to a model literal are timed (edit → pulled diagnostics of that
 * version, debounce included) first with the server idle, then while the scan command runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchContext, SectionOutcome } from '../context';
import { LspSession, SERVER_MAIN, serverUnavailable } from '../lsp-session';
import { formatFineMs, formatMs, paint, table, verdict } from '../report';
import type { Verdict } from './scan';
import { type EditSite, type LatencyStats, editSite, latencyStats, now, pull, showsModel, timedEdit } from './server-latency';

/** Typing feels live when its diagnostics come within this long (the debounce, 120 ms, included). */
const TARGET_P95_MS = 250;
const IDLE_EDITS = 20;
const SCAN_COMMAND = 'aidlint.server.scanWorkspace';

export interface TypingDuringScanData {
  status: 'measured' | 'unavailable' | 'failed';
  reason?: string;
  /** The open file (relative to the tree) and its size. */
  file?: { path: string; lines: number };
  idle?: LatencyStats;
  duringScan?: LatencyStats & { edits: number };
  scanMs?: number;
  /** Edits whose diagnostics did not show the text as it was after the edit. */
  mismatches: number;
  verdict: Verdict;
}

export async function runTypingDuringScanSection(context: BenchContext): Promise<SectionOutcome<TypingDuringScanData>> {
  const data = await measure(context);
  printResults(data);
  return { data, sound: data.status === 'measured' && data.mismatches === 0 };
}

async function measure(context: BenchContext): Promise<TypingDuringScanData> {
  const unmeasured = { mismatches: 0, verdict: judge(undefined) };
  const unavailable = serverUnavailable(context.repoRoot);
  if (unavailable) return { status: 'unavailable', reason: unavailable, ...unmeasured };
  const session = new LspSession(context.repoRoot, context.tree.root, {});
  const result: TypingDuringScanData = { status: 'measured', ...unmeasured };
  try {
    await session.initialize();
    const open = await openFile(context, session);
    if (!open) throw new Error('no vendor file of the tree has a model literal that aidlint reports');
    const { uri } = open;
    result.file = { path: path.relative(context.tree.root, open.path), lines: open.text.split('\n').length };
    let edit = 0;
    const idle: number[] = [];
    for (; edit < IDLE_EDITS; edit++) {
      const { elapsedMs, correct } = await timedEdit(session, uri, open.site, edit);
      idle.push(elapsedMs);
      if (!correct) result.mismatches++;
    }
    result.idle = latencyStats(idle);

    context.progress(`server typing during scan: typing in ${result.file!.path} while scanning ${context.tree.root} ...`);
    let scanning = true;
    const started = now();
    const scan = session.executeCommand(SCAN_COMMAND).finally(() => {
      scanning = false;
      result.scanMs = now() - started;
    });
    const during: number[] = [];
    // Every edit made while the scan runs counts, also one the scan holds up until it ends.
    while (scanning) {
      const { elapsedMs, correct } = await timedEdit(session, uri, open.site, edit++);
      during.push(elapsedMs);
      if (!correct) result.mismatches++;
    }
    await scan;
    if (during.length > 0) result.duringScan = { ...latencyStats(during), edits: during.length };
    result.verdict = judge(result.duringScan);
    context.progress(`server typing during scan: scan ${formatMs(result.scanMs!)}, ${during.length} edits made during it`);
  } catch (error) {
    result.status = 'failed';
    result.reason = `${error instanceof Error ? error.message : String(error)}${session.stderrTail ? `; server stderr: ${session.stderrTail}` : ''}`;
  } finally {
    await session.close();
  }
  return result;
}

/** Opens the first vendor file of the tree whose model literal aidlint reports: the file a user is editing. */
async function openFile(context: BenchContext, session: LspSession): Promise<{ uri: string; path: string; text: string; site: EditSite } | undefined> {
  for (const { path: relative } of context.tree.manifest.vendorCoupled) {
    const filePath = path.join(context.tree.root, relative);
    const text = fs.readFileSync(filePath, 'utf8');
    const site = editSite(text);
    if (!site) continue;
    const uri = await session.open(filePath, text);
    if (showsModel(await pull(session, uri), site, site.model)) return { uri, path: filePath, text, site };
  }
  return undefined;
}

function judge(duringScan: LatencyStats | undefined): Verdict {
  const name = 'typing during a scan, p95';
  const target = `< ${TARGET_P95_MS} ms`;
  if (!duringScan) return { name, target, outcome: 'not measured' };
  return { name, target, value: duringScan.p95, pass: duringScan.p95 < TARGET_P95_MS, outcome: formatFineMs(duringScan.p95) };
}

function printResults(data: TypingDuringScanData): void {
  console.log('');
  console.log(paint('bold', 'Language server: typing during Scan Workspace') + ` (edit → diagnostics, debounce included; real server over stdio, ${SERVER_MAIN})`);
  if (data.status !== 'measured') {
    console.log(`  ${data.status}: ${data.reason}`);
    return;
  }
  console.log(`Open file: ${data.file!.path} (${data.file!.lines} lines); scan ${data.scanMs === undefined ? '–' : formatMs(data.scanMs)}`);
  const row = (label: string, stats: (LatencyStats & { edits?: number }) | undefined, edits: number) =>
    stats ? [label, String(edits), formatFineMs(stats.p50), formatFineMs(stats.p95), formatFineMs(stats.max)] : [label, '0', '–', '–', '–'];
  console.log(
    table(['server', 'edits', 'p50', 'p95', 'max'], [row('idle', data.idle, IDLE_EDITS), row('scanning', data.duringScan, data.duringScan?.edits ?? 0)], [false, true, true, true, true]),
  );
  console.log(`Wrong results: ${data.mismatches}`);
  const { name, outcome, target, pass } = data.verdict;
  console.log(`${name}: ${outcome} (target ${target})${pass === undefined ? '' : ` ${verdict(pass)}`}`);
}
