/**
 * Which configuration applies to a file: discovery of aidlint.json files (walking up to the workspace root,
 * stopping at `"root": true`), `extends`, and the cascade from the outermost file to the nearest one.
 * Everything is memoized per folder, so a scan of many files reads and merges each config once.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { rules as ruleDefinitions, ruleIds } from '../definitions/index';
import type { ConfigProblem, Glob, Range, ResolvedConfig, RuleId, RuleSetting, SeveritySetting } from '../engine/types';
import { VENDOR_IDS } from '../vendors/table';
import type { FolderListings } from '../files/listings';
import schema from './aidlint.schema.json';
import { relativePosix } from './globs';
import { findSeamModule } from './seam-files';
import { normalizeSeverity, parseConfigText, type RawConfig, type SeverityInput } from './load';
import { isPresetName, presetSeverities, type PresetName } from './presets';

export const CONFIG_FILE_NAME = 'aidlint.json';

export interface ConfigResolverOptions {
  workspaceRoot: string;
  /** Use only this file (and what it extends): no discovery. */
  configFile?: string;
  /** Severities that win over every config file (`--rule id:severity`, editor customizations). */
  ruleOverrides?: Partial<Record<RuleId, SeveritySetting>>;
  /** Text of a file, or undefined when it does not exist; lets the editor supply unsaved text. */
  readFile?: (filePath: string) => string | undefined;
}

/** One step of a config file's contribution: a preset, or the content of one file (its own or an extended one). */
type Layer = { preset: PresetName } | { file: string; config: RawConfig };

/** What a config file contributes, `extends` expanded, and whether it ends the upward walk. */
interface Contribution {
  layers: readonly Layer[];
  root: boolean;
}

const NOTHING: Contribution = { layers: [], root: false };

export class ConfigResolver {
  readonly workspaceRoot: string;
  private readonly configFile?: string;
  private readonly ruleOverrides: ReadonlyArray<[RuleId, SeveritySetting]>;
  private readonly readFile: (filePath: string) => string | undefined;
  private readonly defaults: ResolvedConfig;

  /** The editor keeps a config's last good content while it is being edited; survives invalidate(). */
  private readonly lastGood = new Map<string, Contribution>();
  /** Per config file path; undefined when the file does not exist. */
  private contributions = new Map<string, Contribution | undefined>();
  private configsByFolder = new Map<string, ResolvedConfig>();
  /** `configFor`'s answers by the folder as the caller wrote it (relative ones are relative to the workspace root). */
  private configsByWrittenFolder = new Map<string, ResolvedConfig>();
  private explicit: ResolvedConfig | undefined;
  private withOverridesCache = new Map<ResolvedConfig, ResolvedConfig>();
  private problemsByKey = new Map<string, ConfigProblem>();
  /** The seam globs and folders no config file set (the workspace's defaults and each package's). */
  private readonly seamDefaults = new WeakSet<object>();
  private workspaceSeam: boolean | undefined;
  /** What a walk listed: whether a folder holds a config file or a package.json is answered from it. */
  private listings: FolderListings | undefined;

  constructor(readonly options: ConfigResolverOptions) {
    this.workspaceRoot = path.resolve(options.workspaceRoot);
    this.configFile = options.configFile === undefined ? undefined : path.resolve(this.workspaceRoot, options.configFile);
    this.ruleOverrides = Object.entries(options.ruleOverrides ?? {}) as Array<[RuleId, SeveritySetting]>;
    this.readFile = options.readFile ?? ((filePath) => this.readFromDisk(filePath));
    this.defaults = defaultConfig(this.workspaceRoot);
    this.seamDefaults.add(this.defaults.seam).add(this.defaults.fix);
  }

  configFor(filePath: string): ResolvedConfig {
    // A scan asks for every file of a folder in turn: the folder as written is looked up before it is resolved.
    const written = path.dirname(filePath);
    let config = this.configsByWrittenFolder.get(written);
    if (!config) {
      const cascaded = this.configFile
        ? this.explicitConfig(this.configFile)
        : this.configForFolder(path.dirname(path.resolve(this.workspaceRoot, filePath)));
      this.configsByWrittenFolder.set(written, (config = this.withOverrides(cascaded)));
    }
    return config;
  }

