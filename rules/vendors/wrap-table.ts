/**
 * How vendor calls map onto the seam's neutral interface (SPEC §3), as data: which client methods the
 * "wrap" fix rewrites, where their request lives, which request options it can carry (and under which
 * neutral name), and how uses of the result translate. A new SDK shape is a new row here.
 */

/**
 * `responses`: a Responses API call (`input`, `instructions`, `output_text`), complete, through the neutral chat model;
 * `responses-stream`: the same streamed (its text delta events as the neutral chunks);
 * `completion`: a legacy completions call (`prompt`, `choices[0].text`), complete, through the neutral chat model;
 * `chat-parse`, `responses-parse`: the SDK's structured-output helpers (`parse`, a JSON Schema format, the answer
 * parsed: `message.parsed`, `output_parsed`), through the neutral chat model's `parse`.
 */
export type WrapKind = 'chat' | 'chat-stream' | 'chat-parse' | 'responses' | 'responses-stream' | 'responses-parse' | 'completion' | 'embeddings' | 'moderation';

export interface CallShape {
  /** Client classes (from the vendor table) whose method this is. */
  clients: readonly string[];
  /** Method path below the client. */
  method: string;
  kind: WrapKind;
  /**
   * Where the request is: one options object (`{ model, messages, … }`), or positional arguments as in
   * `@azure/openai` (`getChatCompletions(deployment, messages, options)`).
   */
  request: { style: 'object' } | { style: 'positional'; model: 0; payload: 1; payloadAs: 'messages' | 'input'; options?: 2 };
  /** Property path to strip from the result before the neutral accessors apply (v3: `.data`). */
  resultPrefix: readonly string[];
  /**
   * The seam's openai-compat converter, by kind, that gives the neutral result back in the SDK's shape, for
   * a result used whole as the SDK's type (returned, passed on, handed to another library).
   */
  boundary?: Partial<Record<WrapKind, string>>;
  /**
   * The openai-compat converter that gives a result's usage back in the SDK's shape, for a usage used as the
   * SDK's type (passed on, stored, cast, read for a field the neutral usage lacks): converted where it is used.
   */
  usageBoundary?: string;
  /** The call gives its stream at once, not a promise of it (so the stream converted back need not be awaited). */
  streamAtOnce?: true;
  /**
   * The openai-compat converter that gives a stream back as the SDK's chat stream helper (its events, final
   * results, \`toReadableStream()\`), for code that uses those members of the stream (SDK_STREAM_MEMBERS).
   */
  streamBoundary?: string;
}

