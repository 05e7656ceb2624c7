/** The process surroundings `main` runs in, passed in so tests can run the CLI in-process. */

/** Somewhere text goes: process.stdout / process.stderr, or a buffer in tests. */
export interface Output {
  write(text: string): unknown;
  /** Whether the stream is a terminal (process.stderr has it; decides the progress line). */
  isTTY?: boolean;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
  cwd: string;
  /** Whether stdout is a terminal (decides colours, with NO_COLOR and --color / --no-color). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
}
