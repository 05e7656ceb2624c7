/**
 * How a vendor client's construction maps onto a connection of the seam (SPEC §3, "Connections"), as data:
 * where its options are, which the seam's SDK client takes as they are, which become config entries,
 * which the fix cannot carry (and why), and what the SDK reads when an option is left out. The wrap fix
 * keeps every call on the connection of the client it went through: a new SDK is a new row here.
 */
import type { SeamProviderId } from './wrap-table';

/** What the seam's SDK client takes, written the way the connection's `options` carry it. */
export interface CarriedOptions {
  /** Copied as written (an expression the seam's config can evaluate). */
  carried: readonly string[];
  /** Copied, but a literal value becomes an entry of the seam's config section (an endpoint, an API version). */
  entries: Readonly<Record<string, 'endpoints' | 'apiVersions'>>;
  /** Left out on purpose: another part of the fix carries it (an Azure deployment becomes the model). */
  dropped: readonly string[];
  /** Options that change how requests are sent in ways a connection cannot hold: the fix is refused, naming them. */
  refused: Readonly<Record<string, string>>;
  /**
   * What the SDK reads when an option is not given, written out so the connection shows it; `unless`: not
   * when one of these options is given (an Azure token provider replaces the key).
   */
  implicit: ReadonlyArray<{ option: string; text: string; unless?: readonly string[] }>;
  /** Values that are the SDK's own default: left out, so a client that writes them has the connection of one that does not. */
  defaults?: Readonly<Record<string, string>>;
  /** The option that holds the API key (a literal key moves to an environment variable). */
  keyOption?: string;
  /** The option whose package call names the connection (\`provider: bedrock(…)\` of a third-party provider). */
  namingOption?: string;
}

export type ConstructionShape =
  /** `new Client({ … })`: one options object, passed to the seam's client as it is. */
  | ({ style: 'options' } & CarriedOptions)
  /**
   * `new OpenAIClient(endpoint, credential, options?)` of @azure/openai, or `new OpenAIClient(openAIKeyCredential)`:
   * translated to the options of `openai`'s AzureOpenAI / OpenAI client.
   */
  | { style: 'azure-sdk'; defaultApiVersion: string; options: CarriedOptions }
  /** openai v3: `new OpenAIApi(new Configuration({ … }))`, options renamed for the v4+ client. */
  | { style: 'v3-configuration'; renamed: Readonly<Record<string, string>>; options: CarriedOptions };

const TRANSPORT_REFUSALS = {
  fetch: 'a custom `fetch`',
  fetchOptions: 'custom `fetchOptions`',
  httpAgent: 'a custom `httpAgent`',
} as const;

const OPENAI_OPTIONS: CarriedOptions = {
  carried: ['apiKey', 'organization', 'project', 'baseURL', 'timeout', 'maxRetries', 'defaultHeaders', 'defaultQuery', 'dangerouslyAllowBrowser', 'webhookSecret', 'logLevel', 'provider'],
  entries: { baseURL: 'endpoints' },
  dropped: [],
  refused: { ...TRANSPORT_REFUSALS, logger: 'a custom `logger`' },
  // A third-party \`provider\` owns the key (the SDK refuses both).
  implicit: [{ option: 'apiKey', text: 'process.env.OPENAI_API_KEY', unless: ['provider'] }],
  defaults: { maxRetries: '2' },
  keyOption: 'apiKey',
  namingOption: 'provider',
};

const AZURE_OPENAI_OPTIONS: CarriedOptions = {
  carried: [...OPENAI_OPTIONS.carried, 'endpoint', 'apiVersion', 'azureADTokenProvider'],
  entries: { baseURL: 'endpoints', endpoint: 'endpoints', apiVersion: 'apiVersions' },
  dropped: ['deployment'],
  refused: OPENAI_OPTIONS.refused,
  defaults: OPENAI_OPTIONS.defaults,
  implicit: [
    { option: 'endpoint', text: 'process.env.AZURE_OPENAI_ENDPOINT', unless: ['baseURL'] },
    { option: 'apiKey', text: 'process.env.AZURE_OPENAI_API_KEY', unless: ['azureADTokenProvider'] },
    { option: 'apiVersion', text: 'process.env.OPENAI_API_VERSION' },
  ],
  keyOption: 'apiKey',
};

/** The construction of each client class the wrap table's calls go through, and the seam adapter that serves it. */
export const CLIENT_CONNECTIONS: Readonly<Record<string, { provider: SeamProviderId; construction: ConstructionShape }>> = {
  OpenAI: { provider: 'openai', construction: { style: 'options', ...OPENAI_OPTIONS } },
  AzureOpenAI: { provider: 'azure-openai', construction: { style: 'options', ...AZURE_OPENAI_OPTIONS } },
  OpenAIClient: {
    provider: 'azure-openai',
    construction: {
      style: 'azure-sdk',
      // @azure/openai 1.0.0-beta sends this API version when none is given.
      defaultApiVersion: '2024-03-01-preview',
      options: {
        carried: ['apiVersion'],
        entries: { apiVersion: 'apiVersions' },
        // The seam's client speaks plain http when the endpoint says so; nothing to carry.
        dropped: ['allowInsecureConnection'],
        refused: {
          retryOptions: 'custom `retryOptions`',
          additionalPolicies: 'custom pipeline `additionalPolicies`',
          httpClient: 'a custom `httpClient`',
          proxyOptions: '`proxyOptions`',
          userAgentOptions: '`userAgentOptions`',
          credentials: 'custom `credentials` scopes',
          tlsOptions: '`tlsOptions`',
        },
        implicit: [],
      },
    },
  },
  OpenAIApi: {
    provider: 'openai',
    construction: {
      style: 'v3-configuration',
      renamed: { apiKey: 'apiKey', organization: 'organization', basePath: 'baseURL' },
      // v3 read no environment variable: a key it was not given stays absent.
      options: { ...OPENAI_OPTIONS, implicit: [], refused: { ...OPENAI_OPTIONS.refused, baseOptions: 'axios `baseOptions`', formDataCtor: 'a custom `formDataCtor`' } },
    },
  },
};

/** The credential classes of @azure/openai and what each becomes in the seam's client options. */
export const AZURE_SDK_CREDENTIALS: Readonly<Record<string, { provider: SeamProviderId; option: 'apiKey' }>> = {
  AzureKeyCredential: { provider: 'azure-openai', option: 'apiKey' },
  OpenAIKeyCredential: { provider: 'openai', option: 'apiKey' },
};

/** A Microsoft Entra ID credential (any `TokenCredential`) becomes a token provider for this scope. */
export const AZURE_TOKEN = { module: '@azure/identity', provider: 'getBearerTokenProvider', scope: 'https://cognitiveservices.azure.com/.default' } as const;
