/**
 * Wrap cases for what streamed chunks are read for beyond their text (wrap.test.ts runs them): a chunk's
 * `delta` kept in a variable, reasoning from OpenAI-compatible servers (`reasoning_content`, `reasoning`,
 * read through casts and `in` checks), tool-call pieces, and the usage chunk (`stream_options`), and what
 * stays refused because the neutral chunk has no such thing.
 */

interface StreamCase {
  title: string;
  code: string;
  expected: string;
  models: string[];
}

const HEAD = `import { openai } from '../lib/openai';

declare function emit(kind: string, value: unknown): void;
`;

const WRAPPED_HEAD = `import { chatModel } from '../ai';

declare function emit(kind: string, value: unknown): void;
`;

/** A method typed with the SDK's usage that casts it to read a DeepSeek-style server's own counts: the fix leaves it as it is. */
const USAGE_METHOD = `interface CacheUsage extends OpenAI.CompletionUsage {
  prompt_cache_hit_tokens?: number;
  prompt_cache_miss_tokens?: number;
}

export class Relay {
  private *usageEvents(usage: OpenAI.Completions.CompletionUsage | undefined): Generator<string> {
    const cache = usage as CacheUsage;
    yield \`\${cache?.prompt_tokens ?? 0} in, \${cache?.prompt_cache_hit_tokens ?? 0} hit, \${cache?.prompt_cache_miss_tokens ?? 0} missed\`;
  }
`;

export const STREAM_CASES: StreamCase[] = [
  {
    title: 'a chunk\'s delta kept in a variable, read for text and reasoning (through `in` and casts), and the usage chunk',
    code: `${HEAD}
export async function relay(question: string): Promise<void> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true, stream_options: { include_usage: true } });
  for await (const part of stream) {
    const delta = part.choices[0]?.delta;
    if (delta?.content) emit('text', delta.content);
    if (delta && 'reasoning_content' in delta && delta.reasoning_content) emit('thinking', delta.reasoning_content);
    if (part.usage) emit('usage', [part.usage.prompt_tokens, part.usage.completion_tokens, part.usage.prompt_tokens_details?.cached_tokens ?? 0]);
  }
}
`,
    expected: `import { usageAsOpenAI } from '../ai/openai-compat';
${WRAPPED_HEAD}
export async function relay(question: string): Promise<void> {
  const stream = await chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }], openAIOptions: { stream_options: { include_usage: true } } });
  for await (const part of stream) {
    const delta = part;
    if (delta?.text) emit('text', delta?.text);
    if (delta && 'reasoning' in delta && delta?.reasoning) emit('thinking', delta?.reasoning);
    if (part.usage) emit('usage', [part.usage?.inputTokens, part.usage?.outputTokens, usageAsOpenAI(part.usage).prompt_tokens_details?.cached_tokens ?? 0]);
  }
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'tool-call pieces assembled by index, and the choice kept in a variable',
    code: `${HEAD}
export async function plan(question: string): Promise<Array<{ id: string; name: string; args: string }>> {
  const calls: Array<{ id: string; name: string; args: string }> = [];
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
    tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
    stream: true,
  });
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice && choice.delta) {
      const delta = choice.delta;
      if (delta.content) emit('text', delta.content);
      if ((delta as { reasoning?: string }).reasoning) emit('thinking', (delta as any).reasoning as string);
      for (const call of delta.tool_calls ?? []) {
        const known = (calls[call.index] ??= { id: '', name: '', args: '' });
        if (call.id) known.id = call.id;
        known.name += call.function?.name ?? '';
        known.args += call.function?.arguments ?? '';
      }
    }
    if (chunk.choices[0]?.delta?.tool_calls) emit('calling', chunk.choices[0].delta.tool_calls.length);
    if (choice?.finish_reason) emit('done', choice.finish_reason);
  }
  return calls;
}
`,
    expected: `${WRAPPED_HEAD}
