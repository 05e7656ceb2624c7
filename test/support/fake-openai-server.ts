/**
 * A fake OpenAI-compatible HTTP server for tests (127.0.0.1, random port). It serves the OpenAI routes and
 * Azure OpenAI's deployment routes (used by `openai`'s AzureOpenAI and by @azure/openai 1.0.0-beta alike)
 * with answers that are deterministic functions of the request, and records every request.
 *
 * Answers:
 * - chat: `[<model or deployment>] echo: <last user message>`; with `response_format: json_object`, the JSON
 *   `{"model":…,"echo":…}`; with a `json_schema` format, JSON that fits the schema (every string the echo,
 *   every number the message's word count, every list one item, an enum's first value, a union's first
 *   branch) plus a key the schema lacks, `"fake": true`, so a parser that validates (and strips it) shows; with `max_tokens` below the answer's word count, the first words and
 *   `finish_reason: length`; with `tools` (and `tool_choice` not `none`) after a user message, a call of the
 *   tool a named `tool_choice` names, else of the first tool, with `{"input": <last user message>}`; likewise with legacy `functions` (and `function_call` not
 *   `none`), as the message's `function_call` (finish reason `function_call`); with `n`, n choices, the second and later ones ending
 *   in ` (2)`, ` (3)` …. `stream: true` sends the same answer as SSE chunks, one per word, then
 *   `data: [DONE]` (and a usage chunk first when `stream_options.include_usage`); a model whose name has
 *   `reasoner` streams its reasoning first, as DeepSeek's does (`reasoning_content: thinking about <message>`);
 *   a model whose name starts with `deepseek` reports its prompt cache in the usage, as DeepSeek's does
 *   (`prompt_cache_hit_tokens`: half the prompt, `prompt_cache_miss_tokens`: the rest).
 * - embeddings: one vector per input, `dimensions` long (default 8), derived from the input text; values are
 *   multiples of 1/1024, exact in float32, so `encoding_format: base64` round-trips to the same numbers.
 * - moderations: not flagged, unless the input contains `[flag]`.
 * - responses (the Responses API, `/v1/responses`): the chat answer to the text `input` (or the last user
 *   item of an input list), as one output message (JSON for a `text.format` JSON Schema, as for chat); `max_output_tokens` cuts it as `max_tokens` does, and
 *   the response is then `incomplete`. `stream: true` sends it as Responses API events: `response.created`, the
 *   message item and its part added, one `response.output_text.delta` per word, the part and item done, then
 *   `response.completed` (or `response.incomplete`).
 * - completions (legacy, `/v1/completions`): the chat answer to the text `prompt` as `choices[0].text`;
 *   `max_tokens` and `n` as for chat; `stream: true` sends a chunk per word, then `data: [DONE]`.
 * - `GET /msi/token`: a Microsoft Entra ID token as Azure App Service's managed identity endpoint answers
 *   (IDENTITY_ENDPOINT), so `DefaultAzureCredential` works against it: `entra-token-for-<resource host>`.
 * Token counts are word counts. Requests rerouted by test/fixtures/reroute-vendors.cjs are recorded with
 * the host they were meant for.
 *
 * The same server speaks Anthropic's Messages API (fake-anthropic.ts) and Gemini's (fake-gemini.ts), by
 * path, with the same answers, so one server stands in for every vendor.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { respondAnthropic } from './fake-anthropic';
import { respondGemini } from './fake-gemini';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  query: Record<string, string>;
  /** Request headers, lower-case, without credentials (`authorization`, `api-key`). */
  headers: Record<string, string>;
  /** How the request authenticated: `bearer` (OpenAI, Entra ID, Anthropic), `api-key` (Azure key header), `x-api-key` (Anthropic), `x-goog-api-key` (Gemini) or `none`. */
  credential: 'bearer' | KeyHeader | 'none';
  /** The key or token itself (test values only: the programs run with fake credentials). */
  secret: string;
  /** The host the request was meant for (`x-original-host` when rerouted), else the fake server's. */
  host: string;
  /** The parsed JSON body (the raw text when it is not JSON). */
  body: unknown;
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>`: OpenAI clients use `<url>/v1`, Azure clients use `<url>` as the endpoint. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Json = Record<string, unknown>;

/** Headers that carry a key: Azure's, Anthropic's and Gemini's. */
const KEY_HEADERS = ['api-key', 'x-api-key', 'x-goog-api-key'] as const;
type KeyHeader = (typeof KEY_HEADERS)[number];

const ROUTES = /^(?:\/v1|\/openai\/deployments\/([^/]+))\/(chat\/completions|completions|embeddings|moderations)$|^\/(?:v1|openai(?:\/v1)?)\/(responses)$/;
const CREATED = 1_700_000_000;
const DEFAULT_DIMENSIONS = 8;

/** Starts a fake server for the enclosing mocha `describe` and stops it after; call the result for the server. */
export function useFakeOpenAI(): () => FakeOpenAI {
  let fake: FakeOpenAI | undefined;
  before(async () => {
    fake = await startFakeOpenAI();
  });
  after(async () => {
    await fake?.close();
  });
  return () => {
    if (!fake) throw new Error('the fake OpenAI server is not running (use it inside tests)');
    return fake;
  };
}

async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded = record(request, Buffer.concat(chunks).toString('utf8'));
      requests.push(recorded);
      respond(recorded, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this, close would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

function record(request: http.IncomingMessage, text: string): RecordedRequest {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name !== 'authorization' && !(KEY_HEADERS as readonly string[]).includes(name) && name !== 'x-original-host' && value !== undefined) headers[name] = String(value);
  }
  const bearer = /^Bearer (.*)$/.exec(request.headers.authorization ?? '')?.[1];
  const keyHeader = KEY_HEADERS.find((name) => request.headers[name]);
  const apiKey = keyHeader && request.headers[keyHeader];
  const credential = bearer !== undefined ? 'bearer' : (keyHeader ?? 'none');
  const secret = bearer ?? (typeof apiKey === 'string' ? apiKey : '');
  const host = String(request.headers['x-original-host'] ?? request.headers.host ?? '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { method: request.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, credential, secret, host, body };
}

function respond(request: RecordedRequest, response: http.ServerResponse): void {
  if (request.method === 'GET' && request.path === '/msi/token') return sendManagedIdentityToken(request, response);
  if (respondAnthropic(request, response) || respondGemini(request, response)) return;
  const route = ROUTES.exec(request.path);
  if (request.method !== 'POST' || !route) return sendError(response, 404, `no route for ${request.method} ${request.path}`);
  const deployment = route[1] === undefined ? undefined : decodeURIComponent(route[1]);
  if (deployment !== undefined && !request.query['api-version']) return sendError(response, 400, 'missing the api-version query parameter');
  if (request.credential === 'none') return sendError(response, 401, 'no credentials');
  if (typeof request.body !== 'object' || request.body === null) return sendError(response, 400, 'the body is not a JSON object');
  const body = request.body as Json;
  const model = deployment ?? String(body.model ?? '');
  // A retired or unknown model, as OpenAI answers it (tests of error handling name one `retired-…`).
  if (model.startsWith('retired-')) return sendError(response, 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found');
  switch (route[2] ?? route[3]) {
    case 'responses':
      return body.stream === true ? streamResponses(response, model, body) : sendJson(response, responsesAnswer(model, body));
    case 'completions':
      return body.stream === true ? streamCompletion(response, model, body) : sendJson(response, textCompletion(model, body));
    case 'chat/completions':
      return body.stream === true ? streamChat(response, model, body) : sendJson(response, chatCompletion(model, body));
    case 'embeddings':
      return sendJson(response, embeddings(model, body));
    default:
      return sendJson(response, moderations(model, body));
  }
}

export interface Answer {
  words: string[];
  finishReason: 'stop' | 'length' | 'tool_calls' | 'function_call';
  toolCall?: { id: string; type: 'function'; function: { name: string; arguments: string } };
  /** The answer to legacy \`functions\`. */
  functionCall?: { name: string; arguments: string };
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number; prompt_cache_hit_tokens?: number; prompt_cache_miss_tokens?: number };
}

/** The answer to an OpenAI-shaped chat request (the other vendors' fakes translate their requests to this shape). */
export function answer(model: string, body: Json): Answer {
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const last = messages[messages.length - 1];
  const userText = lastUserText(body);
  const promptTokens = messages.reduce((sum, message) => sum + countWords(contentText(message.content)), 0);
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  // A named tool choice (\`{ type: 'function', function: { name } }\`) calls that tool; otherwise the first.
  const named = typeof body.tool_choice === 'object' && body.tool_choice !== null ? ((body.tool_choice as Json).function as Json | undefined)?.name : undefined;
  const toolName = named ?? (tools[0]?.function as Json | undefined)?.name;
  if (typeof toolName === 'string' && body.tool_choice !== 'none' && last?.role === 'user') {
    const toolCall = { id: 'call_1', type: 'function' as const, function: { name: toolName, arguments: JSON.stringify({ input: userText }) } };
    return { words: [], finishReason: 'tool_calls', toolCall, usage: usage(model, promptTokens, 1) };
  }
  const functionName = Array.isArray(body.functions) ? ((body.functions as Json[])[0]?.name as string | undefined) : undefined;
  if (functionName && body.function_call !== 'none' && last?.role === 'user') {
    return { words: [], finishReason: 'function_call', functionCall: { name: functionName, arguments: JSON.stringify({ input: userText }) }, usage: usage(model, promptTokens, 1) };
  }
  const format = body.response_format as Json | undefined;
  const schema = format?.type === 'json_schema' ? ((format.json_schema as Json | undefined)?.schema as Json | undefined) : undefined;
  const text = schema
    ? JSON.stringify({ ...(schemaInstance(schema, userText) as Json), fake: true })
    : format?.type === 'json_object'
      ? JSON.stringify({ model, echo: userText })
      : `[${model}] echo: ${userText}`;
  const words = text.split(/(?<=\s)/);
  const maxTokens = Number(body.max_completion_tokens ?? body.max_tokens ?? Infinity);
  const kept = words.slice(0, maxTokens);
  return { words: kept, finishReason: kept.length < words.length ? 'length' : 'stop', usage: usage(model, promptTokens, kept.length) };
}

function chatCompletion(model: string, body: Json): Json {
  const { words, finishReason, toolCall, functionCall, usage } = answer(model, body);
  const message = toolCall
    ? { role: 'assistant', content: null, tool_calls: [toolCall] }
    : functionCall
      ? { role: 'assistant', content: null, function_call: functionCall }
      : { role: 'assistant', content: words.join('') };
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: CREATED,
    model,
    // `n` asks for several answers: the second and later ones end with their number, ` (2)` …
    choices: Array.from({ length: Math.max(1, Number(body.n ?? 1)) }, (_, index) => ({
      index,
      message: index === 0 || toolCall || functionCall ? message : { ...message, content: `${message.content} (${index + 1})` },
      finish_reason: finishReason,
      logprobs: body.logprobs === true && !toolCall && !functionCall ? logprobsOf(words, body) : null,
    })),
    usage,
  };
}

/** Log probabilities, as OpenAI gives them when asked (\`logprobs: true\`): one per word, the i-th -i/10, and \`top_logprobs\` alternatives. */
function logprobsOf(words: string[], body: Json, first = 0): Json {
  const top = Number(body.top_logprobs ?? 0);
  const entry = (token: string, index: number) => ({ token, logprob: -(first + index) / 10, bytes: [...Buffer.from(token)] });
  return {
    content: words.map((word, index) => ({ ...entry(word, index), top_logprobs: Array.from({ length: top }, (_, rank) => entry(rank === 0 ? word : `${word.trim()}~${rank}`, index + rank)) })),
    refusal: null,
  };
}

function responsesAnswer(model: string, body: Json): Json {
  const items = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : Array.isArray(body.input) ? (body.input as Json[]) : [];
  const messages = [...(typeof body.instructions === 'string' ? [{ role: 'system', content: body.instructions }] : []), ...items];
  const format = (body.text as Json | undefined)?.format as Json | undefined;
  const responseFormat = format?.type === 'json_schema' ? { type: 'json_schema', json_schema: { schema: format.schema } } : format;
  const { words, finishReason, usage: counted } = answer(model, { messages, max_tokens: body.max_output_tokens, response_format: responseFormat });
  const text = words.join('');
  return {
    id: 'resp_fake',
    object: 'response',
    created_at: CREATED,
    model,
    status: finishReason === 'length' ? 'incomplete' : 'completed',
    incomplete_details: finishReason === 'length' ? { reason: 'max_output_tokens' } : null,
    output: [{ type: 'message', id: 'msg_fake', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }],
    usage: {
      input_tokens: counted.prompt_tokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: counted.completion_tokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: counted.total_tokens,
    },
  };
}

/** A Responses API stream: the response's text a word per delta event, between its creation and its completion. */
function streamResponses(response: http.ServerResponse, model: string, body: Json): void {
  const final = responsesAnswer(model, body);
  const words = String((final.output as Array<{ content: Array<{ text: string }> }>)[0].content[0].text).split(/(?<=\s)/);
  const message = (final.output as Json[])[0];
  const part = (message.content as Json[])[0];
  const at = { item_id: message.id, output_index: 0, content_index: 0 };
  // The events the SDK's stream helper needs to accumulate the response, in the API's order.
  const events: Json[] = [
    { type: 'response.created', response: { ...final, status: 'in_progress', output: [], usage: null } },
    { type: 'response.output_item.added', output_index: 0, item: { ...message, status: 'in_progress', content: [] } },
    { type: 'response.content_part.added', ...at, part: { ...part, text: '' } },
    ...words.map((delta) => ({ type: 'response.output_text.delta', ...at, delta, logprobs: [] })),
    { type: 'response.output_text.done', ...at, text: part.text, logprobs: [] },
    { type: 'response.content_part.done', ...at, part },
    { type: 'response.output_item.done', output_index: 0, item: message },
    { type: final.status === 'completed' ? 'response.completed' : 'response.incomplete', response: final },
  ];
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  events.forEach((event, index) => response.write(`event: ${event.type}\ndata: ${JSON.stringify({ ...event, sequence_number: index })}\n\n`));
  response.end();
}

/** The messages a legacy completions request stands for: its text prompt as the user's. */
function promptMessages(body: Json): Json {
  return { messages: [{ role: 'user', content: typeof body.prompt === 'string' ? body.prompt : JSON.stringify(body.prompt) }], max_tokens: body.max_tokens };
}

function textCompletion(model: string, body: Json): Json {
  const { words, finishReason, usage } = answer(model, promptMessages(body));
  const text = words.join('');
  return {
    id: 'cmpl-fake',
    object: 'text_completion',
    created: CREATED,
    model,
    choices: Array.from({ length: Math.max(1, Number(body.n ?? 1)) }, (_, index) => ({ index, text: index === 0 ? text : `${text} (${index + 1})`, finish_reason: finishReason, logprobs: null })),
    usage,
  };
}

function streamCompletion(response: http.ServerResponse, model: string, body: Json): void {
  const { words, finishReason } = answer(model, promptMessages(body));
  const chunk = (text: string, finish: string | null): Json => ({ id: 'cmpl-fake', object: 'text_completion', created: CREATED, model, choices: [{ index: 0, text, finish_reason: finish, logprobs: null }] });
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of [...words.map((word) => chunk(word, null)), chunk('', finishReason)]) response.write(`data: ${JSON.stringify(event)}\n\n`);
  response.end('data: [DONE]\n\n');
}

function streamChat(response: http.ServerResponse, model: string, body: Json): void {
  const { words, finishReason, toolCall, functionCall, usage } = answer(model, body);
  const chunk = (delta: Json, finish: string | null, extra: Json = {}, logprobs: Json | null = null): Json => ({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs }],
    ...extra,
  });
  const events = [
    chunk({ role: 'assistant', content: '' }, null),
    ...(model.includes('reasoner') ? [chunk({ content: null, reasoning_content: `thinking about ${lastUserText(body)}` }, null)] : []),
    ...words.map((word, index) => chunk({ content: word }, null, {}, body.logprobs === true ? logprobsOf([word], body, index) : null)),
    ...(toolCall ? [chunk({ tool_calls: [{ index: 0, ...toolCall }] }, null)] : []),
    // A legacy function call: its name first, then its arguments, as OpenAI streams it.
    ...(functionCall ? [chunk({ function_call: { name: functionCall.name, arguments: '' } }, null), chunk({ function_call: { arguments: functionCall.arguments } }, null)] : []),
    chunk({}, finishReason),
  ];
  if ((body.stream_options as Json | undefined)?.include_usage === true) {
    events.push({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: CREATED, model, choices: [], usage });
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of events) response.write(`data: ${JSON.stringify(event)}\n\n`);
  response.end('data: [DONE]\n\n');
}

function embeddings(model: string, body: Json): Json {
  const inputs = (Array.isArray(body.input) ? body.input : [body.input]).map((input) => (typeof input === 'string' ? input : JSON.stringify(input)));
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : DEFAULT_DIMENSIONS;
  const tokens = inputs.reduce((sum, input) => sum + countWords(input), 0);
  return {
    object: 'list',
    model,
    data: inputs.map((input, index) => {
      const vector = embeddingOf(input, dimensions);
      return { object: 'embedding', index, embedding: body.encoding_format === 'base64' ? base64Floats(vector) : vector };
    }),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** A deterministic vector for a text: FNV-1a hashes of `text#i`, scaled to [0, 1) in steps of 1/1024. */
