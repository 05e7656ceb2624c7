/**
 * The fake server's Anthropic and Gemini routes, driven by the vendors' own SDKs (pinned, from the test
 * SDK cache): if the official SDK cannot parse what the fake answers, the fake is wrong. Each test also
 * checks what the SDK sent, as the vendor defines it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { embeddingOf, useFakeOpenAI } from '../support/fake-openai-server';
import { installPackages } from '../support/sdk-install';
import { VENDOR_SDKS } from '../support/vendor-sdks';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDKs are loaded at run time from the cache, untyped here. */
type Sdk = any;

describe('the fake server against the official Anthropic and Gemini SDKs', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let anthropic: Sdk;
  let gemini: Sdk;

  before(async () => {
    const nodeModules = await installPackages(VENDOR_SDKS);
    const load = createRequire(path.join(nodeModules, 'index.js'));
    const { default: Anthropic } = load('@anthropic-ai/sdk');
    const { GoogleGenAI } = load('@google/genai');
    anthropic = new Anthropic({ apiKey: 'test-anthropic-key', baseURL: fake().url, maxRetries: 0 });
    gemini = new GoogleGenAI({ apiKey: 'test-gemini-key', httpOptions: { baseUrl: fake().url } });
  });

  beforeEach(() => {
    fake().requests.length = 0;
  });

  it('the pinned SDKs, and every package they install, support Node 20 by their engines field', async () => {
    const nodeModules = await installPackages(VENDOR_SDKS);
    const manifests = fs
      .readdirSync(nodeModules)
      .flatMap((name) => (name.startsWith('@') ? fs.readdirSync(path.join(nodeModules, name)).map((inner) => `${name}/${inner}`) : [name]))
      .filter((name) => fs.existsSync(path.join(nodeModules, name, 'package.json')));
    const tooNew = manifests.flatMap((name) => {
      const engines = (JSON.parse(fs.readFileSync(path.join(nodeModules, name, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node;
      const minimum = engines && /^>=\s*v?(\d+)/.exec(engines.trim());
      return minimum && Number(minimum[1]) > 20 ? [`${name} (${engines})`] : [];
    });
    assert.ok(manifests.length > VENDOR_SDKS.length);
    assert.deepEqual(tooNew, []);
  });

  describe('Anthropic Messages API (@anthropic-ai/sdk)', () => {
    it('answers a message with a system prompt, and the SDK sent the system field, max_tokens, its version header and the key', async () => {
      const message = await anthropic.messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: 100,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'hello there' }],
      });
      assert.deepEqual(
        [message.content, message.stop_reason, message.usage.input_tokens, message.usage.output_tokens],
        [[{ type: 'text', text: '[claude-haiku-4-5] echo: hello there', citations: null }], 'end_turn', 2, 4],
      );
      const [request] = fake().requests;
      assert.deepEqual([request.path, request.credential, Boolean(request.headers['anthropic-version'])], ['/v1/messages', 'bearer', true]);
      assert.deepEqual(request.body, { model: 'claude-haiku-4-5', max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: 'hello there' }] });
    });

    it('cuts the answer at max_tokens with stop_reason max_tokens', async () => {
      const message = await anthropic.messages.create({ model: 'm', max_tokens: 2, messages: [{ role: 'user', content: 'one two three' }] });
      assert.deepEqual([message.content[0].text, message.stop_reason], ['[m] echo: ', 'max_tokens']);
    });

    it('streams the same answer as events that the SDK assembles into the final message', async () => {
      const stream = anthropic.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'stream me' }] });
      const deltas: string[] = [];
      stream.on('text', (text: string) => deltas.push(text));
      const message = await stream.finalMessage();
      assert.equal(deltas.join(''), '[claude-haiku-4-5] echo: stream me');
      assert.ok(deltas.length > 1, 'one delta a word');
      assert.deepEqual([message.content[0].text, message.stop_reason, message.usage.output_tokens], ['[claude-haiku-4-5] echo: stream me', 'end_turn', 4]);
    });

    it('with extended thinking, streams a thinking block first, which the SDK assembles with its signature', async () => {
      const stream = anthropic.messages.stream({ model: 'm', max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'why' }] });
      const thinking: string[] = [];
      stream.on('thinking', (delta: string) => thinking.push(delta));
      const message = await stream.finalMessage();
      assert.deepEqual(thinking, ['thinking about why']);
      assert.deepEqual(message.content, [
        { type: 'thinking', thinking: 'thinking about why', signature: 'sig-fake' },
        { type: 'text', text: '[m] echo: why', citations: null },
      ]);
    });

    it('asks for a tool with tool_use, and answers once the tool result comes back', async () => {
      const tools = [{ name: 'getWeather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }];
      const asked = await anthropic.messages.create({ model: 'm', max_tokens: 100, tools, messages: [{ role: 'user', content: 'weather in Paris?' }] });
      assert.deepEqual([asked.stop_reason, asked.content], ['tool_use', [{ type: 'tool_use', id: 'toolu_1', name: 'getWeather', input: { input: 'weather in Paris?' } }]]);
      const answered = await anthropic.messages.create({
        model: 'm',
        max_tokens: 100,
        tools,
        messages: [
          { role: 'user', content: 'weather in Paris?' },
          { role: 'assistant', content: asked.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
        ],
      });
      assert.deepEqual([answered.stop_reason, answered.content[0].text], ['end_turn', '[m] echo: weather in Paris?']);
    });

    it('refuses, as Anthropic does, a request without max_tokens (the SDK reports the 400)', async () => {
      await assert.rejects(anthropic.messages.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }), (error: any) => error.status === 400 && /max_tokens/.test(error.message));
    });
  });

  describe('Gemini API (@google/genai)', () => {
    it('answers generateContent with a system instruction and numbered candidates, and the SDK sent them as Gemini defines', async () => {
      const response = await gemini.models.generateContent({
        model: 'gemini-2.5-flash',
        contents: 'hello there',
        config: { systemInstruction: 'Be brief.', candidateCount: 2, maxOutputTokens: 100 },
      });
      assert.equal(response.text, '[gemini-2.5-flash] echo: hello there');
      assert.deepEqual(
        response.candidates.map((candidate: any) => [candidate.content.parts[0].text, candidate.finishReason]),
        [['[gemini-2.5-flash] echo: hello there', 'STOP'], ['[gemini-2.5-flash] echo: hello there (2)', 'STOP']],
      );
      assert.deepEqual(response.usageMetadata, { promptTokenCount: 2, candidatesTokenCount: 4, totalTokenCount: 6 });
      const [request] = fake().requests;
      assert.deepEqual([request.path, request.credential], ['/v1beta/models/gemini-2.5-flash:generateContent', 'x-goog-api-key']);
      const body = request.body as Record<string, any>;
      assert.deepEqual([body.contents, body.systemInstruction.parts, body.generationConfig], [[{ role: 'user', parts: [{ text: 'hello there' }] }], [{ text: 'Be brief.' }], { candidateCount: 2, maxOutputTokens: 100 }]);
    });

    it('answers JSON with responseMimeType application/json', async () => {
      const response = await gemini.models.generateContent({ model: 'g', contents: 'answer in JSON', config: { responseMimeType: 'application/json' } });
      assert.deepEqual(JSON.parse(response.text), { model: 'g', echo: 'answer in JSON' });
    });

    it('streams the same answer, chunk by chunk, over server-sent events', async () => {
      const chunks: string[] = [];
      for await (const chunk of await gemini.models.generateContentStream({ model: 'g', contents: 'stream me' })) chunks.push(chunk.text ?? '');
      assert.equal(chunks.join(''), '[g] echo: stream me');
      assert.ok(chunks.length > 1);
      assert.equal(fake().requests[0].query.alt, 'sse');
    });

    it('with includeThoughts, answers a thought part first, streamed as a chunk of its own', async () => {
      const config = { thinkingConfig: { includeThoughts: true } };
      const answered = await gemini.models.generateContent({ model: 'g', contents: 'why', config });
      assert.deepEqual(answered.candidates[0].content.parts, [{ text: 'thinking about why', thought: true }, { text: '[g] echo: why' }]);
      // The SDK's \`text\` leaves thoughts out.
      assert.equal(answered.text, '[g] echo: why');
      const chunks: any[] = [];
      for await (const chunk of await gemini.models.generateContentStream({ model: 'g', contents: 'why', config })) chunks.push(chunk.candidates[0].content.parts);
      assert.deepEqual(chunks[0], [{ text: 'thinking about why', thought: true }]);
      assert.equal(chunks.slice(1).flat().map((part: any) => part.text).join(''), '[g] echo: why');
    });

    it('asks for a function call, and answers once the function response comes back', async () => {
      const tools = [{ functionDeclarations: [{ name: 'getWeather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }] }];
      const asked = await gemini.models.generateContent({ model: 'g', contents: 'weather in Paris?', config: { tools } });
      assert.deepEqual(asked.functionCalls, [{ name: 'getWeather', args: { input: 'weather in Paris?' } }]);
      const answered = await gemini.models.generateContent({
        model: 'g',
        contents: [
          { role: 'user', parts: [{ text: 'weather in Paris?' }] },
          { role: 'model', parts: [{ functionCall: { name: 'getWeather', args: { city: 'Paris' } } }] },
          { role: 'user', parts: [{ functionResponse: { name: 'getWeather', response: { output: 'sunny' } } }] },
        ],
        config: { tools },
      });
      assert.equal(answered.text, '[g] echo: weather in Paris?');
    });

    it('embeds with embedContent (batchEmbedContents), the same vectors as the OpenAI route, at the dimensions asked', async () => {
      const response = await gemini.models.embedContent({ model: 'gemini-embedding-001', contents: ['alpha', 'beta'], config: { outputDimensionality: 4 } });
      assert.deepEqual(response.embeddings.map((embedding: any) => embedding.values), [embeddingOf('alpha', 4), embeddingOf('beta', 4)]);
      assert.equal(fake().requests[0].path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
    });

    it('refuses a request without a key, as Gemini does (the SDK reports the 403)', async () => {
      const keyless = new gemini.constructor({ apiKey: '', httpOptions: { baseUrl: fake().url, headers: { 'x-goog-api-key': '' } } });
      await assert.rejects(keyless.models.generateContent({ model: 'g', contents: 'hi' }), (error: any) => error.status === 403);
      assert.equal(fake().requests[0]?.credential, 'none');
    });
  });
});
