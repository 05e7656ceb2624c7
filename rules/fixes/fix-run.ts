/**
 * Fix-all over many files, as the CLI's `--fix` / `--fix-dry-run` run it: every file's safe fixes, one
 * shared seam (created once, its configuration extended by every file's fixes), and the resulting file
 * contents — written by the caller, or shown as a diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigResolver } from '../config/resolve';
import { diskIndexHost } from '../engine/disk-host';
import { firstSyntaxError, parseSource } from '../engine/parse';
import { WorkspaceIndex } from '../engine/workspace-index';
import { readSourceFileSync } from '../files/read';
import { OVERLAPPED, fixFile } from './fix-all';
import { projectRootOf } from './seam-plan';
import { projectMoveFor } from './v3-move';
import type { SeamPlan } from './seam-plan';
import { applyChanges } from './text-changes';
import type { Fix, FixNotice } from './types';

export interface FixedFile {
  filePath: string;
  /** Undefined for a file the fixes create. */
  before?: string;
  after: string;
  /** The fixes delete the file (a module the move off openai v3 left with nothing to do); `after` is ''. */
  removed?: true;
  /** What the user must do once the file is written (see FileChange). */
  notice?: FixNotice;
}

export interface FixRunResult {
  files: FixedFile[];
  applied: number;
  skipped: Array<{ filePath: string; fix: Fix; reason: string }>;
}

/** Passes over one file at most (ESLint's --fix makes 10). */
const MAX_PASSES = 10;

/**
 * Files are fixed one after another, as an editor applying fix-all file by file would: each sees the
 * texts earlier fixes left (their own and those they made at callers in other files), and nothing is
 * written until the end. `projectFiles`: every file of the project, where callers are looked for.
 */
