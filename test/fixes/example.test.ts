/**
 * Fix-all on the bundled example (examples/chat-app), through the CLI (`aidlint --fix`) and through the
 * language server (`source.fixAll.aidlint` file by file, edits applied as an editor does). Either way the
 * project builds (type-checks, also with `--noUnusedLocals` on what the fix changed), its own unit tests
 * pass, it runs identically against the fake OpenAI server, and what stays outside the seam is exactly the
 * list below — the calls the fix refuses, each with its reason, and the client modules they still use.
 *
 * "Runs identically": test/fixtures/example-driver/drive.ts starts the app and calls every route in a fixed
 * order, with the vendor hosts rerouted to the fake server; its output after the fix must equal its output
 * before, and the vendor must get the same requests (route, model, body). The example's dependencies are
 * pinned here (its package.json has ranges, as real projects do) and linked from the shared SDK cache.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { runCli } from '../cli/run-cli';
import { type RecordedRequest, useFakeOpenAI } from '../support/fake-openai-server';
import { Editor, FIX_ALL } from '../support/lsp-editor';
import { installPackages } from '../support/sdk-install';
import { runProgram, runProgramResult, typecheck } from '../support/run-fixture';
import { VENDOR_SDKS } from '../support/vendor-sdks';
import { bodyDifferences, wire } from '../support/wire';

const EXAMPLE = path.resolve(__dirname, '..', '..', '..', 'examples', 'chat-app');
const DRIVER = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'example-driver', 'drive.ts');
const REROUTE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'reroute-vendors.cjs');
/** Preloaded after REROUTE when OUTAGE is set: takes a vendor host down mid-run. */
const OUTAGE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'outage.cjs');
/** Exact versions within the example's ranges. */
const EXAMPLE_PACKAGES = [
  '@azure/openai@1.0.0-beta.12',
  'express@5.1.0',
  'openai@6.49.0',
  '@types/express@5.0.3',
  '@types/node@20.19.43',
  'tsx@4.23.15',
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
  // Client modules nothing imports any more: left for the developer to delete (aidlint never deletes files).
  'src/lib/azure.ts:1 vendor-import',
  'src/lib/azure.ts:6 vendor-client',
  'src/lib/openai.ts:1 vendor-import',
  'src/lib/openai.ts:4 vendor-client',
];

/** What the driver calls, in order (`METHOD route status` of each line after the re-index and the app's log). */
const CALLS = [
  'POST /tickets 201',
  'POST /tickets/<ticket-1>/summary 200',
  'POST /tickets/<ticket-1>/triage 200',
  'POST /tickets/<ticket-1>/replies 200',
  'POST /tickets/<ticket-1>/replies/stream 200',
  'POST /tickets 201',
  'POST /tickets/<ticket-2>/summary 200',
  'POST /tickets/<ticket-2>/triage 200',
  'POST /tickets/<ticket-2>/replies 200',
  'POST /tickets/<ticket-2>/replies/stream 200',
  'POST /tickets/no-such-ticket/summary 404',
  'GET /articles/search?q=printer%20offline 200',
  'POST /answers 200',
  'POST /moderation/check 200',
  'POST /moderation/check 200',
  'GET /openapi.json 200',
];

/**
 * AI_PROVIDER runs after `seam add-provider`: the model ids each provider gets (by environment; the fakes
 * answer with the model's name, so the output is compared with these names written as OpenAI's), and
 * routes that must have been called. Models a provider cannot serve stay where they are: Anthropic and the
 * OpenAI-compatible server take no `n` and no JSON mode (gpt4oMini), nobody but OpenAI moderates, and
 * embeddings never move to another embedding model unless crossSpaceEmbeddings says so.
 */
