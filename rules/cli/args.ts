/** The command line: `aidlint [paths…] [options]`, parsed with node:util parseArgs. */
import { parseArgs } from 'node:util';
import { normalizeSeverity, type SeverityInput } from '../config/load';
import { isRuleId, ruleIds } from '../definitions/index';
import type { RuleId, SeveritySetting } from '../engine/types';
import { CACHE_STRATEGIES, type CacheStrategy } from '../scan/cache';
import { formatNames, isFormatName, type FormatName } from './formatters/index';

export interface CliOptions {
  /** Files and folders to lint, as given (relative to cwd); `.` when none. */
  paths: string[];
  format: FormatName;
  outputFile?: string;
  /** Exit 1 when there are more warnings than this; unlimited when absent. */
  maxWarnings?: number;
  configFile?: string;
  ruleOverrides: Partial<Record<RuleId, SeveritySetting>>;
  /** Report errors only. */
  quiet: boolean;
  /** Forced on or off by --color / --no-color (the last one given wins); decided from the terminal when absent. */
  color?: boolean;
  printConfig?: string;
  /** Apply every safe fix and write the files (`--fix`), or print them as a diff (`--fix-dry-run`). */
  fix: boolean;
  fixDryRun: boolean;
  /** Lint only this part of the files (`--shard 2/4`), to split one repository across CI jobs. */
  shard?: { index: number; count: number };
  /** Write aidlint-suppressions.json from this run's findings (`--suppress-all`), or shrink it to them (`--prune-suppressions`). */
  suppressAll: boolean;
  pruneSuppressions: boolean;
  /** `--cache`: reuse the results of earlier runs that still hold, found at `cacheLocation`, changes told by `cacheStrategy`. */
  cache: boolean;
  cacheLocation?: string;
  cacheStrategy: CacheStrategy;
  init: boolean;
  help: boolean;
  version: boolean;
}

/** A mistake on the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: aidlint [paths…] [options]
       aidlint report [paths…] [options]   (the coupling report; see aidlint report --help)
       aidlint seam add-provider <name> | check   (vendors and failover; see aidlint seam --help)

Finds code hard-wired to one AI vendor. Paths default to the current folder.

Options:
  -f, --format NAME        Report format: ${formatNames.join(', ')} (default: stylish)
  -o, --output-file FILE   Write the report to FILE instead of standard output
      --fix                Apply every safe fix (wrap vendor calls, move literals to the seam's config, keys to env)
      --fix-dry-run        Print the fixes as a unified diff; change nothing
      --max-warnings N     Exit with code 1 when there are more than N warnings
  -c, --config FILE        Use this config file instead of looking up aidlint.json
      --rule ID:SEVERITY   Set a rule's severity (error, warn, info, off); repeatable
      --quiet              Report errors only
      --color, --no-color  Force colours on or off (default: on for a terminal unless NO_COLOR is set)
      --print-config FILE  Print the configuration that applies to FILE
      --shard I/N          Lint only the I-th of N equal parts of the files (for parallel CI jobs)
      --cache              Re-check only files whose content, config or dependencies changed since the last run
      --cache-location P   The cache file, or a folder for it (default: node_modules/.cache/aidlint/)
      --cache-strategy S   How a changed file is told: metadata (size and time; default) or content (for CI checkouts)
      --suppress-all       Record every finding in aidlint-suppressions.json; later runs fail only on findings beyond it
      --prune-suppressions Lower the counts in aidlint-suppressions.json to the findings that are left
      --init               Create aidlint.json in the current folder
  -h, --help               Show this help
  -v, --version            Show the version

Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage or configuration problem.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  quiet: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'print-config': { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  shard: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'cache-strategy': { type: 'string' },
  'suppress-all': { type: 'boolean' },
  'prune-suppressions': { type: 'boolean' },
  init: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The severity words a config file accepts (its numbers read badly on a command line). */
type SeverityWord = Extract<SeverityInput, string>;
const SEVERITY_WORDS: readonly SeverityWord[] = ['error', 'warn', 'warning', 'info', 'off'];

function isSeverityWord(text: string): text is SeverityWord {
  return (SEVERITY_WORDS as readonly string[]).includes(text);
}

export function parseCliArgs(argv: string[]): CliOptions {
  const { values, positionals, tokens } = parseStrict(argv);
  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) throw new UsageError(`Unknown format '${format}'; use one of ${formatNames.join(', ')}.`);
  if (values['suppress-all'] && values['prune-suppressions']) throw new UsageError('--suppress-all and --prune-suppressions cannot be used together.');
  const lastColorToken = tokens.findLast((token) => token.kind === 'option' && (token.name === 'color' || token.name === 'no-color'));
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format,
    outputFile: values['output-file'],
    maxWarnings: values['max-warnings'] === undefined ? undefined : parseMaxWarnings(values['max-warnings']),
    configFile: values.config,
    ruleOverrides: parseRuleOverrides(values.rule ?? []),
    quiet: values.quiet ?? false,
    color: lastColorToken?.kind === 'option' ? lastColorToken.name === 'color' : undefined,
    printConfig: values['print-config'],
    fix: values.fix ?? false,
    fixDryRun: values['fix-dry-run'] ?? false,
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    suppressAll: values['suppress-all'] ?? false,
    pruneSuppressions: values['prune-suppressions'] ?? false,
    cache: values.cache ?? false,
    cacheLocation: values['cache-location'],
    cacheStrategy: parseCacheStrategy(values['cache-strategy'] ?? 'metadata'),
    init: values.init ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function parseStrict(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    // Node's message goes on to explain `--`; the first sentence is the useful part.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/su, '.'));
  }
}

function parseCacheStrategy(text: string): CacheStrategy {
  if (!(CACHE_STRATEGIES as readonly string[]).includes(text)) throw new UsageError(`--cache-strategy needs ${CACHE_STRATEGIES.join(' or ')}, not '${text}'.`);
  return text as CacheStrategy;
}

function parseMaxWarnings(text: string): number {
  if (!/^\d+$/u.test(text)) throw new UsageError(`--max-warnings needs a whole number of 0 or more, not '${text}'.`);
  return Number(text);
}

function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/u.exec(text);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard needs I/N with 1 ≤ I ≤ N, as in '2/4', not '${text}'.`);
  return { index, count };
}

function parseRuleOverrides(settings: string[]): Partial<Record<RuleId, SeveritySetting>> {
  const overrides: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const setting of settings) {
    const separator = setting.lastIndexOf(':');
    if (separator < 0) throw new UsageError(`--rule needs ID:SEVERITY, as in 'hardcoded-model:error', not '${setting}'.`);
    const id = setting.slice(0, separator);
    const severityName = setting.slice(separator + 1);
    if (!isRuleId(id)) throw new UsageError(`Unknown rule '${id}' in --rule; rules are ${ruleIds.join(', ')}.`);
    if (!isSeverityWord(severityName)) {
      throw new UsageError(`Unknown severity '${severityName}' in --rule ${setting}; use error, warn, info or off.`);
    }
    overrides[id] = normalizeSeverity(severityName);
  }
  return overrides;
}
