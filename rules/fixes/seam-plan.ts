/**
 * What fixes need from the seam, gathered across one or many fixes: the seam's files (created when
 * missing, in the project's style) and new configuration entries, turned into file changes at the end.
 * Existing seam files are only ever extended by minimal edits (user edits stay).
 */
import * as path from 'node:path';
import {
  addConfigEntry,
  type ConfigSection,
  configDefault,
  configEntries,
  configEntryName,
  detectProjectStyle,
  envVarName,
  generateSeam,
  type ProjectStyle,
  type SeamProvider,
} from './seam';
import type { PathAlias } from './path-alias';
import { type SeamDependency, seamDependency } from './seam-dependency';
import { applyChanges, minimalChange } from './text-changes';
import type { FileChange } from './types';

export interface FixHost {
  readFile(filePath: string): string | undefined;
  fileExists(filePath: string): boolean;
}

const SEAM_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];
const SECTION_KIND = { models: 'model', endpoints: 'endpoint', apiVersions: 'apiVersion' } as const;
const PROVIDER_NAMES: Record<SeamProvider, string> = { openai: 'OpenAI', 'azure-openai': 'AzureOpenAI' };

export class SeamPlan {
  readonly style: ProjectStyle;
  private readonly existing: { index: string; config: string } | undefined;
  private created: Map<string, string> | undefined;
  private configText: string | undefined;
  private readonly originalConfigText: string | undefined;
  private readonly dependency: SeamDependency;

  constructor(
    readonly seamDir: string,
    projectRoot: string,
    private readonly host: FixHost,
    private readonly provider: SeamProvider,
  ) {
    this.style = detectProjectStyle(projectRoot);
    const index = this.find('index');
    const config = this.find('config');
    this.existing = index && config ? { index, config } : undefined;
    this.originalConfigText = this.existing ? host.readFile(this.existing.config) : undefined;
    this.configText = this.originalConfigText;
    this.dependency = this.existing ? {} : seamDependency(projectRoot, host);
  }

  /** Why no seam can be made in this project (then no fix that needs one applies). */
  get refused(): string | undefined {
    return 'refused' in this.dependency ? this.dependency.refused : undefined;
  }

  /**
   * Why `fromFile` cannot import the seam: plain JavaScript that the project's TypeScript does not compile
   * (no `allowJs`) would load `.ts` files at run time, which Node cannot.
   */
  unreachableFrom(fromFile: string): string | undefined {
    const javaScript = /\.[mc]?jsx?$/.test(fromFile);
    const typeScriptSeam = /\.[mc]?tsx?$/.test(this.file('index'));
    if (!javaScript || !typeScriptSeam || this.style.compilesJavaScript) return undefined;
    return "this JavaScript file is not compiled with the project's TypeScript (no `allowJs` in tsconfig.json), so it cannot import the TypeScript seam";
  }

  /** The seam module's file (index or config), whether it exists yet or not. */
  file(module: 'index' | 'config'): string {
    return this.existing?.[module] ?? path.join(this.seamDir, module + (this.style.fileExtension ?? (this.style.language === 'ts' ? '.ts' : '.js')));
  }

  /** The specifier `fromFile` imports a seam module with: through a path alias the file uses when the seam is under it, else relative. */
  specifier(fromFile: string, module: 'index' | 'config', aliases: readonly PathAlias[] = []): string {
    const aliased = aliases
      .map((alias) => ({ alias, below: path.relative(alias.dir, this.seamDir) }))
      .find(({ below }) => below && !below.startsWith('..') && !path.isAbsolute(below));
    let base = aliased && aliased.alias.prefix + aliased.below.split(path.sep).join('/');
    if (!base) {
      base = path.relative(path.dirname(fromFile), this.seamDir).split(path.sep).join('/');
      if (!base.startsWith('.')) base = base ? `./${base}` : '.';
    }
    if (module === 'index' && !this.style.importSuffix) return base;
    return `${base}/${module}${this.style.importSuffix}`;
  }

  /** The key under which `value` is configured in `section` (adding the entry if needed). */
  entry(section: Exclude<ConfigSection, 'models' | 'modelProviders'>, value: string): string {
    this.ensureSeam();
    const kind = SECTION_KIND[section];
    return this.add(section, configEntryName(value, kind), envVarName(value, kind), value);
  }

  /**
   * The key of model `value` as `provider` serves it (unknown: any entry of the value). A model new to the
   * config that another provider than the default serves is pinned to it in `modelProviders`; a value
   * already there for another provider gets its own entry (`gpt4oMiniAzureOpenAI`). `pinAlways`: a
   * capability only that provider has (moderation) is pinned even when it is the default.
   */
  modelEntry(value: string, provider: SeamProvider | undefined, pinAlways = false): string {
    this.ensureSeam();
    const servedBy = this.servingProviders();
    const reusable = (key: string) => provider === undefined || servedBy(key) === provider;
    const taken = configEntries(this.configText!, 'models')?.some((entry) => entry.value === value && !reusable(entry.key));
    const suffix = taken && provider ? PROVIDER_NAMES[provider] : '';
    const envSuffix = suffix && `_${provider!.replace('-', '_').toUpperCase()}`;
    const before = this.configText;
    try {
      const key = this.add('models', configEntryName(value, 'model') + suffix, envVarName(value, 'model') + envSuffix, value, reusable);
      if (provider && (pinAlways || servedBy(key) !== provider)) this.pin(key, provider);
      return key;
    } catch (error) {
      // No model entry without the pin that keeps its calls where they went.
      this.configText = before;
      throw error;
    }
  }

