import type { FileResult, Range } from '../../engine/types';

export interface FormatterContext {
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** Whether the output may contain terminal colours. */
  color: boolean;
}

/** Turns scan results into a report; pure, so the same results always give the same text. */
export type Formatter = (results: FileResult[], context: FormatterContext) => string;

/** A range as people and most report formats count: 1-based lines and columns, end column exclusive. */
export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function oneBased(range: Range): OneBasedRange {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}
