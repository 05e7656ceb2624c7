/**
 * The adapters \`aidlint seam add-provider\` adds to a seam, as TypeScript held in strings like sources.ts
 * (same rules: see its header), by the provider's name in rules/vendors/seam-providers.ts.
 */

import { IF_DEFINED } from './sources';

/**
 * One copy in each added adapter: the request's tool choice, read without the neutral \`ToolChoice\` type, so
 * the adapter also compiles in a seam from an earlier aidlint (which has none).
 */
const TOOL_CHOICE = `
/** The request's tool choice (\`toolChoice\`), if it makes one: a mode, and the one tool to call when it names one. */
function toolChoiceOf(request: ChatRequest): { mode: 'auto' | 'none' | 'required'; name?: string } | undefined {
  const choice: unknown = Reflect.get(request, 'toolChoice');
  if (choice === 'auto' || choice === 'none' || choice === 'required') return { mode: choice };
  const name: unknown = typeof choice === 'object' && choice !== null ? Reflect.get(choice, 'name') : undefined;
  return typeof name === 'string' ? { mode: 'required', name } : undefined;
}
`;

/**
 * One copy in each added adapter: the JSON Schema a structured request asks for, read without the neutral
 * \`ResponseSchema\` type, so the adapter also compiles in a seam from an earlier aidlint (which has none).
 */
const RESPONSE_SCHEMA = `
/** The JSON Schema of a structured request (\`responseFormat\`), if it asks for one. */
function responseSchema(request: ChatRequest): Record<string, unknown> | undefined {
  const format: unknown = request.responseFormat;
  const schema: unknown = typeof format === 'object' && format !== null ? Reflect.get(format, 'schema') : undefined;
  return typeof schema === 'object' && schema !== null ? { ...schema } : undefined;
}
`;

