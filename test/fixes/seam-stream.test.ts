/**
 * The seam's streamed pieces through every adapter, against the real SDKs and the fake server speaking each
 * vendor's wire format: a tool call assembled from its pieces (OpenAI's one delta, Anthropic's `tool_use`
 * block then `input_json_delta`s, Gemini's whole `functionCall`), the usage at the end (OpenAI's wire when
 * asked with `stream_options`, Anthropic's and Gemini's always; back in the SDK's shape through
 * `usageAsOpenAI`), and reasoning streamed beside the text
 * (DeepSeek's `reasoning_content` on OpenAI's wire, Anthropic's thinking deltas, Gemini's thought parts).
 */
import * as assert from 'node:assert/strict';
import { addConfigEntry, addConnectionEntry, addObjectEntry } from '../../rules/fixes/seam';
import { ADDABLE_PROVIDERS } from '../../rules/vendors/seam-providers';
import { useFakeOpenAI } from '../support/fake-openai-server';
import { fakeOpenAIEnv, linkDependencies, removeFixture, runMain } from '../support/run-fixture';
import { PROVIDER_RUNS as RUNS } from '../support/provider-runs';
import { seamProject } from '../support/seam-project';

/** Streams a tool call and a text answer, and prints what the pieces assemble to. */
const PROGRAM = `import { chatModel, type ChatChunk, type ToolCallPiece } from './ai/index';
import { usageAsOpenAI } from './ai/openai-compat';

const OPENAI_WIRE = !['anthropic', 'google'].includes(process.env.AI_PROVIDER ?? '');
/** How each vendor is asked for its thinking (DeepSeek's model streams it unasked). */
const THINKING: Record<string, Record<string, unknown>> = { anthropic: { thinking: { type: 'enabled', budget_tokens: 1024 } }, google: { thinkingConfig: { includeThoughts: true } } };

async function collect(chunks: AsyncIterable<ChatChunk>): Promise<object> {
  let text = '';
  let reasoning = '';
  const calls: Array<{ id: string; name: string; arguments: string }> = [];
  const finishReasons: string[] = [];
  let usage: ChatChunk['usage'];
  for await (const chunk of chunks) {
    text += chunk.text;
    reasoning += chunk.reasoning ?? '';
    for (const piece of chunk.toolCalls ?? []) add(calls, piece);
    if (chunk.finishReason) finishReasons.push(chunk.finishReason);
    if (chunk.usage) usage = chunk.usage;
  }
  return { text, reasoning, calls, finishReasons, usage, openAIUsage: usageAsOpenAI(usage) };
}

function add(calls: Array<{ id: string; name: string; arguments: string }>, piece: ToolCallPiece): void {
  const call = (calls[piece.index] ??= { id: '', name: '', arguments: '' });
  call.id += piece.id ?? '';
  call.name += piece.name ?? '';
  call.arguments += piece.arguments ?? '';
}

async function main(): Promise<void> {
  // OpenAI's wire sends the usage only when asked.
  const providerOptions = OPENAI_WIRE ? { stream_options: { include_usage: true } } : undefined;
  const tools = [{ name: 'lookupOrder', parameters: { type: 'object', properties: { input: { type: 'string' } } } }];
  console.log('tools ' + JSON.stringify(await collect(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: 'where is order 42' }], tools, providerOptions }))));
  console.log('text ' + JSON.stringify(await collect(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: 'say hi' }], providerOptions }))));
  const thinking = THINKING[process.env.AI_PROVIDER ?? ''];
  console.log('reasoning ' + JSON.stringify(await collect(chatModel('deepseekReasoner').stream({ messages: [{ role: 'user', content: 'why' }], providerOptions: thinking }))));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

describe('fixes/seam: streamed tool calls, usage and reasoning through every adapter', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;

  before(async () => {
    dir = await createProject();
  });

  after(() => {
    removeFixture(dir);
  });

  for (const [provider, run] of Object.entries(RUNS)) {
    it(`AI_PROVIDER=${provider}: the pieces assemble to the tool call, the text, the reasoning, the finish reasons and the usage`, async () => {
      fake().requests.length = 0;
      const output = await runMain(dir, { ...fakeOpenAIEnv(fake().url), AI_PROVIDER: provider, ...run.env(fake().url) });
      const printed = Object.fromEntries(output.trimEnd().split('\n').map((line) => [line.slice(0, line.indexOf(' ')), JSON.parse(line.slice(line.indexOf(' ') + 1))]));
      const wire = provider === 'openai' || provider === 'openai-compatible';
      // The neutral usage, and the SDK's shape \`usageAsOpenAI\` gives back: on OpenAI's wire the server's own object, kept beside it.
      const usage = (input: number, output: number) => {
        const openAIUsage = { prompt_tokens: input, completion_tokens: output, total_tokens: input + output };
        return { usage: { inputTokens: input, outputTokens: output, totalTokens: input + output, ...(wire ? { providerUsage: openAIUsage } : {}) }, openAIUsage };
      };
      assert.deepEqual(printed.tools, {
        text: '',
        reasoning: '',
        calls: [{ id: run.callId, name: 'lookupOrder', arguments: JSON.stringify({ input: 'where is order 42' }) }],
        finishReasons: ['tool_calls'],
        ...usage(4, 1),
      });
      assert.deepEqual(printed.text, { text: `[${run.model}] echo: say hi`, reasoning: '', calls: [], finishReasons: ['stop'], ...usage(2, 4) });
      // Anthropic and Gemini always report the usage; OpenAI's wire only when asked, as the first two streams do.
      assert.deepEqual(printed.reasoning, { text: `[${run.reasoner}] echo: why`, reasoning: 'thinking about why', calls: [], finishReasons: ['stop'], ...(wire ? {} : usage(1, 3)) });
      if (wire) assert.deepEqual(fake().requests.map((request) => (request.body as { stream_options?: unknown }).stream_options ?? null), [{ include_usage: true }, { include_usage: true }, null]);
    });
  }
});

/** A CommonJS TypeScript project: the seam with every addable provider, gpt4oMini and deepseekReasoner on `openai`. */
async function createProject(): Promise<string> {
  const project = seamProject('stream');
  project.editConfig((config, change) => {
    change(addConnectionEntry(config(), 'openai', 'openai', []));
    for (const [key, value] of [['gpt4oMini', 'gpt-4o-mini'], ['deepseekReasoner', 'deepseek-reasoner']]) {
      const entry = addConfigEntry(config(), 'models', key, `AI_MODEL_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`, value, (existing) => existing === key);
      assert.ok(entry && 'change' in entry);
      change(entry);
      change(addObjectEntry(config(), ['modelConnections'], key, "'openai'"));
    }
  });
  for (const provider of ADDABLE_PROVIDERS) project.addProvider(provider.name);
  project.write('src/main.ts', PROGRAM);
  await linkDependencies(project.dir);
  return project.dir;
}
