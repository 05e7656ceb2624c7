/**
 * What fixes need from the seam, gathered across one or many fixes: the seam's files (created when
 * missing, in the project's style) and new configuration entries, turned into file changes at the end.
 * Existing seam files are only ever extended by minimal edits (user edits stay).
 */
import * as path from 'node:path';
import { findSeamModule } from '../config/seam-files';
import {
  addConfigEntry,
  addConnectionEntry,
  addListValues,
  type ConfigSection,
  configEntries,
  configEntryName,
  connectionEntries,
  connectionName,
  detectProjectStyle,
  indexReadsInStyle,
  envVarName,
  generateSeam,
  type ProjectStyle,
  sameConnection,
  constantCase,
} from './seam';
import { type ConnectionSpec, ENTRY_PLACEHOLDERS } from './connection';
import { addImport } from './imports';
import { parseSource } from '../engine/parse';
import type { PathAlias } from './path-alias';
import { type SeamDependency, declaresDependency, seamDependency } from './seam-dependency';
import { applyChanges, minimalChange } from './text-changes';
import type { FileChange } from './types';
import { Refusal } from './wrap/request';

export interface FixHost {
  readFile(filePath: string): string | undefined;
  fileExists(filePath: string): boolean;
}


/** The seam modules code outside the seam imports. */
export type SeamModuleName = 'index' | 'config' | 'openai-compat' | 'routing' | 'providers/openai-wire';
const SECTION_KIND = { models: 'model', endpoints: 'endpoint', apiVersions: 'apiVersion' } as const;

export class SeamPlan {
  readonly style: ProjectStyle;
  private readonly existing: { index: string; config: string } | undefined;
  private created: Map<string, string> | undefined;
  private configText: string | undefined;
  private readonly originalConfigText: string | undefined;
  private readonly dependency: SeamDependency;
  /** Connections this plan made, by the construction they came from (one client, one connection). */
  private readonly connectionsBySite = new Map<string, string>();

  constructor(
    readonly seamDir: string,
    private readonly projectRoot: string,
    private readonly host: FixHost,
    /** Raise an older major of the SDK (the move off openai v3, which leaves none of its uses). */
    options: { upgradeSdk?: boolean } = {},
  ) {
    this.style = detectProjectStyle(projectRoot);
    const index = this.find('index');
    const config = this.find('config');
    this.existing = index && config ? { index, config } : undefined;
    this.originalConfigText = this.existing ? host.readFile(this.existing.config) : undefined;
    this.configText = this.originalConfigText;
    const dependency = this.existing ? {} : seamDependency(projectRoot, host);
    this.upgradesSdk = options.upgradeSdk === true && 'upgrade' in dependency;
    this.dependency = this.upgradesSdk && 'upgrade' in dependency ? { change: dependency.upgrade } : dependency;
  }

  /** Whether this plan raises an older major of the SDK (made with `upgradeSdk` in a project on one). */
  readonly upgradesSdk: boolean;

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

  /** The seam module's file, whether it exists yet or not. */
  file(module: SeamModuleName): string {
    const existing = module === 'index' || module === 'config' ? this.existing?.[module] : this.existing && this.find(module);
    return existing ?? path.join(this.seamDir, module + (this.style.fileExtension ?? (this.style.language === 'ts' ? '.ts' : '.js')));
  }

  /** Whether the seam has a module (an existing seam from an earlier aidlint may lack the later ones). */
  hasModule(module: SeamModuleName): boolean {
    return !this.existing || this.host.fileExists(this.file(module));
  }

  /** Of `names`, those an existing seam module does not mention (it came from an earlier aidlint). */
  missingFromModule(module: SeamModuleName, names: readonly string[]): string[] {
    if (!this.existing) return [];
    const text = this.host.readFile(this.file(module));
    return names.filter((name) => text === undefined || !new RegExp(`\\b${name}\\b`).test(text));
  }

