/**
 * Vendor knowledge as data (SPEC §1). Adding a vendor or an SDK version is a change to these tables only:
 * the extractor reads module names, exported classes and factories, call paths, model slots, environment
 * prefixes and endpoint hosts from here.
 */
import type { VendorId } from '../engine/types';

/** What an exported binding of a vendor module is. */
export type ExportRole =
  /**
   * A client class: `new X()` is a client whose methods are vendor calls. `deploymentOption` names a
   * constructor option that fixes the model for every call (AzureOpenAI's `deployment`).
   */
  | { role: 'client'; callPatterns: readonly string[]; deploymentOption?: string; staticFactories?: readonly string[] }
  /** A credential or configuration class (`AzureKeyCredential`, v3 `Configuration`). */
  | { role: 'credential' }
  /** A function returning a provider (`createOpenAI`). */
  | { role: 'provider-factory' }
  /** A provider instance (`openai` of the AI SDK): calling it or its model methods binds a model. */
  | { role: 'provider' }
  /**
   * A resource type of a client (`Chat`, `Embeddings` of `openai/resources`): a value declared with it is
   * that part of a `client` instance (`path`), as when a helper returns `client.chat`.
   */
  | { role: 'resource'; client: string; path: readonly string[] }
  /** A type-only or utility export that matters only for imports and type leaks. */
  | { role: 'other' };

export interface VendorModule {
  /** Module specifier as written in imports. */
  name: string;
  /** Whether `name/...` subpaths belong to the vendor too. */
  subpaths: boolean;
  /** Export that the default import refers to, if any. */
  defaultExport?: string;
  exports: Readonly<Record<string, ExportRole>>;
}

export interface VendorSpec {
  id: VendorId;
  label: string;
  modules: readonly VendorModule[];
  /** Option properties that name a model or deployment, in request objects and constructor options. */
  modelProperties: readonly string[];
  /** Client methods whose first argument is a deployment name (`@azure/openai`). */
  deploymentArgumentMethods: readonly string[];
  /** Provider methods that bind a model given its name as the first argument (AI SDK). */
  providerModelMethods: readonly string[];
  /** Environment variable prefixes owned by this vendor. */
  envPrefixes: readonly string[];
  /** Endpoint host suffixes (a leading dot means any subdomain). */
  endpointHosts: readonly string[];
}

/** Call paths on OpenAI v4+ clients (`OpenAI`, `AzureOpenAI`); `*` matches one or more segments. */
const OPENAI_V4_CALLS = [
  'chat.completions.*',
  'responses.*',
  'completions.*',
  'embeddings.*',
  'images.*',
  'audio.*',
  'moderations.*',
  'files.*',
  'batches.*',
  'fineTuning.*',
  'vectorStores.*',
  'uploads.*',
  'models.*',
  'evals.*',
  'containers.*',
  'conversations.*',
  'realtime.*',
  'beta.*',
] as const;

/** Every method of these clients is an API call (`createChatCompletion`, `getChatCompletions` ...). */
const ALL_METHODS = ['*'] as const;

const openaiClasses = {
  OpenAI: { role: 'client', callPatterns: OPENAI_V4_CALLS },
  AzureOpenAI: { role: 'client', callPatterns: OPENAI_V4_CALLS, deploymentOption: 'deployment' },
  OpenAIApi: { role: 'client', callPatterns: ALL_METHODS },
  Configuration: { role: 'credential' },
  // Realtime and Responses WebSocket sessions (`openai/realtime/ws`, `openai/resources/beta/responses/ws`).
  OpenAIRealtimeWS: { role: 'client', callPatterns: ['send'], staticFactories: ['azure'] },
  OpenAIRealtimeWebSocket: { role: 'client', callPatterns: ['send'], staticFactories: ['azure'] },
  ResponsesWS: { role: 'client', callPatterns: ['send'] },
  // Provider factories of other clouds for an `OpenAI` client (`openai/providers/bedrock`).
  bedrock: { role: 'provider-factory' },
  // Resource types that helpers return (`getChat(): Promise<Chat>`).
  Chat: { role: 'resource', client: 'OpenAI', path: ['chat'] },
  Embeddings: { role: 'resource', client: 'OpenAI', path: ['embeddings'] },
  Responses: { role: 'resource', client: 'OpenAI', path: ['responses'] },
  Images: { role: 'resource', client: 'OpenAI', path: ['images'] },
  Audio: { role: 'resource', client: 'OpenAI', path: ['audio'] },
} as const satisfies Record<string, ExportRole>;

