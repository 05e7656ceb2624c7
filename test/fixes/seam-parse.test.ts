/**
 * Structured answers (the neutral model's `parse`) through every adapter, against the real SDKs and the fake
 * server speaking each vendor's wire format: the schema goes out as each API asks for it (OpenAI's
 * `response_format: json_schema`, Anthropic's `output_config.format`, Gemini's `responseJsonSchema`), the
 * answer comes back parsed (by the format's own parser when it has one, else as JSON; a strict tool's arguments
 * as JSON), an answer cut short is
 * an error, and a provider that does not serve JSON Schema outputs (an OpenAI-compatible server) is passed
 * over for the model's own connection.
 */
import * as assert from 'node:assert/strict';
import { type RecordedRequest, useFakeOpenAI } from '../support/fake-openai-server';
import { fakeOpenAIEnv, removeFixture, runMain } from '../support/run-fixture';
import { everyProviderProject } from '../support/seam-project';

const PROGRAM = `import { chatModel } from './ai/index';
import { schemaFormatFromOpenAI, toolsFromOpenAI } from './ai/openai-compat';

const schema = { type: 'object', properties: { city: { type: 'string' }, words: { type: 'number' } }, required: ['city', 'words'], additionalProperties: false };
const format = schemaFormatFromOpenAI({ type: 'json_schema', json_schema: { name: 'place', strict: true, schema } });
/** A format whose own parser validates and keeps only the schema's keys, as a schema library's does. */
const validated = {
  ...schemaFormatFromOpenAI({ type: 'json_schema', name: 'place', schema }),
  parse: (text: string): { city: string; words: number } => {
    const { city, words } = JSON.parse(text) as { city: unknown; words: unknown };
    if (typeof city !== 'string' || typeof words !== 'number') throw new Error('not a place');
    return { city, words };
  },
};

async function main(): Promise<void> {
  const messages = [{ role: 'user' as const, content: 'where is the tower' }];
  const plain = await chatModel('gpt4oMini').parse({ messages, responseFormat: format });
  console.log('plain ' + JSON.stringify([plain.parsed, plain.text]));
  const parsed = await chatModel('gpt4oMini').parse({ messages, responseFormat: validated });
  console.log('validated ' + JSON.stringify(parsed.parsed?.city.length ? parsed.parsed : null));
  const cut = await chatModel('gpt4oMini').parse({ messages, responseFormat: format, maxTokens: 0 }).then(() => 'parsed', (error: Error) => error.message);
  console.log('cut ' + JSON.stringify(cut));
  // A strict tool's arguments come back parsed as JSON.
  const tools = toolsFromOpenAI([{ type: 'function', function: { name: 'lookup', strict: true, parameters: { type: 'object', properties: { input: { type: 'string' } } } } }]);
  const called = await chatModel('gpt4oMini').parse({ messages, tools });
  console.log('tools ' + JSON.stringify([called.parsed, called.toolCalls.map((call) => [call.name, call.parsedArguments])]));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/** Per provider: its environment (the fake's URL, the model's id there), and where the schema is in the request it sends. */
const RUNS: Record<string, { env: (url: string) => Record<string, string>; schemaIn: (body: Record<string, any>) => unknown; path: RegExp }> = {
  openai: { env: () => ({}), schemaIn: (body) => body.response_format, path: /^\/v1\/chat\/completions$/ },
  anthropic: {
    env: (url) => ({ ANTHROPIC_API_KEY: 'test-anthropic-key', ANTHROPIC_BASE_URL: url, AI_MODEL_GPT4O_MINI_ANTHROPIC: 'claude-haiku-4-5' }),
    schemaIn: (body) => body.output_config,
    path: /^\/v1\/messages$/,
  },
  google: {
    env: (url) => ({ GEMINI_API_KEY: 'test-gemini-key', GOOGLE_GEMINI_BASE_URL: url, AI_MODEL_GPT4O_MINI_GOOGLE: 'gemini-2.5-flash' }),
    schemaIn: (body) => [body.generationConfig?.responseMimeType, body.generationConfig?.responseJsonSchema],
    path: /gemini-2\.5-flash:generateContent$/,
  },
  // OpenAI-compatible servers are not all able to keep to a schema: the model stays on its own connection (OpenAI).
  'openai-compatible': {
    env: (url) => ({ OPENAI_COMPATIBLE_BASE_URL: `${url}/v1`, AI_MODEL_GPT4O_MINI_OPENAI_COMPATIBLE: 'llama3.1' }),
    schemaIn: (body) => body.response_format,
    path: /^\/v1\/chat\/completions$/,
  },
};

const SCHEMA = { type: 'object', properties: { city: { type: 'string' }, words: { type: 'number' } }, required: ['city', 'words'], additionalProperties: false };
const SENT: Record<string, unknown> = {
  openai: { type: 'json_schema', json_schema: { name: 'place', strict: true, schema: SCHEMA } },
  anthropic: { format: { type: 'json_schema', schema: SCHEMA } },
  google: ['application/json', SCHEMA],
  'openai-compatible': { type: 'json_schema', json_schema: { name: 'place', strict: true, schema: SCHEMA } },
};

describe('fixes/seam: structured answers (parse) through every adapter', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;

  before(async () => {
    dir = await everyProviderProject('parse', PROGRAM);
  });

  after(() => {
    removeFixture(dir);
  });

  for (const [provider, run] of Object.entries(RUNS)) {
    it(`AI_PROVIDER=${provider}: the schema goes out as that API asks, the answer comes back parsed, a cut answer is an error`, async () => {
      fake().requests.length = 0;
      const output = await runMain(dir, { ...fakeOpenAIEnv(fake().url), AI_PROVIDER: provider, ...run.env(fake().url) });
      const printed = Object.fromEntries(output.trimEnd().split('\n').map((line) => [line.slice(0, line.indexOf(' ')), JSON.parse(line.slice(line.indexOf(' ') + 1))]));
      // The fake answers JSON that fits the schema, plus a key it lacks (\`fake\`): JSON.parse keeps it, the format's own parser does not.
      const answer = { city: 'where is the tower', words: 4 };
      assert.deepEqual(printed.plain, [{ ...answer, fake: true }, JSON.stringify({ ...answer, fake: true })]);
      assert.deepEqual(printed.validated, answer);
      assert.equal(printed.cut, "the answer was cut short at its token limit: it cannot be parsed as 'place'");
      assert.deepEqual(printed.tools, [null, [['lookup', { input: 'where is the tower' }]]]);
      const requests: RecordedRequest[] = fake().requests;
      assert.equal(requests.length, 4);
      for (const request of requests) assert.match(request.path, run.path);
      assert.deepEqual(run.schemaIn(requests[0].body as Record<string, any>), SENT[provider]);
      // On OpenAI's wire, the model says which connection answered: OpenAI's own for a schema, also when AI_PROVIDER names a
      // server without JSON Schema outputs; that server for tools alone.
      const models = requests.map((request) => (request.body as { model?: string }).model);
      if (provider === 'openai') assert.deepEqual(models, ['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini']);
      if (provider === 'openai-compatible') assert.deepEqual(models, ['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini', 'llama3.1']);
    });
  }
});
