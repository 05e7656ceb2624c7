import { runRuleTests } from '../rule-tester';

runRuleTests('hardcoded-endpoint', {
  valid: [
    // Prose that mentions a host is a message, not an endpoint.
    "throw new Error('Could not reach api.openai.com, check your network');",
    // Links in UI markup.
    { code: 'export const Help = () => <a href="https://api.openai.com/docs">OpenAI docs</a>;', filename: 'src/app/help.tsx' },
    { code: "export const Help = () => <a href={'https://platform.openai.com/docs'}>docs</a>;", filename: 'src/app/help.tsx' },
    // Comments.
    '// POST https://api.openai.com/v1/chat/completions\n/* https://my-resource.openai.azure.com */\nexport {};',
    // The vendor's own non-API hosts and look-alikes.
    "const docs = 'https://platform.openai.com/docs';\nconst home = 'https://openai.com';",
    "const a = 'https://myapi.openai.com';\nconst b = 'xapi.openai.com';",
    // `openai.azure.com` needs a resource name in front of it to be an Azure OpenAI endpoint.
    "const bare = 'https://openai.azure.com';\nconst lookalike = 'https://openai.azure.com.evil.com';",
    // A vendor host followed by more labels is another host (under evil.com), not the vendor endpoint.
    "const phishing = 'https://api.openai.com.evil.com/v1';\nconst lookalike = 'https://res.openai.azure.com.evil.com';",
    // A configured host in a file where the seam allows it.
    { code: "const gateway = 'https://llm-gateway.internal.example';", filename: 'src/ai/config.ts', config: { endpoints: ['llm-gateway.internal.example'] } },
  ],
  invalid: [
    {
      code: "const BASE_URL = «'https://api.openai.com/v1'»;",
      errors: [{ message: "Endpoint 'api.openai.com' (OpenAI) is hard-coded" }],
    },
    { code: "const host = «'api.openai.com'»;" },
    { code: 'const realtime = «"wss://api.openai.com/v1/realtime"»;' },
    { code: "const shouting = «'HTTPS://API.OPENAI.COM/v1'»;", errors: [{ message: "'api.openai.com'" }] },
    {
      code: "const endpoint = «'https://my-resource.openai.azure.com/'»;",
      errors: [{ message: "Endpoint 'my-resource.openai.azure.com' (Azure OpenAI)" }],
    },
    { code: "const endpoint = «'https://my-resource.cognitiveservices.azure.com'»;" },
    { code: "const endpoint = «'https://my-project.services.ai.azure.com/models'»;" },
    // Templates: the whole template literal is the range.
    { code: 'const url = «`https://api.openai.com/v1/${path}`»;' },
    { code: 'const url = «`${scheme}://api.openai.com/v1/${path}`»;' },
    // An Azure endpoint whose resource name is a variable still hard-codes the vendor's domain.
    { code: 'const endpoint = «`https://${resource}.openai.azure.com/`»;' },
    // Azure hosts in capitals, in a file that says nothing else about the vendor.
    { code: "const endpoint = «'https://MY-RESOURCE.COGNITIVESERVICES.AZURE.COM/'»;" },
    // Hosts listed in aidlint.json `endpoints`.
    {
      code: "const gateway = «'https://llm-gateway.internal.example/v1'»;",
      config: { endpoints: ['llm-gateway.internal.example'] },
      errors: [{ message: "Endpoint 'llm-gateway.internal.example' (listed in aidlint.json `endpoints`)" }],
    },
    // Endpoints are reported wherever they are used, e.g. as a client option.
    {
      code: "import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ endpoint: «'https://contoso.openai.azure.com'», apiVersion });",
    },
  ],
});