const azureCredentials = {
  AzureKeyCredential: { role: 'credential' },
  OpenAIKeyCredential: { role: 'credential' },
} as const satisfies Record<string, ExportRole>;

const langchainClients = {
  ChatOpenAI: { role: 'client', callPatterns: [] },
  AzureChatOpenAI: { role: 'client', callPatterns: [] },
  OpenAI: { role: 'client', callPatterns: [] },
  AzureOpenAI: { role: 'client', callPatterns: [] },
  OpenAIEmbeddings: { role: 'client', callPatterns: [] },
  AzureOpenAIEmbeddings: { role: 'client', callPatterns: [] },
} as const satisfies Record<string, ExportRole>;

export const VENDORS: readonly VendorSpec[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    modules: [
      { name: 'openai', subpaths: true, defaultExport: 'OpenAI', exports: openaiClasses },
      { name: 'openai-edge', subpaths: true, exports: openaiClasses },
    ],
    modelProperties: ['model', 'deployment'],
    deploymentArgumentMethods: [],
    providerModelMethods: [],
    envPrefixes: ['OPENAI_'],
    endpointHosts: ['api.openai.com'],
  },
  {
    id: 'azure-openai',
    label: 'Azure OpenAI',
    modules: [
      {
        name: '@azure/openai',
        subpaths: true,
        exports: { OpenAIClient: { role: 'client', callPatterns: ALL_METHODS }, ...azureCredentials },
      },
      {
        name: '@azure/openai-assistants',
        subpaths: true,
        exports: { AssistantsClient: { role: 'client', callPatterns: ALL_METHODS }, ...azureCredentials },
      },
    ],
    modelProperties: ['model', 'deployment', 'deploymentName', 'deploymentId'],
    deploymentArgumentMethods: [
      'getChatCompletions',
      'streamChatCompletions',
      'listChatCompletions',
      'getCompletions',
      'streamCompletions',
      'getEmbeddings',
      'getImages',
      'getAudioTranscription',
      'getAudioTranslation',
      'generateSpeechFromText',
    ],
    providerModelMethods: [],
    envPrefixes: ['AZURE_OPENAI_'],
    endpointHosts: ['.openai.azure.com', '.cognitiveservices.azure.com', '.services.ai.azure.com'],
  },
  {
    id: 'langchain-openai',
    label: 'LangChain OpenAI',
    modules: [
      { name: '@langchain/openai', subpaths: true, exports: langchainClients },
      { name: 'langchain/llms/openai', subpaths: false, exports: { OpenAI: langchainClients.OpenAI } },
      { name: 'langchain/chat_models/openai', subpaths: false, exports: { ChatOpenAI: langchainClients.ChatOpenAI } },
      {
        name: 'langchain/embeddings/openai',
        subpaths: false,
        exports: { OpenAIEmbeddings: langchainClients.OpenAIEmbeddings },
      },
    ],
    modelProperties: [
      'model',
      'modelName',
      'deploymentName',
      'azureOpenAIApiDeploymentName',
      'azureOpenAIApiEmbeddingsDeploymentName',
      'azureOpenAIApiCompletionsDeploymentName',
    ],
    deploymentArgumentMethods: [],
    providerModelMethods: [],
    envPrefixes: [],
    endpointHosts: [],
  },
  {
    id: 'ai-sdk-openai',
    label: 'AI SDK OpenAI provider',
    modules: [
      {
        name: '@ai-sdk/openai',
        subpaths: true,
        exports: { openai: { role: 'provider' }, createOpenAI: { role: 'provider-factory' } },
      },
      {
        name: '@ai-sdk/azure',
        subpaths: true,
        exports: { azure: { role: 'provider' }, createAzure: { role: 'provider-factory' } },
      },
    ],
    modelProperties: [],
    deploymentArgumentMethods: [],
    providerModelMethods: [
      'chat',
      'responses',
      'completion',
      'languageModel',
      'embedding',
      'textEmbedding',
      'textEmbeddingModel',
      'image',
      'imageModel',
      'transcription',
      'speech',
    ],
    envPrefixes: [],
    endpointHosts: [],
  },
];

const vendorById = new Map(VENDORS.map((vendor) => [vendor.id, vendor]));
export const VENDOR_IDS = VENDORS.map((vendor) => vendor.id);

export function vendorSpec(id: VendorId): VendorSpec {
  return vendorById.get(id)!;
}

export function vendorLabel(id: VendorId | 'configured'): string {
  return id === 'configured' ? 'a configured AI endpoint' : vendorSpec(id).label;
}

export interface ModuleMatch {
  vendor: VendorSpec;
  module: VendorModule;
}

