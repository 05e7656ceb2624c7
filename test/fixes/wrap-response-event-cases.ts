/**
 * Wrap cases for Responses API streams whose events are used as the SDK's (wrap.test.ts runs them): the SDK's
 * stream helper through its listeners and final response, its events iterated whole, and a streamed
 * \`responses.create\` whose events are handed on (openai-node's examples/responses, openai-responses-starter-app's
 * turn route): the neutral stream converted back where the call is (\`responseStreamAsOpenAI\`,
 * \`responseEventsAsOpenAI\`), and what stays refused because other providers' streams cannot carry it.
 */

interface ResponseEventCase {
  title: string;
  code: string;
  expected: string;
  models: string[];
}

export const RESPONSE_EVENT_CASES: ResponseEventCase[] = [
  {
    title: "the SDK's Responses stream helper through its listeners, its events and its final response: the helper back (openai-node examples/responses/stream.ts)",
    code: `import { openai } from '../lib/openai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<void> {
  const runner = openai.responses
    .stream({
      model: 'gpt-4o-2024-08-06',
      input: question,
    })
    .on('event', (event) => send(event))
    .on('response.output_text.delta', (diff) => send(diff.delta));
  for await (const event of runner) send(event);
  send(await runner.finalResponse());
}
`,
    expected: `import { responseStreamAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function send(value: unknown): unknown;

export async function run(question: string): Promise<void> {
  const runner = responseStreamAsOpenAI(chatModel('gpt4o20240806').stream({
    messages: [{ role: 'user', content: question }],
  }))
    .on('event', (event) => send(event))
    .on('response.output_text.delta', (diff) => send(diff.delta));
  for await (const event of runner) send(event);
  send(await runner.finalResponse());
}
`,
    models: ["gpt4o20240806: 'gpt-4o-2024-08-06'"],
  },
  {
    title: "the SDK's Responses stream helper with tools, its events iterated whole: the helper back, the tools kept for the OpenAI wire (openai-node examples/responses/streaming-tools.ts)",
    code: `import { openai } from '../lib/openai';

declare function send(value: unknown): unknown;

const tool = { type: 'function' as const, name: 'query', parameters: { type: 'object', properties: {} }, strict: false };

export async function run(question: string): Promise<void> {
  const stream = openai.responses.stream({ model: 'gpt-4.1', input: question, tools: [tool] });
  for await (const event of stream) send(event);
}
`,
    expected: `import { responseStreamAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function send(value: unknown): unknown;

const tool = { type: 'function' as const, name: 'query', parameters: { type: 'object', properties: {} }, strict: false };

export async function run(question: string): Promise<void> {
  const stream = responseStreamAsOpenAI(chatModel('gpt41').stream({ messages: [{ role: 'user', content: question }], providerTools: { tools: [tool] } }));
  for await (const event of stream) send(event);
}
`,
    models: ["gpt41: 'gpt-4.1'"],
  },
  {
    title: 'a streamed Responses API call whose events are handed on whole, its input, instructions and tools built elsewhere (openai-responses-starter-app turn_response route)',
    code: `import { openai } from '../lib/openai';
import type { ResponseInputItem, Tool } from 'openai/resources/responses/responses';

declare function developerPrompt(): string;

export async function relay(messages: ResponseInputItem[], tools: Tool[]): Promise<Response> {
  const events = await openai.responses.create({
    model: 'gpt-4.1',
    input: messages,
    instructions: developerPrompt(),
    tools,
    stream: true,
    parallel_tool_calls: false,
  });
  const stream = new ReadableStream({
    async start(controller) {
      for await (const event of events) controller.enqueue(\`data: \${JSON.stringify({ event: event.type, data: event })}\\n\\n\`);
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}
`,
    expected: `import type { ResponseInputItem, Tool } from 'openai/resources/responses/responses';
import { messagesFromOpenAIInput, responseEventsAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function developerPrompt(): string;

export async function relay(messages: ResponseInputItem[], tools: Tool[]): Promise<Response> {
  const events = await responseEventsAsOpenAI(chatModel('gpt41').stream({
    messages: [{ role: 'system', content: developerPrompt() }, ...messagesFromOpenAIInput(messages)],
    providerTools: { tools },
    openAIOptions: { parallel_tool_calls: false },
  }));
  const stream = new ReadableStream({
    async start(controller) {
      for await (const event of events) controller.enqueue(\`data: \${JSON.stringify({ event: event.type, data: event })}\\n\\n\`);
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}
`,
    models: ["gpt41: 'gpt-4.1'"],
  },
  {
    title: 'a Responses API stream counted by events that are not text deltas: the SDK helper back, whose events are the API\'s',
    code: `import { openai } from '../lib/openai';

export async function count(question: string): Promise<number> {
  let others = 0;
  for await (const event of openai.responses.stream({ model: 'gpt-4.1', input: question })) if (event.type !== 'response.output_text.delta') others++;
  return others;
}
`,
    expected: `import { responseStreamAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function count(question: string): Promise<number> {
  let others = 0;
  for await (const event of responseStreamAsOpenAI(chatModel('gpt41').stream({ messages: [{ role: 'user', content: question }] }))) if (event.type !== 'response.output_text.delta') others++;
  return others;
}
`,
    models: ["gpt41: 'gpt-4.1'"],
  },
  {
    title: "a streamed Responses API call handed to a function typed with the SDK's `Stream`, then aborted: the SDK's own `Stream` back",
    code: `import { openai } from '../lib/openai';
import type { Stream } from 'openai/streaming';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';

declare function forward(events: Stream<ResponseStreamEvent>): Promise<number>;

export async function relay(question: string): Promise<number> {
  const events = await openai.responses.create({ model: 'gpt-4.1', input: question, stream: true });
  const sent = await forward(events);
  events.controller.abort();
  return sent;
}
`,
    expected: `import type { Stream } from 'openai/streaming';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { responseEventsAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function forward(events: Stream<ResponseStreamEvent>): Promise<number>;

export async function relay(question: string): Promise<number> {
  const events = await responseEventsAsOpenAI(chatModel('gpt41').stream({ messages: [{ role: 'user', content: question }] }));
  const sent = await forward(events);
  events.controller.abort();
  return sent;
}
`,
    models: ["gpt41: 'gpt-4.1'"],
  },
];

