import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { PROJECT_ROOT, lintProject, onlyRule, runRuleTests } from '../rule-tester';

const client = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
const azureClient = "import { OpenAIClient, AzureKeyCredential } from '@azure/openai';\nconst client = new OpenAIClient(endpoint, new AzureKeyCredential(key));\n";

runRuleTests('hardcoded-model', {
  valid: [
    // Model names that never reach a vendor call: shown in the UI, logged, passed to our own code.
    `${client}const label = 'gpt-4o';\nrender({ title: label });`,
    `${client}logger.info({ model: 'gpt-4o' });`,
    `${client}const options = { model: 'gpt-4o' };\nsaveSettings(options);`,
    "const models = ['gpt-4o', 'gpt-4o-mini'];\nexport const defaultModel = models[0];\nexport const vendor = 'openai';",
    // The model comes from configuration.
    `${client}export async function ask({ messages, model = process.env.OPENAI_MODEL } = {}) {\n  return client.chat.completions.create({ model, messages });\n}`,
    `${client}await client.chat.completions.create({ model: process.env.OPENAI_MODEL!, messages });`,
    `${client}await client.chat.completions.create({ model: config.chatModel, messages });`,
    // An empty string is not a model name.
    `${client}await client.chat.completions.create({ model: '', messages });`,
    // `model:` in a call of a local look-alike.
    "class OpenAI { chat = { completions: { create(_: object) {} } } }\nnew OpenAI().chat.completions.create({ model: 'gpt-4o' });",
    // The `ignore` option.
    {
      code: `${client}await client.embeddings.create({ model: 'text-embedding-3-small', input });`,
      config: { rules: { 'hardcoded-model': ['warn', { ignore: ['text-embedding-3-small'] }] } },
    },
    // The seam.
    { code: `${client}await client.chat.completions.create({ model: 'gpt-4o', messages });`, filename: 'src/ai/config.ts' },

    // Raw REST: the request body's model, and a model in a vendor URL, only when the request goes to the vendor.
    "await fetch('https://api.example.com/v1/chat', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o' }) });",
    "const model = 'gpt-4o';\nawait fetch(`https://api.example.com/realtime?model=${model}`);",
  ],
  invalid: [
    {
      code: `${client}await client.chat.completions.create({ model: «'gpt-4o'», messages });`,
      errors: [{ message: "Model 'gpt-4o' is hard-coded (`model`) for OpenAI" }],
    },
    { code: `${client}await client.chat.completions.create({ 'model': «\`gpt-4o\`», messages });` },
    // Through a constant, an options variable, a spread and an environment fallback.
    { code: `${client}const MODEL = «'gpt-4o-mini'»;\nawait client.chat.completions.create({ model: MODEL, messages });` },
    { code: `${client}const request = { model: «'gpt-4o'», messages: [] };\nawait client.chat.completions.create(request);` },
    { code: `${client}const defaults = { model: «'gpt-4o'», temperature: 0 };\nawait client.chat.completions.create({ ...defaults, messages });` },
    { code: `${client}await client.chat.completions.create({ model: process.env.MODEL ?? «'gpt-4o'», messages });` },
    { code: `${client}await client.chat.completions.create({ model: fast ? «'gpt-4o-mini'» : «'gpt-4o'», messages });` },
    // A property of a constant settings object reaches the call just as well.
    { code: `${client}const settings = { chatModel: «'gpt-4o'» };\nawait client.chat.completions.create({ model: settings.chatModel, messages });` },
    { code: `${client}await client.embeddings.create({ model: «'text-embedding-3-small'», input });` },
    { code: `${client}await client.responses.create({ model: «'o3'», input });` },
    // The `ignore` option is an exact match.
    {
      code: `${client}await client.chat.completions.create({ model: «'gpt-4o-mini'», messages });`,
      config: { rules: { 'hardcoded-model': ['warn', { ignore: ['gpt-4o'] }] } },
    },
    // Legacy v3.
    {
      code: "import { Configuration, OpenAIApi } from 'openai';\nconst api = new OpenAIApi(new Configuration({ apiKey }));\nawait api.createChatCompletion({ model: «'gpt-3.5-turbo'», messages });",
    },
    // Azure: the deployment argument and AzureOpenAI's `deployment`.
    {
      code: `${azureClient}await client.getChatCompletions(«'chat-prod'», messages);`,
      errors: [{ message: "Model 'chat-prod' is hard-coded (deployment argument) for Azure OpenAI" }],
    },
    { code: `${azureClient}const DEPLOYMENT = «'embeddings'»;\nawait client.getEmbeddings(DEPLOYMENT, ['text']);` },
    { code: `${azureClient}for await (const event of client.streamChatCompletions(«'chat-prod'», messages)) {}` },
    { code: "import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ deployment: «'gpt-4o-prod'», apiVersion });", errors: [{ message: '(`deployment`)' }] },
    // LangChain.
    {
      code: "import { ChatOpenAI } from '@langchain/openai';\nnew ChatOpenAI({ model: «'gpt-4o'» });\nnew ChatOpenAI({ modelName: «'gpt-3.5-turbo'» });",
      errors: [{ message: 'for LangChain OpenAI' }, { message: '(`modelName`)' }],
    },
    { code: "import { AzureChatOpenAI } from '@langchain/openai';\nnew AzureChatOpenAI({ azureOpenAIApiDeploymentName: «'chat-dep'», temperature: 0 });" },
    { code: "import { OpenAIEmbeddings } from 'langchain/embeddings/openai';\nnew OpenAIEmbeddings({ modelName: «'text-embedding-ada-002'» });" },
    // AI SDK model bindings.
    {
      code: "import { openai } from '@ai-sdk/openai';\nconst model = openai(«'gpt-4o'»);",
      errors: [{ message: "Model 'gpt-4o' is hard-coded (model argument) for AI SDK OpenAI provider" }],
    },
    { code: "import { openai } from '@ai-sdk/openai';\nconst model = openai.chat(«'gpt-4o'»);" },
    { code: "import { azure } from '@ai-sdk/azure';\nconst model = azure(«'my-deployment'»);" },
    { code: "import { createOpenAI } from '@ai-sdk/openai';\nconst provider = createOpenAI({ baseURL });\nconst model = provider(«'gpt-4o'»);" },
    // Followed literals: class field defaults, constructor assignments, default parameters, destructuring.
    { code: `${client}class Chat {\n  model = «'gpt-4o'»;\n  ask(messages) { return client.chat.completions.create({ model: this.model, messages }); }\n}` },
    { code: `${client}class Chat {\n  constructor(private deployment = «'chat-dep'») {}\n  ask(messages) { return client.chat.completions.create({ model: this.deployment, messages }); }\n}` },
    { code: `${client}class Chat {\n  constructor() { this.model = «'gpt-4o-mini'»; }\n  ask(messages) { return client.chat.completions.create({ model: this.model, messages }); }\n}` },
    { code: `${client}export async function ask(messages, model = «'gpt-4o'») {\n  return client.chat.completions.create({ model, messages });\n}` },
    { code: `${client}const config = { models: { chat: «'gpt-4o'» } };\nconst { chat } = config.models;\nawait client.chat.completions.create({ model: chat, messages });` },
    { code: `${client}const config = { models: { chat: «'gpt-4o'» } };\nawait client.chat.completions.create({ model: config['models'].chat, messages });` },
    // Across modules: reported where the literal is defined (the file under test), found through its use.
    {
      filename: 'src/config.ts',
      code: "export const CHAT_DEPLOYMENT = «'chatdemo'»;\nexport const label = 'gpt-4o';",
      files: { 'src/chat.ts': `${client}import { CHAT_DEPLOYMENT } from './config';\nawait client.chat.completions.create({ model: CHAT_DEPLOYMENT, messages });` },
      analyseFirst: ['src/chat.ts'],
      errors: [{ message: "Model 'chatdemo' is hard-coded (`model`) for OpenAI" }],
    },
    {
      filename: 'src/config.js',
      code: "module.exports = {\n  openai: { chatModel: «'gpt-4o'», embeddingModel: «'text-embedding-3-small'» },\n  port: 3000,\n};",
      files: {
        'src/chat.js': "const OpenAI = require('openai');\nconst config = require('./config');\nconst client = new OpenAI();\nclient.chat.completions.create({ model: config.openai.chatModel, messages });\nclient.embeddings.create({ model: config.openai.embeddingModel, input });",
      },
      analyseFirst: ['src/chat.js'],
    },
    {
      filename: 'src/settings/models.ts',
      code: "const defaults = { chat: «'gpt-4o'» };\nexport default defaults;",
      files: {
        'src/settings/index.ts': "export { default as models } from './models';",
        'src/chat.ts': `${client}import { models } from './settings';\nexport const ask = (messages) => client.chat.completions.create({ model: models.chat, messages });`,
      },
      analyseFirst: ['src/chat.ts'],
    },

    { code: "await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: «'gpt-4o'», messages }) });", errors: [{ message: '(`model` of the request body) for OpenAI' }] },
    { code: "const payload = JSON.stringify({ model: «'gpt-4o-mini'», input });\nawait fetch('https://api.openai.com/v1/responses', { method: 'POST', body: payload });" },
    { code: "import axios from 'axios';\nawait axios.post('https://api.openai.com/v1/embeddings', { model: «'text-embedding-3-small'», input });" },
    { code: "import got from 'got';\nawait got.post('https://api.openai.com/v1/chat/completions', { json: { model: «'gpt-4o'», messages } });" },
    { code: "const baseUrl = 'https://api.openai.com/v1/realtime';\nconst model = «'gpt-4o-realtime-preview'»;\nawait fetch(`${baseUrl}?model=${model}`, { method: 'POST' });", errors: [{ message: '(request URL)' }] },
    { code: "const DEPLOYMENT = «'chat-prod'»;\nawait fetch(`https://contoso.openai.azure.com/openai/deployments/${DEPLOYMENT}/chat/completions?api-version=${v}`, { method: 'POST' });" },
    // A request object built by a local function.
    { code: `${client}function params() {\n  const request = { model: «'gpt-3.5-turbo'», messages: [] };\n  return request;\n}\nawait client.chat.completions.create(params());` },
    // Defaults of destructured options: a parameter, and a constructor's options kept in `this.model`.
    { code: `${client}export async function ask({ messages, model = «'gpt-4o'» } = {}) {\n  return client.chat.completions.create({ model, messages });\n}` },
    {
      code: "const OpenAI = require('openai');\nconst Provider = require('./ai-provider.js');\nclass OpenAIProvider extends Provider {\n  model;\n  constructor(config = {}) {\n    const { options = {}, model = «'gpt-4.1-nano'» } = config;\n    super(new OpenAI(options));\n    this.model = model;\n  }\n  complete(input) { return this.client.responses.create({ model: this.model, input }); }\n}",
      filename: 'src/agents/openai.js',
      files: { 'src/agents/ai-provider.js': "class Provider {\n  constructor(client) { this._client = client; }\n  get client() { return this._client; }\n}\nmodule.exports = Provider;\n" },
    },
    // Realtime and Responses WebSocket sessions.
    { code: "import { OpenAIRealtimeWS } from 'openai/realtime/ws';\nconst rt = new OpenAIRealtimeWS({ model: «'gpt-realtime'» });" },
  ],
});

