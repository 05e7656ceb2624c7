import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigResolver } from '../../rules/config/resolve';
import type { FileResult, ResolvedConfig } from '../../rules/engine/types';
import { chmodBlocksReads, makeTempDir, removeTempDir } from '../files/temp';
import { brief, briefResults, scanFolder, writeFiles } from './workspace';

/**
 * A small project every robustness case is added to: a file using the SDK directly, a client module, a
 * route that calls that client without naming the vendor (found only across files), the seam and a clean file.
 */
const PROJECT = {
  'src/ai/provider.ts': "import OpenAI from 'openai';\nexport const provider = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n",
  'src/app/chat.ts':
    "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const reply = () => client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
  'src/lib/llm.ts': "import OpenAI from 'openai';\nexport const llm = new OpenAI();\n",
  'src/routes/ask.ts':
    "import { llm } from '../lib/llm';\n\nexport const ask = (question: string) =>\n  llm.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });\n",
  'src/util/math.ts': 'export const add = (a: number, b: number) => a + b;\n',
};

/** What a scan of PROJECT reports; every case below must leave these results exactly as they are. */
const EXPECTED: Record<string, string[]> = {
  'src/ai/provider.ts': [],
  'src/app/chat.ts': ['vendor-import 1:20', 'vendor-client 2:20', 'vendor-call 3:28', 'hardcoded-model 3:68'],
  'src/lib/llm.ts': ['vendor-import 1:20', 'vendor-client 2:24'],
  'src/routes/ask.ts': ['vendor-call 4:3', 'hardcoded-model 4:40'],
  'src/util/math.ts': [],
};

const NUL = Buffer.from([0]);

