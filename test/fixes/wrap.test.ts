/**
 * The wrap fix, shape by shape: each case is a small TypeScript project (CommonJS, so seam imports have no
 * suffix) whose file under test is fixed with fix-all, and the exact new text is compared. Refusals are
 * checked by their reason. The files are written to a temp folder (the seam's style detection reads
 * package.json and tsconfig.json there) and served to the engine through an in-memory host.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigResolver } from '../../rules/config/resolve';
import { WorkspaceIndex } from '../../rules/engine/workspace-index';
import { type FixInput, fixesForFile } from '../../rules/fixes/file-fixes';
import { fixFile } from '../../rules/fixes/fix-all';
import type { SeamPlan } from '../../rules/fixes/seam-plan';
import { generateSeam } from '../../rules/fixes/seam';
import { applyChanges } from '../../rules/fixes/text-changes';
import { makeTempDir, removeTempDir } from '../files/temp';
import { LEGACY_FUNCTION_CASES, LEGACY_FUNCTION_REFUSALS } from './wrap-legacy-function-cases';
import { PARSE_CASES, PARSE_REFUSALS } from './wrap-parse-cases';
import { RESPONSE_EVENT_CASES, RESPONSE_EVENT_REFUSALS } from './wrap-response-event-cases';
import { TOOL_CHOICE_CASES, TOOL_CHOICE_REFUSALS } from './wrap-tool-choice-cases';
import { STREAM_CASES, STREAM_REFUSALS } from './wrap-stream-cases';
import { RUNNER_CASES, RUNNER_REFUSALS } from './wrap-runner-cases';

const FILE = 'src/app/file.ts';

const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } });
const PACKAGE = JSON.stringify({ name: 'wrap-case', private: true, dependencies: { openai: '6.49.0', '@azure/identity': '4.13.0' } }, null, 2);

/** The clients the cases import: every call goes through one of these modules, as in real projects. */
const CLIENTS: Record<string, string> = {
  'src/lib/openai.ts': "import OpenAI from 'openai';\n\nexport const openai = new OpenAI();\n",
  'src/lib/azure.ts': [
    "import { AzureOpenAI } from 'openai';",
    '',
    "export const reports = new AzureOpenAI({ apiVersion: process.env.AZURE_OPENAI_API_VERSION, deployment: 'contoso-reports' });",
    '',
  ].join('\n'),
  'src/lib/v3.ts': [
    "import { Configuration, OpenAIApi } from 'openai';",
    '',
    'export const legacy = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));',
    '',
  ].join('\n'),
  'src/lib/azure-sdk.ts': [
    "import { AzureKeyCredential, OpenAIClient } from '@azure/openai';",
    '',
    'export const client = new OpenAIClient(process.env.AZURE_OPENAI_ENDPOINT!, new AzureKeyCredential(process.env.AZURE_OPENAI_API_KEY!));',
    '',
  ].join('\n'),
};

/** A seam config as its owner may have trimmed it: one connection, one model served by it. */
const SMALL_CONFIG = [
  'export const endpoints = {};',
  'export const apiVersions = {};',
  "export const connections = {\n  openai: { provider: 'openai', options: () => ({ apiKey: process.env.OPENAI_API_KEY }) },\n};",
  "export const models = {\n  gpt4oMini: 'gpt-4o-mini',\n};",
  "export const modelConnections = {\n  gpt4oMini: 'openai',\n};",
  '',
].join('\n');

interface Project {
  root: string;
  files: Map<string, string>;
  input(text?: string): FixInput;
}

/** Writes the project (the file under test at FILE) and returns what the fix engine needs. */
function project(root: string, code: string, extra: Record<string, string> = {}, file = FILE): Project {
  const files = new Map<string, string>();
  for (const [name, text] of Object.entries({ 'package.json': PACKAGE, 'tsconfig.json': TSCONFIG, ...CLIENTS, ...extra, [file]: code })) {
    const filePath = path.join(root, name);
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    fs.writeFileSync(filePath, text);
    files.set(filePath, text);
  }
  const host = { readFile: (file: string) => files.get(file), fileExists: (file: string) => files.has(file) };
  const configs = new ConfigResolver({ workspaceRoot: root, readFile: host.readFile });
  const index = new WorkspaceIndex({ ...host, configuredHosts: (file) => configs.configFor(file).endpoints });
  const filePath = path.join(root, file);
  return {
    root,
    files,
    input: (text = code) => ({ filePath, text, config: configs.configFor(filePath), index, host, workspaceRoot: root }),
  };
}

/** Fix-all on the file under test: its new text and the seam's file changes. */
function fixAll(target: Project): { text: string | undefined; seams: Map<string, SeamPlan>; skipped: string[] } {
  const seams = new Map<string, SeamPlan>();
  const result = fixFile(target.input(), seams);
  return { text: result.text, seams, skipped: result.skipped.map((skipped) => skipped.reason) };
}

interface WrapCase {
  title: string;
  code: string;
  expected: string;
  /** The model entries the seam's config must get, as `key: default`. */
  models: string[];
  extra?: Record<string, string>;
  /** The seam exists and already configures the model. */
  configUnchanged?: boolean;
}

/** Results used whole as the SDK's type: the neutral call's result is converted back where the call is. */
const BOUNDARY_CASES: WrapCase[] = [
  {
    title: "a Responses API result read for its output items (a tool call's, a conversation kept as items): converted back at the call (responseAsOpenAI)",
    code: `import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { openai } from '../lib/openai';

declare function send(value: unknown): unknown;

export async function turn(history: ResponseInputItem[]): Promise<string> {
  const response = await openai.responses.create({ model: 'gpt-4o-mini', input: history });
  for (const item of response.output) if (item.type === 'function_call') send(item.name);
  history.push(...response.output);
  return \`\${response.id}: \${response.output_text} (\${response.usage?.total_tokens})\`;
}
`,
    expected: `import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { messagesFromOpenAIInput, responseAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function send(value: unknown): unknown;

export async function turn(history: ResponseInputItem[]): Promise<string> {
  const response = await chatModel('gpt4oMini').complete({ messages: messagesFromOpenAIInput(history) }).then(responseAsOpenAI);
  for (const item of response.output) if (item.type === 'function_call') send(item.name);
  history.push(...response.output);
  return \`\${response.id}: \${response.output_text} (\${response.usage?.total_tokens})\`;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "the SDK stream helper's events and final completion: the neutral stream converted back to the helper (openai-node examples)",
    code: `import { openai } from '../lib/openai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<void> {
  const runner = openai.chat.completions
    .stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] })
    .on('message', (message) => send(message.content))
    .once('content', (delta) => send(delta));
  for await (const chunk of runner) send(chunk.choices[0]?.delta.content);
  send((await runner.finalChatCompletion()).choices[0]?.message.content);
}
`,
    expected: `import { chatStreamAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<void> {
  const runner = chatStreamAsOpenAI(chatModel('gpt4oMini').stream({
    messages: [{ role: 'user', content: question }],
  }))
    .on('message', (message) => send(message.content))
    .once('content', (delta) => send(delta));
  for await (const chunk of runner) send(chunk.choices[0]?.delta.content);
  send((await runner.finalChatCompletion()).choices[0]?.message.content);
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a stream sent on as JSON lines (`toReadableStream()`, the Next.js and Express route shapes), the helper chosen by a condition in each branch',
    code: `import { openai } from '../lib/openai';

export async function handle(question: string, signal?: AbortSignal): Promise<Response> {
  const stream = signal
    ? openai.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] }, { signal })
    : openai.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return new Response(stream.toReadableStream());
}

export async function relay(question: string): Promise<Response> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true });
  return new Response(stream.toReadableStream());
}
`,
    expected: `import { chatStreamAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function handle(question: string, signal?: AbortSignal): Promise<Response> {
  const stream = signal
    ? chatStreamAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] }, { signal }))
    : chatStreamAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] }));
  return new Response(stream.toReadableStream());
}

export async function relay(question: string): Promise<Response> {
  const stream = await chatStreamAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] }));
  return new Response(stream.toReadableStream());
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "a stream whose chunks are tested for a first choice keeps the SDK's chunks (a usage chunk has none; a neutral chunk always is one)",
    code: `import { openai } from '../lib/openai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<void> {
  const s = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true, stream_options: { include_usage: true } });
  for await (const chunk of s) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    send(choice.delta.content);
  }
}
`,
    expected: `import { chatChunksAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<void> {
  const s = await chatChunksAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }], openAIOptions: { stream_options: { include_usage: true } } }));
  for await (const chunk of s) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    send(choice.delta.content);
  }
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "log probabilities asked for (`logprobs`, `top_logprobs`): passed on, and the answer read for them is converted back (the seam keeps such a request on its own connection, whose answer it is)",
    code: `import { openai } from '../lib/openai';

export async function confidence(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', logprobs: true, top_logprobs: 2, messages: [{ role: 'user', content: question }] });
  const tokens = completion.choices[0].logprobs?.content ?? [];
  return \`\${completion.choices[0].message.content}: \${tokens.map((token) => token.logprob).join(' ')}\`;
}

export async function plain(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', logprobs: true, messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}

export async function streamed(question: string): Promise<string> {
  const stream = openai.chat.completions
    .stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true, logprobs: true })
    .on('logprobs.content.delta', (event) => console.log(event.content.length));
  return (await stream.finalChatCompletion()).choices[0].message.content ?? '';
}
`,
    expected: `import { chatCompletionAsOpenAI, chatStreamAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function confidence(question: string): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }], openAIOptions: { logprobs: true, top_logprobs: 2 } }).then(chatCompletionAsOpenAI);
  const tokens = completion.choices[0].logprobs?.content ?? [];
  return \`\${completion.choices[0].message.content}: \${tokens.map((token) => token.logprob).join(' ')}\`;
}

export async function plain(question: string): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }], openAIOptions: { logprobs: true } });
  return completion.text ?? '';
}

export async function streamed(question: string): Promise<string> {
  const stream = chatStreamAsOpenAI(chatModel('gpt4oMini').stream({
    messages: [{ role: 'user', content: question }],
    openAIOptions: { logprobs: true },
  }))
    .on('logprobs.content.delta', (event) => console.log(event.content.length));
  return (await stream.finalChatCompletion()).choices[0].message.content ?? '';
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "a result handed on whole keeps the SDK's shape: converted back at the call",
    code: `import { openai } from '../lib/openai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<unknown> {
  return send(await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] }));
}
`,
    expected: `import { chatCompletionAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<unknown> {
  return send(await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] }).then(chatCompletionAsOpenAI));
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a stream handed to another library: chunks converted back to the SDK\'s',
    code: `import { openai } from '../lib/openai';

declare function pipeToClient(chunks: AsyncIterable<unknown>): Promise<void>;

export async function relay(question: string): Promise<void> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: question }] });
  await pipeToClient(stream);
}
`,
    expected: `import { chatChunksAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function pipeToClient(chunks: AsyncIterable<unknown>): Promise<void>;

export async function relay(question: string): Promise<void> {
  const stream = await chatChunksAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] }));
  await pipeToClient(stream);
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'embeddings chained with then, their items handed on',
    code: `import { openai } from '../lib/openai';

declare function send(value: unknown): unknown;

export function index(texts: string[]): Promise<unknown> {
  return openai.embeddings.create({ model: 'text-embedding-3-small', input: texts }).then((response) => response.data.map(send));
}
`,
    expected: `import { embeddingsAsOpenAI } from '../ai/openai-compat';
import { embeddingModel } from '../ai';

declare function send(value: unknown): unknown;

export function index(texts: string[]): Promise<unknown> {
  return embeddingModel('textEmbedding3Small').embed({ input: texts }).then(embeddingsAsOpenAI).then((response) => response.data.map(send));
}
`,
    models: ["textEmbedding3Small: 'text-embedding-3-small'"],
  },
  {
    title: 'a destructured part handed on',
    code: `import { openai } from '../lib/openai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<unknown> {
  const { choices, usage } = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return send({ choices, usage });
}
`,
    expected: `import { chatCompletionAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<unknown> {
  const { choices, usage } = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] }).then(chatCompletionAsOpenAI);
  return send({ choices, usage });
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
];

/**
 * Results handed on in the ways public apps do: each branch of a conditional, a call passed to a helper,
 * a stream stored in a property, a request with inline conditional spreads (its fields all seen), a stream
 * cast to `any`. Reads of uncarried fields before the call (another call's result) do not block it. Request
 * options in a parameter typed with the neutral settings alone.
 */
const PASSED_ON_CASES: WrapCase[] = [
  {
    title: 'each branch of `await (signal ? create(req, { signal }) : create(req))` converted on its own; the constant request seen whole',
    code: `import { openai } from '../lib/openai';

export async function relay(question: string, signal?: AbortSignal): Promise<string> {
  const request = { model: 'gpt-4o-mini', stream: true as const, messages: [{ role: 'user' as const, content: question }] };
  const stream = await (signal ? openai.chat.completions.create(request, { signal }) : openai.chat.completions.create(request));
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}
`,
    expected: `import { models } from '../ai/config';
import { chatRequestFromOpenAI, chatChunksAsOpenAI } from '../ai/openai-compat';
import { chatModelById } from '../ai';

export async function relay(question: string, signal?: AbortSignal): Promise<string> {
  const request = { model: models.gpt4oMini, stream: true as const, messages: [{ role: 'user' as const, content: question }] };
  const stream = await (signal ? chatChunksAsOpenAI(chatModelById(request.model, 'openai').stream(chatRequestFromOpenAI({ ...request }), { signal })) : chatChunksAsOpenAI(chatModelById(request.model, 'openai').stream(chatRequestFromOpenAI({ ...request }))));
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a call handed to a helper unawaited, its request with a conditional spread written inline',
    code: `import { openai } from '../lib/openai';

declare function measure<T>(pending: Promise<T>): Promise<{ output: T; ms: number }>;

export async function answer(question: string, creative: boolean): Promise<string | null> {
  const timed = await measure(
    openai.chat.completions.create({
      messages: [{ role: 'user', content: question }],
      model: 'gpt-4o-mini',
      ...(creative ? { temperature: 1 } : {}),
    }),
  );
  return timed.output.choices[0].message.content;
}
`,
    expected: `import { chatRequestFromOpenAI, chatCompletionAsOpenAI } from '../ai/openai-compat';
import { chatModelById } from '../ai';

declare function measure<T>(pending: Promise<T>): Promise<{ output: T; ms: number }>;

export async function answer(question: string, creative: boolean): Promise<string | null> {
  const timed = await measure(
    chatModelById('gpt-4o-mini', 'openai').complete(chatRequestFromOpenAI({ messages: [{ role: 'user', content: question }], model: 'gpt-4o-mini', ...(creative ? { temperature: 1 } : {}) })).then(chatCompletionAsOpenAI),
  );
  return timed.output.choices[0].message.content;
}
`,
    models: [],
  },
  {
    title: 'a stream stored in a property of an object handed on, its request with `cond && { … }` spread',
    code: `import { openai } from '../lib/openai';

declare function track(job: { source: AsyncIterable<unknown>; label: string }): Promise<string>;

export async function relay(question: string, creative: boolean): Promise<string> {
  return track({
    source: await openai.chat.completions.create({ messages: [{ role: 'user', content: question }], model: 'gpt-4o-mini', stream: true, ...(creative && { temperature: 1 }) }),
    label: 'relay',
  });
}
`,
    expected: `import { chatRequestFromOpenAI, chatChunksAsOpenAI } from '../ai/openai-compat';
import { chatModelById } from '../ai';

declare function track(job: { source: AsyncIterable<unknown>; label: string }): Promise<string>;

export async function relay(question: string, creative: boolean): Promise<string> {
  return track({
    source: await chatChunksAsOpenAI(chatModelById('gpt-4o-mini', 'openai').stream(chatRequestFromOpenAI({ messages: [{ role: 'user', content: question }], model: 'gpt-4o-mini', ...(creative && { temperature: 1 }) }))),
    label: 'relay',
  });
}
`,
    models: [],
  },
  {
    title: "a stream handed on after another call's tool calls were read: that read cannot see the stream",
    code: `import { openai } from '../lib/openai';

declare function pipe(chunks: AsyncIterable<unknown>): Promise<void>;

export async function relay(question: string): Promise<void> {
  const first = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  const calls = first.choices[0].message.tool_calls?.length ?? 0;
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: \`\${question} (\${calls})\` }] });
  await pipe(stream);
}
`,
    expected: `import { chatChunksAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function pipe(chunks: AsyncIterable<unknown>): Promise<void>;

export async function relay(question: string): Promise<void> {
  const first = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  const calls = first.toolCalls?.length ?? 0;
  const stream = await chatChunksAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: \`\${question} (\${calls})\` }] }));
  await pipe(stream);
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a stream cast to `any` is read through the cast',
    code: `import { openai } from '../lib/openai';

export async function relay(question: string): Promise<string> {
  const stream = (await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: question }] })) as any;
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}
`,
    expected: `import { chatModel } from '../ai';

export async function relay(question: string): Promise<string> {
  const stream = (await chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] })) as any;
  let text = '';
  for await (const chunk of stream) text += chunk.text ?? '';
  return text;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'request options in a parameter typed with the neutral settings alone: passed on by name',
    code: `import { openai } from '../lib/openai';

export async function answer(question: string, options: { signal?: AbortSignal; timeout?: number }): Promise<string | null> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] }, options);
  return completion.choices[0].message.content;
}
`,
    expected: `import { chatModel } from '../ai';

export async function answer(question: string, options: { signal?: AbortSignal; timeout?: number }): Promise<string | null> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] }, options);
  return completion.text;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
];

/** A stream returned to callers: followed to them, the declared return type made neutral. */
const RETURNED_STREAM_CASES: WrapCase[] = [
  {
    title: 'a stream returned by an async function to a caller that reads it chunk by chunk',
    code: `import type OpenAI from 'openai';
import { openai } from '../lib/openai';

async function open(question: string): Promise<AsyncIterable<OpenAI.Chat.ChatCompletionChunk>> {
  return openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: question }] });
}

export async function relay(question: string): Promise<string> {
  const stream = await open(question);
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}
`,
    expected: `import { chatModel, type ChatChunk } from '../ai';

async function open(question: string): Promise<AsyncIterable<ChatChunk>> {
  return chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] });
}

export async function relay(question: string): Promise<string> {
  const stream = await open(question);
  let text = '';
  for await (const chunk of stream) text += chunk.text ?? '';
  return text;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "the SDK's stream helper returned by a plain function: its type needs no promise",
    code: `import type OpenAI from 'openai';
import { openai } from '../lib/openai';

function open(question: string): AsyncIterable<OpenAI.Chat.ChatCompletionChunk> {
  return openai.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
}

export async function relay(question: string): Promise<string> {
  let text = '';
  for await (const chunk of open(question)) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}
`,
    expected: `import { chatModel, type ChatChunk } from '../ai';

function open(question: string): AsyncIterable<ChatChunk> {
  return chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] });
}

export async function relay(question: string): Promise<string> {
  let text = '';
  for await (const chunk of open(question)) text += chunk.text ?? '';
  return text;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
];

/** Results destructured with nested patterns: each bound name is read as the path it stands for. */
const NESTED_PATTERN_CASES: WrapCase[] = [
  {
    title: 'a nested pattern over the first choice, renamed, with usage',
    code: `import { openai } from '../lib/openai';

export async function answer(question: string): Promise<string> {
  const { choices: [{ message, finish_reason: reason }], usage } = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return \`\${message.content} [\${reason}, \${usage?.total_tokens}]\`;
}
`,
    expected: `import { chatModel } from '../ai';

export async function answer(question: string): Promise<string> {
  const result = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  return \`\${result.text} [\${result.finishReason}, \${result.usage?.totalTokens}]\`;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'the first embedding taken by a nested pattern',
    code: `import { openai } from '../lib/openai';

export async function vector(text: string): Promise<number[]> {
  const { data: [{ embedding }] } = await openai.embeddings.create({ model: 'text-embedding-3-small', input: text });
  return embedding;
}
`,
    expected: `import { embeddingModel } from '../ai';

export async function vector(text: string): Promise<number[]> {
  const result = await embeddingModel('textEmbedding3Small').embed({ input: text });
  return result.embeddings[0];
}
`,
    models: ["textEmbedding3Small: 'text-embedding-3-small'"],
  },
  {
    title: 'stream chunks destructured in the `for await` loop',
    code: `import { openai } from '../lib/openai';

export async function relay(question: string): Promise<string> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: question }] });
  let text = '';
  for await (const { choices: [choice] } of stream) text += choice?.delta.content ?? '';
  return text;
}
`,
    expected: `import { chatModel } from '../ai';

