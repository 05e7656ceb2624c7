/**
 * The wrap on the call shapes public apps have (issue 12; the real-shapes fixture): models chosen at run
 * time (a parameter, the environment), request options, a model constant in another module, a request
 * built elsewhere and typed with the SDK's types, shared defaults spread into a streamed request, and a
 * conversation kept in the SDK's message types with a tool round trip and an image part, and tool calling
 * (tools, tool_choice and an option the neutral request passes on), the Responses API, and results handed
 * on whole as the SDK's type (converted back at the call by the seam's openai-compat module: also per branch
 * of a conditional, through a generic helper, in a property, with inline conditional spreads), and results
 * taken apart by nested patterns (the answer, a vector, each chunk in the loop). After
 * `aidlint --fix`: every call in the route files goes through the seam, the project type-checks, the
 * program prints the same, and the fake server receives the same requests: route, credential and body.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cli/run-cli';
import { type RecordedRequest, useFakeOpenAI } from '../support/fake-openai-server';
import { prepareFixture, removeFixture, runMain, typecheck } from '../support/run-fixture';
import { bodyDifferences, wire } from '../support/wire';

const REROUTE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'reroute-vendors.cjs');
const ROUTE_FILES = ['src/routes/built.ts', 'src/routes/runtime.ts', 'src/routes/handed-on.ts', 'src/routes/passed-on.ts', 'src/routes/patterns.ts'];

describe('the wrap on the shapes of real apps (real-shapes fixture)', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;
  let original: { lines: string[]; requests: RecordedRequest[] };

  const run = async () => {
    const first = fake().requests.length;
    const env = { FAKE_OPENAI_URL: fake().url, NODE_OPTIONS: `--require ${REROUTE}`, OPENAI_API_KEY: 'openai-key', EMBEDDING_MODEL: 'text-embedding-3-large' };
    const lines = (await runMain(dir, env)).trimEnd().split('\n');
    return { lines, requests: fake().requests.slice(first) };
  };

  before(async () => {
    dir = await prepareFixture('real-shapes');
  });

  after(() => {
    removeFixture(dir);
  });

  it('before the fix: type-checks and makes every call', async () => {
    assert.equal(await typecheck(dir), '');
    original = await run();
    assert.equal(original.lines.length, 23, original.lines.join('\n'));
    assert.equal(original.requests.length, 24);
    assert.ok(original.requests.some((request) => request.path === '/v1/responses'));
    assert.ok(original.lines.some((line) => line.startsWith('runtime.tools: tool_calls ')), original.lines.join('\n'));
    assert.ok(original.lines.includes('runtime.chatWith: [o4-mini] echo: Which plan fits me?'), original.lines.join('\n'));
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
    assert.match(built, /messages: messagesFromOpenAI\(history\)/);
    assert.match(fs.readFileSync(path.join(dir, 'src/routes/runtime.ts'), 'utf8'), /chatModelById\(model, 'openai'\)/);
    // Results handed on whole keep the SDK's shape, converted where the call is.
    const handedOn = fs.readFileSync(path.join(dir, 'src/routes/handed-on.ts'), 'utf8');
    assert.match(handedOn, /const completion = await chatModel\('\w+'\)\.complete\(.*\)\.then\(chatCompletionAsOpenAI\);/);
    assert.match(handedOn, /const stream = await chatChunksAsOpenAI\(chatModel\('\w+'\)\.stream\(/);
    assert.match(handedOn, /\.embed\(\{ input: texts \}\)\.then\(embeddingsAsOpenAI\)\.then\(\(response\) => response\.data\.length\)/);
    assert.match(handedOn, /return chatModel\('\w+'\)\.complete\([^\n]*\)\.then\(chatCompletionAsOpenAI\);/);
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
    assert.match(patterns, /for await \(const chunk of stream\) parts\.push\(`\$\{chunk\.text \?\? ''\}\|\$\{chunk\.finishReason \?\? ''\}`\);/);
  });

  it('after the fix: type-checks, prints the same, and sends the same requests, bodies included', async () => {
    assert.equal(await typecheck(dir), '');
    const fixed = await run();
    assert.deepEqual(fixed.lines, original.lines);
    assert.deepEqual(fixed.requests.map((request) => wire(request, ['x-feature'])), original.requests.map((request) => wire(request, ['x-feature'])));
    assert.deepEqual(bodyDifferences(original.requests, fixed.requests), []);
  });
});
