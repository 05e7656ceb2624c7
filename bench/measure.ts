/**
 * Runs one child process and measures its wall time and peak resident memory. Peak memory comes from GNU
 * time (`%M`, the kernel's own maximum RSS of the child) when installed, else from polling VmHWM in
 * /proc/<pid>/status, which can miss a peak in the last few milliseconds before exit.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';

export type MemoryMethod = 'gnu-time' | 'proc-status' | 'none';

export const MEMORY_METHOD_LABELS: Record<MemoryMethod, string> = {
  'gnu-time': 'GNU time %M (max RSS)',
  'proc-status': 'polling /proc/<pid>/status VmHWM every 10 ms',
  none: 'not measured (neither GNU time nor /proc available)',
};

const GNU_TIME = '/usr/bin/time';
const POLL_INTERVAL_MS = 10;
const BYTES_PER_KIB = 1024;

export interface Measurement {
  wallMs: number;
  /** Peak resident set size in bytes, when the method could measure it. */
  peakRssBytes?: number;
  exitCode: number;
}

export interface RunFiles {
  stdout: string;
  stderr: string;
}

export function detectMemoryMethod(): MemoryMethod {
  // BusyBox and BSD `time` lack -f; only GNU time prints just a number (on stderr) here.
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  if (probe.status === 0 && /^\d+\s*$/.test(probe.stderr)) return 'gnu-time';
  return fs.existsSync(`/proc/${process.pid}/status`) ? 'proc-status' : 'none';
}

export function measure(method: MemoryMethod, command: string, args: readonly string[], cwd: string, files: RunFiles): Promise<Measurement> {
  const stdout = fs.openSync(files.stdout, 'w');
  const stderr = fs.openSync(files.stderr, 'w');
  const timeOutput = `${files.stderr}.time`;
  const [file, argv] = method === 'gnu-time' ? [GNU_TIME, ['-f', '%M', '-o', timeOutput, command, ...args]] : [command, [...args]];
  const started = process.hrtime.bigint();
  const child = spawn(file, argv, { cwd, stdio: ['ignore', stdout, stderr] });
  let polledPeakKib = 0;
  const poller =
    method === 'proc-status'
      ? setInterval(() => {
          polledPeakKib = Math.max(polledPeakKib, readVmHwmKib(child.pid));
        }, POLL_INTERVAL_MS)
      : undefined;

  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearInterval(poller);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(poller);
      fs.closeSync(stdout);
      fs.closeSync(stderr);
      const peakKib = method === 'gnu-time' ? readGnuTimeKib(timeOutput) : polledPeakKib;
      resolve({
        wallMs,
        peakRssBytes: peakKib > 0 ? peakKib * BYTES_PER_KIB : undefined,
        exitCode: code ?? 128 + (signal ? os.constants.signals[signal] : 0),
      });
    });
  });
}

function readVmHwmKib(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0; // the process has just exited
  }
}

/** GNU time writes `Command exited with non-zero status N` before the figure when the child fails. */
function readGnuTimeKib(file: string): number {
  try {
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    return Number(lines[lines.length - 1]) || 0;
  } catch {
    return 0;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

