/**
 * `--cache`: after each edit of a small project, a scan with the cache reports exactly what a scan
 * without it reports, and redoes only what the edit can change (the files it read, and what they used).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
// The module object itself (`import * as` gives a copy with getters): what the scan's calls go through.
import nodeFs = require('node:fs');
import * as path from 'node:path';
import type { CacheStrategy } from '../../rules/scan/cache';
import type { ScanResult } from '../../rules/scan/scan';
import { makeTempDir, removeTempDir } from '../files/temp';
import { runCli } from '../cli/run-cli';
import { briefResults, scanFolder, writeFiles } from './workspace';

const CLIENT_MODULE = "import OpenAI from 'openai';\nexport const client = new OpenAI();\n";
const PROJECT = {
  'src/lib/openai.ts': CLIENT_MODULE,
  // Mentions no vendor: analysed because it imports a module that exports a client.
  'src/routes/chat.ts':
    "import { client } from '../lib/openai';\nimport { MODEL } from '../config/models';\nexport const chat = () => client.chat.completions.create({ model: MODEL, messages: [] });\n",
  'src/config/models.ts': "export const MODEL = 'gpt-4o-mini';\n",
  'src/util/plain.ts': 'export const answer = 42;\n',
};

/** Plain data, as a formatter sees the results: what a cached scan must reproduce exactly. */
const asData = ({ results }: ScanResult) => JSON.parse(JSON.stringify(results)) as unknown;

