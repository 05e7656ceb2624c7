// `npm run test:e2e`: the packaged extension in the real VS Code workbench (code-server) driven through
// headless Chromium by the mocha suite in test/e2e. This script prepares everything the suite needs:
//
// 1. Debian packages, through apt-get when running as root: chromium (the browser) and, only when
//    code-server still has to be installed, what its native modules need (libkrb5-dev, a compiler) and
//    ripgrep (see 2).
// 2. code-server and playwright-core, exact versions, installed into a cache folder outside the project's
//    dependency tree (~/.cache/aidlint-e2e, or $AIDLINT_E2E_CACHE) and reused when present. VS Code's
//    ripgrep package downloads a binary at install time, which fails without internet; its installer
//    takes a cached archive instead, which is made from Debian's `rg`.
// 3. The .vsix, built and packaged by `npm run package`, installed into a fresh (temporary) extensions folder.
// 4. mocha over test/e2e/**/*.test.mjs. Failed tests leave a screenshot and logs in test-output/e2e/failures.
//
// The summary `{ passed, failed, skipped }` goes to the file named by AIDLINT_TEST_SUMMARY, as the main
// suite's does; when setup fails, every test counts as failed. Exit code 0 only when nothing failed.
// Options: --grep <pattern> (run matching tests), --update-screenshots (write the README pictures into
// docs/images instead of test-output/e2e/screenshots), --trace (code-server logs at trace level, the LSP
// messages are traced, and every test keeps all its logs: for chasing an intermittent failure).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const CODE_SERVER_VERSION = '4.100.3';
const PLAYWRIGHT_CORE_VERSION = '1.65.1';
/** VS Code's @vscode/ripgrep in code-server 4.100.3, and the ripgrep release its installer fetches. */
const RIPGREP = { packageVersion: '1.15.11', release: 'v13.0.0-10' };
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
/** A test starts its own code-server and browser context and takes 8 to 15 s here; only a hang waits this out. */
const TEST_TIMEOUT_MS = 180_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { values: options } = parseArgs({ options: { grep: { type: 'string' }, 'update-screenshots': { type: 'boolean', default: false }, trace: { type: 'boolean', default: false } } });
const output = path.join(root, 'test-output', 'e2e');
const started = Date.now();

fs.rmSync(output, { recursive: true, force: true });
fs.mkdirSync(output, { recursive: true });

const Mocha = require('mocha');
const mocha = new Mocha({ reporter: require(path.join(root, 'test', 'support', 'summary-reporter.js')), timeout: TEST_TIMEOUT_MS, grep: options.grep });
for (const file of specFiles(path.join(root, 'test', 'e2e'))) mocha.addFile(file);
await mocha.loadFilesAsync();
const total = mocha.suite.total();

try {
  Object.assign(process.env, setUp());
} catch (error) {
  console.log(`e2e: setup failed, so all ${total} tests count as failed: ${error.message}`);
  writeSummary({ passed: 0, failed: total, skipped: 0 });
  process.exit(1);
}

const failures = await new Promise((resolve) => mocha.run(resolve));
console.log(`e2e: finished in ${seconds(Date.now() - started)}${failures > 0 ? `; screenshots and logs of the failures are in ${path.relative(root, path.join(output, 'failures'))}/` : ''}`);
process.exit(failures > 0 ? 1 : 0);