export const CALL_SHAPES: readonly CallShape[] = [
  {
    clients: ['OpenAI', 'AzureOpenAI'],
    method: 'chat.completions.create',
    kind: 'chat',
    request: { style: 'object' },
    resultPrefix: [],
    boundary: { chat: 'chatCompletionAsOpenAI', 'chat-stream': 'chatChunksAsOpenAI' },
    usageBoundary: 'usageAsOpenAI',
    streamBoundary: 'chatStreamAsOpenAI',
  },
  // Structured outputs: the format the SDK's helper made (\`zodResponseFormat\`) is converted to the neutral one, which
  // keeps its parser (openai 4.55 to 4.x had the helper under \`beta\`).
  ...['chat.completions.parse', 'beta.chat.completions.parse'].map((method): CallShape => ({
    clients: ['OpenAI', 'AzureOpenAI'],
    method,
    kind: 'chat-parse',
    request: { style: 'object' },
    resultPrefix: [],
    boundary: { 'chat-parse': 'parsedCompletionAsOpenAI' },
    usageBoundary: 'usageAsOpenAI',
  })),
  { clients: ['OpenAI', 'AzureOpenAI'], method: 'responses.parse', kind: 'responses-parse', request: { style: 'object' }, resultPrefix: [] },
  // The Responses API: its model's connection sends it there (\`api: 'responses'\`), so the request keeps its endpoint.
  // Streamed (\`stream: true\`), its events read as the SDK's are the seam's \`responseEventsAsOpenAI\`.
  {
    clients: ['OpenAI', 'AzureOpenAI'],
    method: 'responses.create',
    kind: 'responses',
    request: { style: 'object' },
    resultPrefix: [],
    boundary: { responses: 'responseAsOpenAI', 'responses-stream': 'responseEventsAsOpenAI' },
  },
  // The SDK's Responses stream helper, read event by event like \`responses.create({ stream: true })\`; used as the
  // SDK's (its events handed on, its listeners, \`finalResponse()\`), the helper itself back through \`streamBoundary\`.
  {
    clients: ['OpenAI', 'AzureOpenAI'],
    method: 'responses.stream',
    kind: 'responses-stream',
    request: { style: 'object' },
    resultPrefix: [],
    boundary: { 'responses-stream': 'responseStreamAsOpenAI' },
    streamBoundary: 'responseStreamAsOpenAI',
  },
  // Legacy completions: the prompt is the user's message, and its model's connection sends it back as a prompt (\`api: 'completions'\`).
  { clients: ['OpenAI', 'AzureOpenAI'], method: 'completions.create', kind: 'completion', request: { style: 'object' }, resultPrefix: [], usageBoundary: 'usageAsOpenAI' },
  // The SDK's stream helper, read chunk by chunk like `create({ stream: true })`; its events and final helpers through \`streamBoundary\`.
  {
    clients: ['OpenAI', 'AzureOpenAI'],
    method: 'chat.completions.stream',
    kind: 'chat-stream',
    request: { style: 'object' },
    resultPrefix: [],
    usageBoundary: 'usageAsOpenAI',
    streamBoundary: 'chatStreamAsOpenAI',
  },
  { clients: ['OpenAI', 'AzureOpenAI'], method: 'embeddings.create', kind: 'embeddings', request: { style: 'object' }, resultPrefix: [], boundary: { embeddings: 'embeddingsAsOpenAI' } },
  { clients: ['OpenAIApi'], method: 'createChatCompletion', kind: 'chat', request: { style: 'object' }, resultPrefix: ['data'] },
  { clients: ['OpenAIApi'], method: 'createEmbedding', kind: 'embeddings', request: { style: 'object' }, resultPrefix: ['data'] },
  { clients: ['OpenAIApi'], method: 'createCompletion', kind: 'completion', request: { style: 'object' }, resultPrefix: ['data'] },
  { clients: ['OpenAIApi'], method: 'createModeration', kind: 'moderation', request: { style: 'object' }, resultPrefix: ['data'] },
  {
    clients: ['OpenAIClient'],
    method: 'getChatCompletions',
    kind: 'chat',
    request: { style: 'positional', model: 0, payload: 1, payloadAs: 'messages', options: 2 },
    resultPrefix: [],
  },
  // `listChatCompletions`: the name `streamChatCompletions` had before 1.0.0-beta.8, an async iterable returned at once.
  {
    clients: ['OpenAIClient'],
    method: 'listChatCompletions',
    kind: 'chat-stream',
    request: { style: 'positional', model: 0, payload: 1, payloadAs: 'messages', options: 2 },
    resultPrefix: [],
    boundary: { 'chat-stream': 'chatChunksAsAzureOpenAI' },
    streamAtOnce: true,
  },
  {
    clients: ['OpenAIClient'],
    method: 'streamChatCompletions',
    kind: 'chat-stream',
    request: { style: 'positional', model: 0, payload: 1, payloadAs: 'messages', options: 2 },
    resultPrefix: [],
    boundary: { 'chat-stream': 'chatChunksAsAzureOpenAI' },
  },
  // Azure OpenAI has no moderation endpoint: only the OpenAI client's call is wrapped (and stays on OpenAI).
  { clients: ['OpenAI'], method: 'moderations.create', kind: 'moderation', request: { style: 'object' }, resultPrefix: [] },
  {
    clients: ['OpenAIClient'],
    method: 'getEmbeddings',
    kind: 'embeddings',
    request: { style: 'positional', model: 0, payload: 1, payloadAs: 'input', options: 2 },
    resultPrefix: [],
  },
];

/** openai v3: its client class, the class its options come in, and the module; a project moves off it whole (v3-move.ts). */
export const OPENAI_V3 = { module: 'openai', client: 'OpenAIApi', options: 'Configuration' } as const;

/**
 * Products only one vendor offers, by client class and method path prefix: no neutral form exists, so the
 * wrap refuses them as such and the findings say so — the hard lock-in a lead must see.
 */
