/**
 * The seam's Responses API events for code that reads them as the SDK's (`responseEventsAsOpenAI`,
 * `responseStreamAsOpenAI`), through every adapter, against the real `openai` SDK and the fake server: on the
 * Responses API (OpenAI's and Azure OpenAI's connections with `api: 'responses'`) exactly what the SDK's own
 * stream helper gives (its listeners, the delta snapshots it adds, the events iterated, its final response);
 * from chat-wire connections and other vendors, the events that API sends for the same answer, which the SDK's
 * helper accumulates into a final response with the text, the tool call and the usage.
 */
import * as assert from 'node:assert/strict';
import { useFakeOpenAI } from '../support/fake-openai-server';
import { PROVIDER_RUNS } from '../support/provider-runs';
import { fakeOpenAIEnv, removeFixture, runMain } from '../support/run-fixture';
import { everyProviderProject } from '../support/seam-project';

/** The same streams through the SDK's helper (without AI_PROVIDER) and through the seam converted back. */
const PROGRAM = `import OpenAI from 'openai';
import type { ResponseStream } from 'openai/lib/responses/ResponseStream';
import { chatModel } from './ai/index';
import { responseEventsAsOpenAI, responseStreamAsOpenAI } from './ai/openai-compat';

async function helper(runner: ResponseStream<null>): Promise<object> {
  const listened: string[] = [];
  const snapshots: string[] = [];
  const args: string[] = [];
  runner
    .on('event', (event) => listened.push(event.type))
    .on('response.output_text.delta', (event) => snapshots.push(event.snapshot))
    .on('response.function_call_arguments.delta', (event) => args.push(event.snapshot));
  const iterated: unknown[] = [];
  for await (const event of runner) iterated.push(event);
  return { listened, snapshots, args, iterated, final: await runner.finalResponse() };
}

async function main(): Promise<void> {
  const tools = [{ name: 'lookupOrder', parameters: { type: 'object', properties: { input: { type: 'string' } } } }];
  if (!process.env.AI_PROVIDER) {
    const sdkTools = tools.map((tool) => ({ type: 'function' as const, ...tool, strict: false }));
    print('sdk', await helper(new OpenAI().responses.stream({ model: 'gpt-4o-mini', input: 'stream the hours' })));
    print('sdkTools', await helper(new OpenAI().responses.stream({ model: 'gpt-4o-mini', input: 'where is order 42', tools: sdkTools })));
  }
  print('seam', await helper(responseStreamAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: 'stream the hours' }] }))));
  print('seamTools', await helper(responseStreamAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: 'where is order 42' }], tools }))));
  const events: unknown[] = [];
  for await (const event of responseEventsAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: 'stream the hours' }] }))) events.push(event);
  print('events', events);
}

function print(label: string, value: unknown): void {
  console.log(label + ' ' + JSON.stringify(value));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

interface HelperRun {
  listened: string[];
  snapshots: string[];
  args: string[];
  iterated: Array<{ type: string; sequence_number: number }>;
  final: { output_text: string; status: string; output: unknown[]; usage: { input_tokens: number; output_tokens: number; total_tokens: number } | null };
}

/** What the API sends around a message's text and a function call's arguments, in its order. */
const TEXT_EVENTS = (deltas: number) => [
  'response.created',
  'response.in_progress',
  'response.output_item.added',
  'response.content_part.added',
  ...Array<string>(deltas).fill('response.output_text.delta'),
  'response.output_text.done',
  'response.content_part.done',
  'response.output_item.done',
  'response.completed',
];

describe("fixes/seam: a neutral stream as the Responses API's events and the SDK's stream helper, through every adapter", function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;

  before(async () => {
    dir = await createProject();
  });

  after(() => {
    removeFixture(dir);
  });

  const run = async (env: Record<string, string>) => {
    const output = await runMain(dir, { ...fakeOpenAIEnv(fake().url), ...env });
    return Object.fromEntries(output.trimEnd().split('\n').map((line) => [line.slice(0, line.indexOf(' ')), JSON.parse(line.slice(line.indexOf(' ') + 1)) as unknown]));
  };

  it("on OpenAI's Responses API: the server's own events, and the SDK's own helper, exactly; the same request", async () => {
    fake().requests.length = 0;
    const printed = await run({});
    const [sdk, sdkTools, seam, seamTools] = [printed.sdk, printed.sdkTools, printed.seam, printed.seamTools] as HelperRun[];
    assert.equal(sdk.final.output_text, '[gpt-4o-mini] echo: stream the hours');
    assert.deepEqual(sdk.snapshots.at(-1), sdk.final.output_text);
    assert.deepEqual(seam, sdk);
    assert.deepEqual(seamTools, sdkTools);
    assert.deepEqual(printed.events, sdk.iterated);
    const bodies = fake().requests.map((request) => JSON.stringify(request.body));
    assert.equal(bodies[2], bodies[0]);
    assert.equal(bodies[3], bodies[1]);
  });

  it("on Azure OpenAI's Responses API (AI_PROVIDER): the server's own events, through Azure's client", async () => {
    fake().requests.length = 0;
    const printed = await run({ AI_PROVIDER: 'azureResponses' });
    const seam = printed.seam as HelperRun;
    assert.equal(seam.final.output_text, '[gpt-4o-mini] echo: stream the hours');
    assert.deepEqual((printed.events as Array<{ type: string }>).map((event) => event.type), seam.iterated.map((event) => event.type));
    assert.ok(seam.iterated.every((event, index) => event.sequence_number === index), 'the server numbers its events');
    // Azure's client (OPENAI_BASE_URL is its base URL here), which names its API version.
    assert.deepEqual([...new Set(fake().requests.map((request) => `${request.path}?${request.query['api-version']}`))], ['/v1/responses?2025-03-01-preview']);
  });

  for (const [provider, { env, model, callId }] of Object.entries(PROVIDER_RUNS)) {
    it(`AI_PROVIDER=${provider === 'openai' ? 'openai (chat completions)' : provider}: the API's events made from the chunks, accumulated by the SDK's helper into the answer, the tool call and the usage`, async () => {
      const printed = await run({ AI_PROVIDER: provider, ...env(fake().url) });
      const [seam, seamTools] = [printed.seam, printed.seamTools] as HelperRun[];
      const text = `[${model}] echo: stream the hours`;
      assert.deepEqual(seam.listened, TEXT_EVENTS(seam.snapshots.length));
      assert.deepEqual(seam.iterated.map((event) => event.type), seam.listened);
      assert.ok(seam.iterated.every((event, index) => event.sequence_number === index));
      assert.equal(seam.snapshots.at(-1), text);
      assert.equal(seam.final.output_text, text);
      assert.equal(seam.final.status, 'completed');
      assert.deepEqual(seam.final.output, [{ type: 'message', id: '', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [], parsed: null }] }]);
      const arguments_ = JSON.stringify({ input: 'where is order 42' });
      assert.deepEqual(seamTools.final.output, [{ type: 'function_call', id: '', call_id: callId, name: 'lookupOrder', arguments: arguments_, status: 'completed', parsed_arguments: null }]);
      assert.equal(seamTools.args.at(-1), arguments_);
      assert.deepEqual(seamTools.listened.slice(-3), ['response.function_call_arguments.done', 'response.output_item.done', 'response.completed']);
      // The neutral usage in the API's form, when the provider reports it (OpenAI's chat wire only when asked).
      if (provider === 'anthropic' || provider === 'google') assert.equal(seam.final.usage?.total_tokens, seam.final.usage!.input_tokens + seam.final.usage!.output_tokens);
      assert.deepEqual((printed.events as Array<{ type: string }>).map((event) => event.type), seam.listened);
    });
  }
});

/** A CommonJS TypeScript project: the seam with every addable provider, gpt4oMini on a Responses API connection. */
function createProject(): Promise<string> {
  return everyProviderProject('response-events', PROGRAM, [
    ['responses', 'openai', [], 'responses'],
    ['azureResponses', 'azure-openai', [{ name: 'apiVersion', text: "'2025-03-01-preview'" }], 'responses'],
  ], 'responses');
}
