/**
 * Vendor-coupled code in the styles real projects use: every import form, every SDK generation, clients in
 * fields and in shared modules, raw REST calls. Each style is one block plus the imports it needs.
 */
import type { FileBuilder } from './builder';
import type { SharedClientImport } from './layout';
import { pascal, plural } from './names';
import type { Random } from './random';

/** Which kind of file a style lives in: TypeScript modules or CommonJS scripts. */
export const VENDOR_STYLES = {
  'openai-default': 'ts',
  'openai-class-stream': 'ts',
  'openai-inline-key': 'ts',
  'openai-namespace': 'ts',
  'openai-dynamic-import': 'ts',
  'azure-openai-v4': 'ts',
  'azure-sdk-chat': 'ts',
  'azure-sdk-embeddings': 'ts',
  langchain: 'ts',
  'ai-sdk': 'ts',
  'rest-fetch': 'ts',
  'openai-v3-require': 'js',
  'openai-require': 'js',
  'shared-client': 'ts',
  'shared-client-consumer': 'ts',
} as const;

export type VendorStyle = keyof typeof VENDOR_STYLES;

export interface VendorBlock {
  lines: string[];
  /** The function a CommonJS block declares, for `module.exports`. */
  exported?: string;
}

const CHAT_MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o3-mini', 'gpt-4-turbo'];
const EMBEDDING_MODELS = ['text-embedding-3-small', 'text-embedding-3-large', 'text-embedding-ada-002'];
const AZURE_DEPLOYMENTS = ['gpt-4o-prod', 'chat-eastus', 'gpt35-turbo', 'gpt4o-mini-dev', 'support-bot'];
const AZURE_REGIONS = ['eastus', 'westeurope', 'swedencentral', 'uksouth', 'japaneast'];
const API_VERSIONS = ['2024-10-21', '2024-06-01', '2024-08-01-preview', '2025-01-01-preview'];
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function azureEndpoint(b: FileBuilder): string {
  return `https://${b.names.noun()}-${b.random.pick(AZURE_REGIONS)}.openai.azure.com`;
}

/** A made-up key in the `sk-proj-` format, mixing cases and digits as real ones do. */
function fakeProjectKey(random: Random): string {
  return `sk-proj-${random.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4)}${random.chars('0123456789', 4)}${random.chars(ALPHANUMERIC, 40)}`;
}

type StyleWriter = (b: FileBuilder, context: { sharedClient?: SharedClientImport }) => VendorBlock;

const chatMessages = (noun: string, input: string) => [
  '    messages: [',
  `      { role: 'system', content: 'You answer questions about ${plural(noun)} in two sentences.' },`,
  `      { role: 'user', content: ${input} },`,
  '    ],',
];

