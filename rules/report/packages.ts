/**
 * The vendor SDK packages a project declares (package.json) and the versions its lockfile pins
 * (package-lock.json / npm-shrinkwrap.json, yarn.lock v1 and Berry, pnpm-lock.yaml). A package counts
 * when the whole package belongs to a vendor in the vendor table (`openai`, `@azure/openai`,
 * `@langchain/openai`, `@ai-sdk/openai` …); `langchain` itself is not an OpenAI SDK.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { relativePosix } from '../config/globs';
import type { VendorId } from '../engine/types';
import { VENDORS } from '../vendors/table';
import type { Steps } from './steps';
import type { InventoryPackage, Location } from './types';

const VENDOR_PACKAGES: ReadonlyMap<string, VendorId> = new Map(VENDORS.flatMap((vendor) => vendor.modules.filter((module) => module.subpaths).map((module) => [module.name, vendor.id] as const)));
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

export interface PackageFolder {
  /** Absolute folder holding a package.json. */
  dir: string;
  name?: string;
}

/**
 * The folders with a package.json among `folders` and their parents up to `root` (a monorepo's packages
 * are found from the files the scan listed, without walking the tree again), outermost first.
 */
export function* packageFolders(root: string, folders: Iterable<string>): Steps<PackageFolder[]> {
  const seen = new Map<string, PackageFolder | null>();
  for (const start of folders) {
    yield;
    for (let dir = start; !seen.has(dir) && relativePosix(root, dir) !== undefined; dir = path.dirname(dir)) {
      seen.set(dir, fs.existsSync(path.join(dir, 'package.json')) ? { dir, name: manifestOf(dir)?.name } : null);
      if (dir === root) break;
    }
  }
  return [...seen.values()].filter((folder): folder is PackageFolder => folder !== null).sort((a, b) => a.dir.length - b.dir.length || a.dir.localeCompare(b.dir));
}

/**
 * Vendor packages declared by each folder's package.json, with the lockfile's version. A package.json or
 * lockfile that cannot be read or parsed is `note`d (the report says what it could not see).
 */