const VENDOR_ONLY: ReadonlyArray<{ clients: readonly string[]; methods: readonly string[]; product: string }> = [
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['beta.assistants', 'beta.threads'], product: 'Assistants' },
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['vectorStores', 'beta.vectorStores'], product: 'vector stores' },
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['files', 'uploads', 'containers'], product: 'file storage' },
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['batches'], product: 'Batch API' },
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['fineTuning'], product: 'fine-tuning' },
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['images'], product: 'image generation' },
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['audio'], product: 'audio' },
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['realtime', 'beta.realtime'], product: 'Realtime API' },
  { clients: ['OpenAIRealtimeWS', 'OpenAIRealtimeWebSocket', 'ResponsesWS'], methods: [''], product: 'Realtime API' },
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['evals', 'conversations', 'webhooks', 'beta.chatkit'], product: 'platform features' },
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['models'], product: 'model management' },
  // The Responses API's betas (\`betas: […]\` sent as a header: multi-agent runs …): previews of one vendor.
  { clients: ['OpenAI', 'AzureOpenAI'], methods: ['beta.responses'], product: 'Responses API betas' },
  { clients: ['OpenAIApi'], methods: ['createImage', 'createImageEdit', 'createImageVariation', 'createTranscription', 'createTranslation'], product: 'images and audio' },
  { clients: ['OpenAIApi'], methods: ['createFile', 'listFiles', 'createFineTune', 'listFineTunes', 'listModels', 'retrieveModel'], product: 'files and fine-tuning' },
  { clients: ['OpenAIClient'], methods: ['getImages', 'getAudioTranscription', 'getAudioTranslation'], product: 'images and audio' },
  { clients: ['AssistantsClient'], methods: [''], product: 'Assistants' },
];

/**
 * The SDK's helpers that make their chat requests themselves, through the client they are given (the tool
 * runner): the wrap gives them the seam's client whose chat completions the neutral chat model answers
 * (\`client\`, openai-compat), so their events, messages and final completion stay the SDK's and each request
 * they make goes through the seam. \`needs\`: what every request of theirs asks of the model.
 */
export const SDK_RUNNERS: ReadonlyArray<{ clients: readonly string[]; method: string; client: string; needs: readonly string[] }> = ['chat.completions.runTools', 'beta.chat.completions.runTools'].map((method) => ({
  clients: ['OpenAI', 'AzureOpenAI'],
  method,
  client: 'chatClientAsOpenAI',
  needs: ['chat', 'tools'],
}));

/** The vendor-only product a call uses (`Assistants`, `file storage` …), if it is one. */
export function vendorOnlyProduct(client: string, method: string): string | undefined {
  const isUnder = (prefix: string) => prefix === '' || method === prefix || method.startsWith(`${prefix}.`);
  return VENDOR_ONLY.find((entry) => entry.clients.includes(client) && entry.methods.some(isUnder))?.product;
}

/**
 * What the SDK-shaped result the seam's openai-compat module converts back to (a result used whole as the
 * SDK's type) does not carry: a wrap at that boundary is refused when the code reads one of them — `direct`
 * from the result itself (`'*'`: any member), `anywhere` in the function that makes the call; with `only`,
 * any member but those, or the result used whole.
 */
export const BOUNDARY_UNCARRIED: Partial<Record<WrapKind, { direct: readonly string[]; anywhere: readonly string[]; only?: readonly string[] }>> = {
  chat: {
    direct: ['model', 'created'],
    anywhere: ['logprobs', 'system_fingerprint', 'service_tier', 'annotations', 'audio', 'function_call'],
  },
  'chat-parse': {
    direct: ['id', 'model', 'created'],
    anywhere: ['logprobs', 'system_fingerprint', 'service_tier', 'annotations', 'audio', 'function_call'],
  },
  // Streamed chunks carry text, tool-call pieces, finish reasons and a usage chunk (as the OpenAI wire sent
  // it), not the reasoning (each server names it its own way); the SDK stream's own methods have no equivalent.
  // @azure/openai's events (converted back in its camelCase) likewise lack its content filter results.
  'chat-stream': {
    direct: ['*'],
    anywhere: ['logprobs', 'function_call', 'refusal', 'system_fingerprint', 'reasoning_content', 'reasoning', 'functionCall', 'systemFingerprint', 'contentFilterResults', 'promptFilterResults', 'finishDetails'],
  },
  embeddings: { direct: ['model'], anywhere: [] },
  // Streamed Responses API events, in the SDK's own \`Stream\`: the server's own on that API; made from other
  // providers' chunks, with no log probabilities, annotations or refusals (and only RESPONSE_EVENTS_MADE's types).
  'responses-stream': { direct: [], anywhere: ['logprobs', 'annotations', 'refusal'] },
  // A response converted back has \`only\` these of the SDK's members (so it is read for them, not handed on
  // whole); its usage has no reasoning token count.
  responses: { direct: [], anywhere: ['output_tokens_details', 'reasoning_tokens'], only: ['id', 'object', 'status', 'output', 'output_text', 'usage'] },
};