const ANTHROPIC = `/**
 * Anthropic's Messages API on the official SDK (@anthropic-ai/sdk): one client per connection. System
 * messages become the \`system\` field, tool calls and results become \`tool_use\` / \`tool_result\` blocks.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { Connection } from '../config';
import type { ChatChunk, ChatMessage, ChatRequest, ChatResult, FinishReason, Provider, RequestOptions, Usage } from '../index';

/** Anthropic requires a limit on the answer's length; this one is used when a request sets none (every current model allows it). */
const DEFAULT_MAX_TOKENS = 4096;

export function anthropicProvider(connection: Connection): Provider {
  let client: Anthropic | undefined;
  // Options the code did not set keep the SDK's defaults (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL …).
  const getClient = () => (client ??= new Anthropic(connection.options?.()));
  return {
    chatModel: (model) => ({
      complete: async (request, options) => toChatResult(await getClient().messages.create({ ...messageParams(model, request), stream: false }, options)),
      stream: (request, options) => streamMessage(getClient(), model, request, options),
    }),
  };
}

function messageParams(model: string, request: ChatRequest): Anthropic.MessageCreateParamsNonStreaming {
  const system = request.messages.filter((message) => message.role === 'system').map((message) => message.content);
  const schema = responseSchema(request);
  return {
    model,
    max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
    ...(system.length > 0 && { system: system.join('\\n\\n') }),
    messages: toMessageParams(request.messages),
    // The Messages API (version 2026-10-21, SDK 1.x) takes no sampling parameters: temperature and topP are not sent.
    ...ifDefined('stop_sequences', typeof request.stop === 'string' ? [request.stop] : request.stop),
    ...(request.tools && { tools: request.tools.map((tool) => ({ name: tool.name, ...ifDefined('description', tool.description), input_schema: { ...tool.parameters, type: 'object' } })) }),
    ...ifDefined('tool_choice', toolChoice(request)),
    // Structured outputs: the schema alone (Anthropic's answer always keeps to it; it takes no name).
    ...(schema && { output_config: { format: { type: 'json_schema', schema } } }),
    ...request.providerOptions,
  };
}

/** The tool choice as Anthropic's: 'required' is \`any\`, a named tool is \`tool\`. */
function toolChoice(request: ChatRequest): Anthropic.ToolChoice | undefined {
  const choice = toolChoiceOf(request);
  if (!choice) return undefined;
  if (choice.name !== undefined) return { type: 'tool', name: choice.name };
  return { type: choice.mode === 'required' ? 'any' : choice.mode };
}

/** The conversation without system messages; tool results go back as the user's \`tool_result\` blocks, one user turn for consecutive ones. */
function toMessageParams(messages: ChatMessage[]): Anthropic.MessageParam[] {
  const params: Anthropic.MessageParam[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'assistant') {
      const calls: Anthropic.ToolUseBlockParam[] = (message.toolCalls ?? []).map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.arguments || '{}') }));
      const text: Anthropic.ContentBlockParam[] = message.content ? [{ type: 'text', text: message.content }] : [];
      params.push({ role: 'assistant', content: calls.length > 0 ? [...text, ...calls] : message.content });
      continue;
    }
    const block: Anthropic.ContentBlockParam =
      message.role === 'tool' ? { type: 'tool_result', tool_use_id: message.toolCallId ?? '', content: message.content } : { type: 'text', text: message.content };
    const last = params[params.length - 1];
    if (last && last.role === 'user' && Array.isArray(last.content)) last.content.push(block);
    else params.push({ role: 'user', content: [block] });
  }
  return params;
}

function toChatResult(message: Anthropic.Message): ChatResult {
  const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  const toolCalls = message.content.flatMap((block) => (block.type === 'tool_use' ? [{ id: block.id, name: block.name, arguments: JSON.stringify(block.input) }] : []));
  const finishReason = toFinishReason(message.stop_reason);
  return { responseId: message.id, text, finishReason, toolCalls, candidates: [{ text, finishReason }], usage: toUsage(message.usage, message.usage.output_tokens) };
}

/** Anthropic counts cache reads and writes apart from \`input_tokens\`; the neutral input tokens are all of them. */
function toUsage(usage: Anthropic.Usage, outputTokens: number): Usage {
  const cachedInputTokens = usage.cache_read_input_tokens ?? 0;
  const inputTokens = usage.input_tokens + cachedInputTokens + (usage.cache_creation_input_tokens ?? 0);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, ...(typeof usage.cache_read_input_tokens === 'number' ? { cachedInputTokens } : {}) };
}

/**
 * Anthropic's events as neutral pieces: text and thinking deltas, a tool call's \`tool_use\` block (its id and
 * name) then its \`input_json_delta\`s (the arguments), and the stop reason with the usage at the end.
 */
async function* streamMessage(client: Anthropic, model: string, request: ChatRequest, options?: RequestOptions): AsyncIterable<ChatChunk> {
  const stream = await client.messages.create({ ...messageParams(model, request), stream: true }, options);
  // Content blocks are numbered among text and thinking blocks; the neutral tool calls among themselves.
  const toolIndexes: Map<number, number> = new Map();
  let started: Anthropic.Usage | undefined;
  for await (const event of stream) {
    if (event.type === 'message_start') started = event.message.usage;
    else if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
      const index = toolIndexes.size;
      toolIndexes.set(event.index, index);
      yield { text: '', toolCalls: [{ index, id: event.content_block.id, name: event.content_block.name }] };
    } else if (event.type === 'content_block_delta') {
      const delta = event.delta;
      const index = toolIndexes.get(event.index);
      if (delta.type === 'text_delta') yield { text: delta.text };
      else if (delta.type === 'thinking_delta') yield { text: '', reasoning: delta.thinking };
      else if (delta.type === 'input_json_delta' && index !== undefined && delta.partial_json) yield { text: '', toolCalls: [{ index, arguments: delta.partial_json }] };
    } else if (event.type === 'message_delta' && event.delta.stop_reason) {
      const piece: ChatChunk = { text: '', finishReason: toFinishReason(event.delta.stop_reason) };
      if (started) piece.usage = toUsage(started, event.usage.output_tokens);
      yield piece;
    }
  }
}

const finishReasons: Record<string, FinishReason | undefined> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

function toFinishReason(reason: string | null): FinishReason {
  return (reason && finishReasons[reason]) || 'other';
}
${IF_DEFINED}${RESPONSE_SCHEMA}${TOOL_CHOICE}`;

