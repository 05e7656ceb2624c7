/** What every section of the benchmark gets: options, the generated tree, where to write, how to measure. */
import type { Tree } from './generate';
import type { MemoryMethod } from './measure';
import type { BenchOptions } from './options';

export interface BenchContext {
  /** The aidlint repository (commands run from here). */
  repoRoot: string;
  /** Scratch folder for tool reports and generated configs. */
  outputDir: string;
  options: BenchOptions;
  tree: Tree;
  memoryMethod: MemoryMethod;
  /** Progress on stderr, so stdout holds only the results. */
  progress(line: string): void;
}

/** What a section hands back: its data for results.json, and whether its runs were sound. */
export interface SectionOutcome<Data> {
  data: Data;
  /** False when a tool failed or its output did not pass the sanity check (missed targets do not count). */
  sound: boolean;
}