const VENDOR_RUNS: Record<string, { env: (fakeUrl: string) => Record<string, string>; ids: Record<string, string>; routes: string[] }> = {
  openai: { env: () => ({}), ids: {}, routes: ['/v1/chat/completions gpt-4o-support', '/v1/embeddings text-embedding-3-small'] },
  contosoSupport: { env: () => ({}), ids: {}, routes: ['/openai/deployments/gpt-4o-mini/chat/completions gpt-4o-mini'] },
  anthropic: {
    env: () => ({ ANTHROPIC_API_KEY: 'test-anthropic-key', AI_MODEL_GPT_4O_SUPPORT_ANTHROPIC: 'claude-sonnet-4-5', AI_MODEL_GPT_4O_SUPPORT_AZURE_OPENAI_ANTHROPIC: 'claude-sonnet-4-5' }),
    ids: { 'claude-sonnet-4-5': 'gpt-4o-support' },
    routes: ['/v1/messages claude-sonnet-4-5'],
  },
  google: {
    env: () => ({
      GEMINI_API_KEY: 'test-gemini-key',
      AI_MODEL_GPT_4O_SUPPORT_GOOGLE: 'gemini-2.5-pro',
      AI_MODEL_GPT_4O_SUPPORT_AZURE_OPENAI_GOOGLE: 'gemini-2.5-pro',
      AI_MODEL_GPT_4O_MINI_GOOGLE: 'gemini-2.5-flash',
    }),
    ids: { 'gemini-2.5-pro': 'gpt-4o-support', 'gemini-2.5-flash': 'gpt-4o-mini' },
    routes: ['/v1beta/models/gemini-2.5-pro:generateContent gemini-2.5-pro', '/v1beta/models/gemini-2.5-flash:generateContent gemini-2.5-flash', '/v1beta/models/gemini-2.5-flash:streamGenerateContent gemini-2.5-flash'],
  },
  'openai-compatible': {
    env: (fakeUrl) => ({
      OPENAI_COMPATIBLE_BASE_URL: `${fakeUrl}/v1`,
      AI_MODEL_GPT_4O_SUPPORT_OPENAI_COMPATIBLE: 'llama3.1',
      AI_MODEL_GPT_4O_SUPPORT_AZURE_OPENAI_OPENAI_COMPATIBLE: 'llama3.1',
    }),
    ids: { 'llama3.1': 'gpt-4o-support' },
    routes: ['/v1/chat/completions llama3.1'],
  },
};

const OUTAGE_WORDS = { refuse: 'refuses connections', '503': 'answers 503', hang: 'hangs past the attempt timeout' } as const;
/** The cause each outage shows in the failover log and the error. */
const OUTAGE_CAUSES = { refuse: 'connection error ECONNREFUSED', '503': 'HTTP 503', hang: 'no answer within 1500 ms' } as const;

/** A run of the driver: its output, and the requests the fake server got meanwhile. */
interface DriverRun {
  output: string;
  requests: RecordedRequest[];
}