/** Prepares the tools and the extension; returns the environment the suite reads (test/e2e/support/environment.mjs). */
function setUp() {
  const chromium = process.env.AIDLINT_E2E_CHROMIUM ?? '/usr/bin/chromium';
  const toolsDir = path.join(process.env.AIDLINT_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'aidlint-e2e'), `code-server-${CODE_SERVER_VERSION}-playwright-core-${PLAYWRIGHT_CORE_VERSION}`);
  const toolsCached = fs.existsSync(toolsDir);

  const packages = [...(process.env.AIDLINT_E2E_CHROMIUM ? [] : ['chromium']), ...(toolsCached ? [] : ['libkrb5-dev', 'ripgrep', 'python3', 'make', 'g++'])];
  step(`Debian packages (${packages.join(', ') || 'none needed'})`, () => ensureDebianPackages(packages));
  if (!fs.existsSync(chromium)) throw new Error(`no browser at ${chromium}: install Debian's chromium or set AIDLINT_E2E_CHROMIUM`);
  if (toolsCached) console.log(`e2e: code-server ${CODE_SERVER_VERSION} and playwright-core ${PLAYWRIGHT_CORE_VERSION} from ${toolsDir}`);
  else step(`installing code-server ${CODE_SERVER_VERSION} and playwright-core ${PLAYWRIGHT_CORE_VERSION} into ${toolsDir}`, () => installTools(toolsDir));

  const vsix = step('building and packaging the .vsix (npm run package)', () => packageExtension());
  // Outside the repository: the unpacked extension holds files the repository must have only once (its schema).
  const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-e2e-extensions-'));
  process.once('exit', () => fs.rmSync(extensionsDir, { recursive: true, force: true }));
  step(`installing ${path.basename(vsix)} into code-server`, () => installExtension(toolsDir, vsix, extensionsDir));

  return {
    AIDLINT_E2E_TOOLS_DIR: toolsDir,
    AIDLINT_E2E_CHROMIUM: chromium,
    AIDLINT_E2E_EXTENSIONS_DIR: extensionsDir,
    AIDLINT_E2E_OUTPUT: output,
    AIDLINT_E2E_SCREENSHOTS: options['update-screenshots'] ? path.join(root, 'docs', 'images') : path.join(output, 'screenshots'),
    AIDLINT_E2E_TRACE: options.trace ? '1' : '0',
  };
}

function ensureDebianPackages(packages) {
  const missing = packages.filter((name) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout !== 'install ok installed');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).status !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} (install them, or run as root so that this script can use apt-get)`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
}

/** npm install into a staging folder renamed into place when complete: an interrupted install is never reused. */
function installTools(toolsDir) {
  const target = RIPGREP_TARGETS[process.arch];
  if (process.platform !== 'linux' || !target) throw new Error(`installing code-server is set up for Linux on x64 or arm64 only (this is ${process.platform} ${process.arch})`);
  fs.mkdirSync(path.dirname(toolsDir), { recursive: true });
  const staging = fs.mkdtempSync(`${toolsDir}-staging-`);
  try {
    fs.writeFileSync(path.join(staging, 'package.json'), '{ "private": true }\n');
    const tmp = path.join(staging, '.tmp');
    const ripgrepCache = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP.packageVersion}`);
    const rgDir = path.join(tmp, 'rg');
    fs.mkdirSync(ripgrepCache, { recursive: true });
    fs.mkdirSync(rgDir);
    fs.copyFileSync(execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim(), path.join(rgDir, 'rg'));
    fs.chmodSync(path.join(rgDir, 'rg'), 0o755);
    run('tar', ['-czf', path.join(ripgrepCache, `ripgrep-${RIPGREP.release}-${target}.tar.gz`), '-C', rgDir, 'rg']);
    // As root, code-server's postinstall insists on unsafe-perm; one native module runs `npx node-gyp`, which must not prompt.
    const env = { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' };
    run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_CORE_VERSION}`], { cwd: staging, env });
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.renameSync(staging, toolsDir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`${error.message} (code-server ${CODE_SERVER_VERSION} needs Node.js 20, this is ${process.version})`);
  }
}

function packageExtension() {
  run('npm', ['run', 'package'], { cwd: root });
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `aidlint-${version}.vsix`);
}

function installExtension(toolsDir, vsix, extensionsDir) {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-e2e-install-'));
  try {
    const env = { ...process.env, XDG_CONFIG_HOME: path.join(state, 'config'), XDG_DATA_HOME: path.join(state, 'data') };
    const entry = path.join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    run(process.execPath, [entry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(state, 'user-data'), '--config', path.join(state, 'config.yaml')], { env });
  } finally {
    fs.rmSync(state, { recursive: true, force: true });
  }
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`\`${path.basename(command)} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
  }
  return result.stdout;
}

function step(what, action) {
  const begin = Date.now();
  console.log(`e2e: ${what}…`);
  const result = action();
  console.log(`e2e: … done in ${seconds(Date.now() - begin)}`);
  return result;
}

function specFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith('.test.mjs'))
    .sort()
    .map((file) => path.join(dir, file));
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** What the reporter writes after a run (test/support/summary-reporter.js), for a run that never started. */
function writeSummary(summary) {
  if (process.env.AIDLINT_TEST_SUMMARY) fs.writeFileSync(process.env.AIDLINT_TEST_SUMMARY, JSON.stringify(summary));
}