const GOOGLE = `/**
 * Google's Gemini API on the official SDK (@google/genai): one client per connection. System messages
 * become \`systemInstruction\`, the assistant is the \`model\` role, tool calls and results are
 * \`functionCall\` / \`functionResponse\` parts.
 */
import { FunctionCallingConfigMode, GoogleGenAI, type Content, type GenerateContentParameters, type GenerateContentResponse, type GenerateContentResponseUsageMetadata, type HttpOptions, type ToolConfig } from '@google/genai';
import type { Connection } from '../config';
import type { ChatChunk, ChatMessage, ChatRequest, ChatResult, FinishReason, Provider, RequestOptions, Usage } from '../index';

export function googleProvider(connection: Connection): Provider {
  let client: GoogleGenAI | undefined;
  // Options the code did not set keep the SDK's defaults (GEMINI_API_KEY, GOOGLE_GEMINI_BASE_URL …).
  const getClient = () => (client ??= new GoogleGenAI({ ...connection.options?.() }));
  return {
    chatModel: (model) => ({
      complete: async (request, options) => toChatResult(await getClient().models.generateContent(contentParams(model, request, options))),
      stream: (request, options) => streamContent(getClient(), model, request, options),
    }),
    embeddingModel: (model) => ({
      embed: async ({ input, dimensions }, options) => {
        const response = await getClient().models.embedContent({
          model,
          contents: typeof input === 'string' ? [input] : input,
          config: { ...ifDefined('outputDimensionality', dimensions), ...requestConfig(options) },
        });
        return { embeddings: (response.embeddings ?? []).map((embedding) => embedding.values ?? []) };
      },
    }),
  };
}

function contentParams(model: string, request: ChatRequest, options: RequestOptions | undefined): GenerateContentParameters {
  const system = request.messages.filter((message) => message.role === 'system').map((message) => message.content);
  const schema = responseSchema(request);
  return {
    model,
    contents: toContents(request.messages),
    config: {
      ...(system.length > 0 && { systemInstruction: system.join('\\n\\n') }),
      ...ifDefined('temperature', request.temperature),
      ...ifDefined('maxOutputTokens', request.maxTokens),
      ...ifDefined('topP', request.topP),
      ...ifDefined('stopSequences', typeof request.stop === 'string' ? [request.stop] : request.stop),
      ...ifDefined('candidateCount', request.candidateCount),
      ...(request.responseFormat === 'json' && { responseMimeType: 'application/json' }),
      ...(schema && { responseMimeType: 'application/json', responseJsonSchema: schema }),
      ...(request.tools && {
        tools: [{ functionDeclarations: request.tools.map((tool) => ({ name: tool.name, ...ifDefined('description', tool.description), parametersJsonSchema: tool.parameters })) }],
      }),
      ...ifDefined('toolConfig', toolConfig(request)),
      ...requestConfig(options),
      ...request.providerOptions,
    },
  };
}

/** The tool choice as Gemini's function calling mode: 'required' is ANY, a named tool ANY with only that one allowed. */
function toolConfig(request: ChatRequest): ToolConfig | undefined {
  const choice = toolChoiceOf(request);
  if (!choice) return undefined;
  const modes = { auto: FunctionCallingConfigMode.AUTO, none: FunctionCallingConfigMode.NONE, required: FunctionCallingConfigMode.ANY };
  return { functionCallingConfig: { mode: modes[choice.mode], ...(choice.name === undefined ? {} : { allowedFunctionNames: [choice.name] }) } };
}

/** Request options as Gemini's per-request config: the signal, and the timeout, retries and headers as HTTP options. */
function requestConfig(options: RequestOptions | undefined): { abortSignal?: AbortSignal; httpOptions?: HttpOptions } {
  if (!options) return {};
  const { signal, timeout, maxRetries, headers } = options;
  // Only what the request sets: an absent key keeps the client's setting.
  const httpOptions: HttpOptions = {};
  if (timeout !== undefined) httpOptions.timeout = timeout;
  if (headers) httpOptions.headers = headers;
  if (maxRetries !== undefined) httpOptions.retryOptions = { attempts: maxRetries + 1 };
  return { ...ifDefined('abortSignal', signal), ...(Object.keys(httpOptions).length > 0 && { httpOptions }) };
}

/** The conversation without system messages; a tool result names its function, found through the call it answers. */
function toContents(messages: ChatMessage[]): Content[] {
  const toolNames = new Map(messages.flatMap((message) => (message.toolCalls ?? []).map((call) => [call.id, call.name])));
  const contents: Content[] = [];
  for (const message of messages) {
    if (message.role === 'user') contents.push({ role: 'user', parts: [{ text: message.content }] });
    if (message.role === 'tool') {
      const id = message.toolCallId ?? '';
      contents.push({ role: 'user', parts: [{ functionResponse: { id, name: toolNames.get(id) ?? id, response: { output: message.content } } }] });
    }
    if (message.role === 'assistant') {
      const calls = (message.toolCalls ?? []).map((call) => ({ functionCall: { id: call.id, name: call.name, args: JSON.parse(call.arguments || '{}') } }));
      contents.push({ role: 'model', parts: [...(message.content ? [{ text: message.content }] : []), ...calls] });
    }
  }
  return contents;
}

function toChatResult(response: GenerateContentResponse): ChatResult {
  const candidates = (response.candidates ?? []).map((candidate) => {
    const parts = candidate.content?.parts ?? [];
    const calls = parts.some((part) => part.functionCall);
    return { text: parts.map((part) => (part.thought ? '' : (part.text ?? ''))).join(''), finishReason: calls ? 'tool_calls' : toFinishReason(candidate.finishReason) };
  });
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  const toolCalls = parts.flatMap((part, index) =>
    part.functionCall ? [{ id: part.functionCall.id ?? \`call_\${index + 1}\`, name: part.functionCall.name ?? '', arguments: JSON.stringify(part.functionCall.args ?? {}) }] : [],
  );
  const usage = response.usageMetadata;
  const first = candidates[0];
  return {
    responseId: response.responseId ?? '',
    text: first?.text ?? '',
    finishReason: first?.finishReason ?? 'other',
    toolCalls,
    candidates,
    usage: usage && toUsage(usage),
  };
}

function toUsage(usage: GenerateContentResponseUsageMetadata): Usage {
  const { promptTokenCount, candidatesTokenCount, totalTokenCount, cachedContentTokenCount } = usage;
  return {
    inputTokens: promptTokenCount ?? 0,
    outputTokens: candidatesTokenCount ?? 0,
    totalTokens: totalTokenCount ?? 0,
    ...(cachedContentTokenCount === undefined ? {} : { cachedInputTokens: cachedContentTokenCount }),
  };
}

/** Gemini's chunks as neutral pieces: text, thoughts as reasoning, each function call whole, and the usage with the finish reason. */
async function* streamContent(client: GoogleGenAI, model: string, request: ChatRequest, options: RequestOptions | undefined): AsyncIterable<ChatChunk> {
  const stream = await client.models.generateContentStream(contentParams(model, request, options));
  let calls = 0;
  for await (const response of stream) {
    const candidate = response.candidates?.[0];
    const parts = candidate?.content?.parts ?? [];
    const piece: ChatChunk = { text: parts.map((part) => (part.thought ? '' : (part.text ?? ''))).join('') };
    const reasoning = parts.map((part) => (part.thought ? (part.text ?? '') : '')).join('');
    if (reasoning) piece.reasoning = reasoning;
    const toolCalls = parts.flatMap((part) => {
      if (!part.functionCall) return [];
      calls++;
      return [{ index: calls - 1, id: part.functionCall.id ?? \`call_\${calls}\`, name: part.functionCall.name ?? '', arguments: JSON.stringify(part.functionCall.args ?? {}) }];
    });
    if (toolCalls.length) piece.toolCalls = toolCalls;
    if (candidate?.finishReason) {
      // Gemini ends a turn of function calls with STOP.
      piece.finishReason = calls > 0 ? 'tool_calls' : toFinishReason(candidate.finishReason);
      if (response.usageMetadata) piece.usage = toUsage(response.usageMetadata);
    }
    yield piece;
  }
}

const finishReasons: Record<string, FinishReason | undefined> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
};

function toFinishReason(reason: string | undefined): FinishReason {
  return (reason && finishReasons[reason]) || 'other';
}
${IF_DEFINED}${RESPONSE_SCHEMA}${TOOL_CHOICE}`;

const OPENAI_COMPATIBLE = `/**
 * Any server that speaks the OpenAI wire format (Ollama, vLLM, LiteLLM, a company gateway), on the
 * \`openai\` SDK at the connection's base URL (OPENAI_COMPATIBLE_BASE_URL).
 */
import OpenAI, { type ClientOptions } from 'openai';
import type { Connection } from '../config';
import type { Provider } from '../index';
import { openAIWireProvider } from './openai-wire';

export function openAICompatibleProvider(connection: Connection): Provider {
  const { chatModel, embeddingModel } = openAIWireProvider(() => {
    const options: ClientOptions = { ...connection.options?.() };
    if (!options.baseURL) throw new Error('an OpenAI-compatible connection needs a base URL: set OPENAI_COMPATIBLE_BASE_URL');
    // Never the OpenAI key the SDK would read by default: a server that needs no key gets none.
    return new OpenAI({ ...options, apiKey: options.apiKey ?? 'none' });
  });
  return { chatModel, embeddingModel };
}
`;

export const PROVIDER_SOURCES: Readonly<Record<string, string>> = {
  anthropic: ANTHROPIC,
  google: GOOGLE,
  'openai-compatible': OPENAI_COMPATIBLE,
};