describe('fix-all on the bundled example', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;
  let changed: string[];
  /** The driver's run before the fix, and after `aidlint --fix`. */
  let original: DriverRun | undefined;
  let fixed: DriverRun | undefined;

  before(async () => {
    dir = await exampleCopy();
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the driver in `root` against the fake server (with `env` on top of the driver's environment). */
  async function drive(root: string, env: Record<string, string> = {}): Promise<DriverRun> {
    const first = fake().requests.length;
    const run = await driveResult(root, env);
    if (run.code !== 0) throw new Error(`the driver exited with ${run.code}:\n${run.stdout}${run.stderr}`);
    return { output: run.stdout, requests: fake().requests.slice(first) };
  }

  /** Runs the driver, whatever its exit code. */
  async function driveResult(root: string, env: Record<string, string>) {
    const script = path.join(root, path.basename(DRIVER));
    fs.copyFileSync(DRIVER, script);
    try {
      return await runProgramResult(root, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script], {
        ...driverEnv(fake().url),
        // tsx runs the script in a child process, which inherits this.
        NODE_OPTIONS: `--require ${REROUTE}${env.OUTAGE ? ` --require ${OUTAGE}` : ''}`,
        PORT: String(await freePort()),
        ...env,
      });
    } finally {
      fs.rmSync(script, { force: true });
    }
  }

  it('type-checks before the fix', async () => {
    assert.equal(await typecheck(dir), '');
  });

  it('passes its own unit tests (vitest) before the fix', async () => {
    assert.match(await vitest(dir), /Tests\s+1 passed/);
  });

  it('serves every route before the fix, with the vendor calls answered by the fake OpenAI and Azure OpenAI routes', async () => {
    original = await drive(dir);
    const lines = original.output.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 2), ['reindexArticles() 3', 'app: support-desk API listening on http://localhost:<port>']);
    assert.deepEqual(lines.slice(2).map((line) => line.split(' ', 3).join(' ')), CALLS);
    // Every ticket's detected locale is the fake's echo (never 'en'), so the replies are translated on Azure.
    assert.match(original.output, /"drafts":\["\[gpt-4o-support\] echo: \[gpt-4o-mini\] echo: Subject: Printer offline/);
    // `n: count` (3) asks for three drafts; the fake numbers the second and third.
    assert.match(original.output, / \(2\)","[^"]* \(3\)"\],"disclosure"/);
    const routes = new Set(original.requests.map(routeOf));
    // @azure/openai at its built-in API version, `openai`'s AzureOpenAI at the one the code gives.
    assert.ok(routes.has('/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-03-01-preview text-embedding-3-small'), [...routes].join('\n'));
    assert.ok(routes.has('/openai/deployments/gpt-4o-support/chat/completions?api-version=2024-10-21 gpt-4o-support'), [...routes].join('\n'));
    assert.ok(routes.has('/v1/chat/completions gpt-4o-mini'), [...routes].join('\n'));
  });

  describe('through the CLI (aidlint --fix)', () => {
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
      assert.deepEqual((await findings(dir)).sort(), [...LEFT].sort());
    });

    it('a second pass changes nothing', async () => {
      const run = await runCli(['--fix-dry-run'], dir);
      assert.equal(run.stdout, '');
    });

    it('passes its own unit tests (vitest) after the fix', async () => {
      assert.match(await vitest(dir), /Tests\s+1 passed/);
    });

    it('answers every route as before the fix', async () => {
      assert.ok(original, 'the run before the fix');
      fixed = await drive(dir);
      assert.equal(fixed.output, original.output);
    });

    it('sends every vendor request where it went before the fix: host, route, API version, model and credential', () => {
      assert.ok(original && fixed, 'the runs before and after the fix');
      const wireAndModel = (request: RecordedRequest) => `${wire(request)} ${modelOf(request)}`;
      assert.deepEqual(fixed.requests.map(wireAndModel), original.requests.map(wireAndModel));
      assert.ok(original.requests.some((request) => request.host === 'contoso-support.openai.azure.com') && original.requests.some((request) => request.host === 'api.openai.com'));
    });

    it('sends the vendor the same request bodies as before the fix (wire representation aside)', () => {
      assert.ok(original && fixed, 'the runs before and after the fix');
      assert.deepEqual(bodyDifferences(original.requests, fixed.requests), []);
    });

    it("with AI_PROVIDER naming the EU Azure connection, answers every route as before, every seam call sent to that resource's deployments", async () => {
      assert.ok(original && fixed, 'the runs before and after the fix');
      const azure = await drive(dir, { AI_PROVIDER: 'contosoSupport' });
      assert.equal(azure.output, original.output);
      // Every call now in the seam goes to a contoso-support deployment named as its model, at that resource's
      // API version; the moderation stays on OpenAI (Azure OpenAI has none).
      assert.equal(azure.requests.length, fixed.requests.length);
      // Left where they went: the moderation, and the raw fetch of the language detection (no seam call).
      const stays = (request: RecordedRequest) => request.path === '/v1/moderations' || (request.body as { messages?: Array<{ content?: string }> }).messages?.[0]?.content?.startsWith('Reply with the BCP 47');
      assert.ok(fixed.requests.some(stays) && fixed.requests.some((request) => !stays(request)));
      azure.requests.forEach((request, index) => {
        const was = fixed!.requests[index];
        if (stays(was)) return assert.equal(routeOf(request), routeOf(was));
        const model = modelOf(was);
        const operation = /^(?:\/v1|\/openai\/deployments\/[^/]+)\/(.+)$/.exec(was.path)![1];
        assert.equal(routeOf(request), `/openai/deployments/${model}/${operation}?api-version=2024-10-21 ${model}`, `request #${index}`);
      });
    });
  });

  describe('through the language server (source.fixAll.aidlint, one file after another)', () => {
    let serverDir: string;
    let editor: Editor;

    before(async () => {
      serverDir = await exampleCopy();
      editor = new Editor(serverDir);
      await editor.start();
    });

    after(async () => {
      await editor.client.shutdown();
      fs.rmSync(serverDir, { recursive: true, force: true });
    });

    it('fixing each file with findings, in path order, gives the tree `aidlint --fix` gives', async () => {
      const files = [...new Set((await findings(serverDir)).map((finding) => finding.split(':')[0]))].sort();
      let fixedFiles = 0;
      for (const file of files) {
        const documentUri = await editor.openFile(file);
        const actions = await editor.actions(documentUri, [], [FIX_ALL]);
        assert.ok(actions.length <= 1, `${file}: at most one fix-all action`);
        if (!actions[0]?.edit) continue;
        await editor.apply(actions[0].edit);
        fixedFiles++;
      }
      assert.ok(fixedFiles > 0, 'some file had a fix-all action');
      assert.equal(treeDifferences(dir, serverDir), '');
    });

    it('type-checks after the fix', async () => {
      assert.equal(await typecheck(serverDir), '');
    });

    it('answers every route as before the fix', async () => {
      assert.ok(original, 'the run before the fix');
      assert.equal((await drive(serverDir)).output, original.output);
    });
  });
  describe('switching vendors and surviving outages (aidlint seam add-provider, AI_PROVIDER, AI_FALLBACK)', () => {
    let vendorDir: string;

    before(async () => {
      vendorDir = await exampleCopy([...EXAMPLE_PACKAGES, ...VENDOR_SDKS]);
      assert.equal((await runCli(['--fix'], vendorDir)).exitCode, 0);
      for (const provider of ['anthropic', 'google', 'openai-compatible']) {
        const run = await runCli(['seam', 'add-provider', provider], vendorDir);
        assert.equal(run.exitCode, 0, run.stderr);
      }
    });

    after(() => {
      fs.rmSync(vendorDir, { recursive: true, force: true });
    });

    it('type-checks with every provider added, and `seam check` sees every model routed', async () => {
      assert.equal(await typecheck(vendorDir), '');
      const check = await runCli(['seam', 'check'], vendorDir);
      assert.equal(check.exitCode, 0, check.stdout);
      assert.match(check.stdout, /^gpt4oMini \[chat, streaming, candidateCount, json\]: openai \(openai: gpt-4o-mini\)$/m);
    });

    it('refuses AI_PROVIDER=anthropic before any request while a model has no Anthropic id, naming the entry to fill', async () => {
      const first = fake().requests.length;
      const run = await driveResult(vendorDir, { AI_PROVIDER: 'anthropic' });
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, /model 'gpt4oSupport' has no model id for anthropic \(connection 'anthropic'\): providerModels\['anthropic'\]\.gpt4oSupport in the seam's config is empty/);
      assert.equal(fake().requests.length, first, 'no request was sent');
    });

    for (const [provider, vendor] of Object.entries(VENDOR_RUNS)) {
      it(`answers every route as before with AI_PROVIDER=${provider}, each model its provider can serve sent there`, async () => {
        assert.ok(original, 'the run before the fix');
        const run = await drive(vendorDir, { AI_PROVIDER: provider, ...vendor.env(fake().url) });
        const renamed = Object.entries(vendor.ids).reduce((output, [id, openAIName]) => output.replaceAll(id, openAIName), run.output);
        assert.equal(renamed, original.output);
        const routes = new Set(run.requests.map((request) => `${request.path} ${modelOf(request)}`));
        for (const route of vendor.routes) assert.ok(routes.has(route), `${route} in:\n${[...routes].join('\n')}`);
      });
    }

    for (const mode of ['refuse', '503', 'hang'] as const) {
      it(`with AI_FALLBACK=openai, answers every route as before when the Azure resource ${OUTAGE_WORDS[mode]} mid-run, and logs each failover once`, async () => {
        assert.ok(original, 'the run before the fix');
        const first = fake().requests.length;
        const run = await driveResult(vendorDir, { OUTAGE: `contoso-support.openai.azure.com:${mode}:2`, AI_FALLBACK: 'openai', AI_ATTEMPT_TIMEOUT_MS: '1500' });
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stdout, original.output);
        // Each Azure connection on that resource fails over once; later calls go straight to OpenAI.
        const failovers = run.stderr.split('\n').filter((line) => line.startsWith('AI failover:'));
        const connections = failovers.map((line) => /connection '(\w+)'/.exec(line)?.[1]);
        assert.ok(failovers.length > 0 && connections.length === new Set(connections).size, run.stderr);
        for (const line of failovers) assert.match(line, new RegExp(`connection '(contosoSupport|azureOpenAI)' failed \\(${OUTAGE_CAUSES[mode]}\\); trying 'openai'`));
        // The Azure chat models were answered on OpenAI (their names are OpenAI's) after the outage.
        assert.ok(fake().requests.slice(first).some((request) => request.path === '/v1/chat/completions' && modelOf(request) === 'gpt-4o-support'));
      });

      it(`without AI_FALLBACK, fails when the Azure resource ${OUTAGE_WORDS[mode]}, naming the connection and the cause`, async () => {
        // Down from the eighth call on: /answers, whose route lets the error through (the replies route answers 503 itself).
        const run = await driveResult(vendorDir, { OUTAGE: `contoso-support.openai.azure.com:${mode}:7`, AI_ATTEMPT_TIMEOUT_MS: '1500' });
        assert.notEqual(run.code, 0);
        assert.match(run.stdout.trimEnd().split('\n').at(-1) ?? '', /^POST \/answers 500 /);
        assert.match(run.stdout, new RegExp(`AI model &#39;gpt4oSupportAzureOpenAI&#39;: connection &#39;azureOpenAI&#39; failed: ${OUTAGE_CAUSES[mode]}`));
      });
    }
  });
});

