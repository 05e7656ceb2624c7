/**
 * Resolves import specifiers to workspace files the way TypeScript does for the cases that matter here:
 * relative paths (with `.js` → `.ts` under NodeNext), folder `index` files, and `tsconfig.json` /
 * `jsconfig.json` `baseUrl` and `paths` aliases such as `@/lib/openai`. Packages are not followed.
 */
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { type DependencyRecorder, dependencyKeys } from './dependencies';

export interface FileSystemView {
  fileExists(filePath: string): boolean;
  readFile(filePath: string): string | undefined;
}

interface PathMapping {
  /** `@/*` → prefix `@/`, suffix `` and wildcard; exact keys have no wildcard. */
  prefix: string;
  suffix: string;
  wildcard: boolean;
  targets: string[];
}

interface CompilerPaths {
  baseUrl?: string;
  mappings: PathMapping[];
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

export class ModuleResolver {
  private readonly pathsByDirectory = new Map<string, CompilerPaths | undefined>();
  /** folder → specifier → file: files of one folder share their imports' resolutions. */
  private readonly resolved = new Map<string, Map<string, string | undefined>>();
  /** One string per resolved file: folders resolving the same file would each keep a copy of its path. */
  private readonly files = new Map<string, string>();

  /** With a `recorder`, each resolution and tsconfig lookup notes the files it looked at (see dependencies.ts). */
  constructor(
    private readonly fs: FileSystemView,
    private readonly recorder?: DependencyRecorder,
  ) {}

  /** A tsconfig changed: forget every cached resolution. */
  invalidate(): void {
    this.pathsByDirectory.clear();
    this.resolved.clear();
    this.files.clear();
  }

  resolve(fromFile: string, specifier: string): string | undefined {
    const directory = path.dirname(fromFile);
    let inFolder = this.resolved.get(directory);
    if (!inFolder) this.resolved.set(directory, (inFolder = new Map()));
    const key = this.recorder && dependencyKeys.resolution(directory, specifier);
    if (inFolder.has(specifier)) {
      if (key) this.recorder!.use(key);
      return inFolder.get(specifier);
    }
    const found = key ? this.recorder!.compute(key, () => this.resolveUncached(directory, specifier)) : this.resolveUncached(directory, specifier);
    const result = found === undefined ? undefined : this.interned(found);
    inFolder.set(specifier, result);
    return result;
  }

  private interned(file: string): string {
    const known = this.files.get(file);
    if (known !== undefined) return known;
    this.files.set(file, file);
    return file;
  }

  private resolveUncached(directory: string, specifier: string): string | undefined {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) return this.resolveFile(path.resolve(directory, specifier));
    const compilerPaths = this.compilerPathsFor(directory);
    if (!compilerPaths) return undefined;
    for (const mapping of compilerPaths.mappings) {
      const captured = matchMapping(mapping, specifier);
      if (captured === undefined) continue;
      for (const target of mapping.targets) {
        const found = this.resolveFile(target.replace('*', captured));
        if (found) return found;
      }
    }
    return compilerPaths.baseUrl ? this.resolveFile(path.join(compilerPaths.baseUrl, specifier)) : undefined;
  }

  private resolveFile(candidate: string): string | undefined {
    const extension = path.extname(candidate);
    for (const replacement of JS_TO_TS[extension] ?? []) {
      const swapped = candidate.slice(0, -extension.length) + replacement;
      if (this.fs.fileExists(swapped)) return swapped;
    }
    if (SOURCE_EXTENSIONS.includes(extension) && this.fs.fileExists(candidate)) return candidate;
    for (const added of SOURCE_EXTENSIONS) if (this.fs.fileExists(candidate + added)) return candidate + added;
    for (const added of SOURCE_EXTENSIONS) {
      const index = path.join(candidate, `index${added}`);
      if (this.fs.fileExists(index)) return index;
    }
    return undefined;
  }