export const RESPONSE_EVENT_REFUSALS: Array<{ title: string; body: string; reason: string }> = [
  {
    title: "a Responses API stream read for its reasoning summary's events, which other providers never send",
    body: "const events = await openai.responses.create({ model: 'o4-mini', input: question, stream: true });\n  for await (const event of events) if (event.type === 'response.reasoning_summary_text.delta') send(event);",
    reason: "the stream's `'response.reasoning_summary_text.delta'` events have no neutral chunk (its chunks carry text and the finish reason), and converted back to the SDK's shape it would lack the `response.reasoning_summary_text.delta` events, which other providers never send",
  },
  {
    title: "the SDK helper's final response with tools: the SDK parses their arguments by the request's tools, the converted helper does not",
    body: "const runner = openai.responses.stream({ model: 'gpt-4.1', input: question, tools: [] }).on('event', (event) => send(event));\n  return send(await runner.finalResponse());",
    reason: "the SDK stream's own `on` is used, which the neutral stream lacks, and converted back to the SDK's shape it would lack what the SDK helper's `finalResponse()` parses by the request's `tools` or `text`",
  },
  {
    title: "the SDK helper read for what it parses (`output_parsed`)",
    body: "const runner = openai.responses.stream({ model: 'gpt-4.1', input: question }).on('event', send);\n  return (await runner.finalResponse()).output_parsed;",
    reason: "the SDK stream's own `on` is used, which the neutral stream lacks, and converted back to the SDK's shape it would lack `output_parsed`, which the code reads",
  },
];
