/**
 * `aidlint --fix` on the fixture projects, judged as the bar says: the project type-checks before
 * and after; a program that makes every vendor call answers the same against the fake OpenAI server before
 * and after, each call going where it went: same host, path, API version and credential (after: with
 * AI_PROVIDER unset, and again with AI_PROVIDER naming the project's Azure connection, which then answers
 * every call); a second pass changes nothing; what is left outside the seam is exactly the refused calls,
 * each offered disabled with its reason; the seam exists once with one connection per client
 * configuration; imports stay tidy.
 *
 * The steps of one fixture run in order and share its temp copy, so a failing step names itself and the
 * later ones report what they see of its result.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigResolver } from '../../rules/config/resolve';
import { diskIndexHost } from '../../rules/engine/disk-host';
import { WorkspaceIndex } from '../../rules/engine/workspace-index';
import { fixesForFile } from '../../rules/fixes/file-fixes';
import { applyChanges } from '../../rules/fixes/text-changes';
import type { Fix } from '../../rules/fixes/types';
import { runCli } from '../cli/run-cli';
import { type RecordedRequest, useFakeOpenAI } from '../support/fake-openai-server';
import { fakeOpenAIEnv, linkDependencies, prepareFixture, removeFixture, runMain, typecheck } from '../support/run-fixture';

interface Refused {
  file: string;
  line: number;
  ruleId: string;
  reason: string;
}

interface FixtureRun {
  name: string;
  title?: string;
  /** Changes the copy before anything runs (a variant of the fixture). */
  prepare?: (dir: string) => void;
  /** The labels of main's lines whose vendor call the fix wraps. */
  wrapped: string[];
  /** Every vendor-call / hardcoded-* finding left outside the seam, with the reason its fix is disabled. */
  refused: Refused[];
  /** The seam's connections: one per client configuration the wrapped calls went through. */
  connections: string[];
  /** An Azure connection AI_PROVIDER can send every call to, and the API version it sends. */
  switchTo?: { connection: string; apiVersion: string };
  /** Whether the fix must add `openai` to package.json. */
  addsOpenAI?: boolean;
  /** `tsc --noUnusedLocals` findings the fix is known to leave in the files it changed. */
  knownUnused?: string[];
}

const ON_YOUR_DATA = 'Cannot wrap this call: Azure OpenAI-only feature (On Your Data, `azureExtensionOptions`): no neutral equivalent.';
const V3 = "the seam's adapters need openai 4.104 or later and this project depends on openai 3.3.0; upgrade it first (the fix on its `new OpenAIApi(…)` moves the whole project when every v3 use can go)";

const RUNS: FixtureRun[] = [
  {
    name: 'openai-esm',
    wrapped: ['chat.answer', 'chat.summarize', 'stream.reply', 'embeddings.one', 'embeddings.many', 'embeddings.destructured', 'assistant.reply', 'azure.translate', 'azure.embed', 'returned.raw', 'candidates.brainstorm'],
    refused: [
      { file: 'src/routes/logo.ts', line: 8, ruleId: 'vendor-call', reason: 'Cannot wrap this call: OpenAI-only feature (image generation): no neutral equivalent.' },
    ],
    connections: ['openai', 'contosoSupport'],
    switchTo: { connection: 'contosoSupport', apiVersion: '2024-10-21' },
  },
  {
    name: 'openai-cjs',
    wrapped: ['chat.triage', 'chat.stream', 'search.embed', 'reports.weekly', 'returned.rawStream'],
    refused: [],
    connections: ['contosoReports', 'openai'],
    switchTo: { connection: 'contosoReports', apiVersion: '2024-10-21' },
  },
  {
    name: 'openai-js-cjs',
    // `chat.raw` hands the whole result to its importers: converted back to the SDK's shape at the call.
    wrapped: ['chat.answer', 'chat.stream', 'chat.raw', 'embeddings.all'],
    refused: [],
    connections: ['openai'],
  },
  {
    name: 'azure-sdk',
    wrapped: ['chat.suggest', 'chat.stream', 'chat.events', 'embeddings.one', 'embeddings.many'],
    refused: [{ file: 'src/routes/chat.ts', line: 44, ruleId: 'vendor-call', reason: ON_YOUR_DATA }],
    connections: ['contosoHelpdesk'],
  },
  {
    name: 'azure-sdk',
    title: 'azure-sdk without the openai package (the fix adds it)',
    prepare: (dir) => editManifest(dir, (manifest) => delete manifest.devDependencies.openai),
    wrapped: ['chat.suggest', 'chat.stream', 'chat.events', 'embeddings.one', 'embeddings.many'],
    refused: [{ file: 'src/routes/chat.ts', line: 44, ruleId: 'vendor-call', reason: ON_YOUR_DATA }],
    connections: ['contosoHelpdesk'],
    addsOpenAI: true,
  },
  {
    name: 'openai-v3',
    // openai 3 and the seam's openai 4.104+ cannot both be `openai`: nothing is fixed until the project upgrades.
    wrapped: [],
    refused: [
      ...[8, 25, 38, 47, 57].map((line) => ({ file: 'src/faq.js', line, ruleId: 'vendor-call', reason: `Cannot wrap this call: ${V3}.` })),
      ...[9, 26, 38, 47, 58].map((line) => ({ file: 'src/faq.js', line, ruleId: 'hardcoded-model', reason: `Cannot move it to the seam's configuration: ${V3}.` })),
      { file: 'src/openai.js', line: 5, ruleId: 'hardcoded-endpoint', reason: `Cannot move it to the seam's configuration: ${V3}.` },
    ],
    connections: [],
  },
];

