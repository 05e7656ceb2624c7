import { runRuleTests } from '../rule-tester';

runRuleTests('vendor-rest-call', {
  valid: [
    // Other hosts, and the vendor's non-API hosts.
    "await fetch('https://api.anthropic.com/v1/messages', { method: 'POST' });",
    "await fetch('https://platform.openai.com/docs/api-reference');",
    "import axios from 'axios';\nawait axios.get('https://example.com/openai/status');",
    // A local function named fetch.
    "function fetch(url: string) { return url; }\nfetch('https://api.openai.com/v1/models');",
    "import { fetch } from './http';\nawait fetch('https://api.openai.com/v1/models');",
    // The URL only appears in a comment, or is not passed to the request.
    "// await fetch('https://api.openai.com/v1/models')\nawait fetch(docsUrl);",
    "const BASE = 'https://api.openai.com/v1';\nawait fetch('/api/health');",
    // Members of HTTP libraries that do not send a request.
    "import fetch, { Headers } from 'node-fetch';\nconst headers = new Headers({ host: 'api.openai.com' });\nawait fetch('https://example.com/health');",
    "import axios from 'axios';\naxios.isAxiosError('https://api.openai.com');",
    // The seam.
    { code: "await fetch('https://api.openai.com/v1/models');", filename: 'src/ai/providers/rest.ts' },
  ],
  invalid: [
    {
      code: "await «fetch»('https://api.openai.com/v1/chat/completions', { method: 'POST', body });",
      errors: [{ message: 'Sends raw HTTP with fetch to OpenAI (api.openai.com)' }],
    },
    { code: "await «globalThis.fetch»('https://api.openai.com/v1/models');" },
    { code: "await «window.fetch»('https://api.openai.com/v1/models');" },
    // URLs built from a constant.
    { code: "const BASE = 'https://api.openai.com/v1';\nawait «fetch»(`${BASE}/chat/completions`, { method: 'POST' });" },
    { code: "const BASE = 'https://api.openai.com/v1';\nawait «fetch»(BASE + '/chat/completions');" },
    { code: "const url = new URL('/v1/embeddings', 'https://api.openai.com');\nawait «fetch»(url);" },
    // Azure resources whose name is a variable.
    {
      code: 'await «fetch»(`https://${resource}.openai.azure.com/openai/deployments/${deployment}/chat/completions`);',
      errors: [{ message: 'to Azure OpenAI' }],
    },
    { code: "const endpoint = `https://${resource}.cognitiveservices.azure.com`;\nawait «fetch»(`${endpoint}/openai/models`);" },
    // axios, got, ky, node:https and undici.
    { code: "import axios from 'axios';\nawait «axios.post»('https://api.openai.com/v1/embeddings', { input });", errors: [{ message: 'with axios' }] },
    { code: "import axios from 'axios';\nawait «axios»({ url: 'https://api.openai.com/v1/embeddings', method: 'post' });" },
    { code: "const axios = require('axios');\nawait «axios.get»('https://api.openai.com/v1/models');", filename: 'src/app/file.js' },
    { code: "import axios from 'axios';\nconst openai = «axios.create»({ baseURL: 'https://api.openai.com/v1' });" },
    { code: "import got from 'got';\nawait «got.post»('https://api.openai.com/v1/completions', { json });", errors: [{ message: 'with got' }] },
    { code: "import got from 'got';\nawait «got»('https://api.openai.com/v1/models');" },
    { code: "import ky from 'ky';\nawait «ky.post»('https://api.openai.com/v1/completions', { json });", errors: [{ message: 'with ky' }] },
    {
      code: "import https from 'node:https';\n«https.request»({ hostname: 'api.openai.com', path: '/v1/chat/completions', method: 'POST' });",
      errors: [{ message: 'with node:https' }],
    },
    { code: "import * as https from 'https';\n«https.get»('https://my-resource.openai.azure.com/openai/models');" },
    { code: "import { request } from 'node:https';\n«request»({ hostname: 'api.openai.com' });" },
    { code: "import { fetch } from 'undici';\nawait «fetch»('https://api.openai.com/v1/models');", errors: [{ message: 'with undici' }] },
    // Fetch polyfills imported as modules.
    { code: "import fetch from 'node-fetch';\n«fetch»(`https://${name}.openai.azure.com/openai/deployments/${deployment}/chat/completions?api-version=${apiVersion}`, { method: 'POST' });", filename: 'scripts/request.js', errors: [{ message: 'with node-fetch to Azure OpenAI' }] },
    // A blank left for the reader to fill in is an unknown resource name.
    { code: "import fetch from 'node-fetch';\nconst resourceName = ''; // your resource\n«fetch»(`https://${resourceName}.openai.azure.com/openai/models`);" },
    { code: "const fetch = require('node-fetch');\nawait «fetch»('https://api.openai.com/v1/models');", filename: 'scripts/request.cjs' },
    { code: "import crossFetch from 'cross-fetch';\nawait «crossFetch»('https://api.openai.com/v1/models');", errors: [{ message: 'with cross-fetch' }] },
    { code: "import { fetch } from 'cross-fetch';\nawait «fetch»('https://api.openai.com/v1/models');" },
    // A host listed in aidlint.json `endpoints`.
    {
      code: "await «fetch»('https://llm-gateway.internal.example/v1/chat/completions');",
      config: { endpoints: ['llm-gateway.internal.example'] },
      errors: [{ message: 'a configured AI endpoint (llm-gateway.internal.example)' }],
    },
  ],
});
