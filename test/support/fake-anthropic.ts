/**
 * Anthropic's Messages API (`POST /v1/messages`) on the fake server: the request is read as Anthropic
 * defines it (a separate `system`, content blocks, `tool_use` / `tool_result`, required `max_tokens`,
 * the key as `x-api-key` or, since API version 2026-10-21, a bearer token, and the `anthropic-version` header), answered as the OpenAI fake answers the same conversation,
 * and written back as a Message, or as Anthropic's server-sent events with `stream: true`. With extended
 * thinking (`thinking: { type: 'enabled' }`) a thinking block comes first: `thinking about <message>`.
 * test/support/fake-vendors.test.ts checks it with the official @anthropic-ai/sdk.
 */
import type * as http from 'node:http';
import { type Json, type RecordedRequest, answer, lastUserText, sendJson } from './fake-openai-server';

export function respondAnthropic(request: RecordedRequest, response: http.ServerResponse): boolean {
  if (request.path !== '/v1/messages') return false;
  const failure = refusal(request);
  if (failure) {
    response.writeHead(failure.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ type: 'error', error: { type: failure.type, message: failure.message } }));
    return true;
  }
  const body = request.body as Json;
  const model = String(body.model);
  const { words, finishReason, toolCall, usage } = answer(model, asOpenAIRequest(body));
  const stopReason = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', function_call: 'tool_use' }[finishReason];
  const thinking: Json[] = (body.thinking as Json | undefined)?.type === 'enabled' ? [{ type: 'thinking', thinking: `thinking about ${lastUserText(asOpenAIRequest(body))}`, signature: 'sig-fake' }] : [];
  const content: Json[] = [
    ...thinking,
    ...(toolCall
      ? [{ type: 'tool_use', id: 'toolu_1', name: toolCall.function.name, input: JSON.parse(toolCall.function.arguments) }]
      : [{ type: 'text', text: words.join(''), citations: null }]),
  ];
  const message = { id: 'msg_fake', type: 'message', role: 'assistant', model, content, stop_reason: stopReason, stop_sequence: null };
  const tokens = { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens };
  if (body.stream !== true) {
    sendJson(response, { ...message, usage: tokens });
    return true;
  }
  const events: Array<[string, Json]> = [
    ['message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...tokens, output_tokens: 0 } } }],
    ...content.flatMap((block, index): Array<[string, Json]> => {
      const start: Json = block.type === 'text' ? { type: 'text', text: '', citations: null } : block.type === 'thinking' ? { ...block, thinking: '', signature: '' } : { ...block, input: {} };
      const deltas: Json[] =
        block.type === 'text'
          ? words.map((word) => ({ type: 'text_delta', text: word }))
          : block.type === 'thinking'
            ? [{ type: 'thinking_delta', thinking: block.thinking }, { type: 'signature_delta', signature: block.signature }]
            : [{ type: 'input_json_delta', partial_json: JSON.stringify(block.input) }];
      return [
        ['content_block_start', { type: 'content_block_start', index, content_block: start }],
        ...deltas.map((delta): [string, Json] => ['content_block_delta', { type: 'content_block_delta', index, delta }]),
        ['content_block_stop', { type: 'content_block_stop', index }],
      ];
    }),
    ['message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: tokens.output_tokens } }],
    ['message_stop', { type: 'message_stop' }],
  ];
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [name, data] of events) response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  response.end();
  return true;
}

/** The request fields of the Messages API (a body with another is refused, as Anthropic does). */
const MESSAGE_FIELDS = [
  'model', 'messages', 'max_tokens', 'system', 'stop_sequences', 'stream', 'temperature', 'top_p', 'top_k', 'tools', 'tool_choice',
  'metadata', 'thinking', 'output_config', 'service_tier', 'container', 'mcp_servers', 'context_management',
];
const TOOL_CHOICES = ['auto', 'any', 'tool', 'none'];

/** What Anthropic refuses: no credentials, no version header, no `max_tokens`, a field it does not define, a system message among the messages. */
function refusal(request: RecordedRequest): { status: number; type: string; message: string } | undefined {
  if (request.method !== 'POST') return { status: 404, type: 'not_found_error', message: `no route for ${request.method} ${request.path}` };
  if (request.credential !== 'x-api-key' && request.credential !== 'bearer') return { status: 401, type: 'authentication_error', message: 'an x-api-key or authorization header is required' };
  if (!request.headers['anthropic-version']) return { status: 400, type: 'invalid_request_error', message: 'anthropic-version header is required' };
  const body = request.body as Json | undefined;
  if (typeof body !== 'object' || body === null) return { status: 400, type: 'invalid_request_error', message: 'the body is not a JSON object' };
  if (typeof body.max_tokens !== 'number') return { status: 400, type: 'invalid_request_error', message: 'max_tokens: field required' };
  // Anthropic's API validates the body strictly: a field it does not define is refused.
  const unknown = Object.keys(body).find((field) => !MESSAGE_FIELDS.includes(field));
  if (unknown) return { status: 400, type: 'invalid_request_error', message: `${unknown}: Extra inputs are not permitted` };
  const choice = body.tool_choice as Json | undefined;
  if (choice !== undefined && (typeof choice !== 'object' || choice === null || !TOOL_CHOICES.includes(String(choice.type)))) {
    return { status: 400, type: 'invalid_request_error', message: 'tool_choice: Input should be an object with type auto, any, tool or none' };
  }
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  if (messages.some((message) => message.role !== 'user' && message.role !== 'assistant')) {
    return { status: 400, type: 'invalid_request_error', message: 'messages: roles must be user or assistant (the system prompt is the system field)' };
  }
  return undefined;
}

/** The conversation as the OpenAI fake reads it: a user turn of only tool results is a tool message. */
function asOpenAIRequest(body: Json): Json {
  const messages = (body.messages as Json[]).map((message) => {
    const blocks = Array.isArray(message.content) ? (message.content as Json[]) : [];
    const toolResults = blocks.length > 0 && blocks.every((block) => block.type === 'tool_result');
    return { role: toolResults ? 'tool' : message.role, content: message.content };
  });
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]).map((tool) => ({ type: 'function', function: { name: tool.name } })) : undefined;
  // Structured outputs (\`output_config.format\`) answer as OpenAI's JSON Schema format does.
  const format = (body.output_config as Json | undefined)?.format as Json | undefined;
  const response_format = format?.type === 'json_schema' ? { type: 'json_schema', json_schema: { schema: format.schema } } : undefined;
  // Anthropic's tool choice as OpenAI's: \`any\` is \`required\`, \`tool\` names one.
  const choice = body.tool_choice as Json | undefined;
  const tool_choice =
    choice === undefined ? undefined : choice.type === 'any' ? 'required' : choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
  return { messages, tools, tool_choice, max_tokens: body.max_tokens, response_format };
}