export function fixFiles(filePaths: readonly string[], configs: ConfigResolver, projectFiles?: readonly string[]): FixRunResult {
  const fixedTexts = new Map<string, string>();
  const disk = diskIndexHost((file) => configs.configFor(file));
  const host = diskIndexHost((file) => configs.configFor(file), { overrides: fixedTexts });
  const index = new WorkspaceIndex(host);
  const seams = new Map<string, SeamPlan>();
  const notices = new Map<string, FixNotice>();
  const result: FixRunResult = { files: [], applied: 0, skipped: [] };
  const sources = filePaths.flatMap((filePath) => {
    const config = configs.configFor(filePath);
    const read = readSourceFileSync(filePath, config.maxFileSize);
    return read.ok ? [{ filePath, config, text: read.text }] : [];
  });
  const originals = new Map<string, string | undefined>();
  const removed = new Set<string>();
  // The texts the move off openai v3 wrote: what the seam plans' edits of those files apply to.
  const movedTexts = new Map<string, string>();
  const baseOf = (filePath: string) => movedTexts.get(filePath) ?? disk.readFile(filePath) ?? '';
  const update = (filePath: string, before: string | undefined, after: string) => {
    if (!originals.has(filePath)) originals.set(filePath, before);
    fixedTexts.set(filePath, after);
    index.invalidate(filePath);
  };
  // The seam, as planned so far, is part of what later files see (a client's `deployment: models.x`).
  const showSeams = () => {
    let appeared = false;
    for (const change of [...seams.values()].flatMap((plan) => plan.changes())) {
      const text = change.create ? change.create.content : applyChanges(baseOf(change.filePath), change.changes);
      const shown = fixedTexts.get(change.filePath);
      if (shown === text) continue;
      appeared ||= shown === undefined && change.create !== undefined;
      fixedTexts.set(change.filePath, text);
      index.invalidate(change.filePath);
    }
    // New files change how imports resolve everywhere; a changed config only its own analysis.
    if (appeared) index.invalidateAll();
  };
  // A project on openai v3 moves whole first (v3-move.ts); the files' own fixes then see it moved.
  const movedProjects = new Set<string>();
  for (const { filePath, config, text } of sources) {
    const projectRoot = projectRootOf(filePath, configs.workspaceRoot, host);
    if (movedProjects.has(projectRoot)) continue;
    const move = projectMoveFor({ filePath, text, config, index, host, workspaceRoot: configs.workspaceRoot, projectFiles: () => projectFiles });
    if (!move) continue;
    movedProjects.add(projectRoot);
    if (move.disabledReason) {
      result.skipped.push({ filePath, fix: move, reason: move.disabledReason });
      continue;
    }
    result.applied += 1;
    for (const change of move.changes) {
      const before = change.create ? undefined : (host.readFile(change.filePath) ?? '');
      if (change.remove) removed.add(change.filePath);
      const after = change.remove ? '' : change.create ? change.create.content : applyChanges(before ?? '', change.changes);
      movedTexts.set(change.filePath, after);
      update(change.filePath, before, after);
      if (change.notice) notices.set(change.filePath, change.notice);
    }
    index.invalidateAll();
  }
  for (const { filePath, config, text: original } of sources) {
    if (removed.has(filePath)) continue;
    // As ESLint's --fix: fixes whose edits overlapped those taken get another pass on the fixed text.
    for (let pass = 1; ; pass++) {
      showSeams();
      const text = fixedTexts.get(filePath) ?? original;
      const fixed = fixFile({ filePath, text, config, index, host, workspaceRoot: configs.workspaceRoot, projectFiles: () => projectFiles }, seams);
      result.applied += fixed.applied.length;
      if (fixed.text !== undefined) update(filePath, text, fixed.text);
      for (const other of fixed.otherFiles ?? []) {
        // Edits at callers were computed on the caller's current text; they must leave it parsable.
        const before = host.readFile(other.filePath) ?? '';
        const after = applyChanges(before, other.changes);
        if (firstSyntaxError(parseSource(other.filePath, after)) && !firstSyntaxError(parseSource(other.filePath, before))) {
          throw new FixRunError(`${other.filePath}: the edits a fix of ${filePath} makes there would leave it unparsable; nothing was written`);
        }
        update(other.filePath, before, after);
      }
      const again = fixed.text !== undefined && pass < MAX_PASSES && fixed.skipped.some((skipped) => skipped.reason === OVERLAPPED);
      if (!again) {
        result.skipped.push(...fixed.skipped.map((skipped) => ({ filePath, ...skipped })));
        break;
      }
    }
  }
  const files = new Map<string, FixedFile>();
  for (const [filePath, before] of originals) {
    files.set(filePath, { filePath, ...(before === undefined ? {} : { before }), after: fixedTexts.get(filePath)!, ...(removed.has(filePath) ? { removed: true as const } : {}), ...(notices.has(filePath) ? { notice: notices.get(filePath) } : {}) });
  }
  for (const plan of seams.values()) {
    for (const change of plan.changes()) {
      const known = files.get(change.filePath);
      const after = change.create ? change.create.content : applyChanges(baseOf(change.filePath), change.changes);
      const notice = change.notice ?? known?.notice;
      if (known) files.set(change.filePath, { ...known, after, ...(notice ? { notice } : {}) });
      else files.set(change.filePath, { filePath: change.filePath, ...(change.create ? {} : { before: baseOf(change.filePath) }), after, ...(notice ? { notice } : {}) });
    }
  }
  result.files.push(...files.values());
  return result;
}

/** A run whose fixes would break a file; nothing is written. */
export class FixRunError extends Error {}

/** Writes the fixed files, creating folders for new ones; refuses to overwrite a file created meanwhile. */
export function writeFixedFiles(files: readonly FixedFile[]): void {
  for (const file of files) {
    if (file.removed) {
      fs.rmSync(file.filePath);
      continue;
    }
    fs.mkdirSync(path.dirname(file.filePath), { recursive: true });
    fs.writeFileSync(file.filePath, file.after, { flag: file.before === undefined ? 'wx' : 'w' });
  }
}
