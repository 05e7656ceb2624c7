/**
 * The path aliases a file already imports project modules through (tsconfig `paths`, e.g. `@/*`), learned
 * from its own imports: `@/data/store` resolving to `<root>/src/data/store.ts` means `@/` stands for
 * `<root>/src/`. The seam import then follows the file's habit (`@/ai`) instead of a relative path.
 */
import * as path from 'node:path';
import { importSpecifiers } from '../engine/import-specifiers';

export interface PathAlias {
  /** What the specifier starts with, e.g. `@/`. */
  prefix: string;
  /** The folder it stands for. */
  dir: string;
}

export function pathAliasesOf(text: string, resolve: (specifier: string) => string | undefined): PathAlias[] {
  const aliases: PathAlias[] = [];
  for (const specifier of importSpecifiers(text)) {
    if (specifier.startsWith('.') || specifier.startsWith('/')) continue;
    const target = resolve(specifier);
    if (!target || target.split(path.sep).includes('node_modules')) continue;
    const alias = aliasOf(specifier, target);
    if (alias && !aliases.some((known) => known.prefix === alias.prefix)) aliases.push(alias);
  }
  return aliases;
}

/** The longest run of path segments the specifier and the resolved file end with decides the alias. */
function aliasOf(specifier: string, target: string): PathAlias | undefined {
  const wanted = specifier.replace(/\.[mc]?js$/, '').split('/');
  let segments = target.replace(/\.(?:d\.)?[mc]?[jt]sx?$/, '').split(path.sep);
  if (segments.at(-1) === 'index' && wanted.at(-1) !== 'index') segments = segments.slice(0, -1);
  let common = 0;
  while (common < wanted.length - 1 && common < segments.length && wanted[wanted.length - 1 - common] === segments[segments.length - 1 - common]) common++;
  if (common === 0) return undefined;
  const prefix = wanted.slice(0, wanted.length - common).join('/');
  return { prefix: `${prefix}/`, dir: segments.slice(0, segments.length - common).join(path.sep) };
}
