/**
 * The linters under comparison: how to invoke each on a whole target (the generated tree or a checkout),
 * and how to tell from its report that it really scanned it and, on the generated tree, found what it
 * should (a fast run that finds nothing proves nothing). Every tool runs from the target's root on `.`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Manifest } from './generate';
import { ignoredGlobs, oxlintConfig } from './lint-configs';
import type { ToolName } from './options';
import type { Target } from './targets';

export interface Invocation {
  command: string;
  args: string[];
  /** The folder the tool runs in: the target's root. */
  cwd: string;
  /** The report file, or undefined when the tool writes its report to stdout. */
  reportFile?: string;
}

export interface Sanity {
  ok: boolean;
  summary: string;
  /** What went wrong, a few examples per problem. */
  problems: string[];
}

export interface Tool {
  name: ToolName;
  /** Name and version as printed in the table. */
  label(repoRoot: string): string;
  /** Why the tool cannot run here, or undefined when it can. */
  unavailable(repoRoot: string): string | undefined;
  invocation(repoRoot: string, outputDir: string, target: Target): Invocation;
  check(report: string, target: Target): Sanity;
}

/** The generated tree: its manifest says what must be found. */
type Tree = Target & { manifest: Manifest };
const isTree = (target: Target): target is Tree => target.manifest !== undefined;

const EXAMPLES = 3;

function packageVersion(repoRoot: string, name: string): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    return manifest.version;
  } catch {
    return '(not installed)';
  }
}

const missingFile = (repoRoot: string, relativePath: string) =>
  fs.existsSync(path.join(repoRoot, relativePath)) ? undefined : `${relativePath} not found`;

/** Tree-relative paths with forward slashes, as the manifest lists them (reports hold absolute paths, or paths relative to the tree). */
function treePath(tree: Target, filePath: string): string {
  return path.relative(tree.root, path.resolve(tree.root, filePath)).split(path.sep).join('/');
}

function countBy(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, count]) => `${item} ×${count}`).join(', ');
}

/** Which vendor-coupled files a report flagged. */
function coverage(tree: Tree, flagged: ReadonlySet<string>) {
  const coupled = tree.manifest.vendorCoupled;
  const missed = coupled.filter((file) => !flagged.has(file.path));
  return { found: coupled.length - missed.length, total: coupled.length, missed };
}

interface EslintFileResult {
  filePath: string;
  fatalErrorCount?: number;
  messages: Array<{ ruleId: string | null; message: string; line?: number }>;
}

/** On a checkout nothing is known in advance: the report must parse; counts are shown. */
function checkRealReport(results: readonly EslintFileResult[]): Sanity {
  const findings = results.reduce((sum, result) => sum + result.messages.filter((message) => message.ruleId !== null).length, 0);
  const flagged = results.filter((result) => result.messages.some((message) => message.ruleId !== null)).length;
  const parseErrors = results.filter((result) => (result.fatalErrorCount ?? 0) > 0).length;
  return { ok: true, summary: `linted ${results.length} files, ${findings} findings in ${flagged} files${parseErrors ? `, ${parseErrors} parse errors` : ''}`, problems: [] };
}

/** The npm package's bin (`npm run bench` bundles first): what users run, not tsc's output. */
const AIDLINT_BIN = 'dist/aidlint.js';
const aidlintCli = (repoRoot: string) => path.join(repoRoot, AIDLINT_BIN);

/** Where `aidlint --cache` keeps its cache for one target (under the target's output folder). */
export const cacheFolder = (outputDir: string) => path.join(outputDir, 'aidlint-cache') + path.sep;

const aidlint: Tool = {
  name: 'aidlint',
  label: () => 'aidlint',
  unavailable: (repoRoot) => missingFile(repoRoot, AIDLINT_BIN),
  invocation: (repoRoot, outputDir, target) => {
    const reportFile = path.join(outputDir, 'aidlint.json');
    return { command: process.execPath, args: [aidlintCli(repoRoot), '.', '--format', 'json', '--output-file', reportFile], cwd: target.root, reportFile };
  },
  check: (report, target) => {
    const results = JSON.parse(report) as EslintFileResult[];
    if (!isTree(target)) return checkRealReport(results);
    const tree = target;
    const reported = new Set(results.filter((result) => result.messages.some((message) => message.ruleId !== null)).map((result) => treePath(tree, result.filePath)));
    const notices = results.flatMap((result) =>
      result.messages.filter((message) => message.ruleId === null).map((message) => `${treePath(tree, result.filePath)}:${message.line ?? 0}: ${message.message}`),
    );
    const { found, total, missed } = coverage(tree, reported);
    const trapsReported = tree.manifest.traps.filter((trap) => reported.has(trap.path));
    const known = new Set([...tree.manifest.vendorCoupled, ...tree.manifest.traps].map((file) => file.path));
    const unexpected = [...reported].filter((file) => !known.has(file));
    const problems = [
      ...(missed.length > 0 ? [`missed vendor-coupled files: ${countBy(missed.map((file) => file.style))}; e.g. ${missed.slice(0, EXAMPLES).map((file) => file.path).join(', ')}`] : []),
      ...(trapsReported.length > 0 ? [`reported traps: ${countBy(trapsReported.map((file) => file.style))}; e.g. ${trapsReported.slice(0, EXAMPLES).map((file) => file.path).join(', ')}`] : []),
      ...(unexpected.length > 0 ? [`reported plain files: ${unexpected.length}; e.g. ${unexpected.slice(0, EXAMPLES).join(', ')}`] : []),
      ...(notices.length > 0 ? [`file notices: ${notices.length}; e.g. ${notices.slice(0, EXAMPLES).join(' | ')}`] : []),
    ];
    return {
      ok: problems.length === 0,
      summary: `found ${found}/${total} vendor-coupled files, ${trapsReported.length}/${tree.manifest.traps.length} traps and ${unexpected.length} plain files reported, ${notices.length} file notices`,
      problems,
    };
  },
};