/**
 * The SDK class a converter's result is made of, so code that tests \`x instanceof Stream\` takes the same
 * branch after the fix as before (a class imported from the \`openai\` module or its subpaths).
 */
export const CONVERTER_CLASSES: Readonly<Record<string, string>> = {
  chatChunksAsOpenAI: 'Stream',
  functionCallChunksAsOpenAI: 'Stream',
  responseEventsAsOpenAI: 'Stream',
};

/**
 * The SDK chat stream's own members that the stream converted back by a row's \`streamBoundary\` has, with the
 * same meaning: built from the neutral chunks, so its events and final results carry what those carry (no
 * logprobs, refusals, legacy function calls or parsed outputs; a final completion's \`id\` and \`model\` are empty). An event
 * listened for (\`on\`, \`once\`, \`off\`, \`emitted\`) must be one of \`events\`, named as a literal.
 */
export const SDK_STREAM_MEMBERS: { members: readonly string[]; listeners: readonly string[]; events: readonly string[]; uncarried: readonly string[] } = {
  members: ['done', 'abort', 'aborted', 'ended', 'errored', 'controller', 'toReadableStream', 'finalChatCompletion', 'finalContent', 'finalMessage', 'allChatCompletions', 'currentChatCompletionSnapshot'],
  listeners: ['on', 'once', 'off', 'emitted'],
  events: ['connect', 'chunk', 'content', 'content.delta', 'content.done', 'message', 'chatCompletion', 'finalContent', 'finalMessage', 'finalChatCompletion', 'end', 'error', 'abort'],
  // What the helper parses from the request's \`response_format\` or tools, which the converted one does not have: read anywhere near, refused.
  uncarried: ['parsed', 'parsed_arguments'],
};

/**
 * The Responses API events the seam's \`responseEventsAsOpenAI\` makes from any provider's stream (from the OpenAI
 * and Azure OpenAI adapters on that API it gives the server's own, every type); code that reads others
 * (reasoning, refusals, hosted tools' progress, \`response.failed\`) is refused, for other providers never send them.
 */
export const RESPONSE_EVENTS_MADE: readonly string[] = [
  'response.created',
  'response.in_progress',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.completed',
  'response.incomplete',
];

/**
 * The same for the SDK's Responses stream helper (\`responses.stream(…)\`) that \`responseStreamAsOpenAI\` gives
 * back: the SDK's own class fed those events, so its listeners and \`finalResponse()\` work as the SDK's; its final
 * response parses nothing by the request's formats and tools (their parsers stay with the request): refused where
 * the code reads what they parse, or where the request has tools or a text format and the final response is used.
 */
export const SDK_RESPONSE_STREAM_MEMBERS: typeof SDK_STREAM_MEMBERS & { parsesBy: readonly string[]; parsedIn: string } = {
  members: ['done', 'abort', 'aborted', 'ended', 'errored', 'controller', 'finalResponse'],
  listeners: SDK_STREAM_MEMBERS.listeners,
  events: ['connect', 'end', 'error', 'abort', 'event', ...RESPONSE_EVENTS_MADE],
  uncarried: ['output_parsed', 'parsed_arguments', 'parsed'],
  parsesBy: ['tools', 'text'],
  parsedIn: 'finalResponse',
};

/** The SDK stream helpers' members, by kind of call (the chat stream's, the Responses stream's). */
export const STREAM_HELPER_MEMBERS: Partial<Record<WrapKind, typeof SDK_STREAM_MEMBERS>> = { 'chat-stream': SDK_STREAM_MEMBERS, 'responses-stream': SDK_RESPONSE_STREAM_MEMBERS };

/**
 * Request options the neutral request has no name for: passed on as they are written (its \`openAIOptions\`,
 * which only the OpenAI wire sends; other providers have no such fields), so the OpenAI wire sends them
 * unchanged — except options whose effect comes back in parts of the result the neutral result does not carry
 * (\`refused\`), and products of one vendor alone (\`vendorOnly\`).
 */
export const UNCARRIED_OPTIONS: { refused: readonly string[]; vendorOnly: Readonly<Record<string, { vendor: string; product: string }>> } = {
  refused: ['modalities', 'audio'],
  vendorOnly: {
    data_sources: { vendor: 'Azure OpenAI', product: 'On Your Data' },
    azureExtensionOptions: { vendor: 'Azure OpenAI', product: 'On Your Data' },
    // A response run and stored on OpenAI's side, polled or resumed by its id (\`response_id\`, \`starting_after\`).
    background: { vendor: 'OpenAI', product: 'background mode' },
  },
};

