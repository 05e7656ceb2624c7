/** The fix model: a fix is a set of text changes to existing files and files to create, all by offsets. */
import type { RuleId } from '../engine/types';

export interface TextChange {
  /** UTF-16 offsets in the file's current text. */
  start: number;
  end: number;
  newText: string;
}

export interface FileChange {
  filePath: string;
  /** Create the file with `content` (it must not exist); otherwise apply `changes` to it. */
  create?: { content: string };
  /** Delete the file (a module the fix left with nothing to do). */
  remove?: true;
  changes: TextChange[];
  /** What the user must do once the change is made, and the command that does it (install a dependency added to package.json). */
  notice?: FixNotice;
}

export interface FixNotice {
  message: string;
  run?: { command: string; cwd: string };
}

export type FixKind = 'wrap-call' | 'route-client' | 'move-off-v3' | 'config-literal' | 'env-secret';

export interface Fix {
  title: string;
  ruleId: RuleId;
  kind: FixKind;
  /** Span of the finding the fix is for, in the linted file. */
  span: { start: number; end: number };
  changes: FileChange[];
  /** Set when the fix cannot keep the program correct: offered disabled, with this reason. */
  disabledReason?: string;
}
