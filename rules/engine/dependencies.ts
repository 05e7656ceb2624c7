/**
 * What each result of the workspace index was computed from, for a cache that must know what a change
 * invalidates. Results form a graph: a node (a file's summary and analysis, one module resolution, one
 * folder's tsconfig lookup, one file's lint result) names the paths it read itself (text, existence) and
 * the nodes whose results it used. A node is stale when one of its paths changed or a node it used is.
 *
 * Recording is optional and costs one set insertion per read: the index and the resolver call `compute`
 * when they work out a result, `use` when they hand one out from their caches, `read` for the host's files.
 */

export interface DependencyNode {
  /** Paths read (text or existence). */
  paths: FewStrings;
  /** Keys of the nodes whose results were used. */
  uses: FewStrings;
}

/**
 * Strings, each once. A node reads one path and uses one node on average: a Set for each (two per node,
 * 86,000 nodes on a 20,000-file tree) was the largest part of a first `--cache` run's memory.
 */
export class FewStrings implements Iterable<string> {
  private one: string | undefined;
  private many: Set<string> | undefined;

  static of(items: Iterable<string>): FewStrings {
    const few = new FewStrings();
    for (const item of items) few.add(item);
    return few;
  }

  add(item: string): void {
    if (this.many) this.many.add(item);
    else if (this.one === undefined) this.one = item;
    else if (this.one !== item) {
      this.many = new Set([this.one, item]);
      this.one = undefined;
    }
  }

  *[Symbol.iterator](): Iterator<string> {
    if (this.many) yield* this.many;
    else if (this.one !== undefined) yield this.one;
  }
}

export class DependencyRecorder {
  readonly nodes = new Map<string, DependencyNode & { key: string }>();
  /**
   * Nodes used while their own computation was still running (an import cycle): what they handed out
   * depended on where the cycle was entered, so a cache must not trust an order other than a full scan's.
   */
  readonly cyclic = new Set<string>();
  private readonly open: string[] = [];
  /** The node of each open computation (the last one is running). */
  private readonly openNodes: DependencyNode[] = [];

  /** Runs `work` as (part of) the computation of `key`: its reads and uses become that node's. */
  compute<T>(key: string, work: () => T): T {
    this.use(key);
    this.open.push(key);
    this.openNodes.push(this.nodeOf(key));
    try {
      return work();
    } finally {
      this.open.pop();
      this.openNodes.pop();
    }
  }

  /** The running computation used the result of `key`. */
  use(key: string): void {
    const depth = this.open.length;
    // The node's own key where it has one: a fresh string per use kept a copy of the key per edge.
    if (depth && this.open[depth - 1] !== key) this.openNodes[depth - 1].uses.add(this.nodes.get(key)?.key ?? key);
  }

  /** Is `key` being computed (a use of it now meets an import cycle)? */
  isOpen(key: string): boolean {
    return this.open.includes(key);
  }

  /** The computations from `key` (open) to the running one: the members of the cycle a use of `key` closes. */
  cycleThrough(key: string): string[] {
    const at = this.open.indexOf(key);
    return at < 0 ? [] : this.open.slice(at);
  }

  /** These computations saw a result of the cycle before it was final: a scan entering elsewhere may differ. */
  markCyclic(members: readonly string[]): void {
    for (const member of members) this.cyclic.add(member);
  }

  /** The running computation read `path` (its text, or whether it exists). */
  read(path: string): void {
    this.openNodes[this.openNodes.length - 1]?.paths.add(path);
  }

  private nodeOf(key: string): DependencyNode {
    let node = this.nodes.get(key);
    if (!node) this.nodes.set(key, (node = { key, paths: new FewStrings(), uses: new FewStrings() }));
    return node;
  }
}

/** Keys of the nodes the index and the resolver record. */
export const dependencyKeys = {
  /** A file's summary, need for analysis, analysis and whether it exports vendor values. */
  file: (filePath: string) => `file:${filePath}`,
  /** The messages a file's lint produced. */
  result: (filePath: string) => `result:${filePath}`,
  resolution: (directory: string, specifier: string) => `resolve:${directory}\0${specifier}`,
  compilerPaths: (directory: string) => `tsconfig:${directory}`,
};
