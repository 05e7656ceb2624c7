/**
 * Section "server-memory": the language server's memory after "Scan Workspace" on the generated tree. The
 * real server is started with the tree as its workspace folder, runs `aidlint.server.scanWorkspace`, then
 * answers one `workspace/diagnostic` request; its VmRSS (now) and VmHWM (peak) come from /proc.
 * The workspace diagnostics go through the same sanity check as the command line's report.
 */
import * as fs from 'node:fs';
import type { WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { fileURLToPath } from 'node:url';
import type { BenchContext, SectionOutcome } from '../context';
import { LspSession, type ProcessMemory, SERVER_MAIN, serverUnavailable } from '../lsp-session';
import { formatMegabytes, formatMs, paint, toMegabytes, verdict } from '../report';
import { generatedTarget } from '../targets';
import { TOOLS, type Sanity } from '../tools';
import type { Verdict } from './scan';

/** Issue target for the server after a workspace scan. */
const TARGET_MB = 250;
const SCAN_COMMAND = 'aidlint.server.scanWorkspace';

export interface ServerMemoryData {
  status: 'measured' | 'unavailable' | 'failed';
  reason?: string;
  scanMs?: number;
  /** The problem count the scan command returned. */
  problems?: number;
  memory?: ProcessMemory;
  sanity?: Sanity;
  verdicts: Verdict[];
}

export async function runServerMemorySection(context: BenchContext): Promise<SectionOutcome<ServerMemoryData>> {
  const data = await measureServer(context);
  printResults(context, data);
  return { data, sound: data.status === 'measured' && data.sanity?.ok === true };
}

async function measureServer(context: BenchContext): Promise<ServerMemoryData> {
  const { repoRoot, tree } = context;
  const verdicts = judge(undefined);
  const reason = serverUnavailable(repoRoot) ?? (fs.existsSync('/proc/self/status') ? undefined : '/proc/<pid>/status is not available on this system');
  if (reason) return { status: 'unavailable', reason, verdicts };

  const session = new LspSession(repoRoot, tree.root, {});
  try {
    await session.initialize();
    context.progress(`server: scanning ${tree.root} ...`);
    const started = performance.now();
    const { problems } = (await session.executeCommand(SCAN_COMMAND)) as { problems: number };
    const scanMs = performance.now() - started;
    const report = await session.workspaceDiagnostics();
    const memory = session.memory();
    context.progress(`server: scan ${formatMs(scanMs)}, ${problems} problems; VmRSS ${formatMegabytes(memory.rssBytes)}, VmHWM ${formatMegabytes(memory.peakRssBytes)}`);
    const results = asEslintResults(report);
    const sanity = TOOLS.aidlint.check(JSON.stringify(results), generatedTarget(tree));
    const reported = results.reduce((sum, result) => sum + result.messages.length, 0);
    if (reported !== problems) {
      sanity.ok = false;
      sanity.problems.push(`the scan command counted ${problems} problems, workspace/diagnostic reported ${reported}`);
    }
    return { status: 'measured', scanMs, problems, memory, sanity, verdicts: judge(memory) };
  } catch (error) {
    const reason = `${error instanceof Error ? error.message : String(error)}${session.stderrTail ? `; server stderr: ${session.stderrTail}` : ''}`;
    context.progress(`server: ${reason}`);
    return { status: 'failed', reason, verdicts };
  } finally {
    await session.close();
  }
}

/** Workspace diagnostics in the command line's JSON shape (ESLint's), so one sanity check reads both. */
function asEslintResults(report: WorkspaceDiagnosticReport) {
  return report.items.map((item) => ({
    filePath: fileURLToPath(item.uri),
    messages:
      item.kind === 'full'
        ? item.items.map((diagnostic) => ({
            ruleId: (diagnostic.data as { ruleId: string | null }).ruleId,
            message: diagnostic.message,
            line: diagnostic.range.start.line + 1,
          }))
        : [],
  }));
}

function judge(memory: ProcessMemory | undefined): Verdict[] {
  const target = `< ${TARGET_MB} MB`;
  const verdictFor = (name: string, bytes: number | undefined): Verdict => {
    if (bytes === undefined) return { name, target, outcome: 'not measured' };
    const value = toMegabytes(bytes);
    return { name, target, value, pass: value < TARGET_MB, outcome: formatMegabytes(bytes) };
  };
  return [verdictFor('server memory after scan (VmRSS)', memory?.rssBytes), verdictFor('server peak memory (VmHWM)', memory?.peakRssBytes)];
}

function printResults(context: BenchContext, data: ServerMemoryData): void {
  const { manifest } = context.tree;
  console.log('');
  console.log(paint('bold', `Language server: Scan Workspace of ${manifest.sourceFiles.toLocaleString('en-US')} files`) + ` (real server over stdio, ${SERVER_MAIN})`);
  if (data.status !== 'measured') {
    console.log(`  ${data.status}: ${data.reason}`);
    return;
  }
  console.log(`Scan: ${formatMs(data.scanMs!)} wall time (command sent → answered), ${data.problems} problems`);
  for (const { name, outcome, target, pass } of data.verdicts) {
    console.log(`${name}: ${outcome} (target ${target})${pass === undefined ? '' : ` ${verdict(pass)}`}`);
  }
  const sanity = data.sanity!;
  console.log(`Sanity check: ${sanity.ok ? paint('green', 'OK') : paint('red', 'FAIL')}  ${sanity.summary}`);
  for (const problem of sanity.problems) console.log(`  ${problem}`);
}
