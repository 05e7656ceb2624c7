import { runRuleTests } from '../rule-tester';

const allowTypeImports = { rules: { 'vendor-import': ['warn', { allowTypeImports: true }] } };

runRuleTests('vendor-import', {
  valid: [
    // Look-alike package names and the LangChain root, which is not an OpenAI wrapper.
    "import x from 'openai-like';",
    "import x from 'my-openai';",
    "import { ChatPromptTemplate } from 'langchain';",
    "import { PromptTemplate } from 'langchain/prompts';",
    // Only the listed LangChain entry points belong to the vendor, not paths below them.
    "import x from 'langchain/llms/openai/extra';",
    // Strings and comments that merely mention the SDK.
    "const provider = 'openai';\nconst hint = \"import OpenAI from 'openai'\";",
    "// import OpenAI from 'openai';\n/* const { OpenAI } = require('openai'); */\nexport {};",
    // A `require` or `import()` of something else.
    "const path = require('node:path');\nconst m = await import('./openai');",
    // Test files that mock the SDK do not depend on it.
    "import OpenAI from 'openai';\nvi.mock('openai');",
    "import OpenAI from 'openai';\njest.mock('openai', () => ({ default: class FakeOpenAI {} }));",
    "jest.mock('@azure/openai');\nconst { OpenAIClient } = require('@azure/openai');",
    // The seam, by default and as configured.
    { code: "import OpenAI from 'openai';", filename: 'src/ai/providers/openai.ts' },
    { code: "import OpenAI from 'openai';", filename: 'lib/llm/client.ts', config: { seam: ['lib/llm/**'] } },
    // Type-only imports with `allowTypeImports`, in every type-only form.
    { code: "import type OpenAI from 'openai';", config: allowTypeImports },
    { code: "import type { ChatCompletion } from 'openai/resources/chat/completions';", config: allowTypeImports },
    { code: "import { type ChatCompletion, type ChatCompletionChunk } from 'openai/resources';", config: allowTypeImports },
    { code: "export type { ChatCompletion } from 'openai/resources';", config: allowTypeImports },
    // A switched-off vendor.
    { code: "import { ChatOpenAI } from '@langchain/openai';", config: { vendors: { 'langchain-openai': false } } },
  ],
  invalid: [
    { code: "import OpenAI from «'openai'»;", errors: [{ message: "'openai' (OpenAI) is imported outside the seam" }] },
    { code: "import { OpenAI } from «'openai'»;" },
    { code: "import { OpenAI as O } from «'openai'»;" },
    { code: "import * as oai from «'openai'»;" },
    { code: "import oai = require(«'openai'»);" },
    { code: "const { OpenAI, AzureOpenAI } = require(«'openai'»);", filename: 'src/app/file.cjs' },
    { code: "const OpenAI = require(«`openai`»);", filename: 'src/app/file.js' },
    { code: "const { default: OpenAI } = await import(«'openai'»);", filename: 'src/app/file.mts' },
    { code: "export { default } from «'openai'»;", errors: [{ message: 'is re-exported outside the seam' }] },
    { code: "export * from «'@azure/openai'»;", errors: [{ message: "'@azure/openai' (Azure OpenAI) is re-exported" }] },
    { code: "export { OpenAI as Client } from «'openai'»;" },
    // Type-only imports count unless `allowTypeImports` is set.
    { code: "import type { ChatCompletion } from «'openai/resources/chat/completions'»;" },
    { code: "import { type ChatCompletion } from «'openai'»;" },
    // With `allowTypeImports`, an import that brings in a value is still reported.
    { code: "import { type ChatCompletion, OpenAI } from «'openai'»;", config: allowTypeImports },
    { code: "import type { ChatCompletion } from 'openai/resources';\nimport OpenAI from «'openai'»;", config: allowTypeImports },
    // Subpaths and side-effect imports.
    { code: "import { ChatCompletionStream } from «'openai/lib/ChatCompletionStream'»;" },
    { code: "import «'@azure/openai/types'»;" },
    // Every vendor module of the table.
    { code: "import { OpenAIApi, Configuration } from «'openai-edge'»;", errors: [{ message: '(OpenAI)' }] },
    { code: "import { AssistantsClient } from «'@azure/openai-assistants'»;", errors: [{ message: '(Azure OpenAI)' }] },
    { code: "import { ChatOpenAI } from «'@langchain/openai'»;", errors: [{ message: '(LangChain OpenAI)' }] },
    { code: "import { OpenAI } from «'langchain/llms/openai'»;" },
    { code: "import { ChatOpenAI } from «'langchain/chat_models/openai'»;" },
    { code: "import { OpenAIEmbeddings } from «'langchain/embeddings/openai'»;" },
    { code: "import { openai } from «'@ai-sdk/openai'»;", errors: [{ message: '(AI SDK OpenAI provider)' }] },
    { code: "import { azure } from «'@ai-sdk/azure'»;" },
    // Several imports in one file, each reported on its own specifier.
    { code: "import OpenAI from «'openai'»;\nimport { OpenAIClient } from «'@azure/openai'»;" },
    // A mock of one module does not hide another.
    { code: "vi.mock('openai');\nimport OpenAI from 'openai';\nimport { OpenAIClient } from «'@azure/openai'»;" },
    // Setting a custom seam replaces the default one.
    { code: "import OpenAI from «'openai'»;", filename: 'src/ai/index.ts', config: { seam: ['lib/llm/**'] } },
  ],
});