/**
 * Options asking for what only the call's own wire answers (log probabilities): passed on as written
 * (\`openAIOptions\`), and the seam's routing keeps a request with them on its own connection (\`pinnedBy\`: no
 * failover, no AI_PROVIDER move), whose converted results are the server's own. So where the request asks for
 * them, the results converted back carry \`reads\`, and the chat stream helper fires \`events\`.
 */
export const OWN_WIRE_OPTIONS: { options: readonly string[]; reads: readonly string[]; events: readonly string[] } = {
  options: ['logprobs', 'top_logprobs'],
  reads: ['logprobs'],
  events: ['logprobs.content.delta', 'logprobs.content.done'],
};

/** Methods of the SDK's pending request that give its raw HTTP response (headers, status): the seam gives results, not responses. */
export const RAW_RESPONSE_METHODS: readonly string[] = ['asResponse', 'withResponse'];

/** The wire API a kind of call uses when it is not the provider's default (chat completions): its connection says so. */
export const KIND_APIS: Partial<Record<WrapKind, 'responses' | 'completions'>> = { responses: 'responses', 'responses-stream': 'responses', 'responses-parse': 'responses', completion: 'completions' };

/** What the seam's OpenAI wire adapter defines to send each such kind (a seam from an earlier aidlint may lack it). */
export const KIND_WIRE_FUNCTIONS: Partial<Record<WrapKind, string>> = {
  responses: 'responsesParams',
  'responses-stream': 'streamResponses',
  'responses-parse': 'responsesParams',
  completion: 'completionParams',
};

/**
 * What the seam's OpenAI wire adapter must keep for an openai-compat converter to give the server's own data
 * back (a seam from an earlier aidlint may lack it: the converter would make the events up instead).
 */
export const CONVERTER_WIRE_NEEDS: Readonly<Record<string, string>> = { responseEventsAsOpenAI: 'providerEvent', responseStreamAsOpenAI: 'providerEvent' };

/**
 * Structured requests (the SDK's \`parse\` helpers): the option that holds their JSON Schema format (\`within\`: the
 * field of that option, the option having no other), and the openai-compat converter of their tools that keeps
 * each tool's parser (\`zodFunction\`) for the answer's parsed arguments.
 */
export const STRUCTURED_REQUESTS: Partial<Record<WrapKind, { format: string; within?: string; tools?: string }>> = {
  'chat-parse': { format: 'response_format', tools: 'toolsFromOpenAI' },
  'responses-parse': { format: 'text', within: 'format' },
};

/** What the seam's index must have for a kind of call that a seam from an earlier aidlint may lack (its neutral method's types). */
export const KIND_SEAM_NAMES: Partial<Record<WrapKind, readonly string[]>> = { 'chat-parse': ['ParsedToolCall'], 'responses-parse': ['ParsedToolCall'] };

/** The seam's adapters; which one serves a client's calls is in connection-table.ts. */
export type SeamProviderId = 'openai' | 'azure-openai';

const CHAT_OPTIONS: Readonly<Record<string, string>> = {
  messages: 'messages',
  temperature: 'temperature',
  max_tokens: 'maxTokens',
  max_completion_tokens: 'maxTokens',
  maxTokens: 'maxTokens',
  top_p: 'topP',
  topP: 'topP',
  stop: 'stop',
};

const RESPONSES_OPTIONS: Readonly<Record<string, string>> = { max_output_tokens: 'maxTokens', temperature: 'temperature', top_p: 'topP' };

/** Request options the neutral interface carries: vendor name → neutral name. `model` and `stream` are handled apart. */
export const REQUEST_OPTIONS: Readonly<Record<WrapKind, Readonly<Record<string, string>>>> = {
  chat: { ...CHAT_OPTIONS, n: 'candidateCount' },
  // A neutral stream carries one answer: no `n`.
  'chat-stream': CHAT_OPTIONS,
  // A parsed answer is the first one: no `n`; the format (`response_format`, `text.format`) becomes `responseFormat` (request.ts).
  'chat-parse': CHAT_OPTIONS,
  // `input` and `instructions` become the messages (request.ts).
  responses: RESPONSES_OPTIONS,
  'responses-stream': RESPONSES_OPTIONS,
  'responses-parse': RESPONSES_OPTIONS,
  // `prompt` becomes the user's message (request.ts).
  completion: { max_tokens: 'maxTokens', temperature: 'temperature', top_p: 'topP', stop: 'stop', n: 'candidateCount' },
  embeddings: { input: 'input', dimensions: 'dimensions' },
  moderation: { input: 'input' },
};

