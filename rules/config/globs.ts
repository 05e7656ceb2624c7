/** Glob matching for seam, include, exclude and `allow` lists: minimatch, relative to each glob's base. */
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import type { Glob } from '../engine/types';

const MATCH_OPTIONS = { dot: true, nocomment: true, nonegate: true } as const;

/** Patterns compiled once to regular expressions: a scan matches the same few globs against every file. */
const compiled = new Map<string, (relative: string) => boolean>();

function compile(pattern: string): (relative: string) => boolean {
  let test = compiled.get(pattern);
  if (!test) {
    const matcher = new Minimatch(pattern, MATCH_OPTIONS);
    const regExp = matcher.makeRe();
    test = regExp ? (relative) => regExp.test(relative) : (relative) => matcher.match(relative);
    compiled.set(pattern, test);
  }
  return test;
}

/** Path of `filePath` relative to `base`, with forward slashes; undefined when outside `base`. */
export function relativePosix(base: string, filePath: string): string | undefined {
  // The common case (a file below the base) needs no normalisation.
  if (filePath.startsWith(base) && (filePath.length === base.length || filePath[base.length] === path.sep)) {
    const relative = filePath.slice(base.length + 1);
    return path.sep === '/' ? relative : relative.split(path.sep).join('/');
  }
  const relative = path.relative(base, filePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

export function matchesAnyGlob(filePath: string, globs: readonly Glob[]): boolean {
  // Globs of one list usually share a base: compute the relative path once per base.
  let lastBase: string | undefined;
  let relative: string | undefined;
  for (const glob of globs) {
    if (glob.base !== lastBase) {
      lastBase = glob.base;
      relative = relativePosix(glob.base, filePath);
    }
    if (relative !== undefined && compile(glob.pattern)(relative)) return true;
  }
  return false;
}

/** True when every file below `dirPath` is excluded by a glob ending in `/**` (lets walkers skip the folder). */
export function excludesWholeDirectory(dirPath: string, globs: readonly Glob[]): boolean {
  return globs.some((glob) => {
    if (!glob.pattern.endsWith('/**')) return false;
    const relative = relativePosix(glob.base, dirPath);
    return relative !== undefined && relative !== '' && compile(glob.pattern)(`${relative}/`);
  });
}