const WRITERS: Record<VendorStyle, StyleWriter> = {
  'openai-default': (b) => {
    const OpenAI = b.useDefault('openai', 'OpenAI');
    const noun = b.names.noun();
    const client = b.declare('openai');
    return {
      lines: [
        `const ${client} = new ${OpenAI}({ apiKey: process.env.OPENAI_API_KEY });`,
        '',
        `export async function ${b.declare(`answer${pascal(noun)}Question`)}(question: string, context: readonly string[]): Promise<string> {`,
        `  const completion = await ${client}.chat.completions.create({`,
        `    model: '${b.random.pick(CHAT_MODELS)}',`,
        `    temperature: ${b.random.pick(['0', '0.2', '0.7'])},`,
        ...chatMessages(noun, "`${context.join('\\n')}\\n\\nQuestion: ${question}`"),
        '  });',
        "  return completion.choices[0]?.message?.content ?? '';",
        '}',
      ],
    };
  },

  'openai-class-stream': (b) => {
    const OpenAI = b.useNamed('openai', 'OpenAI');
    const noun = b.names.noun();
    return {
      lines: [
        `export class ${b.declare(`${pascal(noun)}Assistant`)} {`,
        `  private readonly client: ${OpenAI};`,
        '',
        '  constructor(apiKey = process.env.OPENAI_API_KEY) {',
        `    this.client = new ${OpenAI}({ apiKey, maxRetries: ${b.random.int(1, 4)} });`,
        '  }',
        '',
        '  /** Yields the answer as it is generated, so the UI can render it progressively. */',
        '  async *stream(prompt: string): AsyncGenerator<string> {',
        '    const stream = await this.client.chat.completions.create({',
        `      model: '${b.random.pick(CHAT_MODELS)}',`,
        '      stream: true,',
        "      messages: [{ role: 'user', content: prompt }],",
        '    });',
        '    for await (const chunk of stream) {',
        '      const delta = chunk.choices[0]?.delta?.content;',
        '      if (delta) yield delta;',
        '    }',
        '  }',
        '}',
      ],
    };
  },

  'openai-inline-key': (b) => {
    const OpenAI = b.useDefault('openai', 'OpenAI');
    const noun = b.names.noun();
    const client = b.declare('embeddingClient');
    return {
      lines: [
        `const ${client} = new ${OpenAI}({ apiKey: '${fakeProjectKey(b.random)}' });`,
        '',
        `export async function ${b.declare(`embed${pascal(plural(noun))}`)}(texts: string[]): Promise<number[][]> {`,
        `  const response = await ${client}.embeddings.create({ model: '${b.random.pick(EMBEDDING_MODELS)}', input: texts });`,
        '  return response.data.map((item) => item.embedding);',
        '}',
      ],
    };
  },

  'openai-namespace': (b) => {
    b.addImportLine("import * as oai from 'openai';");
    const noun = b.names.noun();
    const client = b.declare('responsesClient');
    return {
      lines: [
        `const ${client} = new oai.OpenAI();`,
        '',
        `export async function ${b.declare(`describe${pascal(noun)}`)}(details: Record<string, unknown>): Promise<string> {`,
        `  const response = await ${client}.responses.create({`,
        `    model: '${b.random.pick(CHAT_MODELS)}',`,
        `    input: \`Describe this ${noun} for a customer: \${JSON.stringify(details)}\`,`,
        '  });',
        '  return response.output_text;',
        '}',
      ],
    };
  },

  'openai-dynamic-import': (b) => {
    const noun = b.names.noun();
    return {
      lines: [
        '// The SDK is loaded lazily so cold starts of the other handlers stay fast.',
        `export async function ${b.declare(`moderate${pascal(noun)}`)}(text: string): Promise<boolean> {`,
        "  const { default: OpenAI } = await import('openai');",
        '  const client = new OpenAI();',
        '  const result = await client.moderations.create({ input: text });',
        '  return result.results.some((entry) => entry.flagged);',
        '}',
      ],
    };
  },

  'azure-openai-v4': (b) => {
    const AzureOpenAI = b.useNamed('openai', 'AzureOpenAI');
    const noun = b.names.noun();
    const deployment = b.random.pick(AZURE_DEPLOYMENTS);
    const client = b.declare('azureClient');
    return {
      lines: [
        `const ${client} = new ${AzureOpenAI}({`,
        `  endpoint: '${azureEndpoint(b)}',`,
        `  apiVersion: '${b.random.pick(API_VERSIONS)}',`,
        `  deployment: '${deployment}',`,
        '  apiKey: process.env.AZURE_OPENAI_API_KEY,',
        '});',
        '',
        `export async function ${b.declare(`summarize${pascal(noun)}`)}(text: string) {`,
        `  const result = await ${client}.chat.completions.create({`,
        `    model: '${deployment}',`,
        `    max_tokens: ${b.random.pick([200, 400, 800])},`,
        ...chatMessages(noun, 'text'),
        '  });',
        '  return result.choices[0].message.content;',
        '}',
      ],
    };
  },

  'azure-sdk-chat': (b) => {
    const OpenAIClient = b.useNamed('@azure/openai', 'OpenAIClient');
    const AzureKeyCredential = b.useNamed('@azure/openai', 'AzureKeyCredential');
    const noun = b.names.noun();
    const client = b.declare('chatClient');
    return {
      lines: [
        `const ${client} = new ${OpenAIClient}('${azureEndpoint(b)}/', new ${AzureKeyCredential}(process.env.AZURE_OPENAI_KEY ?? ''));`,
        '',
        `export async function ${b.declare(`classify${pascal(noun)}`)}(text: string): Promise<string | undefined> {`,
        `  const { choices } = await ${client}.getChatCompletions(`,
        `    '${b.random.pick(AZURE_DEPLOYMENTS)}',`,
        '    [',
        `      { role: 'system', content: 'Classify the ${noun} with one word.' },`,
        "      { role: 'user', content: text },",
        '    ],',
        '    { maxTokens: 20, temperature: 0 },',
        '  );',
        '  return choices[0]?.message?.content ?? undefined;',
        '}',
      ],
    };
  },

  'azure-sdk-embeddings': (b) => {
    const OpenAIClient = b.useNamed('@azure/openai', 'OpenAIClient');
    const AzureKeyCredential = b.useNamed('@azure/openai', 'AzureKeyCredential');
    const noun = b.names.noun();
    return {
      lines: [
        `export class ${b.declare(`${pascal(noun)}Indexer`)} {`,
        `  private readonly client = new ${OpenAIClient}(`,
        '    process.env.AZURE_OPENAI_ENDPOINT ?? \'\',',
        `    new ${AzureKeyCredential}(process.env.AZURE_OPENAI_KEY ?? ''),`,
        '  );',
        '',
        `  async index(${plural(noun)}: ReadonlyArray<{ id: string; text: string }>) {`,
        `    const result = await this.client.getEmbeddings('embeddings-${b.random.pick(AZURE_REGIONS)}', ${plural(noun)}.map((item) => item.text));`,
        `    return result.data.map((entry, position) => ({ id: ${plural(noun)}[position].id, vector: entry.embedding }));`,
        '  }',
        '}',
      ],
    };
  },

  langchain: (b) => {
    const ChatOpenAI = b.useNamed('@langchain/openai', 'ChatOpenAI');
    const noun = b.names.noun();
    const llm = b.declare('llm');
    return {
      lines: [
        `const ${llm} = new ${ChatOpenAI}({ model: '${b.random.pick(CHAT_MODELS)}', temperature: 0 });`,
        '',
        `export async function ${b.declare(`extract${pascal(noun)}Fields`)}(text: string): Promise<string> {`,
        `  const message = await ${llm}.invoke([`,
        `    ['system', 'Extract the ${noun} fields as JSON.'],`,
        "    ['human', text],",
        '  ]);',
        '  return String(message.content);',
        '}',
      ],
    };
  },

  'ai-sdk': (b) => {
    const openai = b.useNamed('@ai-sdk/openai', 'openai');
    const generateText = b.useNamed('ai', 'generateText');
    const noun = b.names.noun();
    return {
      lines: [
        `export async function ${b.declare(`draft${pascal(noun)}Reply`)}(prompt: string): Promise<string> {`,
        `  const { text } = await ${generateText}({`,
        `    model: ${openai}('${b.random.pick(CHAT_MODELS)}'),`,
        `    system: 'You write short, friendly replies about ${plural(noun)}.',`,
        '    prompt,',
        '  });',
        '  return text;',
        '}',
      ],
    };
  },

  'rest-fetch': (b) => {
    const noun = b.names.noun();
    return {
      lines: [
        '// Plain fetch keeps this edge function free of SDK dependencies.',
        `export async function ${b.declare(`complete${pascal(noun)}`)}(prompt: string): Promise<string> {`,
        "  const response = await fetch('https://api.openai.com/v1/chat/completions', {",
        "    method: 'POST',",
        '    headers: {',
        "      'Content-Type': 'application/json',",
        '      Authorization: `Bearer ${process.env.OPENAI_API_KEY}`,',
        '    },',
        `    body: JSON.stringify({ model: '${b.random.pick(CHAT_MODELS)}', messages: [{ role: 'user', content: prompt }] }),`,
        '  });',
        '  if (!response.ok) throw new Error(`completion failed: ${response.status}`);',
        '  const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };',
        '  return body.choices[0].message.content;',
        '}',
      ],
    };
  },

  'openai-v3-require': (b) => {
    b.addImportLine("const { Configuration, OpenAIApi } = require('openai');");
    const name = b.declare(`answer${pascal(b.names.noun())}`);
    return {
      exported: name,
      lines: [
        'const configuration = new Configuration({ apiKey: process.env.OPENAI_API_KEY });',
        'const openai = new OpenAIApi(configuration);',
        '',
        `async function ${name}(prompt) {`,
        '  const response = await openai.createChatCompletion({',
        `    model: '${b.random.pick(['gpt-3.5-turbo', 'gpt-4', 'gpt-3.5-turbo-16k'])}',`,
        "    messages: [{ role: 'user', content: prompt }],",
        '  });',
        '  return response.data.choices[0].message.content;',
        '}',
      ],
    };
  },

  'openai-require': (b) => {
    b.addImportLine("const OpenAI = require('openai');");
    const name = b.declare(`embed${pascal(b.names.noun())}Documents`);
    return {
      exported: name,
      lines: [
        'const client = new OpenAI();',
        '',
        `async function ${name}(documents) {`,
        '  const { data } = await client.embeddings.create({',
        `    model: '${b.random.pick(EMBEDDING_MODELS)}',`,
        '    input: documents.map((document) => document.text),',
        '  });',
        '  return data.map((row, index) => ({ id: documents[index].id, vector: row.embedding }));',
        '}',
      ],
    };
  },

  'shared-client': (b) => {
    const OpenAI = b.useDefault('openai', 'OpenAI');
    return {
      lines: [
        '/** The one client the package shares, so retries and timeouts are configured in one place. */',
        `export const openai = new ${OpenAI}({ apiKey: process.env.OPENAI_API_KEY, timeout: ${b.random.pick([20000, 30000, 60000])}, maxRetries: 2 });`,
      ],
    };
  },

  'shared-client-consumer': (b, { sharedClient }) => {
    const imported = b.useNamed(sharedClient!.specifier, sharedClient!.name);
    const openai = sharedClient!.factory ? `${imported}()` : imported;
    const noun = b.names.noun();
    return {
      lines: [
        `export async function ${b.declare(`suggest${pascal(noun)}Tags`)}(description: string): Promise<string[]> {`,
        `  const response = await ${openai}.chat.completions.create({`,
        `    model: '${b.random.pick(CHAT_MODELS)}',`,
        ...chatMessages(noun, 'description'),
        '  });',
        "  return (response.choices[0]?.message?.content ?? '').split(',').map((tag) => tag.trim());",
        '}',
      ],
    };
  },
};

export function vendorBlock(style: VendorStyle, b: FileBuilder, sharedClient?: SharedClientImport): VendorBlock {
  return WRITERS[style](b, { sharedClient });
}
