/**
 * Slowdowns that only tests switch on, through environment variables, to reproduce a slow or loaded
 * machine on demand: `AIDLINT_TEST_LINT_DELAY_MS` holds the event loop for that long before each lint of an
 * open document (as a long synchronous analysis does: messages pile up meanwhile),
 * `AIDLINT_TEST_SCAN_DELAY_MS` holds it that long for each file or folder a workspace scan goes through, and
 * `AIDLINT_TEST_FIX_ALL_GATE` names a file: a fix-all is answered only once it exists (without blocking;
 * at most a minute), so a test decides what happens while the editor waits. Unset, they cost nothing.
 */
import * as fs from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

function milliseconds(name: string): number {
  const value = Number(process.env[name] ?? 0);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

const LINT_DELAY_MS = milliseconds('AIDLINT_TEST_LINT_DELAY_MS');
const SCAN_DELAY_MS = milliseconds('AIDLINT_TEST_SCAN_DELAY_MS');
const FIX_ALL_GATE = process.env.AIDLINT_TEST_FIX_ALL_GATE;
const GATE_POLL_MS = 50;
const GATE_LIMIT_MS = 60_000;

/** Blocks the thread (without spinning the CPU) as a slow analysis would. */
function hold(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function slowLintForTests(): void {
  hold(LINT_DELAY_MS);
}

export function slowScanForTests(): void {
  hold(SCAN_DELAY_MS);
}

export async function slowFixAllForTests(): Promise<void> {
  if (!FIX_ALL_GATE) return;
  for (const end = Date.now() + GATE_LIMIT_MS; !fs.existsSync(FIX_ALL_GATE) && Date.now() < end; ) await delay(GATE_POLL_MS);
}
