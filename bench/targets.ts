/**
 * What the scan section measures: the generated tree (whose manifest says what must and must not be
 * found) and, with `--corpus DIR`, each checkout of a public repository in DIR (bench/README.md lists the
 * pinned commits and how to get them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Manifest, Tree } from './generate';

export interface Target {
  /** `generated`, or the checkout's folder name (`owner+name`). */
  name: string;
  root: string;
  /** Only for the generated tree: the files that must be reported and the traps that must not. */
  manifest?: Manifest;
  /** The commit a checkout is at, when it says (`.corpus-commit`, as /work/corpus's checkout.sh writes). */
  commit?: string;
}

export function generatedTarget(tree: Tree): Target {
  return { name: 'generated', root: tree.root, manifest: tree.manifest };
}

/** The checkouts in `dir` (each folder is one repository), sorted; `only` picks some by name. */
export function corpusTargets(dir: string, only?: readonly string[]): Target[] {
  const folders = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .filter((name) => !only || only.includes(name))
    .sort();
  return folders.map((name) => {
    const root = path.join(dir, name);
    const commit = readCommit(root);
    return { name, root, ...(commit ? { commit } : {}) };
  });
}

function readCommit(root: string): string | undefined {
  try {
    return fs.readFileSync(path.join(root, '.corpus-commit'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
