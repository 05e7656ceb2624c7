/**
 * Tool choice and tools the code holds in a variable, through every adapter, against the real SDKs and the
 * fake server speaking each vendor's wire format: a request as the wrap fix writes it (neutral \`tools\` and
 * \`toolChoice\`, the OpenAI form kept in \`providerTools\`) and one built elsewhere (\`chatRequestFromOpenAI\`)
 * reach each vendor in its own shape (Anthropic's \`tool_choice\`, Gemini's \`toolConfig\`), and the OpenAI
 * wire gets the request body the code wrote.
 */
import * as assert from 'node:assert/strict';
import { useFakeOpenAI } from '../support/fake-openai-server';
import { fakeOpenAIEnv, removeFixture, runMain } from '../support/run-fixture';
import { PROVIDER_RUNS } from '../support/provider-runs';
import { everyProviderProject } from '../support/seam-project';

const PROGRAM = `import type OpenAI from 'openai';
import { chatModel } from './ai/index';
import { chatRequestFromOpenAI, toolsFromOpenAI } from './ai/openai-compat';

const tools: OpenAI.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'findBook', description: 'Finds a book', parameters: { type: 'object', properties: { input: { type: 'string' } } } } },
  { type: 'function', function: { name: 'findAuthor', parameters: { type: 'object', properties: { input: { type: 'string' } } } } },
];

async function main(): Promise<void> {
  const messages = [{ role: 'user' as const, content: 'find dune' }];
  // As the wrap fix writes a call with tools in a variable and a named choice.
  const named = await chatModel('gpt4oMini').complete({
    messages,
    tools: toolsFromOpenAI(tools),
    toolChoice: { name: 'findAuthor' },
    providerTools: { tools, tool_choice: { type: 'function', function: { name: 'findAuthor' } } },
  });
  console.log('named ' + JSON.stringify(named.toolCalls.map((call) => call.name)));
  // Neutral tools written inline, streamed, and a choice of none.
  const pieces: string[] = [];
  for await (const chunk of chatModel('gpt4oMini').stream({ messages, tools: [{ name: 'findBook', parameters: { type: 'object' } }], toolChoice: 'none' })) pieces.push(chunk.text);
  console.log('none ' + JSON.stringify(pieces.join('')));
  // A request built elsewhere, with a choice that is required.
  const required = await chatModel('gpt4oMini').complete(chatRequestFromOpenAI({ messages, tools, tool_choice: 'required' }));
  console.log('required ' + JSON.stringify(required.toolCalls.map((call) => call.name)));
  // A custom tool has no neutral form: the request stays on its own connection, whatever AI_PROVIDER says.
  const custom = await chatModel('gpt4oMini').complete(chatRequestFromOpenAI({ messages, tools: [...tools, { type: 'custom', custom: { name: 'grammar' } }] }));
  console.log('custom ' + JSON.stringify(custom.toolCalls.length));
}

main().catch((error) => {
  console.error(String(error));
  process.exitCode = 1;
});
`;

/** The providers this test runs through (PROVIDER_RUNS has how to reach each on the fake server). */
const PROVIDERS = ['openai', 'anthropic', 'google'];

describe('fixes/seam: tool choice and tools in a variable through every adapter', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;

  before(async () => {
    dir = await everyProviderProject('tool-choice', PROGRAM);
  });

  after(() => {
    removeFixture(dir);
  });

  for (const provider of PROVIDERS) {
    const { env, model } = PROVIDER_RUNS[provider];
    it(`AI_PROVIDER=${provider}: the named tool is called, none when the choice is none, some when required; a custom tool stays on OpenAI`, async () => {
      fake().requests.length = 0;
      const output = await runMain(dir, { ...fakeOpenAIEnv(fake().url), AI_PROVIDER: provider, ...env(fake().url) });
      const printed = Object.fromEntries(output.trimEnd().split('\n').map((line) => [line.slice(0, line.indexOf(' ')), JSON.parse(line.slice(line.indexOf(' ') + 1))]));
      assert.deepEqual(printed, { named: ['findAuthor'], none: `[${model}] echo: find dune`, required: ['findBook'], custom: 1 });
      const requests = fake().requests;
      assert.equal(requests.length, 4);
      // The custom tool's request went to OpenAI, as written.
      assert.equal(requests[3].path, '/v1/chat/completions');
      assert.equal((requests[3].body as { tools: unknown[] }).tools.length, 3);
      const bodies = requests.slice(0, 3).map((request) => request.body as Record<string, unknown>);
      const wireTools = [
        { type: 'function', function: { name: 'findBook', description: 'Finds a book', parameters: { type: 'object', properties: { input: { type: 'string' } } } } },
        { type: 'function', function: { name: 'findAuthor', parameters: { type: 'object', properties: { input: { type: 'string' } } } } },
      ];
      if (provider === 'openai') {
        // The bodies the code wrote with the SDK: the tools and choices exactly as given.
        assert.deepEqual(bodies[0], { model, messages: [{ role: 'user', content: 'find dune' }], tools: wireTools, tool_choice: { type: 'function', function: { name: 'findAuthor' } }, stream: false });
        assert.deepEqual([bodies[1].tools, bodies[1].tool_choice], [[{ type: 'function', function: { name: 'findBook', parameters: { type: 'object' } } }], 'none']);
        assert.deepEqual([bodies[2].tools, bodies[2].tool_choice], [wireTools, 'required']);
      } else if (provider === 'anthropic') {
        assert.deepEqual(bodies.map((body) => body.tool_choice), [{ type: 'tool', name: 'findAuthor' }, { type: 'none' }, { type: 'any' }]);
        assert.deepEqual((bodies[0].tools as Array<{ name: string }>).map((tool) => tool.name), ['findBook', 'findAuthor']);
      } else {
        assert.deepEqual(
          bodies.map((body) => body.toolConfig),
          [{ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['findAuthor'] } }, { functionCallingConfig: { mode: 'NONE' } }, { functionCallingConfig: { mode: 'ANY' } }],
        );
        assert.deepEqual(((bodies[0].tools as Array<{ functionDeclarations: Array<{ name: string }> }>)[0]?.functionDeclarations ?? []).map((tool) => tool.name), ['findBook', 'findAuthor']);
      }
      // No vendor but OpenAI gets OpenAI's fields.
      if (provider !== 'openai') for (const body of bodies) assert.doesNotMatch(JSON.stringify(body), /tool_choice":"|"type":"function"/);
    });
  }
});
