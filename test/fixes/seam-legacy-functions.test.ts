/**
 * Legacy function calling (`functions`, `function_call`, role-'function' messages) through every adapter,
 * against the real SDKs and the fake server speaking each vendor's wire format: the OpenAI wire gets the
 * functions as the code gave them (never `tools`) and the server's own `function_call` comes back; other
 * providers get the neutral tools and their tool call comes back as a `function_call`, plain and streamed.
 */
import * as assert from 'node:assert/strict';
import { useFakeOpenAI } from '../support/fake-openai-server';
import { fakeOpenAIEnv, removeFixture, runMain } from '../support/run-fixture';
import { everyProviderProject } from '../support/seam-project';

const PROGRAM = `import { chatModel } from './ai/index';
import { chatRequestFromOpenAI, functionCallChunksAsOpenAI, functionCallCompletionAsOpenAI, functionToolsFromOpenAI, messagesFromOpenAI } from './ai/openai-compat';

const functions = [{ name: 'findBook', description: 'Finds a book', parameters: { type: 'object', properties: { input: { type: 'string' } } } }];

async function main(): Promise<void> {
  const question = { role: 'user' as const, content: 'find dune' };
  const first = await chatModel('gpt4oMini').complete(chatRequestFromOpenAI({ messages: [question], functions, function_call: 'auto' })).then(functionCallCompletionAsOpenAI);
  const [choice] = first.choices;
  console.log('call ' + JSON.stringify([choice?.message.function_call, choice?.finish_reason]));
  const call = choice?.message.function_call;
  const messages = [question, choice!.message, { role: 'function', name: call?.name ?? '', content: '{"shelf":7}' }];
  const next = await chatModel('gpt4oMini').complete({ messages: messagesFromOpenAI(messages), tools: functionToolsFromOpenAI(functions), providerTools: { functions } });
  console.log('next ' + JSON.stringify(next.text));
  const pieces: unknown[] = [];
  for await (const chunk of functionCallChunksAsOpenAI(chatModel('gpt4oMini').stream(chatRequestFromOpenAI({ messages: [question], functions })))) {
    const streamed = chunk.choices[0];
    if (streamed?.delta.function_call || streamed?.finish_reason) pieces.push([streamed.delta.function_call ?? null, streamed.finish_reason]);
  }
  console.log('stream ' + JSON.stringify(pieces));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

const RUNS: Record<string, Record<string, string> | ((url: string) => Record<string, string>)> = {
  openai: {},
  anthropic: (url) => ({ ANTHROPIC_API_KEY: 'test-anthropic-key', ANTHROPIC_BASE_URL: url, AI_MODEL_GPT4O_MINI_ANTHROPIC: 'claude-haiku-4-5' }),
  google: (url) => ({ GEMINI_API_KEY: 'test-gemini-key', GOOGLE_GEMINI_BASE_URL: url, AI_MODEL_GPT4O_MINI_GOOGLE: 'gemini-2.5-flash' }),
};

describe('fixes/seam: legacy function calling through every adapter', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;

  before(async () => {
    dir = await everyProviderProject('legacy-functions', PROGRAM);
  });

  after(() => {
    removeFixture(dir);
  });

  for (const [provider, env] of Object.entries(RUNS)) {
    it(`AI_PROVIDER=${provider}: the function call comes back as \`function_call\`, the role-'function' message is carried, and the stream's pieces too`, async () => {
      fake().requests.length = 0;
      const output = await runMain(dir, { ...fakeOpenAIEnv(fake().url), AI_PROVIDER: provider, ...(typeof env === 'function' ? env(fake().url) : env) });
      const printed = Object.fromEntries(output.trimEnd().split('\n').map((line) => [line.slice(0, line.indexOf(' ')), JSON.parse(line.slice(line.indexOf(' ') + 1))]));
      const args = JSON.stringify({ input: 'find dune' });
      assert.deepEqual(printed.call, [{ name: 'findBook', arguments: args }, 'function_call']);
      assert.match(printed.next, /echo: find dune$/);
      // OpenAI streams the name (with empty arguments) then the arguments, Anthropic the name then its input's JSON; Gemini the call whole, with the finish reason.
      const end = [null, 'function_call'];
      const streamed = {
        openai: [[{ name: 'findBook', arguments: '' }, null], [{ arguments: args }, null], end],
        anthropic: [[{ name: 'findBook' }, null], [{ arguments: args }, null], end],
        google: [[{ name: 'findBook', arguments: args }, 'function_call']],
      }[provider];
      assert.deepEqual(printed.stream, streamed);
      const bodies = fake().requests.map((request) => request.body as Record<string, unknown>);
      assert.equal(bodies.length, 3);
      if (provider === 'openai') {
        // The functions as written, never tools; the answer and the role-'function' message sent back as the code had them.
        assert.deepEqual(bodies.map((body) => [body.functions !== undefined, body.function_call ?? null, body.tools ?? null]), [[true, 'auto', null], [true, null, null], [true, null, null]]);
        assert.deepEqual((bodies[1].messages as unknown[]).slice(1), [
          { role: 'assistant', content: null, function_call: { name: 'findBook', arguments: args } },
          { role: 'function', name: 'findBook', content: '{"shelf":7}' },
        ]);
      } else {
        // Other providers get the neutral tools and the call's result as their own tool result, never the functions.
        for (const body of bodies) assert.equal(body.functions, undefined);
        assert.match(JSON.stringify(bodies[1]), provider === 'anthropic' ? /"tool_result","tool_use_id":"function_call_1"/ : /"functionResponse":\{"id":"function_call_1","name":"findBook"/);
        assert.doesNotMatch(JSON.stringify(bodies[0]), /function_call/);
      }
    });
  }
});
