/** Command-line options of `npm run bench`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

export const TOOL_NAMES = ['aidlint', 'aidlint-cache', 'eslint', 'oxlint'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export const SECTION_NAMES = ['scan', 'server-latency', 'server-memory', 'server-typing-during-scan'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface BenchOptions {
  files: number;
  seed: number;
  /** Timed runs of aidlint and oxlint. */
  runs: number;
  /** Timed runs of ESLint, which is slow. */
  eslintRuns: number;
  /** One untimed run per tool before the timed ones (warms the file cache and the JIT-compiled code paths). */
  warmup: boolean;
  tools: ToolName[];
  /** Timed edits per language-server latency measurement. */
  edits: number;
  sections: SectionName[];
  /** A folder of checkouts of public repositories to scan too (`--corpus`), and which of them (`--repos`). */
  corpus?: string;
  repos?: string[];
}

export const USAGE = `Usage: node out/bench/run.js [options]

  --files N        source files in the generated monorepo (default 20000)
  --seed S         generator seed (default 1)
  --runs N         timed runs of aidlint and oxlint (default 5)
  --eslint-runs N  timed runs of ESLint (default 3)
  --edits N        timed edits per language-server latency measurement (default 200)
  --quick          2,000 files, 1 run each, 30 edits, no warm-up: a smoke test for CI
  --tools LIST     comma-separated subset of ${TOOL_NAMES.join(',')} (default: all)
  --sections LIST  comma-separated subset of ${SECTION_NAMES.join(',')} (default: all)
  --corpus DIR     also scan each checkout in DIR (one folder per repository; see bench/README.md)
  --repos LIST     comma-separated folder names in DIR to scan (default: all)
  --help           show this text`;

export class UsageError extends Error {}

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      files: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'eslint-runs': { type: 'string' },
      quick: { type: 'boolean', default: false },
      tools: { type: 'string' },
      edits: { type: 'string' },
      sections: { type: 'string' },
      corpus: { type: 'string' },
      repos: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const quick = values.quick;
  return {
    files: positiveInteger('--files', values.files, quick ? 2000 : 20000),
    seed: positiveInteger('--seed', values.seed, 1),
    runs: positiveInteger('--runs', values.runs, quick ? 1 : 5),
    eslintRuns: positiveInteger('--eslint-runs', values['eslint-runs'], quick ? 1 : 3),
    warmup: !quick,
    tools: values.tools === undefined ? [...TOOL_NAMES] : subset('--tools', 'tool', values.tools, TOOL_NAMES),
    edits: positiveInteger('--edits', values.edits, quick ? 30 : 200),
    sections: values.sections === undefined ? [...SECTION_NAMES] : subset('--sections', 'section', values.sections, SECTION_NAMES),
    ...corpusOptions(values.corpus, values.repos),
  };
}

function corpusOptions(corpus: string | undefined, repos: string | undefined): Pick<BenchOptions, 'corpus' | 'repos'> {
  if (corpus === undefined) {
    if (repos !== undefined) throw new UsageError('--repos needs --corpus DIR');
    return {};
  }
  const dir = path.resolve(corpus);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--corpus: ${corpus} is not a folder`);
  const names = repos?.split(',').map((name) => name.trim()).filter(Boolean);
  const missing = names?.filter((name) => !fs.existsSync(path.join(dir, name)));
  if (missing?.length) throw new UsageError(`--repos: no ${missing.join(', ')} in ${dir}`);
  return { corpus: dir, ...(names ? { repos: names } : {}) };
}

export function positiveInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${flag} needs a positive integer, got '${text}'`);
  return value;
}

/** The known names listed in `text` (comma-separated), in their canonical order. */
function subset<Name extends string>(flag: string, what: string, text: string, known: readonly Name[]): Name[] {
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(known as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`${flag}: unknown ${what} ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return known.filter((name) => names.includes(name));
}
