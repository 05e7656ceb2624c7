/**
 * Google's Gemini API on the fake server: `POST /v1beta/models/<model>:generateContent`,
 * `:streamGenerateContent?alt=sse` and `:batchEmbedContents`, keyed by `x-goog-api-key`. Requests are read
 * as Gemini defines them (`contents` with `user` / `model` roles and parts, `systemInstruction`,
 * `generationConfig`, `functionDeclarations`), answered as the OpenAI fake answers the same conversation
 * (several candidates numbered as its `n` choices; embeddings the same vectors), and written back as
 * GenerateContentResponse JSON or server-sent events. With `thinkingConfig.includeThoughts` a thought part
 * comes first (`thinking about <message>`, `thought: true`), a chunk of its own when streamed.
 * test/support/fake-vendors.test.ts checks it with the official @google/genai SDK.
 */
import type * as http from 'node:http';
import { type Json, type RecordedRequest, answer, embeddingOf, lastUserText, sendJson } from './fake-openai-server';

const ROUTE = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent|batchEmbedContents)$/;
const FINISH_REASONS = { stop: 'STOP', length: 'MAX_TOKENS', tool_calls: 'STOP', function_call: 'STOP' } as const;

export function respondGemini(request: RecordedRequest, response: http.ServerResponse): boolean {
  const route = ROUTE.exec(request.path);
  if (!route) return false;
  const status = request.method !== 'POST' ? 404 : request.credential !== 'x-goog-api-key' ? 403 : typeof request.body !== 'object' || request.body === null ? 400 : 0;
  if (status) {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { code: status, message: `refused ${request.method} ${request.path}`, status: status === 403 ? 'PERMISSION_DENIED' : 'INVALID_ARGUMENT' } }));
    return true;
  }
  const model = decodeURIComponent(route[1]);
  const body = request.body as Json;
  if (route[2] === 'batchEmbedContents') {
    const requests = Array.isArray(body.requests) ? (body.requests as Json[]) : [];
    const embeddings = requests.map((item) => {
      const dimensions = typeof item.outputDimensionality === 'number' ? item.outputDimensionality : undefined;
      return { values: embeddingOf(partsText((item.content as Json | undefined)?.parts), dimensions) };
    });
    sendJson(response, { embeddings });
    return true;
  }
  const config = (body.generationConfig ?? {}) as Json;
  const conversation = asOpenAIRequest(body, config);
  const { words, finishReason, toolCall, usage } = answer(model, conversation);
  const parts = toolCall ? [{ functionCall: { name: toolCall.function.name, args: JSON.parse(toolCall.function.arguments) } }] : undefined;
  const thoughts = (config.thinkingConfig as Json | undefined)?.includeThoughts === true ? [{ text: `thinking about ${lastUserText(conversation)}`, thought: true }] : [];
  const candidate = (text: string, index: number, before: Json[] = []): Json => ({ content: { role: 'model', parts: [...before, ...(parts ?? [{ text }])] }, finishReason: FINISH_REASONS[finishReason], index });
  const usageMetadata = { promptTokenCount: usage.prompt_tokens, candidatesTokenCount: usage.completion_tokens, totalTokenCount: usage.total_tokens };
  if (route[2] === 'generateContent') {
    const count = Math.max(1, Number(config.candidateCount ?? 1));
    const text = words.join('');
    const candidates = Array.from({ length: count }, (_, index) => (index === 0 ? candidate(text, index, thoughts) : candidate(`${text} (${index + 1})`, index)));
    sendJson(response, { candidates, usageMetadata, modelVersion: model });
    return true;
  }
  // A stream: one chunk a word, the finish reason and usage on the last.
  const pieces = parts ? [''] : words;
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  if (thoughts.length) response.write(`data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: thoughts }, index: 0 }], modelVersion: model })}\r\n\r\n`);
  pieces.forEach((piece, index) => {
    const last = index === pieces.length - 1;
    const chunk = last ? { candidates: [candidate(piece, 0)], usageMetadata, modelVersion: model } : { candidates: [{ content: { role: 'model', parts: [{ text: piece }] }, index: 0 }], modelVersion: model };
    response.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
  });
  response.end();
  return true;
}

/** The conversation as the OpenAI fake reads it: `model` turns are the assistant's, function responses are tool messages. */
function asOpenAIRequest(body: Json, config: Json): Json {
  const contents = Array.isArray(body.contents) ? (body.contents as Json[]) : [];
  const messages = contents.map((content) => {
    const parts = Array.isArray(content.parts) ? (content.parts as Json[]) : [];
    const role = content.role === 'model' ? 'assistant' : parts.some((part) => part.functionResponse) ? 'tool' : 'user';
    return { role, content: partsText(parts) };
  });
  const declarations = Array.isArray(body.tools) ? (body.tools as Json[]).flatMap((tool) => (Array.isArray(tool.functionDeclarations) ? (tool.functionDeclarations as Json[]) : [])) : [];
  // Gemini's function calling mode as OpenAI's tool choice: ANY with one allowed function names it.
  const calling = ((body.toolConfig as Json | undefined)?.functionCallingConfig ?? undefined) as Json | undefined;
  const allowed = Array.isArray(calling?.allowedFunctionNames) ? (calling.allowedFunctionNames as string[]) : [];
  const modes: Record<string, string> = { AUTO: 'auto', ANY: 'required', NONE: 'none' };
  const mode = calling?.mode === undefined ? undefined : modes[String(calling.mode)];
  const tool_choice = mode === 'required' && allowed.length === 1 ? { type: 'function', function: { name: allowed[0] } } : mode;
  return {
    messages,
    tool_choice,
    tools: declarations.map((declaration) => ({ type: 'function', function: { name: declaration.name } })),
    response_format:
      config.responseMimeType !== 'application/json' ? undefined : config.responseJsonSchema ? { type: 'json_schema', json_schema: { schema: config.responseJsonSchema } } : { type: 'json_object' },
    max_tokens: config.maxOutputTokens,
  };
}

function partsText(parts: unknown): string {
  return Array.isArray(parts) ? (parts as Json[]).map((part) => (typeof part.text === 'string' ? part.text : '')).join('') : '';
}