export async function plan(question: string): Promise<Array<{ id: string; name: string; args: string }>> {
  const calls: Array<{ id: string; name: string; args: string }> = [];
  const stream = await chatModel('gpt4oMini').stream({
    messages: [{ role: 'user', content: question }],
    tools: [{ name: 'lookup', parameters: { type: 'object' } }],
  });
  for await (const chunk of stream) {
    const choice = chunk;
    if (choice && choice) {
      const delta = choice;
      if (delta?.text) emit('text', delta?.text);
      if (delta?.reasoning) emit('thinking', delta?.reasoning as string);
      for (const call of delta?.toolCalls ?? []) {
        const known = (calls[call.index] ??= { id: '', name: '', args: '' });
        if (call.id) known.id = call.id;
        known.name += call.name ?? '';
        known.args += call.arguments ?? '';
      }
    }
    if (chunk.toolCalls) emit('calling', chunk.toolCalls.length);
    if (choice?.finishReason) emit('done', (choice?.finishReason ?? null));
  }
  return calls;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: 'a stream with tools and the usage chunk handed to another library: converted back, tool calls and usage included',
    code: `import { openai } from '../lib/openai';

declare function pipeToClient(chunks: AsyncIterable<unknown>): Promise<void>;

export async function relayTools(question: string): Promise<void> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: question }], tools: [{ type: 'function', function: { name: 'find', parameters: { type: 'object' } } }] });
  await pipeToClient(stream);
}
`,
    expected: `import { chatChunksAsOpenAI } from '../ai/openai-compat';
import { chatModel } from '../ai';

declare function pipeToClient(chunks: AsyncIterable<unknown>): Promise<void>;

export async function relayTools(question: string): Promise<void> {
  const stream = await chatChunksAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }], tools: [{ name: 'find', parameters: { type: 'object' } }], openAIOptions: { stream_options: { include_usage: true } } }));
  await pipeToClient(stream);
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "the usage chunk handed to a method typed with the SDK's usage, which casts it to read a server's own fields: converted back where it is handed on",
    code: `import type OpenAI from 'openai';
${HEAD}
${USAGE_METHOD}
  async *relay(question: string): AsyncGenerator<string> {
    const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      if (delta?.content) yield delta.content;
      if (chunk.usage) {
        yield* this.usageEvents(chunk.usage);
      }
    }
  }
}
`,
    expected: `import type OpenAI from 'openai';
import { usageAsOpenAI } from '../ai/openai-compat';
${WRAPPED_HEAD}
${USAGE_METHOD}
  async *relay(question: string): AsyncGenerator<string> {
    const stream = await chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }], openAIOptions: { stream_options: { include_usage: true } } });
    for await (const chunk of stream) {
      const delta = chunk;
      if (delta?.text) yield delta?.text;
      if (chunk.usage) {
        yield* this.usageEvents(usageAsOpenAI(chunk.usage));
      }
    }
  }
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "a server's own usage field read past the SDK's type (`@ts-ignore`, a cast), and the usage kept for later: converted back where each is read",
    code: `import type OpenAI from 'openai';
${HEAD}
export async function relay(question: string): Promise<void> {
  let last: OpenAI.CompletionUsage | undefined;
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true, stream_options: { include_usage: true } });
  for await (const chunk of stream) {
    if (chunk.usage) {
      last = chunk.usage;
      // @ts-ignore the server's own field
      emit('missed', chunk.usage.prompt_cache_miss_tokens || 0);
      emit('hit', (chunk.usage as { prompt_cache_hit_tokens?: number }).prompt_cache_hit_tokens ?? 0);
      emit('input', chunk.usage.prompt_tokens);
    }
  }
  emit('cached', last?.prompt_tokens_details?.cached_tokens);
}
`,
    expected: `import type OpenAI from 'openai';
import { usageAsOpenAI } from '../ai/openai-compat';
${WRAPPED_HEAD}
export async function relay(question: string): Promise<void> {
  let last: OpenAI.CompletionUsage | undefined;
  const stream = await chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }], openAIOptions: { stream_options: { include_usage: true } } });
  for await (const chunk of stream) {
    if (chunk.usage) {
      last = usageAsOpenAI(chunk.usage);
      // @ts-ignore the server's own field
      emit('missed', usageAsOpenAI(chunk.usage).prompt_cache_miss_tokens || 0);
      emit('hit', (usageAsOpenAI(chunk.usage) as { prompt_cache_hit_tokens?: number }).prompt_cache_hit_tokens ?? 0);
      emit('input', chunk.usage?.inputTokens);
    }
  }
  emit('cached', last?.prompt_tokens_details?.cached_tokens);
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    title: "a completion's usage handed on whole, kept in a variable and read for a server's field, and destructured: converted back where it leaves the neutral reads",
    code: `${HEAD}
