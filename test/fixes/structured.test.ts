/**
 * The wrap on structured outputs (issue 12; the structured fixture): `chat.completions.parse` and
 * `responses.parse` with the SDK's zod helpers and a hand-written JSON Schema format, the parsed value read
 * from a message kept apart, straight off the result, and from a result handed on whole, and tools made with `zodFunction` whose call's parsed arguments are read. After `aidlint
 * --fix`: every call goes through the seam's `parse`, the project type-checks, the program prints the same
 * (the fake server adds a key no schema has, so zod's parser, which strips it, shows it still runs), and the
 * fake server receives the same requests: route, credential and body.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cli/run-cli';
import { type RecordedRequest, useFakeOpenAI } from '../support/fake-openai-server';
import { prepareFixture, removeFixture, runRecorded, typecheck } from '../support/run-fixture';
import { bodyDifferences, wire } from '../support/wire';

const REROUTE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'reroute-vendors.cjs');
const ROUTE_FILE = 'src/routes/parsed.ts';

describe('the wrap on structured outputs (structured fixture)', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;
  let original: { lines: string[]; requests: RecordedRequest[] };

  const run = () => runRecorded(dir, fake(), { FAKE_OPENAI_URL: fake().url, NODE_OPTIONS: `--require ${REROUTE}`, OPENAI_API_KEY: 'openai-key' });

  before(async () => {
    dir = await prepareFixture('structured');
  });

  after(() => {
    removeFixture(dir);
  });

  it('before the fix: type-checks and makes every call, zod parsing the answers', async () => {
    assert.equal(await typecheck(dir), '');
    original = await run();
    assert.deepEqual(original.lines, [
      'parsed.solve: solve 8x + 31 = 2 -> solve 8x + 31 = 2 {"steps":[{"explanation":"solve 8x + 31 = 2","output":"solve 8x + 31 = 2"}],"final_answer":"solve 8x + 31 = 2"}',
      'parsed.triage: {"priority":"high","words":5,"fake":true} stop [6]',
      'parsed.tagged: high 3 Refund my order (1 choice)',
      'parsed.solveWithResponses: solve 2x = 4 {"steps":[{"explanation":"solve 2x = 4","output":"solve 2x = 4"}],"final_answer":"solve 2x = 4"}',
      'parsed.lookup: query(Where is order 42?) tool_calls null',
    ]);
    assert.deepEqual(
      original.requests.map((request) => request.path),
      ['/v1/chat/completions', '/v1/chat/completions', '/v1/chat/completions', '/v1/responses', '/v1/chat/completions'],
    );
  });

  it('aidlint --fix wraps every call through the seam\'s parse, the formats through schemaFormatFromOpenAI', async () => {
    const result = await runCli(['--fix', '--format', 'json'], dir);
    assert.notEqual(result.exitCode, 2, result.stderr);
    const left = (JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; message: string }> }>)
      .filter((file) => path.relative(dir, file.filePath) === ROUTE_FILE)
      .flatMap((file) => file.messages.filter((message) => message.ruleId === 'vendor-call').map((message) => `${message.line}: ${message.message}`));
    assert.deepEqual(left, []);
    const parsed = fs.readFileSync(path.join(dir, ROUTE_FILE), 'utf8');
    assert.doesNotMatch(parsed, /lib\/openai|openai\./);
    assert.match(parsed, /\.parse\(\{\n {4}messages: \[\n/);
    assert.match(parsed, /responseFormat: schemaFormatFromOpenAI\(zodResponseFormat\(MathResponse, 'math_response'\)\),/);
    assert.match(parsed, /const message = completion;\n {2}if \(message\?\.parsed\) \{/);
    assert.match(parsed, /\$\{JSON\.stringify\(completion\.parsed\)\} \$\{completion\.finishReason\} \[\$\{completion\.usage\?\.totalTokens\}\]/);
    assert.match(parsed, /\.then\(parsedCompletionAsOpenAI\);\n {2}return describeParsed\(completion\);/);
    assert.match(parsed, /responseFormat: schemaFormatFromOpenAI\(zodTextFormat\(MathResponse, 'math_response'\)\),/);
    assert.match(parsed, /\$\{rsp\.parsed\?\.final_answer\} \$\{JSON\.stringify\(rsp\.parsed\)\}/);
    // Tools made with zodFunction keep their parsers; the call read as the SDK's is converted back, parsed arguments included.
    assert.match(parsed, /tools: toolsFromOpenAI\(\[zodFunction\(\{ name: 'query', parameters: Query \}\)\]\),\n {2}\}\)\.then\(parsedCompletionAsOpenAI\);/);
    // The Responses API call keeps its endpoint: a connection of its own says so.
    assert.match(fs.readFileSync(path.join(dir, 'src/ai/config.ts'), 'utf8'), /api: 'responses'/);
  });

  it('after the fix: type-checks, prints the same, and sends the same requests, bodies included', async () => {
    assert.equal(await typecheck(dir), '');
    const fixed = await run();
    assert.deepEqual(fixed.lines, original.lines);
    assert.deepEqual(fixed.requests.map((request) => wire(request)), original.requests.map((request) => wire(request)));
    assert.deepEqual(bodyDifferences(original.requests, fixed.requests), []);
  });
});