  /**
   * The neutral names among `names` that an existing seam's index does not declare (a seam made by an
   * older aidlint, or edited): code using them would not compile against it.
   */
  missingFromIndex(names: readonly string[]): string[] {
    const index = this.existing && this.host.readFile(this.existing.index);
    if (index === undefined) return [];
    return names.filter((name) => !new RegExp(`\\b${name}\\b`).test(index));
  }

  /** Why the wrap cannot use the existing entry `models.<key>` for a call `provider` serves. */
  modelRefusal(configFile: string | undefined, key: string, provider: SeamProvider): string | undefined {
    // The config as it is, or as this run creates it.
    const config = this.existing?.config ?? (this.created ? this.file('config') : undefined);
    const isEntry = config !== undefined && configFile === config && configEntries(this.configText!, 'models')?.some((entry) => entry.key === key);
    if (!isEntry) return `the model \`models.${key}\` is not an entry of the seam's configuration`;
    const servedBy = this.servingProviders()(key);
    if (servedBy !== provider) return `the seam sends \`models.${key}\` to ${servedBy}, but this call goes to ${provider}`;
    return undefined;
  }

  /** Which provider answers for a model key: its `modelProviders` entry, else the configured default. */
  private servingProviders(): (key: string) => string {
    const defaultProvider = configDefault(this.configText!, 'provider') ?? 'openai';
    const pins = new Map((configEntries(this.configText!, 'modelProviders') ?? []).map((entry) => [entry.key, entry.value]));
    return (key) => pins.get(key) ?? defaultProvider;
  }

  private pin(key: string, provider: SeamProvider): void {
    const envVar = configEntries(this.configText!, 'models')?.find((entry) => entry.key === key)?.envVar ?? `AI_MODEL_${key.toUpperCase()}`;
    const result = addConfigEntry(this.configText!, 'modelProviders', key, `${envVar}_PROVIDER`, provider, (pinned) => pinned === key);
    if (!result) throw new SeamConfigError('modelProviders');
    if ('change' in result) this.configText = applyChanges(this.configText!, [result.change]);
  }

  private add(section: ConfigSection, key: string, envVar: string, value: string, reusable?: (key: string) => boolean): string {
    const result = addConfigEntry(this.configText!, section, key, envVar, value, reusable);
    if (!result) throw new SeamConfigError(section);
    if ('existingKey' in result) return result.existingKey;
    this.configText = applyChanges(this.configText!, [result.change]);
    return result.key;
  }

  /** File changes that bring the seam to the planned state. */
  changes(): FileChange[] {
    if (this.created) {
      const configFile = this.file('config');
      const files: FileChange[] = [...this.created].map(([filePath, content]) => ({
        filePath,
        create: { content: filePath === configFile ? this.configText! : content },
        changes: [],
      }));
      return 'change' in this.dependency && this.dependency.change ? [...files, this.dependency.change] : files;
    }
    if (!this.existing || this.configText === this.originalConfigText) return [];
    return [{ filePath: this.existing.config, changes: [minimalChange(this.originalConfigText!, this.configText!)] }];
  }

  private ensureSeam(): void {
    if (this.existing || this.created) return;
    if (this.refused) throw new Error(`no seam can be made: ${this.refused}`);
    this.created = new Map(generateSeam(this.style, { provider: this.provider }).map((file) => [path.join(this.seamDir, ...file.relativePath.split('/')), file.text]));
    this.configText = this.created.get(this.file('config'));
  }

  private find(module: string): string | undefined {
    return SEAM_EXTENSIONS.map((extension) => path.join(this.seamDir, module + extension)).find((file) => this.host.fileExists(file));
  }
}

/** The seam's config lacks a section a fix must add to (the user removed or renamed it). */
export class SeamConfigError extends Error {
  constructor(readonly section: ConfigSection) {
    super(`the seam's config has no \`${section}\` object to add to`);
  }
}

/** The folder of the nearest package.json (the project a file belongs to), else the workspace root. */
export function projectRootOf(filePath: string, workspaceRoot: string, host: FixHost): string {
  for (let dir = path.dirname(filePath); ; dir = path.dirname(dir)) {
    if (host.fileExists(path.join(dir, 'package.json'))) return dir;
    if (dir === workspaceRoot || path.dirname(dir) === dir) return workspaceRoot;
  }
}

