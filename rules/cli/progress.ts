/** A single self-overwriting `aidlint: 1234/20000 files` line on a terminal's stderr during a scan. */
import type { Output } from './io';

export interface Progress {
  update(done: number, total: number): void;
  /** Erases the line, so the report starts on a clean line. */
  clear(): void;
}

/** At most ten updates a second; runs that finish within the first interval never show the line. */
const INTERVAL_MS = 100;
const ERASE_LINE = '\r\x1b[K';

export function createProgress(stream: Output, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return { update() {}, clear() {} };
  let lastShown = now();
  let shown = false;
  return {
    update(done, total) {
      const time = now();
      if (time - lastShown < INTERVAL_MS) return;
      lastShown = time;
      shown = true;
      stream.write(`${ERASE_LINE}aidlint: ${done}/${total} files`);
    },
    clear() {
      if (shown) stream.write(ERASE_LINE);
      shown = false;
    },
  };
}
