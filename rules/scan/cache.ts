/**
 * `--cache`: results of earlier scans, reused for the files nothing they depend on has changed. Keyed like
 * ESLint's cache (each file's metadata, or its content with `--cache-strategy content`, plus the config
 * that applies to it), and also by what each result was computed from in other files: the modules whose
 * exports and literals it followed, the resolutions of its imports (tsconfig files, which candidates
 * exist), the files that use its literals (see engine/dependencies.ts). A warm run is therefore always
 * exactly what a full scan would report; when nothing changed it reads no file and never loads the parser.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigResolver } from '../config/resolve';
import { DependencyRecorder, type DependencyNode, FewStrings, dependencyKeys } from '../engine/dependencies';
import type { FileResult, LintMessage, ResolvedConfig } from '../engine/types';
import type { FolderListings } from '../files/listings';
import { WorkspaceIndex } from '../engine/workspace-index';
import { FileLinting } from './lint-files';

export type CacheStrategy = 'metadata' | 'content';
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ['metadata', 'content'];

export interface CacheOptions {
  /** The cache file, or a folder to keep it in (under a name derived from what is scanned). */
  location: string;
  strategy: CacheStrategy;
}

/** Where `--cache` keeps its file by default, as ESLint's and Babel's caches do. */
export function defaultCacheLocation(workspaceRoot: string): string {
  return path.join(workspaceRoot, 'node_modules', '.cache', 'aidlint') + path.sep;
}

/** Bump when the file's layout or the meaning of its signatures changes. */
const FORMAT = 2;

interface CacheFile {
  format: number;
  /** What must match for the file to be used at all: aidlint's build, the strategy, the roots and shard. */
  key: string;
  /** Names the graph written with this file (a graph file of another generation is not its graph). */
  generation: string;
  paths: string[];
  /** Per path: its signature when the results were computed (null: no file there). */
  signatures: Array<string | null>;
  results: Array<[path: number, messages: LintMessage[]]>;
  /** Files whose result came from a worker (a file nested too deeply): redone whenever anything changed. */
  unrecorded: number[];
}

/**
 * What the results depended on, in a file of its own beside the cache file (`….graph`): more than half
 * of the data, and a run in which nothing changed never reads it.
 */
interface CacheGraph {
  generation: string;
  nodes: Array<[key: string, paths: number[], uses: number[]]>;
  /** Nodes in import cycles: their results depended on where a scan entered the cycle. */
  cyclic: number[];
}

export interface CachedLint {
  results: FileResult[];
  /** The index of this run: only the files it redid (and what they needed) were analysed. */
  index: WorkspaceIndex;
  cache: CacheReport;
}

export interface CacheReport {
  /** Files whose cached result was used. */
  reused: number;
  /** Files linted again (all of them when the cache was missing or could not be trusted). */
  linted: number;
  /** Why the cache could not be written, if it could not. */
  warning?: string;
}

export interface CacheScope {
  roots: readonly string[];
  shard?: { index: number; count: number };
}

/** Lints `files` (what the walk found), reusing the cached results that still hold. */
export async function lintWithCache(
  files: readonly string[],
  listings: FolderListings,
  configs: ConfigResolver,
  cache: CacheOptions,
  scope: CacheScope,
  onRead?: () => void,
): Promise<CachedLint> {
  const file = cacheFile(cache.location, scope);
  const key = cacheKey(cache.strategy, scope);
  const states = new PathStates(cache.strategy, configs, listings);
  const previous = readCache(file, key);
  const plan = previous && planRun(previous, files, states, () => readGraph(file, previous.generation));
  if (plan && plan.redo.size === 0 && !plan.filesChanged) {
    const results = files.map((filePath) => ({ filePath, messages: plan.reused.get(filePath)! }));
    // Nothing to analyse: the engine is not even loaded unless the caller asks for the (empty) index.
    return { results, get index() { return new FileLinting(configs, files, listings).index; }, cache: { reused: files.length, linted: 0 } };
  }
  const recorder = new DependencyRecorder();
  const linting = new FileLinting(configs, files, listings, recorder);

  const redo = plan ? files.filter((filePath) => plan.redo.has(filePath)) : files;
  for (const filePath of redo) {
    linting.read(filePath);
    onRead?.();
  }
  if (plan) analyseWithUsers(linting, redo, plan, new Set(files));
  else for (const filePath of redo) linting.analyse(filePath);
  for (const filePath of plan ? files.filter((filePath) => plan.redo.has(filePath)) : redo) await linting.lint(filePath);

  const results = files.map((filePath) => ({ filePath, messages: plan?.reused.get(filePath) ?? linting.messagesOf(filePath) }));
  const warning = writeCache(file, buildCache(key, results, recorder, linting.unrecorded, states, plan));
  const reused = plan?.reused.size ?? 0;
  return { results, index: linting.index, cache: { reused, linted: files.length - reused, warning } };
}