/** The vendor module a specifier refers to (`openai`, `openai/resources/chat`), or undefined. */
export function matchVendorModule(written: string): ModuleMatch | undefined {
  // Deno's `npm:openai@4` names the same package.
  const specifier = written.startsWith('npm:') ? written.slice(4).replace(/^((?:@[^/]+\/)?[^@/]+)@[^/]*/, '$1') : written;
  for (const vendor of VENDORS) {
    for (const module of vendor.modules) {
      if (specifier === module.name) return { vendor, module };
      if (module.subpaths && specifier.startsWith(module.name + '/')) return { vendor, module };
    }
  }
  return undefined;
}

/** Does a call path below a client (`chat.completions.create`) match one of its patterns? */
export function matchesCallPattern(path: readonly string[], patterns: readonly string[]): boolean {
  const joined = path.join('.');
  return patterns.some((pattern) => {
    if (pattern === '*') return path.length > 0;
    if (pattern.endsWith('.*')) {
      const prefix = pattern.slice(0, -1);
      return joined.startsWith(prefix) && joined.length > prefix.length;
    }
    return joined === pattern;
  });
}

/** Vendor owning an environment variable name, by prefix. Longest prefix wins (`AZURE_OPENAI_` over none). */
export function vendorOfEnvVar(name: string): VendorId | undefined {
  let best: { id: VendorId; length: number } | undefined;
  for (const vendor of VENDORS) {
    for (const prefix of vendor.envPrefixes) {
      if (name.startsWith(prefix) && (!best || prefix.length > best.length)) best = { id: vendor.id, length: prefix.length };
    }
  }
  return best?.id;
}

/** Vendor owning an endpoint host (lower case). */
export function vendorOfHost(host: string): VendorId | undefined {
  for (const vendor of VENDORS) {
    for (const suffix of vendor.endpointHosts) {
      if (suffix.startsWith('.') ? host.endsWith(suffix) && host.length > suffix.length : host === suffix) return vendor.id;
    }
  }
  return undefined;
}

/** HTTP libraries whose requests may target vendor endpoints: module → callable shape. */
export interface HttpLibrary {
  name: string;
  modules: readonly string[];
  /** The default / namespace import is itself callable with a URL (`axios(url)`, `got(url)`). */
  callable: boolean;
  /** Methods taking a URL or options first (`axios.post`, `https.request`). */
  methods: readonly string[];
}

export const HTTP_LIBRARIES: readonly HttpLibrary[] = [
  { name: 'axios', modules: ['axios'], callable: true, methods: ['get', 'post', 'put', 'patch', 'delete', 'request', 'create', 'head'] },
  { name: 'got', modules: ['got'], callable: true, methods: ['get', 'post', 'put', 'patch', 'delete', 'stream', 'extend'] },
  { name: 'ky', modules: ['ky'], callable: true, methods: ['get', 'post', 'put', 'patch', 'delete', 'create', 'extend'] },
  { name: 'node:https', modules: ['https', 'node:https', 'http', 'node:http'], callable: false, methods: ['request', 'get'] },
  { name: 'undici', modules: ['undici'], callable: false, methods: ['fetch', 'request', 'stream'] },
  // `fetch` for Node before 18 and isomorphic code: the default export is `fetch` itself.
  { name: 'node-fetch', modules: ['node-fetch'], callable: true, methods: [] },
  { name: 'cross-fetch', modules: ['cross-fetch'], callable: true, methods: ['fetch'] },
];

/** Global functions that send HTTP requests. */
export const HTTP_GLOBALS: readonly string[] = ['fetch'];

/** Calls that mock a module in tests; a mocked vendor module is not a dependency of that file. */
export const MODULE_MOCK_CALLS: readonly string[] = [
  'jest.mock',
  'jest.doMock',
  'jest.unstable_mockModule',
  'vi.mock',
  'vi.doMock',
];

/** Option properties that carry an Azure OpenAI API version. */
export const API_VERSION_PROPERTIES: readonly string[] = ['apiVersion', 'api_version', 'api-version', 'azureOpenAIApiVersion'];

/** Option properties and headers that carry an API key. */
export const API_KEY_PROPERTIES: readonly string[] = [
  'apiKey',
  'api_key',
  'api-key',
  'openAIApiKey',
  'azureOpenAIApiKey',
];

/** Key properties any API has: they carry a vendor's key only in a file about Azure OpenAI (`AZURE_OPENAI_CONTEXT`). */
export const GENERIC_KEY_PROPERTIES: readonly string[] = ['apiKey', 'api_key'];
