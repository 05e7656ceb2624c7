/**
 * The ratchet on the bundled example (a copy of examples/chat-app): `--suppress-all` records every finding
 * and the run passes; a new vendor call fails the run and is named; a fixed finding lets
 * `--prune-suppressions` shrink the file; a broken suppressions file is a clear usage error.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SUPPRESSIONS_FILE, type SuppressionCounts } from '../../rules/report/suppressions';
import { runCli } from '../cli/run-cli';
import { makeTempDir, removeTempDir } from '../files/temp';

const EXAMPLE = path.resolve(__dirname, '..', '..', '..', 'examples', 'chat-app');

function total(counts: SuppressionCounts): number {
  return Object.values(counts).reduce((sum, byRule) => sum + Object.values(byRule).reduce((inFile, entry) => inFile + (entry?.count ?? 0), 0), 0);
}

describe('ratchet: aidlint-suppressions.json on the bundled example', () => {
  let dir: string;
  const read = (): SuppressionCounts => JSON.parse(fs.readFileSync(path.join(dir, SUPPRESSIONS_FILE), 'utf8'));
  const edit = (file: string, change: (text: string) => string) => fs.writeFileSync(path.join(dir, file), change(fs.readFileSync(path.join(dir, file), 'utf8')));

  beforeEach(() => {
    dir = makeTempDir();
    fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (file) => path.basename(file) !== 'node_modules' });
  });
  afterEach(() => removeTempDir(dir));

  it('--suppress-all records every finding by file and rule, and the run passes', async () => {
    const before = await runCli([], dir);
    assert.equal(before.exitCode, 1, 'the example fails without a baseline (its key is an error)');
    const run = await runCli(['--suppress-all'], dir);
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, '', 'nothing is left to report');
    assert.match(run.stderr, /aidlint-suppressions\.json now suppresses 42 findings in 12 files \(was 0\)/);
    const counts = read();
    assert.equal(total(counts), 42);
    assert.deepEqual(counts['src/routes/tickets.ts'], { 'vendor-import': { count: 1 }, 'vendor-type-leak': { count: 1 }, 'vendor-call': { count: 1 }, 'hardcoded-model': { count: 1 } });
    assert.deepEqual(Object.keys(counts), [...Object.keys(counts)].sort(), 'files are sorted, so the file diffs well');

    const again = await runCli([], dir);
    assert.equal(again.exitCode, 0);
    assert.match(again.stderr, /42 findings suppressed by aidlint-suppressions\.json/);
  });

  it('a vendor call added after the baseline fails the run (exit 1) and is named, in a new file and in a file with suppressed calls', async () => {
    await runCli(['--suppress-all'], dir);
    fs.writeFileSync(path.join(dir, 'src/routes/digest.ts'), "import { openai } from '../lib/openai';\nexport const digest = (input: string) => openai.embeddings.create({ model: process.env.DIGEST_MODEL!, input });\n");
    const newFile = await runCli(['--format', 'json'], dir);
    assert.equal(newFile.exitCode, 1, 'a warning beyond the baseline fails the run');
    const reported = JSON.parse(newFile.stdout).filter((result: { messages: unknown[] }) => result.messages.length > 0);
    assert.deepEqual(
      reported.map((result: { filePath: string; messages: Array<{ ruleId: string; line: number }> }) => [path.relative(dir, result.filePath), result.messages.map((message) => `${message.line} ${message.ruleId}`)]),
      [['src/routes/digest.ts', ['2 vendor-call']]],
    );

    fs.rmSync(path.join(dir, 'src/routes/digest.ts'));
    edit('src/routes/search.ts', (text) => `${text}\nexport const more = (input: string) => openai.embeddings.create({ model: EMBEDDING_MODEL, input });\n`);
    const sameFile = await runCli([], dir);
    assert.equal(sameFile.exitCode, 1);
    assert.match(sameFile.stderr, /src\/routes\/search\.ts has 2 vendor-call findings where aidlint-suppressions\.json allows 1; all 2 are reported/);
    const newLine = fs.readFileSync(path.join(dir, 'src/routes/search.ts'), 'utf8').split('\n').findIndex((line) => line.startsWith('export const more')) + 1;
    assert.match(sameFile.stdout, new RegExp(`src/routes/search\\.ts\\n(?:.*\\n)*\\s+${newLine}:\\d+\\s+warning\\s+Calls OpenAI 'embeddings\\.create'`));
  });

  it('after a fix, --prune-suppressions shrinks the file; it never raises a count', async () => {
    await runCli(['--suppress-all'], dir);
    const before = read();
    // The fix: the model moves to the environment, so tickets.ts has no hardcoded-model left.
    edit('src/routes/tickets.ts', (text) => text.replace("'gpt-4o-mini'", 'process.env.TICKETS_MODEL!'));
    const pruned = await runCli(['--prune-suppressions'], dir);
    assert.equal(pruned.exitCode, 0, pruned.stdout + pruned.stderr);
    const after = read();
    assert.equal(total(after), total(before) - 1);
    assert.equal(after['src/routes/tickets.ts']['hardcoded-model'], undefined);
    assert.deepEqual(after['src/lib/azure.ts'], before['src/lib/azure.ts'], 'other files keep their counts');

    // A deleted file's entries go too; a new finding is not added by pruning.
    fs.rmSync(path.join(dir, 'src/services/language.ts'));
    edit('src/routes/search.ts', (text) => `${text}\nexport const more = (input: string) => openai.embeddings.create({ model: EMBEDDING_MODEL, input });\n`);
    const second = await runCli(['--prune-suppressions'], dir);
    assert.equal(second.exitCode, 1, 'the new call is still reported');
    const final = read();
    assert.equal(final['src/services/language.ts'], undefined);
    assert.deepEqual(final['src/routes/search.ts'], after['src/routes/search.ts']);
  });

  it('--suppress-all on a part of the tree keeps the entries of the rest', async () => {
    await runCli(['--suppress-all'], dir);
    const before = read();
    edit('src/routes/tickets.ts', (text) => text.replace("'gpt-4o-mini'", 'process.env.TICKETS_MODEL!'));
    edit('src/lib/azure.ts', (text) => text.replace("'2024-10-21'", 'process.env.AZURE_OPENAI_API_VERSION!'));
    await runCli(['--suppress-all', 'src/routes'], dir);
    const after = read();
    assert.equal(after['src/routes/tickets.ts']['hardcoded-model'], undefined, 'the linted part is recorded anew');
    assert.deepEqual(after['src/lib/azure.ts'], before['src/lib/azure.ts'], 'the part not linted keeps its entries');
  });

  it('a broken suppressions file is a usage error naming the problem (exit 2), and nothing is lost', async () => {
    fs.writeFileSync(path.join(dir, SUPPRESSIONS_FILE), '{ "src/a.ts": { "no-such-rule": { "count": 1 } } }');
    const unknownRule = await runCli([], dir);
    assert.equal(unknownRule.exitCode, 2);
    assert.match(unknownRule.stderr, /unknown rule "no-such-rule" for "src\/a\.ts"/);
    fs.writeFileSync(path.join(dir, SUPPRESSIONS_FILE), '{ "src/a.ts": ');
    const badJson = await runCli(['--suppress-all'], dir);
    assert.equal(badJson.exitCode, 2);
    assert.match(badJson.stderr, /is not valid JSON/);
    assert.equal(fs.readFileSync(path.join(dir, SUPPRESSIONS_FILE), 'utf8'), '{ "src/a.ts": ', 'the broken file is not overwritten');
  });
});
