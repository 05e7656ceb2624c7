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
import { providerFor } from './file-fixes';
import { fixFile } from './fix-all';
import type { SeamPlan } from './seam-plan';
import { applyChanges, overlaps } from './text-changes';
import type { Fix, TextChange } from './types';

export interface FixedFile {
  filePath: string;
  /** Undefined for a file the fixes create. */
  before?: string;
  after: string;
}

export interface FixRunResult {
  files: FixedFile[];
  applied: number;
  skipped: Array<{ filePath: string; fix: Fix; reason: string }>;
}

/** `projectFiles`: every file of the project, where callers of a function whose result a fix changes are looked for. */
export function fixFiles(filePaths: readonly string[], configs: ConfigResolver, projectFiles?: readonly string[]): FixRunResult {
  const host = diskIndexHost((file) => configs.configFor(file));
  const index = new WorkspaceIndex(host);
  const seams = new Map<string, SeamPlan>();
  const result: FixRunResult = { files: [], applied: 0, skipped: [] };
  const sources = filePaths.flatMap((filePath) => {
    const config = configs.configFor(filePath);
    const read = readSourceFileSync(filePath, config.maxFileSize);
    return read.ok ? [{ filePath, config, text: read.text }] : [];
  });
  // The seam is made once for the run: it defaults to the provider the code calls, whichever file comes first.
  const firstCall = sources.flatMap(({ filePath, text }) => index.analysis(filePath, text)?.facts ?? []).find((fact) => fact.kind === 'vendor-call');
  const provider = firstCall ? providerFor(firstCall) : 'openai';
  // Every file's fixes are worked out on the original texts; a file's own edits and the edits other files'
  // fixes make to it (at callers) are applied together at the end.
  const edits = new Map<string, { before: string; own: TextChange[]; fromElsewhere: TextChange[] }>();
  const editsOf = (filePath: string, before?: string) => {
    let entry = edits.get(filePath);
    if (!entry) edits.set(filePath, (entry = { before: before ?? host.readFile(filePath) ?? '', own: [], fromElsewhere: [] }));
    return entry;
  };
  for (const { filePath, config, text } of sources) {
    const fixed = fixFile({ filePath, text, config, index, host, workspaceRoot: configs.workspaceRoot, projectFiles: () => projectFiles }, seams, provider);
    result.applied += fixed.applied.length;
    result.skipped.push(...fixed.skipped.map((skipped) => ({ filePath, ...skipped })));
    if (fixed.changes) editsOf(filePath, text).own.push(...fixed.changes);
    for (const other of fixed.otherFiles ?? []) editsOf(other.filePath).fromElsewhere.push(...other.changes);
  }
  for (const [filePath, { before, own, fromElsewhere: all }] of edits) {
    // Two fixes may ask for the same edit elsewhere (the same unused import at a caller): once is enough.
    const fromElsewhere = all.filter((edit, index) => all.findIndex((other) => other.start === edit.start && other.end === edit.end && other.newText === edit.newText) === index);
    // Each file's own fixes were checked to parse (fix-all.ts); edits from elsewhere are checked here, and
    // nothing is written when they would break a file.
    const problem = (reason: string) => new FixRunError(`${filePath}: ${reason}; nothing was written (run --fix on the files one by one)`);
    if (overlaps([...own, ...fromElsewhere])) throw problem("the edits at the callers of a fixed function overlap the file's own fixes");
    const after = applyChanges(before, [...own, ...fromElsewhere]);
    if (fromElsewhere.length && firstSyntaxError(parseSource(filePath, after)) && !firstSyntaxError(parseSource(filePath, before))) {
      throw problem('the edits at the callers of a fixed function would leave the file unparsable');
    }
    result.files.push({ filePath, before, after });
  }
  for (const plan of seams.values()) {
    for (const change of plan.changes()) {
      if (change.create) result.files.push({ filePath: change.filePath, after: change.create.content });
      else {
        const before = host.readFile(change.filePath) ?? '';
        result.files.push({ filePath: change.filePath, before, after: applyChanges(before, change.changes) });
      }
    }
  }
  return result;
}

/** A run whose fixes cannot be combined safely; nothing is written. */
export class FixRunError extends Error {}

/** Writes the fixed files, creating folders for new ones; refuses to overwrite a file created meanwhile. */
export function writeFixedFiles(files: readonly FixedFile[]): void {
  for (const file of files) {
    fs.mkdirSync(path.dirname(file.filePath), { recursive: true });
    fs.writeFileSync(file.filePath, file.after, { flag: file.before === undefined ? 'wx' : 'w' });
  }
}