export function vendorPackages(root: string, folders: readonly PackageFolder[], note: (problem: string) => void = () => undefined): InventoryPackage[] {
  const byName = new Map<string, InventoryPackage>();
  const lockfiles = new Lockfiles(root, note);
  for (const { dir } of folders) {
    const manifest = manifestOf(dir, note);
    if (!manifest) continue;
    const lock = lockfiles.nearest(dir);
    for (const field of DEPENDENCY_FIELDS) {
      for (const [name, range] of Object.entries(manifest.fields[field] ?? {})) {
        const vendor = VENDOR_PACKAGES.get(name);
        if (!vendor || typeof range !== 'string') continue;
        let entry = byName.get(name);
        if (!entry) byName.set(name, (entry = { name, vendor, declarations: [] }));
        const locked = lock && lockedVersion(lock, relativePosix(path.dirname(lock.file), dir) ?? '', name, range);
        entry.declarations.push({
          manifest: locationOfText(root, manifest.file, manifest.text, JSON.stringify(name)),
          range,
          ...(locked ? { locked: locked.version, lockfile: { file: relativePosix(root, lock.file) ?? lock.file, line: locked.line, column: 1 } } : {}),
        });
      }
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

interface Manifest {
  file: string;
  text: string;
  name?: string;
  /** Each dependency field (`dependencies`, `devDependencies` …) as written. */
  fields: Record<string, Record<string, unknown> | undefined>;
}

/** A package.json that cannot be read or parsed declares nothing; `note` hears why. */
function manifestOf(dir: string, note?: (problem: string) => void): Manifest | undefined {
  const file = path.join(dir, 'package.json');
  try {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = JSON.parse(text) as Record<string, unknown> | null;
    if (!parsed || typeof parsed !== 'object') throw new Error('it holds no object');
    const fields = Object.fromEntries(DEPENDENCY_FIELDS.map((field) => [field, isObject(parsed[field]) ? parsed[field] : undefined]));
    return { file, text, name: typeof parsed.name === 'string' ? parsed.name : undefined, fields };
  } catch (error) {
    note?.(`${file} could not be read (${(error as Error).message}); the SDK packages it declares are not in the inventory.`);
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Lockfile {
  file: string;
  text: string;
  /** package-lock.json / npm-shrinkwrap.json, parsed once. */
  json?: NpmLock;
}

interface NpmLock {
  packages?: Record<string, { version?: string }>;
  dependencies?: Record<string, { version?: string }>;
}

/** Lockfiles, each read (and parsed) once; one that cannot be is noted and pins nothing. */
class Lockfiles {
  private readonly loaded = new Map<string, Lockfile | null>();

  constructor(
    private readonly root: string,
    private readonly note: (problem: string) => void,
  ) {}

  /** The nearest lockfile from the package's folder up to the root. */
  nearest(dir: string): Lockfile | undefined {
    for (let current = dir; relativePosix(this.root, current) !== undefined; current = path.dirname(current)) {
      const file = LOCKFILES.map((name) => path.join(current, name)).find((candidate) => fs.existsSync(candidate));
      if (file) return this.load(file);
      if (current === this.root) break;
    }
    return undefined;
  }

  private load(file: string): Lockfile | undefined {
    let lock = this.loaded.get(file);
    if (lock === undefined) {
      try {
        const text = fs.readFileSync(file, 'utf8');
        lock = { file, text, ...(file.endsWith('.json') ? { json: JSON.parse(text) as NpmLock } : {}) };
      } catch (error) {
        this.note(`${file} could not be read (${(error as Error).message}); no locked versions from it.`);
        lock = null;
      }
      this.loaded.set(file, lock);
    }
    return lock ?? undefined;
  }
}

/** `packageDir` is the package's folder relative to the lockfile's ('' for the same folder). */
export function lockedVersion(lock: Lockfile, packageDir: string, name: string, range: string): { version: string; line: number } | undefined {
  const base = path.basename(lock.file);
  if (base === 'yarn.lock') return yarnVersion(lock.text, name, range);
  if (base === 'pnpm-lock.yaml') return pnpmVersion(lock.text, packageDir, name);
  return npmVersion(lock, packageDir, name);
}

function npmVersion(lock: Lockfile, packageDir: string, name: string): { version: string; line: number } | undefined {
  let json = lock.json;
  try {
    json ??= JSON.parse(lock.text) as NpmLock;
  } catch {
    return undefined;
  }
  // Lockfile v2/v3: nested under the package's own node_modules, else hoisted to the root's.
  const keys = [...(packageDir ? [`${packageDir}/node_modules/${name}`] : []), `node_modules/${name}`];
  const key = keys.find((candidate) => json.packages?.[candidate]?.version);
  const version = key ? json.packages![key].version : json.dependencies?.[name]?.version;
  if (!version) return undefined;
  return { version, line: lineOf(lock.text, JSON.stringify(key ?? name)) };
}

/** yarn.lock v1 (`openai@^4.0.0, openai@^4.2.0:` / `  version "4.2.0"`) and Berry (`"openai@npm:^4.0.0":` / `  version: 4.2.0`). */
function yarnVersion(text: string, name: string, range: string): { version: string; line: number } | undefined {
  const lines = text.split('\n');
  let fallback: { version: string; line: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const header = lines[index];
    if (header.startsWith(' ') || !header.endsWith(':')) continue;
    const descriptors = header.slice(0, -1).split(',').map((descriptor) => descriptor.trim().replace(/^"|"$/g, ''));
    const ranges = descriptors.filter((descriptor) => descriptor.startsWith(`${name}@`)).map((descriptor) => descriptor.slice(name.length + 1).replace(/^npm:/, ''));
    if (ranges.length === 0) continue;
    for (let body = index + 1; body < lines.length && lines[body].startsWith(' '); body++) {
      const version = /^\s+version:?\s+"?([^"\s]+)"?/.exec(lines[body])?.[1];
      if (!version) continue;
      const found = { version, line: index + 1 };
      if (ranges.includes(range)) return found;
      fallback ??= found;
      break;
    }
  }
  return fallback;
}

/** pnpm-lock.yaml v6–v9: `importers: <dir>: dependencies: <name>: version: x`; v5: `dependencies: <name>: x`. */
function pnpmVersion(text: string, packageDir: string, name: string): { version: string; line: number } | undefined {
  const lines = text.split('\n');
  const importer = packageDir || '.';
  const importersAt = lines.indexOf('importers:');
  let from = 0;
  let to = lines.length;
  if (importersAt >= 0) {
    const start = lines.findIndex((line, index) => index > importersAt && new RegExp(`^ {2}['"]?${escapeRegExp(importer)}['"]?:$`).test(line));
    if (start < 0) return undefined;
    from = start + 1;
    to = lines.findIndex((line, index) => index > start && /^ {0,2}\S/.test(line));
    if (to < 0) to = lines.length;
  }
  const key = new RegExp(`^(\\s+)['"]?${escapeRegExp(name)}['"]?:\\s*(\\S*)$`);
  for (let index = from; index < to; index++) {
    const match = key.exec(lines[index]);
    if (!match || parentKey(lines, index, match[1].length) === 'specifiers') continue;
    const inline = match[2];
    const version = inline || /^\s+version:\s+(\S+)/.exec(lines.slice(index + 1, index + 3).find((line) => /^\s+version:/.test(line)) ?? '')?.[1];
    // Peer suffixes (`4.2.0(zod@3.23.8)`) are not part of the version.
    if (version) return { version: version.replace(/^['"]|['"]$/g, '').replace(/\(.*$/, ''), line: index + 1 };
  }
  return undefined;
}

/** The key of the nearest line above `index` indented less than `indent`. */
function parentKey(lines: readonly string[], index: number, indent: number): string | undefined {
  for (let above = index - 1; above >= 0; above--) {
    const match = /^(\s*)['"]?([^'":]+)['"]?:/.exec(lines[above]);
    if (match && match[1].length < indent) return match[2];
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

function locationOfText(root: string, file: string, text: string, needle: string): Location {
  const at = Math.max(0, text.indexOf(needle));
  const before = text.slice(0, at);
  return { file: relativePosix(root, file) ?? file, line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}
