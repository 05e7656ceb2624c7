/**
 * The seam's openai-compat client for the SDK's own helpers that make their chat requests through the client
 * they are given (part of the openai-compat module's source, `sources.ts`; same rules for what the renderer
 * supports). Kept apart: it is the one part of that module that hands a whole client to the SDK.
 */
export const CHAT_CLIENT_COMPAT = `
/**
 * An OpenAI client whose chat completions a neutral chat model answers, for the SDK's own helpers that make
 * their requests through the client they are given: the tool runner, \`chat.completions.runTools(…)\`
 * (\`beta.chat.completions.runTools(…)\` in openai 4). The runner's events, its messages and its final
 * completion stay the SDK's; each request it makes goes through the model (its connection, AI_PROVIDER and
 * failover, as every call of the seam), converted as \`chatRequestFromOpenAI\` converts a request. The request's
 * \`model\` is the model's id on its own connection, as the SDK's types ask for one; the model given answers.
 * The client has nothing else of the SDK's.
 */
export function chatClientAsOpenAI(model: ChatModel): RunnerClient {
  const completions: ChatCompletionsThroughModel = {
    create: (params, options) =>
      params.stream === true
        ? Promise.resolve(chatChunksAsOpenAI(model.stream(chatRequestFromOpenAI(params), requestOptionsOf(options))))
        : model.complete(chatRequestFromOpenAI(params), requestOptionsOf(options)).then(chatCompletionAsOpenAI),
    runTools: (params, options) =>
      params.stream === true ? ChatCompletionStreamingRunner.runTools(client, params as never, options as never) : ChatCompletionRunner.runTools(client, params as never, options as never),
  };
  const shape: unknown = { chat: { completions }, beta: { chat: { completions } } };
  const client = shape as RunnerClient;
  return client;
}

/** The SDK's client as its runners take it (their module's own view of the class: under ES modules, openai 4 has two). */
export type RunnerClient = Parameters<typeof ChatCompletionRunner.runTools>[0];

/** What the client of \`chatClientAsOpenAI\` has of the SDK's \`chat.completions\`. */
interface ChatCompletionsThroughModel {
  create(params: OpenAIChatParamsLike & { stream?: unknown }, options?: OpenAIRequestOptionsLike): Promise<unknown>;
  runTools(params: OpenAIChatParamsLike & { stream?: unknown }, options?: object): unknown;
}

/** The SDK's request options, as far as the neutral ones carry them. */
export interface OpenAIRequestOptionsLike {
  signal?: AbortSignal | null | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  headers?: unknown;
}

/** The SDK's request options as the neutral ones: its signal, timeout, retries, and headers given as text (its helpers name themselves in one). */
function requestOptionsOf(options: OpenAIRequestOptionsLike | undefined): RequestOptions {
  const given = options?.headers;
  const headers: Record<string, string> = {};
  if (given && typeof given === 'object' && !Array.isArray(given)) {
    for (const [name, value] of Object.entries(given)) if (typeof value === 'string') headers[name] = value;
  }
  return {
    ...(options?.signal ? { signal: options.signal } : {}),
    ...(options?.timeout === undefined ? {} : { timeout: options.timeout }),
    ...(options?.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(Object.keys(headers).length ? { headers } : {}),
  };
}
`;