describe('hardcoded-model: followed literals', () => {
  it('reports a constant of another module at its definition, with each use as a related location', () => {
    const { messages } = lintProject(
      {
        filename: 'src/config.ts',
        code: "export const MODEL = 'gpt-4o';",
        files: {
          'src/a.ts': `${client}import { MODEL } from './config';\nclient.chat.completions.create({ model: MODEL, messages });`,
          'src/b.ts': `${client}import * as config from './config';\nclient.responses.create({ model: config.MODEL, input });`,
        },
        analyseFirst: ['src/a.ts', 'src/b.ts'],
      },
      onlyRule('hardcoded-model'),
    );
    assert.equal(messages.length, 1);
    assert.deepEqual(
      messages[0].related?.map((related) => [path.relative(PROJECT_ROOT, related.filePath), related.range.start.line, related.range.start.character]),
      [
        ['src/a.ts', 3, 40],
        ['src/b.ts', 3, 33],
      ],
    );
  });

  it('gives a constant of the same file the use as a related location', () => {
    const { messages } = lintProject({ code: `${client}const MODEL = 'gpt-4o';\nclient.chat.completions.create({ model: MODEL, messages });` }, onlyRule('hardcoded-model'));
    assert.deepEqual(messages.map((message) => message.related?.map((related) => related.range.start)), [[{ line: 3, character: 40 }]]);
  });

  it('forgets the definition once the using file changes to read the environment', () => {
    const files: Record<string, string> = {
      'src/config.ts': "export const MODEL = 'gpt-4o';",
      'src/a.ts': `${client}import { MODEL } from './config';\nclient.chat.completions.create({ model: MODEL, messages });`,
    };
    const first = lintProject({ filename: 'src/config.ts', code: files['src/config.ts'], files, analyseFirst: ['src/a.ts'] }, onlyRule('hardcoded-model'));
    assert.equal(first.messages.length, 1);
    files['src/a.ts'] = `${client}client.chat.completions.create({ model: process.env.MODEL!, messages });`;
    const second = lintProject({ filename: 'src/config.ts', code: files['src/config.ts'], files, analyseFirst: ['src/a.ts'] }, onlyRule('hardcoded-model'));
    assert.equal(second.messages.length, 0);
  });
});