/**
 * Analyses the files to redo and, before any is linted, the files that used their literals last time (a
 * file reports uses of its literals in other files). A file whose new analysis uses literals of a file
 * not being redone adds that file, until nothing more is added.
 */
function analyseWithUsers(linting: FileLinting, redo: readonly string[], plan: RunPlan, walked: ReadonlySet<string>): void {
  const analysed = new Set<string>();
  const pending = [...redo];
  while (pending.length) {
    const batch = [...new Set(pending.splice(0))].sort();
    for (const filePath of batch) {
      if (analysed.has(filePath)) continue;
      analysed.add(filePath);
      if (!plan.redo.has(filePath)) {
        linting.analyseOnly(filePath);
        continue;
      }
      linting.analyse(filePath);
      for (const user of plan.usersOf(filePath)) if (!analysed.has(user)) pending.push(user);
      for (const target of linting.index.literalSources(filePath)) {
        if (!walked.has(target) || plan.redo.has(target)) continue;
        plan.redo.add(target);
        plan.reused.delete(target);
        linting.read(target);
        pending.push(target);
      }
    }
  }
}

interface RunPlan {
  /** Files whose cached result no longer holds (new, changed, or depending on a change). */
  redo: Set<string>;
  /** Cached results of the other files. */
  reused: Map<string, LintMessage[]>;
  /** The walk found other files than last time. */
  filesChanged: boolean;
  /** Nodes of the previous graph that a change made stale. */
  stale: Set<string>;
  previous: Map<string, DependencyNode>;
  cyclic: string[];
  /** Files whose analysis used literals of `filePath` last time. */
  usersOf(filePath: string): string[];
}

/** Undefined when the cache cannot be trusted for this run (a change inside an import cycle). */
function planRun(previous: CacheFile, files: readonly string[], states: PathStates, readGraph: () => CacheGraph | undefined): RunPlan | undefined {
  const changed = new Set(previous.paths.filter((filePath, index) => states.signature(filePath) !== previous.signatures[index]));
  const cached = new Map(previous.results.map(([at, messages]) => [previous.paths[at], messages]));
  const filesChanged = files.length !== cached.size || files.some((filePath) => !cached.has(filePath));
  if (!changed.size && !filesChanged) {
    // Every result holds and nothing is worked out again, so the graph is not needed (nor written again).
    return { redo: new Set(), reused: cached, filesChanged, stale: new Set(), previous: new Map(), cyclic: [], usersOf: () => [] };
  }
  const graph = readGraph();
  if (!graph) return undefined;
  const nodes = new Map(graph.nodes.map(([key, paths, uses]) => [key, { paths: FewStrings.of(paths.map((at) => previous.paths[at])), uses: FewStrings.of(uses.map((at) => graph.nodes[at][0])) }]));
  const stale = staleNodes(nodes, changed);
  if (graph.cyclic.some((at) => stale.has(graph.nodes[at][0]))) return undefined;

  const anythingChanged = changed.size > 0 || filesChanged;
  const unrecorded = new Set(previous.unrecorded.map((at) => previous.paths[at]));
  const redo = new Set<string>();
  const reused = new Map<string, LintMessage[]>();
  for (const filePath of files) {
    const messages = cached.get(filePath);
    if (!messages || stale.has(dependencyKeys.result(filePath)) || (unrecorded.has(filePath) && anythingChanged)) redo.add(filePath);
    else reused.set(filePath, messages);
  }
  const fileKey = (filePath: string) => dependencyKeys.file(filePath);
  return {
    redo,
    reused,
    filesChanged,
    stale,
    previous: nodes,
    cyclic: graph.cyclic.map((at) => graph.nodes[at][0]),
    usersOf: (filePath) => [...(nodes.get(dependencyKeys.result(filePath))?.uses ?? [])].filter((used) => used.startsWith('file:') && used !== fileKey(filePath)).map((used) => used.slice('file:'.length)),
  };
}