export async function relay(question: string): Promise<string> {
  const stream = await chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] });
  let text = '';
  for await (const chunk of stream) text += chunk.text ?? '';
  return text;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a pattern reaching past the first choice keeps the SDK shape, converted at the call',
    code: `import { openai } from '../lib/openai';

export async function second(question: string): Promise<string | null> {
  const { choices: [, other] } = await openai.chat.completions.create({ model: 'gpt-4o-mini', n: 2, messages: [{ role: 'user', content: question }] });
  return other.message.content;
}
`,
    expected: `import { chatCompletionAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function second(question: string): Promise<string | null> {
  const { choices: [, other] } = await chatModel('gpt4oMini').complete({ candidateCount: 2, messages: [{ role: 'user', content: question }] }).then(chatCompletionAsOpenAI);
  return other.message.content;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
];

const CASES: WrapCase[] = [
  {
    title: 'a file whose only import and client go after a header: the seam imports take their place, a blank line after them as before',
    code: `#!/usr/bin/env node

import OpenAI from 'openai';

// Reads OPENAI_API_KEY.
const openai = new OpenAI();

export async function main(): Promise<void> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say this is a test' }] });
  console.log(completion.choices[0].message.content);
}
`,
    expected: `#!/usr/bin/env node

import { chatModel } from '../ai';

export async function main(): Promise<void> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: 'Say this is a test' }] });
  console.log(completion.text);
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  ...BOUNDARY_CASES,
  ...STREAM_CASES,
  ...RESPONSE_EVENT_CASES,
  ...PARSE_CASES,
  ...LEGACY_FUNCTION_CASES,
  ...TOOL_CHOICE_CASES,
  ...RUNNER_CASES,
  ...PASSED_ON_CASES,
  ...NESTED_PATTERN_CASES,
  ...RETURNED_STREAM_CASES,
  {
    title: 'the Responses API: instructions and a text input become the messages, output_text and usage read neutrally, through a connection that keeps the API',
    code: `import { openai } from '../lib/openai';

export async function answer(question: string): Promise<string> {
  const response = await openai.responses.create({ model: 'gpt-4.1', instructions: 'Answer briefly.', input: question, max_output_tokens: 200, store: false });
  return \`\${response.output_text} (\${response.usage?.total_tokens})\`;
}
`,
    expected: `import { chatModel } from '../ai';

export async function answer(question: string): Promise<string> {
  const response = await chatModel('gpt41').complete({ messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: question }], maxTokens: 200, openAIOptions: { store: false } });
  return \`\${response.text} (\${response.usage?.totalTokens})\`;
}
`,
    models: ["gpt41: 'gpt-4.1'"],
  },
  {
    title: 'the Responses API with a list of input items: converted by the seam, which keeps each item for that API; instructions stay apart',
    code: `import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { openai } from '../lib/openai';

export async function followUp(history: ResponseInputItem[]): Promise<string> {
  const response = await openai.responses.create({ model: 'gpt-4.1', instructions: 'Answer briefly.', input: history });
  return response.output_text;
}
`,
    expected: `import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { messagesFromOpenAIInput } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function followUp(history: ResponseInputItem[]): Promise<string> {
  const response = await chatModel('gpt41').complete({ messages: [{ role: 'system', content: 'Answer briefly.' }, ...messagesFromOpenAIInput(history)] });
  return response.text;
}
`,
    models: ["gpt41: 'gpt-4.1'"],
  },
  {
    title: 'a streamed Responses API call: text delta events become the neutral chunks, their type test the chunk\'s text',
    code: `import { openai } from '../lib/openai';

export async function tell(question: string, write: (text: string) => void): Promise<number> {
  const stream = await openai.responses.create({ model: 'gpt-4.1', input: question, stream: true, store: false });
  let skipped = 0;
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') skipped += event.delta ? 0 : 1;
    write(event.type === 'response.output_text.delta' ? event.delta : '');
    if (event.type !== 'response.output_text.delta') continue;
    write(event.delta);
  }
  return skipped;
}
`,
    expected: `import { chatModel } from '../ai';

export async function tell(question: string, write: (text: string) => void): Promise<number> {
  const stream = await chatModel('gpt41').stream({ messages: [{ role: 'user', content: question }], openAIOptions: { store: false } });
  let skipped = 0;
  for await (const event of stream) {
    if (event.text !== '') skipped += event.text ? 0 : 1;
    write(event.text !== '' ? event.text : '');
    if (event.text === '') continue;
    write(event.text);
  }
  return skipped;
}
`,
    models: ["gpt41: 'gpt-4.1'"],
  },
  {
    title: 'legacy completions: the text prompt becomes the user\'s message, choices are read as candidates, through a connection that keeps the API',
    code: `import { openai } from '../lib/openai';

export async function continueText(start: string): Promise<string> {
  const completion = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Continue: ' + start, max_tokens: 16, stop: '\\n', suffix: '.' });
  const all = completion.choices.map((choice) => \`\${choice.text} (\${choice.finish_reason})\`);
  return \`\${completion.choices[0].text} \${all.length} \${completion.usage?.completion_tokens}\`;
}
`,
    expected: `import { chatModel } from '../ai';

export async function continueText(start: string): Promise<string> {
  const completion = await chatModel('gpt35TurboInstruct').complete({ messages: [{ role: 'user', content: 'Continue: ' + start }], maxTokens: 16, stop: '\\n', openAIOptions: { suffix: '.' } });
  const all = completion.candidates.map((choice) => \`\${choice.text} (\${choice.finishReason})\`);
  return \`\${completion.text} \${all.length} \${completion.usage?.outputTokens}\`;
}
`,
    models: ["gpt35TurboInstruct: 'gpt-3.5-turbo-instruct'"],
  },
  {
    title: 'the SDK\'s stream helper read chunk by chunk becomes the neutral stream',
    code: `import { openai } from '../lib/openai';

export async function tell(question: string): Promise<string> {
  const stream = openai.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}
`,
    expected: `import { chatModel } from '../ai';

export async function tell(question: string): Promise<string> {
  const stream = chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] });
  let text = '';
  for await (const chunk of stream) text += chunk.text ?? '';
  return text;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: '`stream: true as const` (and a constant request holding it) streams',
    code: `import { openai } from '../lib/openai';

export async function tell(question: string): Promise<string> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true as const, messages: [{ role: 'user', content: question }] });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  const request = { model: 'gpt-4o-mini', stream: (false) satisfies boolean, messages: [{ role: 'user' as const, content: text }] };
  const again = await openai.chat.completions.create({ ...request });
  return again.choices[0].message.content ?? '';
}
`,
    expected: `import { models } from '../ai/config';
import { chatRequestFromOpenAI } from '../ai/openai-compat';
import { chatModel, chatModelById } from '../ai';

export async function tell(question: string): Promise<string> {
  const stream = await chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] });
  let text = '';
  for await (const chunk of stream) text += chunk.text ?? '';
  const request = { model: models.gpt4oMini, stream: (false) satisfies boolean, messages: [{ role: 'user' as const, content: text }] };
  const again = await chatModelById(request.model, 'openai').complete(chatRequestFromOpenAI({ ...request }));
  return again.text ?? '';
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a request a local function builds: its declared return type says it does not stream',
    code: `import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { openai } from '../lib/openai';

function createParams(question: string): ChatCompletionCreateParamsNonStreaming {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] };
}

export async function ask(question: string): Promise<string> {
  const params = createParams(question);
  const completion = await openai.chat.completions.create(params);
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { models } from '../ai/config';
import { chatRequestFromOpenAI } from '../ai/openai-compat';
import { chatModelById } from '../ai';

function createParams(question: string): ChatCompletionCreateParamsNonStreaming {
  return { model: models.gpt4oMini, messages: [{ role: 'user', content: question }] };
}

export async function ask(question: string): Promise<string> {
  const params = createParams(question);
  const completion = await chatModelById(params.model, 'openai').complete(chatRequestFromOpenAI({ ...params }));
  return completion.text ?? '';
}
`,
    models: [],
  },
  {
    title: 'a request a method of the same class returns in an object, destructured: it has no `stream`, so it does not stream',
    code: `import { openai } from '../lib/openai';

export class Assistant {
  constructor(private readonly model: string) {}

  async ask(question: string): Promise<string> {
    const { request, note } = await this.prepare(question);
    const completion = await openai.chat.completions.create(request);
    return \`\${completion.choices[0].message.content ?? ''} \${note}\`;
  }

  private async prepare(question: string) {
    const note = question.length > 100 ? '(long)' : '';
    return { request: { model: this.model, messages: [{ role: 'user' as const, content: question }], max_tokens: 64 }, note };
  }
}
`,
    expected: `import { chatRequestFromOpenAI } from '../ai/openai-compat';
import { chatModelById } from '../ai';

export class Assistant {
  constructor(private readonly model: string) {}

  async ask(question: string): Promise<string> {
    const { request, note } = await this.prepare(question);
    const completion = await chatModelById(request.model, 'openai').complete(chatRequestFromOpenAI({ ...request }));
    return \`\${completion.text ?? ''} \${note}\`;
  }

  private async prepare(question: string) {
    const note = question.length > 100 ? '(long)' : '';
    return { request: { model: this.model, messages: [{ role: 'user' as const, content: question }], max_tokens: 64 }, note };
  }
}
`,
    models: [],
  },
  {
    title: 'tools become neutral tool definitions, tool_choice the neutral tool choice, other options pass on as provider options, tool calls are read neutrally',
    code: `import { openai } from '../lib/openai';

export async function route(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
    tools: [{ type: 'function', function: { name: 'lookupOrder', description: 'Finds an order', parameters: { type: 'object', properties: { id: { type: 'string' } } } } }],
    tool_choice: 'auto',
    reasoning_effort: 'low',
  });
  return \`\${completion.choices[0].message.tool_calls?.length} \${completion.choices[0].message.tool_calls?.[0].function.name}\`;
}
`,
    expected: `import { chatModel } from '../ai';

export async function route(question: string): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({
    messages: [{ role: 'user', content: question }],
    tools: [{ name: 'lookupOrder', description: 'Finds an order', parameters: { type: 'object', properties: { id: { type: 'string' } } } }],
    toolChoice: 'auto',
    openAIOptions: { reasoning_effort: 'low' },
  });
  return \`\${completion.toolCalls?.length} \${completion.toolCalls[0]?.name}\`;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a request built elsewhere goes through the seam\'s chatRequestFromOpenAI, its model by id',
    code: `import type OpenAI from 'openai';
import { openai } from '../lib/openai';

export async function ask(params: OpenAI.ChatCompletionCreateParamsNonStreaming): Promise<string> {
  const completion = await openai.chat.completions.create(params);
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import type OpenAI from 'openai';
import { chatRequestFromOpenAI } from '../ai/openai-compat';
import { chatModelById } from '../ai';

export async function ask(params: OpenAI.ChatCompletionCreateParamsNonStreaming): Promise<string> {
  const completion = await chatModelById(params.model, 'openai').complete(chatRequestFromOpenAI({ ...params }));
  return completion.text ?? '';
}
`,
    models: [],
  },
  {
    title: 'a spread request with `stream: true`: streamed through the converter',
    code: `import { openai } from '../lib/openai';

const BASE = { model: 'gpt-4o-mini', temperature: 0 };

export async function* stream(question: string): AsyncGenerator<string> {
  const chunks = await openai.chat.completions.create({ ...BASE, messages: [{ role: 'user', content: question }], stream: true });
  for await (const chunk of chunks) yield chunk.choices[0]?.delta?.content ?? '';
}
`,
    // The literal in BASE moves to the config by its own fix; the call reads it at run time.
    expected: `import { models } from '../ai/config';
import { chatRequestFromOpenAI } from '../ai/openai-compat';
import { chatModelById } from '../ai';

const BASE = { model: models.gpt4oMini, temperature: 0 };

export async function* stream(question: string): AsyncGenerator<string> {
  const chunks = await chatModelById(BASE.model, 'openai').stream(chatRequestFromOpenAI({ ...BASE, messages: [{ role: 'user', content: question }] }));
  for await (const chunk of chunks) yield chunk.text ?? '';
}
`,
    models: [],
  },
  {
    title: 'messages typed with the SDK\'s types go through messagesFromOpenAI; the rest of the request is neutral',
    code: `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { openai } from '../lib/openai';

export async function answer(history: ChatCompletionMessageParam[]): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: history, temperature: 0.2 });
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { messagesFromOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function answer(history: ChatCompletionMessageParam[]): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: messagesFromOpenAI(history), temperature: 0.2 });
  return completion.text ?? '';
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a helper spread into the messages stays imported: the new call still uses it',
    code: `import { openai } from '../lib/openai';
import { toOpenAIMessages } from './format';

export async function answer(system: string, turns: string[]): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: system }, ...toOpenAIMessages(turns)] });
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import { toOpenAIMessages } from './format';
import { messagesFromOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function answer(system: string, turns: string[]): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: messagesFromOpenAI([{ role: 'system', content: system }, ...toOpenAIMessages(turns)]) });
  return completion.text ?? '';
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
    extra: {
      'src/app/format.ts': "import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';\n\nexport function toOpenAIMessages(turns: string[]): ChatCompletionMessageParam[] {\n  return turns.map((content) => ({ role: 'user', content }));\n}\n",
    },
  },
  {
    title: 'request options (signal, timeout, headers) become the neutral call\'s second argument',
    code: `import { openai } from '../lib/openai';

export async function ask(question: string, signal: AbortSignal): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] }, { signal, timeout: 5_000, headers: { 'x-tag': 'faq' } });
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import { chatModel } from '../ai';

export async function ask(question: string, signal: AbortSignal): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] }, { signal, timeout: 5_000, headers: { 'x-tag': 'faq' } });
  return completion.text ?? '';
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'request options kept in a constant are passed on by its name; @azure/openai\'s abortSignal becomes signal',
    code: `import { openai } from '../lib/openai';
import { client } from '../lib/azure-sdk';

const SLOW = { timeout: 60_000, maxRetries: 0 };

export async function both(text: string, abortSignal: AbortSignal): Promise<number> {
  const a = await openai.embeddings.create({ model: 'text-embedding-3-small', input: text }, SLOW);
  const b = await client.getEmbeddings('embeddings', [text], { abortSignal });
  return a.data[0].embedding.length + b.data[0].embedding.length;
}
`,
    expected: `import { embeddingModel } from '../ai';

const SLOW = { timeout: 60_000, maxRetries: 0 };

export async function both(text: string, abortSignal: AbortSignal): Promise<number> {
  const a = await embeddingModel('textEmbedding3Small').embed({ input: text }, SLOW);
  const b = await embeddingModel('embeddings').embed({ input: [text] }, { signal: abortSignal });
  return a.embeddings[0].length + b.embeddings[0].length;
}
`,
    models: ["textEmbedding3Small: 'text-embedding-3-small'", "embeddings: 'embeddings'"],
  },
  {
    title: 'a model chosen at run time (a parameter, the environment) goes by its id on the client\'s connection',
    code: `import { openai } from '../lib/openai';

export async function ask(question: string, model = process.env.CHAT_MODEL ?? 'gpt-4o-mini'): Promise<string> {
  const completion = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}
`,
    // The default's literal moves to the config (hardcoded-model's own fix); the call sends whatever \`model\` is.
    expected: `import { models } from '../ai/config';
import { chatModelById } from '../ai';

export async function ask(question: string, model = process.env.CHAT_MODEL ?? models.gpt4oMini): Promise<string> {
  const completion = await chatModelById(model, 'openai').complete({ messages: [{ role: 'user', content: question }] });
  return completion.text ?? '';
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a model constant exported by another module is followed to its literal (the constant stays there)',
    code: `import { openai } from '../lib/openai';
import { CHAT_MODEL } from './models';

export async function ask(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: CHAT_MODEL, messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import { chatModel } from '../ai';

export async function ask(question: string): Promise<string> {
  const completion = await chatModel('gpt41Mini').complete({ messages: [{ role: 'user', content: question }] });
  return completion.text ?? '';
}
`,
    models: ["gpt41Mini: 'gpt-4.1-mini'"],
    extra: { 'src/app/models.ts': "export const CHAT_MODEL = 'gpt-4.1-mini';\nexport const OTHER = 'x';\n" },
  },
  {
    title: "a model from the project's own configuration module stays there: the call goes by its id",
    code: `import { openai } from '../lib/openai';
import { models } from './settings';

export async function ask(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: models.fast, messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import { models } from './settings';
import { chatModelById } from '../ai';

export async function ask(question: string): Promise<string> {
  const completion = await chatModelById(models.fast, 'openai').complete({ messages: [{ role: 'user', content: question }] });
  return completion.text ?? '';
}
`,
    models: [],
    extra: { 'src/app/settings.ts': "export const models = { fast: 'gpt-4o-mini' };\n" },
  },
  {
    title: '@azure/openai: a deployment in a variable goes by its id on the resource\'s connection',
    code: `import { client } from '../lib/azure-sdk';

export async function embed(deployment: string, text: string): Promise<number[]> {
  const result = await client.getEmbeddings(deployment, [text]);
  return result.data[0].embedding;
}
`,
    expected: `import { embeddingModelById } from '../ai';

export async function embed(deployment: string, text: string): Promise<number[]> {
  const result = await embeddingModelById(deployment, 'azureOpenAI').embed({ input: [text] });
  return result.embeddings[0];
}
`,
    models: [],
  },
  {
    title: 'openai v4 chat: one line, text, finish reason and usage',
    code: `import { openai } from '../lib/openai';

export async function ask(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return \`\${completion.choices[0].message.content} \${completion.choices[0].finish_reason} \${completion.usage?.total_tokens}\`;
}
`,
    expected: `import { chatModel } from '../ai';

export async function ask(question: string): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  return \`\${completion.text} \${completion.finishReason} \${completion.usage?.totalTokens}\`;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'openai v4 chat over several lines: one field a line, options renamed, `model` and `stream: false` dropped',
    code: `import { openai } from '../lib/openai';

export async function answer(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: question },
    ],
    temperature: 0.2,
    max_tokens: 200,
    top_p: 0.9,
    stop: ['\\n'],
    stream: false,
    response_format: { type: 'json_object' },
  });
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import { chatModel } from '../ai';

export async function answer(question: string): Promise<string> {
  const completion = await chatModel('gpt4o').complete({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: question },
    ],
    temperature: 0.2,
    maxTokens: 200,
    topP: 0.9,
    stop: ['\\n'],
    responseFormat: 'json',
  });
  return completion.text ?? '';
}
`,
    models: ["gpt4o: 'gpt-4o'"],
  },
  {
    title: 'openai v4 stream: `stream: true` becomes .stream(), chunk accessors become .text / .finishReason',
    code: `import { openai } from '../lib/openai';

export async function tell(question: string): Promise<string> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true });
  let text = '';
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.choices[0]?.finish_reason) text += '.';
  }
  return text;
}
`,
    expected: `import { chatModel } from '../ai';

export async function tell(question: string): Promise<string> {
  const stream = await chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] });
  let text = '';
  for await (const chunk of stream) {
    text += chunk.text ?? '';
    if (chunk.finishReason) text += '.';
  }
  return text;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a request from an overloaded function: the overload its literal argument chooses says it does not stream (openai-node chat-params-types)',
    code: `import type OpenAI from 'openai';
import { openai } from '../lib/openai';

async function createParams(stream: true): Promise<OpenAI.Chat.ChatCompletionCreateParamsStreaming>;
async function createParams(stream: false): Promise<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>;
async function createParams(stream: boolean): Promise<OpenAI.Chat.ChatCompletionCreateParams> {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello!' }], stream };
}

export async function ask(): Promise<string> {
  const params = await createParams(false);
  const completion = await openai.chat.completions.create(params);
  return completion.choices[0]?.message.content ?? '';
}
`,
    expected: `import type OpenAI from 'openai';
import { models } from '../ai/config';
import { chatRequestFromOpenAI } from '../ai/openai-compat';
import { chatModelById } from '../ai';

async function createParams(stream: true): Promise<OpenAI.Chat.ChatCompletionCreateParamsStreaming>;
async function createParams(stream: false): Promise<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>;
async function createParams(stream: boolean): Promise<OpenAI.Chat.ChatCompletionCreateParams> {
  return { model: models.gpt4oMini, messages: [{ role: 'user', content: 'Hello!' }], stream };
}

export async function ask(): Promise<string> {
  const params = await createParams(false);
  const completion = await chatModelById(params.model, 'openai').complete(chatRequestFromOpenAI({ ...params }));
  return completion.text ?? '';
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "the answer's id (a Responses API response's, a chat completion's): the neutral `responseId` (openai-node azure/responses.ts)",
    code: `import { openai } from '../lib/openai';

