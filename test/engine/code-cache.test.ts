import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeTempDir } from '../files/temp';

const PARSE_MODULE = path.resolve(__dirname, '../../rules/engine/parse.js');
const CODE_CACHE_MODULE = path.resolve(__dirname, '../../rules/engine/code-cache.js');
const DAY_MS = 24 * 60 * 60 * 1000;
const SOURCE = "import OpenAI from 'openai';\nexport const client = new OpenAI();\n";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts = require('typescript') as typeof import('typescript');
/** The statement kinds the plain `require('typescript')` of this process parses. */
const EXPECTED_KINDS = ts.createSourceFile('/a.ts', SOURCE, ts.ScriptTarget.Latest).statements.map((statement) => statement.kind).join(',');

/** Notes, in `rejected`, whether V8 took the cached code of the last script compiled with some. */
const WATCH_CACHE = `
    const vm = require('node:vm');
    const original = vm.Script;
    let rejected = 'no cache';
    vm.Script = class extends original {
      constructor(source, options) { super(source, options); if (options && options.cachedData) rejected = String(this.cachedDataRejected); }
    };`;

/** A fresh process (its own temporary folder) that parses a file and prints what it saw. */
function parseInNewProcess(tmp: string): { kinds: string; version: string; rejected: string } {
  const script = `${WATCH_CACHE}
    const { parseSource, typescript } = require(${JSON.stringify(PARSE_MODULE)});
    const file = parseSource('/a.ts', ${JSON.stringify(SOURCE)});
    const kinds = file.statements.map((statement) => statement.kind).join(',');
    console.log(JSON.stringify({ kinds, version: typescript().version, rejected }));
  `;
  const run = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { kinds: string; version: string; rejected: string };
}

/** A fresh process that loads `file` through the code cache and prints its exports. */
function requireInNewProcess(tmp: string, file: string): { exported: unknown; rejected: string } {
  const script = `${WATCH_CACHE}
    const exported = require(${JSON.stringify(CODE_CACHE_MODULE)}).requireWithCodeCache(${JSON.stringify(file)});
    console.log(JSON.stringify({ exported, rejected }));
  `;
  const run = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { exported: unknown; rejected: string };
}

describe('the V8 code cache (TypeScript, the CLI bundle)', () => {
  let tmp: string;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => removeTempDir(tmp));

  const cacheFiles = () => {
    const folder = fs.readdirSync(tmp).find((name) => name.startsWith('aidlint-code-cache-'));
    return folder ? fs.readdirSync(path.join(tmp, folder)).map((name) => path.join(tmp, folder, name)) : [];
  };

  it('writes the cache when a run ends, and the next run uses it and parses alike', () => {
    const first = parseInNewProcess(tmp);
    assert.equal(first.rejected, 'no cache');
    assert.equal(cacheFiles().length, 1);
    const second = parseInNewProcess(tmp);
    assert.equal(second.rejected, 'false', 'V8 accepted the cached code');
    assert.deepEqual({ ...second, rejected: '' }, { ...first, rejected: '' });
    assert.equal(first.kinds, EXPECTED_KINDS);
    assert.equal(first.version, ts.version);
  });

  it('compiles as usual when the cache is damaged, and writes it again', () => {
    parseInNewProcess(tmp);
    const [file] = cacheFiles();
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    const damaged = parseInNewProcess(tmp);
    assert.equal(damaged.rejected, 'true');
    assert.equal(damaged.kinds, EXPECTED_KINDS);
    assert.equal(parseInNewProcess(tmp).rejected, 'false', 'written again');
  });

  it('loads a bin whose first line is `#!` (the npm package runs its CLI bundle so), and caches it', () => {
    const bin = path.join(tmp, 'bin.js');
    fs.writeFileSync(bin, "#!/usr/bin/env node\n'use strict';\nmodule.exports = { line: new Error().stack.split('\\n')[1].match(/:(\\d+):\\d+\\)?$/)[1], dir: __dirname };\n");
    const first = requireInNewProcess(tmp, bin);
    assert.deepEqual(first, { exported: { line: '3', dir: tmp }, rejected: 'no cache' }, 'lines are kept: the error is on line 3');
    assert.deepEqual(requireInNewProcess(tmp, bin), { exported: { line: '3', dir: tmp }, rejected: 'false' });
  });

  it('touches a cache file it uses, and removes those unused for a month when it writes one', () => {
    parseInNewProcess(tmp);
    const [used] = cacheFiles();
    const folder = path.dirname(used);
    const stale = path.join(folder, 'typescript-0000000000000000.bin');
    const recent = path.join(folder, 'aidlint-cli-0000000000000000.bin');
    fs.writeFileSync(stale, 'stale');
    fs.writeFileSync(recent, 'recent');
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS);
    fs.utimesSync(stale, at(31), at(31));
    fs.utimesSync(recent, at(29), at(29));
    fs.utimesSync(used, at(40), at(40));
    const { ino } = fs.statSync(used);
    assert.equal(parseInNewProcess(tmp).rejected, 'false');
    assert.equal(fs.statSync(used).ino, ino, 'used as it was, not written again');
    assert.ok(Date.now() - fs.statSync(used).mtimeMs < DAY_MS, 'touched');
    // Another file's first run writes its cache, and cleans up.
    const bin = path.join(tmp, 'bin.js');
    fs.writeFileSync(bin, 'module.exports = 1;\n');
    requireInNewProcess(tmp, bin);
    const names = cacheFiles().map((file) => path.basename(file));
    assert.equal(names.filter((name) => name.startsWith('bin-')).length, 1, 'written');
    assert.ok(names.includes(path.basename(used)) && names.includes(path.basename(recent)), 'used within the month: kept');
    assert.ok(!names.includes(path.basename(stale)), 'unused for 31 days: removed');
  });

  it('neither reads nor writes a cache folder that others can write to (V8 runs cached code unchecked)', function () {
    if (typeof process.getuid !== 'function') this.skip();
    parseInNewProcess(tmp);
    const [file] = cacheFiles();
    fs.chmodSync(path.dirname(file), 0o777);
    assert.equal(parseInNewProcess(tmp).rejected, 'no cache', 'not read');
    fs.rmSync(file);
    assert.equal(parseInNewProcess(tmp).kinds, EXPECTED_KINDS);
    assert.deepEqual(cacheFiles(), [], 'not written');
    fs.chmodSync(path.dirname(file), 0o700);
    parseInNewProcess(tmp);
    assert.equal(cacheFiles().length, 1, 'its own folder again: written');
  });
});