/** Nodes that read a changed path, and every node that used one of those, transitively. */
function staleNodes(nodes: ReadonlyMap<string, DependencyNode>, changed: ReadonlySet<string>): Set<string> {
  const usedBy = new Map<string, string[]>();
  const stale = new Set<string>();
  for (const [key, node] of nodes) {
    for (const used of node.uses) {
      let users = usedBy.get(used);
      if (!users) usedBy.set(used, (users = []));
      users.push(key);
    }
    if ([...node.paths].some((filePath) => changed.has(filePath))) stale.add(key);
  }
  const pending = [...stale];
  while (pending.length) {
    for (const user of usedBy.get(pending.pop()!) ?? []) {
      if (stale.has(user)) continue;
      stale.add(user);
      pending.push(user);
    }
  }
  return stale;
}

/**
 * The graph to keep: last run's nodes that still hold, joined with what this run recorded (a node this
 * run worked out again may have done only part of its work: a module summarised but not analysed), minus
 * nodes no result depends on.
 */
function buildCache(key: string, results: readonly FileResult[], recorder: DependencyRecorder, unrecorded: ReadonlySet<string>, states: PathStates, plan: RunPlan | undefined): { file: CacheFile; graph: CacheGraph } {
  const nodes = new Map<string, DependencyNode>();
  for (const [nodeKey, node] of plan?.previous ?? []) if (!plan!.stale.has(nodeKey)) nodes.set(nodeKey, { paths: FewStrings.of(node.paths), uses: FewStrings.of(node.uses) });
  for (const [nodeKey, node] of recorder.nodes) {
    const kept = nodes.get(nodeKey);
    // The recorder's own node (it records nothing more): a copy of each doubled the peak of a first run.
    if (!kept) nodes.set(nodeKey, node);
    else {
      for (const filePath of node.paths) kept.paths.add(filePath);
      for (const used of node.uses) kept.uses.add(used);
    }
  }
  const reachable = new Set<string>();
  const pending = results.map((result) => dependencyKeys.result(result.filePath));
  while (pending.length) {
    const nodeKey = pending.pop()!;
    if (reachable.has(nodeKey) || !nodes.has(nodeKey)) continue;
    reachable.add(nodeKey);
    pending.push(...nodes.get(nodeKey)!.uses);
  }
  const keys = [...reachable];
  const nodeIndex = new Map(keys.map((nodeKey, at) => [nodeKey, at]));
  const paths: string[] = [];
  const pathIndex = new Map<string, number>();
  const indexOfPath = (filePath: string) => {
    let at = pathIndex.get(filePath);
    if (at === undefined) pathIndex.set(filePath, (at = paths.push(filePath) - 1));
    return at;
  };
  const cacheNodes = keys.map((nodeKey): [string, number[], number[]] => {
    const node = nodes.get(nodeKey)!;
    return [nodeKey, [...node.paths].map(indexOfPath), [...node.uses].filter((used) => nodeIndex.has(used)).map((used) => nodeIndex.get(used)!)];
  });
  const cacheResults = results.map((result): [number, LintMessage[]] => [indexOfPath(result.filePath), result.messages]);
  const stillCyclic = plan ? plan.cyclic.filter((nodeKey) => !plan.stale.has(nodeKey)) : [];
  const cyclic = [...new Set([...recorder.cyclic, ...stillCyclic])].filter((nodeKey) => nodeIndex.has(nodeKey)).map((nodeKey) => nodeIndex.get(nodeKey)!);
  const generation = randomUUID();
  return {
    file: { format: FORMAT, key, generation, paths, signatures: paths.map((filePath) => states.signature(filePath)), results: cacheResults, unrecorded: [...unrecorded].map(indexOfPath) },
    graph: { generation, nodes: cacheNodes, cyclic },
  };
}

