/** Runs the CLI in-process with in-memory streams. */
import { main } from '../../rules/cli/main';
import type { CliIo } from '../../rules/cli/io';

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string, overrides: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    isTTY: false,
    env: {},
    ...overrides,
  };
  const exitCode = await main(argv, io);
  return { exitCode, stdout, stderr };
}
