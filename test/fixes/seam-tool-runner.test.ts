/**
 * The SDK's tool runner given the seam's client (\`chatClientAsOpenAI\`, as the wrap fix gives it to
 * \`chat.completions.runTools\`), through every adapter, against the real SDKs and the fake server speaking each
 * vendor's wire format: the runner calls the tool the model asks for and sends its result back, streamed or
 * not, whichever provider AI_PROVIDER names; the OpenAI wire gets the bodies the runner writes. A request built
 * for the OpenAI wire (\`chatRequestFromOpenAI\`) keeps JSON mode everywhere, and that wire's own fields only there.
 */
import * as assert from 'node:assert/strict';
import { useFakeOpenAI } from '../support/fake-openai-server';
import { fakeOpenAIEnv, removeFixture, runMain } from '../support/run-fixture';
import { PROVIDER_RUNS } from '../support/provider-runs';
import { everyProviderProject } from '../support/seam-project';

const PROGRAM = `import type { RunnableToolFunction } from 'openai/lib/RunnableFunction';
import { chatModel } from './ai/index';
import { models } from './ai/config';
import { chatClientAsOpenAI, chatRequestFromOpenAI } from './ai/openai-compat';

const findBook: RunnableToolFunction<{ input: string }> = {
  type: 'function',
  function: { name: 'findBook', description: 'Finds a book', parameters: { type: 'object', properties: { input: { type: 'string' } } }, function: ({ input }) => \`found \${input.length} letters\`, parse: JSON.parse },
};

async function main(): Promise<void> {
  const client = chatClientAsOpenAI(chatModel('gpt4oMini'));
  const runner = client.chat.completions.runTools({ model: models.gpt4oMini, messages: [{ role: 'user', content: 'find dune' }], tools: [findBook] });
  console.log('plain ' + JSON.stringify([await runner.finalContent(), runner.messages.map((message) => message.role)]));
  const events: string[] = [];
  const streamed = client.chat.completions
    .runTools({ model: models.gpt4oMini, stream: true, messages: [{ role: 'user', content: 'find emma' }], tools: [findBook] })
    .on('functionToolCall', (call) => events.push(call.name))
    .on('functionToolCallResult', (result) => events.push(result));
  const final = await streamed.finalChatCompletion();
  console.log('streamed ' + JSON.stringify([...events, final.choices[0]?.message.content]));
  // A request built for the OpenAI wire: JSON mode is neutral, \`store\` that wire's own.
  const json = await chatModel('gpt4oMini').complete(chatRequestFromOpenAI({ messages: [{ role: 'user', content: 'as json' }], response_format: { type: 'json_object' }, store: false }));
  console.log('json ' + JSON.stringify(json.text));
}

main().catch((error) => {
  console.error(String(error));
  process.exitCode = 1;
});
`;

/** The paths each provider's fake serves the runner's requests on (PROVIDER_RUNS has how to reach it). */
const PATHS: Record<string, string[]> = {
  openai: ['/v1/chat/completions'],
  anthropic: ['/v1/messages'],
  google: ['/v1beta/models/gemini-2.5-flash:generateContent', '/v1beta/models/gemini-2.5-flash:streamGenerateContent'],
};

describe("fixes/seam: the SDK's tool runner on the seam's client, through every adapter", function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;

  before(async () => {
    dir = await everyProviderProject('tool-runner', PROGRAM);
  });

  after(() => {
    removeFixture(dir);
  });

  for (const [provider, paths] of Object.entries(PATHS)) {
    const run = PROVIDER_RUNS[provider];
    it(`AI_PROVIDER=${provider}: the runner calls the tool, sends its result back and ends with the answer, streamed or not`, async () => {
      fake().requests.length = 0;
      const output = await runMain(dir, { ...fakeOpenAIEnv(fake().url), AI_PROVIDER: provider, ...run.env(fake().url) });
      const printed = Object.fromEntries(output.trimEnd().split('\n').map((line) => [line.slice(0, line.indexOf(' ')), JSON.parse(line.slice(line.indexOf(' ') + 1))]));
      // Anthropic has no JSON mode: that request stays on its own connection.
      const jsonModel = provider === 'anthropic' ? 'gpt-4o-mini' : run.model;
      assert.deepEqual(printed, {
        plain: [`[${run.model}] echo: find dune`, ['user', 'assistant', 'tool', 'assistant']],
        streamed: ['findBook', 'found 9 letters', `[${run.model}] echo: find emma`],
        json: JSON.stringify({ model: jsonModel, echo: 'as json' }),
      });
      // Two requests a run (the tool call, then the answer), each to the provider AI_PROVIDER names.
      const requests = fake().requests;
      assert.equal(requests.length, 5);
      assert.deepEqual([...new Set(requests.slice(0, 4).map((request) => request.path))], paths);
      const json = requests[4].body as Record<string, unknown>;
      if (provider === 'google') assert.doesNotMatch(JSON.stringify(json), /store/);
      else assert.deepEqual([json.response_format, json.store], [{ type: 'json_object' }, false]);
      if (provider === 'openai') {
        // The bodies the runner wrote, with its own header naming it.
        const second = requests[1].body as { model: string; messages: Array<{ role: string; content?: string }>; tool_choice: string; tools: unknown[] };
        assert.equal(second.model, 'gpt-4o-mini');
        assert.deepEqual(second.messages.map((message) => message.role), ['user', 'assistant', 'tool']);
        assert.equal(second.messages[2].content, 'found 9 letters');
        assert.equal(second.tool_choice, 'auto');
        assert.equal(requests[0].headers['x-stainless-helper-method'], 'runTools');
      }
    });
  }
});
