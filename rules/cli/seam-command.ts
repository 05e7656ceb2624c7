/**
 * `aidlint seam add-provider <name>` (add a provider's adapter, connection, model ids and SDK to the seam by
 * minimal edits) and `aidlint seam check` (where each model goes, and what cannot work, before a request is sent).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigResolver } from '../config/resolve';
import { AddProviderError, addProvider } from '../fixes/add-provider';
import { applyChanges } from '../fixes/text-changes';
import { checkSeam, formatSeamCheck } from '../fixes/seam-check';
import { type FixHost, projectRootOf } from '../fixes/seam-plan';
import { ADDABLE_PROVIDERS } from '../vendors/seam-providers';
import { UsageError } from './args';
import type { CliIo } from './io';

export const SEAM_USAGE = `Usage: aidlint seam add-provider <name> [--dry-run]
       aidlint seam check

add-provider   Add a provider to the seam (${ADDABLE_PROVIDERS.map((provider) => provider.name).join(', ')}): its adapter,
               its entry in providers/registry, a connection named after it, empty model ids to fill in
               (providerModels), and its SDK pinned in package.json. What is there already is kept.
check          Show where each model goes (AI_PROVIDER, fallbacks, AI_FALLBACK as set in this environment) and
               what the seam would refuse when it loads. Exit code 1 when there is a problem.

Options:
      --dry-run            Print what add-provider would change; change nothing
  -c, --config FILE        Use this config file instead of looking up aidlint.json (for fix.seamDir)
  -h, --help               Show this help
`;

const diskHost: FixHost = {
  readFile: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
  fileExists: (file) => fs.existsSync(file),
};

export function runSeam(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'dry-run': { type: 'boolean' }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout.write(SEAM_USAGE);
    return 0;
  }
  const configs = new ConfigResolver({ workspaceRoot: io.cwd, configFile: values.config === undefined ? undefined : path.resolve(io.cwd, values.config) });
  const seamDir = configs.configFor(path.join(io.cwd, 'index.ts')).fix.seamDir;
  const [command, name, ...rest] = positionals;
  if (command === 'add-provider' && name && rest.length === 0) return runAddProvider(name, seamDir, Boolean(values['dry-run']), io);
  if (command === 'check' && !name) return runCheck(seamDir, io);
  throw new UsageError(`expected 'seam add-provider <name>' or 'seam check'${command ? `, got 'seam ${positionals.join(' ')}'` : ''}`);
}

function runAddProvider(name: string, seamDir: string, dryRun: boolean, io: CliIo): number {
  let result;
  try {
    result = addProvider(name, seamDir, projectRootOf(path.join(seamDir, 'index.ts'), io.cwd, diskHost), diskHost);
  } catch (error) {
    if (!(error instanceof AddProviderError)) throw error;
    io.stderr.write(`aidlint: ${error.message}\n`);
    return 2;
  }
  if (result.changes.length === 0) {
    io.stdout.write(`The seam has the '${name}' provider already; nothing changed.\n`);
    return 0;
  }
  for (const change of result.changes) {
    const text = change.create ? change.create.content : applyChanges(fs.readFileSync(change.filePath, 'utf8'), change.changes);
    if (dryRun) io.stdout.write(`--- ${path.relative(io.cwd, change.filePath)}\n${text}\n`);
    else {
      fs.mkdirSync(path.dirname(change.filePath), { recursive: true });
      fs.writeFileSync(change.filePath, text, { flag: change.create ? 'wx' : 'w' });
    }
  }
  io.stdout.write(`${result.done.map((line) => `${dryRun ? 'would have ' : ''}${line}`).join('\n')}\n`);
  return 0;
}

function runCheck(seamDir: string, io: CliIo): number {
  const find = (module: string) => ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'].map((extension) => path.join(seamDir, module + extension)).find((file) => fs.existsSync(file));
  const config = find('config');
  const registry = find('providers/registry');
  if (!config || !registry) {
    io.stderr.write(`aidlint: no seam with a providers/registry module in ${path.relative(io.cwd, seamDir) || '.'}\n`);
    return 2;
  }
  const check = checkSeam(fs.readFileSync(config, 'utf8'), fs.readFileSync(registry, 'utf8'), io.env);
  io.stdout.write(formatSeamCheck(check));
  return check.problems.length > 0 ? 1 : 0;
}