/** A temp copy of the example with its pinned dependencies linked. */
async function exampleCopy(packages = EXAMPLE_PACKAGES): Promise<string> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-example-')));
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  fs.symlinkSync(await installPackages(packages), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The project's findings as `file:line rule`. */
async function findings(dir: string): Promise<string[]> {
  const run = await runCli(['--format', 'json'], dir);
  return (JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>).flatMap((result) =>
    result.messages.map((message) => `${path.relative(dir, result.filePath).split(path.sep).join('/')}:${message.line} ${message.ruleId}`),
  );
}

/**
 * The driver's environment. The app's own production settings, not the fake server's URL: the driver
 * reroutes the vendor hosts. OPENAI_BASE_URL cannot be used (with it set, `new AzureOpenAI({ endpoint })` in
 * src/lib/azure.ts throws "baseURL and endpoint are mutually exclusive"), nor a plain-http
 * AZURE_OPENAI_ENDPOINT (@azure/openai refuses it unless the client allows insecure connections).
 */
function driverEnv(fakeUrl: string): Record<string, string> {
  return {
    FAKE_OPENAI_URL: fakeUrl,
    OPENAI_API_KEY: 'test-openai-key',
    AZURE_OPENAI_API_KEY: 'test-azure-key',
    AZURE_OPENAI_ENDPOINT: 'https://contoso-support.openai.azure.com',
    OPENAI_LANGUAGE_MODEL: 'gpt-4o-mini',
  };
}

/** Runs the example's own unit tests with its pinned vitest (no cache written into the shared install); its output. */
function vitest(dir: string): Promise<string> {
  return runProgram(dir, [path.join(dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--no-cache'], { NO_COLOR: '1' });
}

/** A port that was free a moment ago, for the app. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The model of a request: the deployment for Azure, the path's model for Gemini, else the body's. */
function modelOf(request: RecordedRequest): string {
  const inPath = /^\/openai\/deployments\/([^/]+)\//.exec(request.path)?.[1] ?? /^\/v1beta\/models\/([^/:]+):/.exec(request.path)?.[1];
  return inPath === undefined ? String((request.body as { model?: unknown }).model) : decodeURIComponent(inPath);
}

/** A vendor request's route, API version and model: `/v1/chat/completions gpt-4o-mini`; with Azure, the deployment is the model. */
function routeOf(request: RecordedRequest): string {
  const apiVersion = request.query['api-version'];
  return `${request.path}${apiVersion === undefined ? '' : `?api-version=${apiVersion}`} ${modelOf(request)}`;
}

/** Unified diffs of every file (node_modules aside) that differs between the trees; '' when they are equal. */
function treeDifferences(expectedRoot: string, actualRoot: string): string {
  const expected = snapshot(expectedRoot);
  const actual = snapshot(actualRoot);
  return [...new Set([...expected.keys(), ...actual.keys()])]
    .sort()
    .filter((file) => expected.get(file) !== actual.get(file))
    .map((file) => createTwoFilesPatch(`cli/${file}`, `server/${file}`, expected.get(file) ?? '', actual.get(file) ?? ''))
    .join('\n');
}

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