/**
 * Per-request settings of the SDKs (`create(body, { signal, timeout })`, @azure/openai's `abortSignal`) →
 * the neutral `RequestOptions`, which the adapters pass on as they are.
 */
export const REQUEST_SETTINGS: Readonly<Record<string, string>> = {
  signal: 'signal',
  timeout: 'timeout',
  maxRetries: 'maxRetries',
  headers: 'headers',
  abortSignal: 'signal',
};

/** The seam's factory and method for each kind of call. */
export const NEUTRAL_CALLS: Readonly<Record<WrapKind, { factory: 'chatModel' | 'embeddingModel' | 'moderationModel'; method: string }>> = {
  chat: { factory: 'chatModel', method: 'complete' },
  'chat-stream': { factory: 'chatModel', method: 'stream' },
  'chat-parse': { factory: 'chatModel', method: 'parse' },
  responses: { factory: 'chatModel', method: 'complete' },
  'responses-stream': { factory: 'chatModel', method: 'stream' },
  'responses-parse': { factory: 'chatModel', method: 'parse' },
  completion: { factory: 'chatModel', method: 'complete' },
  embeddings: { factory: 'embeddingModel', method: 'embed' },
  moderation: { factory: 'moderationModel', method: 'moderate' },
};

/**
 * The fields of a usage object (v4+/v3 snake case, @azure/openai camel case) → the neutral `Usage` fields.
 * Cached tokens are not among them: servers name them differently (\`prompt_tokens_details.cached_tokens\`,
 * DeepSeek's \`prompt_cache_hit_tokens\`) and the neutral count takes either, so they are read from the
 * usage converted back (a shape's \`usageBoundary\`), as the server sent it.
 */
const USAGE_FIELDS: Readonly<Record<string, string>> = {
  prompt_tokens: 'inputTokens',
  completion_tokens: 'outputTokens',
  total_tokens: 'totalTokens',
  promptTokens: 'inputTokens',
  completionTokens: 'outputTokens',
  totalTokens: 'totalTokens',
};

/**
 * The fields of a streamed delta → the neutral chunk's. OpenAI-compatible servers stream reasoning as
 * `reasoning_content` (DeepSeek, Qwen …) or `reasoning` (Groq, OpenRouter …).
 */
const DELTA_FIELDS: Readonly<Record<string, string>> = { content: 'text', reasoning_content: 'reasoning', reasoning: 'reasoning' };

/**
 * Result accessors: a vendor property path (after `resultPrefix`) → the neutral expression suffix.
 * `[0]` stands for the first element; `?.` and `!` in user code are matched leniently and kept.
 */
const CHAT_ACCESSORS: ReadonlyArray<{ path: string; neutral: string }> = [
    { path: 'id', neutral: 'responseId' },
    { path: 'choices.0.message.content', neutral: 'text' },
    // The first answer's tool calls (SDK: `{ id, function: { name, arguments } }`, neutral: `{ id, name, arguments }`); none is `undefined`, as with `?.`.
    { path: 'choices.0.message.tool_calls.0.id', neutral: 'toolCalls[0]?.id' },
    { path: 'choices.0.message.tool_calls.0.function.name', neutral: 'toolCalls[0]?.name' },
    { path: 'choices.0.message.tool_calls.0.function.arguments', neutral: 'toolCalls[0]?.arguments' },
    { path: 'choices.0.finish_reason', neutral: 'finishReason' },
    { path: 'choices.0.finishReason', neutral: 'finishReason' },
    // The neutral usage is optional, as the SDKs' is.
    ...Object.entries(USAGE_FIELDS).map(([field, neutral]) => ({ path: `usage.${field}`, neutral: `usage?.${neutral}` })),
];

const RESPONSES_ACCESSORS: ReadonlyArray<{ path: string; neutral: string }> = [
  { path: 'id', neutral: 'responseId' },
  { path: 'output_text', neutral: 'text' },
  { path: 'usage.input_tokens', neutral: 'usage?.inputTokens' },
  { path: 'usage.output_tokens', neutral: 'usage?.outputTokens' },
  { path: 'usage.total_tokens', neutral: 'usage?.totalTokens' },
];

