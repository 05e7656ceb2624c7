/**
 * The seam's openai-compat converters of a neutral stream back to the Responses API's events and to the
 * SDK's Responses stream helper (part of the openai-compat module's source, `sources.ts`; same rules for
 * what the renderer supports). Kept apart because it is the longest part of that module.
 */
export const RESPONSE_EVENTS_COMPAT = `
/**
 * The neutral stream as the Responses API's events, for code that reads them as the SDK's (a \`for await\`
 * over \`responses.create({ stream: true })\`, events handed on whole): the SDK's own \`Stream\` class (so
 * \`controller.abort()\`, \`tee()\` and \`toReadableStream()\` work as its own), of the events the server sent
 * (\`providerEvent\`) from the OpenAI and Azure OpenAI adapters on that API, exactly; from other providers, of
 * the events that API sends for the same answer: the response created, a message with its text deltas, a
 * function call per tool call with its argument deltas, each item done, then the response completed (or
 * incomplete when cut short or filtered) with its usage. No reasoning items (the API's are OpenAI's own); ids are empty.
 */
export function responseEventsAsOpenAI(chunks: AsyncIterable<ChatChunk>): Stream<ResponseStreamEvent> {
  return sdkStream(openAIResponseEvents(chunks));
}

/** Items in the SDK's own \`Stream\`: \`abort()\` on its controller stops them, as the SDK's streams end quietly. */
function sdkStream<T>(items: AsyncIterable<T>): Stream<T> {
  const controller = new AbortController();
  return new Stream(() => untilAborted(items, controller.signal), controller);
}

async function* openAIResponseEvents(chunks: AsyncIterable<ChatChunk>): AsyncGenerator<ResponseStreamEvent> {
  const made: MadeResponse = { createdAt: now(), sequence: 0, done: [], finishReason: 'stop' };
  for await (const chunk of chunks) {
    if (chunk.providerEvent) yield chunk.providerEvent as ResponseStreamEvent;
    // Loops, not \`yield*\` of an array: TypeScript before 5.6 refuses that delegation in an async generator (TS2766).
    else for (const event of eventsOf(made, chunk)) yield event;
  }
  // Events made from chunks end as the API's do; the server's own ended already.
  if (made.sequence > 0) for (const event of closingEvents(made)) yield event;
}

/** Stops at the next item once aborted (leaving the neutral stream ends the provider's request), as the SDK's streams end quietly. */
async function* untilAborted<T>(items: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  for await (const item of items) {
    if (signal.aborted) return;
    yield item;
  }
}

/**
 * The neutral stream as the SDK's Responses stream helper (\`responses.stream(…)\`), for code that uses its
 * events (\`on('response.output_text.delta', …)\`), \`finalResponse()\` or iterates it: the SDK's own class,
 * fed the events \`responseEventsAsOpenAI\` gives as its client would feed it (openai 4 makes it from a client
 * alone). Its final response parses nothing (\`output_parsed\` is null): the request's parsers stay with it.
 */
export function responseStreamAsOpenAI(chunks: AsyncIterable<ChatChunk>): ResponseStream<null> {
  const source: ResponseEventSource = {
    responses: {
      create: async (_params, options) => {
        // \`abort()\` on the helper stops the events, and with them the provider's request.
        const events = responseEventsAsOpenAI(chunks);
        options?.signal?.addEventListener('abort', () => events.controller.abort());
        return events;
      },
    },
  };
  // Only \`responses.create\` of the client is called: \`never\` stands for the SDK's client type, which names the
  // SDK's CommonJS or ES module build by how the project resolves it.
  return ResponseStream.createResponse(source as never, {} as ResponseStreamParams);
}

/** The part of the SDK's client its Responses stream helper calls. */
interface ResponseEventSource {
  responses: { create(params: object, options?: { signal?: AbortSignal | null | undefined }): Promise<Stream<ResponseStreamEvent>> };
}

/** What the events made from neutral chunks have said so far. */
interface MadeResponse {
  createdAt: number;
  sequence: number;
  /** The output items done, as the final response lists them. */
  done: object[];
  /** The item being streamed: the message (no \`call\`) or a tool call, with its text or arguments so far. */
  open?: { call?: { index: number; id: string; name: string } | undefined; text: string } | undefined;
  finishReason: FinishReason;
  usage?: Usage | undefined;
}

function responseEvent(made: MadeResponse, type: string, fields: object): ResponseStreamEvent {
  return { type, ...fields, sequence_number: made.sequence++ } as ResponseStreamEvent;
}

/** The response as the API's events carry it: in progress (no output yet), completed or incomplete. */
function madeResponse(made: MadeResponse, status: 'in_progress' | 'completed' | 'incomplete'): object {
  const reason = made.finishReason === 'length' ? 'max_output_tokens' : 'content_filter';
  return {
    id: '',
    object: 'response',
    created_at: made.createdAt,
    status,
    model: '',
    output: status === 'in_progress' ? [] : made.done,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason } : null,
    usage: status !== 'in_progress' && made.usage ? responseUsage(made.usage) : null,
  };
}

function eventsOf(made: MadeResponse, chunk: ChatChunk): ResponseStreamEvent[] {
  const events: ResponseStreamEvent[] = [];
  if (made.sequence === 0) events.push(responseEvent(made, 'response.created', { response: madeResponse(made, 'in_progress') }), responseEvent(made, 'response.in_progress', { response: madeResponse(made, 'in_progress') }));
  const at = () => ({ item_id: '', output_index: made.done.length });
  if (chunk.text) {
    if (!made.open || made.open.call) {
      events.push(...closeItem(made));
      made.open = { text: '' };
      events.push(
        responseEvent(made, 'response.output_item.added', { output_index: made.done.length, item: { type: 'message', id: '', status: 'in_progress', role: assistantRole, content: [] } }),
        responseEvent(made, 'response.content_part.added', { ...at(), content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }),
      );
    }
    made.open.text += chunk.text;
    events.push(responseEvent(made, 'response.output_text.delta', { ...at(), content_index: 0, delta: chunk.text, logprobs: [] }));
  }
  for (const piece of chunk.toolCalls ?? []) {
    if (made.open?.call?.index !== piece.index) {
      events.push(...closeItem(made));
      const call = { index: piece.index, id: piece.id ?? '', name: piece.name ?? '' };
      made.open = { call, text: '' };
      events.push(responseEvent(made, 'response.output_item.added', { output_index: made.done.length, item: { type: 'function_call', id: '', call_id: call.id, name: call.name, arguments: '', status: 'in_progress' } }));
    }
    if (piece.arguments && made.open) {
      made.open.text += piece.arguments;
      events.push(responseEvent(made, 'response.function_call_arguments.delta', { ...at(), delta: piece.arguments }));
    }
  }
  if (chunk.finishReason) made.finishReason = chunk.finishReason;
  if (chunk.usage) made.usage = chunk.usage;
  return events;
}

/** The events that end the item being streamed, which joins the output. */
function closeItem(made: MadeResponse): ResponseStreamEvent[] {
  const open = made.open;
  if (!open) return [];
  made.open = undefined;
  const output_index = made.done.length;
  const at = { item_id: '', output_index };
  if (open.call) {
    const item = { type: 'function_call', id: '', call_id: open.call.id, name: open.call.name, arguments: open.text, status: 'completed' };
    made.done.push(item);
    return [responseEvent(made, 'response.function_call_arguments.done', { ...at, name: open.call.name, arguments: open.text }), responseEvent(made, 'response.output_item.done', { output_index, item })];
  }
  const part = { type: 'output_text', text: open.text, annotations: [] };
  const item = { type: 'message', id: '', status: 'completed', role: assistantRole, content: [part] };
  made.done.push(item);
  return [
    responseEvent(made, 'response.output_text.done', { ...at, content_index: 0, text: open.text, logprobs: [] }),
    responseEvent(made, 'response.content_part.done', { ...at, content_index: 0, part }),
    responseEvent(made, 'response.output_item.done', { output_index, item }),
  ];
}

function closingEvents(made: MadeResponse): ResponseStreamEvent[] {
  const events = closeItem(made);
  const cut = made.finishReason === 'length' || made.finishReason === 'content_filter';
  events.push(responseEvent(made, cut ? 'response.incomplete' : 'response.completed', { response: madeResponse(made, cut ? 'incomplete' : 'completed') }));
  return events;
}
`;
