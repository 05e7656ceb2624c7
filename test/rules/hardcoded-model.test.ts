import { runRuleTests } from '../rule-tester';

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
  ],
});