/** A warm run: the untimed run before filled the cache; the section checks its report equals the cold run's. */
const aidlintCache: Tool = {
  name: 'aidlint-cache',
  label: () => 'aidlint --cache (warm)',
  unavailable: aidlint.unavailable,
  invocation: (repoRoot, outputDir, target) => {
    const reportFile = path.join(outputDir, 'aidlint-cache.json');
    const args = [aidlintCli(repoRoot), '.', '--cache', '--cache-location', cacheFolder(outputDir), '--format', 'json', '--output-file', reportFile];
    return { command: process.execPath, args, cwd: target.root, reportFile };
  },
  check: (report, target) => aidlint.check(report, target),
};

const eslint: Tool = {
  name: 'eslint',
  label: (repoRoot) => `ESLint ${packageVersion(repoRoot, 'eslint')} + @typescript-eslint/parser ${packageVersion(repoRoot, '@typescript-eslint/parser')}`,
  unavailable: (repoRoot) => missingFile(repoRoot, 'node_modules/eslint/bin/eslint.js') ?? missingFile(repoRoot, 'out/bench/lint-configs.js'),
  invocation: (repoRoot, outputDir, target) => {
    const reportFile = path.join(outputDir, 'eslint.json');
    // ESLint lints what lies under its working folder (with -c, not under the config's folder).
    const args = [path.join(repoRoot, 'node_modules/eslint/bin/eslint.js'), '-c', path.join(repoRoot, 'bench/eslint.config.mjs'), '--format', 'json', '-o', reportFile, '.'];
    return { command: process.execPath, args, cwd: target.root, reportFile };
  },
  check: (report, target) => {
    const results = JSON.parse(report) as EslintFileResult[];
    if (!isTree(target)) return checkRealReport(results);
    const tree = target;
    const parseErrors = results.filter((result) => (result.fatalErrorCount ?? 0) > 0);
    const flagged = new Set(results.filter((result) => result.messages.length > 0 && !result.fatalErrorCount).map((result) => treePath(tree, result.filePath)));
    const { found, total, missed } = coverage(tree, flagged);
    const expectedFiles = tree.manifest.sourceFiles;
    const problems = [
      ...(results.length !== expectedFiles ? [`linted ${results.length} files, the tree has ${expectedFiles}`] : []),
      ...(parseErrors.length > 0 ? [`parse errors: ${parseErrors.slice(0, EXAMPLES).map((result) => `${treePath(tree, result.filePath)}: ${result.messages[0]?.message}`).join(' | ')}`] : []),
      ...(missed.length > 0 ? [`selectors missed vendor-coupled files: ${countBy(missed.map((file) => file.style))}`] : []),
    ];
    return {
      ok: problems.length === 0,
      summary: `linted ${results.length} files, flagged ${flagged.size} (covering ${found}/${total} vendor-coupled), ${parseErrors.length} parse errors`,
      problems,
    };
  },
};

const oxlint: Tool = {
  name: 'oxlint',
  label: (repoRoot) => `oxlint ${packageVersion(repoRoot, 'oxlint')}`,
  unavailable: (repoRoot) => missingFile(repoRoot, 'node_modules/oxlint/bin/oxlint'),
  invocation: (repoRoot, outputDir, target) => {
    // Generated from the vendor table, like the ESLint options, so both restrict the same modules.
    const configFile = path.join(outputDir, 'oxlintrc.json');
    fs.writeFileSync(configFile, JSON.stringify(oxlintConfig(), null, 2) + '\n');
    const ignores = ignoredGlobs().flatMap((glob) => ['--ignore-pattern', glob]);
    return { command: process.execPath, args: [path.join(repoRoot, 'node_modules/oxlint/bin/oxlint'), '-c', configFile, ...ignores, '--format', 'json', '.'], cwd: target.root };
  },
  check: (report, target) => {
    const parsed = JSON.parse(report) as { diagnostics: Array<{ filename: string; code?: string; message: string }>; number_of_files: number };
    if (!isTree(target)) return { ok: true, summary: `linted ${parsed.number_of_files} files, ${parsed.diagnostics.length} diagnostics`, problems: [] };
    const tree = target;
    const flagged = new Set(parsed.diagnostics.map((diagnostic) => treePath(tree, diagnostic.filename)));
    // With every other rule off, anything else is a parse or semantic error in the generated code.
    const errors = parsed.diagnostics.filter((diagnostic) => !(diagnostic.code ?? '').includes('no-restricted-imports'));
    const { found, total } = coverage(tree, flagged);
    const expectedFiles = tree.manifest.sourceFiles;
    const problems = [
      ...(parsed.number_of_files !== expectedFiles ? [`linted ${parsed.number_of_files} files, the tree has ${expectedFiles}`] : []),
      ...(flagged.size === 0 ? ['reported nothing'] : []),
      ...(errors.length > 0 ? [`code errors: ${errors.length}; e.g. ${errors.slice(0, EXAMPLES).map((error) => `${treePath(tree, error.filename)}: ${error.message}`).join(' | ')}`] : []),
    ];
    return {
      ok: problems.length === 0,
      summary: `linted ${parsed.number_of_files} files, flagged ${flagged.size} (imports only: covering ${found}/${total} vendor-coupled)`,
      problems,
    };
  },
};

export const TOOLS: Record<ToolName, Tool> = { aidlint, 'aidlint-cache': aidlintCache, eslint, oxlint };
