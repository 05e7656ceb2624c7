/** Shared by the config tests: an in-memory file system that counts reads, and fixture locations. */
import * as path from 'node:path';
import { LineMap } from '../../rules/engine/text';
import type { Range } from '../../rules/engine/types';

/** test/fixtures/config, seen from out/test/config where the compiled tests run. */
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'config');

/** An absolute path that exists on no machine, so nothing on disk can leak into a test. */
export const WORKSPACE = path.resolve('/aidlint-test-workspace');

export function at(...parts: string[]): string {
  return path.join(WORKSPACE, ...parts);
}

export interface MemoryFiles {
  readFile: (filePath: string) => string | undefined;
  /** Every path read, in order (missing files included). */
  reads: string[];
  write(filePath: string, text: string): void;
}

/** Files keyed by absolute path. */
export function memoryFiles(files: Record<string, string>): MemoryFiles {
  const contents = new Map(Object.entries(files));
  const reads: string[] = [];
  return {
    reads,
    readFile: (filePath) => {
      reads.push(filePath);
      return contents.get(filePath);
    },
    write: (filePath, text) => void contents.set(filePath, text),
  };
}

/** The range of the `nth` (1-based) occurrence of `needle` in `text`. */
export function rangeOf(text: string, needle: string, nth = 1): Range {
  let start = -1;
  for (let found = 0; found < nth; found++) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`'${needle}' does not occur ${nth} times in the text`);
  }
  return new LineMap(text).rangeOf(start, start + needle.length);
}