export async function count(question: string): Promise<void> {
  const response = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  emit('usage', response.usage);
  const usage = response.usage;
  emit('input', usage?.prompt_tokens);
  emit('missed', (usage as { prompt_cache_miss_tokens?: number } | undefined)?.prompt_cache_miss_tokens);
  const { usage: again } = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  emit('again', again);
}
`,
    expected: `import { usageAsOpenAI } from '../ai/openai-compat';
${WRAPPED_HEAD}
export async function count(question: string): Promise<void> {
  const response = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  emit('usage', usageAsOpenAI(response.usage));
  const usage = response.usage;
  emit('input', usage?.inputTokens);
  emit('missed', (usageAsOpenAI(usage) as { prompt_cache_miss_tokens?: number } | undefined)?.prompt_cache_miss_tokens);
  const result = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  emit('again', usageAsOpenAI(result.usage));
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  // Not a stream, but the same pattern: the first answer kept in a variable.
  {
    title: 'the first choice of a completion kept in a variable is the neutral result itself',
    code: `${HEAD}
export async function answer(question: string): Promise<string> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  const choice = completion.choices[0];
  if (!choice) return '';
  return \`\${choice.message.content ?? ''} (\${choice.finish_reason})\`;
}
`,
    expected: `${WRAPPED_HEAD}
export async function answer(question: string): Promise<string> {
  const completion = await chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });
  const choice = completion;
  if (!choice) return '';
  return \`\${choice?.text ?? ''} (\${choice?.finishReason})\`;
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    // OpenAI names the role on the first chunk only: converted back, the chunks are the server's own (or, from
    // another provider, made as OpenAI's are), so the role comes where it came.
    title: "a streamed delta's role: the chunks converted back at the call",
    code: `${HEAD}
export async function relay(question: string): Promise<void> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true });
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta;
    emit('delta', [delta?.role, delta?.content]);
  }
}
`,
    expected: `import { chatChunksAsOpenAI } from '../ai/openai-compat';
${WRAPPED_HEAD}
export async function relay(question: string): Promise<void> {
  const stream = await chatChunksAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] }));
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta;
    emit('delta', [delta?.role, delta?.content]);
  }
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
  {
    // The converted chunks come in the SDK's own \`Stream\`: the test takes the same branch after the fix.
    title: "a stream tested with the SDK's `instanceof Stream`: converted back at the call, in that class",
    code: `import { Stream } from 'openai/streaming';
${HEAD}
export async function relay(question: string): Promise<void> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true });
  if (stream instanceof Stream) {
    for await (const chunk of stream) emit('delta', chunk.choices[0]?.delta?.content);
  }
}
`,
    expected: `import { Stream } from 'openai/streaming';
import { chatChunksAsOpenAI } from '../ai/openai-compat';
${WRAPPED_HEAD}
export async function relay(question: string): Promise<void> {
  const stream = await chatChunksAsOpenAI(chatModel('gpt4oMini').stream({ messages: [{ role: 'user', content: question }] }));
  if (stream instanceof Stream) {
    for await (const chunk of stream) emit('delta', chunk.choices[0]?.delta?.content);
  }
}
`,
    models: ["gpt4oMini: 'gpt-4o-mini'"],
  },
];

export const STREAM_REFUSALS: Array<{ title: string; body: string; reason: string }> = [
  {
    title: 'both servers\' reasoning fields read in one loop (the neutral chunk has one: the text would be read twice)',
    body: "const s = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages });\n  for await (const chunk of s) {\n    const delta = chunk.choices[0]?.delta;\n    if (delta && 'reasoning_content' in delta) send(delta.reasoning_content);\n    if (delta && 'reasoning' in delta) send(delta.reasoning);\n  }",
    reason: 'the stream is read for both `reasoning_content` and `reasoning`, which the neutral chunk carries as one (`reasoning`)',
  },
  {
    title: "a Responses API usage read for the reasoning tokens (the usage converted back from another provider has no such count)",
    body: "const r = await openai.responses.create({ model: 'gpt-4o-mini', input: question });\n  return send(r.usage?.output_tokens_details.reasoning_tokens);",
    reason: "the result is used as the SDK's type (usage.output_tokens_details.reasoning_tokens)",
  },
];
