/** Glob matching for seam, include, exclude and `allow` lists: minimatch, relative to each glob's base. */
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import type { Glob } from '../engine/types';

const MATCH_OPTIONS = { dot: true, nocomment: true, nonegate: true } as const;

/** Path of `filePath` relative to `base`, with forward slashes; undefined when outside `base`. */
export function relativePosix(base: string, filePath: string): string | undefined {
  const relative = path.relative(base, filePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

export function matchesGlob(filePath: string, glob: Glob): boolean {
  const relative = relativePosix(glob.base, filePath);
  return relative !== undefined && minimatch(relative, glob.pattern, MATCH_OPTIONS);
}

export function matchesAnyGlob(filePath: string, globs: readonly Glob[]): boolean {
  return globs.some((glob) => matchesGlob(filePath, glob));
}

/** True when every file below `dirPath` is excluded by a glob ending in `/**` (lets walkers skip the folder). */
export function excludesWholeDirectory(dirPath: string, globs: readonly Glob[]): boolean {
  return globs.some((glob) => {
    if (!glob.pattern.endsWith('/**')) return false;
    const relative = relativePosix(glob.base, dirPath);
    return relative !== undefined && relative !== '' && minimatch(`${relative}/`, glob.pattern, MATCH_OPTIONS);
  });
}
