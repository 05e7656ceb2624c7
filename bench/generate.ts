/**
 * Generates the benchmark's synthetic monorepo, deterministically from a seed, into
 * `.bench/monorepo-<seed>-<files>/`, or reuses it when it is already there and complete.
 *
 *   node out/bench/generate.js [--seed S] [--files N]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileContent } from './generator/content';
import { planTree, type TreePlan } from './generator/layout';
import { positiveInteger } from './options';

/** Bump when generated content changes, so trees from an older generator are not reused. */
const GENERATOR_VERSION = 3;

export const BENCH_DIR = path.resolve(__dirname, '..', '..', '.bench');

export interface Manifest {
  generatorVersion: number;
  seed: number;
  sourceFiles: number;
  packages: number;
  lines: number;
  bytes: number;
  /** Files with vendor-coupled code, relative to the tree root, with their style. */
  vendorCoupled: Array<{ path: string; style: string }>;
  /** Files with look-alike code, or that only mention a vendor, which must not be reported. */
  traps: Array<{ path: string; style: string }>;
  /** Modules that pass a shared client on to the files that call it (not reported themselves). */
  relays: Array<{ path: string; style: string }>;
  /** Large generated files. */
  generated: string[];
}

export interface Tree {
  root: string;
  manifest: Manifest;
  reused: boolean;
}

export function treeRoot(seed: number, fileCount: number): string {
  return path.join(BENCH_DIR, `monorepo-${seed}-${fileCount}`);
}

export function ensureTree(seed: number, fileCount: number): Tree {
  const root = treeRoot(seed, fileCount);
  const existing = readManifest(root);
  if (existing?.generatorVersion === GENERATOR_VERSION) return { root, manifest: existing, reused: true };
  fs.rmSync(root, { recursive: true, force: true });
  const manifest = writeTree(root, seed, planTree(seed, fileCount));
  // Written last: a tree without a manifest is incomplete and gets regenerated.
  fs.writeFileSync(manifestPath(root), JSON.stringify(manifest, null, 2) + '\n');
  return { root, manifest, reused: false };
}

const manifestPath = (root: string) => path.join(root, 'manifest.json');

function readManifest(root: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(manifestPath(root), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

function writeTree(root: string, seed: number, plan: TreePlan): Manifest {
  const createdDirs = new Set<string>();
  const write = (relativePath: string, text: string) => {
    const target = path.join(root, relativePath);
    const dir = path.dirname(target);
    if (!createdDirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      createdDirs.add(dir);
    }
    fs.writeFileSync(target, text);
  };

  // The tree is its own repository root, as a real monorepo is. Without the marker, tools that honour
  // .gitignore up to the repository root (oxlint) would skip it, since this repository ignores .bench/.
  fs.mkdirSync(path.join(root, '.git'), { recursive: true });
  write('package.json', JSON.stringify({ name: 'acme-monorepo', private: true, workspaces: ['packages/*'] }, null, 2) + '\n');
  for (const pkg of plan.packages) {
    write(`${pkg.dir}/package.json`, JSON.stringify({ name: pkg.name, version: '1.0.0', main: 'src/index.ts' }, null, 2) + '\n');
  }

  let lines = 0;
  let bytes = 0;
  for (const file of plan.files) {
    const text = fileContent(file, seed);
    write(file.path, text);
    lines += text.split('\n').length - 1;
    bytes += Buffer.byteLength(text);
  }
  return {
    generatorVersion: GENERATOR_VERSION,
    seed,
    sourceFiles: plan.files.length,
    packages: plan.packages.length,
    lines,
    bytes,
    vendorCoupled: plan.files.flatMap((file) => (file.vendor ? [{ path: file.path, style: file.vendor }] : [])),
    traps: plan.files.flatMap((file) => (file.trap ? [{ path: file.path, style: file.trap }] : [])),
    relays: plan.files.flatMap((file) => (file.relay ? [{ path: file.path, style: file.relay }] : [])),
    generated: plan.files.flatMap((file) => (file.generated ? [file.path] : [])),
  };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, files: { type: 'string' } } });
  const started = process.hrtime.bigint();
  const tree = ensureTree(positiveInteger('--seed', values.seed, 1), positiveInteger('--files', values.files, 20000));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { manifest } = tree;
  console.log(
    `${tree.reused ? 'Reused' : 'Generated'} ${tree.root} in ${seconds.toFixed(1)} s: ${manifest.sourceFiles} source files in ` +
      `${manifest.packages} packages, ${manifest.lines} lines, ${(manifest.bytes / 1e6).toFixed(1)} MB; ` +
      `${manifest.vendorCoupled.length} vendor-coupled, ${manifest.traps.length} traps and mentions, ${manifest.relays.length} client relays, ` +
      `${manifest.generated.length} large generated files`,
  );
}