describe('scan: --cache', () => {
  let root: string;
  let cacheDir: string;
  let clock: number;
  beforeEach(() => {
    root = makeTempDir();
    cacheDir = makeTempDir();
    clock = Date.now() / 1000 - 1000;
  });
  afterEach(() => {
    removeTempDir(root);
    removeTempDir(cacheDir);
  });

  /** Writes files with a modification time later than any before (an edit within the same tick still shows). */
  const edit = (files: Record<string, string>) => {
    writeFiles(root, files);
    clock += 10;
    for (const name of Object.keys(files)) fs.utimesSync(path.join(root, name), clock, clock);
  };
  const cached = (strategy: CacheStrategy = 'metadata') => scanFolder(root, { cache: { location: cacheDir + path.sep, strategy } });

  /** The cached scan, checked against a scan without the cache. */
  async function scanBoth(strategy?: CacheStrategy): Promise<{ warm: ScanResult; brief: Record<string, string[]> }> {
    const warm = await cached(strategy);
    const cold = await scanFolder(root);
    assert.deepEqual(asData(warm), asData(cold), 'the cached scan differs from a full scan');
    return { warm, brief: briefResults(root, cold) };
  }

  it('reuses every result when nothing changed, and the first run lints everything', async () => {
    edit(PROJECT);
    const first = await scanBoth();
    assert.deepEqual(first.warm.cache, { reused: 0, linted: 4, warning: undefined });
    const second = await scanBoth();
    assert.deepEqual(second.warm.cache, { reused: 4, linted: 0 });
  });

  // Most paths a scan checks do not exist (each folder's tsconfig.json and aidlint.json, resolution
  // candidates such as `openai.tsx`): the walk listed those folders, so no system call asks again.
  it('asks the disk about no path the walk saw missing, cold or warm', async () => {
    edit({ ...PROJECT, 'src/ui/Panel.tsx': "import { chat } from '../routes/chat';\nexport const Panel = () => chat();\n" });
    const missingAsked = await checkedPaths(() => scanBoth());
    assert.deepEqual(missingAsked, []);
    assert.deepEqual(await checkedPaths(() => cached()), []);
  });

  /** Paths inside the project that `statSync` or `existsSync` were asked about while `work` ran and that do not exist. */
  async function checkedPaths(work: () => Promise<unknown>): Promise<string[]> {
    const asked = new Set<string>();
    const { statSync, existsSync } = nodeFs;
    const spy = <F extends (file: fs.PathLike, ...rest: never[]) => unknown>(original: F) =>
      ((file: fs.PathLike, ...rest: never[]) => {
        asked.add(String(file));
        return original(file, ...rest);
      }) as F;
    Object.assign(nodeFs, { statSync: spy(statSync), existsSync: spy(existsSync) });
    try {
      await work();
    } finally {
      Object.assign(nodeFs, { statSync, existsSync });
    }
    return [...asked].filter((file) => file.startsWith(root + path.sep) && !existsSync(file)).map((file) => path.relative(root, file));
  }

  it('lints the importers again when the module that exports the client changes', async () => {
    edit(PROJECT);
    const before = await scanBoth();
    assert.deepEqual(before.brief['src/routes/chat.ts'], ['vendor-call 3:27']);
    assert.deepEqual(before.brief['src/config/models.ts'], ['hardcoded-model 1:22']);

    edit({ 'src/lib/openai.ts': 'export const client = { chat: { completions: { create: async (request: unknown) => request } } };\n' });
    const after = await scanBoth();
    assert.deepEqual(after.brief['src/routes/chat.ts'], [], 'the importer no longer calls a vendor client');
    assert.deepEqual(after.brief['src/config/models.ts'], [], 'the constant no longer reaches a vendor slot');
    assert.deepEqual(after.warm.cache, { reused: 1, linted: 3, warning: undefined }, 'only src/util/plain.ts is unaffected');

    edit({ 'src/lib/openai.ts': "import { AzureOpenAI } from 'openai';\nexport const client = new AzureOpenAI({ apiVersion: '2024-10-21' });\n" });
    const again = await scanBoth();
    assert.deepEqual(again.brief['src/routes/chat.ts'], ['vendor-call 3:27']);
  });

  it('reports a constant again in its own file when a new file uses it, and no longer when that file goes', async () => {
    edit({ ...PROJECT, 'src/routes/chat.ts': 'export const chat = () => 1;\n' });
    assert.deepEqual((await scanBoth()).brief['src/config/models.ts'], []);
    edit({ 'src/routes/embed.ts': "import { client } from '../lib/openai';\nimport { MODEL } from '../config/models';\nexport const embed = () => client.embeddings.create({ model: MODEL, input: 'x' });\n" });
    assert.deepEqual((await scanBoth()).brief['src/config/models.ts'], ['hardcoded-model 1:22']);
    fs.rmSync(path.join(root, 'src/routes/embed.ts'));
    assert.deepEqual((await scanBoth()).brief['src/config/models.ts'], []);
  });

  it('follows changes to how imports resolve: a module moved to a folder index, tsconfig paths', async () => {
    edit({ ...PROJECT, 'src/routes/chat.ts': PROJECT['src/routes/chat.ts'].replace("'../lib/openai'", "'@/lib/openai'") });
    assert.deepEqual((await scanBoth()).brief['src/routes/chat.ts'], []);
    edit({ 'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }' });
    assert.deepEqual((await scanBoth()).brief['src/routes/chat.ts'], ['vendor-call 3:27']);
    fs.rmSync(path.join(root, 'src/lib/openai.ts'));
    assert.deepEqual((await scanBoth()).brief['src/routes/chat.ts'], []);
    edit({ 'src/lib/openai/index.ts': CLIENT_MODULE });
    assert.deepEqual((await scanBoth()).brief['src/routes/chat.ts'], ['vendor-call 3:27']);
  });

  it('lints again when the config that applies changes', async () => {
    edit(PROJECT);
    await scanBoth();
    edit({ 'aidlint.json': '{ "rules": { "hardcoded-model": "off" } }' });
    const { warm, brief } = await scanBoth();
    assert.deepEqual(brief['src/config/models.ts'], []);
    assert.equal(warm.cache?.reused, 0);
  });

  it('tells an edit that keeps size and time only with the content strategy', async () => {
    edit(PROJECT);
    await scanBoth('content');
    const file = path.join(root, 'src/config/models.ts');
    const { mtime } = fs.statSync(file);
    fs.writeFileSync(file, "export const MODEL = 'gpt-4o-mono';\n");
    fs.utimesSync(file, mtime, mtime);
    const { warm } = await scanBoth('content');
    assert.equal(warm.cache?.linted, 2, 'the constant and the file that uses it');
    // With the metadata strategy the same kind of edit goes unseen (as with ESLint's default).
    await cached('metadata');
    fs.writeFileSync(file, "export const MODEL = 'gpt-4o-mini';\n");
    fs.utimesSync(file, mtime, mtime);
    assert.equal((await cached('metadata')).cache?.linted, 0);
  });

  it('scans in full when the cache file is damaged, and says why it cannot write one', async () => {
    edit(PROJECT);
    await scanBoth();
    for (const name of fs.readdirSync(cacheDir)) fs.writeFileSync(path.join(cacheDir, name), '{ not json');
    assert.deepEqual((await scanBoth()).warm.cache, { reused: 0, linted: 4, warning: undefined });
    const blocked = path.join(cacheDir, 'blocked');
    fs.writeFileSync(blocked, '');
    const result = await scanFolder(root, { cache: { location: path.join(blocked, 'cache.json'), strategy: 'metadata' } });
    assert.match(result.cache?.warning ?? '', /cannot write the cache .*blocked/);
    assert.deepEqual(asData(result), asData(await scanFolder(root)));
  });

  it('reads the dependency graph only when something changed; without its own graph it scans in full', async () => {
    edit(PROJECT);
    await scanBoth();
    const graph = fs.readdirSync(cacheDir).find((name) => name.endsWith('.graph'))!;
    const older = fs.readFileSync(path.join(cacheDir, graph));
    fs.rmSync(path.join(cacheDir, graph));
    assert.deepEqual((await scanBoth()).warm.cache, { reused: 4, linted: 0 }, 'nothing changed: the graph is not needed');
    edit({ 'src/util/plain.ts': 'export const two = 2;\n' });
    assert.deepEqual((await scanBoth()).warm.cache, { reused: 0, linted: 4, warning: undefined }, 'no graph: a full scan');
    // A graph written with another cache file (an interrupted write) is not trusted either.
    fs.writeFileSync(path.join(cacheDir, graph), older);
    edit({ 'src/util/plain.ts': 'export const three = 3;\n' });
    assert.deepEqual((await scanBoth()).warm.cache, { reused: 0, linted: 4, warning: undefined }, 'another generation: a full scan');
    edit({ 'src/util/plain.ts': 'export const four = 4;\n' });
    assert.deepEqual((await scanBoth()).warm.cache, { reused: 3, linted: 1, warning: undefined }, 'its own graph: only the changed file');
  });

  it('CLI: --cache writes under node_modules/.cache/aidlint by default, --cache-location and --cache-strategy', async () => {
    edit(PROJECT);
    const first = await runCli(['.', '--cache', '-f', 'json'], root);
    assert.ok(fs.readdirSync(path.join(root, 'node_modules/.cache/aidlint')).some((name) => name.endsWith('.json')));
    const second = await runCli(['.', '--cache', '-f', 'json'], root);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.exitCode, first.exitCode);
    await runCli(['.', '--cache', '--cache-location', 'here.json', '--cache-strategy', 'content'], root);
    assert.ok(fs.existsSync(path.join(root, 'here.json')));
    const wrong = await runCli(['.', '--cache', '--cache-strategy', 'mtime'], root);
    assert.equal(wrong.exitCode, 2);
    assert.match(wrong.stderr, /--cache-strategy needs metadata or content, not 'mtime'/);
  });
});