  /** Every problem met since the last invalidate(), each once, in the order met. */
  problems(): ConfigProblem[] {
    return [...this.problemsByKey.values()];
  }

  /** A config file changed: re-read everything on next use (the last good content of each file is kept). */
  invalidate(): void {
    this.contributions = new Map();
    this.configsByFolder = new Map();
    this.configsByWrittenFolder = new Map();
    this.explicit = undefined;
    this.withOverridesCache = new Map();
    this.problemsByKey = new Map();
    this.workspaceSeam = undefined;
    this.listings = undefined;
  }

  /**
   * While a walk lists folders (it asks for each folder's config before entering it), existence checks in
   * them are answered from its listings (two per folder were a sixth of a warm `--cache` run on a
   * 20,000-file tree); undefined when it ends, since every folder it listed is resolved by then. Also
   * forgotten by invalidate().
   */
  useListings(listings: FolderListings | undefined): void {
    this.listings = listings;
  }

  private exists(filePath: string): boolean {
    return this.listings?.holds(filePath) ?? existsSync(filePath);
  }

  private configForFolder(folder: string): ResolvedConfig {
    const cached = this.configsByFolder.get(folder);
    if (cached) return cached;
    const contribution = this.contributionOf(path.join(folder, CONFIG_FILE_NAME), []) ?? NOTHING;
    const parent = path.dirname(folder);
    const isTop = contribution.root || folder === this.workspaceRoot || parent === folder;
    const inherited = isTop ? this.defaults : this.configForFolder(parent);
    const config = this.withPackageSeam(applyLayers(inherited, contribution.layers), folder);
    this.configsByFolder.set(folder, config);
    return config;
  }

  /** A seam an earlier aidlint made at the workspace root stays the one every package extends. */
  private hasWorkspaceSeam(): boolean {
    this.workspaceSeam ??= ['index', 'config'].every((module) => findSeamModule(this.defaults.fix.seamDir, module, existsSync) !== undefined);
    return this.workspaceSeam;
  }

  /**
   * Where no config file places the seam, each package of a monorepo (a folder below the workspace root with
   * its own package.json) has its own: a package cannot import another's files or use its dependencies.
   */
  private withPackageSeam(config: ResolvedConfig, folder: string): ResolvedConfig {
    const defaultSeam = this.seamDefaults.has(config.seam);
    const defaultSeamDir = this.seamDefaults.has(config.fix);
    if ((!defaultSeam && !defaultSeamDir) || folder === this.workspaceRoot || !this.exists(path.join(folder, 'package.json')) || this.hasWorkspaceSeam()) return config;
    const packageDefaults = defaultConfig(folder);
    this.seamDefaults.add(packageDefaults.seam).add(packageDefaults.fix);
    return { ...config, seam: defaultSeam ? packageDefaults.seam : config.seam, fix: defaultSeamDir ? packageDefaults.fix : config.fix };
  }

  private explicitConfig(configFile: string): ResolvedConfig {
    if (!this.explicit) {
      const contribution = this.contributionOf(configFile, []);
      if (!contribution) this.report({ file: configFile, message: 'Cannot find this configuration file.', range: START });
      this.explicit = applyLayers(this.defaults, (contribution ?? NOTHING).layers);
    }
    return this.explicit;
  }

  /** Undefined when the file does not exist. `chain` is the `extends` path that led here (for cycles). */
  private contributionOf(file: string, chain: readonly string[]): Contribution | undefined {
    if (this.contributions.has(file)) return this.contributions.get(file);
    const contribution = this.readContribution(file, [...chain, file]);
    this.contributions.set(file, contribution);
    return contribution;
  }

