/** Commands the packaging tests run as a user would, with their output in the error when they fail. */
import { type ExecFileSyncOptions, execFileSync } from 'node:child_process';

export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a command that may exit non-zero (a linter with findings): its exit code and output. */
export function runStatus(file: string, args: string[], options: ExecFileSyncOptions = {}): CommandResult {
  try {
    const stdout = execFileSync(file, args, { encoding: 'utf8', stdio: 'pipe', ...options }) as string;
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const { stdout, stderr, status } = error as { stdout?: string; stderr?: string; status?: number | null };
    if (typeof status !== 'number') throw error;
    return { status, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') };
  }
}

/** Runs a command that must succeed; returns its standard output. */
export function run(file: string, args: string[], options: ExecFileSyncOptions = {}): string {
  const result = runStatus(file, args, options);
  if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} exited with ${result.status}:\n${withoutMinifiedLines(result.stdout + result.stderr)}`);
  return result.stdout;
}

/** Node prints the offending source line of an uncaught error; in a minified bundle that is megabytes. */
export function withoutMinifiedLines(output: string): string {
  return output
    .split('\n')
    .filter((line) => line.length < 1_000)
    .join('\n');
}