  /** `baseUrl` / `paths` of the nearest tsconfig.json or jsconfig.json above a folder. */
  private compilerPathsFor(directory: string): CompilerPaths | undefined {
    const key = this.recorder && dependencyKeys.compilerPaths(directory);
    if (this.pathsByDirectory.has(directory)) {
      if (key) this.recorder!.use(key);
      return this.pathsByDirectory.get(directory);
    }
    return key ? this.recorder!.compute(key, () => this.lookUpCompilerPaths(directory)) : this.lookUpCompilerPaths(directory);
  }

  private lookUpCompilerPaths(directory: string): CompilerPaths | undefined {
    let found: CompilerPaths | undefined;
    const configFile = CONFIG_NAMES.map((name) => path.join(directory, name)).find((file) => this.fs.fileExists(file));
    if (configFile) found = this.readCompilerPaths(configFile, new Set());
    else {
      const parent = path.dirname(directory);
      found = parent !== directory ? this.compilerPathsFor(parent) : undefined;
    }
    this.pathsByDirectory.set(directory, found);
    return found;
  }

  private readCompilerPaths(configFile: string, seen: Set<string>): CompilerPaths | undefined {
    if (seen.has(configFile)) return undefined;
    seen.add(configFile);
    const text = this.fs.readFile(configFile);
    if (text === undefined) return undefined;
    const config = parseJsonc(text, [], { allowTrailingComma: true }) as
      | { extends?: string | string[]; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } }
      | undefined;
    if (!config || typeof config !== 'object') return undefined;
    const directory = path.dirname(configFile);
    let inherited: CompilerPaths | undefined;
    // A tsconfig is user input: a non-string `extends` entry is skipped, as TypeScript reports and ignores it.
    for (const parent of [config.extends ?? []].flat().filter((entry) => typeof entry === 'string')) {
      const parentFile = findExtendedConfig(directory, parent, (file) => this.fs.fileExists(file));
      inherited = (parentFile && this.readCompilerPaths(parentFile, seen)) || inherited;
    }
    const options = config.compilerOptions ?? {};
    const baseUrl = typeof options.baseUrl === 'string' ? path.resolve(directory, options.baseUrl) : inherited?.baseUrl;
    if (!options.paths || typeof options.paths !== 'object') return baseUrl ? { baseUrl, mappings: inherited?.mappings ?? [] } : inherited;
    // Paths are relative to baseUrl when set, else to the config that declares them.
    const pathsBase = typeof options.baseUrl === 'string' ? baseUrl! : directory;
    const mappings = Object.entries(options.paths)
      .filter((entry): entry is [string, string[]] => Array.isArray(entry[1]))
      .map(([key, targets]) => {
        const star = key.indexOf('*');
        return {
          prefix: star < 0 ? key : key.slice(0, star),
          suffix: star < 0 ? '' : key.slice(star + 1),
          wildcard: star >= 0,
          targets: targets.filter((target) => typeof target === 'string').map((target) => path.resolve(pathsBase, target)),
        };
      })
      // TypeScript prefers the longest matching prefix.
      .sort((a, b) => b.prefix.length - a.prefix.length);
    return { baseUrl, mappings };
  }
}

/** The file a tsconfig `extends` entry names: a relative or absolute path, or a package in `node_modules`. */
export function findExtendedConfig(directory: string, reference: string, fileExists: (filePath: string) => boolean): string | undefined {
  const withJson = reference.endsWith('.json') ? reference : `${reference}.json`;
  if (reference.startsWith('.') || path.isAbsolute(reference)) {
    const file = path.resolve(directory, withJson);
    return fileExists(file) ? file : undefined;
  }
  for (let current = directory; ; current = path.dirname(current)) {
    for (const candidate of [withJson, path.join(reference, 'tsconfig.json')]) {
      const file = path.join(current, 'node_modules', candidate);
      if (fileExists(file)) return file;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

function matchMapping(mapping: PathMapping, specifier: string): string | undefined {
  if (!mapping.wildcard) return specifier === mapping.prefix ? '' : undefined;
  if (!specifier.startsWith(mapping.prefix) || !specifier.endsWith(mapping.suffix)) return undefined;
  if (specifier.length < mapping.prefix.length + mapping.suffix.length) return undefined;
  return specifier.slice(mapping.prefix.length, specifier.length - mapping.suffix.length);
}