export function embeddingOf(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  return Array.from({ length: dimensions }, (_, index) => (fnv1a(`${text}#${index}`) % 1024) / 1024);
}

function base64Floats(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

function moderations(model: string, body: Json): Json {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  return {
    id: 'modr-fake',
    model: model || 'omni-moderation-latest',
    results: inputs.map((input) => {
      const flagged = String(input).includes('[flag]');
      return { flagged, categories: { harassment: flagged, violence: false }, category_scores: { harassment: flagged ? 0.9 : 0.01, violence: 0.01 } };
    }),
  };
}

/** A value that fits a JSON Schema (the subset structured outputs use), made of the user's text and its word count. */
function schemaInstance(schema: Json, text: string): unknown {
  const branches = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (branches?.length) return schemaInstance(branches[0], text);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, schemaInstance(property, text)]));
  }
  if (type === 'array') return [schemaInstance((schema.items ?? {}) as Json, text)];
  if (type === 'number' || type === 'integer') return countWords(text);
  if (type === 'boolean') return true;
  if (type === 'null') return null;
  return text;
}

export function lastUserText(body: Json): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  return contentText([...messages].reverse().find((message) => message.role === 'user')?.content);
}

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: Json) => (part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** DeepSeek's models add their prompt cache's counts (half the prompt read from it, here), without OpenAI's \`prompt_tokens_details\`. */
function usage(model: string, promptTokens: number, completionTokens: number): Answer['usage'] {
  const counts = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
  const hit = Math.floor(promptTokens / 2);
  return model.startsWith('deepseek') ? { ...counts, prompt_cache_hit_tokens: hit, prompt_cache_miss_tokens: promptTokens - hit } : counts;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function sendJson(response: http.ServerResponse, value: Json): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

export function sendError(response: http.ServerResponse, status: number, message: string, code: string | null = null): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error: { message, type: 'invalid_request_error', code } }));
}

/** Azure App Service's managed identity answer (api-version 2019-08-01), valid for an hour. */
function sendManagedIdentityToken(request: RecordedRequest, response: http.ServerResponse): void {
  const resource = request.query.resource ?? '';
  if (!resource || !request.headers['x-identity-header']) return sendError(response, 400, 'a managed identity request needs `resource` and X-IDENTITY-HEADER');
  const token = `entra-token-for-${new URL(resource).host}`;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ access_token: token, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource, token_type: 'Bearer' }));
}
