/**
 * Wrap cases for legacy function calling (wrap.test.ts runs them), the shapes of openai-node's
 * `function-call*.ts` examples: `functions` become the neutral tools plus `providerTools` (so the OpenAI wire
 * sends them as they were), and a result or chunk used as the SDK's type is converted back at the call by the
 * converters that give `function_call` back; what stays refused, and why.
 */

interface LegacyFunctionCase {
  title: string;
  code: string;
  expected: string;
  models: string[];
}

const FUNCTIONS = `const functions: OpenAI.Chat.ChatCompletionCreateParams.Function[] = [
  { name: 'search', description: 'Finds books by name', parameters: { type: 'object', properties: { name: { type: 'string' } } } },
];
`;

export const LEGACY_FUNCTION_CASES: LegacyFunctionCase[] = [
  {
    title: "legacy functions, the answer's message kept in the conversation and read for its `function_call`, a role-'function' message after it (openai-node function-call.ts)",
    code: `import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat';
import { openai } from '../lib/openai';

${FUNCTIONS}
export async function turn(messages: ChatCompletionMessageParam[]): Promise<string> {
  while (true) {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      functions,
    });
    const message = completion.choices[0]!.message;
    messages.push(message);
    console.log(message);
    if (!message.function_call) return message.content ?? '';
    messages.push({ role: 'function' as const, name: message.function_call.name!, content: JSON.stringify([message.function_call.arguments]) });
  }
}
`,
    expected: `import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat';
import { functionToolsFromOpenAI, messagesFromOpenAI, functionCallCompletionAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

${FUNCTIONS}
export async function turn(messages: ChatCompletionMessageParam[]): Promise<string> {
  while (true) {
    const completion = await chatModel('gpt4oMini').complete({
      messages: messagesFromOpenAI(messages),
      tools: functionToolsFromOpenAI(functions),
      providerTools: { functions },
    }).then(functionCallCompletionAsOpenAI);
    const message = completion.choices[0]!.message;
    messages.push(message);
    console.log(message);
    if (!message.function_call) return message.content ?? '';
    messages.push({ role: 'function' as const, name: message.function_call.name!, content: JSON.stringify([message.function_call.arguments]) });
  }
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "legacy functions streamed, each chunk handed to a reducer typed with the SDK's chunk (openai-node function-call-stream.ts)",
    code: `import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessage, ChatCompletionMessageParam } from 'openai/resources/chat';
import { openai } from '../lib/openai';

${FUNCTIONS}
declare function messageReducer(previous: ChatCompletionMessage, item: ChatCompletionChunk): ChatCompletionMessage;

export async function turn(messages: ChatCompletionMessageParam[]): Promise<string | undefined> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, functions, function_call: 'auto', stream: true });
  let message = {} as ChatCompletionMessage;
  for await (const chunk of stream) message = messageReducer(message, chunk);
  messages.push(message);
  return message.function_call?.name;
}
`,
    expected: `import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessage, ChatCompletionMessageParam } from 'openai/resources/chat';
import { functionToolsFromOpenAI, messagesFromOpenAI, functionCallChunksAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

${FUNCTIONS}
declare function messageReducer(previous: ChatCompletionMessage, item: ChatCompletionChunk): ChatCompletionMessage;

export async function turn(messages: ChatCompletionMessageParam[]): Promise<string | undefined> {
  const stream = await functionCallChunksAsOpenAI(chatModel('gpt4oMini').stream({ messages: messagesFromOpenAI(messages), tools: functionToolsFromOpenAI(functions), toolChoice: 'auto', providerTools: { functions, function_call: 'auto' } }));
  let message = {} as ChatCompletionMessage;
  for await (const chunk of stream) message = messageReducer(message, chunk);
  messages.push(message);
  return message.function_call?.name;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a request without legacy functions handed on while `function_call` is read: the server has none to send, and the converted result has none',
    code: `import { openai } from '../lib/openai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<unknown> {
  const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  send(c);
  return c.choices[0]?.message.function_call?.name;
}
`,
    expected: `import { chatCompletionAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<unknown> {
  const c = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] }).then(chatCompletionAsOpenAI);
  send(c);
  return c.choices[0]?.message.function_call?.name;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "a request a function of the file makes, its every field seen (no legacy functions), its stream handed on (openai-node chat-params-types.ts)",
    code: `import type OpenAI from 'openai';
import { openai } from '../lib/openai';

export async function run(): Promise<void> {
  const params = await createParams(true);
  const stream = await openai.chat.completions.create(params);
  console.log(stream);
}

async function createParams(stream: true): Promise<OpenAI.Chat.ChatCompletionCreateParamsStreaming>;
async function createParams(stream: false): Promise<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>;
async function createParams(stream: boolean): Promise<OpenAI.Chat.ChatCompletionCreateParams> {
  const params = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello!' }], stream };
  return params;
}
`,
    expected: `import type OpenAI from 'openai';
import { models } from '../ai/config';
import { chatRequestFromOpenAI, chatChunksAsOpenAI } from '../ai/openai-compat';
import { chatModelById } from '../ai';

export async function run(): Promise<void> {
  const params = await createParams(true);
  const stream = await chatChunksAsOpenAI(chatModelById(params.model, 'openai').stream(chatRequestFromOpenAI({ ...params })));
  console.log(stream);
}

async function createParams(stream: true): Promise<OpenAI.Chat.ChatCompletionCreateParamsStreaming>;
async function createParams(stream: false): Promise<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>;
async function createParams(stream: boolean): Promise<OpenAI.Chat.ChatCompletionCreateParams> {
  const params = { model: models.gpt4oMini, messages: [{ role: 'user' as const, content: 'Hello!' }], stream };
  return params;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
];

interface LegacyFunctionRefusal {
  title: string;
  /** The body of `run(question, messages)`, with `openai` (v4) and `send` in scope. */
  body: string;
  reason: string;
}

export const LEGACY_FUNCTION_REFUSALS: LegacyFunctionRefusal[] = [
  {
    title: "legacy functions streamed through the SDK's stream helper (its converter gives tool calls, not `function_call` deltas)",
    body: "const stream = openai.chat.completions.stream({ model: 'gpt-4o-mini', messages, functions: [{ name: 'find', parameters: { type: 'object' } }] });\n  return stream.finalMessage();",
    reason: "the SDK stream's own `finalMessage` is used, which the neutral stream lacks, and converted back to the SDK's shape it would lack the legacy function calls the request asks for",
  },
  {
    title: 'a request built elsewhere whose fields the fix cannot all see, its result read for `function_call` (it may ask for legacy functions)',
    body: "const params = { model: 'gpt-4o-mini', messages };\n  Object.assign(params, { functions: [] });\n  const c = await openai.chat.completions.create(params);\n  send(c);\n  return c.choices[0]?.message.function_call?.name;",
    reason: "the result is passed on (to `send`), and converted back to the SDK's shape it would lack `function_call`, which the code reads",
  },  {
    title: 'a request a function makes from a constant it changes before returning it (it may ask for legacy functions), its stream handed on',
    body: "interface ParamsStreaming { model: string; messages: typeof messages; stream: true }\n  function make(): ParamsStreaming {\n    const params = { model: 'gpt-4o-mini', messages, stream: true as const };\n    Object.assign(params, { functions: [] });\n    return params;\n  }\n  const params = make();\n  return send(await openai.chat.completions.create(params));",
    reason: "the stream is passed on (to `send`), and converted back to the SDK's shape it would lack the legacy function calls the request may ask for",
  },
];
