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
  paths: Set<string>;
  /** Keys of the nodes whose results were used. */
  uses: Set<string>;
}

export class DependencyRecorder {
  readonly nodes = new Map<string, DependencyNode>();
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
    if (depth && this.open[depth - 1] !== key) this.openNodes[depth - 1].uses.add(key);
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
    if (!node) this.nodes.set(key, (node = { paths: new Set(), uses: new Set() }));
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
