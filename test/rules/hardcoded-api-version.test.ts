import { runRuleTests } from '../rule-tester';

runRuleTests('hardcoded-api-version', {
  valid: [
    // Kubernetes manifests and other `apiVersion`s that are not dates.
    "const manifest = { apiVersion: 'apps/v1', kind: 'Deployment' };\nconst pod = { apiVersion: 'v1', kind: 'Pod' };",
    // Dates that are not API versions.
    "const released = '2024-10-21';\nconst openai = { createdAt: '2024-02-15', updated: '2024-02-15-preview' };",
    // Read from configuration.
    "import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ apiVersion: process.env.AZURE_OPENAI_API_VERSION });",
    // Interpolated from configuration, or not a dated version.
    'const url = `${endpoint}/openai/models?api-version=${process.env.AZURE_OPENAI_API_VERSION}`;',
    "const version = 'latest';\nconst url = `${endpoint}/openai/models?api-version=${version}`;",
    // Comments.
    '// https://my-resource.openai.azure.com/openai/models?api-version=2024-02-01\nexport {};',
    // The seam.
    { code: "import { AzureOpenAI } from 'openai';\nnew AzureOpenAI({ apiVersion: '2024-10-21' });", filename: 'src/ai/config.ts' },
  ],
  invalid: [
    {
      code: "import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ apiVersion: «'2024-10-21'», deployment });",
      errors: [{ message: "Azure OpenAI API version '2024-10-21' is hard-coded" }],
    },
    { code: "import { AzureOpenAI } from 'openai';\nconst API_VERSION = «'2024-06-01'»;\nnew AzureOpenAI({ apiVersion: API_VERSION });" },
    { code: "import { AzureOpenAI } from 'openai';\nnew AzureOpenAI({ apiVersion: process.env.AZURE_OPENAI_API_VERSION ?? «'2024-06-01'» });" },
    {
      code: "import { AzureChatOpenAI } from '@langchain/openai';\nnew AzureChatOpenAI({ azureOpenAIApiVersion: «'2024-08-01-preview'» });",
      errors: [{ message: "'2024-08-01-preview'" }],
    },
    { code: "import axios from 'axios';\nawait axios.post(url, body, { params: { 'api-version': «'2024-02-15-preview'» } });" },
    { code: "const query = { api_version: «'2024-10-21'» };" },
    // Inside a URL only the version value is the range.
    {
      code: "const url = 'https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=«2024-02-01»';",
      errors: [{ message: "'2024-02-01'" }],
    },
    { code: 'const url = `https://${resource}.openai.azure.com/openai/deployments/${deployment}/chat/completions?api-version=«2024-02-01»`;' },
    { code: 'const url = `${base}/openai/deployments/${deployment}/embeddings?api-version=«2024-10-21»&trace=${id}`;' },
    // A constant interpolated into the `api-version=` query.
    {
      code: "import fetch from 'node-fetch';\nconst apiVersion = «'2023-03-15-preview'»;\nfetch(`https://${name}.openai.azure.com/openai/deployments/${deployment}/chat/completions?api-version=${apiVersion}`, { method: 'POST' });",
      errors: [{ message: "'2023-03-15-preview'" }],
    },
    { code: "const VERSION = «'2024-10-21'»;\nconst url = `${endpoint}/openai/models?format=json&api-version=${VERSION}&x=1`;" },
    { code: "const config = { azure: { version: «'2024-06-01'» } };\nconst url = `${endpoint}/openai/deployments/${d}/embeddings?api-version=${config.azure.version}`;" },
    // Followed into the module that defines it.
    {
      filename: 'src/azure-config.ts',
      code: "export const AZURE_OPENAI_API_VERSION = «'2024-02-01'»;",
      files: { 'src/client.ts': "import { AzureOpenAI } from 'openai';\nimport { AZURE_OPENAI_API_VERSION } from './azure-config';\nexport const client = new AzureOpenAI({ apiVersion: AZURE_OPENAI_API_VERSION });" },
      analyseFirst: ['src/client.ts'],
    },
  ],
});
