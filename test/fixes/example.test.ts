/**
 * Fix-all on the bundled example (examples/chat-app) through the CLI, as `aidlint --fix` runs it: the
 * project type-checks before and after (also with `--noUnusedLocals` on what the fix changed), a second
 * pass changes nothing, and what stays outside the seam is exactly the list below — the calls the fix
 * refuses, each with its reason, and the client modules they still use. The example's dependencies are
 * pinned here (its package.json has ranges, as real projects do) and linked from the shared SDK cache.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../cli/run-cli';
import { installPackages } from '../support/sdk-install';
import { typecheck } from '../support/run-fixture';

const EXAMPLE = path.resolve(__dirname, '..', '..', '..', 'examples', 'chat-app');
/** Exact versions within the example's ranges. */
const EXAMPLE_PACKAGES = [
  '@azure/openai@1.0.0-beta.12',
  'express@5.1.0',
  'openai@6.49.0',
  '@types/express@5.0.3',
  '@types/node@20.19.43',
  'typescript@5.9.3',
  'vitest@4.1.12',
];

/** What fix-all leaves outside the seam, and why (file:line rule). */
const LEFT = [
  // Plain JavaScript that tsc does not compile cannot import the TypeScript seam; only its key was fixed.
  'scripts/backfill-summaries.js:7 vendor-import',
  'scripts/backfill-summaries.js:10 vendor-client',
  'scripts/backfill-summaries.js:11 vendor-client',
  'scripts/backfill-summaries.js:14 vendor-call',
  'scripts/backfill-summaries.js:15 hardcoded-model',
  // Client modules: still used by the refused calls (src/lib/openai.ts), or left for the developer to delete.
  'src/lib/azure.ts:1 vendor-import',
  'src/lib/azure.ts:6 vendor-client',
  'src/lib/openai.ts:1 vendor-import',
  'src/lib/openai.ts:4 vendor-client',
  // moderations.create: not wrapped yet.
  'src/routes/moderation.ts:10 vendor-call',
  // summarizeTicket returns the SDK's promise (and type) to its callers.
  'src/routes/tickets.ts:1 vendor-import',
  'src/routes/tickets.ts:13 vendor-type-leak',
  'src/routes/tickets.ts:14 vendor-call',
  // `n: count` asks for several answers; the neutral result holds one.
  'src/services/reply-suggester.ts:1 vendor-import',
  'src/services/reply-suggester.ts:7 vendor-type-leak',
  'src/services/reply-suggester.ts:10 vendor-call',
];

describe('fix-all on the bundled example (aidlint --fix)', function () {
  this.timeout(300_000);
  let dir: string;
  let changed: string[];

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-example-')));
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    fs.symlinkSync(await installPackages(EXAMPLE_PACKAGES), path.join(dir, 'node_modules'), 'dir');
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('type-checks before the fix', async () => {
    assert.equal(await typecheck(dir), '');
  });

  it('applies the safe fixes and creates the seam', async () => {
    const before = snapshot(dir);
    const run = await runCli(['--fix', '--format', 'json'], dir);
    assert.equal(run.exitCode, 0, run.stderr);
    const after = snapshot(dir);
    changed = [...after.keys()].filter((file) => before.get(file) !== after.get(file)).sort();
    assert.ok(changed.includes('src/ai/index.ts') && changed.includes('src/ai/config.ts'), `the seam was created: ${changed.join(', ')}`);
    assert.match(run.stderr, /^aidlint: \d+ fixes in \d+ files; \d+ not applied/m);
  });

  it('type-checks after the fix, and leaves nothing unused in the files it changed', async () => {
    assert.equal(await typecheck(dir), '');
    const unused = (await typecheck(dir, ['--noUnusedLocals'])).split('\n').filter((line) => changed.some((file) => line.startsWith(file)));
    assert.deepEqual(unused, []);
  });

  it('leaves outside the seam exactly the refused code', async () => {
    const run = await runCli(['--format', 'json'], dir);
    const left = (JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>).flatMap((result) =>
      result.messages.map((message) => `${path.relative(dir, result.filePath).split(path.sep).join('/')}:${message.line} ${message.ruleId}`),
    );
    assert.deepEqual(left.sort(), [...LEFT].sort());
  });

  it('a second pass changes nothing', async () => {
    const run = await runCli(['--fix-dry-run'], dir);
    assert.equal(run.stdout, '');
  });
});

/** Every text file of the project (not node_modules) by relative path. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(root, full).split(path.sep).join('/');
    if (!entry.isFile() || relative.startsWith('node_modules/')) continue;
    files.set(relative, fs.readFileSync(full, 'utf8'));
  }
  return files;
}
