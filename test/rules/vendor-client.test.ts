import { runRuleTests } from '../rule-tester';

runRuleTests('vendor-client', {
  valid: [
    // A local class that shares the SDK's name, and unrelated constructors.
    'class OpenAI {}\nconst client = new OpenAI();',
    "const cache = new Map();\nconst vendor = 'openai';",
    // A parameter shadows the imported class.
    "import OpenAI from 'openai';\nfunction make(OpenAI: new () => object) { return new OpenAI(); }",
    // Imports and types alone are vendor-import's and vendor-type-leak's business.
    "import OpenAI from 'openai';\nlet client: OpenAI | undefined;",
    // AI SDK members that do not bind a model.
    "import { openai } from '@ai-sdk/openai';\nconst search = openai.tools.webSearchPreview({});",
    // A mocked SDK, the seam, and a switched-off vendor.
    "import OpenAI from 'openai';\nvi.mock('openai');\nconst client = new OpenAI();",
    { code: "import OpenAI from 'openai';\nexport const client = new OpenAI();", filename: 'src/ai/providers/openai.ts' },
    { code: "import { azure } from '@ai-sdk/azure';\nconst model = azure('dep');", config: { vendors: { 'ai-sdk-openai': false } } },

    // A local function of the same name handed on, and a client class (not a provider) in an object.
    "function createOpenAI() { return {}; }\nregister({ openai: createOpenAI });",
    "import OpenAI from 'openai';\nexport const classes = { OpenAI };\nuse([OpenAI]);",
  ],
  invalid: [
    {
      code: "import OpenAI from 'openai';\nconst client = new «OpenAI»();",
      errors: [{ message: 'OpenAI client (OpenAI) is constructed outside the seam' }],
    },
    { code: "import { AzureOpenAI } from 'openai';\nconst client = new «AzureOpenAI»({ endpoint, apiVersion, deployment });" },
    { code: "const OpenAI = require('openai');\nconst client = new «OpenAI»();", filename: 'src/app/file.js' },
    { code: "import * as oai from 'openai';\nconst a = new «oai.OpenAI»();\nconst b = new «oai.default»();" },
    // v3: the configuration and the API client, each a construction site of its own.
    {
      code: "import { Configuration, OpenAIApi } from 'openai';\nconst configuration = new «Configuration»({ apiKey });\nconst api = new «OpenAIApi»(configuration);",
      errors: [{ message: 'Configuration (OpenAI) is created outside the seam' }, { message: 'OpenAIApi client' }],
    },
    // A credential built inline for a client is a construction of its own, reported once next to the client.
    { code: "import { Configuration, OpenAIApi } from 'openai';\nconst api = new «OpenAIApi»(new «Configuration»({ apiKey }));" },
    {
      code: "import { OpenAIClient, AzureKeyCredential } from '@azure/openai';\nconst client = new «OpenAIClient»(endpoint, new «AzureKeyCredential»(key));",
      errors: [{ message: 'OpenAIClient client (Azure OpenAI)' }, { message: 'AzureKeyCredential (Azure OpenAI) is created outside the seam' }],
    },
    { code: "import { OpenAIClient, OpenAIKeyCredential } from '@azure/openai';\nconst client = new «OpenAIClient»(new «OpenAIKeyCredential»(key));" },
    // A standalone credential is reported as a credential.
    {
      code: "import { AzureKeyCredential } from '@azure/openai';\nexport const credential = new «AzureKeyCredential»(key);",
      errors: [{ message: 'AzureKeyCredential (Azure OpenAI) is created outside the seam; credentials belong' }],
    },
    { code: "import { AssistantsClient, AzureKeyCredential } from '@azure/openai-assistants';\nconst assistants = new «AssistantsClient»(endpoint, new «AzureKeyCredential»(key));" },
    // LangChain.
    {
      code: "import { ChatOpenAI } from '@langchain/openai';\nconst llm = new «ChatOpenAI»({ temperature: 0 });",
      errors: [{ message: 'ChatOpenAI client (LangChain OpenAI)' }],
    },
    {
      code: "import { AzureChatOpenAI, OpenAIEmbeddings, AzureOpenAIEmbeddings } from '@langchain/openai';\nnew «AzureChatOpenAI»({});\nnew «OpenAIEmbeddings»();\nnew «AzureOpenAIEmbeddings»({});",
    },
    { code: "import { OpenAI } from 'langchain/llms/openai';\nconst llm = new «OpenAI»({ temperature: 0 });" },
    { code: "import { ChatOpenAI } from 'langchain/chat_models/openai';\nconst chat = new «ChatOpenAI»();" },
    // AI SDK: provider factories and model bindings.
    {
      code: "import { createOpenAI } from '@ai-sdk/openai';\nconst provider = «createOpenAI»({ apiKey });",
      errors: [{ message: 'createOpenAI provider (AI SDK OpenAI provider) is created outside the seam' }],
    },
    { code: "import { createAzure } from '@ai-sdk/azure';\nconst provider = «createAzure»({ resourceName });" },
    { code: "import { openai } from '@ai-sdk/openai';\nconst model = «openai»('gpt-4o');", errors: [{ message: 'openai(…) binds a model' }] },
    { code: "import { openai } from '@ai-sdk/openai';\nconst model = «openai.chat»('gpt-4o');", errors: [{ message: 'openai.chat(…) binds a model' }] },
    { code: "import { openai } from '@ai-sdk/openai';\nconst embedder = «openai.embedding»('text-embedding-3-small');" },
    { code: "import { azure } from '@ai-sdk/azure';\nconst model = «azure»('my-deployment');" },
    // A model bound through a provider made by a factory: both the factory and the binding.
    { code: "import { createOpenAI } from '@ai-sdk/openai';\nconst provider = «createOpenAI»({ baseURL });\nconst model = «provider»('gpt-4o');" },
    // Outside the default seam when another one is configured.
    { code: "import OpenAI from 'openai';\nconst client = new «OpenAI»();", filename: 'src/ai/index.ts', config: { seam: ['lib/llm/**'] } },

    // Provider factories and providers handed on as values, not called here.
    { code: "import { createOpenAI } from '@ai-sdk/openai';\nimport { createAzure } from '@ai-sdk/azure';\nexport const factories = { openai: «createOpenAI», azure: «createAzure» };", errors: [{ message: 'createOpenAI provider (AI SDK OpenAI provider) is created outside the seam' }] },
    { code: "import { openai } from '@ai-sdk/openai';\nimport { azure } from '@ai-sdk/azure';\nexport const providers = [«openai», «azure»];" },
    { code: "import { createOpenAI } from '@ai-sdk/openai';\nregisterProvider('openai', «createOpenAI»);" },
  ],
});