  private readContribution(file: string, chain: readonly string[]): Contribution | undefined {
    const text = this.readFile(file);
    if (text === undefined) return undefined;
    const { config, problems, extendsRanges } = parseConfigText(file, text);
    if (config) {
      const layers: Layer[] = [];
      toArray(config.extends).forEach((entry, index) => {
        const extended = this.extendedLayers(file, entry, extendsRanges[index], chain);
        if (Array.isArray(extended)) layers.push(...extended);
        else problems.push(extended);
      });
      if (problems.length === 0) {
        const contribution = { layers: [...layers, { file, config }], root: config.root === true };
        this.lastGood.set(file, contribution);
        return contribution;
      }
    }
    problems.forEach((problem) => this.report(problem));
    return this.lastGood.get(file) ?? NOTHING;
  }

  /** The layers an `extends` entry stands for, or the problem with it (located on the entry). */
  private extendedLayers(file: string, entry: string, range: Range, chain: readonly string[]): Layer[] | ConfigProblem {
    if (isPresetName(entry)) return [{ preset: entry }];
    const target = path.resolve(path.dirname(file), entry);
    if (chain.includes(target)) {
      const cycle = [...chain.slice(chain.indexOf(target)), target].map((step) => this.displayPath(step));
      return { file, range, message: `Circular "extends": ${cycle.join(' → ')}.` };
    }
    const contribution = this.contributionOf(target, chain);
    if (!contribution) return { file, range, message: `Cannot find the extended configuration "${entry}" (${target}).` };
    return [...contribution.layers];
  }

  private withOverrides(config: ResolvedConfig): ResolvedConfig {
    if (this.ruleOverrides.length === 0) return config;
    let overridden = this.withOverridesCache.get(config);
    if (!overridden) {
      const rules = { ...config.rules };
      for (const [id, severity] of this.ruleOverrides) rules[id] = { ...rules[id], severity };
      overridden = { ...config, rules };
      this.withOverridesCache.set(config, overridden);
    }
    return overridden;
  }

  private report(problem: ConfigProblem): void {
    const { start, end } = problem.range;
    const key = `${problem.file}\0${start.line}:${start.character}-${end.line}:${end.character}\0${problem.message}`;
    if (!this.problemsByKey.has(key)) this.problemsByKey.set(key, problem);
  }

  /** Absence means "no config here"; any other failure (permissions...) is a problem worth showing. */
  private readFromDisk(filePath: string): string | undefined {
    // Most folders have no config: a failed existence check is far cheaper than a thrown ENOENT.
    if (!this.exists(filePath)) return undefined;
    try {
      return readFileSync(filePath, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') {
        this.report({ file: filePath, message: `Cannot read this configuration file (${code ?? String(error)}).`, range: START });
      }
      return undefined;
    }
  }

  private displayPath(file: string): string {
    return relativePosix(this.workspaceRoot, file) ?? file;
  }
}

/**
 * A JSON-friendly view of a resolved configuration for `--print-config`, with paths and globs relative to the
 * workspace root where they lie inside it.
 */
export function describeConfig(config: ResolvedConfig, workspaceRoot: string): object {
  const root = path.resolve(workspaceRoot);
  const shownPath = (file: string) => {
    const relative = relativePosix(root, file);
    return relative === undefined ? toPosix(file) : relative === '' ? '.' : relative;
  };
  const shownGlob = ({ pattern, base }: Glob) => {
    const relative = relativePosix(root, base);
    return relative === undefined ? `${toPosix(base)}/${pattern}` : relative === '' ? pattern : `${relative}/${pattern}`;
  };
  const shownRule = ({ severity, options, base }: RuleSetting) => {
    const allow = (options.allow as string[]).map((pattern) => shownGlob({ pattern, base }));
    return [severity, { ...options, allow }];
  };
  return {
    sources: config.sources.map(shownPath),
    seam: config.seam.map(shownGlob),
    include: config.include.map(shownGlob),
    exclude: config.exclude.map(shownGlob),
    rules: Object.fromEntries(ruleIds.map((id) => [id, shownRule(config.rules[id])])),
    vendors: config.vendors,
    endpoints: config.endpoints,
    fix: { seamDir: shownPath(config.fix.seamDir) },
    reportUnusedDisableDirectives: config.reportUnusedDisableDirectives,
    maxFileSizeKB: config.maxFileSize / BYTES_PER_KB,
  };
}