  /** The specifier `fromFile` imports a seam module with: through a path alias the file uses when the seam is under it, else relative. */
  specifier(fromFile: string, module: SeamModuleName, aliases: readonly PathAlias[] = []): string {
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
  entry(section: 'endpoints' | 'apiVersions', value: string): string {
    this.ensureSeam();
    const kind = SECTION_KIND[section];
    return this.add(section, configEntryName(value, kind), envVarName(value, kind), value);
  }

  /**
   * The name of the connection that carries a client's configuration: an existing one with the same
   * options, else a new entry of `connections` (with the config entries and imports its options need).
   * `site` identifies the client's construction, so one client never becomes two connections.
   */
  connection(spec: ConnectionSpec, site: string): string {
    const known = this.connectionsBySite.get(site);
    if (known) return known;
    return this.transaction(() => {
      this.ensureSeam();
      const resolved = (text: string) => text.replace(ENTRY_PLACEHOLDERS, (_, section: 'endpoints' | 'apiVersions', value: string) => `${section}.${this.entry(section, JSON.parse(value))}`);
      const options = spec.options.map((option) => ({ name: option.name, text: 'text' in option ? resolved(option.text) : '' }));
      const keyText = (name: string) => `process.env.${constantCase(name)}_API_KEY`;
      const withKey = (name: string) => options.map((option, index) => ('keyVariable' in spec.options[index] ? { ...option, text: keyText(name) } : option));
      const entries = connectionEntries(this.configText!);
      if (!entries) throw new SeamConfigError('connections');
      const claimed = new Set(this.connectionsBySite.values());
      // A literal key is told apart only by its construction: it never joins another client's connection.
      const hasKeyLiteral = spec.options.some((option) => 'keyVariable' in option);
      const existing = entries.find((entry) => sameConnection(entry, spec.provider, spec.api, withKey(entry.key)) && !(hasKeyLiteral && claimed.has(entry.key)));
      let name = existing?.key;
      if (!name) {
        // The same client through another API (OpenAI's Responses API) is a connection of its own.
        const wanted = connectionName(spec.nameHint, spec.provider) + (spec.api ? spec.api[0].toUpperCase() + spec.api.slice(1) : '');
        const taken = new Set(entries.map((entry) => entry.key));
        let free = wanted;
        for (let number = 2; taken.has(free); number++) free = `${wanted}${number}`;
        const added = addConnectionEntry(this.configText!, free, spec.provider, withKey(free), spec.api, spec.settings.map((setting) => setting.name));
        if (!added) throw new SeamConfigError('connections');
        this.configText = applyChanges(this.configText!, [added.change]);
        this.importIntoConfig(spec.imports);
        name = added.key;
      }
      this.connectionsBySite.set(site, name);
      return name;
    });
  }

  /**
   * The key of model `value` as `connection` serves it (undefined: any entry of the value). A value
   * already there for another connection gets its own entry (`gpt4oMiniReports`); a new entry says which
   * connection serves it in `modelConnections`.
   */
  modelEntry(value: string, connection: string | undefined): string {
    this.ensureSeam();
    return this.transaction(() => {
      const servedBy = this.modelConnections();
      const reusable = (key: string) => connection === undefined || (servedBy.get(key) ?? connection) === connection;
      const taken = configEntries(this.configText!, 'models')?.some((entry) => entry.value === value && !reusable(entry.key));
      const suffix = taken && connection ? connection[0].toUpperCase() + connection.slice(1) : '';
      const envSuffix = suffix && `_${constantCase(connection!)}`;
      const key = this.add('models', configEntryName(value, 'model') + suffix, envVarName(value, 'model') + envSuffix, value, reusable);
      if (connection && !servedBy.has(key)) this.connectModel(key, connection);
      return key;
    });
  }

  /** Records what a call asks of a model in \`modelNeeds\`, which the seam routes by (a config without it is left as is). */
  need(key: string, needs: readonly string[]): void {
    const change = addListValues(this.configText!, ['modelNeeds'], key, needs);
    if (change) this.configText = applyChanges(this.configText!, [change]);
  }

  /**
   * The neutral names among `names` that an existing seam's index does not declare (a seam made by an
   * older aidlint, or edited): code using them would not compile against it.
   */
  missingFromIndex(names: readonly string[]): string[] {
    return this.missingFromModule('index', names);
  }

  /**
   * Why the wrap cannot use the existing entry `models.<key>` for a call through `connection`; an entry
   * no connection serves yet is connected to it.
   */
  modelRefusal(configFile: string | undefined, key: string, connection: string): string | undefined {
    // The config as it is, or as this run creates it.
    const config = this.existing?.config ?? (this.created ? this.file('config') : undefined);
    const isEntry = config !== undefined && configFile === config && configEntries(this.configText!, 'models')?.some((entry) => entry.key === key);
    if (!isEntry) return `the model \`models.${key}\` is not an entry of the seam's configuration`;
    const servedBy = this.modelConnections().get(key);
    if (servedBy === undefined) {
      this.transaction(() => this.connectModel(key, connection));
      return undefined;
    }
    if (servedBy !== connection) return `the seam sends \`models.${key}\` through the connection '${servedBy}', but this call goes through '${connection}'`;
    return undefined;
  }

  /** Which connection serves each model key (`modelConnections`). */
  private modelConnections(): Map<string, string> {
    return new Map((configEntries(this.configText!, 'modelConnections') ?? []).flatMap((entry) => (entry.value === undefined ? [] : [[entry.key, entry.value]])));
  }

  private connectModel(key: string, connection: string): void {
    const envVar = configEntries(this.configText!, 'models')?.find((entry) => entry.key === key)?.envVar ?? `AI_MODEL_${constantCase(key)}`;
    const result = addConfigEntry(this.configText!, 'modelConnections', key, `${envVar}_CONNECTION`, connection, (connected) => connected === key);
    if (!result) throw new SeamConfigError('modelConnections');
    if ('change' in result) this.configText = applyChanges(this.configText!, [result.change]);
  }

  /** Named imports the config's connections need, merged into the config's imports. */
  private importIntoConfig(imports: ConnectionSpec['imports']): void {
    const commonJs = this.style.language === 'js' && this.style.module === 'cjs';
    // In a monorepo the seam can sit outside the package whose code made the client (openai-node's examples).
    const unreachable = imports.map(({ specifier }) => packageName(specifier)).find((name) => !this.reachable(name));
    if (unreachable) throw new Refusal(`the seam's config would import ${unreachable}, which is neither installed where the seam is nor a dependency of its project`);
    for (const { specifier, name } of imports) {
      const changes = addImport(parseSource('config.ts', this.configText!), { specifier, names: [name], typeNames: [], commonJs });
      this.configText = applyChanges(this.configText!, changes);
    }
  }

  /** Whether a package resolves from the seam: installed in a node_modules above it, or declared by the project it is in. */
  private reachable(name: string): boolean {
    const inProject = !path.relative(this.projectRoot, this.seamDir).startsWith('..');
    if (inProject && declaresDependency(this.projectRoot, name, this.host)) return true;
    for (let dir = this.seamDir; ; dir = path.dirname(dir)) {
      if (this.host.fileExists(path.join(dir, 'node_modules', name, 'package.json'))) return true;
      if (path.dirname(dir) === dir) return false;
    }
  }

  /** Runs changes of the plan; when they fail, the plan is as it was (a refused fix changes nothing). */
  transaction<T>(change: () => T): T {
    const before = { configText: this.configText, created: this.created, connections: new Map(this.connectionsBySite) };
    try {
      return change();
    } catch (error) {
      this.configText = before.configText;
      this.created = before.created;
      this.connectionsBySite.clear();
      for (const [site, name] of before.connections) this.connectionsBySite.set(site, name);
      throw error;
    }
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
        create: { content: filePath === configFile ? indexReadsInStyle(this.configText!, this.style) : content },
        changes: [],
      }));
      return 'change' in this.dependency && this.dependency.change ? [...files, this.dependency.change] : files;
    }
    if (!this.existing || this.configText === this.originalConfigText) return [];
    return [{ filePath: this.existing.config, changes: [minimalChange(this.originalConfigText!, indexReadsInStyle(this.configText!, this.style))] }];
  }

  private ensureSeam(): void {
    if (this.existing || this.created) return;
    if (this.refused) throw new Error(`no seam can be made: ${this.refused}`);
    this.created = new Map(generateSeam(this.style).map((file) => [path.join(this.seamDir, ...file.relativePath.split('/')), file.text]));
    this.configText = this.created.get(this.file('config'));
  }

  private find(module: string): string | undefined {
    return findSeamModule(this.seamDir, module, (file) => this.host.fileExists(file));
  }
}

/** The seam's config lacks a section a fix must add to (the user removed or renamed it). */
export class SeamConfigError extends Error {
  constructor(readonly section: ConfigSection) {
    super(`the seam's config has no \`${section}\` object to add to${section === 'connections' || section === 'modelConnections' ? ' (a seam made by an earlier aidlint: add the section from a newly generated seam)' : ''}`);
  }
}

/** The folder of the nearest package.json (the project a file belongs to), else the workspace root. */
export function projectRootOf(filePath: string, workspaceRoot: string, host: FixHost): string {
  for (let dir = path.dirname(filePath); ; dir = path.dirname(dir)) {
    if (host.fileExists(path.join(dir, 'package.json'))) return dir;
    if (dir === workspaceRoot || path.dirname(dir) === dir) return workspaceRoot;
  }
}

/** The package a module specifier names: `@scope/name` or `name`. */
function packageName(specifier: string): string {
  return specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}
