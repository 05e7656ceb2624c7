import * as assert from 'node:assert/strict';
import { lintProject, runRuleTests } from '../rule-tester';

runRuleTests('vendor-env', {
  valid: [
    // Other variables, including ones that merely contain the vendor's name.
    "const port = process.env.PORT;\nconst key = process.env.MY_OPENAI_KEY;\nconst vite = import.meta.env.VITE_OPENAI_KEY;",
    "const bare = process.env.OPENAI;\nconst { PORT, HOST } = process.env;\nconst vendor = 'openai';",
    // A local `process` is not the environment.
    "const process = { env: { OPENAI_API_KEY: 'placeholder' } };\nconst key = process.env.OPENAI_API_KEY;",
    'function read(process: { env: Record<string, string> }) { return process.env.OPENAI_API_KEY; }',
    // The seam reads the settings.
    { code: 'export const apiKey = process.env.OPENAI_API_KEY;', filename: 'src/ai/config.ts' },

    // A test's set-up writes the variable; nothing reads it there.
    "process.env.AZURE_OPENAI_SERVICE = 'test-service';\nprocess.env['OPENAI_API_KEY'] = 'placeholder';",
    // A project setting that configures no vendor client.
    "import OpenAI from 'openai';\nconst port = process.env.PORT;\nconst client = new OpenAI();",
    // Values that go through a project function first are the project's configuration.
    "import OpenAI from 'openai';\nconst client = new OpenAI({ provider: createProvider(process.env.AWS_REGION) });",
    // Helper-looking calls with values that are not variable names.
    "const value = getEnvironmentVariable('openai key');\nconst other = readFile('OPENAI_API_KEY');",
  ],
  invalid: [
    {
      code: 'const key = «process.env.OPENAI_API_KEY»;',
      errors: [{ message: "Reads OpenAI setting 'OPENAI_API_KEY' outside the seam" }],
    },
    {
      code: "const endpoint = «process.env['AZURE_OPENAI_ENDPOINT']»;",
      errors: [{ message: "Reads Azure OpenAI setting 'AZURE_OPENAI_ENDPOINT'" }],
    },
    { code: 'const key = «process.env[`OPENAI_API_KEY`]»;' },
    { code: 'const key = «process?.env?.OPENAI_API_KEY»;' },
    { code: 'const base = «import.meta.env.OPENAI_BASE_URL»;', filename: 'src/app/file.mts' },
    { code: "import process from 'node:process';\nconst version = «process.env.AZURE_OPENAI_API_VERSION» ?? '';" },
    // Destructuring: the range is the variable's name as written in the environment.
    { code: 'const { «OPENAI_API_KEY», PORT } = process.env;' },
    { code: 'const { «AZURE_OPENAI_API_KEY»: azureKey, «OPENAI_ORG_ID» = "org" } = process.env;' },

    // Whatever their names, reads that configure a vendor client, credential or provider.
    { code: "import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: «process.env.AZURE_API_KEY», baseURL: «process.env['LLM_BASE_URL']» });", errors: [{ message: "Reads OpenAI setting 'AZURE_API_KEY'" }] },
    { code: "import { OpenAIClient, AzureKeyCredential } from '@azure/openai';\nconst endpoint = «process.env['SEARCH_AI_URL']»!;\nconst key = «process.env.SEARCH_AI_KEY» ?? '';\nconst client = new OpenAIClient(endpoint, new AzureKeyCredential(key));" },
    { code: "import { createAzure } from '@ai-sdk/azure';\nexport const azure = createAzure({ resourceName: «process.env.RESOURCE_NAME», apiKey: «process.env.KEY» });" },
    // A provider factory of the SDK configured from the environment.
    { code: "const apiKey = «process.env['AWS_BEARER_TOKEN_BEDROCK']»;\nconst { bedrock } = await import('openai/providers/bedrock');\nexport const provider = bedrock({ endpoint: 'runtime', region, apiKey });", filename: 'src/app/file.mts' },
    // Project helpers and Workers / Hono / SvelteKit bindings.
    { code: "const base = «Deno.env.get('OPENAI_BASE_URL')» ?? 'https://example.com';", filename: 'src/app/deno.mjs' },
    { code: "const key = «getEnvironmentVariable('OPENAI_API_KEY')»;\nconst endpoint = «requireEnv('AZURE_OPENAI_ENDPOINT')»;" },
    { code: "export default { async fetch(request, env) { return ask(«env.OPENAI_API_KEY»); } };", filename: 'src/worker.js' },
    { code: "app.post('/chat', (c) => ask(«c.env.OPENAI_API_KEY»));" },
    { code: "import OpenAI from 'openai';\nexport default { fetch(request, env) { return new OpenAI({ apiKey: «env.LLM_KEY» }); } };" },
  ],
});

describe('vendor-env (presets)', () => {
  const code = 'const key = process.env.OPENAI_API_KEY;';

  it('is off in recommended (the default)', () => {
    const { messages } = lintProject({ code });
    assert.deepEqual(messages.filter((message) => message.ruleId === 'vendor-env'), []);
  });

  it('is info in strict', () => {
    const { messages } = lintProject({ code, config: { extends: 'strict' } });
    assert.deepEqual(
      messages.map((message) => [message.ruleId, message.severity]),
      [['vendor-env', 'info']],
    );
  });
});
