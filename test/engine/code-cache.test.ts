import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeTempDir } from '../files/temp';

const PARSE_MODULE = path.resolve(__dirname, '../../rules/engine/parse.js');
const SOURCE = "import OpenAI from 'openai';\nexport const client = new OpenAI();\n";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts = require('typescript') as typeof import('typescript');
/** The statement kinds the plain `require('typescript')` of this process parses. */
const EXPECTED_KINDS = ts.createSourceFile('/a.ts', SOURCE, ts.ScriptTarget.Latest).statements.map((statement) => statement.kind).join(',');

/** A fresh process (its own temporary folder) that parses a file and prints what it saw. */
function parseInNewProcess(tmp: string): { kinds: string; version: string; rejected: string } {
  const script = `
    const vm = require('node:vm');
    const original = vm.Script;
    let rejected = 'no cache';
    vm.Script = class extends original {
      constructor(source, options) { super(source, options); if (options && options.cachedData) rejected = String(this.cachedDataRejected); }
    };
    const { parseSource, typescript } = require(${JSON.stringify(PARSE_MODULE)});
    const file = parseSource('/a.ts', ${JSON.stringify(SOURCE)});
    const kinds = file.statements.map((statement) => statement.kind).join(',');
    console.log(JSON.stringify({ kinds, version: typescript().version, rejected }));
  `;
  const run = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { kinds: string; version: string; rejected: string };
}

describe('TypeScript through the V8 code cache', () => {
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
});
