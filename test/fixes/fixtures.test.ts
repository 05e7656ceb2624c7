/**
 * The quick-fix fixture projects work before any fix: each type-checks against the real SDK types and its
 * `main` runs every vendor call against the fake OpenAI server, printing one line per call. The fix tests
 * rely on both (they compare the same checks after fix-all).
 */
import * as assert from 'node:assert/strict';
import { embeddingOf, type RecordedRequest, useFakeOpenAI } from '../support/fake-openai-server';
import { fakeOpenAIEnv, prepareFixture, removeFixture, runMain, typecheck } from '../support/run-fixture';

interface FixtureExpectations {
  name: string;
  /** The label of every line main prints, in order: one per vendor call. */
  calls: string[];
  /** A few whole lines, exactly. */
  lines: string[];
  /** Every request the fake server received, in order: path, with the Azure api-version. */
  routes: string[];
}

/** The vector form the fixtures' `describe` prints. */
function described(text: string): string {
  const vector = embeddingOf(text);
  return `${vector.length} dims, starts ${vector.slice(0, 2).map((x) => x.toFixed(4)).join(' ')}`;
}

const CHAT = '/v1/chat/completions';
const EMBEDDINGS = '/v1/embeddings';

const FIXTURES: FixtureExpectations[] = [
  {
    name: 'openai-esm',
    calls: [
      'chat.answer',
      'chat.summarize',
      'stream.reply',
      'embeddings.one',
      'embeddings.many',
      'embeddings.destructured',
      'assistant.reply',
      'azure.translate',
      'azure.embed',
      'returned.raw',
      'candidates.brainstorm',
      'pinned.logprobs',
      'refused.image',
    ],
    lines: [
      'chat.answer: [gpt-4o-mini] echo: How do I reset my password?',
      'chat.summarize: [gpt-4o] echo: Summarize: Printer jams on page two (6 in, 8 out, 14 total)',
      'stream.reply: [gpt-4o-mini] echo: Tell me a short story',
      `embeddings.many: ${described('alpha')} | ${described('beta')}`,
      `embeddings.destructured: ${described('gamma')}`,
      'assistant.reply: [gpt-4o-mini] echo: Where is the treasure?',
      'azure.translate: [contoso-gpt-4o-mini] echo: Good morning',
      'pinned.logprobs: [gpt-4o-mini] echo: Positive or negative? I love it (8 token logprobs)',
      'refused.image: failed with status 404',
    ],
    routes: [
      CHAT,
      CHAT,
      CHAT,
      EMBEDDINGS,
      EMBEDDINGS,
      EMBEDDINGS,
      CHAT,
      '/openai/deployments/contoso-gpt-4o-mini/chat/completions?api-version=2024-10-21',
      '/openai/deployments/contoso-embeddings/embeddings?api-version=2024-10-21',
      CHAT,
      CHAT,
      CHAT,
      '/v1/images/generations',
    ],
  },
  {
    name: 'openai-cjs',
    calls: ['chat.triage', 'chat.stream', 'search.embed', 'reports.weekly', 'returned.rawStream'],
    lines: [
      // max_tokens 3 cuts the fake's answer after three words.
      'chat.triage: [gpt-4o-mini] echo: The  [length, 15 tokens]',
      'chat.stream: [gpt-4o-mini] echo: What is new this week?',
      `search.embed: ${embeddingOf('refund policy', 4).map((x) => x.toFixed(4)).join(' ')}`,
      // The client's deployment wins over the call's `model`.
      'reports.weekly: [contoso-reports-gpt-4o] echo: Weekly report from: shipped search',
    ],
    routes: [CHAT, CHAT, EMBEDDINGS, '/openai/deployments/contoso-reports-gpt-4o/chat/completions?api-version=2024-10-21', CHAT],
  },
  {
    name: 'openai-js-cjs',
    calls: ['chat.answer', 'chat.stream', 'embeddings.all', 'chat.raw'],
    lines: [
      'chat.answer: [gpt-4o-mini] echo: What are your opening hours? (5/7/12)',
      'chat.stream: [gpt-4o-mini] echo: Describe the return process',
      `embeddings.all: 8:${embeddingOf('red')[0].toFixed(4)} 8:${embeddingOf('green')[0].toFixed(4)}`,
      'chat.raw: stop',
    ],
    routes: [CHAT, CHAT, EMBEDDINGS, CHAT],
  },
  {
    name: 'azure-sdk',
    calls: ['chat.suggest', 'chat.stream', 'chat.events', 'embeddings.one', 'embeddings.many', 'refused.docs'],
    lines: [
      'chat.suggest: [helpdesk-gpt-4o-mini] echo: My invoice is wrong (8+6=14)',
      'chat.stream: [helpdesk-gpt-4o-mini] echo: Where is my parcel?',
      'chat.events: assistant:|-:[helpdesk-gpt-4o-mini] |-:echo: |-:Is |-:it |-:late?|-:',
      `embeddings.one: ${described('invoice')}`,
    ],
    routes: [
      '/openai/deployments/helpdesk-gpt-4o-mini/chat/completions?api-version=2024-02-01',
      '/openai/deployments/helpdesk-gpt-4o-mini/chat/completions?api-version=2024-02-01',
      '/openai/deployments/helpdesk-gpt-4o-mini/chat/completions?api-version=2024-02-01',
      '/openai/deployments/helpdesk-embeddings/embeddings?api-version=2024-02-01',
      '/openai/deployments/helpdesk-embeddings/embeddings?api-version=2024-02-01',
      '/openai/deployments/helpdesk-gpt-4o-mini/chat/completions?api-version=2024-02-01',
    ],
  },
  {
    name: 'openai-v3',
    calls: ['faq.answer', 'faq.usage', 'faq.embed', 'faq.embedAll', 'refused.stream'],
    lines: [
      'faq.answer: [gpt-3.5-turbo] echo: Do you ship abroad?',
      'faq.usage: [gpt-3.5-turbo] echo: Can I pay by card? (5/7/12)',
      `faq.embedAll: ${described('card')} | ${described('cash')}`,
      'refused.stream: [gpt-3.5-turbo] echo: Stream the policy',
    ],
    routes: [CHAT, CHAT, EMBEDDINGS, EMBEDDINGS, CHAT],
  },
];

function route(request: RecordedRequest): string {
  const apiVersion = request.query['api-version'];
  return apiVersion === undefined ? request.path : `${request.path}?api-version=${apiVersion}`;
}

describe('quick-fix fixture projects, before any fix', function () {
  // The first run installs the pinned SDKs into the shared cache.
  this.timeout(300_000);
  const fake = useFakeOpenAI();

  for (const fixture of FIXTURES) {
    describe(fixture.name, () => {
      let dir: string;

      before(async () => {
        dir = await prepareFixture(fixture.name);
      });

      after(() => {
        removeFixture(dir);
      });

      it('type-checks against the real SDK types', async () => {
        assert.equal(await typecheck(dir), '');
      });

      it('runs every vendor call against the fake server, one line each', async () => {
        fake().requests.length = 0;
        const lines = (await runMain(dir, fakeOpenAIEnv(fake().url))).trimEnd().split('\n');

        assert.deepEqual(lines.map((line) => line.slice(0, line.indexOf(':'))), fixture.calls);
        for (const expected of fixture.lines) {
          assert.ok(lines.includes(expected), `expected the line\n  ${expected}\nin\n  ${lines.join('\n  ')}`);
        }
        assert.deepEqual(fake().requests.map(route), fixture.routes);
      });
    });
  }
});