declare function log(line: string): void;

export async function tutor(question: string): Promise<string> {
  const response = await openai.responses.create({ model: 'gpt-4o-mini', input: question });
  log(response.id);
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  log(\`\${completion.id}: \${completion.choices[0].message.content}\`);
  return response.output_text;
}
`,
    expected: `import { chatModel } from '../ai';

declare function log(line: string): void;

export async function tutor(question: string): Promise<string> {
  const response = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  log(response.responseId);
  const completion = await chatModel('gpt4oMiniOpenai').complete({ messages: [{ role: 'user', content: question }] });
  log(\`\${completion.responseId}: \${completion.text}\`);
  return response.text;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "a streamed chunk's finish reason used as a value (kept, compared with null) reads as the SDK's `null` until the last chunk; tested or given a default, as it is",
    code: `import { openai } from '../lib/openai';

export async function reasons(question: string): Promise<Array<string | null>> {
  const seen: Array<string | null> = [];
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true });
  for await (const chunk of stream) {
    if (chunk.choices[0]?.finish_reason !== null) seen.push('finished');
    const reason: string | null = chunk.choices[0]!.finish_reason;
    seen.push(reason, chunk.choices[0]?.finish_reason ?? 'none');
    if (chunk.choices[0]?.finish_reason === 'length') seen.push('cut');
  }
  return seen;
}
`,
    expected: `import { chatModel } from '../ai';

export async function reasons(question: string): Promise<Array<string | null>> {
  const seen: Array<string | null> = [];
  const stream = await chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] });
  for await (const chunk of stream) {
    if ((chunk.finishReason ?? null) !== null) seen.push('finished');
    const reason: string | null = (chunk.finishReason ?? null);
    seen.push(reason, chunk.finishReason ?? 'none');
    if (chunk.finishReason === 'length') seen.push('cut');
  }
  return seen;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'openai v4 stream iterated directly in `for await`',
    code: `import { openai } from '../lib/openai';

export async function tell(question: string): Promise<string> {
  let text = '';
  for await (const chunk of await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true })) {
    text += chunk.choices[0]?.delta?.content ?? '';
  }
  return text;
}
`,
    expected: `import { chatModel } from '../ai';

export async function tell(question: string): Promise<string> {
  let text = '';
  for await (const chunk of await chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] })) {
    text += chunk.text ?? '';
  }
  return text;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'openai v4 embeddings: `.data.map((d) => d.embedding)` becomes `.embeddings`',
    code: `import { openai } from '../lib/openai';

export async function embedAll(texts: string[]): Promise<number[][]> {
  const response = await openai.embeddings.create({ model: 'text-embedding-3-small', input: texts, dimensions: 4 });
  return response.data.map((d) => d.embedding);
}
`,
    expected: `import { embeddingModel } from '../ai';

export async function embedAll(texts: string[]): Promise<number[][]> {
  const response = await embeddingModel('textEmbedding3Small').embed({ input: texts, dimensions: 4 });
  return response.embeddings;
}
`,
    models: ["textEmbedding3Small: 'text-embedding-3-small'"],
  },
  {
    title: 'openai v4 embeddings: `.data[i].embedding` becomes `.embeddings[i]`, `.data[0]` read directly off the await',
    code: `import { openai } from '../lib/openai';

export async function pick(texts: string[], i: number): Promise<number[]> {
  const response = await openai.embeddings.create({ model: 'text-embedding-3-small', input: texts });
  return response.data[i].embedding;
}

export async function first(text: string): Promise<number[]> {
  return (await openai.embeddings.create({ model: 'text-embedding-3-small', input: text })).data[0].embedding;
}
`,
    expected: `import { embeddingModel } from '../ai';

export async function pick(texts: string[], i: number): Promise<number[]> {
  const response = await embeddingModel('textEmbedding3Small').embed({ input: texts });
  return response.embeddings[i];
}

export async function first(text: string): Promise<number[]> {
  return (await embeddingModel('textEmbedding3Small').embed({ input: text })).embeddings[0];
}
`,
    models: ["textEmbedding3Small: 'text-embedding-3-small'"],
  },
  {
    title: 'a usage object kept in a const: its fields are renamed where it is read',
    code: `import { openai } from '../lib/openai';

export async function count(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  const usage = completion.usage;
  return \`\${usage?.prompt_tokens}/\${usage?.completion_tokens}/\${usage!.total_tokens}\`;
}
`,
    expected: `import { chatModel } from '../ai';

export async function count(question: string): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  const usage = completion.usage;
  return \`\${usage?.inputTokens}/\${usage?.outputTokens}/\${usage?.totalTokens}\`;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a messages constant gets the neutral ChatMessage[] type; an unused model constant goes',
    code: `import { openai } from '../lib/openai';

const MODEL = 'gpt-4o-mini';

export async function greet(): Promise<string> {
  const messages = [{ role: 'user', content: 'Hello' }];
  const completion = await openai.chat.completions.create({ model: MODEL, messages });
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import { chatModel, type ChatMessage } from '../ai';

export async function greet(): Promise<string> {
  const messages: ChatMessage[] = [{ role: 'user', content: 'Hello' }];
  const completion = await chatModel('gpt4oMini').complete({ messages });
  return completion.text ?? '';
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "an AzureOpenAI client built with a deployment: the deployment is the model, whatever the call's `model`",
    code: `import { reports } from '../lib/azure';

export async function weekly(notes: string): Promise<string> {
  const completion = await reports.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: notes }] });
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import { chatModel } from '../ai';

export async function weekly(notes: string): Promise<string> {
  const completion = await chatModel('contosoReports').complete({ messages: [{ role: 'user', content: notes }] });
  return completion.text ?? '';
}
`,
    models: ["contosoReports: 'contoso-reports'"],
  },
  {
    title: 'openai v3 createChatCompletion: the `.data` prefix goes, `.message?.content` becomes `.text`',
    code: `import { legacy } from '../lib/v3';

export async function faq(question: string): Promise<string> {
  const completion = await legacy.createChatCompletion({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: question }], max_tokens: 80 });
  return \`\${completion.data.choices[0].message?.content} \${completion.data.usage?.total_tokens}\`;
}
`,
    expected: `import { chatModel } from '../ai';

export async function faq(question: string): Promise<string> {
  const completion = await chatModel('gpt35Turbo').complete({ messages: [{ role: 'user', content: question }], maxTokens: 80 });
  return \`\${completion.text} \${completion.usage?.totalTokens}\`;
}
`,
    models: ["gpt35Turbo: 'gpt-3.5-turbo'"],
  },
  {
    title: 'openai v3 createEmbedding: `.data.data[0].embedding` and `.data.data.map(…)`',
    code: `import { legacy } from '../lib/v3';

export async function embed(text: string): Promise<number[]> {
  const response = await legacy.createEmbedding({ model: 'text-embedding-ada-002', input: text });
  return response.data.data[0].embedding;
}

export async function embedAll(texts: string[]): Promise<number[][]> {
  const response = await legacy.createEmbedding({ model: 'text-embedding-ada-002', input: texts });
  return response.data.data.map((item) => item.embedding);
}
`,
    expected: `import { embeddingModel } from '../ai';

export async function embed(text: string): Promise<number[]> {
  const response = await embeddingModel('textEmbeddingAda002').embed({ input: text });
  return response.embeddings[0];
}

export async function embedAll(texts: string[]): Promise<number[][]> {
  const response = await embeddingModel('textEmbeddingAda002').embed({ input: texts });
  return response.embeddings;
}
`,
    models: ["textEmbeddingAda002: 'text-embedding-ada-002'"],
  },
  {
    title: '@azure/openai getChatCompletions(deployment, messages, options), written over several lines',
    code: `import { client } from '../lib/azure-sdk';

const DEPLOYMENT = 'helpdesk-gpt-4o-mini';

export async function suggest(ticket: string): Promise<string> {
  const result = await client.getChatCompletions(
    DEPLOYMENT,
    [{ role: 'user', content: ticket }],
    { temperature: 0.3, maxTokens: 120 },
  );
  return \`\${result.choices[0].message?.content} (\${result.usage?.promptTokens}+\${result.usage?.completionTokens})\`;
}
`,
    expected: `import { chatModel } from '../ai';

export async function suggest(ticket: string): Promise<string> {
  const result = await chatModel('helpdeskGpt4oMini').complete({
    messages: [{ role: 'user', content: ticket }],
    temperature: 0.3,
    maxTokens: 120,
  });
  return \`\${result.text} (\${result.usage?.inputTokens}+\${result.usage?.outputTokens})\`;
}
`,
    models: ["helpdeskGpt4oMini: 'helpdesk-gpt-4o-mini'"],
  },
  {
    title: '@azure/openai streamChatCompletions(deployment, messages) in `for await`',
    code: `import { client } from '../lib/azure-sdk';

export async function stream(ticket: string): Promise<string> {
  const events = await client.streamChatCompletions('helpdesk-gpt-4o-mini', [{ role: 'user', content: ticket }]);
  let reply = '';
  for await (const event of events) reply += event.choices[0]?.delta?.content ?? '';
  return reply;
}
`,
    expected: `import { chatModel } from '../ai';

export async function stream(ticket: string): Promise<string> {
  const events = await chatModel('helpdeskGpt4oMini').stream({ messages: [{ role: 'user', content: ticket }] });
  let reply = '';
  for await (const event of events) reply += event.text ?? '';
  return reply;
}
`,
    models: ["helpdeskGpt4oMini: 'helpdesk-gpt-4o-mini'"],
  },
  {
    title: '@azure/openai before 1.0.0-beta.8: listChatCompletions(deployment, messages), its events read without `await` (mpodwysocki/openai-express)',
    code: `import { client } from '../lib/azure-sdk';

export async function stream(ticket: string): Promise<string> {
  const events = client.listChatCompletions('helpdesk-gpt-4o-mini', [{ role: 'user', content: ticket }]);
  let reply = '';
  for await (const event of events) reply += event.choices[0]?.delta?.content ?? '';
  return reply;
}
`,
    expected: `import { chatModel } from '../ai';

export async function stream(ticket: string): Promise<string> {
  const events = chatModel('helpdeskGpt4oMini').stream({ messages: [{ role: 'user', content: ticket }] });
  let reply = '';
  for await (const event of events) reply += event.text ?? '';
  return reply;
}
`,
    models: ["helpdeskGpt4oMini: 'helpdesk-gpt-4o-mini'"],
  },
  {
    title: "@azure/openai: the answer's role, read off the first choice kept in a variable, is the assistant's on every provider (the seam's constant)",
    code: `import { client } from '../lib/azure-sdk';

export async function reply(ticket: string): Promise<{ role: string; content: string }> {
  const response = await client.getChatCompletions('helpdesk-gpt-4o-mini', [{ role: 'user', content: ticket }]);
  const choice = response.choices[0];
  return { role: (choice?.message?.role ?? undefined) as string, content: choice?.message?.content ?? '' };
}
`,
    expected: `import { assistantRole } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function reply(ticket: string): Promise<{ role: string; content: string }> {
  const response = await chatModel('helpdeskGpt4oMini').complete({ messages: [{ role: 'user', content: ticket }] });
  const choice = response;
  return { role: (assistantRole ?? undefined) as string, content: choice?.text ?? '' };
}
`,
    models: ["helpdeskGpt4oMini: 'helpdesk-gpt-4o-mini'"],
  },
  {
    title: "openai: the answer's role read off the result",
    code: `import { openai } from '../lib/openai';

export async function reply(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return \`\${completion.choices[0].message.role}: \${completion.choices[0].message.content}\`;
}
`,
    expected: `import { assistantRole } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function reply(question: string): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  return \`\${assistantRole}: \${completion.text}\`;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: '@azure/openai getEmbeddings(deployment, input)',
    code: `import { client } from '../lib/azure-sdk';

export async function embed(text: string): Promise<number[]> {
  const result = await client.getEmbeddings('helpdesk-embeddings', [text]);
  return result.data[0].embedding;
}
`,
    expected: `import { embeddingModel } from '../ai';

export async function embed(text: string): Promise<number[]> {
  const result = await embeddingModel('helpdeskEmbeddings').embed({ input: [text] });
  return result.embeddings[0];
}
`,
    models: ["helpdeskEmbeddings: 'helpdesk-embeddings'"],
  },
  {
    title: 'names merge into an import of the seam that is already there',
    code: `import { chatModel } from '../ai';
import { openai } from '../lib/openai';

export async function both(text: string): Promise<string> {
  const vector = await openai.embeddings.create({ model: 'text-embedding-3-small', input: text });
  const reply = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: text }] });
  return \`\${vector.data[0].embedding.length} \${reply.text}\`;
}
`,
    expected: `import { chatModel, embeddingModel } from '../ai';

export async function both(text: string): Promise<string> {
  const vector = await embeddingModel('textEmbedding3Small').embed({ input: text });
  const reply = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: text }] });
  return \`\${vector.embeddings[0].length} \${reply.text}\`;
}
`,
    models: ["textEmbedding3Small: 'text-embedding-3-small'"],
    extra: {
      'src/ai/index.ts': "export { chatModel, embeddingModel } from './models';\n",
      'src/ai/config.ts': SMALL_CONFIG,
    },
  },
  {
    title: 'a model an earlier fix moved to the seam config (`models.gpt4oMini`) is used by its key; config.ts is not touched',
    code: `import { models } from '../ai/config';
import { openai } from '../lib/openai';

export async function ask(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: models.gpt4oMini, messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import { chatModel } from '../ai';

export async function ask(question: string): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  return completion.text ?? '';
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
    configUnchanged: true,
    extra: {
      'src/ai/index.ts': "export { chatModel } from './models';\n",
      'src/ai/config.ts': SMALL_CONFIG,
    },
  },
  {
    title: 'moderations.create: the seam\'s moderation model; the results are read as they were (destructured, then item by item)',
    code: `import { openai } from '../lib/openai';

export async function check(text: string): Promise<string[]> {
  const { results } = await openai.moderations.create({ model: 'omni-moderation-latest', input: text });
  const [first] = results;
  return first.flagged ? Object.keys(first.categories) : [];
}
`,
    expected: `import { moderationModel } from '../ai';

export async function check(text: string): Promise<string[]> {
  const result = await moderationModel('omniModerationLatest').moderate({ input: text });
  const [first] = result.results;
  return first.flagged ? Object.keys(first.categories) : [];
}
`,
    models: ["omniModerationLatest: 'omni-moderation-latest'"],
  },
  {
    title: '`n` becomes `candidateCount`; the choices read one by one become the candidates',
    code: `import { openai } from '../lib/openai';

export async function ideas(topic: string, count: number): Promise<string[]> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', n: count, messages: [{ role: 'user', content: topic }] });
  const reasons: string[] = [];
  for (const choice of completion.choices) reasons.push(choice.finish_reason);
  return [String(completion.choices.length), ...completion.choices.map((choice) => choice.message.content ?? ''), ...reasons];
}
`,
    expected: `import { chatModel } from '../ai';