/**
 * What a path's state is known by: null when no file is there; else its size and modification time (or a
 * hash of its content), with the configuration that applies to it (endpoints, size limit, rules).
 */
class PathStates {
  private readonly known = new Map<string, string | null>();
  private readonly configHashes = new WeakMap<ResolvedConfig, string>();

  constructor(
    private readonly strategy: CacheStrategy,
    private readonly configs: ConfigResolver,
    private readonly listings: FolderListings,
  ) {}

  signature(filePath: string): string | null {
    let signature = this.known.get(filePath);
    if (signature === undefined) this.known.set(filePath, (signature = this.compute(filePath)));
    return signature;
  }

  private compute(filePath: string): string | null {
    // Most paths a cache notes do not exist (each folder's tsconfig.json, resolution candidates): the walk saw that.
    if (this.listings.holds(filePath) === false) return null;
    let stats: fs.Stats | undefined;
    try {
      stats = fs.statSync(filePath, { throwIfNoEntry: false });
    } catch {
      stats = undefined;
    }
    if (!stats?.isFile()) return null;
    const state = this.strategy === 'content' ? contentHash(filePath) : `${stats.size}:${stats.mtimeMs}`;
    return `${state} ${this.configHash(this.configs.configFor(filePath))}`;
  }

  private configHash(config: ResolvedConfig): string {
    let hash = this.configHashes.get(config);
    if (hash === undefined) this.configHashes.set(config, (hash = digest(JSON.stringify(config))));
    return hash;
  }
}

function contentHash(filePath: string): string {
  try {
    return digest(fs.readFileSync(filePath));
  } catch {
    return 'unreadable';
  }
}

function digest(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('base64url');
}

function cacheFile(location: string, scope: CacheScope): string {
  const isFolder = /[\\/]$/.test(location) || isDirectory(location);
  return isFolder ? path.join(location, `lint-${digest(JSON.stringify(scope)).slice(0, 16)}.json`) : location;
}

function isDirectory(location: string): boolean {
  try {
    return fs.statSync(location).isDirectory();
  } catch {
    return false;
  }
}

/** aidlint's own code (a new build may report differently), the strategy and what is scanned. */
function cacheKey(strategy: CacheStrategy, scope: CacheScope): string {
  return JSON.stringify({ format: FORMAT, build: buildStamp(), strategy, roots: scope.roots, shard: scope.shard ?? null });
}

let stamp: string | undefined;

/** Sizes and times of the files aidlint runs from (the compiled sources, or the bundles). */
function buildStamp(): string {
  if (stamp !== undefined) return stamp;
  const root = path.basename(__dirname) === 'scan' ? path.resolve(__dirname, '..') : __dirname;
  const entries: string[] = [];
  for (const name of fs.readdirSync(root, { recursive: true }) as string[]) {
    if (!name.endsWith('.js') && !name.endsWith('.json')) continue;
    const stats = fs.statSync(path.join(root, name), { throwIfNoEntry: false });
    if (stats?.isFile()) entries.push(`${name}:${stats.size}:${stats.mtimeMs}`);
  }
  return (stamp = digest(entries.sort().join('\n')));
}

function readCache(file: string, key: string): CacheFile | undefined {
  const parsed = readJson<CacheFile>(file);
  return parsed?.format === FORMAT && parsed.key === key ? parsed : undefined;
}

function readGraph(file: string, generation: string): CacheGraph | undefined {
  const parsed = readJson<CacheGraph>(graphFile(file));
  return parsed?.generation === generation ? parsed : undefined;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    // Missing, unreadable or damaged: a full scan writes it again.
    return undefined;
  }
}

const graphFile = (file: string) => `${file}.graph`;

/** The graph first: a cache file is never there without its own graph (an older graph is told by its generation). */
function writeCache(file: string, content: { file: CacheFile; graph: CacheGraph }): string | undefined {
  const written: Array<[string, unknown]> = [
    [graphFile(file), content.graph],
    [file, content.file],
  ];
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const [target, data] of written) {
      fs.writeFileSync(temporary, JSON.stringify(data));
      fs.renameSync(temporary, target);
    }
    return undefined;
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there either.
    }
    return `cannot write the cache ${file}: ${(error as Error).message}`;
  }
}