describe('scan', () => {
  let root: string;
  beforeEach(() => {
    root = makeTempDir();
    writeFiles(root, PROJECT);
  });
  afterEach(() => removeTempDir(root));

  const at = (relative: string): string => path.join(root, relative);

  function resultFor(results: FileResult[], relative: string): FileResult {
    const result = results.find((candidate) => candidate.filePath === at(relative));
    assert.ok(result, `no result for ${relative}`);
    return result;
  }

  it('reports the project as expected (the baseline every other case compares with)', async () => {
    assert.deepEqual(briefResults(root, await scanFolder(root)), EXPECTED);
  });

  it('paused (the language server), it decides imported modules deepest first and reports what an unpaused scan does', async () => {
    writeFiles(root, {
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["./src/*"] } } }',
      // A chain of modules handing the client on, used at its far end.
      'src/chain/one.ts': "export { llm as model } from '../lib/llm';\n",
      'src/chain/two.ts': "import { model } from './one';\nexport const client = model;\n",
      'src/chain/three.ts': "export * from './two';\n",
      'src/chain/use.ts': "import { client } from './three';\nexport const go = () => client.chat.completions.create({ model: 'gpt-4.1', messages: [] });\n",
      // An import cycle through a barrel.
      'src/api/index.ts': "export { verifyKey } from './verify';\nexport { createClient } from './client';\nexport const label = 'api';\n",
      'src/api/client.ts': "import OpenAI from 'openai';\nimport { label } from '@app/api';\nexport async function createClient(): Promise<OpenAI> { return new OpenAI({ defaultHeaders: { 'x-app': label } }); }\n",
      'src/api/verify.ts': "import { createClient } from '@app/api';\nexport async function verifyKey() { const openai = await createClient(); return openai.models.list(); }\n",
    });
    const unpaused = briefResults(root, await scanFolder(root));
    assert.deepEqual(unpaused['src/chain/use.ts'], ['vendor-call 2:25', 'hardcoded-model 2:65']);
    assert.deepEqual(unpaused['src/api/verify.ts'], ['vendor-call 2:81']);
    let pauses = 0;
    const paused = await scanFolder(root, { pause: () => (++pauses % 3 === 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined) });
    assert.deepEqual(briefResults(root, paused), unpaused);
    const files = paused.results.length;
    assert.ok(pauses > 3 * files, `${pauses} pauses for ${files} files: the imported modules were decided in steps of their own`);
  });

  describe('bad files get one clear notice and leave the other files alone', () => {
    it('skips a binary file with a source extension', async () => {
      writeFiles(root, { 'src/app/logo.ts': Buffer.concat([Buffer.from("import OpenAI from 'openai';\n"), NUL, Buffer.from('\x89PNG')]) });
      const scanned = await scanFolder(root);
      assert.deepEqual(briefResults(root, scanned), { ...EXPECTED, 'src/app/logo.ts': ['skipped-binary'] });
      assert.equal(resultFor(scanned.results, 'src/app/logo.ts').messages[0].severity, 'info');
    });

    it('flags invalid UTF-8 and still reports the findings, at positions in the decoded text', async () => {
      const bytes = Buffer.concat([
        Buffer.from('/* caf'),
        // Latin-1 'é', then a byte never valid in UTF-8: one U+FFFD each, as editors decode them too.
        Buffer.from([0xe9, 0xff]),
        Buffer.from(" */ import OpenAI from 'openai';\nexport const client = new OpenAI();\n"),
      ]);
      writeFiles(root, { 'src/app/legacy.ts': bytes });
      assert.deepEqual(briefResults(root, await scanFolder(root)), {
        ...EXPECTED,
        'src/app/legacy.ts': ['invalid-utf8', 'vendor-import 1:32', 'vendor-client 2:27'],
      });
    });

    it('reports a broken symbolic link named like a source file as unreadable', async () => {
      fs.symlinkSync('nowhere.ts', at('src/app/broken.ts'));
      const scanned = await scanFolder(root);
      assert.deepEqual(briefResults(root, scanned), { ...EXPECTED, 'src/app/broken.ts': ['unreadable'] });
      assert.match(resultFor(scanned.results, 'src/app/broken.ts').messages[0].message, /does not exist/);
    });

    it('reports a FIFO named on the command line as unreadable instead of waiting on it', async function () {
      if (process.platform === 'win32') this.skip();
      execFileSync('mkfifo', [at('src/app/pipe.ts')]);
      const scanned = await scanFolder(root, { paths: ['.', 'src/app/pipe.ts'] });
      assert.deepEqual(briefResults(root, scanned), { ...EXPECTED, 'src/app/pipe.ts': ['unreadable'] });
    });

    // As root (this project's CI container) chmod 000 does not stop reads, so this test skips itself there;
    // the broken link and FIFO cases above take the same unreadable path.
    it('reports a file without read permission as unreadable', async function () {
      if (!chmodBlocksReads(root)) this.skip();
      writeFiles(root, { 'src/app/secret.ts': "import OpenAI from 'openai';\n" });
      fs.chmodSync(at('src/app/secret.ts'), 0o000);
      const scanned = await scanFolder(root);
      assert.deepEqual(briefResults(root, scanned), { ...EXPECTED, 'src/app/secret.ts': ['unreadable'] });
      assert.equal(resultFor(scanned.results, 'src/app/secret.ts').messages[0].message, 'permission denied');
    });

    it('ends a symbolic link loop with one notice per link and completes the scan', async () => {
      fs.symlinkSync('..', at('src/app/up')); // a folder link back to src/
      fs.symlinkSync('self.ts', at('src/util/self.ts')); // a link that resolves to itself
      const scanned = await scanFolder(root);
      assert.deepEqual(briefResults(root, scanned), { ...EXPECTED, 'src/app/up': ['symlink-loop'], 'src/util/self.ts': ['symlink-loop'] });
    });

    it('reports a file deleted after the walk listed it and before it was read', async () => {
      const victim = at('src/app/chat.ts');
      const scanned = await scanFolder(root, { configs: new DeletingResolver(root, victim) });
      assert.ok(!fs.existsSync(victim), 'the file must have been deleted during the scan');
      assert.deepEqual(briefResults(root, scanned), { ...EXPECTED, 'src/app/chat.ts': ['vanished'] });
    });

    it('reports a file deleted between reading and linting (a route read again for its cross-file finding)', async () => {
      // Files that do not name a vendor are not kept in memory after the first read; the route is read again
      // to be linted. Progress counts reads, so its last report comes after every file was read once.
      const removeRoute = (done: number, total: number) => done === total && fs.rmSync(at('src/routes/ask.ts'));
      const scanned = await scanFolder(root, { onProgress: removeRoute });
      const { 'src/routes/ask.ts': reported, ...others } = briefResults(root, scanned);
      const { 'src/routes/ask.ts': _, ...expectedOthers } = EXPECTED;
      assert.deepEqual(others, expectedOthers);
      assert.equal(reported.length, 1, `one notice expected, got ${JSON.stringify(reported)}`);
      assert.ok(['vanished', 'unreadable'].includes(reported[0]), `a vanished or unreadable notice expected, got ${reported[0]}`);
    });

    it('reports a path named on the command line that does not exist', async () => {
      const scanned = await scanFolder(root, { paths: ['.', 'src/app/missing.ts'] });
      assert.deepEqual(briefResults(root, scanned), { ...EXPECTED, 'src/app/missing.ts': ['unreadable'] });
      assert.equal(resultFor(scanned.results, 'src/app/missing.ts').messages[0].message, 'no such file or folder');
    });

    it('scans a file importing a stylesheet or JSON file (the resolver looks for index files below them)', async () => {
      writeFiles(root, {
        'src/app/App.ts': "import './App.css';\nimport data from './data.json';\nexport const size = data.length;\n",
        'src/app/App.css': 'body { margin: 0; }\n',
        'src/app/data.json': '[]\n',
      });
      assert.deepEqual(briefResults(root, await scanFolder(root)), { ...EXPECTED, 'src/app/App.ts': [] });
    });
  });

  describe('which files', () => {
    it('respects include and exclude from aidlint.json, without walking excluded folders', async () => {
      const vendorFile = "import OpenAI from 'openai';\n";
      writeFiles(root, {
        'aidlint.json': JSON.stringify({ include: ['src/**/*.ts'], exclude: ['src/legacy/**', '**/*.gen.ts'] }),
        'src/legacy/old.ts': vendorFile,
        'src/app/client.gen.ts': vendorFile,
        'src/app/widget.js': vendorFile,
        'scripts/seed.ts': vendorFile,
      });
      // Walking the excluded folder would meet this loop and report it.
      fs.symlinkSync('..', at('src/legacy/up'));
      assert.deepEqual(briefResults(root, await scanFolder(root)), EXPECTED);
    });

    it('applies a nested aidlint.json to its own folder only, relative to that folder', async () => {
      const vendorFile = "import OpenAI from 'openai';\n";
      writeFiles(root, {
        'packages/a/aidlint.json': JSON.stringify({ exclude: ['fixtures/**'] }),
        'packages/a/fixtures/sample.ts': vendorFile,
        'packages/a/src/index.ts': vendorFile,
        'packages/b/fixtures/sample.ts': vendorFile,
      });
      assert.deepEqual(briefResults(root, await scanFolder(root)), {
        ...EXPECTED,
        'packages/a/src/index.ts': ['vendor-import 1:20'],
        'packages/b/fixtures/sample.ts': ['vendor-import 1:20'],
      });
    });
  });

  describe('results', () => {
    it('are sorted by path, notices and linted files interleaved, and the same on every run', async () => {
      writeFiles(root, { 'src/app/binary.ts': NUL, 'src/Upper.ts': 'export {};\n', 'src/app-config.ts': 'export {};\n' });
      const options = { paths: ['src/util', '.', 'src/routes/missing.ts'] };
      const first = await scanFolder(root, options);
      assert.deepEqual(
        first.results.map((result) => path.relative(root, result.filePath)),
        [
          'src/Upper.ts',
          'src/ai/provider.ts',
          'src/app-config.ts',
          'src/app/binary.ts',
          'src/app/chat.ts',
          'src/lib/llm.ts',
          'src/routes/ask.ts',
          'src/routes/missing.ts',
          'src/util/math.ts',
        ].map((relative) => relative.split('/').join(path.sep)),
      );
      assert.deepEqual((await scanFolder(root, options)).results, first.results);
    });

    it('are split disjointly by shard, and the shards together equal the full scan', async () => {
      writeFiles(root, { 'src/app/binary.ts': NUL });
      for (let i = 0; i < 7; i++) writeFiles(root, { [`src/extra/file${i}.ts`]: i % 2 ? "import 'openai';\n" : 'export {};\n' });
      const full = await scanFolder(root);
      const count = 3;
      const shards = [];
      for (let index = 1; index <= count; index++) shards.push((await scanFolder(root, { shard: { index, count } })).results);
      const shardPaths = shards.map((results) => results.map((result) => result.filePath));
      for (const paths of shardPaths) assert.ok(paths.length >= Math.floor(full.results.length / count), 'each shard gets its share');
      const union = shards.flat().sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
      assert.equal(new Set(union.map((result) => result.filePath)).size, union.length, 'no file in two shards');
      assert.deepEqual(union, full.results);
    });

    it('report a walk notice (broken link) in one shard only', async () => {
      fs.symlinkSync('nowhere.ts', at('src/app/broken.ts'));
      const count = 2;
      const reportedIn: number[] = [];
      for (let index = 1; index <= count; index++) {
        const { results } = await scanFolder(root, { shard: { index, count } });
        if (results.some((result) => result.filePath === at('src/app/broken.ts'))) reportedIn.push(index);
      }
      assert.equal(reportedIn.length, 1, `reported in shards ${JSON.stringify(reportedIn)}`);
    });
  });

  describe('cross-file', () => {
    it('finds calls on a client imported from another module by a route that never names the vendor', async () => {
      const route = fs.readFileSync(at('src/routes/ask.ts'), 'utf8');
      assert.doesNotMatch(route, /openai/i, 'the route must not name the vendor, or the pre-filter alone would pick it up');
      const scanned = await scanFolder(root);
      const messages = resultFor(scanned.results, 'src/routes/ask.ts').messages;
      assert.deepEqual(
        messages.map((message) => [message.ruleId, route.slice(message.offset.start, message.offset.end)]),
        [
          ['vendor-call', 'llm.chat.completions.create'],
          ['hardcoded-model', "'gpt-4o-mini'"],
        ],
      );
      assert.match(messages[0].message, /'\.\.\/lib\/llm'/);
    });

    it('follows a tsconfig paths alias on disk', async () => {
      writeFiles(root, {
        'tsconfig.json': '{\n  // aliases as Next.js sets them up\n  "compilerOptions": { "paths": { "@/*": ["./src/*"] } }\n}\n',
        'src/routes/alias.ts': "import { llm } from '@/lib/llm';\nexport const embed = () => llm.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });\n",
      });
      assert.deepEqual(briefResults(root, await scanFolder(root)), {
        ...EXPECTED,
        'src/routes/alias.ts': ['vendor-call 2:28', 'hardcoded-model 2:59'],
      });
    });

    it('finds the cross-file call when the route and its client module fall in different shards', async () => {
      const shards = await Promise.all([1, 2].map((index) => scanFolder(root, { shard: { index, count: 2 } })));
      const shardOf = (relative: string) => shards.findIndex(({ results }) => results.some((result) => result.filePath === at(relative)));
      assert.notEqual(shardOf('src/routes/ask.ts'), shardOf('src/lib/llm.ts'), 'the fixture must put route and client in different shards');
      const route = resultFor(shards[shardOf('src/routes/ask.ts')].results, 'src/routes/ask.ts');
      assert.deepEqual(route.messages.map(brief), EXPECTED['src/routes/ask.ts']);
    });
  });
});

/**
 * Deletes one file the second time its configuration is asked for: the walk asks once when it lists the
 * file, the read phase once more just before opening it. A change to that order shows up as a failed
 * assertion (the file missing from the results, or its findings reported), never as a silent pass.
 */
class DeletingResolver extends ConfigResolver {
  private asked = 0;

  constructor(
    root: string,
    private readonly victim: string,
  ) {
    super({ workspaceRoot: root });
  }

  override configFor(filePath: string): ResolvedConfig {
    if (filePath === this.victim && ++this.asked === 2) fs.rmSync(filePath);
    return super.configFor(filePath);
  }
}
