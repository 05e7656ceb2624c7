/**
 * The generated seam, in every module flavour, against the real `openai` SDK: the project's style is
 * detected, the seam is generated into src/ai with two model entries, a program using it is written in the
 * same flavour (rendered by the seam's own renderer), the project type-checks with `--strict` (JavaScript:
 * `checkJs`), and the program gives the same answers through the OpenAI and the Azure OpenAI adapters of a
 * fake server, with the requests each adapter should send. Every addable provider (Anthropic, Google,
 * OpenAI-compatible) is added with \`addProvider\` first, so their adapters type-check in every flavour
 * against the pinned SDKs too.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { buildSync } from 'esbuild';
import { addProvider } from '../../rules/fixes/add-provider';
import { addConfigEntry, addConnectionEntry, configEntryName, detectProjectStyle, envVarName, generateSeam, type ProjectStyle } from '../../rules/fixes/seam';
import { ADDABLE_PROVIDERS } from '../../rules/vendors/seam-providers';
import { renderModule } from '../../rules/fixes/seam/render';
import { applyChanges } from '../../rules/fixes/text-changes';
import { embeddingOf, type RecordedRequest, useFakeOpenAI } from '../support/fake-openai-server';
import { fakeOpenAIEnv, linkDependencies, removeFixture, runMain, typecheck } from '../support/run-fixture';

const SDK = { openai: '6.49.0', typescript: '5.9.3', '@types/node': '20.19.43' };
const STRICT = {
  target: 'ES2022',
  strict: true,
  noUncheckedIndexedAccess: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  // The strictest flags a project may set (openai/openai-node's own tsconfig sets both): the seam is their code.
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  skipLibCheck: true,
  types: ['node'],
};

interface Flavour {
  name: string;
  typeModule: boolean;
  compilerOptions: Record<string, unknown>;
  style: ProjectStyle;
  dependencies?: Record<string, string>;
  /** Bundler projects run as their bundler builds them (esbuild here): Node cannot load extensionless ES imports. */
  bundled?: boolean;
}

const FLAVOURS: Flavour[] = [
  {
    name: 'TypeScript, ES modules (NodeNext, verbatimModuleSyntax)',
    typeModule: true,
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', verbatimModuleSyntax: true },
    style: { language: 'ts', module: 'esm', importSuffix: '.js', typeImports: true, fileExtension: '.ts', compilesJavaScript: false, indexedEnvAccess: true },
  },
  {
    name: 'TypeScript, CommonJS',
    typeModule: false,
    compilerOptions: { module: 'commonjs', esModuleInterop: true },
    style: { language: 'ts', module: 'cjs', importSuffix: '', typeImports: false, fileExtension: '.ts', compilesJavaScript: false, indexedEnvAccess: true },
  },
  {
    // Older compilers refuse some generator code newer ones take (\`yield*\` of an array in an async generator before 5.6).
    name: 'TypeScript 5.1, CommonJS (an older compiler, as mpodwysocki/openai-express has)',
    typeModule: false,
    compilerOptions: { module: 'commonjs', esModuleInterop: true },
    style: { language: 'ts', module: 'cjs', importSuffix: '', typeImports: false, fileExtension: '.ts', compilesJavaScript: false, indexedEnvAccess: true },
    dependencies: { ...SDK, typescript: '5.1.6' },
  },
  {
    name: 'TypeScript, CommonJS, openai 4 (the oldest SDK with this API)',
    typeModule: false,
    compilerOptions: { module: 'commonjs', esModuleInterop: true },
    style: { language: 'ts', module: 'cjs', importSuffix: '', typeImports: false, fileExtension: '.ts', compilesJavaScript: false, indexedEnvAccess: true },
    dependencies: { ...SDK, openai: '4.104.0' },
  },
  {
    name: "TypeScript, ES modules (NodeNext), openai 4, the DOM library beside Node's types",
    typeModule: true,
    // openai 4, resolved for Node, types its streams with Node's ReadableStream, which is not the DOM's (arbs-io/vscode-openai's setup).
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022', 'DOM'] },
    style: { language: 'ts', module: 'esm', importSuffix: '.js', typeImports: false, fileExtension: '.ts', compilesJavaScript: false, indexedEnvAccess: true },
    dependencies: { ...SDK, openai: '4.104.0' },
  },
  {
    name: 'TypeScript, bundler resolution, isolatedModules',
    typeModule: true,
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', isolatedModules: true },
    style: { language: 'ts', module: 'esm', importSuffix: '', typeImports: false, fileExtension: '.ts', compilesJavaScript: false, indexedEnvAccess: true },
    bundled: true,
  },
  {
    name: 'JavaScript, ES modules (checkJs)',
    typeModule: true,
    compilerOptions: { module: 'nodenext', allowJs: true, checkJs: true },
    style: { language: 'js', module: 'esm', importSuffix: '.js', typeImports: false, fileExtension: '.js', indexedEnvAccess: true },
  },
  {
    name: 'JavaScript, CommonJS (checkJs)',
    typeModule: false,
    compilerOptions: { module: 'commonjs', allowJs: true, checkJs: true },
    style: { language: 'js', module: 'cjs', importSuffix: '', typeImports: false, fileExtension: '.js', indexedEnvAccess: true },
  },
];