export async function ideas(topic: string, count: number): Promise<string[]> {
  const completion = await chatModel('gpt4oMini').complete({ candidateCount: count, messages: [{ role: 'user', content: topic }] });
  const reasons: string[] = [];
  for (const choice of completion.candidates) reasons.push(choice.finishReason);
  return [String(completion.candidates.length), ...completion.candidates.map((choice) => choice.text ?? ''), ...reasons];
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'the vendor import and client stay while a call the fix refuses still uses them',
    code: `import OpenAI from 'openai';

const client = new OpenAI();

export async function ideas(topic: string): Promise<string[]> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', modalities: ['text'], messages: [{ role: 'user', content: topic }] });
  return completion.choices.map((choice) => choice.message.content ?? '');
}

export async function one(topic: string): Promise<string> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: topic }] });
  return completion.choices[0].message.content ?? '';
}
`,
    expected: `import OpenAI from 'openai';
import { models } from '../ai/config';
import { chatModel } from '../ai';

const client = new OpenAI();

export async function ideas(topic: string): Promise<string[]> {
  const completion = await client.chat.completions.create({ model: models.gpt4oMini, modalities: ['text'], messages: [{ role: 'user', content: topic }] });
  return completion.choices.map((choice) => choice.message.content ?? '');
}

export async function one(topic: string): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: topic }] });
  return completion.text ?? '';
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a destructured embeddings result: one result variable, each destructured name read through it',
    code: `import { openai } from '../lib/openai';

export async function nearest(query: string, vectors: number[][]): Promise<number> {
  const { data } = await openai.embeddings.create({ model: 'text-embedding-3-small', input: query });
  const queryVector = data[0].embedding;
  return vectors.findIndex((vector) => vector[0] === queryVector[0]);
}
`,
    expected: `import { embeddingModel } from '../ai';

export async function nearest(query: string, vectors: number[][]): Promise<number> {
  const result = await embeddingModel('textEmbedding3Small').embed({ input: query });
  const queryVector = result.embeddings[0];
  return vectors.findIndex((vector) => vector[0] === queryVector[0]);
}
`,
    models: ["textEmbedding3Small: 'text-embedding-3-small'"],
  },
  {
    title: 'a destructured chat result with a renamed property and usage; the name avoids one the file uses',
    code: `import { openai } from '../lib/openai';

const result = 'taken';

export async function ask(question: string): Promise<string> {
  const { choices: options, usage } = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return \`\${options[0].message.content} \${usage?.total_tokens} \${result}\`;
}
`,
    expected: `import { chatModel } from '../ai';

const result = 'taken';

export async function ask(question: string): Promise<string> {
  const result2 = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  return \`\${result2.text} \${result2.usage?.totalTokens} \${result}\`;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a messages array holding a template over several lines keeps its lines as they are (the text must not change)',
    code: `import { client } from '../lib/azure-sdk';

export async function answer(question: string, context: string): Promise<string> {
  const result = await client.getChatCompletions('gpt-4o-support', [
    { role: 'system', content: \`Answer from these articles:
  \${context}\` },
    { role: 'user', content: question },
  ]);
  return result.choices[0]?.message?.content ?? '';
}
`,
    expected: `import { chatModel } from '../ai';

export async function answer(question: string, context: string): Promise<string> {
  const result = await chatModel('gpt4oSupport').complete({
    messages: [
    { role: 'system', content: \`Answer from these articles:
  \${context}\` },
    { role: 'user', content: question },
  ],
  });
  return result.text ?? '';
}
`,
    models: ["gpt4oSupport: 'gpt-4o-support'"],
  },
  {
    title: 'a messages array opened on the call line is re-indented to its new place',
    code: `import { client } from '../lib/azure-sdk';

export async function answer(question: string): Promise<string> {
  const result = await client.getChatCompletions('gpt-4o-support', [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: question },
  ]);
  return result.choices[0]?.message?.content ?? '';
}
`,
    expected: `import { chatModel } from '../ai';

export async function answer(question: string): Promise<string> {
  const result = await chatModel('gpt4oSupport').complete({
    messages: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: question },
    ],
  });
  return result.text ?? '';
}
`,
    models: ["gpt4oSupport: 'gpt-4o-support'"],
  },
  {
    title: 'a private field that held the client goes once the wrap leaves it unused, then the vendor import',
    code: `import OpenAI from 'openai';

export class Classifier {
  private readonly client = new OpenAI({ maxRetries: 2 });
  readonly #spare = new OpenAI();

  constructor(private readonly label: string) {}

  async classify(text: string): Promise<string> {
    const completion = await this.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
    return \`\${this.label}: \${completion.choices[0].message.content}\`;
  }
}
`,
    expected: `import { chatModel } from '../ai';

export class Classifier {
  constructor(private readonly label: string) {}

  async classify(text: string): Promise<string> {
    const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: text }] });
    return \`\${this.label}: \${completion.text}\`;
  }
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a private client field still used elsewhere in the class stays, and so does its import',
    code: `import OpenAI from 'openai';

export class Classifier {
  private readonly client = new OpenAI();

  async classify(text: string): Promise<string> {
    const completion = await this.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
    return completion.choices[0].message.content ?? '';
  }

  models(): unknown {
    return this.client.models.list();
  }
}
`,
    expected: `import OpenAI from 'openai';
import { chatModel } from '../ai';

export class Classifier {
  private readonly client = new OpenAI();

  async classify(text: string): Promise<string> {
    const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: text }] });
    return completion.text ?? '';
  }

  models(): unknown {
    return this.client.models.list();
  }
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: '@azure/openai getEmbeddings items read in a loop for `embedding` and `index`: a loop over the neutral vectors',
    code: `import { client } from '../lib/azure-sdk';

declare function store(id: string, vector: number[]): void;

export async function reindex(ids: string[], texts: string[]): Promise<void> {
  const result = await client.getEmbeddings('text-embedding-3-small', texts);
  for (const item of result.data) store(ids[item.index], item.embedding);
}
`,
    expected: `import { embeddingModel } from '../ai';

declare function store(id: string, vector: number[]): void;

export async function reindex(ids: string[], texts: string[]): Promise<void> {
  const result = await embeddingModel('textEmbedding3Small').embed({ input: texts });
  for (const [itemIndex, item] of result.embeddings.entries()) store(ids[itemIndex], item);
}
`,
    models: ["textEmbedding3Small: 'text-embedding-3-small'"],
  },
  {
    title: 'openai v4 embeddings items read in a loop for `embedding` only; comments that described removed declarations go with them',
    code: `// Embeddings for the search index.
import OpenAI from 'openai';

// The one client of this module.
const client = new OpenAI();
const kept = 1; // a trailing comment stays with its own line
// Must match the model the index was built with.
const EMBEDDING_MODEL = 'text-embedding-3-small';

export async function vectors(texts: string[]): Promise<number[][]> {
  const response = await client.embeddings.create({ model: EMBEDDING_MODEL, input: texts });
  const found: number[][] = [];
  for (const datum of response.data) {
    found.push(datum.embedding);
  }
  return found.slice(kept);
}
`,
    expected: `// Embeddings for the search index.
import { embeddingModel } from '../ai';

const kept = 1; // a trailing comment stays with its own line

export async function vectors(texts: string[]): Promise<number[][]> {
  const response = await embeddingModel('textEmbedding3Small').embed({ input: texts });
  const found: number[][] = [];
  for (const datum of response.embeddings) {
    found.push(datum);
  }
  return found.slice(kept);
}
`,
    models: ["textEmbedding3Small: 'text-embedding-3-small'"],
  },
];

/** The files of a TypeScript seam generated now under src/ai/, each as `edit` leaves it (to stand for one an earlier aidlint made). */
function generatedSeam(edit: (file: { relativePath: string; text: string }) => string = (file) => file.text): Record<string, string> {
  return Object.fromEntries(generateSeam({ language: 'ts', module: 'cjs', importSuffix: '', typeImports: false }).map((file) => [`src/ai/${file.relativePath}`, edit(file)]));
}

interface RefusalCase {
  title: string;
  /** The body of `run(question, messages)`, with `openai` (v4), `images` and `send` in scope. */
  body: string;
  reason: string;
}

const REFUSALS: RefusalCase[] = [
  ...STREAM_REFUSALS,
  ...RESPONSE_EVENT_REFUSALS,
  ...PARSE_REFUSALS,
  ...LEGACY_FUNCTION_REFUSALS,
  ...TOOL_CHOICE_REFUSALS,
  ...RUNNER_REFUSALS,
  {
    title: 'a request option the neutral interface does not carry',
    body: "const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] }, { idempotencyKey: 'k1' });\n  return c.choices[0].message.content;",
    reason: "the request option `idempotencyKey: 'k1'` has no equivalent in the provider-neutral interface",
  },
  {
    title: '`n` on a stream (a neutral stream carries one answer)',
    body: "const s = await openai.chat.completions.create({ model: 'gpt-4o-mini', n: 2, stream: true, messages: [{ role: 'user', content: question }] });\n  for await (const chunk of s) send(chunk.choices[0]?.delta.content);",
    reason: 'option `n` has no equivalent in the provider-neutral interface',
  },
  {
    title: 'a choice read for a field a candidate lacks',
    body: "const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', n: 2, messages: [{ role: 'user', content: question }] });\n  return c.choices.map((choice) => choice.logprobs);",
    reason: "a `choices` item is used for more than `message.content`, `finish_reason`, `finishReason`, and converted back to the SDK's shape it would lack `logprobs`, which the code reads",
  },
  {
    title: 'audio output (`modalities`)',
    body: "const c = await openai.chat.completions.create({ model: 'gpt-4o-audio-preview', modalities: ['text', 'audio'], messages: [{ role: 'user', content: question }] });\n  return c.choices[0].message.content;",
    reason: 'option `modalities` has no equivalent in the provider-neutral interface',
  },
  {
    title: "the SDK stream helper's log probability events, where the request does not ask for them",
    body: "const s = openai.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] }).on('logprobs.content.delta', (event) => send(event.content));\n  return (await s.finalChatCompletion()).choices[0].message.content;",
    reason: "the SDK stream's own `on` is used, which the neutral stream lacks",
  },
  {
    title: 'a Responses API request run in the background (`background: true`, resumed later by its id): an OpenAI-only feature',
    body: "const r = await openai.responses.create({ model: 'gpt-4o-mini', input: question, background: true });\n  return r.id;",
    reason: 'OpenAI-only feature (background mode, `background`): no neutral equivalent',
  },
  {
    title: "Azure OpenAI On Your Data (`data_sources`): an Azure-only feature",
    body: "const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], data_sources: [] } as never);\n  return c.choices[0].message.content;",
    reason: 'Azure OpenAI-only feature (On Your Data, `data_sources`): no neutral equivalent',
  },
  {
    title: "a stream read for a member of the SDK's stream the helper does not have",
    body: "const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages });\n  return stream.tee();",
    reason: "the SDK stream's own `tee` is used, which the neutral stream lacks",
  },
  {
    title: 'a Responses API result handed on whole: the converted one has only the members the neutral result carries',
    body: "const r = await openai.responses.create({ model: 'gpt-4o-mini', input: question });\n  send(r.output);\n  return send(r);",
    reason: "the result is used as the SDK's type (output), and converted back to the SDK's shape it would lack the SDK's other fields",
  },
  {
    title: 'a Responses API result read for a member the converted one does not have',
    body: "const r = await openai.responses.create({ model: 'gpt-4o-mini', input: question });\n  send(r.output);\n  return r.model;",
    reason: "the result is used as the SDK's type (output), and converted back to the SDK's shape it would lack `model`",
  },
  {
    title: 'a result handed on while a field the converted result lacks is read',
    body: "const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });\n  send(c);\n  return c.system_fingerprint;",
    reason: "the result is passed on (to `send`), and converted back to the SDK's shape it would lack `system_fingerprint`, which the code reads",
  },
  {
    title: 'a result variable typed by the code, handed on',
    body: "const c: object = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });\n  return send(c);",
    reason: 'the result variable is declared with the SDK type',
  },
  {
    title: 'a field the neutral result lacks',
    body: "const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });\n  return c.created;",
    reason: "the result is used as the SDK's type (created)",
  },
  {
    title: 'legacy completions with a list of prompts (a completion of each)',
    body: "const c = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: [question, question] });\n  return c.choices[0].text;",
    reason: 'a list of prompts asks for a completion of each (a batch), which the neutral request (one conversation) cannot ask',
  },
  {
    title: 'legacy completions with a prompt the fix cannot see to be text',
    body: "const c = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: messages.map((message) => message.content) });\n  return c.choices[0].text;",
    reason: 'the `prompt` is not a text the fix can see (a list of prompts or tokens has no neutral form)',
  },
  {
    title: 'legacy completions with a prompt from a local function that may give a list',
    body: "const promptOf = (text: string) => (text.length > 80 ? [text.slice(0, 80), text.slice(80)] : text);\n  const c = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: promptOf(question) });\n  return c.choices[0].text;",
    reason: 'the `prompt` is not a text the fix can see (a list of prompts or tokens has no neutral form)',
  },
  {
    title: 'a streamed legacy completion',
    body: "const s = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: question, stream: true });\n  for await (const chunk of s) send(chunk.choices[0]?.text);",
    reason: 'a streamed legacy completions call is not wrapped yet',
  },
  {
    title: 'a background response resumed by `response_id` (OpenAI-only)',
    body: "for await (const event of openai.responses.stream({ response_id: question, starting_after: 10 })) if (event.type === 'response.output_text.delta') send(event.delta);",
    reason: 'OpenAI-only feature (a background response resumed by `response_id`): no neutral equivalent',
  },
  {
    title: "the SDK's raw HTTP response (`.withResponse()`)",
    body: "const { data, response } = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: question }).withResponse();\n  return [data.choices[0].text, response.headers.get('x-request-id')];",
    reason: "the raw HTTP response is read (`.withResponse()`): the seam gives results, not the provider's HTTP responses",
  },
  {
    title: 'images.generate',
    body: "const image = await openai.images.generate({ model: 'dall-e-3', prompt: question });\n  return image.data?.length;",
    reason: 'OpenAI-only feature (image generation): no neutral equivalent',
  },
  {
    title: 'a Responses API beta (multi-agent runs, asked for in `betas`)',
    body: "const stream = await openai.beta.responses.create({ model: 'gpt-4o-mini', input: question, stream: true, betas: ['responses_multi_agent=v1'] } as never);\n  return send(stream);",
    reason: 'OpenAI-only feature (Responses API betas): no neutral equivalent',
  },
];

/** Results handed on where the neutral one, converted or not, would not do the same; requests that stream or not at run time; options the fix cannot see. */
const PASSED_ON_REFUSALS: RefusalCase[] = [
  {
    title: '`stream` a boolean chosen at run time',
    body: "const streaming: boolean = question.length > 80;\n  return send(await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: streaming }));",
    reason: 'the call streams or not as `stream: streaming` (a boolean) says at run time, and a neutral call does one or the other: write one call per case',
  },
  {
    title: 'a request from an overloaded function called with a value that is not a literal: the overload it takes is the checker\'s business',
    body: "type ParamsStreaming = { model: string; messages: typeof messages; stream: true };\n  type ParamsNonStreaming = { model: string; messages: typeof messages };\n  async function params(stream: true): Promise<ParamsStreaming>;\n  async function params(stream: false): Promise<ParamsNonStreaming>;\n  async function params(stream: boolean) {\n    return stream ? { model: 'gpt-4o-mini', messages, stream } : { model: 'gpt-4o-mini', messages };\n  }\n  const request = await params(question === '' as never);\n  return send(await openai.chat.completions.create(request));",
    reason: 'it cannot be told whether the request streams (its `stream` is not a plain true or false the fix can see)',
  },
  {
    title: "a stream returned to a caller that reads the SDK stream's own members: not converted at the call either",
    body: "const open = async () => await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages });\n  const stream = await open();\n  return stream.controller.signal.aborted;",
    reason: "the result of `open()` (file.ts line 7): the SDK stream's own `controller` is used, which the neutral stream lacks",
  },
  {
    title: 'request options in a value of unknown fields',
    body: "const options = JSON.parse(question);\n  const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages }, options);\n  return c.choices[0].message.content;",
    reason: 'the request options `options` are a value whose fields the fix cannot see (the neutral ones carry `signal`, `timeout`, `maxRetries` and `headers`)',
  },
  {
    title: "the SDK stream helper's events for what the neutral chunks do not carry (log probabilities)",
    body: "const stream = openai.chat.completions.stream({ model: 'gpt-4o-mini', messages }).on('content', (delta) => send(delta)).on('logprobs.content.delta', (event) => send(event));\n  for await (const chunk of stream) send(chunk.choices[0]?.delta.content);",
    reason: "the SDK stream's own `on` is used, which the neutral stream lacks",
  },
  {
    title: "the SDK stream helper's parsed output (from the request's `response_format`), which the helper made from the neutral chunks does not parse",
    body: "const stream = openai.chat.completions.stream({ model: 'gpt-4o-mini', messages, response_format: { type: 'json_object' } }).on('content.done', (done) => send(done.parsed));\n  return stream.done();",
    reason: "the SDK stream's own `on` is used, which the neutral stream lacks, and converted back to the SDK's shape it would lack `parsed`, which the code reads",
  },
  {
    title: "the SDK stream helper's events named by a variable",
    body: "const event = question as 'content';\n  const stream = openai.chat.completions.stream({ model: 'gpt-4o-mini', messages }).on(event, (delta) => send(delta));\n  return stream.finalContent();",
    reason: "the SDK stream's own `on` is used, which the neutral stream lacks",
  },
  {
    title: 'a stream checked with instanceof',
    body: "const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages });\n  return stream instanceof Array ? send(stream) : undefined;",
    reason: 'the stream is checked with `instanceof`',
  },
  {
    title: 'a constant request changed after it is written (the fix cannot see whether it asks for legacy functions), its stream handed on',
    body: "const params = { model: 'gpt-4o-mini', stream: true as const, messages };\n  Object.assign(params, { stream_options: { include_usage: true } });\n  return send(await openai.chat.completions.create(params));",
    reason: "the stream is passed on (to `send`), and converted back to the SDK's shape it would lack the legacy function calls the request may ask for",
  },
  {
    title: '`stream` in a conditional spread',
    body: "return send(await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, ...(question ? { stream: true } : {}) }));",
    reason: 'the request spreads `model` or `stream` in conditionally, so the fix cannot tell which is sent',
  },
  {
    title: 'a stream handed on in a loop whose body reads `system_fingerprint` before the call (a later turn may read it)',
    body: "for (const q of [question]) {\n    const more = (send(q) as { system_fingerprint?: string }).system_fingerprint;\n    await send(await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [...messages, { role: 'user', content: String(more) }] }));\n  }\n  return undefined;",
    reason: "the stream is passed on (to `send`), and converted back to the SDK's shape it would lack `system_fingerprint`, which the code reads",
  },
];

function refusalSource(body: string): string {
  return `import { openai } from '../lib/openai';

declare function send(value: unknown): unknown;

export async function run(question: string, messages: Array<{ role: 'user'; content: string }>): Promise<unknown> {
  ${body}
}
`;
}

describe('fixes/wrap: the wrap fix, shape by shape', () => {
  let root: string;

  beforeEach(() => {
    root = makeTempDir();
  });

  afterEach(() => {
    removeTempDir(root);
  });

  for (const testCase of CASES) {
    it(testCase.title, () => {
      const target = project(root, testCase.code, testCase.extra);
      const { text, seams, skipped } = fixAll(target);
      assert.equal(text, testCase.expected, `skipped: ${skipped.join('; ')}`);

      // The model entries, in the seam's config (created, or extended by an edit).
      const [plan] = seams.values();
      const configFile = path.join(root, 'src/ai/config.ts');
      const config = plan.changes().find((change) => change.filePath === configFile);
      assert.equal(config === undefined, testCase.configUnchanged ?? false, 'the seam config is created or extended only when it needs to be');
      const configText = config ? (config.create?.content ?? applyChanges(target.files.get(configFile)!, config.changes)) : target.files.get(configFile)!;
      for (const entry of testCase.models) {
        const [key, value] = entry.split(': ');
        const line = configText.split('\n').find((candidate) => candidate.trimStart().startsWith(`${key}: `));
        assert.ok(line?.includes(value), `config.ts has ${key} with the default ${value}:\n${configText}`);
      }

      // Converged: the fixed text has no call left to wrap.
      const again = fixFile(target.input(text), new Map());
      assert.deepEqual(again.applied.filter((fix) => fix.kind === 'wrap-call'), []);
    });
  }

  it('a second fix-all on the same text changes nothing more once the seam exists (idempotence)', () => {
    const first = project(root, CASES[1].code);
    const { text, seams } = fixAll(first);
    const second = project(
      root,
      text!,
      Object.fromEntries([...seams.values()].flatMap((plan) => plan.changes()).map((change) => [path.relative(root, change.filePath), change.create?.content ?? ''])),
    );
    const again = fixFile(second.input(), new Map());
    assert.equal(again.text, undefined, 'nothing left to fix');
    assert.deepEqual(again.applied, []);
  });

  it('a file without imports gets the seam import above its first declaration\'s doc comment, below a header comment', () => {
    const body = `/** The part of the response this module reads. */
interface Answer {
  choices: Array<{ message: { content: string | null } }>;
}

export async function ask(): Promise<Answer> {
  return (await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST' })).json() as Promise<Answer>;
}
`;
    const withDoc = fixAll(project(root, body)).text!;
    assert.equal(withDoc.split('\n').slice(0, 3).join('\n'), "import { endpoints } from '../ai/config';\n\n/** The part of the response this module reads. */");
    const header = '// Copyright Contoso. Internal use only.\n\n';
    const withHeader = fixAll(project(root, header + body)).text!;
    assert.ok(withHeader.startsWith(`${header}import { endpoints } from '../ai/config';\n\n/** The part`), withHeader);
  });

  it('values read from the environment only for the client that goes, go with it (noUnusedLocals projects; mpodwysocki/openai-express)', () => {
    const code = `import { AzureOpenAI } from 'openai';

export async function ask(question: string): Promise<string> {
  const endpoint = process.env['AZURE_OPENAI_ENDPOINT']!;
  const apiKey = process.env['AZURE_OPENAI_API_KEY']!;
  const label = process.env['APP_LABEL'] ?? 'helpdesk';
  const client = new AzureOpenAI({ endpoint, apiKey, apiVersion: '2024-10-21' });
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return \`\${label}: \${completion.choices[0].message.content ?? ''}\`;
}
`;
    const text = fixAll(project(root, code)).text!;
    assert.match(text, /chatModel\('gpt4oMini'\)\.complete/);
    assert.doesNotMatch(text, /const endpoint|const apiKey|new AzureOpenAI/);
    assert.match(text, /const label = process\.env\['APP_LABEL'\] \?\? 'helpdesk';/, 'a value still used stays');
  });

  it('a file that imports project modules through a tsconfig path alias imports the seam through it too', () => {
    const tsconfig = JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true, baseUrl: '.', paths: { '@/*': ['src/*'] } } });
    const code = `import { openai } from '@/lib/openai';

export async function ask(question: string): Promise<string | null> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content;
}
`;
    assert.equal(fixAll(project(root, code, { 'tsconfig.json': tsconfig })).text!.split('\n')[0], "import { chatModel } from '@/ai';");
    // Relative imports only: a relative seam import, though the alias exists.
    const relative = code.replace('@/lib/openai', '../lib/openai');
    assert.equal(fixAll(project(root, relative, { 'tsconfig.json': tsconfig })).text!.split('\n')[0], "import { chatModel } from '../ai';");
  });

  describe('refusals: offered disabled, with the reason', () => {
    for (const refusal of [...REFUSALS, ...PASSED_ON_REFUSALS]) {
      it(refusal.title, () => {
        const target = project(root, refusalSource(refusal.body));
        const wraps = fixesForFile(target.input()).filter((fix) => fix.kind === 'wrap-call');
        assert.equal(wraps.length, 1);
        assert.equal(wraps[0].disabledReason, `Cannot wrap this call: ${refusal.reason}.`);
        assert.deepEqual(wraps[0].changes, [], 'a disabled fix carries no edit');
        // Fix-all leaves the call as it is.
        const { text } = fixAll(target);
        assert.ok((text ?? refusalSource(refusal.body)).includes('openai.'), 'the vendor call is still there');
      });
    }

    it('a request a method returns on one of two paths: whether it streams cannot be told', () => {
      const code = CASES.find((testCase) => testCase.title.startsWith('a request a method of the same class returns in an object'))!.code.replace(
        '    const note = ',
        "    if (question.endsWith('!')) return { request: { model: this.model, messages: [], stream: true as const }, note: '' };\n    const note = ",
      );
      assert.deepEqual(
        fixesForFile(project(root, code).input()).filter((fix) => fix.kind === 'wrap-call').map((fix) => fix.disabledReason),
        ['Cannot wrap this call: it cannot be told whether the request streams (its `stream` is not a plain true or false the fix can see).'],
      );
    });

    for (const declared of ['^4.23.0', '^4.57.1']) {
      it(`a project on an older openai 4 (${declared}: before AzureOpenAI, or before the Responses API types the seam uses): the wrap raises its range within the major, and says to install`, () => {
        const target = project(root, CASES.find((testCase) => testCase.title.startsWith('openai v4 chat: one line'))!.code, {
          'package.json': JSON.stringify({ name: 'old-four', devDependencies: { openai: declared } }, null, 2),
        });
        const wrap = fixesForFile(target.input()).find((fix) => fix.kind === 'wrap-call');
        assert.equal(wrap?.disabledReason, undefined);
        const manifest = wrap!.changes.find((change) => change.filePath === path.join(root, 'package.json'));
        assert.ok(manifest, 'package.json is edited');
        assert.deepEqual(JSON.parse(applyChanges(target.files.get(manifest.filePath)!, manifest.changes)).devDependencies, { openai: '^4.104.0' });
        assert.equal(manifest.notice?.message, `The seam needs openai 4.104 or later: openai ${declared} was raised to ^4.104.0 in ${manifest.filePath}; run \`npm install\` to install it.`);
      });
    }

    it('a project on openai v3: no seam can be made, so neither wraps nor config moves apply', () => {
      const target = project(root, CASES.find((testCase) => testCase.title.startsWith('openai v3 createChatCompletion'))!.code, { 'package.json': JSON.stringify({ dependencies: { openai: '^3.3.0' } }) });
      const reason = "the seam's adapters need openai 4.104 or later and this project depends on openai ^3.3.0; upgrade it first (the fix on its `new OpenAIApi(…)` moves the whole project when every v3 use can go)";
      const fixes = fixesForFile(target.input());
      assert.deepEqual(
        fixes.map((fix) => [fix.kind, fix.disabledReason]),
        [
          ['wrap-call', `Cannot wrap this call: ${reason}.`],
          ['config-literal', `Cannot move it to the seam's configuration: ${reason}.`],
        ],
      );
      assert.equal(fixAll(target).text, undefined);
    });
  });

  describe('each wrapped call keeps the connection of its client', () => {
    /** The seam's config after fix-all of the file under test (created or edited). */
    const configAfter = (target: Project, seams: Map<string, SeamPlan>): string => {
      const configFile = path.join(target.root, 'src/ai/config.ts');
      const change = [...seams.values()].flatMap((plan) => plan.changes()).find((candidate) => candidate.filePath === configFile);
      const original = target.files.get(configFile) ?? '';
      return change ? (change.create?.content ?? applyChanges(original, change.changes)) : original;
    };
    /** The lines inside `export const <name> … = { … };`. */
    const section = (config: string, name: string): string[] => {
      const start = config.indexOf(`export const ${name}`);
      return config.slice(config.indexOf('{', start) + 1, config.indexOf('\n};', start)).split('\n').filter(Boolean);
    };
    const wrapReasons = (target: Project) => fixesForFile(target.input()).filter((fix) => fix.kind === 'wrap-call').map((fix) => fix.disabledReason);
    const bothProviders = `import { openai } from '../lib/openai';
import { client } from '../lib/azure-sdk';

export async function both(question: string): Promise<string[]> {
  const a = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  const b = await client.getChatCompletions('gpt-4o-mini', [{ role: 'user', content: question }]);
  return [a.choices[0].message.content ?? '', b.choices[0].message?.content ?? ''];
}
`;

    it('two clients, two connections: the same model on each gets its own entry, and @azure/openai keeps its API version', () => {
      const target = project(root, bothProviders);
      const { text, seams } = fixAll(target);
      const config = configAfter(target, seams);
      assert.match(text!, /chatModel\('gpt4oMini'\)\.complete/);
      assert.match(text!, /chatModel\('gpt4oMiniAzureOpenAI'\)\.complete/);
      assert.deepEqual(section(config, 'models'), [
        "  gpt4oMini: env('AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini'),",
        "  gpt4oMiniAzureOpenAI: env('AI_MODEL_GPT_4O_MINI_AZURE_OPENAI', 'gpt-4o-mini'),",
      ]);
      assert.deepEqual(section(config, 'modelConnections'), [
        "  gpt4oMini: env('AI_MODEL_GPT_4O_MINI_CONNECTION', 'openai'),",
        "  gpt4oMiniAzureOpenAI: env('AI_MODEL_GPT_4O_MINI_AZURE_OPENAI_CONNECTION', 'azureOpenAI'),",
      ]);
      assert.deepEqual(section(config, 'connections'), [
        '  openai: {',
        "    provider: 'openai',",
        '    options: () => ({',
        '      apiKey: process.env.OPENAI_API_KEY,',
        '    }),',
        '  },',
        '  azureOpenAI: {',
        "    provider: 'azure-openai',",
        '    options: () => ({',
        '      endpoint: process.env.AZURE_OPENAI_ENDPOINT,',
        '      apiKey: process.env.AZURE_OPENAI_API_KEY,',
        '      apiVersion: apiVersions.azureOpenAI,',
        '      baseURL: null,',
        '    }),',
        '  },',
      ]);
      // The SDK's built-in API version, written out: the call sends the version it sent before.
      assert.deepEqual(section(config, 'apiVersions'), ["  azureOpenAI: env('AZURE_OPENAI_API_VERSION', '2024-03-01-preview'),"]);
    });

    it('two Azure resources: each keeps its endpoint, its key variable and its API version; a literal key moves to a variable of its own', () => {
      const target = project(
        root,
        `import { AzureOpenAI } from 'openai';
import { AzureKeyCredential, OpenAIClient } from '@azure/openai';

const helpdesk = new AzureOpenAI({ endpoint: 'https://contoso-helpdesk.openai.azure.com', apiKey: process.env.AZURE_OPENAI_KEY, apiVersion: '2024-10-21' });
const reports = new OpenAIClient('https://contoso-reports-we.openai.azure.com/', new AzureKeyCredential('0123456789abcdef0123456789abcdef'));

export async function both(question: string): Promise<string[]> {
  const a = await helpdesk.chat.completions.create({ model: 'helpdesk-gpt-4o', messages: [{ role: 'user', content: question }] });
  const b = await reports.getChatCompletions('reports-gpt-4o', [{ role: 'user', content: question }]);
  return [a.choices[0].message.content ?? '', b.choices[0].message?.content ?? ''];
}
`,
      );
      const { text, seams } = fixAll(target);
      const config = configAfter(target, seams);
      assert.doesNotMatch(text!, /new AzureOpenAI|new OpenAIClient|@azure\/openai|from 'openai'/, 'both clients and their imports go');
      assert.deepEqual(section(config, 'connections'), [
        '  contosoHelpdesk: {',
        "    provider: 'azure-openai',",
        '    options: () => ({',
        '      endpoint: endpoints.contosoHelpdesk,',
        '      apiKey: process.env.AZURE_OPENAI_KEY,',
        '      apiVersion: apiVersions.azureOpenAI,',
        '    }),',
        '  },',
        '  contosoReportsWe: {',
        "    provider: 'azure-openai',",
        '    options: () => ({',
        '      endpoint: endpoints.contosoReportsWe,',
        '      apiKey: process.env.CONTOSO_REPORTS_WE_API_KEY,',
        '      apiVersion: apiVersions.azureOpenAI2,',
        '      baseURL: null,',
        '    }),',
        '  },',
      ]);
      assert.deepEqual(section(config, 'endpoints'), [
        "  contosoHelpdesk: env('AZURE_OPENAI_ENDPOINT_CONTOSO_HELPDESK', 'https://contoso-helpdesk.openai.azure.com'),",
        "  contosoReportsWe: env('AZURE_OPENAI_ENDPOINT_CONTOSO_REPORTS_WE', 'https://contoso-reports-we.openai.azure.com/'),",
      ]);
      assert.deepEqual(section(config, 'apiVersions'), [
        "  azureOpenAI: env('AZURE_OPENAI_API_VERSION', '2024-10-21'),",
        "  azureOpenAI2: env('AZURE_OPENAI_API_VERSION_2', '2024-03-01-preview'),",
      ]);
      assert.deepEqual(section(config, 'modelConnections'), [
        "  helpdeskGpt4o: env('AI_MODEL_HELPDESK_GPT_4O_CONNECTION', 'contosoHelpdesk'),",
        "  reportsGpt4o: env('AI_MODEL_REPORTS_GPT_4O_CONNECTION', 'contosoReportsWe'),",
      ]);
      assert.doesNotMatch(config, /0123456789abcdef/, 'the key never reaches the config');
    });

    it("a local server's placeholder key is carried as written (the request needs it); a key that could be a secret moves to a variable", () => {
      const target = project(
        root,
        `import OpenAI from 'openai';

const local = new OpenAI({ baseURL: 'http://localhost:1234/v1', apiKey: 'lm-studio' });
const hosted = new OpenAI({ baseURL: 'https://llm.example.com/v1', apiKey: 'k8Hq2ZpLw7Rt' });

export async function both(question: string): Promise<string[]> {
  const a = await local.chat.completions.create({ model: 'qwen2.5-7b', messages: [{ role: 'user', content: question }] });
  const b = await hosted.chat.completions.create({ model: 'llama-3.1-70b', messages: [{ role: 'user', content: question }] });
  return [a.choices[0].message.content ?? '', b.choices[0].message.content ?? ''];
}
`,
      );
      const { seams } = fixAll(target);
      const connections = section(configAfter(target, seams), 'connections').join('\n');
      assert.match(connections, /apiKey: 'lm-studio',/);
      assert.doesNotMatch(connections, /k8Hq2ZpLw7Rt/);
      assert.match(connections, /apiKey: process\.env\.\w+_API_KEY,/);
    });

    it('Microsoft Entra ID: the credential becomes a token provider of @azure/identity, imported into the config', () => {
      const target = project(
        root,
        `import { DefaultAzureCredential } from '@azure/identity';
import { OpenAIClient } from '@azure/openai';

const client = new OpenAIClient(process.env.REPORTS_ENDPOINT!, new DefaultAzureCredential(), { apiVersion: '2024-06-01' });

export async function ask(question: string): Promise<string> {
  const result = await client.getChatCompletions('reports', [{ role: 'user', content: question }]);
  return result.choices[0].message?.content ?? '';
}
`,
      );
      const { text, seams } = fixAll(target);
      const config = configAfter(target, seams);
      assert.doesNotMatch(text!, /@azure\/identity|@azure\/openai/);
      assert.match(config, /^import \{ DefaultAzureCredential, getBearerTokenProvider \} from '@azure\/identity';\n|^import \{ getBearerTokenProvider, DefaultAzureCredential \} from '@azure\/identity';\n/m);
      assert.deepEqual(section(config, 'connections'), [
        '  reports: {',
        "    provider: 'azure-openai',",
        '    options: () => ({',
        '      endpoint: process.env.REPORTS_ENDPOINT,',
        "      azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), 'https://cognitiveservices.azure.com/.default'),",
        '      apiVersion: apiVersions.azureOpenAI,',
        '      baseURL: null,',
        '    }),',
        '  },',
      ]);
    });

    it('a gateway: baseURL, organization, project, default headers and query, timeout and retries are carried as written, through constants', () => {
      const target = project(
        root,
        `import OpenAI from 'openai';

const GATEWAY = 'https://llm-gateway.example.com/v1';
const headers = { 'x-team': 'support', 'x-trace': process.env.TRACE_ID ?? 'none' };

const gateway = new OpenAI({
  baseURL: GATEWAY,
  organization: 'org-support',
  project: process.env.OPENAI_PROJECT,
  defaultHeaders: headers,
  defaultQuery: { tenant: 'eu' },
  timeout: 20_000,
  maxRetries: 5,
});

export async function ask(question: string): Promise<string> {
  const completion = await gateway.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}
`,
      );
      const config = configAfter(target, fixAll(target).seams);
      assert.deepEqual(section(config, 'connections'), [
        '  llmGatewayExample: {',
        "    provider: 'openai',",
        '    options: () => ({',
        '      baseURL: endpoints.llmGatewayExampleCom,',
        "      organization: 'org-support',",
        '      project: process.env.OPENAI_PROJECT,',
        "      defaultHeaders: { 'x-team': 'support', 'x-trace': process.env.TRACE_ID ?? 'none' },",
        "      defaultQuery: { tenant: 'eu' },",
        '      timeout: 20_000,',
        '      maxRetries: 5,',
        '      apiKey: process.env.OPENAI_API_KEY,',
        '    }),',
        '  },',
      ]);
    });

    describe("a third-party `provider` (Amazon Bedrock through openai's own client): carried with its import, and no OpenAI key beside it", () => {
      const code = `import OpenAI from 'openai';
import { bedrock } from 'openai/providers/bedrock/aws';

const client = new OpenAI({ provider: bedrock({ region: 'us-west-2', baseURL: process.env.BEDROCK_BASE_URL }) });

export async function hello(): Promise<string> {
  const response = await client.responses.create({ model: 'openai.gpt-5.4', input: 'Say hello!' });
  return response.output_text;
}
`;
      const expected = [
        '  bedrockResponses: {',
        "    provider: 'openai',",
        "    api: 'responses',",
        '    options: () => ({',
        "      provider: bedrock({ region: 'us-west-2', baseURL: process.env.BEDROCK_BASE_URL }),",
        '    }),',
        '  },',
      ];

      it('as a package', () => {
        const target = project(root, code);
        const config = configAfter(target, fixAll(target).seams);
        assert.deepEqual(section(config, 'connections'), expected);
        assert.match(config, /import \{ bedrock \} from 'openai\/providers\/bedrock\/aws';/);
      });

      it("in the SDK's own repository, where a path alias resolves `openai/…` into the workspace: still the package", () => {
        const target = project(root, code, {
          'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true, paths: { 'openai/*': ['./sdk/*'] } } }),
          'sdk/providers/bedrock/aws.ts': "import { makeProvider } from '../../internal';\nexport function bedrock(options: { region?: string; baseURL?: string }) {\n  return makeProvider(options);\n}\n",
          'sdk/internal.ts': 'export function makeProvider(options: object) {\n  return { options };\n}\n',
        });
        assert.deepEqual(section(configAfter(target, fixAll(target).seams), 'connections'), expected);
      });
    });

    it('a moderation model goes through its OpenAI connection (the seam never moves it to Azure OpenAI, which has none)', () => {
      const target = project(root, "import { openai } from '../lib/openai';\n\nexport const check = async (text: string) => (await openai.moderations.create({ model: 'omni-moderation-latest', input: text })).results[0].flagged;\n");
      const { text, seams } = fixAll(target);
      assert.match(text!, /moderationModel\('omniModerationLatest'\)\.moderate\(\{ input: text \}\)\)\.results\[0\]\.flagged/);
      assert.deepEqual(section(configAfter(target, seams), 'modelConnections'), ["  omniModerationLatest: env('AI_MODEL_OMNI_MODERATION_LATEST_CONNECTION', 'openai'),"]);
    });

    it('a model moved to the config from a client with a deployment is connected to that client', () => {
      const target = project(root, `import { AzureOpenAI } from 'openai';
import { openai } from '../lib/openai';

const eu = new AzureOpenAI({ apiVersion: '2024-10-21', deployment: 'gpt-4o-eu' });

export async function ask(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? eu.apiKey;
}
`);
      const config = configAfter(target, fixAll(target).seams);
      assert.deepEqual(section(config, 'models'), [
        "  gpt4oMini: env('AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini'),",
        "  gpt4oEu: env('AI_MODEL_GPT_4O_EU', 'gpt-4o-eu'),",
      ]);
      assert.deepEqual(section(config, 'modelConnections'), [
        "  gpt4oMini: env('AI_MODEL_GPT_4O_MINI_CONNECTION', 'openai'),",
        // The deployment's own client says where it is served, even with no call to wrap.
        "  gpt4oEu: env('AI_MODEL_GPT_4O_EU_CONNECTION', 'azureOpenAI'),",
      ]);
    });

    it('refused, naming what a connection cannot carry: a custom fetch, an httpAgent, a client changed later, spread or run-time options', () => {
      const refusal = (construction: string, after = '') =>
        wrapReasons(
          project(
            root,
            `import OpenAI from 'openai';
import { HttpsProxyAgent } from 'https-proxy-agent';

function keyOf(tenant: string): string {
  return process.env['KEY_' + tenant] ?? '';
}
const shared = { timeout: 1000 };
const client = ${construction};
${after}
export async function ask(question: string, tenant: string): Promise<string> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? keyOf(tenant);
}
`,
          ),
        )[0];
      assert.equal(refusal('new OpenAI({ fetch: globalThis.fetch })'), 'Cannot wrap this call: the client is made with a custom `fetch`, which a connection of the seam cannot carry.');
      assert.equal(refusal("new OpenAI({ httpAgent: new HttpsProxyAgent('http://proxy:8080') })"), 'Cannot wrap this call: the client is made with a custom `httpAgent`, which a connection of the seam cannot carry.');
      assert.equal(refusal('new OpenAI()', "client.baseURL = 'https://elsewhere.example.com/v1';\n"), "Cannot wrap this call: the client is changed after it is made (`client.baseURL` on line 9).");
      // A spread of a constant object is read property by property; one the fix cannot follow is refused.
      assert.equal(refusal('new OpenAI({ ...shared, maxRetries: 1 })'), undefined);
      assert.equal(
        refusal("new OpenAI({ ...JSON.parse(process.env.OPENAI_OPTIONS ?? '{}'), maxRetries: 1 })"),
        "Cannot wrap this call: the client options use a spread or computed key (`...JSON.parse(process.env.OPENAI_OPTIONS ?? '{}')`), so the fix cannot tell them all.",
      );
      assert.equal(refusal("new OpenAI({ apiKey: keyOf('eu') })"), "Cannot wrap this call: the client's `keyOf('eu')` is computed at run time from `keyOf`, which reads `process`, which is not its own.");
      assert.equal(refusal('new OpenAI({ someFutureOption: true })'), 'Cannot wrap this call: the client option `someFutureOption` is not one the fix knows how to carry.');
    });

    it('an injected client: followed to the clients passed at each construction; refused when they differ', () => {
      const service = `import OpenAI from 'openai';

export class Suggester {
  constructor(private readonly client: OpenAI) {}

  async suggest(text: string): Promise<string> {
    const completion = await this.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
    return completion.choices[0].message.content ?? '';
  }
}
`;
      const same = project(root, service, { 'src/app/main.ts': "import { openai } from '../lib/openai';\nimport { Suggester } from './file';\n\nexport const a = new Suggester(openai);\nexport const b = new Suggester(openai);\n" });
      const wrapped = fixesForFile({ ...same.input(), projectFiles: () => [...same.files.keys()].filter((file) => file.endsWith('.ts')) });
      assert.equal(wrapped.find((fix) => fix.kind === 'wrap-call')?.disabledReason, undefined);

      const different = project(root, service, {
        'src/app/main.ts': "import OpenAI from 'openai';\nimport { openai } from '../lib/openai';\nimport { Suggester } from './file';\n\nexport const a = new Suggester(openai);\nexport const b = new Suggester(new OpenAI({ baseURL: 'https://gateway.example.com/v1' }));\n",
      });
      const refused = fixesForFile({ ...different.input(), projectFiles: () => [...different.files.keys()].filter((file) => file.endsWith('.ts')) });
      assert.equal(
        refused.find((fix) => fix.kind === 'wrap-call')?.disabledReason,
        'Cannot wrap this call: the client is passed in from places that configure it differently, so its requests have no single connection.',
      );
    });

    describe('options computed where the code runs: settings the wrapped call passes', () => {
      /** A request handler whose client is made per request from the user's profile, and the call after it. */
      const handler = (construction: string, before = '', between = '', after = '') => `import OpenAI from 'openai';

interface Profile {
  key: string;
  organization?: string;
  endpoint: string;
}

export async function handle(profile: Profile, question: string, model: string): Promise<string> {
  ${before}
  const client = ${construction};
  ${between}
  const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: question }] });
  ${after}
  return completion.choices[0].message.content ?? '';
}
`;

      it("a user's key, organization and endpoint: the call passes them, the connection takes them as settings", () => {
        const target = project(root, handler("new OpenAI({ apiKey: KEY || '', organization: profile.organization, baseURL: `${profile.endpoint.replace(/\\/+$/, '')}/v1` })", 'const KEY = profile.key;'));
        const { text, seams } = fixAll(target);
        assert.match(text!, /chatModelById\(model, 'openaiProfile', \{ key: profile\.key, organization: profile\.organization, endpoint: profile\.endpoint\.replace\(\/\\\/\+\$\/, ''\) \}\)\.complete\(/);
        assert.deepEqual(section(configAfter(target, seams), 'connections'), [
          '  openaiProfile: {',
          "    provider: 'openai',",
          "    settings: ['key', 'organization', 'endpoint'],",
          '    optionsWith: (settings) => ({',
          "      apiKey: settings.key || '',",
          '      organization: settings.organization,',
          '      baseURL: `${settings.endpoint}/v1`,',
          '    }),',
          '  },',
        ]);
      });

      const refusals: Array<{ title: string; construction: string; before?: string; between?: string; after?: string; reason: string }> = [
        {
          title: 'the call does not see the same variable (a loop variable shadows it)',
          construction: 'new OpenAI({ apiKey: profile.key })',
          between: 'for (const profile of [{ key: question }]) {\n    const each = await client.chat.completions.create({ model, messages: [] });\n    console.log(profile.key, each.choices[0].message.content);\n  }',
          reason: "the client's `profile.key` is computed at run time from `profile`, which is not in scope where the call is",
        },
        {
          title: 'a local function computes it',
          construction: 'new OpenAI({ apiKey: keyOf(profile) })',
          before: 'const keyOf = (user: Profile) => user.key;',
          reason: "the client's `keyOf(profile)` is computed at run time in a way the fix cannot carry into the seam",
        },
        {
          title: 'a variable changed after the client is made',
          construction: 'new OpenAI({ apiKey: key })',
          before: 'let key = profile.key;',
          between: "key = 'other';",
          reason: "the client's `key` is computed at run time from `key`, which changes after the client is made",
        },
        {
          title: 'a property of the profile assigned in the function',
          construction: 'new OpenAI({ apiKey: profile.key })',
          after: "profile.key = '';",
          reason: "the client's `profile.key` is computed at run time from `profile`, whose properties are assigned (`profile.key = ''`)",
        },
        {
          title: 'a `let` read by a call in a callback',
          construction: 'new OpenAI({ apiKey: key })',
          before: 'let key = profile.key;',
          between: 'const later = async () => (await client.chat.completions.create({ model, messages: [] })).choices[0].message.content;\n  void later;',
          reason: "the client's `key` is computed at run time from `key`, which may change before the call in another function runs",
        },
        {
          title: 'one of two clients is chosen',
          construction: 'question ? new OpenAI({ apiKey: profile.key }) : new OpenAI()',
          reason: 'the client `client` is one of several (`question ? new OpenAI({ apiKey: profile.key }) : new OpenAI()`), so which client a call uses is decided at run time',
        },
      ];
      for (const refusal of refusals) {
        it(`refused when ${refusal.title}`, () => {
          const reasons = wrapReasons(project(root, handler(refusal.construction, refusal.before, refusal.between, refusal.after)));
          assert.ok(reasons.includes(`Cannot wrap this call: ${refusal.reason}.`), reasons.join('\n'));
        });
      }

      describe('a client variable given one client in each branch of an `if`', () => {
        const chosen = (choice: string, between = '') =>
          handler('new OpenAI({ apiKey: profile.key })').replace('const client = new OpenAI({ apiKey: profile.key });', `let client;\n  ${choice}\n  ${between}`);
        const branches = "if (profile.organization) {\n    client = new OpenAI({ apiKey: profile.key, organization: profile.organization });\n  } else {\n    client = new OpenAI({ baseURL: `${profile.endpoint}/v1`, apiKey: process.env.SHARED_KEY });\n  }";

        it('the call chooses the connection by the same condition', () => {
          const target = project(root, chosen(branches));
          const { text, seams } = fixAll(target);
          // The variable and the \`if\` that only gave it a client go, and with them the SDK's import.
          assert.equal(text!.split('\n')[0], "import { chatModelById } from '../ai';");
          assert.doesNotMatch(text!, /let client|client = |OpenAI/);
          assert.match(
            text!,
            /const completion = await \(profile\.organization \? chatModelById\(model, 'openaiProfile', \{ key: profile\.key, organization: profile\.organization \}\) : chatModelById\(model, 'openaiProfile2', \{ endpoint: profile\.endpoint \}\)\)\.complete\(\{ messages: \[\{ role: 'user', content: question \}\] \}\);/,
          );
          assert.deepEqual(section(configAfter(target, seams), 'connections'), [
            '  openaiProfile: {',
            "    provider: 'openai',",
            "    settings: ['key', 'organization'],",
            '    optionsWith: (settings) => ({',
            '      apiKey: settings.key,',
            '      organization: settings.organization,',
            '    }),',
            '  },',
            '  openaiProfile2: {',
            "    provider: 'openai',",
            "    settings: ['endpoint'],",
            '    optionsWith: (settings) => ({',
            '      baseURL: `${settings.endpoint}/v1`,',
            '      apiKey: process.env.SHARED_KEY,',
            '    }),',
            '  },',
          ]);
        });

        const refusals = [
          { title: 'the condition changes after the choice', code: chosen(branches.replace(/profile\.organization\)/, 'flag)'), "flag = !flag;").replace('let client;', 'let client;\n  let flag = question.length > 3;') },
          { title: 'the condition is not a value the call can read again', code: chosen(branches.replace(/profile\.organization\)/, 'question.length > 3)')) },
          { title: 'an `else if` chain', code: chosen(branches.replace('} else {', '} else if (question) {')) },
          { title: 'a third assignment', code: chosen(branches, "if (!question) client = new OpenAI();") },
        ];
        for (const refusal of refusals) {
          it(`refused when ${refusal.title}, naming the lines`, () => {
            const [reason] = wrapReasons(project(root, refusal.code));
            assert.match(reason ?? '', /^Cannot wrap this call: the client `client` is assigned on lines [\d and]+, so which client a call uses is decided at run time\.$/);
          });
        }
      });
    });

    describe('a client a method of the class makes once, on first use', () => {
      /** A handler that makes its client the first time it is needed, from the options it was given. */
      const handler = (options: { construction?: string; guard?: string; method?: string; use?: string; members?: string } = {}) => `import OpenAI from 'openai';

interface TranslatorOptions {
  translatorKey?: string;
  region?: string;
}

export class Translator {
  private client: OpenAI | undefined;

  constructor(private readonly options: TranslatorOptions) {}

  private ${options.method ?? 'getClient(): OpenAI'} {
    if (!this.client) {
      ${options.guard ?? "if (!this.options.translatorKey) throw new Error('The translator needs a key.');"}
      try {
        this.client = ${options.construction ?? "new OpenAI({ baseURL: 'https://translate.example.com/v1', apiKey: this.options.translatorKey })"};
      } catch (error) {
        throw new Error(\`The translator's client could not be made: \${String(error)}\`);
      }
    }
    return this.client;
  }
${options.members ?? ''}
  async translate(text: string): Promise<string> {
    ${options.use ?? 'const client = this.getClient();'}
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
    return completion.choices[0].message.content ?? '';
  }
}
`;

      it('followed to its construction: options read from `this.options` are settings the call passes; the method still runs first (its guard throws)', () => {
        const target = project(root, handler());
        const { text, seams } = fixAll(target);
        assert.equal(
          text,
          handler()
            .replace("import OpenAI from 'openai';\n", "import OpenAI from 'openai';\nimport { chatModel } from '../ai';\n")
            .replace('const client = this.getClient();', 'this.getClient();')
            .replace("await client.chat.completions.create({ model: 'gpt-4o-mini', messages", "await chatModel('gpt4oMini', { translatorKey: this.options.translatorKey }).complete({ messages")
            .replace('completion.choices[0].message.content', 'completion.text'),
        );
        assert.deepEqual(section(configAfter(target, seams), 'connections'), [
          '  translateExample: {',
          "    provider: 'openai',",
          "    settings: ['translatorKey'],",
          '    optionsWith: (settings) => ({',
          '      baseURL: endpoints.translateExampleCom,',
          '      apiKey: settings.translatorKey,',
          '    }),',
          '  },',
        ]);
      });

      it('an async method, awaited: the awaited call stays (after a `;` where it starts with a parenthesis)', () => {
        const code = handler({ method: 'async getClient(): Promise<OpenAI>', use: 'const client = await this.getClient();' });
        const { text } = fixAll(project(root, code));
        assert.match(text!, /\n {4}await this\.getClient\(\);\n {4}const completion = await chatModel\('gpt4oMini', \{ translatorKey: this\.options\.translatorKey \}\)\.complete\(/);
        const cast = handler({ method: 'async getClient(): Promise<OpenAI>', use: 'const client = (await this.getClient()) as OpenAI' });
        assert.match(fixAll(project(root, cast)).text!, /\n {4};\(await this\.getClient\(\)\) as OpenAI\n/);
      });

      it('an endpoint chosen by a comparison of an option, and a field the constructor sets from its parameter: settings too', () => {
        const target = project(
          root,
          handler({
            construction: "new OpenAI({ baseURL: this.options.region === 'eu' ? 'https://eu.translate.example.com/v1' : 'https://translate.example.com/v1', apiKey: this.key })",
            guard: '',
            members: '\n  private readonly key: string;\n',
          }).replace('constructor(private readonly options: TranslatorOptions) {}', 'constructor(private readonly options: TranslatorOptions, key: string) {\n    this.key = key;\n  }'),
        );
        const { text, seams } = fixAll(target);
        assert.match(text!, /await chatModel\('gpt4oMini', \{ region: this\.options\.region, key: this\.key \}\)\.complete\(/);
        assert.deepEqual(section(configAfter(target, seams), 'connections'), [
          '  euTranslateExample: {',
          "    provider: 'openai',",
          "    settings: ['region', 'key'],",
          '    optionsWith: (settings) => ({',
          "      baseURL: settings.region === 'eu' ? endpoints.euTranslateExampleCom : endpoints.translateExampleCom,",
          '      apiKey: settings.key,',
          '    }),',
          '  },',
        ]);
      });

      const refusals: Array<{ title: string; options: Parameters<typeof handler>[0]; reason: string }> = [
        {
          title: 'the method takes a parameter',
          options: { method: "getClient(region = 'eu'): OpenAI" },
          reason: "the client `client` comes from `this.getClient()`, which the fix cannot follow to the client's construction",
        },
        {
          title: 'the field is assigned elsewhere too (reset)',
          options: { members: '\n  reset(): void {\n    this.client = undefined;\n  }\n' },
          reason: "the client `client` comes from `this.getClient()`, which the fix cannot follow to the client's construction",
        },
        {
          title: 'the client is changed after it is made',
          options: { members: '\n  rotate(key: string): void {\n    this.getClient().apiKey = key;\n    if (this.client) this.client.apiKey = key;\n  }\n' },
          reason: 'the client is changed after it is made (`this.getClient().apiKey` on line 26)',
        },
        {
          title: 'a property of the options is assigned',
          options: { members: '\n  rotate(key: string): void {\n    this.options.translatorKey = key;\n  }\n' },
          reason: "the client's `this.options.translatorKey` is computed at run time from `this.options`, whose properties are assigned (`this.options.translatorKey = key`)",
        },
        {
          title: 'a field the key is read from is assigned outside the constructor',
          options: { construction: 'new OpenAI({ apiKey: this.key })', guard: '', members: '\n  private key = \'\';\n\n  setKey(key: string): void {\n    this.key = key;\n  }\n' },
          reason: "the client's `this.key` is computed at run time from `this.key`, which is assigned again (line 28)",
        },
        {
          title: 'the options are a public field others may replace',
          options: { construction: 'new OpenAI({ apiKey: this.shared.translatorKey })', guard: '', members: '\n  shared: TranslatorOptions = {};\n' },
          reason: "the client's `this.shared.translatorKey` is computed at run time from `this.shared`, which is not a private or readonly field of its class",
        },
      ];
      for (const refusal of refusals) {
        it(`refused when ${refusal.title}`, () => {
          assert.deepEqual(wrapReasons(project(root, handler(refusal.options))), [`Cannot wrap this call: ${refusal.reason}.`]);
        });
      }

      it("an option a method computes from the object's own options: the call passes the method's result", () => {
        const target = project(
          root,
          handler({
            construction: "new OpenAI({ baseURL: this.isEu() ? 'https://eu.translate.example.com/v1' : 'https://translate.example.com/v1', apiKey: this.options.translatorKey })",
            members: "\n  private isEu(): boolean {\n    return this.options.region === EU;\n  }\n",
          }).replace('interface TranslatorOptions', "const EU = 'eu';\n\ninterface TranslatorOptions"),
        );
        const { text, seams } = fixAll(target);
        assert.match(text!, /await chatModel\('gpt4oMini', \{ isEu: this\.isEu\(\), translatorKey: this\.options\.translatorKey \}\)\.complete\(/);
        assert.ok(section(configAfter(target, seams), 'connections').includes('      baseURL: settings.isEu ? endpoints.euTranslateExampleCom : endpoints.translateExampleCom,'));
      });

      it('an endpoint made with `new URL(…)` goes to the config as written; a version imported from package.json is a setting', () => {
        const code = handler({
          construction: "new OpenAI({ baseURL: new URL('v1', this.options.region || 'http://localhost:1234').toString(), apiKey: this.options.translatorKey, defaultHeaders: { 'X-Client-Version': version } })",
        }).replace("import OpenAI from 'openai';\n", "import OpenAI from 'openai';\nimport { version } from '../../package.json';\n");
        const target = project(root, code);
        const { text, seams } = fixAll(target);
        assert.match(text!, /await chatModel\('gpt4oMini', \{ region: this\.options\.region, translatorKey: this\.options\.translatorKey, version \}\)\.complete\(/);
        assert.deepEqual(section(configAfter(target, seams), 'connections'), [
          '  openaiOptions: {',
          "    provider: 'openai',",
          "    settings: ['region', 'translatorKey', 'version'],",
          '    optionsWith: (settings) => ({',
          "      baseURL: new URL('v1', settings.region || 'http://localhost:1234').toString(),",
          '      apiKey: settings.translatorKey,',
          "      defaultHeaders: { 'X-Client-Version': settings.version },",
          '    }),',
          '  },',
        ]);
      });

      it('handed to a function in another file: followed through the method; settings that only the class can read are refused', () => {
        const stream = `import OpenAI from 'openai';

export async function translateWith(client: OpenAI, text: string): Promise<string> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
  return completion.choices[0].message.content ?? '';
}
`;
        const caller = (construction: string) =>
          handler({ construction, use: "return translateWith(this.getClient(), text);\n  }\n\n  async unused(text: string): Promise<string> {\n    const client = this.getClient();" }).replace(
            "import OpenAI from 'openai';",
            "import OpenAI from 'openai';\nimport { translateWith } from './file';",
          );
        const reasonWith = (construction: string, after = '') => {
          const target = project(root, stream, { 'src/app/translator.ts': caller(construction).replace('    return this.client;\n', `${after}    return this.client;\n`) });
          return fixesForFile({ ...target.input(), projectFiles: () => [...target.files.keys()].filter((file) => file.endsWith('.ts')) }).find((fix) => fix.kind === 'wrap-call')?.disabledReason;
        };
        assert.equal(reasonWith("new OpenAI({ baseURL: 'https://translate.example.com/v1', apiKey: process.env.TRANSLATOR_KEY })"), undefined);
        assert.equal(
          reasonWith("new OpenAI({ baseURL: 'https://translate.example.com/v1', apiKey: this.options.translatorKey })"),
          "Cannot wrap this call: the client's `this.options.translatorKey` is computed at run time where the client is made, and the call is in another file.",
        );
        // A client changed after it is made, in the caller's file: that file is named.
        assert.equal(
          reasonWith("new OpenAI({ baseURL: 'https://translate.example.com/v1', apiKey: process.env.TRANSLATOR_KEY })", "    this.client.apiKey = process.env.ROTATED_KEY ?? '';\n"),
          `Cannot wrap this call: the client is changed after it is made (\`this.client.apiKey\` on line 23 of ${path.join(root, 'src/app/translator.ts')}).`,
        );
      });
    });

    describe('an option a helper of the file computes (a static method, a function): the call passes its result', () => {
      const summarizer = (helper: string, prelude = '') => `import OpenAI from 'openai';
${prelude}
export class Summarizer {
  private readonly openai = new OpenAI({ apiKey: process.env.SUMMARY_KEY, baseURL: Summarizer.baseUrl(process.env.SUMMARY_ENDPOINT) });

  static baseUrl(endpoint: string | undefined): string {
    ${helper}
  }

  async summarize(text: string): Promise<string> {
    const completion = await this.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
    return completion.choices[0].message.content ?? '';
  }
}
`;
      const pure = "try {\n      const url = new URL(endpoint ?? '');\n      url.pathname = '/v1';\n      return url.href;\n    } catch {\n      throw new Error(`${endpoint} is not a URL`);\n    }";

      it('a static method that computes the endpoint from an environment variable alone', () => {
        const target = project(root, summarizer(pure));
        const { text, seams } = fixAll(target);
        assert.match(text!, /await chatModel\('gpt4oMini', \{ baseUrl: Summarizer\.baseUrl\(process\.env\.SUMMARY_ENDPOINT\) \}\)\.complete\(/);
        assert.deepEqual(section(configAfter(target, seams), 'connections'), [
          '  summary: {',
          "    provider: 'openai',",
          "    settings: ['baseUrl'],",
          '    optionsWith: (settings) => ({',
          '      apiKey: process.env.SUMMARY_KEY,',
          '      baseURL: settings.baseUrl,',
          '    }),',
          '  },',
        ]);
      });

      const refusals = [
        { title: 'it reads a global other than a constant (`undefined` is one)', helper: "return endpoint === undefined ? '' : endpoint + location.pathname;", reason: 'from `Summarizer.baseUrl`, which reads `location`, which is not its own' },
        { title: 'it calls something', helper: "console.log(endpoint);\n    return endpoint ?? '';", reason: 'from `Summarizer.baseUrl`, which calls `console.log`' },
        { title: 'it reads a variable of the module', helper: "return (endpoint ?? '') + suffix;", prelude: "\nlet suffix = '/v1';\nexport const setSuffix = (value: string) => (suffix = value);\n", reason: 'from `Summarizer.baseUrl`, which reads `suffix`, which is not its own' },
        { title: 'it assigns what is not its own', helper: "Summarizer.calls++;\n    return endpoint ?? '';", reason: 'from `Summarizer.baseUrl`, which assigns `Summarizer.calls`' },
      ];
      for (const refusal of refusals) {
        it(`refused when ${refusal.title}`, () => {
          assert.deepEqual(wrapReasons(project(root, summarizer(refusal.helper, refusal.prelude))), [
            `Cannot wrap this call: the client's \`Summarizer.baseUrl(process.env.SUMMARY_ENDPOINT)\` is computed at run time ${refusal.reason}.`,
          ]);
        });
      }
    });

    describe('an option from a helper another module exports, or a method reading an imported enum: the call passes it', () => {
      /** A config module as apps write it: an enum of keys, a function that reads the environment variable for each. */
      const settingsModule = (extra = '', endpointCase = 'return process.env.CHAT_ENDPOINT;') => `export enum Setting {
  endpoint,
  deployment,
}
${extra}
export function getSetting(setting: Setting): string {
  const read = () => {
    switch (setting) {
      case Setting.endpoint: {
        ${endpointCase}
      }
      case Setting.deployment: {
        return process.env.CHAT_DEPLOYMENT;
      }
      default: {
        throw new Error('Unknown setting.');
      }
    }
  };
  const value = read();
  if (!value) throw new Error('Not found.');
  return value;
}
`;
      const route = `import { AzureOpenAI } from 'openai';
import { Setting, getSetting } from './settings';

const client = new AzureOpenAI({ endpoint: getSetting(Setting.endpoint), apiKey: process.env.CHAT_KEY, apiVersion: '2024-10-21' });

export async function ask(question: string): Promise<string> {
  const completion = await client.chat.completions.create({ model: getSetting(Setting.deployment), messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}
`;
      it('a function of another module that reads an environment variable by an enum key', () => {
        const target = project(root, route, { 'src/app/settings.ts': settingsModule() });
        assert.deepEqual(wrapReasons(target), [undefined]);
        const { text, seams } = fixAll(target);
        assert.match(text!, /await chatModelById\(getSetting\(Setting\.deployment\), 'azureOpenAIGetSetting', \{ endpoint: getSetting\(Setting\.endpoint\) \}\)\.complete\(/);
        const connection = section(configAfter(target, seams), 'connections').join('\n');
        assert.match(connection, /settings: \['endpoint'\],\n {4}optionsWith: \(settings\) => \(\{\n {6}endpoint: settings\.endpoint,\n {6}apiKey: process\.env\.CHAT_KEY,/);
      });

      const helperRefusals = [
        { title: 'it reads a variable of its module', extra: "let override = '';\nexport const setOverride = (value: string) => (override = value);\n", endpointCase: 'return override || process.env.CHAT_ENDPOINT;', reason: 'from `getSetting`, which reads `override`, which is not its own' },
        { title: 'it calls a function that is not its own', extra: "import { readFileSync } from 'node:fs';\n", endpointCase: "return readFileSync('/etc/endpoint', 'utf8');", reason: 'from `getSetting`, which calls `readFileSync`' },
        { title: 'an enum member it reads is computed', extra: 'export enum Region { eu = process.env.REGION!.length }\n', endpointCase: 'return Region.eu ? process.env.CHAT_ENDPOINT : undefined;', reason: 'from `getSetting`, which reads `Region`, which is not its own' },
      ];
      for (const refusal of helperRefusals) {
        it(`refused when ${refusal.title}`, () => {
          assert.deepEqual(wrapReasons(project(root, route, { 'src/app/settings.ts': settingsModule(refusal.extra, refusal.endpointCase) })), [
            `Cannot wrap this call: the client's \`getSetting(Setting.endpoint)\` is computed at run time ${refusal.reason}.`,
          ]);
        });
      }

      const handler = (regions: string) => `import OpenAI from 'openai';
import { Region } from './regions';

export class RegionalHandler {
  private client: OpenAI | undefined;

  constructor(private readonly options: { region?: Region; key?: string }) {}

  private inEurope(): boolean {
    return this.options.region === Region.EU;
  }

  private getClient(): OpenAI {
    if (!this.client) {
      this.client = new OpenAI({
        baseURL: this.inEurope() ? 'https://eu.llm.example.com/v1' : 'https://llm.example.com/v1',
        apiKey: this.options.key,
        defaultHeaders: { 'x-team': this.options.region === Region.US ? 'us' : 'elsewhere' },
      });
    }
    return this.client;
  }

  async ask(question: string): Promise<string> {
    const client = this.getClient();
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
    return completion.choices[0].message.content ?? '';
  }
}
${regions}`;
      const regionModules = [
        { title: 'an enum of literals', regions: "export enum Region {\n  EU = 'eu',\n  US = 'us',\n}\n" },
        { title: 'an object of literals `as const`', regions: "export const Region = { EU: 'eu', US: 'us' } as const;\nexport type Region = (typeof Region)[keyof typeof Region];\n" },
      ];
      for (const { title, regions } of regionModules) {
        it(`a method of the same object that compares with ${title} another module exports`, () => {
          const target = project(root, handler(''), { 'src/app/regions.ts': regions });
          assert.deepEqual(wrapReasons(target), [undefined]);
          const { text, seams } = fixAll(target);
          assert.match(text!, /await chatModel\('gpt4oMini', \{ inEurope: this\.inEurope\(\), key: this\.options\.key, region: this\.options\.region \}\)\.complete\(/);
          // The enum's member in the client's own options is carried as its literal: the seam imports nothing of the app.
          assert.match(section(configAfter(target, seams), 'connections').join('\n'), /'x-team': settings\.region === 'us' \? 'us' : 'elsewhere'/);
        });
      }
      it('refused when the object of literals is not `as const` (its members can be assigned)', () => {
        const target = project(root, handler(''), { 'src/app/regions.ts': "export const Region = { EU: 'eu', US: 'us' };\nexport type Region = string;\n" });
        assert.deepEqual(wrapReasons(target), ["Cannot wrap this call: the client's `this.inEurope()` is computed at run time from `this.inEurope`, which reads `Region`, which is not its own."]);
      });
    });

    describe('a method that makes the client one of two ways on first use: the call chooses by the same condition', () => {
      const handler = (field = 'private readonly options: HandlerOptions', extra = '') => `import OpenAI, { AzureOpenAI } from 'openai';

interface HandlerOptions {
  apiKey?: string;
  baseUrl?: string;
  azureApiVersion?: string;
}

export class Handler {
  private client: OpenAI | undefined;
  ${field};

  constructor(options: HandlerOptions) {
    this.options = options;
  }

  private ensureClient(): OpenAI {
    if (!this.client) {
      if (!this.options.apiKey) throw new Error('A key is required.');
      if (this.options.azureApiVersion || this.options.baseUrl?.toLowerCase().includes('azure.com')) {
        this.client = new AzureOpenAI({ baseURL: this.options.baseUrl, apiKey: this.options.apiKey, apiVersion: this.options.azureApiVersion || '2024-10-21' });
      } else {
        this.client = new OpenAI({ baseURL: this.options.baseUrl, apiKey: this.options.apiKey });
      }
    }
    return this.client;
  }
${extra}
  async ask(model: string, question: string): Promise<string> {
    const client = this.ensureClient();
    const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: question }] });
    return completion.choices[0].message.content ?? '';
  }
}
`;
      it('offered: the call keeps the method call, and picks the connection by the condition, each with its settings', () => {
        const target = project(root, handler());
        assert.deepEqual(wrapReasons(target), [undefined]);
        const { text, seams } = fixAll(target);
        assert.match(text!, /^ {4}this\.ensureClient\(\);$/m);
        assert.ok(
          text!.includes(
            "const completion = await (this.options.azureApiVersion || this.options.baseUrl?.toLowerCase().includes('azure.com') ? chatModelById(model, 'azureOpenAIOptions', { baseUrl: this.options.baseUrl, apiKey: this.options.apiKey, azureApiVersion: this.options.azureApiVersion }) : chatModelById(model, 'openaiOptions', { baseUrl: this.options.baseUrl, apiKey: this.options.apiKey })).complete(",
          ),
          text,
        );
        const connections = section(configAfter(target, seams), 'connections').join('\n');
        assert.match(connections, /azureOpenAIOptions: \{\n {4}provider: 'azure-openai',\n {4}settings: \['baseUrl', 'apiKey', 'azureApiVersion'\],/);
        assert.match(connections, /openaiOptions: \{\n {4}provider: 'openai',\n {4}settings: \['baseUrl', 'apiKey'\],/);
      });

      const refusals = [
        {
          title: 'the field the condition reads is not private (another object may change it)',
          field: 'options: HandlerOptions',
          extra: '',
          reason: "from `this.options`, which is not a private or readonly field of its class",
        },
        {
          title: 'the field the condition reads is assigned again',
          field: 'private options: HandlerOptions',
          extra: '\n  reset(options: HandlerOptions): void {\n    this.options = options;\n  }\n',
          reason: 'from `this.options`, which is assigned again (line 30)',
        },
      ];
      for (const refusal of refusals) {
        it(`refused when ${refusal.title}`, () => {
          assert.deepEqual(wrapReasons(project(root, handler(refusal.field, refusal.extra))), [
            `Cannot wrap this call: \`this.ensureClient()\` makes the client one of two ways, chosen by \`this.options.azureApiVersion || this.options.baseUrl?.toLowerCase().includes('azure.com')\`, which is computed at run time ${refusal.reason}.`,
          ]);
        });
      }
    });

    describe("a client a service's getter makes: the service decorated onto the app, handed to the class", () => {
      /** The service, as the call's file uses it: through a base class that holds it. */
      const service = `import type { OpenAiService } from '../plugins/openai';

export class Base {
  constructor(protected openai: OpenAiService, protected model: string) {}
}

export class Answerer extends Base {
  constructor(openai: OpenAiService) {
    super(openai, 'gpt-4o');
  }

  async answer(question: string): Promise<string> {
    const chat = await this.openai.getChat();
    const completion = await chat.completions.create({ model: this.model, messages: [{ role: 'user', content: question }] });
    return completion.choices[0].message.content ?? '';
  }
}
`;
      const plugin = (body: string, options = "apiKey: token.token,\n          defaultQuery: { 'api-version': '2024-10-21' },\n          defaultHeaders: { 'api-key': token.token },") => `import fp from 'fastify-plugin';
import OpenAI from 'openai';
import type { Chat } from 'openai/resources/index';

export interface OpenAiService {
  getChat(): Promise<Chat>;
}

export default fp(async (app) => {
  const resource = \`https://\${app.settings.resource}.openai.azure.com\`;
  let token: { token: string } | undefined;
  let chatClient: OpenAI;
  const refresh = async () => {
    if (!token) {
      token = await app.identity.credential.getToken('https://cognitiveservices.azure.com/.default');
      const shared = {
        ${options}
      };
      chatClient = new OpenAI({ ...shared, baseURL: \`\${resource}/openai/deployments/\${app.settings.deployment}\` });
    }
  };
  ${body}
});

declare module 'fastify' {
  interface FastifyInstance {
    openai: OpenAiService;
  }
}
`;
      const getter = "app.decorate('openai', {\n    async getChat() {\n      await refresh();\n      return chatClient.chat;\n    },\n  });";
      /** What a Fastify plugin declares so that TypeScript knows the decorated member. */
      const augmentation = (member: string) => `\ndeclare module 'fastify' {\n  interface FastifyInstance {\n    ${member};\n  }\n}\n`;
      const others = {
        'src/plugins/settings.ts': `import fp from 'fastify-plugin';\n\nexport default fp(async (app) => {\n  const settings = { resource: process.env.RESOURCE || '', deployment: process.env.CHAT_DEPLOYMENT || '' };\n  app.decorate('settings', settings);\n});\n${augmentation('settings: { resource: string; deployment: string }')}`,
        'src/plugins/identity.ts': `import fp from 'fastify-plugin';\nimport { DefaultAzureCredential } from '@azure/identity';\n\nexport default fp(async (app) => {\n  const credential = new DefaultAzureCredential();\n  app.decorate('identity', { credential });\n});\n${augmentation('identity: { credential: DefaultAzureCredential }')}`,
        'src/plugins/services.ts': "import fp from 'fastify-plugin';\nimport { Answerer } from '../app';\n\nexport default fp(async (app) => {\n  app.decorate('answerer', new Answerer(app.openai));\n});\n",
        // A barrel between the class and its construction.
        'src/app/index.ts': "export * from './file';\n",
      };
      const run = (files: Record<string, string>) => {
        const target = project(root, service, { ...others, ...files });
        const projectFiles = () => [...target.files.keys()].filter((file) => file.endsWith('.ts'));
        const seams = new Map<string, SeamPlan>();
        const result = fixFile({ ...target.input(), projectFiles }, seams);
        const reasons = fixesForFile({ ...target.input(), projectFiles }).filter((fix) => fix.kind === 'wrap-call').map((fix) => fix.disabledReason);
        return { reasons, text: result.text, config: configAfter(target, seams) };
      };

      it('followed through the base class, the subclass, a barrel and the decorated service to the construction in the getter; the Entra ID token becomes a token provider', () => {
        const { reasons, text, config } = run({ 'src/plugins/openai.ts': plugin(getter) });
        assert.deepEqual(reasons, [undefined]);
        assert.match(text!, /^ {4}await this\.openai\.getChat\(\);\n {4}const completion = await chatModelById\(this\.model, 'chatDeployment'\)\.complete\(\{ messages: \[\{ role: 'user', content: question \}\] \}\);$/m);
        assert.deepEqual(section(config, 'connections'), [
          '  chatDeployment: {',
          "    provider: 'azure-openai',",
          '    options: () => ({',
          "      baseURL: `https://${process.env.RESOURCE || ''}.openai.azure.com/openai/deployments/${process.env.CHAT_DEPLOYMENT || ''}`,",
          '      apiVersion: apiVersions.azureOpenAI,',
          "      azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), 'https://cognitiveservices.azure.com/.default'),",
          '    }),',
          '  },',
        ]);
        assert.match(config, /import \{ DefaultAzureCredential, getBearerTokenProvider \} from '@azure\/identity';/);
      });

      const refusals: Array<{ title: string; files: Record<string, string>; reason: RegExp }> = [
        {
          title: 'the service is decorated in two places',
          files: { 'src/plugins/openai.ts': plugin(getter), 'src/plugins/mock.ts': `export default async (app: any) => {\n  app.decorate('openai', { getChat: async () => ({}) });\n};\n${augmentation('openai: any')}` },
          reason: /^Cannot wrap this call: `openai` is decorated in 2 places \((?:openai|mock)\.ts line \d+, (?:openai|mock)\.ts line \d+\), so which one `app\.openai` is depends on what registered it\.$/,
        },
        {
          title: 'the getter takes parameters',
          files: { 'src/plugins/openai.ts': plugin(getter.replace('async getChat()', 'async getChat(region?: string)')) },
          reason: /^Cannot wrap this call: `getChat` of the service decorated in openai\.ts takes parameters, so which client it gives can differ\.$/,
        },
        {
          title: 'the client it returns is made in two places',
          files: { 'src/plugins/openai.ts': plugin(`${getter}\n  app.addHook('onClose', async () => {\n    chatClient = new OpenAI();\n  });`) },
          reason: /^Cannot wrap this call: the client `chatClient` that `getChat` of the service decorated in openai\.ts returns is not given one construction \(2 assignments\)\.$/,
        },
        {
          title: 'the getter returns something else on one path',
          files: { 'src/plugins/openai.ts': plugin(getter.replace('await refresh();', "await refresh();\n      if (process.env.OFFLINE) return new OpenAI({ baseURL: 'http://localhost:8080/v1' }).chat;")) },
          reason: /^Cannot wrap this call: `getChat` of the service decorated in openai\.ts does not return one client variable the fix can follow\.$/,
        },
        {
          title: 'the token is sent without an `api-version` query',
          files: { 'src/plugins/openai.ts': plugin(getter, 'apiKey: token.token,') },
          reason: /^Cannot wrap this call: the client sends a Microsoft Entra ID token as its key without an `api-version` query, which a connection of the seam cannot carry\.$/,
        },
        {
          title: 'the decorated name is not declared on the framework instance (no module augmentation): not followed',
          files: { 'src/plugins/openai.ts': plugin(getter).replace(/\ndeclare module[^]*$/, '\n') },
          reason: /^Cannot wrap this call: the service `app\.openai` \(line \d+ of .*services\.ts\) is not an object the fix can follow to the client `getChat` returns\.$/,
        },
        {
          title: 'the service is read from a parameter with a type of its own, not the app',
          files: { 'src/plugins/openai.ts': plugin(getter), 'src/plugins/services.ts': "import { Answerer } from '../app';\nimport type { OpenAiService } from './openai';\n\nexport function make(deps: { openai: OpenAiService }) {\n  return new Answerer(deps.openai);\n}\n" },
          reason: /^Cannot wrap this call: the service `deps\.openai` \(line \d+ of .*services\.ts\) is not an object the fix can follow to the client `getChat` returns\.$/,
        },
      ];
      for (const refusal of refusals) {
        it(`refused when ${refusal.title}`, () => {
          const [reason] = run(refusal.files).reasons;
          assert.match(reason ?? '', refusal.reason);
        });
      }
    });

    it('a credential package the seam cannot import (neither installed where the seam is nor a dependency of its project) refuses the wrap', () => {
      const code = `import { AzureOpenAI } from 'openai';
import { DefaultAzureCredential, getBearerTokenProvider } from '@azure/identity';

const client = new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT, apiVersion: '2024-10-21', azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), 'https://cognitiveservices.azure.com/.default') });

export async function ask(question: string): Promise<string> {
  const result = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return result.choices[0].message.content ?? '';
}
`;
      assert.deepEqual(wrapReasons(project(root, code)), [undefined]);
      const undeclared = project(root, code, { 'package.json': JSON.stringify({ name: 'wrap-case', private: true, dependencies: { openai: '6.49.0' } }) });
      assert.deepEqual(wrapReasons(undeclared), [
        "Cannot wrap this call: the seam's config would import @azure/identity, which is neither installed where the seam is nor a dependency of its project.",
      ]);
    });

    it('a field nothing assigns again and a helper that only returns what it builds are carried; a field assigned again is not', () => {
      const embedder = (extra: string) => `import { AzureOpenAI } from 'openai';
import { DefaultAzureCredential, getBearerTokenProvider } from '@azure/identity';

function tokenProvider() {
  const scope = 'https://cognitiveservices.azure.com/.default';
  return getBearerTokenProvider(new DefaultAzureCredential(), scope);
}

export class Embedder {
  private apiVersion = '2024-12-01-preview';
  private client = new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT, apiVersion: this.apiVersion, azureADTokenProvider: tokenProvider() });

  constructor() {
    ${extra}
  }

  async embed(text: string): Promise<number[]> {
    const result = await this.client.embeddings.create({ model: 'text-embedding-3-small', input: text });
    return result.data[0].embedding;
  }
}
`;
      const target = project(root, embedder(''));
      assert.deepEqual(wrapReasons(target), [undefined]);
      const { seams } = fixAll(target);
      const connection = section(configAfter(target, seams), 'connections').join('\n');
      assert.match(connection, /apiVersion: apiVersions\.\w+,/);
      assert.match(connection, /azureADTokenProvider: getBearerTokenProvider\(new DefaultAzureCredential\(\), 'https:\/\/cognitiveservices\.azure\.com\/\.default'\),/);
      assert.deepEqual(wrapReasons(project(root, embedder("this.apiVersion = 'latest';"))), ["Cannot wrap this call: the client's `this.apiVersion` is computed at run time from `this.apiVersion`, which is assigned again (line 14)."]);
    });

    describe('a client passed to a function: followed to every call of it', () => {
      const useCase = `import OpenAI from 'openai';

export const ask = async (openai: OpenAI, question: string): Promise<string> => {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
};
`;
      const reasonWith = (callers: Record<string, string>) => {
        const target = project(root, useCase, callers);
        const fixes = fixesForFile({ ...target.input(), projectFiles: () => [...target.files.keys()].filter((file) => file.endsWith('.ts')) });
        return fixes.find((fix) => fix.kind === 'wrap-call')?.disabledReason;
      };
      const service = (argument: string) => `import OpenAI from 'openai';
import { ask } from './file';

export class Service {
  private openai = new OpenAI({ baseURL: 'https://gateway.example.com/v1' });

  run(question: string): Promise<string> {
    return ask(${argument}, question);
  }
}
`;
      // `<main>`: the path of src/app/main.ts under the test's root.
      const cases: Array<{ title: string; callers: Record<string, string>; reason: string | undefined }> = [
        { title: 'every caller passes the same client module: wrapped', callers: { 'src/app/main.ts': "import { openai } from '../lib/openai';\nimport { ask } from './file';\n\nvoid ask(openai, 'a');\nvoid ask(openai, 'b');\n" }, reason: undefined },
        { title: 'a class field made with a construction (a NestJS service): wrapped', callers: { 'src/app/service.ts': service('this.openai') }, reason: undefined },
        {
          title: 'callers pass clients configured differently',
          callers: { 'src/app/main.ts': "import { openai } from '../lib/openai';\nimport { ask } from './file';\n\nvoid ask(openai, 'a');\n", 'src/app/service.ts': service('this.openai') },
          reason: 'the client is passed in from places that configure it differently, so its requests have no single connection',
        },
        {
          title: 'a caller passes a client it was given',
          callers: { 'src/app/main.ts': "import OpenAI from 'openai';\nimport { ask } from './file';\n\nexport const run = (client: OpenAI) => ask(client, 'a');\n" },
          reason: `the client passed to \`ask(…)\` on line 4 of <main> is not a client construction the fix can follow`,
        },
        {
          title: 'the function is handed on as a value',
          callers: { 'src/app/main.ts': "import { ask } from './file';\n\nexport const handlers = [ask];\n" },
          reason: `\`ask\` is used other than called (line 3 of <main>), so not every client it is given can be seen`,
        },
        { title: 'nothing calls it', callers: {}, reason: 'no `ask(…)` in the project shows which client it is given' },
      ];
      for (const testCase of cases) {
        it(testCase.title, () => assert.equal(reasonWith(testCase.callers), testCase.reason && `Cannot wrap this call: ${testCase.reason.replace('<main>', path.join(root, 'src/app/main.ts'))}.`));
      }
    });

    it('a seam from an earlier aidlint (no `connections`): the call is refused, the config untouched', () => {
      const seamFiles = generatedSeam((file) => file.relativePath === 'config.ts' ? file.text.replace(/export const connections[^;]*;\n/, '') : file.text);
      const target = project(root, bothProviders, seamFiles);
      const reason = "Cannot wrap this call: the seam's config has no `connections` object to add to (a seam made by an earlier aidlint: add the section from a newly generated seam).";
      assert.deepEqual(wrapReasons(target), [reason, reason]);
      // Only the model literals move (their own fix); nothing says where a call goes.
      const config = configAfter(target, fixAll(target).seams);
      assert.deepEqual(section(config, 'models'), ["  gpt4oMini: env('AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini'),"]);
      assert.equal(config.replace(/export const models = \{[^;]*;/, ''), seamFiles['src/ai/config.ts'].replace('export const models = {};', ''));
    });

    it('a seam from an earlier aidlint whose OpenAI adapter cannot send legacy completions: refused, so the request does not move', () => {
      const seamFiles = generatedSeam((file) => file.relativePath === 'providers/openai-wire.ts' ? file.text.replace(/completionParams/g, 'legacyParams') : file.text);
      const code = `import { openai } from '../lib/openai';

export async function more(text: string): Promise<string> {
  const completion = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: text });
  return completion.choices[0].text;
}
`;
      assert.deepEqual(wrapReasons(project(root, code, seamFiles)), ["Cannot wrap this call: the seam's OpenAI adapter has no `completionParams` for this API (made by an earlier aidlint)."]);
      // With the adapter of this version, the same call wraps.
      const current = generatedSeam();
      assert.deepEqual(wrapReasons(project(root, code, current)), [undefined]);
    });

    it("a seam from an earlier aidlint whose OpenAI adapter does not keep the Responses API's events: their conversion back is refused, not made up", () => {
      const seamFiles = (keepsEvents: boolean) => generatedSeam((file) => file.relativePath === 'providers/openai-wire.ts' && !keepsEvents ? file.text.replace(/providerEvent/g, 'rawEvent') : file.text);
      const code = refusalSource("const events = await openai.responses.create({ model: 'gpt-4.1', input: question, stream: true });\n  for await (const event of events) send(event);");
      assert.deepEqual(wrapReasons(project(root, code, seamFiles(false))), ["Cannot wrap this call: the seam's OpenAI adapter does not keep `providerEvent` for openai-compat to convert back exactly (made by an earlier aidlint)."]);
      assert.deepEqual(wrapReasons(project(root, code, seamFiles(true))), [undefined]);
    });

    it('a seam from an earlier aidlint whose routing would send a request for log probabilities to other providers: refused', () => {
      const seamFiles = (pins: boolean) => generatedSeam((file) => file.relativePath === 'routing.ts' && !pins ? file.text.replace(/OWN_WIRE_OPTIONS/g, 'ANSWERED_OPTIONS') : file.text);
      const code = refusalSource("const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', logprobs: true, messages: [{ role: 'user', content: question }] });\n  return c.choices[0].message.content;");
      assert.deepEqual(wrapReasons(project(root, code, seamFiles(false))), ["Cannot wrap this call: the seam's routing would send `logprobs` to other providers, which do not answer it (made by an earlier aidlint)."]);
      assert.deepEqual(wrapReasons(project(root, code, seamFiles(true))), [undefined]);
    });

    it("a seam from an earlier aidlint whose chat result has no `responseId`: a read of the answer's id is refused, not written against it", () => {
      const seamFiles = (withResponseId: boolean) => generatedSeam((file) => withResponseId ? file.text : file.text.replace(/^\s*responseId: [^\n]*\n/gm, '\n').replace(/responseId/g, 'answerId'));
      const code = `import { openai } from '../lib/openai';

export async function ask(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return completion.id;
}
`;
      assert.deepEqual(wrapReasons(project(root, code, seamFiles(false))), ["Cannot wrap this call: the seam's index has no `responseId` (add it to its types and adapters first)."]);
      assert.deepEqual(wrapReasons(project(root, code, seamFiles(true))), [undefined]);
    });

    it('a seam from an earlier aidlint without structured answers (no `parse`): a parse call is refused, so the code does not call what the seam lacks', () => {
      const earlier = generatedSeam((file) => file.relativePath === 'index.ts' ? file.text.replace(/ParsedToolCall/g, 'ParsedCall') : file.text);
      const code = `import { openai } from '../lib/openai';

export async function city(question: string): Promise<unknown> {
  const completion = await openai.chat.completions.parse({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], response_format: { type: 'json_schema', json_schema: { name: 'city', schema: {} } } });
  return completion.choices[0].message.parsed;
}
`;
      assert.deepEqual(wrapReasons(project(root, code, earlier)), ["Cannot wrap this call: the seam's index has no `ParsedToolCall` (add it to its types and adapters first)."]);
      const current = generatedSeam();
      assert.deepEqual(wrapReasons(project(root, code, current)), [undefined]);
    });

    it('a call already reading `models.<key>` that the seam sends through another connection: refused with both named', () => {
      const first = project(root, `import { openai } from '../lib/openai';

export async function ask(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}
`);
      const seamFiles = Object.fromEntries(
        [...fixAll(first).seams.values()].flatMap((plan) => plan.changes()).map((change) => [path.relative(root, change.filePath), change.create?.content ?? '']),
      );
      const target = project(
        root,
        `import { client } from '../lib/azure-sdk';
import { models } from '../ai/config';

export async function ask(question: string): Promise<string> {
  const result = await client.getChatCompletions(models.gpt4oMini, [{ role: 'user', content: question }]);
  return result.choices[0].message?.content ?? '';
}
`,
        seamFiles,
      );
      assert.deepEqual(wrapReasons(target), ["Cannot wrap this call: the seam sends `models.gpt4oMini` through the connection 'openai', but this call goes through 'azureOpenAI'."]);
    });
  });

  describe('a result its function returns: followed to the callers', () => {
    const helper = `import type OpenAI from 'openai';
import { openai } from '../lib/openai';

export async function summarize(text: string): Promise<OpenAI.Chat.ChatCompletion> {
  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
}
`;
    const caller = `import { summarize as summarise } from '../app/file';

export async function show(text: string): Promise<string> {
  const completion = await summarise(text);
  return completion.choices[0]?.message.content ?? '';
}
`;
    /** Fix-all of the file under test with the project's files listed (as the CLI and the server do). */
    const fixWithProject = (target: Project) => {
      const files = [...target.files.keys()].filter((file) => file.endsWith('.ts'));
      return fixFile({ ...target.input(), projectFiles: () => files }, new Map());
    };

    it('in the same file: the return type becomes the neutral result and the caller reads `.text`', () => {
      const code = `import { openai } from '../lib/openai';

async function ask(question: string) {
  return await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
}

export async function answer(question: string): Promise<string> {
  return (await ask(question)).choices[0].message.content ?? '';
}
`;
      assert.equal(
        fixAll(project(root, code)).text,
        `import { chatModel } from '../ai';

async function ask(question: string) {
  return await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
}

export async function answer(question: string): Promise<string> {
  return (await ask(question)).text ?? '';
}
`,
      );
    });

    it('exported: callers in other files are rewritten too (through an import alias), and the SDK type import goes', () => {
      const target = project(root, helper, { 'src/routes/show.ts': caller });
      const result = fixWithProject(target);
      assert.equal(
        result.text,
        `import { chatModel, type ChatResult } from '../ai';

export async function summarize(text: string): Promise<ChatResult> {
  return chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: text }] });
}
`,
      );
      const showFile = path.join(root, 'src/routes/show.ts');
      assert.deepEqual(result.otherFiles?.map((change) => change.filePath), [showFile]);
      assert.equal(applyChanges(caller, result.otherFiles![0].changes), caller.replace('completion.choices[0]?.message.content', 'completion.text'));
    });

    it("a caller using the usage as the SDK's: converted where it is read in the call's own file; elsewhere, the result is converted back at the call", () => {
      const code = `import { openai } from '../lib/openai';

declare function record(usage: unknown): void;

async function ask(question: string) {
  return await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
}

export async function answer(question: string): Promise<string> {
  const completion = await ask(question);
  record(completion.usage);
  return completion.choices[0].message.content ?? '';
}
`;
      assert.equal(
        fixAll(project(root, code)).text,
        `import { usageAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function record(usage: unknown): void;

async function ask(question: string) {
  return await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
}

export async function answer(question: string): Promise<string> {
  const completion = await ask(question);
  record(usageAsOpenAI(completion.usage));
  return completion.text ?? '';
}
`,
      );
      const elsewhere = caller.replace("  return completion.choices", "  console.log(completion.usage);\n  return completion.choices");
      const result = fixWithProject(project(root, helper, { 'src/routes/show.ts': elsewhere }));
      assert.deepEqual(result.skipped.filter((skipped) => skipped.fix.kind === 'wrap-call'), []);
      assert.match(result.text ?? '', /return chatModel\('gpt4oMini'\)\.complete\(\{ messages: \[\{ role: 'user', content: text \}\] \}\)\.then\(chatCompletionAsOpenAI\);/);
      assert.equal(result.otherFiles?.length ?? 0, 0);
    });

    it("callers that cannot be followed keep the SDK's shape: the function's result is converted back at the call", () => {
      const texts = ([
        { 'src/routes/show.ts': caller.replace('const completion = await summarise(text);\n  return completion.choices[0]?.message.content ?? \'\';', 'return summarise(text);') },
        { 'src/routes/show.ts': caller.replace('const completion = await summarise(text);', 'const run = summarise;\n  const completion = await run(text);') },
        { 'src/routes/index.ts': "export { summarize } from '../app/file';\n" },
        { 'src/routes/show.ts': caller.replace("import { summarize as summarise } from '../app/file';", "import * as helpers from '../app/file';\nconst summarise = helpers.summarize;") },
      ] as Array<Record<string, string>>).map((extra) => fixWithProject(project(root, helper, extra)));
      for (const result of texts) {
        assert.deepEqual(result.skipped.filter((skipped) => skipped.fix.kind === 'wrap-call'), []);
        assert.match(result.text ?? '', /return chatModel\('gpt4oMini'\)\.complete\(\{ messages: \[\{ role: 'user', content: text \}\] \}\)\.then\(chatCompletionAsOpenAI\);/);
        assert.match(result.text ?? '', /Promise<OpenAI\.Chat\.ChatCompletion>/, 'the declared SDK return type stays');
      }
    });

    it('a method or a function that also returns something else converts at the call; a stream returned unawaited is followed (no caller reads it otherwise)', () => {
      const cases = [
        `import { openai } from '../lib/openai';

export class Assistant {
  ask(question: string) {
    return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  }
}
`,
        `import { openai } from '../lib/openai';

export function stream(question: string) {
  return openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: question }] });
}
`,
        `import { openai } from '../lib/openai';

export async function ask(question: string) {
  if (!question) return undefined;
  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
}
`,
      ];
      const results = cases.map((code) => fixWithProject(project(root, code)));
      assert.deepEqual(
        results.map((result) => result.skipped.filter((skipped) => skipped.fix.kind === 'wrap-call').map((skipped) => skipped.reason)),
        [[], [], []],
      );
      assert.match(results[1].text ?? '', /return chatModel\('gpt4oMini'\)\.stream\(\{ messages: \[\{ role: 'user', content: question \}\] \}\);/);
      for (const result of [results[0], results[2]]) {
        assert.match(result.text ?? '', /return chatModel\('gpt4oMini'\)\.complete\(\{ messages: \[\{ role: 'user', content: question \}\] \}\)\.then\(chatCompletionAsOpenAI\);/);
      }
    });
  });

  describe('a client handed in through the constructor, left unused by the wraps', () => {
    const suggester = (parameters: string) => `import OpenAI from 'openai';

export class Suggester {
  constructor(${parameters}) {}

  async suggest(text: string): Promise<string> {
    const completion = await this.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
    return completion.choices[0].message.content ?? '';
  }
}
`;
    const fixWithUser = (code: string, user: string) => {
      const target = project(root, code, { 'src/routes/user.ts': user });
      const files = [...target.files.keys()].filter((file) => file.endsWith('.ts'));
      const result = fixFile({ ...target.input(), projectFiles: () => files }, new Map());
      const userFile = path.join(root, 'src/routes/user.ts');
      const userChange = result.otherFiles?.find((change) => change.filePath === userFile);
      return { text: result.text!, user: userChange ? applyChanges(user, userChange.changes) : user };
    };
    const user = "import { Suggester } from '../app/file';\nimport { openai } from '../lib/openai';\n\nexport const suggester = new Suggester(openai, 'drafts');\n";

    it('the parameter goes, and the argument at every construction (with the import only it used)', () => {
      const { text, user: userAfter } = fixWithUser(suggester('private readonly client: OpenAI, private readonly label: string'), user);
      assert.match(text, /^ {2}constructor\(private readonly label: string\) \{\}$/m);
      assert.doesNotMatch(text, /from 'openai'/, 'the SDK import went with the parameter');
      assert.equal(userAfter, "import { Suggester } from '../app/file';\n\nexport const suggester = new Suggester('drafts');\n");
    });

    it('a constructor left with nothing goes whole', () => {
      const { text, user: userAfter } = fixWithUser(suggester('private readonly client: OpenAI'), user.replace("openai, 'drafts'", 'openai'));
      assert.match(text, /^export class Suggester \{\n {2}async suggest/m);
      assert.match(userAfter, /new Suggester\(\);/);
    });

    it('stays when a construction cannot be followed (a subclass, spread arguments)', () => {
      const code = suggester('private readonly client: OpenAI, private readonly label: string');
      for (const other of ["import { Suggester } from '../app/file';\n\nexport class Special extends Suggester {}\n", "import { Suggester } from '../app/file';\n\nexport const make = (...args: [never, string]) => new Suggester(...args);\n"]) {
        const { text, user: userAfter } = fixWithUser(code, other);
        assert.match(text, /private readonly client: OpenAI, private readonly label: string/);
        assert.equal(userAfter, other);
      }
    });
  });

  describe('the vendor-client fix: route a client through the seam', () => {
    /** The route-client fix of the file's first client construction, and the file's text after it. */
    const routeFix = (code: string) => {
      const target = project(root, code);
      const fix = fixesForFile(target.input()).find((candidate) => candidate.kind === 'route-client');
      const own = fix?.changes.find((change) => change.filePath === target.input().filePath);
      return { fix, text: own ? applyChanges(code, own.changes) : undefined };
    };
    const local = (extra = '') => `import OpenAI from 'openai';

const client = new OpenAI();

export async function ask(question: string): Promise<string> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}

export async function vector(text: string): Promise<number[]> {
  const response = await client.embeddings.create({ model: 'text-embedding-3-small', input: text });
  return response.data[0].embedding;
}
${extra}`;

    it('a client in a variable: every call through it is wrapped, then the client and its import go', () => {
      const { fix, text } = routeFix(local());
      assert.equal(fix?.title, "Route 'client' through the seam (wrap its calls, remove the client)");
      assert.equal(fix?.disabledReason, undefined);
      assert.equal(
        text,
        `import { chatModel, embeddingModel } from '../ai';

export async function ask(question: string): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  return completion.text ?? '';
}

export async function vector(text: string): Promise<number[]> {
  const response = await embeddingModel('textEmbedding3Small').embed({ input: text });
  return response.embeddings[0];
}
`,
      );
    });

    it('a client in a private field: its calls through `this` are wrapped and the field goes', () => {
      const { fix, text } = routeFix(`import OpenAI from 'openai';

export class Classifier {
  private readonly client = new OpenAI({ maxRetries: 2 });

  async classify(text: string): Promise<string> {
    const completion = await this.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
    return completion.choices[0].message.content ?? '';
  }
}
`);
      assert.equal(fix?.disabledReason, undefined);
      assert.equal(
        text,
        `import { chatModel } from '../ai';

export class Classifier {
  async classify(text: string): Promise<string> {
    const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: text }] });
    return completion.text ?? '';
  }
}
`,
      );
    });

    it('refused with the reason: an exported client, a call the seam cannot carry, a client passed on', () => {
      const reasons = [
        local().replace('const client', 'export const client'),
        local("\nexport async function logo(): Promise<number> {\n  return (await client.images.generate({ model: 'dall-e-3', prompt: 'a logo' })).data?.length ?? 0;\n}\n"),
        local('\ndeclare function register(value: unknown): void;\nregister(client);\n'),
      ].map((code) => routeFix(code).fix?.disabledReason);
      assert.deepEqual(reasons, [
        'Cannot route this client through the seam: `client` is exported; wrap the calls in the modules that import it (each has its own fix), then delete it.',
        "Cannot route this client through the seam: its call on line 16 cannot be wrapped (OpenAI-only feature (image generation): no neutral equivalent).",
        'Cannot route this client through the seam: `client` is still used on line 16 once its calls are wrapped.',
      ]);
    });

    it('only its own calls: a client of the same name in another function is left alone', () => {
      const code = `import OpenAI from 'openai';

export async function first(question: string): Promise<string> {
  const client = new OpenAI();
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}

export async function second(question: string): Promise<string> {
  const client = new OpenAI();
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content ?? '';
}
`;
      const { text } = routeFix(code);
      assert.match(text!, /chatModel\('gpt4oMini'\)/);
      assert.doesNotMatch(text!.slice(0, text!.indexOf('second')), /new OpenAI/, 'the client made inside the function goes with its call');
      assert.match(text!, /const client = new OpenAI\(\);\n  const completion = await client\.chat\.completions\.create\(\{ model: 'gpt-4o'/);
    });
  });

  describe('a JavaScript file in a TypeScript project', () => {
    const SCRIPT = 'scripts/summarize.js';
    const script = [
      "const { openai } = require('../src/lib/openai');",
      '',
      'async function summarize(text) {',
      "  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });",
      '  return completion.choices[0].message.content;',
      '}',
      '',
      'module.exports = { summarize };',
      '',
    ].join('\n');

    it('not compiled by it (no allowJs): wrap and config move are refused, since Node cannot load the .ts seam', () => {
      const target = project(root, script, {}, SCRIPT);
      const reason = "this JavaScript file is not compiled with the project's TypeScript (no `allowJs` in tsconfig.json), so it cannot import the TypeScript seam";
      assert.deepEqual(
        fixesForFile(target.input()).map((fix) => [fix.kind, fix.disabledReason]),
        [
          ['wrap-call', `Cannot wrap this call: ${reason}.`],
          ['config-literal', `Cannot move it to the seam's configuration: ${reason}.`],
        ],
      );
      assert.equal(fixAll(target).text, undefined, 'fix-all leaves the script alone');
    });

    it('not compiled by it: an OpenAI-only call is refused as such, not for the seam it could not reach anyway', () => {
      const listing = "const { openai } = require('../src/lib/openai');\n\nasync function count() {\n  return (await openai.models.list()).data.length;\n}\n\nmodule.exports = { count };\n";
      const fixes = fixesForFile(project(root, listing, {}, SCRIPT).input());
      assert.deepEqual(fixes.map((fix) => [fix.kind, fix.disabledReason]), [['wrap-call', 'Cannot wrap this call: OpenAI-only feature (model management): no neutral equivalent.']]);
    });

    it('compiled by it (allowJs): the wrap imports the seam with require, as the file does', () => {
      const tsconfig = JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true, allowJs: true } });
      const { text } = fixAll(project(root, script, { 'tsconfig.json': tsconfig }, SCRIPT));
      assert.equal(
        text,
        [
          "const { chatModel } = require('../src/ai');",
          '',
          'async function summarize(text) {',
          "  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: text }] });",
          '  return completion.text;',
          '}',
          '',
          'module.exports = { summarize };',
          '',
        ].join('\n'),
      );
    });
  });

  describe('the openai dependency the seam needs', () => {
    it('a project without openai (on @azure/openai only) gets it added to package.json by a minimal edit', () => {
      const manifest = '{\n  "name": "helpdesk",\n  "dependencies": {\n    "@azure/openai": "1.0.0-beta.12"\n  }\n}\n';
      const target = project(root, CASES[13].code, { 'package.json': manifest });
      const { seams } = fixAll(target);
      const change = [...seams.values()][0].changes().find((candidate) => candidate.filePath === path.join(root, 'package.json'));
      assert.ok(change && !change.create);
      assert.equal(
        applyChanges(manifest, change.changes),
        '{\n  "name": "helpdesk",\n  "dependencies": {\n    "@azure/openai": "1.0.0-beta.12",\n    "openai": "^6.49.0"\n  }\n}\n',
      );
    });

    it('a project that has openai 4.104 or later: package.json is left alone', () => {
      const { seams } = fixAll(project(root, CASES.find((testCase) => testCase.title.startsWith('openai v4 chat: one line'))!.code));
      const files = [...seams.values()][0].changes().map((change) => path.relative(root, change.filePath));
      assert.ok(!files.includes('package.json'));
      assert.deepEqual(files.sort(), ['src/ai/config.ts', 'src/ai/index.ts', 'src/ai/openai-compat.ts', 'src/ai/providers/azure-openai.ts', 'src/ai/providers/openai-wire.ts', 'src/ai/providers/openai.ts', 'src/ai/providers/registry.ts', 'src/ai/routing.ts']);
    });
  });
});
