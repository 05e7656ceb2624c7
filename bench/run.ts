/**
 * `npm run bench`: generates (or reuses) the synthetic monorepo, runs each benchmark section and prints
 * its table and verdicts; writes everything to .bench/results.json. Exit code 1 when a run was unsound
 * (a tool failed, or its output shows it did not do the job); missed targets are reported, not fatal.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchContext, SectionOutcome } from './context';
import { BENCH_DIR, ensureTree } from './generate';
import { detectMemoryMethod } from './measure';
import { parseOptions, type SectionName, USAGE, UsageError } from './options';
import { runScanSection } from './sections/scan';
import { runServerLatencySection } from './sections/server-latency';
import { runServerMemorySection } from './sections/server-memory';
import { runTypingDuringScanSection } from './sections/server-typing-during-scan';

/** Each section measures one aspect; its data lands under its name in results.json. */
const SECTIONS: Record<SectionName, (context: BenchContext) => Promise<SectionOutcome<unknown>>> = {
  scan: runScanSection,
  'server-latency': runServerLatencySection,
  'server-memory': runServerMemorySection,
  'server-typing-during-scan': runTypingDuringScanSection,
};

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw error;
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }

  progress(`Preparing a tree of ${options.files} files (seed ${options.seed}) ...`);
  const tree = ensureTree(options.seed, options.files);
  progress(`${tree.reused ? 'Reusing' : 'Generated'} ${path.relative(REPO_ROOT, tree.root)}`);
  const outputDir = path.join(BENCH_DIR, 'output');
  fs.mkdirSync(outputDir, { recursive: true });
  const context: BenchContext = { repoRoot: REPO_ROOT, outputDir, options, tree, memoryMethod: detectMemoryMethod(), progress };

  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.platform()} ${os.release()}` };
  console.log(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryMb} MB RAM, Node ${machine.node}\n`);
  const sections: Record<string, unknown> = {};
  let sound = true;
  for (const name of options.sections) {
    const outcome = await SECTIONS[name](context);
    sections[name] = outcome.data;
    sound &&= outcome.sound;
  }

  const { vendorCoupled, traps, ...treeFacts } = tree.manifest;
  const results = {
    date: new Date().toISOString(),
    machine,
    options,
    tree: { root: tree.root, reused: tree.reused, ...treeFacts, vendorCoupledFiles: vendorCoupled.length, trapFiles: traps.length },
    memoryMethod: context.memoryMethod,
    sections,
  };
  const resultsFile = path.join(BENCH_DIR, 'results.json');
  fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nResults written to ${path.relative(REPO_ROOT, resultsFile)}`);
  return sound ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