const SEAM_FILES = ['src/ai/config', 'src/ai/index', 'src/ai/openai-compat', 'src/ai/providers/azure-openai', 'src/ai/providers/openai-wire', 'src/ai/providers/openai', 'src/ai/providers/registry', 'src/ai/routing'];
const COVERED_RULES = /^(vendor-call|hardcoded-.*)$/;

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; message: string }>;
}

type Env = Record<string, string>;

describe('fix-all on the fixture projects (aidlint --fix)', function () {
  // The first run installs the pinned SDKs into the shared cache.
  this.timeout(300_000);
  const fake = useFakeOpenAI();

  /** main's output lines and the requests the fake server received, in call order. */
  async function runProgram(dir: string, env: Env): Promise<{ lines: string[]; requests: RecordedRequest[] }> {
    fake().requests.length = 0;
    const lines = (await runMain(dir, { ...fakeOpenAIEnv(fake().url), ...env })).trimEnd().split('\n');
    return { lines, requests: [...fake().requests] };
  }

  for (const run of RUNS) {
    describe(run.title ?? run.name, () => {
      let dir: string;
      let original: { lines: string[]; requests: RecordedRequest[] };
      let beforeReport: JsonResult[];
      let beforeFiles: Map<string, string>;
      let afterReport: JsonResult[];
      let fixSummary: string;

      const labels = () => original.lines.map((line) => line.slice(0, line.indexOf(':')));
      const isWrapped = (index: number) => run.wrapped.includes(labels()[index]);

      before(async () => {
        dir = await prepareFixture(run.name);
        if (run.prepare) {
          run.prepare(dir);
          await linkDependencies(dir);
        }
      });

      after(() => {
        removeFixture(dir);
      });

      it('type-checks before the fix', async () => {
        assert.equal(await typecheck(dir), '');
      });

      it('runs against the fake server before the fix (AI_PROVIDER unset)', async () => {
        original = await runProgram(dir, {});
        for (const label of run.wrapped) assert.ok(labels().includes(label), `main prints ${label}`);
        assert.equal(original.requests.length, original.lines.length, 'one request per call');
      });

      it('aidlint --fix applies the safe fixes and reports what is left', async () => {
        beforeReport = JSON.parse((await runCli(['--format', 'json', '.'], dir)).stdout) as JsonResult[];
        beforeFiles = sourceFiles(dir);
        const fixed = await runCli(['--fix', '--format', 'json', '.'], dir);
        fixSummary = fixed.stderr;
        afterReport = JSON.parse(fixed.stdout) as JsonResult[];
        assert.match(fixed.stderr, /^aidlint: \d+ fix(es)? in \d+ files?/);
        if (run.wrapped.length === 0) assert.match(fixed.stderr, /^aidlint: 0 fixes in 0 files/);
      });

      it(run.addsOpenAI ? 'adds openai to package.json (one line) and the project installs' : 'leaves package.json as it was', async () => {
        const manifestPath = path.join(dir, 'package.json');
        const manifest = fs.readFileSync(manifestPath, 'utf8');
        const old = beforeFiles.get('package.json')!;
        const installNotice = /^aidlint: The seam needs openai 4\.104 or later: openai \^6\.49\.0 was added in .*package\.json; run `npm install` to install it\.$/m;
        if (!run.addsOpenAI) {
          assert.equal(manifest, old);
          assert.doesNotMatch(fixSummary, installNotice);
          return;
        }
        assert.match(fixSummary, installNotice, 'the CLI says to install what it added');
        assert.deepEqual(JSON.parse(manifest).dependencies, { openai: '^6.49.0' });
        assert.deepEqual(addedLines(old, manifest).filter((line) => line.includes('openai')), ['    "openai": "^6.49.0"']);
        await linkRange(dir);
      });

      it('type-checks after the fix', async () => {
        assert.equal(await typecheck(dir), '');
      });

      it('AI_PROVIDER unset: every line of output is the same, and every call goes where it went: path, API version, credential', async () => {
        const after = await runProgram(dir, {});
        assert.deepEqual(after.lines, original.lines);
        assert.deepEqual(after.requests.map(wireOf), original.requests.map(wireOf));
      });

      it('AI_PROVIDER naming the Azure connection: the same answers; calls that went to OpenAI now go to Azure deployments named as the models were', async function () {
        const switchTo = run.switchTo;
        if (!switchTo) return this.skip();
        // The fake answers `[<model or deployment>] …`; config.ts maps each model name to the same deployment
        // name, so every line matches, the bracketed name included. What must differ is the route.
        const after = await runProgram(dir, { AI_PROVIDER: switchTo.connection });
        assert.deepEqual(after.lines, original.lines);
        after.requests.forEach((request, index) => {
          if (!isWrapped(index)) return assert.deepEqual(routeOf(request), routeOf(original.requests[index]), `${labels()[index]} is unchanged`);
          assert.equal(request.path, `/openai/deployments/${routeOf(original.requests[index]).model}/${routeOf(original.requests[index]).operation}`);
          assert.equal(request.query['api-version'], switchTo.apiVersion);
          assert.equal(request.credential, 'api-key');
        });
      });

      it('a second pass changes nothing (--fix-dry-run prints no diff)', async () => {
        const again = await runCli(['--fix-dry-run', '.'], dir);
        assert.equal(again.stdout, '');
        assert.match(again.stderr, /^aidlint: 0 fixes in 0 files/);
      });

      it('left outside the seam: only the refused calls, each offered disabled with its reason', () => {
        const left = afterReport.flatMap((result) =>
          result.messages
            .filter((message) => message.ruleId && COVERED_RULES.test(message.ruleId))
            .map((message) => ({ file: relative(dir, result.filePath), line: message.line, ruleId: message.ruleId! })),
        );
        assert.ok(left.every(({ file }) => !file.startsWith('src/ai/')), 'the seam is exempt');
        assert.deepEqual(sortRefused(left), sortRefused(run.refused.map(({ file, line, ruleId }) => ({ file, line, ruleId }))));

        const withReasons = run.refused.map(({ file, line, ruleId }) => {
          const fix = fixesAt(dir, file).find((candidate) => candidate.ruleId === ruleId && candidate.line === line);
          return { file, line, ruleId, reason: fix?.disabledReason ?? `(no disabled fix: ${fix?.title})` };
        });
        assert.deepEqual(withReasons, run.refused);
        assert.ok(run.refused.length === 0 || fixSummary.includes(`not applied`));
        // Vendor-only features are counted apart: the lock-in no fix removes.
        const vendorOnly = run.refused.filter((refused) => refused.reason.includes('-only feature')).length;
        assert.equal(/(\d+) of them vendor-only features/.exec(fixSummary)?.[1], vendorOnly ? String(vendorOnly) : undefined, fixSummary);
      });

      it('the seam exists once, with one connection per client configuration the wrapped calls went through', () => {
        const seamFiles = allFiles(dir).filter((file) => /(^|\/)ai\//.test(file));
        const extension = fs.existsSync(path.join(dir, 'src', 'main.ts')) ? '.ts' : '.js';
        if (run.wrapped.length === 0) return assert.deepEqual(seamFiles, [], 'no seam where no fix applied');
        assert.deepEqual(seamFiles, SEAM_FILES.map((file) => file + extension));
        const config = fs.readFileSync(path.join(dir, 'src', 'ai', `config${extension}`), 'utf8');
        const start = config.indexOf('const connections');
        const connections = config.slice(start, config.indexOf('\n};', start));
        assert.deepEqual([...connections.matchAll(/^ {2}(\w+): \{/gm)].map((match) => match[1]), run.connections, config);
      });

      it('imports stay tidy: none duplicated, no vendor import left where every call was wrapped, nothing unused', async () => {
        const after = sourceFiles(dir);
        const changed = [...after.keys()].filter((file) => beforeFiles.has(file) && beforeFiles.get(file) !== after.get(file));
        for (const file of changed) {
          const specifiers = importedModules(after.get(file)!);
          assert.deepEqual(specifiers, [...new Set(specifiers)], `${file} imports each module once`);
        }
        const fullyWrapped = beforeReport
          .filter((result) => result.messages.some((message) => message.ruleId === 'vendor-call'))
          .map((result) => relative(dir, result.filePath))
          .filter((file) => !run.refused.some((refused) => refused.file === file && refused.ruleId === 'vendor-call'));
        for (const file of fullyWrapped) {
          const result = afterReport.find((candidate) => relative(dir, candidate.filePath) === file);
          assert.deepEqual(result?.messages.filter((message) => message.ruleId === 'vendor-import') ?? [], [], `${file} imports no vendor module`);
        }
        // The compiler's own judgement of unused imports and variables, in the files the fix changed.
        const unused = (await unusedLocals(dir)).filter((diagnostic) => changed.some((file) => diagnostic.startsWith(file)));
        assert.deepEqual(unused, run.knownUnused ?? []);
        // No double blank lines where statements were removed.
        for (const file of changed) assert.ok(!/\n[^\S\n]*\n[^\S\n]*\n/.test(after.get(file)!), `${file} has no double blank line`);
      });
    });
  }
});

describe('single fixes applied one by one, in different files (as from the editor)', function () {
  this.timeout(300_000);
  let dir: string;
  const fake = useFakeOpenAI();

  before(async () => {
    dir = await prepareFixture('openai-esm');
  });

  after(() => {
    removeFixture(dir);
  });

  /** Applies one fix as an editor applies its WorkspaceEdit; returns the seam files it created and config.ts's new lines. */
  function apply(file: string, pick: (fix: Fix) => boolean): { created: string[]; configLines: { added: string[]; removed: string[] } } {
    const configFile = path.join(dir, 'src', 'ai', 'config.ts');
    const configBefore = fs.existsSync(configFile) ? fs.readFileSync(configFile, 'utf8') : '';
    const fix = fixesAt(dir, file).find(pick);
    assert.ok(fix, `a fix in ${file}`);
    assert.equal(fix.disabledReason, undefined);
    const created: string[] = [];
    for (const change of fix.changes) {
      if (change.create) {
        assert.ok(!fs.existsSync(change.filePath), `${change.filePath} is created once`);
        fs.mkdirSync(path.dirname(change.filePath), { recursive: true });
        fs.writeFileSync(change.filePath, change.create.content);
        created.push(relative(dir, change.filePath));
      } else {
        fs.writeFileSync(change.filePath, applyChanges(fs.readFileSync(change.filePath, 'utf8'), change.changes));
      }
    }
    const configAfter = fs.readFileSync(configFile, 'utf8');
    return { created: created.sort(), configLines: { added: addedLines(configBefore, configAfter), removed: addedLines(configAfter, configBefore) } };
  }

  const isWrap = (fix: Fix) => fix.kind === 'wrap-call';

  it('the first wrap creates the seam', () => {
    const { created } = apply('src/routes/embeddings.ts', isWrap);
    assert.deepEqual(created, SEAM_FILES.map((file) => `${file}.ts`));
  });

  it('a wrap in another file re-uses it and adds its model to config.ts by one line', () => {
    const { created, configLines } = apply('src/routes/stream.ts', isWrap);
    assert.deepEqual(created, []);
    assert.deepEqual(configLines, {
      added: ["  gpt4oMini: env('AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini'),", "  gpt4oMini: env('AI_MODEL_GPT_4O_MINI_CONNECTION', 'openai'),", "  gpt4oMini: ['chat', 'streaming'],"],
      removed: [],
    });
  });

  it('a wrap whose model is configured already changes only its own file', () => {
    const { created, configLines } = apply('src/routes/embeddings.ts', isWrap);
    assert.deepEqual([created, configLines], [[], { added: [], removed: [] }]);
  });

  it('a model moved to config first, then its call wrapped: the wrap uses the entry and says which connection serves it', () => {
    const moved = apply('src/routes/chat.ts', (fix) => fix.kind === 'config-literal' && fix.title.includes("'gpt-4o'"));
    assert.deepEqual(moved.configLines, { added: ["  gpt4o: env('AI_MODEL_GPT_4O', 'gpt-4o'),"], removed: [] });
    const wrapped = apply('src/routes/chat.ts', (fix) => isWrap(fix) && fix.span.start > fs.readFileSync(path.join(dir, 'src/routes/chat.ts'), 'utf8').indexOf('summarize'));
    assert.deepEqual(wrapped.configLines, { added: ["  gpt4o: env('AI_MODEL_GPT_4O_CONNECTION', 'openai'),", "  gpt4o: ['chat'],"], removed: [] });
    assert.match(fs.readFileSync(path.join(dir, 'src/routes/chat.ts'), 'utf8'), /chatModel\('gpt4o'\)\.complete\(/);
  });

  it('the project still type-checks and answers the same', async () => {
    assert.equal(await typecheck(dir), '');
    const lines = (await runMain(dir, fakeOpenAIEnv(fake().url))).trimEnd().split('\n');
    assert.ok(lines.includes('chat.summarize: [gpt-4o] echo: Summarize: Printer jams on page two (6 in, 8 out, 14 total)'), lines.join('\n'));
    assert.ok(lines.includes('stream.reply: [gpt-4o-mini] echo: Tell me a short story'), lines.join('\n'));
    assert.deepEqual(allFiles(dir).filter((file) => /(^|\/)ai\//.test(file)), SEAM_FILES.map((file) => `${file}.ts`));
  });
});

/** The operation (`chat/completions`, `embeddings`) and the model: the body's for OpenAI, the deployment for Azure. */
function routeOf(request: RecordedRequest): { operation: string; model: string } {
  const azure = /^\/openai\/deployments\/([^/]+)\/(.+)$/.exec(request.path);
  if (azure) return { operation: azure[2], model: decodeURIComponent(azure[1]) };
  return { operation: request.path.replace(/^\/v1\//, ''), model: String((request.body as { model?: unknown }).model) };
}

/** Where a request went and how it authenticated, and the model it asked for. */
function wireOf(request: RecordedRequest): { path: string; apiVersion: string | undefined; credential: string; model: string } {
  return { path: request.path, apiVersion: request.query['api-version'], credential: request.credential, model: routeOf(request).model };
}

function editManifest(dir: string, edit: (manifest: { devDependencies: Record<string, string> }) => void): void {
  const file = path.join(dir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(manifest);
  fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Links the dependencies of a package.json that has a `^x.y.z` range (what the fix writes): the test cache
 * installs exact versions only, so it is linked as x.y.z, the lowest version the range allows.
 */
async function linkRange(dir: string): Promise<void> {
  const file = path.join(dir, 'package.json');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace(/"\^(\d+\.\d+\.\d+)"/g, '"$1"'));
  try {
    await linkDependencies(dir);
  } finally {
    fs.writeFileSync(file, text);
  }
}

/** Source files and package.json (relative path → text), without node_modules and build output. */
function sourceFiles(dir: string): Map<string, string> {
  return new Map(allFiles(dir).filter((file) => /\.(ts|js|json)$/.test(file)).map((file) => [file, fs.readFileSync(path.join(dir, file), 'utf8')]));
}

function allFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !/^(node_modules|dist)\//.test(file))
    .sort();
}

function relative(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

function addedLines(before: string, after: string): string[] {
  const old = new Set(before.split('\n'));
  return after.split('\n').filter((line) => !old.has(line));
}

function sortRefused<T extends { file: string; line: number; ruleId: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}

/** The fixes the engine offers for a file as it is on disk now, with the 1-based line of their finding. */
function fixesAt(dir: string, file: string): Array<Fix & { line: number }> {
  const configs = new ConfigResolver({ workspaceRoot: dir });
  const host = diskIndexHost((filePath) => configs.configFor(filePath));
  const filePath = path.join(dir, file);
  const text = fs.readFileSync(filePath, 'utf8');
  const fixes = fixesForFile({ filePath, text, config: configs.configFor(filePath), index: new WorkspaceIndex(host), host, workspaceRoot: dir });
  return fixes.map((fix) => ({ ...fix, line: text.slice(0, fix.span.start).split('\n').length }));
}

/** The modules a file imports or requires, in order. */
function importedModules(text: string): string[] {
  return [...text.matchAll(/^(?:import\b[^'"]*from\s*|import\s*|(?:const|let|var)\s[^=]*=\s*require\()['"]([^'"]+)['"]/gm)].map((match) => match[1]);
}

/** `tsc --noUnusedLocals` diagnostics (TS6133 and kin) as `file(line,col): …`, relative to the project. */
async function unusedLocals(dir: string): Promise<string[]> {
  return (await typecheck(dir, ['--noUnusedLocals'])).split('\n').filter((line) => /error TS61\d\d/.test(line));
}