const BYTES_PER_KB = 1024;
const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** All rules at their `recommended` severity and every other setting at its schema default. */
function defaultConfig(workspaceRoot: string): ResolvedConfig {
  const defaults = schema.properties;
  const recommended = presetSeverities('recommended');
  return {
    sources: [],
    seam: globsAt(defaults.seam.default, workspaceRoot),
    include: globsAt(defaults.include.default, workspaceRoot),
    exclude: globsAt(defaults.exclude.default, workspaceRoot),
    rules: Object.fromEntries(
      ruleIds.map((id) => [id, { severity: recommended[id], options: defaultRuleOptions(id), base: workspaceRoot }]),
    ) as Record<RuleId, RuleSetting>,
    vendors: Object.fromEntries(VENDOR_IDS.map((id) => [id, true])) as ResolvedConfig['vendors'],
    endpoints: defaults.endpoints.default,
    fix: { seamDir: path.resolve(workspaceRoot, defaults.fix.default.seamDir) },
    reportUnusedDisableDirectives: normalizeSeverity(defaults.reportUnusedDisableDirectives.default as SeverityInput),
    maxFileSize: defaults.maxFileSizeKB.default * BYTES_PER_KB,
  };
}

function defaultRuleOptions(id: RuleId): Record<string, unknown> {
  return { allow: [], ...ruleDefinitions[id].meta.defaultOptions };
}

function applyLayers(config: ResolvedConfig, layers: readonly Layer[]): ResolvedConfig {
  return layers.reduce((merged, layer) => ('preset' in layer ? applyPreset(merged, layer.preset) : applyFile(merged, layer)), config);
}

/** A preset sets severities only; options set by farther configs stay. */
function applyPreset(config: ResolvedConfig, name: PresetName): ResolvedConfig {
  const severities = presetSeverities(name);
  const rules = Object.fromEntries(ruleIds.map((id) => [id, { ...config.rules[id], severity: severities[id] }]));
  return { ...config, rules: rules as Record<RuleId, RuleSetting> };
}

/** `rules` and `vendors` merge per key; any other key set here replaces the farther value. */
function applyFile(config: ResolvedConfig, { file, config: raw }: { file: string; config: RawConfig }): ResolvedConfig {
  const folder = path.dirname(file);
  return {
    sources: [...config.sources, file],
    seam: raw.seam ? globsAt(raw.seam, folder) : config.seam,
    include: raw.include ? globsAt(raw.include, folder) : config.include,
    exclude: raw.exclude ? globsAt(raw.exclude, folder) : config.exclude,
    rules: raw.rules ? mergeRules(config.rules, raw.rules, folder) : config.rules,
    vendors: { ...config.vendors, ...raw.vendors },
    endpoints: raw.endpoints ? raw.endpoints.map((host) => host.toLowerCase()) : config.endpoints,
    fix: raw.fix?.seamDir === undefined ? config.fix : { seamDir: path.resolve(folder, raw.fix.seamDir) },
    reportUnusedDisableDirectives:
      raw.reportUnusedDisableDirectives === undefined
        ? config.reportUnusedDisableDirectives
        : normalizeSeverity(raw.reportUnusedDisableDirectives),
    maxFileSize: raw.maxFileSizeKB === undefined ? config.maxFileSize : raw.maxFileSizeKB * BYTES_PER_KB,
  };
}

/** A bare severity keeps the options (and their base) from farther configs; given options start from defaults. */
function mergeRules(
  current: Record<RuleId, RuleSetting>,
  entries: NonNullable<RawConfig['rules']>,
  folder: string,
): Record<RuleId, RuleSetting> {
  const merged = { ...current };
  for (const [id, entry] of Object.entries(entries) as Array<[RuleId, NonNullable<(typeof entries)[RuleId]>]>) {
    const [severity, options] = Array.isArray(entry) ? entry : [entry];
    merged[id] =
      options === undefined
        ? { ...merged[id], severity: normalizeSeverity(severity) }
        : { severity: normalizeSeverity(severity), options: { ...defaultRuleOptions(id), ...options }, base: folder };
  }
  return merged;
}

function globsAt(patterns: readonly string[], base: string): Glob[] {
  return patterns.map((pattern) => ({ pattern, base }));
}

function toArray(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
