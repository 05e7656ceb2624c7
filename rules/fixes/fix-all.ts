/**
 * Fix-all for one file: every safe fix at once (wraps first, then configuration moves, then keys),
 * skipping any that would overlap one already taken (the CLI gives those another pass on the fixed text).
 * The file must still parse afterwards, or none of its edits are kept.
 */
import { parseSource, firstSyntaxError } from '../engine/parse';
import type { Fact } from '../engine/facts';
import { type FixInput, type PlannedFix, finishEdits, mergeFileChanges, openFixSession, planFix } from './file-fixes';
import type { SeamPlan } from './seam-plan';
import { applyChanges, overlaps } from './text-changes';
import type { FileChange, Fix, TextChange } from './types';

export interface FileFixResult {
  /** The file's new text, or undefined when nothing was fixed (or the result was rolled back). */
  text?: string;
  /** The edits that make `text` from the input's text. */
  changes?: TextChange[];
  /** Edits to other files that the applied fixes need (callers of a function whose result changed). */
  otherFiles?: FileChange[];
  applied: Fix[];
  /** Fixes not applied, with the reason (disabled, overlapping, rolled back). */
  skipped: Array<{ fix: Fix; reason: string }>;
}

const ORDER: Record<Fact['kind'], number> = {
  'vendor-call': 0,
  'model-literal': 1,
  'endpoint-literal': 1,
  'api-version-literal': 1,
  'secret-literal': 2,
  'vendor-import': 3,
  'client-construction': 3,
  'rest-call': 3,
  'type-leak': 3,
  'env-read': 3,
};

/** Why a fix was left for the next pass: its edits overlap those of a fix taken before it. */
export const OVERLAPPED = 'another fix already changes this code';

/**
 * Applies the file's fixes to its text. Seam changes accumulate in `seams` (shared across the files of a
 * run); the caller writes them once, after all files.
 */
export function fixFile(input: FixInput, seams: Map<string, SeamPlan>): FileFixResult {
  const session = openFixSession(input, seams);
  const result: FileFixResult = { applied: [], skipped: [] };
  if (!session) return result;
  const facts = [...session.facts].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.span.start - b.span.start);
  const seam = session.newSeamPlan();
  const taken: PlannedFix[] = [];
  for (const fact of facts) {
    const planned = planFix(session, fact, seam);
    if (!planned) continue;
    if (planned.fix.disabledReason) {
      result.skipped.push({ fix: planned.fix, reason: planned.fix.disabledReason });
      continue;
    }
    if (overlaps([...taken.flatMap((fix) => fix.edits), ...planned.edits]) || overlapsElsewhere([...taken, planned])) {
      result.skipped.push({ fix: planned.fix, reason: OVERLAPPED });
      continue;
    }
    taken.push(planned);
    result.applied.push(planned.fix);
  }
  if (!taken.length) return result;
  const { changes, otherFiles } = finishEdits(session, taken);
  const text = applyChanges(input.text, changes);
  if (firstSyntaxError(parseSource(input.filePath, text)) && !firstSyntaxError(session.sourceFile)) {
    for (const fix of result.applied) result.skipped.push({ fix, reason: 'the fixed file would not parse; nothing was changed' });
    return { applied: [], skipped: result.skipped };
  }
  if (otherFiles.some((change) => overlaps(change.changes))) {
    for (const fix of result.applied) result.skipped.push({ fix, reason: 'the edits this file needs elsewhere overlap; nothing was changed' });
    return { applied: [], skipped: result.skipped };
  }
  return { ...result, text, changes, ...(otherFiles.length ? { otherFiles } : {}) };
}

function overlapsElsewhere(fixes: readonly PlannedFix[]): boolean {
  return mergeFileChanges(fixes.flatMap((fix) => fix.otherFiles ?? [])).some((change) => overlaps(change.changes));
}
