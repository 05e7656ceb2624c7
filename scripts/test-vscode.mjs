// Runs test/vscode/suite inside a real VS Code extension host with @vscode/test-electron, against the
// extension in this folder (dist/ must be built: `npm run build:extension`) and a temporary copy of
// test/fixtures/vscode-workspace.
//
// VS Code is downloaded once into .vscode-test/ (or taken from AIDLINT_VSCODE_EXECUTABLE). Where it cannot
// be downloaded (no internet), the suite is reported as skipped — never as passed. The summary
// `{ passed, failed, skipped }` goes to the file named by AIDLINT_TEST_SUMMARY, as the mocha run does.
// Exit code: 0 when passed or skipped, 1 when anything failed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const compiledSuite = path.join(root, 'out/test-vscode');
const fixture = path.join(root, 'test/fixtures/vscode-workspace');
/** code-server 4.100.3, where the extension must run, ships VS Code 1.100.3. */
const version = process.env.AIDLINT_VSCODE_VERSION ?? '1.100.3';
/** test-electron's idle timeout for each download request; offline, DNS usually fails long before. */
const DOWNLOAD_IDLE_TIMEOUT_MS = 10_000;
/** A stalled connection that trickles bytes never trips the idle timeout; this bounds the whole attempt. */
const DOWNLOAD_DEADLINE_MS = 10 * 60_000;

const total = countTests();
const executable = await vscodeExecutable().catch((error) => {
  console.log(`vscode-suite: SKIPPED (cannot download VS Code: ${reasonOf(error)})`);
  finish({ passed: 0, failed: 0, skipped: total });
});

if (process.platform === 'linux' && !process.env.DISPLAY) rerunUnderVirtualDisplay();

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-vscode-'));
const workspace = path.join(work, 'workspace');
const resultsFile = path.join(work, 'results.json');
fs.cpSync(fixture, workspace, { recursive: true });
let exitCode;
try {
  exitCode = await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(compiledSuite, 'index.js'),
    extensionTestsEnv: { AIDLINT_VSCODE_RESULTS: resultsFile },
    // A fresh profile each run: no settings or extensions from earlier runs or from this machine.
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(work, 'user-data')}`, `--extensions-dir=${path.join(work, 'extensions')}`],
  });
} catch (error) {
  exitCode = error.code ?? 1;
  console.log(`vscode-suite: VS Code exited with ${exitCode} (${reasonOf(error)})`);
}
const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : undefined;
fs.rmSync(work, { recursive: true, force: true });
if (!results) {
  console.log('vscode-suite: FAILED (the extension host ended before the suite reported)');
  finish({ passed: 0, failed: total, skipped: 0 });
}
if (exitCode !== 0 && results.failed === 0) results.failed = 1; // VS Code failed after the suite: still a failure
console.log(`vscode-suite: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
finish(results);

/**
 * The number of tests, found by loading the compiled suite files into a mocha instance outside VS Code.
 * `vscode` exists only in the extension host, so it is replaced by an empty module: the suite touches
 * it only inside tests and hooks, which are not run here.
 */
function countTests() {
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? {} : load.call(this, request, ...rest);
  };
  try {
    const Mocha = require('mocha');
    const mocha = new Mocha();
    for (const file of require(path.join(compiledSuite, 'index.js')).suiteFiles()) mocha.addFile(file);
    mocha.loadFiles();
    return mocha.suite.total();
  } finally {
    Module._load = load;
  }
}

async function vscodeExecutable() {
  if (process.env.AIDLINT_VSCODE_EXECUTABLE) return process.env.AIDLINT_VSCODE_EXECUTABLE;
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no download within ${DOWNLOAD_DEADLINE_MS / 60_000} minutes`)), DOWNLOAD_DEADLINE_MS);
  });
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({ version, cachePath: path.join(root, '.vscode-test'), timeout: DOWNLOAD_IDLE_TIMEOUT_MS }),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** VS Code needs an X display on Linux; xvfb-run provides one on a headless machine (VS Code is cached by now). */
function rerunUnderVirtualDisplay() {
  const xvfb = spawnSync('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  if (xvfb.error) {
    console.log('vscode-suite: FAILED (no X display: set DISPLAY or install xvfb, whose xvfb-run provides one)');
    finish({ passed: 0, failed: total, skipped: 0 });
  }
  process.exit(xvfb.status ?? 1);
}

function reasonOf(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] || 'unknown error';
}

/** Writes the summary for .ci/run and exits; a failure anywhere makes the exit code 1. */
function finish(summary) {
  if (process.env.AIDLINT_TEST_SUMMARY) fs.writeFileSync(process.env.AIDLINT_TEST_SUMMARY, JSON.stringify(summary));
  process.exit(summary.failed > 0 ? 1 : 0);
}
