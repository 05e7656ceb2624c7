/**
 * Fix-all over many files, as the CLI's `--fix` / `--fix-dry-run` run it: every file's safe fixes, one
 * shared seam (created once, its configuration extended by every file's fixes), and the resulting file
 * contents — written by the caller, or shown as a diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigResolver } from '../config/resolve';
import { diskIndexHost } from '../engine/disk-host';
import { WorkspaceIndex } from '../engine/workspace-index';
import { readSourceFileSync } from '../files/read';
import { providerFor } from './file-fixes';
import { fixFile } from './fix-all';
import type { SeamPlan } from './seam-plan';
import { applyChanges } from './text-changes';
import type { Fix } from './types';

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

export function fixFiles(filePaths: readonly string[], configs: ConfigResolver): FixRunResult {
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
  for (const { filePath, config, text } of sources) {
    const fixed = fixFile({ filePath, text, config, index, host, workspaceRoot: configs.workspaceRoot }, seams, provider);
    result.applied += fixed.applied.length;
    result.skipped.push(...fixed.skipped.map((skipped) => ({ filePath, ...skipped })));
    if (fixed.text !== undefined) result.files.push({ filePath, before: text, after: fixed.text });
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

/** Writes the fixed files, creating folders for new ones; refuses to overwrite a file created meanwhile. */
export function writeFixedFiles(files: readonly FixedFile[]): void {
  for (const file of files) {
    fs.mkdirSync(path.dirname(file.filePath), { recursive: true });
    fs.writeFileSync(file.filePath, file.after, { flag: file.before === undefined ? 'wx' : 'w' });
  }
}