export const RESULT_ACCESSORS: Readonly<Record<WrapKind, ReadonlyArray<{ path: string; neutral: string }>>> = {
  chat: CHAT_ACCESSORS,
  // The parsed answer is the first one's (the SDK parses each; a parsed request asks for one).
  'chat-parse': [
    ...CHAT_ACCESSORS,
    { path: 'choices.0.message.parsed', neutral: 'parsed' },
    { path: 'choices.0.message.tool_calls.0.function.parsed_arguments', neutral: 'toolCalls[0]?.parsedArguments' },
  ],
  responses: RESPONSES_ACCESSORS,
  'responses-parse': [...RESPONSES_ACCESSORS, { path: 'output_parsed', neutral: 'parsed' }],
  /** Per event of the stream, read where its type is tested (STREAM_EVENT_TESTS). */
  'responses-stream': [{ path: 'delta', neutral: 'text' }],
  completion: [
    { path: 'id', neutral: 'responseId' },
    { path: 'choices.0.text', neutral: 'text' },
    { path: 'choices.0.finish_reason', neutral: 'finishReason' },
    ...Object.entries(USAGE_FIELDS).map(([field, neutral]) => ({ path: `usage.${field}`, neutral: `usage?.${neutral}` })),
  ],
  /** Per chunk of the stream. */
  'chat-stream': [
    ...Object.entries(DELTA_FIELDS).map(([field, neutral]) => ({ path: `choices.0.delta.${field}`, neutral })),
    { path: 'choices.0.finish_reason', neutral: 'finishReason' },
    { path: 'choices.0.finishReason', neutral: 'finishReason' },
    // The usage chunk (`stream_options: { include_usage: true }`); the neutral one carries it on a last piece.
    ...Object.entries(USAGE_FIELDS).map(([field, neutral]) => ({ path: `usage.${field}`, neutral: `usage?.${neutral}` })),
  ],
  embeddings: [
    { path: 'data.0.embedding', neutral: 'embeddings[0]' },
  ],
  // The neutral moderation result has the SDK's shape, reduced to what every policy has.
  moderation: [
    { path: 'results.0.flagged', neutral: 'results[0].flagged' },
    { path: 'results.0.categories', neutral: 'results[0].categories' },
  ],
};

/**
 * Neutral fields absent where the SDK's field is \`null\` (a streamed chunk's \`finish_reason\` until the last
 * chunk): read as \`(chunk.finishReason ?? null)\` where the value itself is used (kept, passed, compared with
 * \`null\`), so it is the SDK's \`null\` and type; a truthiness test, a \`??\` or a comparison with a string reads it as it is.
 */
export const NULL_UNTIL_SET: Partial<Record<WrapKind, readonly string[]>> = { 'chat-stream': ['finishReason'] };

/**
 * Result fields that have one value on every provider, read as a constant of the seam's openai-compat module
 * (the whole read is replaced: \`choice?.message?.role\` → \`assistantRole\`). A chat result's message is
 * always the assistant's (the SDK types it so).
 */
export const RESULT_CONSTANTS: Partial<Record<WrapKind, Readonly<Record<string, string>>>> = {
  chat: { 'choices.0.message.role': 'assistantRole' },
  'chat-parse': { 'choices.0.message.role': 'assistantRole' },
};

/**
 * Lists in a result whose items code reads one at a time (`completion.choices.map((choice) => …)`, a
 * `for … of` loop, `.length`): the neutral list, and each item's readable fields → the neutral field.
 */
const CHAT_LISTS: ReadonlyArray<{ path: string; neutral: string; itemFields: Readonly<Record<string, string>> }> = [
  { path: 'choices', neutral: 'candidates', itemFields: { 'message.content': 'text', finish_reason: 'finishReason', finishReason: 'finishReason' } },
  { path: 'choices.0.message.tool_calls', neutral: 'toolCalls', itemFields: { id: 'id', 'function.name': 'name', 'function.arguments': 'arguments' } },
];

export const RESULT_LISTS: Readonly<Record<WrapKind, ReadonlyArray<{ path: string; neutral: string; itemFields: Readonly<Record<string, string>> }>>> = {
  chat: CHAT_LISTS,
  'chat-parse': [
    CHAT_LISTS[0],
    { ...CHAT_LISTS[1], itemFields: { ...CHAT_LISTS[1].itemFields, 'function.parsed_arguments': 'parsedArguments' } },
  ],
  // A tool call's pieces: its first has the id and name, the next ones more arguments (neutral: flat, and absent when none).
  'chat-stream': [{ path: 'choices.0.delta.tool_calls', neutral: 'toolCalls', itemFields: { index: 'index', id: 'id', 'function.name': 'name', 'function.arguments': 'arguments' } }],
  responses: [],
  'responses-stream': [],
  'responses-parse': [],
  completion: [{ path: 'choices', neutral: 'candidates', itemFields: { text: 'text', finish_reason: 'finishReason' } }],
  embeddings: [],
  moderation: [{ path: 'results', neutral: 'results', itemFields: { flagged: 'flagged', categories: 'categories' } }],
};

