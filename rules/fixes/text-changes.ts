/** Applying text changes (sorted, checked for overlap, applied from the end so offsets stay valid), and the line positions fixes place them by. */
import type { TextChange } from './types';

export function overlaps(changes: readonly TextChange[]): boolean {
  const sorted = [...changes].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((change, index) => index > 0 && change.start < sorted[index - 1].end);
}

export function applyChanges(text: string, changes: readonly TextChange[]): string {
  if (overlaps(changes)) throw new Error('overlapping edits');
  let result = text;
  for (const change of [...changes].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, change.start) + change.newText + result.slice(change.end);
  }
  return result;
}

/** Where an offset of the changed text (outside the changes' new text) was before `changes`. */
export function offsetBefore(changes: readonly TextChange[], offset: number): number {
  let shift = 0;
  let after = 0;
  for (const change of [...changes].sort((a, b) => a.start - b.start)) {
    const newEnd = change.start + shift + change.newText.length;
    if (newEnd > offset) break;
    after = newEnd;
    shift += change.newText.length - (change.end - change.start);
  }
  return Math.max(offset - shift, after - shift);
}

/** The one change that turns `before` into `after`: everything between their common start and end. */
export function minimalChange(before: string, after: string): TextChange {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

/** Where the line holding `offset` starts. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  return /^[^\S\n]*/.exec(text.slice(lineStartOf(text, offset)))![0];
}
