/** Terminal formatting of results: aligned tables, units, PASS/MISS verdicts (coloured only on a terminal). */
import { styleText } from 'node:util';

const useColour = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;

export function paint(format: Parameters<typeof styleText>[0], text: string): string {
  return useColour ? styleText(format, text) : text;
}

export const verdict = (pass: boolean): string => (pass ? paint('green', 'PASS') : paint('red', 'MISS'));

const BYTES_PER_MB = 1024 * 1024;

export const toMegabytes = (bytes: number): number => bytes / BYTES_PER_MB;

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function formatMegabytes(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${Math.round(toMegabytes(bytes))} MB`;
}

export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

/** `27.3× faster` or `1.5× slower`, from how many times longer the other tool took. */
export function describeSpeedup(otherOverAidlint: number): string {
  return otherOverAidlint >= 1 ? `${otherOverAidlint.toFixed(1)}× faster` : `${(1 / otherOverAidlint).toFixed(1)}× slower`;
}

/** Columns padded to their widest cell; `right` marks the columns of numbers. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: readonly boolean[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (right[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** Milliseconds with one decimal, for latencies of a few milliseconds. */
export function formatFineMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}
