/**
 * Wrap cases for the SDK's tool runner (wrap.test.ts runs them): \`runTools\` stays as written, given the seam's
 * client (\`chatClientAsOpenAI\`) whose chat completions the neutral chat model answers; a model written as a
 * literal becomes its id in the seam's config; what stays refused, and why.
 */

interface RunnerCase {
  title: string;
  code: string;
  expected: string;
  models: string[];
}

export const RUNNER_CASES: RunnerCase[] = [
  {
    title: "the SDK's tool runner, streamed with its listeners, and openai 4's under `beta`: the runner given the seam's client (openai-node examples/chat-completions/tool-call-helpers.ts)",
    code: `import type { RunnableToolFunction } from 'openai/lib/RunnableFunction';
import { openai } from '../lib/openai';

declare const tools: RunnableToolFunction<{ genre: string }>[];

export async function recommend(question: string): Promise<string | null> {
  const runner = openai.chat.completions
    .runTools({
      model: 'gpt-4o-mini',
      stream: true,
      tools,
      messages: [{ role: 'user', content: question }],
    })
    .on('functionToolCall', (call) => console.log(call.name))
    .on('content', (diff) => process.stdout.write(diff));
  const result = await runner.finalChatCompletion();
  return result.choices[0].message.content;
}

export async function older(question: string, signal: AbortSignal): Promise<string | null> {
  return (openai as any).beta.chat.completions.runTools({ model: 'gpt-4o-mini', tools, messages: [{ role: 'user', content: question }] }, { signal, maxChatCompletions: 3 }).finalContent();
}
`,
    expected: `import type { RunnableToolFunction } from 'openai/lib/RunnableFunction';
import { chatClientAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';
import { models } from '../ai/config';

declare const tools: RunnableToolFunction<{ genre: string }>[];

export async function recommend(question: string): Promise<string | null> {
  const runner = chatClientAsOpenAI(chatModel('gpt4oMini')).chat.completions
    .runTools({
      model: models.gpt4oMini,
      stream: true,
      tools,
      messages: [{ role: 'user', content: question }],
    })
    .on('functionToolCall', (call) => console.log(call.name))
    .on('content', (diff) => process.stdout.write(diff));
  const result = await runner.finalChatCompletion();
  return result.choices[0].message.content;
}

export async function older(question: string, signal: AbortSignal): Promise<string | null> {
  return (chatClientAsOpenAI(chatModel('gpt4oMini')) as any).beta.chat.completions.runTools({ model: models.gpt4oMini, tools, messages: [{ role: 'user', content: question }] }, { signal, maxChatCompletions: 3 }).finalContent();
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
];

/** The body of `run(question, messages)`, with `openai` and `send` in scope. */
export const RUNNER_REFUSALS: Array<{ title: string; body: string; reason: string }> = [
  {
    title: "the tool runner's request in a variable: its model cannot be seen",
    body: "const params = { model: 'gpt-4o-mini', messages, tools: [] };\n  return openai.chat.completions.runTools(params).finalContent();",
    reason: "the runner's request is not written inline, so the fix cannot see its model",
  },
  {
    title: "the tool runner's request with a spread: a later `model` could hide in it",
    body: "const defaults = { temperature: 0 };\n  return openai.chat.completions.runTools({ model: 'gpt-4o-mini', ...defaults, messages, tools: [] }).finalContent();",
    reason: "the runner's request uses a spread or computed key (`...defaults`), so the fix cannot tell its fields",
  },
  {
    title: "the tool runner asked for On Your Data: Azure OpenAI's alone",
    body: "return openai.chat.completions.runTools({ model: 'gpt-4o-mini', messages, tools: [], data_sources: [] } as any).finalContent();",
    reason: 'Azure OpenAI-only feature (On Your Data, `data_sources`): no neutral equivalent',
  },
];
