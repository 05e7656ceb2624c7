/**
 * Wrap cases for tool choice and tools not written inline (wrap.test.ts runs them): `tool_choice` becomes the
 * neutral `toolChoice`; tools in a variable seen (or typed) as function tools become neutral ones through
 * openai-compat's `toolsFromOpenAI`, with the OpenAI form kept in `providerTools` for the OpenAI wire; what has
 * no neutral form stays in `providerTools` alone (the seam's routing keeps such a call on its own connection);
 * what stays refused, and why.
 */

interface ToolChoiceCase {
  title: string;
  code: string;
  expected: string;
  models: string[];
}

const TOOLS = `const tools: OpenAI.Chat.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'lookupOrder', parameters: { type: 'object', properties: { id: { type: 'string' } } } } },
];
`;

const call = (request: string) => `import type OpenAI from 'openai';
import { openai } from '../lib/openai';

${TOOLS}
export async function route(question: string): Promise<string | undefined> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], ${request} });
  return completion.choices[0].message.tool_calls?.[0]?.id;
}
`;

const wrapped = (request: string, compat = true) => `import type OpenAI from 'openai';
${compat ? "import { toolsFromOpenAI } from '../ai/openai-compat';\n" : ''}import { chatModel } from '../ai';

${TOOLS}
export async function route(question: string): Promise<string | undefined> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }], ${request} });
  return completion.toolCalls[0]?.id;
}
`;

const MODELS = ["gpt4oMini: 'gpt-4o-mini'"];

export const TOOL_CHOICE_CASES: ToolChoiceCase[] = [
  {
    title: 'tools in a constant of function tools and a named tool choice: neutral tools and choice, the OpenAI form kept for its wire (openai-node tool-calls-stream.ts)',
    code: call("tools, tool_choice: { type: 'function', function: { name: 'lookupOrder' } }"),
    expected: wrapped("tools: toolsFromOpenAI(tools), toolChoice: { name: 'lookupOrder' }, providerTools: { tools, tool_choice: { type: 'function', function: { name: 'lookupOrder' } } }"),
    models: MODELS,
  },
  {
    title: "tools in a constant and `tool_choice: 'required'`",
    code: call("tools: tools, tool_choice: 'required'"),
    expected: wrapped("tools: toolsFromOpenAI(tools), toolChoice: 'required', providerTools: { tools, tool_choice: 'required' }"),
    models: MODELS,
  },
  {
    title: 'strict function tools written inline and a choice of none: neutral tools (strict kept) and choice, nothing left for the OpenAI wire alone',
    code: call("tools: [{ type: 'function', function: { name: 'lookupOrder', parameters: { type: 'object' }, strict: true } }], tool_choice: 'none'"),
    expected: wrapped("tools: [{ name: 'lookupOrder', parameters: { type: 'object' }, strict: true }], toolChoice: 'none'", false),
    models: MODELS,
  },
  {
    title: 'tools a function gives (the fix cannot see they are function tools): kept for the OpenAI wire alone, so the call stays on its own connection',
    code: call("tools: toolsFor(question), tool_choice: 'auto'").replace('export async function route', 'declare function toolsFor(question: string): OpenAI.Chat.ChatCompletionTool[];\n\nexport async function route'),
    expected: wrapped("providerTools: { tools: toolsFor(question), tool_choice: 'auto' }", false).replace('export async function route', 'declare function toolsFor(question: string): OpenAI.Chat.ChatCompletionTool[];\n\nexport async function route'),
    models: MODELS,
  },
  {
    title: 'a tools parameter typed as function tools: neutral through the converter',
    code: call('tools: extra').replace('(question: string)', '(question: string, extra: OpenAI.Chat.ChatCompletionFunctionTool[])'),
    expected: wrapped('tools: toolsFromOpenAI(extra), providerTools: { tools: extra }').replace('(question: string)', '(question: string, extra: OpenAI.Chat.ChatCompletionFunctionTool[])'),
    models: MODELS,
  },
  {
    title: 'an allowed-tools choice (no neutral form): tools and choice kept for the OpenAI wire alone',
    code: call("tools, tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'lookupOrder' } }] } }"),
    expected: wrapped("providerTools: { tools, tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'lookupOrder' } }] } } }", false),
    models: MODELS,
  },
  {
    title: 'a legacy function forced by `function_call`: the neutral tool choice names it, the OpenAI wire gets it as written',
    code: `import { openai } from '../lib/openai';

export async function route(question: string): Promise<string | undefined> {
  const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], functions: [{ name: 'find', parameters: { type: 'object' } }], function_call: { name: 'find' } });
  return c.choices[0]?.message.content ?? undefined;
}
`,
    expected: `import { functionToolsFromOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

export async function route(question: string): Promise<string | undefined> {
  const c = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }], tools: functionToolsFromOpenAI([{ name: 'find', parameters: { type: 'object' } }]), toolChoice: { name: 'find' }, providerTools: { functions: [{ name: 'find', parameters: { type: 'object' } }], function_call: { name: 'find' } } });
  return c.text ?? undefined;
}
`,
    models: MODELS,
  },
];

interface ToolChoiceRefusal {
  title: string;
  /** The body of `run(question, messages)`, with `openai` (v4) and `send` in scope. */
  body: string;
  reason: string;
}

export const TOOL_CHOICE_REFUSALS: ToolChoiceRefusal[] = [
  {
    title: 'a tool choice the fix cannot see, without tools to keep it company',
    body: "const choice = process.env.CHOICE as 'auto';\n  const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tool_choice: choice });\n  return c.choices[0]?.message.content;",
    reason: "`tool_choice: choice` is not a tool choice the neutral request can name ('auto', 'none', 'required' or one function)",
  },
];