const RESPONSES_USAGE = { path: 'usage', neutral: 'usage', fields: { input_tokens: 'inputTokens', output_tokens: 'outputTokens', total_tokens: 'totalTokens' } };

/**
 * Parts of a result that code keeps in a variable of its own (`const usage = completion.usage`): the
 * neutral property the part becomes, and its fields (read as `usage?.prompt_tokens` → `usage?.inputTokens`).
 * A part whose `neutral` is empty is the neutral result itself (a chunk's `delta`: `delta.content` → `chunk.text`).
 */
export const RESULT_OBJECTS: Readonly<Record<WrapKind, ReadonlyArray<{ path: string; neutral: string; fields: Readonly<Record<string, string>> }>>> = {
  chat: [
    { path: 'usage', neutral: 'usage', fields: USAGE_FIELDS },
    // The first answer, kept apart (`const choice = completion.choices[0]`): the neutral result itself.
    { path: 'choices.0', neutral: '', fields: { 'message.content': 'text', finish_reason: 'finishReason', finishReason: 'finishReason' } },
  ],
  // The first answer or its message kept apart (`const message = completion.choices[0]?.message`), read for the parsed value too.
  'chat-parse': [
    { path: 'usage', neutral: 'usage', fields: USAGE_FIELDS },
    { path: 'choices.0', neutral: '', fields: { 'message.content': 'text', 'message.parsed': 'parsed', finish_reason: 'finishReason', finishReason: 'finishReason' } },
    { path: 'choices.0.message', neutral: '', fields: { content: 'text', parsed: 'parsed' } },
  ],
  'chat-stream': [
    {
      path: 'choices.0',
      neutral: '',
      fields: { ...Object.fromEntries(Object.entries(DELTA_FIELDS).map(([field, neutral]) => [`delta.${field}`, neutral])), finish_reason: 'finishReason', finishReason: 'finishReason' },
    },
    { path: 'choices.0.delta', neutral: '', fields: DELTA_FIELDS },
    { path: 'usage', neutral: 'usage', fields: USAGE_FIELDS },
  ],
  responses: [RESPONSES_USAGE],
  'responses-stream': [],
  'responses-parse': [RESPONSES_USAGE],
  completion: [{ path: 'usage', neutral: 'usage', fields: USAGE_FIELDS }],
  embeddings: [],
  moderation: [],
};

/**
 * Streams of typed events (the Responses API's): the event types code may test for (\`event.type === …\`) →
 * the test of a neutral chunk that stands for it (\`is\`; \`isNot\` for \`!==\`); the event's fields are read
 * only where such a test holds. Other event types have no neutral chunk.
 */
export const STREAM_EVENT_TESTS: Partial<Record<WrapKind, Readonly<Record<string, { is: string; isNot: string }>>>> = {
  'responses-stream': { 'response.output_text.delta': { is: "text !== ''", isNot: "text === ''" } },
};

/**
 * Legacy function calling, the predecessor of tools: the request's \`functions\` (and a \`function_call\` of
 * \`'auto'\`) go to the OpenAI wire as they are written (the neutral request's \`providerTools\`) and to other
 * providers as the neutral tools openai-compat's \`tools\` converter makes; a result converted back by
 * \`boundary\` has the server's own \`function_call\` on the OpenAI wire, and one made from the neutral tool call
 * from other providers.
 */
export const LEGACY_FUNCTION_CALLING = {
  functions: 'functions',
  choice: 'function_call',
  tools: 'functionToolsFromOpenAI',
  boundary: { chat: 'functionCallCompletionAsOpenAI', 'chat-stream': 'functionCallChunksAsOpenAI' } as Partial<Record<WrapKind, string>>,
} as const;

/**
 * Tool calling: \`tools\` and \`tool_choice\` become the neutral \`tools\` and \`toolChoice\` (a choice of one of
 * \`modes\`, or one function named); tools not written inline go to the OpenAI wire as written (\`providerTools\`)
 * and to other providers through openai-compat's \`converter\` when the fix sees they are function tools.
 */
export const TOOL_CALLING = { tools: 'tools', choice: 'tool_choice', converter: 'toolsFromOpenAI', modes: ['auto', 'none', 'required'] as readonly string[] } as const;
