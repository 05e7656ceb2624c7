/**
 * The pre-commit hook installed from this repository the two ways pre-commit installs a `language: node`
 * hook, then run on staged files. Each install runs `npm install` of the devDependencies in a copy and
 * bundles, half a minute or more: so this is `npm run test:pre-commit`, not part of `npm test`.
 * - pre-commit before 4.6.1: `npm install` in the copy, `npm pack` (whose standard output must be the
 *   tarball name alone), `npm install -g` of the tarball. Run with the real pre-commit (`try-repo`) when
 *   one is installed (Debian's is 3.0.4), skipped otherwise.
 * - pre-commit 4.6.1 and later: `npm install -g git+file://…`, where npm gives `prepare` no devDependencies
 *   (npm/cli#8440; scripts/bundle.mjs installs them). Run as that npm command: no pre-commit this new
 *   installs here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, runStatus } from './commands';
import { EXAMPLE, ROOT } from './packed-package';

const STAGED = ['src/lib/openai.ts', 'scripts/backfill-summaries.js'];
const GIT_IDENTITY = ['-c', 'user.name=aidlint tests', '-c', 'user.email=tests@aidlint.invalid'];

describe('the pre-commit hook, installed as pre-commit installs it', function () {
  this.timeout(600_000);
  let work: string;
  let hookRepository: string;
  let project: string;

  before(() => {
    work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-pre-commit-')));
    hookRepository = repositoryOfWorkingTree(path.join(work, 'aidlint'));
    project = path.join(work, 'project');
    fs.cpSync(EXAMPLE, project, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
    run('git', ['init', '-q'], { cwd: project });
    run('git', ['add', ...STAGED], { cwd: project });
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('pre-commit (try-repo) installs it and lints the staged files', function () {
    if (runStatus('pre-commit', ['--version']).status !== 0) this.skip();
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(work, 'pre-commit-home') };
    const result = runStatus('pre-commit', ['try-repo', hookRepository, 'aidlint', '--verbose'], { cwd: project, env });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assertLintedStaged(result.stdout);
  });

  it('npm install -g git+file:// (pre-commit 4.6.1 and later) installs a working aidlint', () => {
    const prefix = path.join(work, 'global');
    const env = { ...process.env, NPM_CONFIG_PREFIX: prefix, npm_config_prefix: prefix };
    run('npm', ['install', '--allow-git=root', '--install-links', '-g', `git+file://${hookRepository}`], { cwd: work, env });
    const result = runStatus(path.join(prefix, 'bin', 'aidlint'), STAGED, { cwd: project });
    assert.equal(result.status, 1, result.stderr);
    assertLintedStaged(result.stdout);
  });
});

/** The files the hook reported: exactly the staged ones, with the example's hard-coded key as an error. */
function assertLintedStaged(output: string): void {
  const linted = [...output.matchAll(/^(\S+\.(?:js|ts))$/gm)].map(([, file]) => file);
  assert.deepEqual(linted.sort(), [...STAGED].sort(), output);
  assert.match(output, /error .* hardcoded-secret/);
}

/** A git repository of this working tree as it is (committed or not, ignored files left out), as try-repo makes one. */
function repositoryOfWorkingTree(target: string): string {
  const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(ROOT, file))) continue; // deleted, not yet committed
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(target, file));
  }
  run('git', ['init', '-q'], { cwd: target });
  run('git', ['add', '-A'], { cwd: target });
  run('git', [...GIT_IDENTITY, 'commit', '-q', '-m', 'working tree'], { cwd: target });
  return target;
}
