/**
 * Wrap cases for structured outputs (wrap.test.ts runs them): the SDK's `chat.completions.parse` and
 * `responses.parse` with a JSON Schema format (made by its zod helpers or written by hand) become the neutral
 * model's `parse`, the format going through the seam's `schemaFormatFromOpenAI` (which keeps the helper's
 * parser), and `message.parsed` / `output_parsed` read the neutral `parsed`; what stays refused, and why.
 */

interface ParseCase {
  title: string;
  code: string;
  expected: string;
  models: string[];
}

const ZOD_HEAD = `import { zodResponseFormat, zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod'; // v4, as v3
import { openai } from '../lib/openai';

const Answer = z.object({ steps: z.array(z.string()), final_answer: z.string() });
`;

const WRAPPED_ZOD_HEAD = `import { zodResponseFormat, zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod'; // v4, as v3
import { schemaFormatFromOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

const Answer = z.object({ steps: z.array(z.string()), final_answer: z.string() });
`;

export const PARSE_CASES: ParseCase[] = [
  {
    title: 'chat.completions.parse with zodResponseFormat: the neutral parse, its message kept apart and read for `parsed`',
    code: `${ZOD_HEAD}
export async function solve(question: string): Promise<string> {
  const completion = await openai.chat.completions.parse({
    model: 'gpt-4o-2024-08-06',
    messages: [
      { role: 'system', content: 'You are a helpful math tutor.' },
      { role: 'user', content: question },
    ],
    response_format: zodResponseFormat(Answer, 'math_response'),
  });
  const message = completion.choices[0]?.message;
  if (message?.parsed) return \`\${message.parsed.steps.length} steps: \${message.parsed.final_answer}\`;
  return message?.content ?? '';
}
`,
    expected: `${WRAPPED_ZOD_HEAD}
export async function solve(question: string): Promise<string> {
  const completion = await chatModel('gpt4o20240806').parse({
    messages: [
      { role: 'system', content: 'You are a helpful math tutor.' },
      { role: 'user', content: question },
    ],
    responseFormat: schemaFormatFromOpenAI(zodResponseFormat(Answer, 'math_response')),
  });
  const message = completion;
  if (message?.parsed) return \`\${message?.parsed.steps.length} steps: \${message?.parsed.final_answer}\`;
  return message?.text ?? '';
}
`,
    models: ["gpt4o20240806: 'gpt-4o-2024-08-06'"],
  },
  {
    title: 'chat.completions.parse read straight off the result, with a hand-written JSON Schema format and the usage',
    code: `import { openai } from '../lib/openai';

export async function city(question: string): Promise<unknown> {
  const completion = await openai.chat.completions.parse({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
    response_format: { type: 'json_schema', json_schema: { name: 'city', strict: true, schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false } } },
    temperature: 0,
  });
  return [completion.choices[0].message.parsed, completion.usage?.total_tokens];
}
`,
    expected: `import { schemaFormatFromOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function city(question: string): Promise<unknown> {
  const completion = await chatModel('gpt4oMini').parse({
    messages: [{ role: 'user', content: question }],
    responseFormat: schemaFormatFromOpenAI({ type: 'json_schema', json_schema: { name: 'city', strict: true, schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false } } }),
    temperature: 0,
  });
  return [completion.parsed, completion.usage?.totalTokens];
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "chat.completions.parse whose result is handed on whole: converted back at the call, `parsed` included",
    code: `${ZOD_HEAD}
declare function show(value: unknown): void;

export async function solve(question: string): Promise<void> {
  const completion = await openai.chat.completions.parse({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], response_format: zodResponseFormat(Answer, 'math_response') });
  show(completion);
  show(completion.choices[0]?.message.parsed?.final_answer);
}
`,
    expected: `${WRAPPED_ZOD_HEAD.replace('{ schemaFormatFromOpenAI }', '{ schemaFormatFromOpenAI, parsedCompletionAsOpenAI }')}
declare function show(value: unknown): void;

export async function solve(question: string): Promise<void> {
  const completion = await chatModel('gpt4oMini').parse({ messages: [{ role: 'user', content: question }], responseFormat: schemaFormatFromOpenAI(zodResponseFormat(Answer, 'math_response')) }).then(parsedCompletionAsOpenAI);
  show(completion);
  show(completion.choices[0]?.message.parsed?.final_answer);
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "openai 4's beta.chat.completions.parse: the same structured answer",
    code: `import { openai } from '../lib/openai';

export async function city(question: string): Promise<unknown> {
  const completion = await openai.beta.chat.completions.parse({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], response_format: { type: 'json_schema', json_schema: { name: 'city', schema: {} } } });
  return completion.choices[0].message.parsed;
}
`,
    expected: `import { schemaFormatFromOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function city(question: string): Promise<unknown> {
  const completion = await chatModel('gpt4oMini').parse({ messages: [{ role: 'user', content: question }], responseFormat: schemaFormatFromOpenAI({ type: 'json_schema', json_schema: { name: 'city', schema: {} } }) });
  return completion.parsed;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'responses.parse with zodTextFormat: instructions and input become the messages, `output_parsed` the neutral `parsed`, through a connection that keeps the API',
    code: `${ZOD_HEAD}
export async function solve(question: string): Promise<string | undefined> {
  const rsp = await openai.responses.parse({
    model: 'gpt-4.1',
    instructions: 'Show your steps.',
    input: question,
    text: { format: zodTextFormat(Answer, 'math_response') },
  });
  return rsp.output_parsed?.final_answer;
}
`,
    expected: `${WRAPPED_ZOD_HEAD}
export async function solve(question: string): Promise<string | undefined> {
  const rsp = await chatModel('gpt41').parse({
    messages: [{ role: 'system', content: 'Show your steps.' }, { role: 'user', content: question }],
    responseFormat: schemaFormatFromOpenAI(zodTextFormat(Answer, 'math_response')),
  });
  return rsp.parsed?.final_answer;
}
`,
    models: ["gpt41: 'gpt-4.1'"],
  },
  {
    title: "chat.completions.parse with zodFunction tools: converted with their parsers, a call's parsed arguments read neutrally",
    code: `import { zodFunction } from 'openai/helpers/zod';
import { z } from 'zod';
import { openai } from '../lib/openai';

const Query = z.object({ table: z.enum(['orders', 'customers']) });

export async function lookup(question: string): Promise<unknown> {
  const completion = await openai.chat.completions.parse({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], tools: [zodFunction({ name: 'query', parameters: Query })] });
  return completion.choices[0].message.tool_calls[0]?.function.parsed_arguments;
}
`,
    expected: `import { zodFunction } from 'openai/helpers/zod';
import { z } from 'zod';
import { toolsFromOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

const Query = z.object({ table: z.enum(['orders', 'customers']) });

export async function lookup(question: string): Promise<unknown> {
  const completion = await chatModel('gpt4oMini').parse({ messages: [{ role: 'user', content: question }], tools: toolsFromOpenAI([zodFunction({ name: 'query', parameters: Query })]) });
  return completion.toolCalls[0]?.parsedArguments;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "chat.completions.parse with tools whose call is kept apart, as OpenAI's parsing-tools example does: converted back at the call, parsed arguments included",
    code: `import { zodFunction } from 'openai/helpers/zod';
import { z } from 'zod';
import { openai } from '../lib/openai';

const Query = z.object({ table: z.enum(['orders', 'customers']) });

export async function lookup(question: string): Promise<string | undefined> {
  const completion = await openai.chat.completions.parse({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], tools: [zodFunction({ name: 'query', parameters: Query })] });
  const toolCall = completion.choices[0]?.message.tool_calls?.[0];
  if (toolCall?.type === 'function') return (toolCall.function.parsed_arguments as z.infer<typeof Query>).table;
  return undefined;
}
`,
    expected: `import { zodFunction } from 'openai/helpers/zod';
import { z } from 'zod';
import { toolsFromOpenAI, parsedCompletionAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

const Query = z.object({ table: z.enum(['orders', 'customers']) });

export async function lookup(question: string): Promise<string | undefined> {
  const completion = await chatModel('gpt4oMini').parse({ messages: [{ role: 'user', content: question }], tools: toolsFromOpenAI([zodFunction({ name: 'query', parameters: Query })]) }).then(parsedCompletionAsOpenAI);
  const toolCall = completion.choices[0]?.message.tool_calls?.[0];
  if (toolCall?.type === 'function') return (toolCall.function.parsed_arguments as z.infer<typeof Query>).table;
  return undefined;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
];

/** The body of `run(question, messages)`, with `openai` and `send` in scope. */
export const PARSE_REFUSALS: Array<{ title: string; body: string; reason: string }> = [
  {
    title: 'chat.completions.parse asking for several answers (`n`): the neutral parse parses the first',
    body: "const c = await openai.chat.completions.parse({ model: 'gpt-4o-mini', messages, n: 2, response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } });\n  return c.choices[0].message.parsed;",
    reason: 'option `n` has no equivalent in the provider-neutral interface',
  },
  {
    title: 'chat.completions.parse with JSON mode (which the SDK does not parse)',
    body: "const c = await openai.chat.completions.parse({ model: 'gpt-4o-mini', messages, response_format: { type: 'json_object' } });\n  return c.choices[0].message.parsed;",
    reason: 'the structured request asks for `json_object`, which `parse` does not parse (a JSON Schema format is)',
  },
  {
    title: 'responses.parse with text options beyond the format',
    body: "const r = await openai.responses.parse({ model: 'gpt-4.1', input: question, text: { format: { type: 'json_schema', name: 'x', schema: {} }, verbosity: 'low' } });\n  return r.output_parsed;",
    reason: 'the `text` options are more than a `format` (or not written inline), which the neutral request does not carry',
  },
  {
    title: "responses.parse read for its output items (a tool call's parsed arguments)",
    body: "const r = await openai.responses.parse({ model: 'gpt-4.1', input: question, text: { format: { type: 'json_schema', name: 'x', schema: {} } } });\n  return r.output[0];",
    reason: "the result is used as the SDK's type (output.0)",
  },
];