/** The program, written like the seam: once, in TypeScript, rendered in each flavour. */
const PROGRAM = `import { chatModel, embeddingModel, moderationModel, type ChatChunk } from './ai/index';

async function main(): Promise<void> {
  const chat = chatModel('gpt4oMini');
  print('complete', await chat.complete({
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello there' }],
    temperature: 0.2,
    maxTokens: 50,
    topP: 0.9,
    stop: ['END'],
    providerOptions: { user: 'tester-1' },
  }));
  const chunks: ChatChunk[] = [];
  for await (const chunk of chat.stream({ messages: [{ role: 'user', content: 'stream me' }] })) chunks.push(chunk);
  print('stream', { text: chunks.map((chunk) => chunk.text).join(''), finishReasons: chunks.map((chunk) => chunk.finishReason ?? null) });
  print('tools', await chat.complete({
    messages: [{ role: 'user', content: 'weather in Paris?' }],
    tools: [{ name: 'getWeather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
  }));
  print('json', await chat.complete({ messages: [{ role: 'user', content: 'answer in JSON' }], responseFormat: 'json' }));
  print('truncated', await chat.complete({ messages: [{ role: 'user', content: 'one two three' }], maxTokens: 2 }));
  print('candidates', (await chat.complete({ messages: [{ role: 'user', content: 'two drafts' }], candidateCount: 2 })).candidates);
  print('embed', await embeddingModel('textEmbedding3Small').embed({ input: ['alpha', 'beta'], dimensions: 4 }));
  // Azure OpenAI has no moderation endpoint: the model stays on its OpenAI connection.
  print('moderate', await moderationModel('omniModerationLatest').moderate({ input: ['thanks', 'rude [flag]'] }));
}

function print(label: string, value: unknown): void {
  console.log(label + ' ' + JSON.stringify(value));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/** The neutral usage; the OpenAI wire's adapters keep the server's own usage beside it. */
const usage = (input: number, output: number): object => ({
  inputTokens: input,
  outputTokens: output,
  totalTokens: input + output,
  providerUsage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
});
/**
 * One answer: `candidates` holds it once more; the fake server's completion id is the provider's id of it, and
 * its choice is kept as it was sent (`message`: the assistant's text, unless given).
 */
const answer = (text: string, finishReason: string, rest: object, message: object = { role: 'assistant', content: text }): object => ({
  responseId: 'chatcmpl-fake',
  text,
  finishReason,
  candidates: [{ text, finishReason }],
  providerChoices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
  ...rest,
});
const EXPECTED_OUTPUT: Array<[string, unknown]> = [
  ['complete', answer('[gpt-4o-mini] echo: hello there', 'stop', { toolCalls: [], usage: usage(4, 4) })],
  ['stream', { text: '[gpt-4o-mini] echo: stream me', finishReasons: [null, null, null, null, null, 'stop'] }],
  [
    'tools',
    answer('', 'tool_calls', { toolCalls: [{ id: 'call_1', name: 'getWeather', arguments: JSON.stringify({ input: 'weather in Paris?' }) }], usage: usage(3, 1) }, {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'getWeather', arguments: JSON.stringify({ input: 'weather in Paris?' }) } }],
    }),
  ],
  ['json', answer(JSON.stringify({ model: 'gpt-4o-mini', echo: 'answer in JSON' }), 'stop', { toolCalls: [], usage: usage(3, 3) })],
  ['truncated', answer('[gpt-4o-mini] echo: ', 'length', { toolCalls: [], usage: usage(3, 2) })],
  [
    'candidates',
    [
      { text: '[gpt-4o-mini] echo: two drafts', finishReason: 'stop' },
      { text: '[gpt-4o-mini] echo: two drafts (2)', finishReason: 'stop' },
    ],
  ],
  ['embed', { embeddings: [embeddingOf('alpha', 4), embeddingOf('beta', 4)], usage: { inputTokens: 2, totalTokens: 2 } }],
];
/** Azure OpenAI has no moderation: with AI_PROVIDER=azure, the moderation model stays on its OpenAI connection. */
const MODERATION = {
  results: [
    { flagged: false, categories: { harassment: false, violence: false } },
    { flagged: true, categories: { harassment: true, violence: false } },
  ],
};

const ROUTES = {
  openai: { chat: '/v1/chat/completions', embeddings: '/v1/embeddings', query: {}, credential: 'bearer' },
  azure: {
    chat: '/openai/deployments/gpt-4o-mini/chat/completions',
    embeddings: '/openai/deployments/text-embedding-3-small/embeddings',
    query: { 'api-version': '2024-10-21' },
    credential: 'api-key',
  },
} as const;

describe('fixes/seam: the generated seam against the real openai SDK', function () {
  // The first run installs the pinned packages into the shared cache.
  this.timeout(300_000);
  const fake = useFakeOpenAI();

  for (const flavour of FLAVOURS) {
    describe(flavour.name, () => {
      let dir: string;

      before(async () => {
        dir = await createProject(flavour);
      });

      after(() => {
        removeFixture(dir);
      });

      it('is detected as this flavour, and the seam and program type-check strictly', async () => {
        assert.deepEqual(detectProjectStyle(dir), flavour.style);
        assert.equal(await typecheck(dir), '');
      });

      // A seam whose first call chose its model at run time (\`chatModelById\`) has no model entries yet.
      it('type-checks strictly before any model entry too', async () => {
        const bare = await createProject(flavour, { models: false });
        try {
          assert.equal(await typecheck(bare), '');
        } finally {
          removeFixture(bare);
        }
      });

      for (const connection of [undefined, 'openai', 'azure'] as const) {
        it(`answers through ${connection ? `AI_PROVIDER=${connection}` : 'each model\'s own connection'}, sending what that provider expects`, async () => {
          fake().requests.length = 0;
          const env = { ...fakeOpenAIEnv(fake().url), ...(connection && { AI_PROVIDER: connection }) };
          const output = flavour.bundled ? await runBundled(dir, env) : await runMain(dir, env);

          const printed = output.trimEnd().split('\n').map((line) => [line.slice(0, line.indexOf(' ')), JSON.parse(line.slice(line.indexOf(' ') + 1))]);
          assert.deepEqual(printed, [...EXPECTED_OUTPUT, ['moderate', MODERATION]]);
          assertRequests(fake().requests, connection ?? 'openai');
        });
      }
    });
  }
});

function assertRequests(requests: RecordedRequest[], provider: keyof typeof ROUTES): void {
  const route = ROUTES[provider];
  const moderation = [['/v1/moderations', {}, 'bearer']];
  assert.deepEqual(
    requests.map((request) => [request.path, request.query, request.credential]),
    [...Array(6).fill([route.chat, route.query, route.credential]), [route.embeddings, route.query, route.credential], ...moderation],
  );
  const [complete, stream, tools, json, truncated, candidates, embed, moderate] = requests.map((request) => request.body as Record<string, unknown>);
  assert.equal(moderate.model, 'omni-moderation-latest', 'the configured model id, not its config key');
  assert.deepEqual(complete, {
    model: 'gpt-4o-mini',
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello there' }],
    temperature: 0.2,
    max_tokens: 50,
    top_p: 0.9,
    stop: ['END'],
    user: 'tester-1',
    stream: false,
  });
  assert.equal(stream.stream, true);
  assert.deepEqual(tools.tools, [
    { type: 'function', function: { name: 'getWeather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  ]);
  assert.deepEqual(json.response_format, { type: 'json_object' });
  assert.equal(truncated.max_tokens, 2);
  assert.equal(candidates.n, 2);
  assert.deepEqual([embed.model, embed.input, embed.dimensions], ['text-embedding-3-small', ['alpha', 'beta'], 4]);
}

/**
 * A project of the flavour with the seam (three model entries) in src/ai and the program as src/main; with
 * \`models: false\`, the seam as generated (connections and models empty) and no program.
 */
async function createProject(flavour: Flavour, { models = true } = {}): Promise<string> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-seam-')));
  const write = (relativePath: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, relativePath)), { recursive: true });
    fs.writeFileSync(path.join(dir, relativePath), text);
  };
  const packageJson = { name: 'seam-project', private: true, ...(flavour.typeModule && { type: 'module' }), devDependencies: flavour.dependencies ?? SDK };
  write('package.json', JSON.stringify(packageJson, null, 2));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { ...STRICT, ...flavour.compilerOptions }, include: ['src'] }, null, 2));
  const main = `src/main${flavour.style.fileExtension}`;
  // The project's existing code, for the style detection; CommonJS JavaScript says so.
  write(main, flavour.style.language === 'js' && flavour.style.module === 'cjs' ? "'use strict';\n" : 'export {};\n');

  const style = detectProjectStyle(dir);
  for (const file of generateSeam(style)) {
    write(`src/ai/${file.relativePath}`, models && file.relativePath.startsWith('config.') ? withModels(file.text, ['gpt-4o-mini', 'text-embedding-3-small', 'omni-moderation-latest']) : file.text);
  }
  const host = { readFile: (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined), fileExists: (file: string) => fs.existsSync(file) };
  for (const provider of ADDABLE_PROVIDERS) {
    for (const change of addProvider(provider.name, path.join(dir, 'src', 'ai'), dir, host).changes) {
      write(path.relative(dir, change.filePath), change.create ? change.create.content : applyChanges(fs.readFileSync(change.filePath, 'utf8'), change.changes));
    }
  }
  if (models) write(main, renderModule(PROGRAM, style));
  await linkDependencies(dir);
  return dir;
}

/** The config with two connections (OpenAI, and Azure OpenAI at AZURE_OPENAI_ENDPOINT) and the models, served by OpenAI. */
function withModels(configText: string, models: string[]): string {
  const connections: Array<[string, string, Array<{ name: string; text: string }>]> = [
    ['openai', 'openai', []],
    [
      'azure',
      'azure-openai',
      [
        { name: 'endpoint', text: 'process.env.AZURE_OPENAI_ENDPOINT' },
        { name: 'apiKey', text: 'process.env.AZURE_OPENAI_API_KEY' },
        { name: 'apiVersion', text: "'2024-10-21'" },
        { name: 'baseURL', text: 'null' },
      ],
    ],
  ];
  let text = configText;
  for (const [key, provider, options] of connections) {
    const result = addConnectionEntry(text, key, provider, options);
    assert.ok(result);
    text = applyChanges(text, [result.change]);
  }
  for (const model of models) {
    for (const [section, key, envVar, value] of [
      ['models', configEntryName(model, 'model'), envVarName(model, 'model'), model],
      ['modelConnections', configEntryName(model, 'model'), `${envVarName(model, 'model')}_CONNECTION`, 'openai'],
    ] as const) {
      // A value re-used under another key is not this model's entry.
      const result = addConfigEntry(text, section, key, envVar, value, (existing) => existing === key);
      assert.ok(result && 'change' in result);
      text = applyChanges(text, [result.change]);
    }
  }
  return text;
}

/** Bundles src/main.ts as a bundler would, and runs it with only the given environment (plus PATH). */
async function runBundled(dir: string, env: Record<string, string>): Promise<string> {
  const outfile = path.join(dir, 'dist', 'main.cjs');
  buildSync({ entryPoints: [path.join(dir, 'src', 'main.ts')], bundle: true, platform: 'node', format: 'cjs', packages: 'external', outfile, logLevel: 'error' });
  const { stdout } = await promisify(execFile)(process.execPath, [outfile], { cwd: dir, env: { PATH: process.env.PATH, NO_PROXY: '127.0.0.1', ...env } });
  return stdout;
}
