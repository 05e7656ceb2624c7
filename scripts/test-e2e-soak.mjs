// `npm run test:e2e:soak`: the real-editor suite (scripts/test-e2e.mjs) run many times in a row, to show it
// passes on observable state and not on timing luck. Not part of CI: it takes a long time.
//
//   --runs N        runs in a row (default 20)
//   --stress        keep both cores busy meanwhile with another process (`stress-ng --cpu 2`, Debian's
//                   stress-ng; installed with apt-get when running as root)
//   --grep PATTERN  only the matching tests
//   --trace         passed on: every test keeps its trace logs (slower)
//
// Each run's output and failure artifacts go to test-output/e2e-soak/run-N/; the summary (runs, passes,
// failures by test, durations, how often the editor dropped code actions) is printed and written to
// test-output/e2e-soak/summary.json. Exit code 0 only when every run passed.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, stress: { type: 'boolean', default: false }, grep: { type: 'string' }, trace: { type: 'boolean', default: false } },
});
const runs = Number(options.runs);
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`--runs needs a positive integer, got ${options.runs}`);
const output = path.join(root, 'test-output', 'e2e-soak');
fs.rmSync(output, { recursive: true, force: true });
fs.mkdirSync(output, { recursive: true });

const stress = options.stress ? startStress() : undefined;
const results = [];
try {
  for (let run = 1; run <= runs; run++) results.push(await runSuite(run));
} finally {
  await stress?.stop();
}

const summary = summarize(results);
fs.writeFileSync(path.join(output, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(
  `\ne2e soak${options.stress ? ' (both cores kept busy by stress-ng --cpu 2)' : ''}: ${summary.passedRuns}/${summary.runs} runs passed; ` +
    `${summary.tests.passed} tests passed, ${summary.tests.failed} failed; run time median ${summary.seconds.median} s (${summary.seconds.min}–${summary.seconds.max} s); ` +
    `the editor dropped code action answers ${summary.droppedCodeActions} times (asked again, as the e2e notes say)`,
);
for (const [title, count] of Object.entries(summary.failuresByTest)) console.log(`  failed ${count}×: ${title}`);
console.log(`Details: ${path.relative(root, output)}/`);
process.exit(summary.passedRuns === summary.runs ? 0 : 1);

/** One run of the suite; its output and test-output/e2e are kept under run-N. */
async function runSuite(run) {
  const dir = path.join(output, `run-${run}`);
  fs.mkdirSync(dir);
  const summaryFile = path.join(dir, 'summary.json');
  const args = [path.join(root, 'scripts', 'test-e2e.mjs'), ...(options.grep ? ['--grep', options.grep] : []), ...(options.trace ? ['--trace'] : [])];
  const started = Date.now();
  const log = fs.openSync(path.join(dir, 'output.log'), 'w');
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', log, log], env: { ...process.env, AIDLINT_TEST_SUMMARY: summaryFile } });
    child.once('exit', resolve);
  });
  fs.closeSync(log);
  const seconds = (Date.now() - started) / 1000;
  const text = fs.readFileSync(path.join(dir, 'output.log'), 'utf8');
  if (fs.existsSync(path.join(root, 'test-output', 'e2e'))) fs.renameSync(path.join(root, 'test-output', 'e2e'), path.join(dir, 'e2e'));
  const counts = fs.existsSync(summaryFile) ? JSON.parse(fs.readFileSync(summaryFile, 'utf8')) : { passed: 0, failed: 1, skipped: 0 };
  // Mocha prints a failed test as "    N) title" where it runs (its summary at the end repeats it, less indented).
  const failedTests = [...text.matchAll(/^ {4,}\d+\) (.+)$/gm)].map((match) => match[1].trim()).filter((title, index, all) => all.indexOf(title) === index);
  const result = { run, code, seconds, ...counts, failedTests, droppedCodeActions: (text.match(/e2e note: /g) ?? []).length };
  console.log(`e2e soak: run ${run}/${runs}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s (${counts.passed} passed, ${counts.failed} failed${failedTests.length ? `: ${failedTests.join('; ')}` : ''})`);
  return result;
}

function summarize(all) {
  const sorted = all.map((result) => result.seconds).sort((a, b) => a - b);
  const failuresByTest = {};
  for (const result of all) for (const title of result.failedTests) failuresByTest[title] = (failuresByTest[title] ?? 0) + 1;
  return {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg() },
    stress: options.stress ? 'stress-ng --cpu 2' : null,
    runs: all.length,
    passedRuns: all.filter((result) => result.code === 0).length,
    tests: { passed: sum(all, 'passed'), failed: sum(all, 'failed'), skipped: sum(all, 'skipped') },
    seconds: { min: round(sorted[0]), median: round(sorted[Math.floor((sorted.length - 1) / 2)]), max: round(sorted.at(-1)) },
    droppedCodeActions: sum(all, 'droppedCodeActions'),
    failuresByTest,
    results: all,
  };
}

/** `stress-ng --cpu 2` in its own process group, stopped (with its workers) at the end. */
function startStress() {
  if (spawnSync('stress-ng', ['--version']).status !== 0) {
    if (process.getuid?.() !== 0) throw new Error('--stress needs stress-ng (apt-get install stress-ng)');
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'stress-ng'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (install.status !== 0) throw new Error('could not install stress-ng with apt-get');
  }
  const child = spawn('stress-ng', ['--cpu', '2', '--quiet'], { detached: true, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  console.log(`e2e soak: stress-ng --cpu 2 running (process group ${child.pid})`);
  return {
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // It ended already.
      }
      await exited;
    },
  };
}

function sum(all, key) {
  return all.reduce((total, result) => total + result[key], 0);
}

function round(seconds) {
  return Math.round(seconds * 10) / 10;
}
