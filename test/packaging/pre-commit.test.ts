/**
 * The pre-commit hook: .pre-commit-hooks.yaml as pre-commit reads it, and its entry run as pre-commit runs
 * it (the installed bin on PATH, the staged files as arguments). Installing the hook with pre-commit
 * itself takes a minute: that is `npm run test:pre-commit` (pre-commit-install.slow.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runStatus } from './commands';
import { MANIFEST, ROOT, packedPackage } from './packed-package';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types_or?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
  minimum_pre_commit_version?: string;
}

describe('the pre-commit hook', function () {
  this.timeout(60_000);
  const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const [hook] = hooks;

  it('is one node hook whose entry is a bin of the npm package', () => {
    assert.equal(hooks.length, 1);
    assert.equal(hook.id, 'aidlint');
    assert.equal(hook.language, 'node');
    assert.ok(MANIFEST.bin?.[hook.entry], `${hook.entry} is a bin of package.json`);
    assert.notEqual(hook.pass_filenames, false, 'the staged files are passed');
    assert.deepEqual(hook.types_or?.sort(), ['javascript', 'jsx', 'ts', 'tsx']);
    assert.equal(hook.require_serial, true, 'one run sees every staged file (cross-file findings)');
  });

  it('lints exactly the files pre-commit passes (the staged ones), and fails the commit on an error', function () {
    this.timeout(180_000);
    const { project } = packedPackage();
    // pre-commit puts the installed bins on PATH and appends the staged files its types select.
    const env = { ...process.env, PATH: `${path.join(project, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` };
    const staged = ['src/lib/openai.ts', 'scripts/backfill-summaries.js'];
    const result = runStatus(hook.entry, staged, { cwd: path.join(project, 'chat-app'), env });
    assert.equal(result.status, 1, result.stderr);
    const linted = [...result.stdout.matchAll(/^(\S+\.(?:js|ts))$/gm)].map(([, file]) => file);
    assert.deepEqual(linted.sort(), [...staged].sort());
    assert.match(result.stdout, /error .* hardcoded-secret/);
  });
});
