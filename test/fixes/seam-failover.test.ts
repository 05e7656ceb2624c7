/**
 * The generated seam's routing at run time, in a TypeScript project against the real SDKs and the fake
 * server: failover on a refused connection (logged once, later calls straight to the next connection),
 * none on a 4xx, a stream that fails over before its first chunk but not after, AI_PROVIDER sending a model
 * to Gemini under its mapped id while what Gemini cannot serve stays, and the check at load refusing an
 * unmapped model before any request.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { addConfigEntry, addConnectionEntry, addListValues, addObjectEntry } from '../../rules/fixes/seam';
import { useFakeOpenAI } from '../support/fake-openai-server';
import { fakeOpenAIEnv, linkDependencies, removeFixture, runMain, runProgramResult } from '../support/run-fixture';
import { seamProject } from '../support/seam-project';
import { VENDOR_SDKS } from '../support/vendor-sdks';

const PROGRAM = `import { chatModel, moderationModel } from './ai/index';

async function main(): Promise<void> {
  const attempt = async (label: string, run: () => Promise<string>) => {
    try {
      console.log(label, await run());
    } catch (error) {
      console.log(label, 'error:', error instanceof Error ? error.message : String(error));
    }
  };
  const messages = [{ role: 'user' as const, content: 'hello there' }];
  await attempt('complete', async () => (await chatModel('gpt4oMini').complete({ messages })).text);
  await attempt('again', async () => (await chatModel('gpt4oMini').complete({ messages })).text);
  await attempt('stream', async () => {
    let text = '';
    for await (const chunk of chatModel('gpt4oMini').stream({ messages })) text += chunk.text;
    return text;
  });
  await attempt('client-error', async () => (await chatModel('gpt4o').complete({ messages })).text);
  await attempt('cut-stream', async () => {
    let text = '';
    for await (const chunk of chatModel('streamy').stream({ messages })) text += chunk.text;
    return text;
  });
  await attempt('moderate', async () => JSON.stringify((await moderationModel('omniModerationLatest').moderate({ input: 'thanks' })).results));
  // A tenant's own endpoint and key, passed by the call: its outage fails over to 'openai' with that connection's own key.
  await attempt('tenant-down', async () => (await chatModel('perUser', { apiKey: 'tenant-key', baseURL: process.env.DOWN_URL }).complete({ messages })).text);
  await attempt('tenant', async () => (await chatModel('perUser', { apiKey: 'tenant-key', baseURL: process.env.OPENAI_BASE_URL }).complete({ messages })).text);
  // The call's own header goes only to its own connection.
  await attempt('own-fields', async () => (await chatModel('gpt4oMini').complete({ messages, providerOptions: { seed: 7 }, openAIOptions: { store: false } }, { headers: { 'x-tenant-key': 'tenant-secret' } })).text);
  // A follow-up of a response its own endpoint stored stays there, up or down.
  await attempt('stored', async () => (await chatModel('gpt4oMini').complete({ messages, providerOptions: { previous_response_id: 'resp_1' } })).text);
  // So does a request for what only its own wire answers (log probabilities).
  await attempt('logprobs', async () => (await chatModel('gpt4oMini').complete({ messages, providerOptions: { logprobs: true } })).text);
  await attempt('stored-up', async () => (await chatModel('storedChat').complete({ messages, providerOptions: { previous_response_id: 'resp_1' } })).text);
}

main();
`;

describe('fixes/seam: routing and failover at run time', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;
  let flaky: http.Server;
  let refusedPort: number;

  before(async () => {
    // A server that sends the first chunk of a stream, then cuts the connection.
    flaky = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'first ' }, finish_reason: null }] })}\n\n`);
      setTimeout(() => response.destroy(), 50);
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    refusedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    dir = await createProject();
  });

  after(() => {
    flaky.close();
    removeFixture(dir);
  });

  const env = (extra: Record<string, string> = {}) => ({
    ...fakeOpenAIEnv(fake().url),
    GEMINI_API_KEY: 'test-gemini-key',
    GOOGLE_GEMINI_BASE_URL: fake().url,
    DOWN_URL: `http://127.0.0.1:${refusedPort}/v1`,
    FLAKY_URL: `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/v1`,
    ...extra,
  });

  it('fails over on a refused connection (logged once), never on a 4xx, and a stream only before its first chunk', async () => {
    const entry = await compiled(dir, env());
    fake().requests.length = 0;
    const run = await runProgramResult(dir, [entry], env());
    assert.deepEqual(run.stdout.trimEnd().split('\n'), [
      'complete [gpt-4o-mini] echo: hello there',
      'again [gpt-4o-mini] echo: hello there',
      'stream [gpt-4o-mini] echo: hello there',
      // Not a reason to fail over: the SDK's error, as it was.
      'client-error error: 404 no route for POST /missing/chat/completions',
      'cut-stream error: terminated',
      'moderate [{"flagged":false,"categories":{"harassment":false,"violence":false}}]',
      'tenant-down [gpt-4o-mini] echo: hello there',
      'tenant [gpt-4o-mini] echo: hello there',
      'own-fields [gpt-4o-mini] echo: hello there',
      "stored error: AI model 'gpt4oMini': connection 'down' failed: connection error ECONNREFUSED",
      "logprobs error: AI model 'gpt4oMini': connection 'down' failed: connection error ECONNREFUSED",
      'stored-up [gpt-4o-mini] echo: hello there',
    ]);
    const failovers = run.stderr.split('\n').filter((line) => line.startsWith('AI failover:'));
    assert.deepEqual(failovers, [
      "AI failover: model 'gpt4oMini': connection 'down' failed (connection error ECONNREFUSED); trying 'openai'",
      "AI failover: model 'perUser': connection 'tenant' failed (connection error ECONNREFUSED); trying 'openai'",
    ]);
    // Neither the 404 nor the cut stream went on to the fallback.
    assert.deepEqual(fake().requests.map((request) => `${request.path} ${(request.body as { model?: string }).model}`), [
      '/v1/chat/completions gpt-4o-mini',
      '/v1/chat/completions gpt-4o-mini',
      '/v1/chat/completions gpt-4o-mini',
      '/missing/chat/completions gpt-4o',
      '/v1/moderations omni-moderation-latest',
      '/v1/chat/completions gpt-4o-mini',
      '/v1/chat/completions gpt-4o-mini',
      '/v1/chat/completions gpt-4o-mini',
      '/v1/chat/completions gpt-4o-mini',
    ]);
    // The fallback used its own key; the tenant's key went only to the tenant's endpoint, which was up for the second set of values.
    assert.deepEqual(fake().requests.slice(-4, -2).map((request) => request.secret), ['test-openai-key', 'tenant-key']);
    // Failed over from 'down' to 'openai': the provider option and the OpenAI wire's own field went along, the call's own header did not.
    const [ownFields, storedUp] = fake().requests.slice(-2);
    assert.equal((ownFields.body as { seed?: number }).seed, 7);
    assert.equal((ownFields.body as { store?: boolean }).store, false);
    assert.equal(ownFields.headers['x-tenant-key'], undefined);
    assert.equal((storedUp.body as { previous_response_id?: string }).previous_response_id, 'resp_1');
  });

  it('with AI_PROVIDER=google, sends the chat models Gemini can serve under their mapped ids; the moderation stays on OpenAI', async () => {
    fake().requests.length = 0;
    const ids = { [geminiIdVariable('gpt4oMini')]: 'gemini-2.5-flash', [geminiIdVariable('gpt4o')]: 'gemini-2.5-pro', [geminiIdVariable('streamy')]: 'gemini-2.5-flash', [geminiIdVariable('perUser')]: 'gemini-2.5-flash', [geminiIdVariable('storedChat')]: 'gemini-2.5-flash' };
    const run = await runMain(dir, env({ AI_PROVIDER: 'google', ...ids }));
    assert.deepEqual(run.trimEnd().split('\n').slice(0, 5), [
      'complete [gemini-2.5-flash] echo: hello there',
      'again [gemini-2.5-flash] echo: hello there',
      'stream [gemini-2.5-flash] echo: hello there',
      'client-error [gemini-2.5-pro] echo: hello there',
      'cut-stream [gemini-2.5-flash] echo: hello there',
    ]);
    assert.deepEqual(new Set(fake().requests.map((request) => request.path)), new Set([
      '/v1beta/models/gemini-2.5-flash:generateContent',
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
      '/v1beta/models/gemini-2.5-pro:generateContent',
      '/v1/moderations',
      // The stored response's follow-up stayed on its own connection.
      '/v1/chat/completions',
    ]));
    // Neither the stored response's follow-up nor the request for log probabilities went to Gemini.
    assert.deepEqual(run.trimEnd().split('\n').slice(-3), [
      "stored error: AI model 'gpt4oMini': connection 'down' failed: connection error ECONNREFUSED",
      "logprobs error: AI model 'gpt4oMini': connection 'down' failed: connection error ECONNREFUSED",
      'stored-up [gpt-4o-mini] echo: hello there',
    ]);
    // Sent to Gemini by AI_PROVIDER, the call's own header and the OpenAI wire's own field stayed behind.
    const ownFields = fake().requests.filter((request) => request.path.includes('gemini')).at(-1)!;
    assert.match(JSON.stringify(ownFields.body), /"seed":7/);
    assert.doesNotMatch(JSON.stringify(ownFields.body), /"store"/);
    assert.equal(ownFields.headers['x-tenant-key'], undefined);
  });

  it('refuses at load, before any request, AI_PROVIDER=google while a chat model has no Gemini id', async () => {
    fake().requests.length = 0;
    const run = await runProgramResult(dir, [path.join(dir, 'dist', 'main.js')], env({ AI_PROVIDER: 'google', [geminiIdVariable('gpt4oMini')]: 'gemini-2.5-flash', [geminiIdVariable('streamy')]: 'gemini-2.5-flash', [geminiIdVariable('perUser')]: 'gemini-2.5-flash', [geminiIdVariable('storedChat')]: 'gemini-2.5-flash' }));
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /The AI seam's configuration cannot serve every model:\n- model 'gpt4o' has no model id for google \(connection 'google'\): providerModels\['google'\]\.gpt4o in the seam's config is empty/);
    assert.deepEqual(fake().requests, []);
  });
});

/** The variable a model's entry in config is read from (this test's naming), and the one add-provider derives for its Gemini id. */
function modelVariable(key: string): string {
  return `AI_MODEL_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

function geminiIdVariable(key: string): string {
  return `${modelVariable(key)}_GOOGLE`;
}

/** Compiles the project (runMain compiles, then runs it once) and returns its entry. */
async function compiled(dir: string, env: Record<string, string>): Promise<string> {
  await runMain(dir, env);
  return path.join(dir, 'dist', 'main.js');
}

/**
 * A CommonJS TypeScript project: the generated seam with Google added, connections `openai` (the fake),
 * `down` (a refused port), `missing` (a path the fake answers 404) and `flaky` (cuts a stream after its
 * first chunk), `tenant` (endpoint and key passed by each call as settings); gpt4oMini on `down` and gpt4o
 * on `missing`, both falling back to `openai`; streamy on `flaky` and perUser on `tenant`, falling back to
 * `openai`; the moderation model on `openai`.
 */
async function createProject(): Promise<string> {
  const project = seamProject('failover');
  project.editConfig((config, change) => {
    change(addConnectionEntry(config(), 'openai', 'openai', []));
    change(addConnectionEntry(config(), 'down', 'openai', [{ name: 'baseURL', text: 'process.env.DOWN_URL' }, { name: 'maxRetries', text: '0' }]));
    change(addConnectionEntry(config(), 'missing', 'openai', [{ name: 'baseURL', text: "`${process.env.OPENAI_BASE_URL?.replace(/\\/v1$/, '')}/missing`" }]));
    change(addConnectionEntry(config(), 'flaky', 'openai', [{ name: 'baseURL', text: 'process.env.FLAKY_URL' }, { name: 'maxRetries', text: '0' }]));
    const tenantOptions = [{ name: 'apiKey', text: 'settings.apiKey' }, { name: 'baseURL', text: 'settings.baseURL' }, { name: 'maxRetries', text: '0' }];
    change(addConnectionEntry(config(), 'tenant', 'openai', tenantOptions, undefined, ['apiKey', 'baseURL']));
    const models: Array<[string, string, string, string[]]> = [
      ['gpt4oMini', 'gpt-4o-mini', 'down', ['chat', 'streaming']],
      ['gpt4o', 'gpt-4o', 'missing', ['chat']],
      ['streamy', 'gpt-4o-mini', 'flaky', ['chat', 'streaming']],
      ['omniModerationLatest', 'omni-moderation-latest', 'openai', ['moderation']],
      ['perUser', 'gpt-4o-mini', 'tenant', ['chat']],
      ['storedChat', 'gpt-4o-mini', 'openai', ['chat']],
    ];
    for (const [key, value, connection, needs] of models) {
      const entry = addConfigEntry(config(), 'models', key, modelVariable(key), value, (existing) => existing === key);
      assert.ok(entry && 'change' in entry);
      change(entry);
      change(addObjectEntry(config(), ['modelConnections'], key, `'${connection}'`));
      change(addListValues(config(), ['modelNeeds'], key, needs));
      if (connection !== 'openai') change(addObjectEntry(config(), ['fallbacks'], key, "['openai']"));
    }
  });
  project.addProvider('google');
  const { dir, write } = project;
  // The project's dependencies now include @google/genai, pinned: link the cache with the vendor SDKs.
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  assert.deepEqual(Object.entries(manifest.dependencies).map(([name, version]) => `${name}@${version}`), VENDOR_SDKS.filter((spec) => spec.startsWith('@google/')));
  write('src/main.ts', PROGRAM);
  await linkDependencies(dir);
  return dir;
}
