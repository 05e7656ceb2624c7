/**
 * The wrap on the call shapes public apps have (issue 12; the real-shapes fixture): models chosen at run
 * time (a parameter, the environment), request options, a model constant in another module, a request
 * built elsewhere and typed with the SDK's types, shared defaults spread into a streamed request, and a
 * conversation kept in the SDK's message types with a tool round trip and an image part, and tool calling
 * (tools, tool_choice and an option the neutral request passes on), the Responses API, and results handed
 * on whole as the SDK's type (converted back at the call by the seam's openai-compat module: also per branch
 * of a conditional, through a generic helper, in a property, with inline conditional spreads), results
 * taken apart by nested patterns (the answer, a vector, each chunk in the loop), and streams read for
 * reasoning, tool-call pieces and the usage chunk (a chunk's delta and choice kept in variables), the SDK's
 * tool runner (given the seam's client), log probabilities (kept on the call's own connection) and a client on
 * openai's Bedrock provider (carried on its connection). After
 * `aidlint --fix`: every call in the route files goes through the seam, the project type-checks, the
 * program prints the same, and the fake server receives the same requests: route, credential and body.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cli/run-cli';
import { type RecordedRequest, useFakeOpenAI } from '../support/fake-openai-server';
import { prepareFixture, removeFixture, runMain, runProgram, runRecorded, typecheck } from '../support/run-fixture';
import { bodyDifferences, wire } from '../support/wire';

const REROUTE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'reroute-vendors.cjs');
const ROUTE_FILES = ['src/routes/built.ts', 'src/routes/runtime.ts', 'src/routes/handed-on.ts', 'src/routes/legacy.ts', 'src/routes/input-items.ts', 'src/routes/response-events.ts', 'src/routes/streamed.ts', 'src/routes/passed-on.ts', 'src/routes/patterns.ts', 'src/routes/usage.ts', 'src/routes/roles.ts', 'src/routes/helper-streams.ts', 'src/routes/functions.ts', 'src/routes/response-streams.ts', 'src/routes/tool-choice.ts', 'src/routes/providers.ts', 'src/routes/logprobs.ts', 'src/routes/runner.ts'];

describe('the wrap on the shapes of real apps (real-shapes fixture)', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;
  let original: { lines: string[]; requests: RecordedRequest[] };

  const run = () => runRecorded(dir, fake(), { FAKE_OPENAI_URL: fake().url, NODE_OPTIONS: `--require ${REROUTE}`, OPENAI_API_KEY: 'openai-key', BEDROCK_KEY: 'bedrock-key', EMBEDDING_MODEL: 'text-embedding-3-large' });

  before(async () => {
    dir = await prepareFixture('real-shapes');
  });

  after(() => {
    removeFixture(dir);
  });

  it('before the fix: type-checks and makes every call', async () => {
    assert.equal(await typecheck(dir), '');
    original = await run();
    assert.equal(original.lines.length, 56, original.lines.join('\n'));
    assert.equal(original.requests.length, 64);
    assert.ok(original.lines.includes('streamed.instanceOf: a stream: [gpt-4o-mini] echo: Is it a stream?'), original.lines.join('\n'));
    // Legacy function calling: the server's function_call, a role-'function' message sent back, the streamed call's pieces.
    assert.ok(original.lines.some((line) => line.startsWith('functions.call: {"role":"assistant","content":null,"function_call":{"name":"findBook"')), original.lines.join('\n'));
    assert.ok(original.lines.some((line) => line.startsWith('functions.stream: ') && line.endsWith('[-,-,-,function_call]')), original.lines.join('\n'));
    const legacy = original.requests.filter((request) => Array.isArray((request.body as { functions?: unknown }).functions));
    assert.equal(legacy.length, 4);
    assert.equal(legacy.filter((request) => JSON.stringify(request.body).includes('"role":"function"')).length, 2);
    // The second turn sends the first answer's own output item back.
    assert.ok(original.requests.some((request) => JSON.stringify(request.body).includes('"id":"msg_fake"')), JSON.stringify(original.requests.map((request) => request.body)));
    assert.ok(original.requests.some((request) => (request.body as { previous_response_id?: string }).previous_response_id === 'resp_fake'));
    assert.ok(original.lines.includes('built.overload: [gpt-4o-mini] echo: Pick an overload'), original.lines.join('\n'));
    assert.ok(original.lines.includes('responseEvents.streamWithHelper: [gpt-4.1-mini] |echo: |Stream |the '), original.lines.join('\n'));
    assert.equal(original.requests.filter((request) => request.path === '/v1/responses' && Array.isArray((request.body as { input?: unknown }).input)).length, 6);
    assert.equal(original.requests.filter((request) => request.path === '/v1/completions').length, 2);
    // Streams read for reasoning, tool-call pieces and the usage chunk.
    assert.ok(original.lines.includes('streamed.reasoning: [deepseek-reasoner] echo: Why is the sky blue | thinking: thinking about Why is the sky blue | usage: 5/7/0'), original.lines.join('\n'));
    assert.ok(original.lines.includes('streamed.toolsToConsumer: call_1trackParcel{"input":"Track parcel 9"} [3+1 (cached 0)]'), original.lines.join('\n'));
    assert.ok(original.lines.includes('streamed.toolCall: tool_calls [{"id":"call_1","name":"trackParcel","args":"{\\"input\\":\\"Where is parcel 7?\\"}"}]'), original.lines.join('\n'));
    assert.ok(original.requests.some((request) => request.path === '/v1/responses'));
    // The SDK's tool runner: the tool called, its result sent back, the answer after it.
    assert.ok(original.lines.includes('runner.tools: [gpt-4o-mini] echo: How many red mugs are left? after user>assistant>tool>assistant'), original.lines.join('\n'));
    assert.ok(original.lines.includes('runner.streamed: lookupStock({"input":"How many blue mugs are left?"}) -> 6 in stock | [gpt-4o-mini] echo: How many blue mugs are left? | stop'), original.lines.join('\n'));
    assert.equal(original.requests.filter((request) => (request.body as { messages?: Array<{ role: string }> }).messages?.some((message) => message.role === 'tool' && JSON.stringify(message).includes('in stock'))).length, 2);
    // Log probabilities, asked for and read (the server's own, from the call's own connection after the fix).
    assert.ok(original.lines.includes('logprobs.tokens: [gpt-4o-mini]=0 ([gpt-4o-mini]|[gpt-4o-mini]~1) echo:=-0.1 (echo:|echo:~1) Are=-0.2 (Are|Are~1) you=-0.3 (you|you~1) sure?=-0.4 (sure?|sure?~1)'), original.lines.join('\n'));
    assert.ok(original.lines.includes('logprobs.stream: 0 -0.1 -0.2 -0.3 -0.4 | 5 tokens: [gpt-4o-mini] echo: Stream your doubts'), original.lines.join('\n'));
    assert.ok(original.requests.some((request) => request.secret === 'bedrock-key' && (request.body as { model?: string }).model === 'openai.gpt-oss-120b'), JSON.stringify(original.requests.map((request) => request.secret)));
    assert.ok(original.lines.some((line) => line.startsWith('runtime.tools: tool_calls ')), original.lines.join('\n'));
    assert.ok(original.lines.includes('runtime.chatWith: [o4-mini] echo: Which plan fits me?'), original.lines.join('\n'));
    // The usage read as the SDK's: DeepSeek's cache counts (and no \`prompt_tokens_details\`), OpenAI's without them.
    assert.ok(original.lines.includes('usage.streamDeepSeek: [deepseek-chat] echo: Count the cache [3 in: 1 hit, 2 missed; 5 out; cached n/a]'), original.lines.join('\n'));
    assert.ok(original.lines.includes('usage.streamOpenAI: [gpt-4o-mini] echo: Count the tokens [3 in: 0 hit, 0 missed; 5 out; cached n/a]'), original.lines.join('\n'));
    assert.ok(
      original.lines.includes('usage.complete: [deepseek-chat] echo: Say when [2 in: 1 hit, 1 missed; 4 out; cached n/a] {"prompt_tokens":2,"completion_tokens":4,"total_tokens":6,"prompt_cache_hit_tokens":1,"prompt_cache_miss_tokens":1}'),
      original.lines.join('\n'),
    );
    assert.ok(original.lines.includes('roles.replyMessage: {"role":"assistant","content":"[gpt-4o-mini] echo: Who answers?"}'), original.lines.join('\n'));
    // The SDK stream helper's events, final completion and JSON lines.
    assert.ok(original.lines.includes('helperStreams.events: [gpt-4o-mini] |echo: |Stream |with |events / assistant: [gpt-4o-mini] echo: Stream with events / [gpt-4o-mini] echo: Stream with events (stop, 5 text chunks)'), original.lines.join('\n'));
    assert.ok(original.lines.includes('helperStreams.jsonLines: [gpt-4o-mini] echo: Relay the stream<stop>'), original.lines.join('\n'));
    // The SDK's Responses stream helper: its listeners (the delta's snapshot is the helper's own), events and final response; events relayed whole.
    const line = (name: string) => original.lines.find((candidate) => candidate.startsWith(`${name}: `)) ?? '';
    assert.match(line('responseStreams.helperListeners'), /^responseStreams\.helperListeners: 0:response\.created 1:response\.output_item\.added .* \| \[gpt-4\.1-mini\] =\[gpt-4\.1-mini\] \|echo: =\[gpt-4\.1-mini\] echo: \|.*"output_parsed":null/);
    assert.match(line('responseStreams.helperWithTools'), /"type":"response\.completed".*"sequence_number":\d+\}$/);
    assert.match(line('responseStreams.relayEvents'), /data: \{\\"event\\":\\"response\.completed\\".*\\"id\\":\\"resp_fake\\"/);
    assert.ok(original.lines.includes('usage.cacheStats: [deepseek-chat] echo: Missed tokens please | missed 2 of 3 | total 8 | cached 0'), original.lines.join('\n'));
  });

  it('aidlint --fix wraps every call of the route files', async () => {
    const result = await runCli(['--fix', '--format', 'json'], dir);
    assert.notEqual(result.exitCode, 2, result.stderr);
    const left = (JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>)
      .filter((file) => ROUTE_FILES.includes(path.relative(dir, file.filePath)))
      .flatMap((file) => file.messages.filter((message) => message.ruleId === 'vendor-call').map((message) => `${path.relative(dir, file.filePath)}:${message.line}`));
    assert.deepEqual(left, []);
    const built = fs.readFileSync(path.join(dir, 'src/routes/built.ts'), 'utf8');
    assert.match(built, /chatRequestFromOpenAI\(\{ \.\.\.params \}\)/);
    assert.match(built, /const completion = await chatModelById\(params\.model, 'openai'\)\.complete\(chatRequestFromOpenAI\(\{ \.\.\.params \}\)\);\n  return completion\.text \?\? '';/);
    assert.match(built, /messages: messagesFromOpenAI\(history\)/);
    // Tool choice and tools in a variable or a parameter: neutral, the OpenAI form kept for its wire.
    const toolChoice = fs.readFileSync(path.join(dir, 'src/routes/tool-choice.ts'), 'utf8');
    assert.match(toolChoice, /tools: toolsFromOpenAI\(tools\),\n    toolChoice: \{ name: 'openingHours' \},\n    providerTools: \{ tools, tool_choice: \{ type: 'function', function: \{ name: 'openingHours' \} \} \},/);
    assert.match(toolChoice, /tools: toolsFromOpenAI\(offered\), toolChoice: 'required', providerTools: \{ tools: offered, tool_choice: 'required' \}/);
    const runtime = fs.readFileSync(path.join(dir, 'src/routes/runtime.ts'), 'utf8');
    assert.match(runtime, /chatModelById\(model, 'openai'\)/);
    // The second call's request reads the first's id: wrapped in a second pass over the file, as ESLint's --fix does.
    assert.match(runtime, /openAIOptions: \{ previous_response_id: first\.responseId \}/);
    assert.match(runtime, /return `\$\{first\.responseId\}: \$\{first\.text\} \/ \$\{next\.text\}`;/);
    // Legacy completions keep their endpoint: a connection of their own says \`api: 'completions'\`.
    const legacy = fs.readFileSync(path.join(dir, 'src/routes/legacy.ts'), 'utf8');
    assert.match(legacy, /\.complete\(\{ messages: \[\{ role: 'user', content: `Continue: \$\{start\}` \}\], maxTokens: 4, temperature: 0 \}\)/);
    assert.match(legacy, /ideas\.candidates\.map\(\(choice\) => choice\.text\)/);
    assert.match(fs.readFileSync(path.join(dir, 'src/ai/config.ts'), 'utf8'), /api: 'completions'/);
    // Responses API input items go through the seam's converter, which keeps each item for that API.
    const items = fs.readFileSync(path.join(dir, 'src/routes/input-items.ts'), 'utf8');
    assert.match(items, /\.complete\(\{ messages: messagesFromOpenAIInput\(history\), maxTokens: 9 \}\)/);
    // A Responses answer read for its output items: converted back at the call, the server's own items kept.
    assert.match(items, /const first = await chatModel\('\w+'\)\.complete\(\{ messages: messagesFromOpenAIInput\(history\), maxTokens: 8 \}\)\.then\(responseAsOpenAI\);/);
    const events = fs.readFileSync(path.join(dir, 'src/routes/response-events.ts'), 'utf8');
    assert.match(events, /for await \(const event of events\) \{\n    if \(event\.text !== ''\) text \+= event\.text;/);
    assert.match(events, /\.stream\(\{ messages: messagesFromOpenAIInput\(\[\{ role: 'user', content: question \}\]\), maxTokens: 4 \}\)\) \{\n    if \(event\.text !== '' && event\.text\) parts\.push\(event\.text\);/);
    assert.match(items, /messages: \[\{ role: 'system', content: 'One line only\.' \}, \.\.\.messagesFromOpenAIInput\(\[\{ role: 'user', content: question \}\]\)\]/);
    // Results handed on whole keep the SDK's shape, converted where the call is.
    const handedOn = fs.readFileSync(path.join(dir, 'src/routes/handed-on.ts'), 'utf8');
    assert.match(handedOn, /const completion = await chatModel\('\w+'\)\.complete\(.*\)\.then\(chatCompletionAsOpenAI\);/);
    assert.match(handedOn, /const stream = await chatChunksAsOpenAI\(chatModel\('\w+'\)\.stream\(/);
    assert.match(handedOn, /\.embed\(\{ input: texts \}\)\.then\(embeddingsAsOpenAI\)\.then\(\(response\) => response\.data\.length\)/);
    assert.match(handedOn, /return chatModel\('\w+'\)\.complete\([^\n]*\)\.then\(chatCompletionAsOpenAI\);/);
    // Told apart with \`instanceof Stream\`: the chunks converted back come in the SDK's own Stream.
    assert.match(handedOn, /const response = await chatChunksAsOpenAI\(chatModel\('\w+'\)\.stream\(\{ messages: \[\{ role: 'user', content: question \}\] \}\)\);\n\s+if \(!\(response instanceof Stream\)\)/);
    // Chunks read for more than their text go neutral, without converting back.
    const streamed = fs.readFileSync(path.join(dir, 'src/routes/streamed.ts'), 'utf8');
    assert.doesNotMatch(streamed, /lib\/openai|choices|delta\./);
    assert.match(streamed, /for \(const piece of choice\?\.toolCalls \?\? \[\]\)/);
    // A stream with tools and the usage chunk, handed on: converted back, tool calls and usage included.
    assert.match(streamed, /const stream = await chatChunksAsOpenAI\(chatModel\('\w+'\)\.stream\(/);
    // Handed on in other ways: per branch of a conditional, through a helper, in a property, through `as any`.
    const passedOn = fs.readFileSync(path.join(dir, 'src/routes/passed-on.ts'), 'utf8');
    assert.match(passedOn, /await \(signal \? chatChunksAsOpenAI\(chatModelById\(request\.model, 'openai'\)\.stream\(chatRequestFromOpenAI\(\{ \.\.\.request \}\), \{ signal \}\)\) : chatChunksAsOpenAI\(/);
    assert.match(passedOn, /\.\.\.\(brief \? \{ max_tokens: 20 \} : \{\}\) \}\)\)\.then\(chatCompletionAsOpenAI\)/);
    assert.match(passedOn, /chunks: await chatChunksAsOpenAI\(/);
    assert.match(passedOn, /\.complete\(\{ messages: \[\{ role: 'user', content: question \}\] \}, options\);/);
    assert.match(passedOn, /async function openStream\(question: string\): Promise<AsyncIterable<ChatChunk>> \{/);
    assert.match(passedOn, /const asked = first\.toolCalls\?\.length \?\? 0;/);
    assert.match(passedOn, /\) as any;\n  let text = '';\n  for await \(const chunk of stream\) text \+= chunk\.text \?\? '';/);
    // Nested patterns: one result variable, each name read as the path it stands for.
    const patterns = fs.readFileSync(path.join(dir, 'src/routes/patterns.ts'), 'utf8');
    assert.match(patterns, /return `\$\{result\.text\} \[\$\{result\.finishReason\}, \$\{result\.usage\?\.inputTokens\} in\]`;/);
    assert.match(patterns, /return `\$\{result\.embeddings\[0\]\.length\} dimensions`;/);
    // A usage used as the SDK's (handed to a method typed with it, kept, read for a server's own count): converted back there.
    const usage = fs.readFileSync(path.join(dir, 'src/routes/usage.ts'), 'utf8');
    assert.match(usage, /yield\* this\.usageEvents\(usageAsOpenAI\(chunk\.usage\)\);/);
    assert.match(usage, /yield\* this\.usageEvents\(usageAsOpenAI\(response\.usage\)\);\n    yield ` \$\{JSON\.stringify\(usageAsOpenAI\(response\.usage\)\)\}`;/);
    assert.match(usage, /last = usageAsOpenAI\(chunk\.usage\);\n      \/\/ @ts-ignore[^\n]*\n      const missed: number = usageAsOpenAI\(chunk\.usage\)\.prompt_cache_miss_tokens \|\| 0;/);
    // A chat answer's role is the assistant's on every provider: the seam's constant.
    assert.match(fs.readFileSync(path.join(dir, 'src/routes/roles.ts'), 'utf8'), /role: \(assistantRole \?\? undefined\) as string \| undefined, content: choice\?\.text \?\? ''/);
    // The SDK stream helper's own members (events, final completion, JSON lines): the neutral stream converted back to the helper.
    const helperStreams = fs.readFileSync(path.join(dir, 'src/routes/helper-streams.ts'), 'utf8');
    assert.match(helperStreams, /const runner = chatStreamAsOpenAI\(chatModel\('\w+'\)\.stream\(/);
    assert.match(helperStreams, /const stream = await chatStreamAsOpenAI\(chatModel\('\w+'\)\.stream\(/);
    // Legacy functions: sent as they were to OpenAI (providerTools), as neutral tools elsewhere; results and chunks converted back with function_call.
    const functions = fs.readFileSync(path.join(dir, 'src/routes/functions.ts'), 'utf8');
    assert.match(functions, /tools: functionToolsFromOpenAI\(functions\),\n\s*providerTools: \{ functions \},\n\s*\}\)\.then\(functionCallCompletionAsOpenAI\);/);
    assert.match(functions, /const stream = await functionCallChunksAsOpenAI\(chatModel\('\w+'\)\.stream\(\{ messages: messagesFromOpenAI\(messages\), tools: functionToolsFromOpenAI\(functions\), toolChoice: 'auto', providerTools: \{ functions, function_call: 'auto' \} \}\)\);/);
    assert.match(functions, /const followUp = await chatModelById\(params\.model, 'openai'\)\.complete\(chatRequestFromOpenAI\(\{ \.\.\.params \}\)\)\.then\(functionCallCompletionAsOpenAI\);/);
    // Responses API streams used as the SDK's: the helper (listeners, final response, events iterated whole) and the events handed on, converted back at the call; their Responses tools (no neutral form) ride for the OpenAI wire alone.
    const responseStreams = fs.readFileSync(path.join(dir, 'src/routes/response-streams.ts'), 'utf8');
    assert.match(responseStreams, /const runner = responseStreamAsOpenAI\(chatModel\('\w+'\)\.stream\(\{\n\s+messages: \[\{ role: 'user', content: question \}\],\n\s+\}\)\)\n\s+\.on\('event'/);
    assert.match(responseStreams, /const stream = responseStreamAsOpenAI\(chatModel\('\w+'\)\.stream\(\{ messages: \[\{ role: 'user', content: question \}\], providerTools: \{ tools: \[tool\] \} \}\)\);/);
    assert.match(responseStreams, /const events = await responseEventsAsOpenAI\(chatModel\('\w+'\)\.stream\(\{\n\s+messages: \[\{ role: 'system', content: developerPrompt\(\) \}, \.\.\.messagesFromOpenAIInput\(messages\)\],\n\s+providerTools: \{ tools \},\n\s+openAIOptions: \{ parallel_tool_calls: false \},\n\s+\}\)\);/, responseStreams);
    // The SDK's tool runner given the seam's client: the runner as written, each of its requests through the model.
    const runner = fs.readFileSync(path.join(dir, 'src/routes/runner.ts'), 'utf8');
    assert.match(runner, /const runner = chatClientAsOpenAI\(chatModel\('gpt4oMini'\)\)\.chat\.completions\.runTools\(\{ model: models\.gpt4oMini, messages: \[\{ role: 'user', content: question \}\], tools: \[lookupStock\] \}\);/);
    assert.match(runner, /chatClientAsOpenAI\(chatModel\('gpt4oMini'\)\)\.chat\.completions\n\s+\.runTools\(\{ model: models\.gpt4oMini, stream: true,/);
    assert.match(runner, /import \{ models \} from '\.\.\/ai\/config';/);
    // A client sent to Amazon Bedrock by openai's own third-party provider: the connection carries the provider.
    assert.match(fs.readFileSync(path.join(dir, 'src/ai/config.ts'), 'utf8'), /provider: bedrock\(\{ baseURL: `\$\{process\.env\.FAKE_OPENAI_URL\}\/v1`, apiKey: process\.env\.BEDROCK_KEY \}\),\n\s+\}\),/);
    assert.match(fs.readFileSync(path.join(dir, 'src/routes/providers.ts'), 'utf8'), /const response = await chatModel\('\w+'\)\.complete\(\{ messages: \[\{ role: 'user', content: question \}\], maxTokens: 16 \}\);\n  return response\.text;/);
    assert.match(patterns, /for await \(const chunk of stream\) parts\.push\(`\$\{chunk\.text \?\? ''\}\|\$\{chunk\.finishReason \?\? ''\}`\);/);
  });

  it('after the fix: type-checks, prints the same, and sends the same requests, bodies included', async () => {
    assert.equal(await typecheck(dir), '');
    const fixed = await run();
    assert.deepEqual(fixed.lines, original.lines);
    assert.deepEqual(fixed.requests.map((request) => wire(request, ['x-feature'])), original.requests.map((request) => wire(request, ['x-feature'])));
    assert.deepEqual(bodyDifferences(original.requests, fixed.requests), []);
  });

  it("the seam streams through the connections the fix made for the Responses API and legacy completions, as the SDK's own streams do", async () => {
    const config = fs.readFileSync(path.join(dir, 'src/ai/config.ts'), 'utf8');
    const connectionOf = (api: string) => new RegExp(`^\\s*(\\w+): \\{\\s*provider: 'openai',\\s*api: '${api}',`, 'm').exec(config)?.[1];
    const [responses, completions] = [connectionOf('responses'), connectionOf('completions')];
    assert.ok(responses && completions, config);
    // The same streams, first through the SDK, then through the seam.
    fs.writeFileSync(
      path.join(dir, 'src/streams.ts'),
      `import OpenAI from 'openai';
import { chatModelById } from './ai';
import { messagesFromOpenAIInput } from './ai/openai-compat';

async function main(): Promise<void> {
  const openai = new OpenAI();
  let text = '';
  for await (const event of await openai.responses.create({ model: 'gpt-4.1-mini', instructions: 'Be brief.', input: 'Stream the refund rules', max_output_tokens: 5, stream: true })) {
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.incomplete') text += \` (\${event.response.incomplete_details?.reason})\`;
  }
  for await (const chunk of await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Stream a line', stream: true })) text += chunk.choices[0]?.text ?? '';
  console.log(text);
  const seamText = async (chunks: AsyncIterable<{ text: string; finishReason?: string }>) => {
    let all = '';
    for await (const chunk of chunks) all += chunk.text + (chunk.finishReason === 'length' ? ' (max_output_tokens)' : '');
    return all;
  };
  const viaResponses = await seamText(chatModelById('gpt-4.1-mini', '${responses}').stream({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Stream the refund rules' }], maxTokens: 5 }));
  const viaCompletions = await seamText(chatModelById('gpt-3.5-turbo-instruct', '${completions}').stream({ messages: [{ role: 'user', content: 'Stream a line' }] }));
  console.log(viaResponses + viaCompletions);
  const items = messagesFromOpenAIInput([
    { role: 'developer', content: 'Track parcels.' },
    { role: 'user', content: [{ type: 'input_text', text: 'Where is ' }, { type: 'input_text', text: 'parcel 7?' }] },
    { type: 'function_call', call_id: 'call_3', name: 'track', arguments: '{}' },
    { type: 'function_call_output', call_id: 'call_3', output: 'at the depot' },
    { type: 'reasoning', id: 'rs_1', summary: [] },
  ]);
  console.log(JSON.stringify(items.map(({ providerItem, ...neutral }) => [neutral, !!providerItem])));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`,
    );
    await runMain(dir, { FAKE_OPENAI_URL: fake().url, NODE_OPTIONS: `--require ${REROUTE}`, OPENAI_API_KEY: 'openai-key', BEDROCK_KEY: 'bedrock-key', EMBEDDING_MODEL: 'text-embedding-3-large' });
    const streamed = fake().requests.length;
    const [sdk, seam, neutral] = (await runProgram(dir, [path.join(dir, 'dist/streams.js')], { FAKE_OPENAI_URL: fake().url, NODE_OPTIONS: `--require ${REROUTE}`, OPENAI_API_KEY: 'openai-key' })).trimEnd().split('\n');
    assert.equal(sdk, '[gpt-4.1-mini] echo: Stream the refund  (max_output_tokens)[gpt-3.5-turbo-instruct] echo: Stream a line');
    assert.equal(seam, sdk);
    // Input items read as neutral messages for other providers, each keeping its item for the Responses API.
    assert.deepEqual(JSON.parse(neutral), [
      [{ role: 'system', content: 'Track parcels.' }, true],
      [{ role: 'user', content: 'Where is parcel 7?' }, true],
      [{ role: 'assistant', content: '', toolCalls: [{ id: 'call_3', name: 'track', arguments: '{}' }] }, true],
      [{ role: 'tool', content: 'at the depot', toolCallId: 'call_3' }, true],
      [{ role: 'assistant', content: '' }, true],
    ]);
    const requests = fake().requests.slice(streamed);
    assert.equal(requests.length, 4);
    assert.deepEqual(requests.slice(2).map((request) => [request.path, request.body]), requests.slice(0, 2).map((request) => [request.path, request.body]));
  });
});
