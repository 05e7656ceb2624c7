/**
 * The providers a generated seam can hold, as data: what each can do (capabilities), whether it takes
 * OpenAI's model names as they are, the SDK its adapter is written on (pinned exactly), and the connection
 * `aidlint seam add-provider` writes for it. The seam's `providers/registry` module is rendered from this
 * table, and `aidlint seam check` falls back to it for a provider whose registry entry it cannot read.
 */

/** What a model can need and a provider can do. */
export const CAPABILITIES = ['chat', 'streaming', 'tools', 'json', 'jsonSchema', 'candidateCount', 'embeddings', 'dimensions', 'moderation'] as const;

export type Capability = (typeof CAPABILITIES)[number];

export interface SeamProvider {
  /** The `provider` a connection names, and the name of the connection add-provider writes. */
  name: string;
  /** The adapter's module inside the seam folder, without extension. */
  module: string;
  /** The function the adapter module exports. */
  factory: string;
  capabilities: readonly Capability[];
  /** Whether `models` values (OpenAI model names, Azure deployments named after them) are valid ids here. */
  openAIModelNames: boolean;
  /**
   * The SDK the adapter needs beyond `openai`, pinned exactly (engines checked on Node 20); `esmTypes`: its
   * types are ES modules for Node, so CommonJS TypeScript under node16/nodenext resolution cannot import it.
   */
  sdk?: { name: string; version: string; esmTypes?: true };
  /** The client options of the connection add-provider writes (read when the first request is made); only for added providers. */
  connectionOptions?: ReadonlyArray<{ name: string; text: string }>;
}

const ALL: readonly Capability[] = CAPABILITIES;

export const SEAM_PROVIDERS: readonly SeamProvider[] = [
  {
    name: 'openai',
    module: 'providers/openai',
    factory: 'openAIProvider',
    capabilities: ALL,
    openAIModelNames: true,
  },
  {
    name: 'azure-openai',
    module: 'providers/azure-openai',
    factory: 'azureOpenAIProvider',
    // Azure OpenAI filters content itself and has no moderation endpoint.
    capabilities: ALL.filter((capability) => capability !== 'moderation'),
    openAIModelNames: true,
  },
  {
    name: 'anthropic',
    module: 'providers/anthropic',
    factory: 'anthropicProvider',
    // The Messages API answers once per request, has no JSON mode (but JSON Schema outputs), no embeddings and no moderation.
    capabilities: ['chat', 'streaming', 'tools', 'jsonSchema'],
    openAIModelNames: false,
    sdk: { name: '@anthropic-ai/sdk', version: '1.17.0' },
    connectionOptions: [{ name: 'apiKey', text: 'process.env.ANTHROPIC_API_KEY' }],
  },
  {
    name: 'google',
    module: 'providers/google',
    factory: 'googleProvider',
    capabilities: ['chat', 'streaming', 'tools', 'json', 'jsonSchema', 'candidateCount', 'embeddings', 'dimensions'],
    openAIModelNames: false,
    // 3.x requires Node 22; 2.32.0 is the last release for Node 20.
    sdk: { name: '@google/genai', version: '2.32.0', esmTypes: true },
    connectionOptions: [{ name: 'apiKey', text: 'process.env.GEMINI_API_KEY' }],
  },
  {
    name: 'openai-compatible',
    module: 'providers/openai-compatible',
    factory: 'openAICompatibleProvider',
    // What every OpenAI-compatible server (Ollama, vLLM, LiteLLM) serves; `n`, `dimensions` and JSON Schema outputs are not.
    capabilities: ['chat', 'streaming', 'tools', 'json', 'embeddings'],
    openAIModelNames: false,
    connectionOptions: [
      { name: 'baseURL', text: 'process.env.OPENAI_COMPATIBLE_BASE_URL' },
      { name: 'apiKey', text: 'process.env.OPENAI_COMPATIBLE_API_KEY' },
    ],
  },
];

/** The providers `aidlint seam add-provider` adds (a new seam has the OpenAI and Azure OpenAI adapters already). */
export const ADDABLE_PROVIDERS = SEAM_PROVIDERS.filter((provider) => provider.name !== 'openai' && provider.name !== 'azure-openai');

export function seamProvider(name: string): SeamProvider | undefined {
  return SEAM_PROVIDERS.find((provider) => provider.name === name);
}
