import { runRuleTests } from '../rule-tester';

const clientModule = {
  'src/lib/openai.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI();\nexport const getOpenAI = () => openai;\nexport default openai;\n",
};

runRuleTests('vendor-call', {
  valid: [
    // A local class that merely shares the SDK's name.
    'class OpenAI { chat = { completions: { create() {} } } }\nnew OpenAI().chat.completions.create();',
    // A local function named like an SDK method.
    'function getEmbeddings(text: string) { return [text.length]; }\ngetEmbeddings("a");',
    // Constructing is vendor-client's business, not a call.
    "import OpenAI from 'openai';\nconst client = new OpenAI();",
    // A parameter shadows the imported client.
    "import { openai } from '../lib/openai';\nfunction f(openai: { chat: any }) { return openai.chat.completions.create({}); }",
    // Methods outside the vendor's API surface.
    "import OpenAI from 'openai';\nconst client = new OpenAI();\nclient.withOptions({ timeout: 5 });",
    // Test mocks of the SDK are not usage.
    "import OpenAI from 'openai';\nvi.mock('openai');\nnew OpenAI().chat.completions.create({});",
    { code: "import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({});", filename: 'src/ai/providers/openai.ts' },
    { code: "import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({});", filename: 'scripts/seed.ts', config: { rules: { 'vendor-call': ['warn', { allow: ['scripts/**'] }] } } },
    { code: "import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({});", config: { vendors: { openai: false } } },
    // A method of the class that returns something else than the client.
    "import OpenAI from 'openai';\nclass Handler {\n  private client = new OpenAI();\n  private ensureCache(): Map<string, string> { return new Map(); }\n  run() { const cache = this.ensureCache(); return cache.get('x'); }\n}",
    // The base class keeps the constructor's argument in another member than the one read.
    {
      code: "const OpenAI = require('openai');\nconst Provider = require('./provider');\nclass OpenAIProvider extends Provider {\n  constructor() { super(new OpenAI()); }\n  run() { return this.logger.chat.completions.create({}); }\n}",
      filename: 'src/agents/openai.js',
      files: { 'src/agents/provider.js': "class Provider {\n  constructor(client, logger) { this._client = client; this.logger = logger; }\n  get client() { return this._client; }\n}\nmodule.exports = Provider;\n" },
    },
  ],
  invalid: [
    { code: "import OpenAI from 'openai';\nconst client = new OpenAI();\nawait «client.chat.completions.create»({ model: 'gpt-4o', messages: [] });", errors: [{ message: "'chat.completions.create'" }] },
    // Vendor-only products say so: the lock-in the seam cannot take away.
    {
      code: "import OpenAI from 'openai';\nconst client = new OpenAI();\nawait «client.beta.assistants.create»({ model: 'gpt-4o' });\nawait «client.files.list»();",
      errors: [
        { message: "Calls OpenAI 'beta.assistants.create' (Assistants), which only OpenAI offers: no provider-neutral equivalent, a lock-in the seam cannot take away." },
        { message: "'files.list' (file storage)" },
      ],
    },
    {
      code: "import { OpenAIClient, AzureKeyCredential } from '@azure/openai';\nconst client = new OpenAIClient('e', new AzureKeyCredential('k'));\n«client.getImages»('dalle', 'a cat');",
      errors: [{ message: "'getImages' (images and audio), which only Azure OpenAI offers" }],
    },
    { code: "import { OpenAI as O } from 'openai';\nconst c = new O();\n«c.embeddings.create»({ model: 'm', input: 'x' });" },
    { code: "import * as oai from 'openai';\nconst c = new oai.OpenAI();\n«c.responses.create»({ model: 'm', input: 'x' });" },
    { code: "import oai = require('openai');\nconst c = new oai();\n«c.images.generate»({ prompt: 'x' });" },
    { code: "const OpenAI = require('openai');\nconst c = new OpenAI();\n«c.moderations.create»({ input: 'x' });", filename: 'src/app/file.js' },
    { code: "const { AzureOpenAI } = require('openai');\nconst c = new AzureOpenAI();\n«c.chat.completions.create»({});", filename: 'src/app/file.cjs' },
    { code: "const { default: OpenAI } = await import('openai');\nconst c = new OpenAI();\n«c.audio.transcriptions.create»({});", filename: 'src/app/file.mts' },
    { code: "const OpenAI = (await import('openai')).default;\n«new OpenAI().files.list»();" },
    { code: "import OpenAI from 'openai';\nconst c = new OpenAI();\nconst { chat } = c;\n«chat.completions.create»({});" },
    { code: "import OpenAI from 'openai';\nconst c = new OpenAI();\nconst alias = c;\nlet later;\nlater = alias;\n«later.batches.create»({});" },
    { code: "import OpenAI from 'openai';\nclass Service {\n  private client = new OpenAI();\n  run() { return «this.client.chat.completions.stream»({}); }\n}" },
    { code: "import OpenAI from 'openai';\nclass Service {\n  constructor(private readonly client: OpenAI) {}\n  run() { return «this.client.chat.completions.create»({}); }\n}" },
    { code: "import OpenAI from 'openai';\nclass Service {\n  client: OpenAI | null = null;\n  init() { this.client = new OpenAI(); }\n  run() { return «this.client!.beta.assistants.create»({}); }\n}" },
    { code: "import OpenAI from 'openai';\nfunction handle(client: OpenAI) { return «client.fineTuning.jobs.create»({}); }" },
    { code: "import OpenAI from 'openai';\nfunction getClient() { return new OpenAI(); }\n«getClient().vectorStores.create»({});" },
    { code: "import OpenAI from 'openai';\nlet cached: OpenAI | undefined;\nexport function client() { if (!cached) cached = new OpenAI(); return cached; }\n«client().chat.completions.parse»({});" },
    { code: "import { Configuration, OpenAIApi } from 'openai';\nconst api = new OpenAIApi(new Configuration({ apiKey: 'x' }));\n«api.createChatCompletion»({ model: 'gpt-3.5-turbo', messages: [] });", errors: [{ message: "'createChatCompletion'" }] },
    { code: "import { OpenAIClient, AzureKeyCredential } from '@azure/openai';\nconst client = new OpenAIClient('e', new AzureKeyCredential('k'));\n«client.getChatCompletions»('d', []);\n«client.streamChatCompletions»('d', []);\n«client.getEmbeddings»('d', ['x']);" },
    // Cross-file: a client exported by another module, through relative, default, factory and alias imports.
    { code: "import { openai } from '../lib/openai';\n«openai.chat.completions.create»({});", files: clientModule, errors: [{ message: "from '../lib/openai'" }] },
    { code: "import client from '../lib/openai';\n«client.embeddings.create»({});", files: clientModule },
    { code: "import { getOpenAI } from '../lib/openai';\n«getOpenAI().chat.completions.create»({});", files: clientModule },
    { code: "import * as lib from '../lib/openai';\n«lib.openai.chat.completions.create»({});", files: clientModule },
    { code: "const { openai } = require('../lib/openai');\n«openai.chat.completions.create»({});", filename: 'src/app/file.js', files: clientModule },
    {
      code: "import { openai } from '@/lib/openai';\n«openai.chat.completions.create»({});",
      files: { ...clientModule, 'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", /* alias */ "paths": { "@/*": ["src/*"] } } }' },
    },
    {
      code: "import { openai } from '../lib';\n«openai.chat.completions.create»({});",
      files: { ...clientModule, 'src/lib/index.ts': "export * from './openai';\n" },
    },
    {
      code: "import { ai } from '../lib';\n«ai.chat.completions.create»({});",
      files: { ...clientModule, 'src/lib/index.ts': "export { openai as ai } from './openai.js';\n" },
    },
    {
      code: "import { openai } from '../lib/cjs';\n«openai.chat.completions.create»({});",
      files: { 'src/lib/cjs.js': "const OpenAI = require('openai');\nmodule.exports = { openai: new OpenAI() };\n" },
    },

    // Calls through resources that project helpers return, typed with the SDK's resource types.
    {
      files: {
        'src/plugins/openai.ts': "import { OpenAI } from 'openai';\nimport { type Chat, type Embeddings } from 'openai/resources/index';\nexport type OpenAiService = { getChat(): Promise<Chat>; getEmbeddings(): Promise<Embeddings> };",
      },
      code: "import { type OpenAiService } from '../plugins/openai.js';\nexport class Approach {\n  constructor(protected openai: OpenAiService) {}\n  async run(messages) {\n    const chat = await this.openai.getChat();\n    return «chat.completions.create»({ model, messages });\n  }\n}",
    },
    {
      files: { 'src/plugins/openai.ts': "import type { Embeddings } from 'openai/resources/index';\nexport interface OpenAiService { getEmbeddings(): Promise<Embeddings> }" },
      code: "import { Base } from './base';\nimport type { OpenAiService } from '../plugins/openai';\nexport class Indexer extends Base {\n  constructor(openai: OpenAiService) { super(openai); }\n  async embed(input) { const embeddings = await this.openai.getEmbeddings(); return «embeddings.create»({ model, input }); }\n}",
    },
    // A private method of the class returns its lazily built client (declared return type, or the field it returns).
    {
      code: "import OpenAI from 'openai';\nexport class Handler {\n  private client: OpenAI | undefined;\n  constructor(private options: { apiKey?: string }) {}\n  private ensureClient(): OpenAI {\n    if (!this.client) this.client = new OpenAI({ apiKey: this.options.apiKey });\n    return this.client;\n  }\n  async *createMessage(messages) {\n    const client = this.ensureClient();\n    yield await «client.chat.completions.create»({ model: this.options.model, messages });\n  }\n}",
    },
    { code: "import { AzureOpenAI } from 'openai';\nclass Handler {\n  private api?: AzureOpenAI;\n  private getApi() { this.api ??= new AzureOpenAI(); return this.api; }\n  run(input) { return «this.getApi().embeddings.create»({ model: 'e', input }); }\n}" },
    { code: "import OpenAI from 'openai';\nclass Handler {\n  #client?: OpenAI;\n  get client(): OpenAI { return (this.#client ??= new OpenAI()); }\n  run(input) { return «this.client.moderations.create»({ input }); }\n}" },
    { code: "const OpenAI = require('openai');\nclass Handler {\n  get client() { return (this._client ??= new OpenAI()); }\n  run() { return «this.client.files.list»(); }\n}", filename: 'src/app/handler.js' },
    // A factory imported through a barrel that also re-exports this module (an import cycle), the barrel analysed first as a scan may.
    {
      filename: 'src/apis/openai/api/apiKey.ts',
      code: "import { createOpenAI } from '@app/apis/openai';\nexport async function verifyApiKey(baseUrl: string) {\n  const openai = await createOpenAI(baseUrl);\n  return «openai.models.list»();\n}",
      files: {
        'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["./src/*"] } } }',
        'src/apis/openai/index.ts': "export { verifyApiKey } from './api/apiKey';\nexport { createOpenAI } from './api/createOpenAI';\n",
        'src/apis/openai/api/createOpenAI.ts': "import OpenAI, { AzureOpenAI } from 'openai';\nexport async function createOpenAI(baseURL: string, provider?: string): Promise<OpenAI> {\n  if (provider === 'Azure-OpenAI') return new AzureOpenAI({ baseURL });\n  return new OpenAI({ baseURL });\n}\n",
      },
      analyseFirst: ['src/apis/openai/index.ts'],
    },
    // A client passed to `super(client)` and read back through the base class (another module, CommonJS; or this file).
    {
      code: "const OpenAI = require('openai');\nconst Provider = require('./ai-provider.js');\nclass OpenAIProvider extends Provider {\n  constructor(config = {}) {\n    const { options = {}, model = 'gpt-4.1-nano' } = config;\n    const openai = new OpenAI(options);\n    super(openai);\n    this.model = model;\n  }\n  async complete(input) { return «this.client.responses.create»({ model: this.model, input }); }\n}\nmodule.exports = OpenAIProvider;",
      filename: 'src/agents/openai.js',
      files: { 'src/agents/ai-provider.js': "class Provider {\n  _client;\n  constructor(client) {\n    if (this.constructor == Provider) return;\n    this._client = client;\n  }\n  get client() { return this._client; }\n}\nmodule.exports = Provider;\n" },
    },
    { code: "import OpenAI from 'openai';\nabstract class Base {\n  constructor(protected readonly api: unknown) {}\n  protected getApi() { return this.api; }\n}\nexport class Chat extends Base {\n  constructor() { super(new OpenAI()); }\n  ask(messages) { return «this.getApi().chat.completions.create»({ model: 'm', messages }); }\n}" },
    { code: "import OpenAI from 'openai';\nimport { Base } from './base';\nexport class Chat extends Base {\n  constructor(key: string) { const client = new OpenAI({ apiKey: key }); super('chat', client); }\n  ask(messages) { return «this.sdk.chat.completions.create»({ model: 'm', messages }); }\n}", files: { 'src/app/base.ts': "export class Base {\n  protected sdk: unknown;\n  constructor(readonly name: string, sdk: unknown) { this.sdk = sdk; }\n}\n" } },
    // Real test code stays a finding; only a mocked SDK is not.
    { code: "import OpenAI from 'openai';\nconst client = new OpenAI();\nit('answers', async () => { await «client.chat.completions.create»({ model, messages }); });", filename: 'src/app/chat.test.ts' },
    // A static factory of a client class, and Deno's `npm:` specifiers.
    { code: "import { OpenAIRealtimeWS } from 'openai/realtime/ws';\nconst rt = await OpenAIRealtimeWS.azure(client);\n«rt.send»({ type: 'response.create' });" },
    { code: "import OpenAI from 'npm:openai@4';\nconst client = new OpenAI();\nawait «client.models.list»();", filename: 'src/app/deno.mjs' },
  ],
});
