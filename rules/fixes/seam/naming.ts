/**
 * Names of the seam's configuration entries: the key in config.ts and the environment variable that
 * overrides it. `gpt-4o-mini` → `gpt4oMini` / `AI_MODEL_GPT_4O_MINI`; an Azure OpenAI endpoint →
 * `azureOpenAI` / `AZURE_OPENAI_ENDPOINT`; an api.openai.com base URL → `openAI` / `OPENAI_BASE_URL`, a request
 * URL there → `openAIChatCompletions` / `OPENAI_CHAT_COMPLETIONS_URL`; an API version → `azureOpenAI` /
 * `AZURE_OPENAI_API_VERSION`. `addConfigEntry` numbers the names when the base
 * name is taken by another value (`azureOpenAI2` / `AZURE_OPENAI_ENDPOINT_2`).
 */
import { vendorOfHost } from '../../vendors/table';

export type ConfigEntryKind = 'model' | 'endpoint' | 'apiVersion';

/** What the seam's adapters read as the vendor's base URL: these entries must hold nothing else. */
const BASE_ENTRIES = {
  openai: { key: 'openAI', envVar: 'OPENAI_BASE_URL', envPrefix: 'OPENAI', basePath: ['v1'] },
  'azure-openai': { key: 'azureOpenAI', envVar: 'AZURE_OPENAI_ENDPOINT', envPrefix: 'AZURE_OPENAI', basePath: ['openai'] },
} as const;

export function configEntryName(literal: string, kind: ConfigEntryKind): string {
  if (kind === 'apiVersion') return 'azureOpenAI';
  if (kind === 'endpoint') {
    const url = parseEndpoint(literal);
    const base = url.vendor && BASE_ENTRIES[url.vendor];
    if (!base) return camelCase(url.host) || 'endpoint';
    // Each Azure resource is its own endpoint: named after the resource, never a shared name.
    if (url.vendor === 'azure-openai') return camelCase(url.resource) + url.requestPath.map(capitalized).join('') || base.key;
    // A request URL (`…/v1/chat/completions`) is not the base URL: it gets its own entry.
    return base.key + url.requestPath.map(capitalized).join('');
  }
  const name = camelCase(literal);
  return /^\d/.test(name) ? `model${name}` : name || 'model';
}

export function envVarName(literal: string, kind: ConfigEntryKind): string {
  if (kind === 'apiVersion') return 'AZURE_OPENAI_API_VERSION';
  if (kind === 'endpoint') {
    const url = parseEndpoint(literal);
    const base = url.vendor && BASE_ENTRIES[url.vendor];
    if (!base) return `AI_ENDPOINT_${upperSnakeCase(url.host)}`;
    if (url.vendor === 'azure-openai') return [base.envVar, upperSnakeCase(url.resource), ...url.requestPath.map((word) => word.toUpperCase())].filter(Boolean).join('_');
    return url.requestPath.length ? `${base.envPrefix}_${url.requestPath.join('_').toUpperCase()}_URL` : base.envVar;
  }
  return `AI_MODEL_${upperSnakeCase(literal)}`;
}

/** The host, its vendor, and the words of the path below the vendor's base path (empty for a base URL). */
function parseEndpoint(literal: string): { host: string; resource: string; vendor: 'openai' | 'azure-openai' | undefined; requestPath: string[] } {
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z][\w+.-]*:\/\//i.test(literal) ? literal : `https://${literal}`);
  } catch {
    url = undefined;
  }
  const host = url ? url.host.toLowerCase() : literal.toLowerCase();
  const found = vendorOfHost(host);
  const vendor = found === 'openai' || found === 'azure-openai' ? found : undefined;
  // The Azure resource: the first label of `<resource>.openai.azure.com`.
  const resource = host.split('.')[0];
  if (!vendor || !url) return { host, resource, vendor, requestPath: [] };
  let pathWords = words(url.pathname);
  const basePath: readonly string[] = BASE_ENTRIES[vendor].basePath;
  if (basePath.every((word, index) => pathWords[index]?.toLowerCase() === word)) pathWords = pathWords.slice(basePath.length);
  return { host, resource, vendor, requestPath: pathWords };
}

function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

function camelCase(text: string): string {
  return words(text)
    .map((word, index) => (index === 0 ? word.toLowerCase() : capitalized(word)))
    .join('');
}

function capitalized(word: string): string {
  return word[0].toUpperCase() + word.slice(1).toLowerCase();
}

export function upperSnakeCase(text: string): string {
  return words(text).join('_').toUpperCase();
}

/** A camelCase name as an environment variable's words: `contosoReportsWe` → `CONTOSO_REPORTS_WE`, `azureOpenAI` → `AZURE_OPENAI`. */
export function constantCase(name: string): string {
  return upperSnakeCase(name.replace(/OpenAI/g, 'Openai').replace(/([a-z0-9])([A-Z])/g, '$1 $2'));
}

/** Words of variable names that say nothing about which connection they belong to. */
const GENERIC_WORDS = new Set(['azure', 'openai', 'endpoint', 'url', 'base', 'api', 'host', 'uri']);
const DEFAULT_CONNECTIONS = { openai: 'openai', 'azure-openai': 'azureOpenAI' } as const;

/**
 * A connection's name from what tells it apart: an endpoint literal (`https://contoso-eu.openai.azure.com` →
 * `contosoEu`, api.openai.com → `openai`), or the variable an endpoint is read from (`REPORTS_ENDPOINT` →
 * `reports`); else the provider's (`openai`, `azureOpenAI`).
 */
export function connectionName(hint: string, provider: 'openai' | 'azure-openai'): string {
  if (/^[a-z][\w+.-]*:\/\/|\./i.test(hint)) {
    const url = parseEndpoint(hint);
    if (url.vendor === 'openai') return DEFAULT_CONNECTIONS.openai;
    const named = camelCase(url.vendor === 'azure-openai' ? url.resource : url.host.replace(/\.[a-z]+$/i, ''));
    return named || DEFAULT_CONNECTIONS[provider];
  }
  if (/^[A-Z0-9_]+$/.test(hint)) {
    const named = camelCase(words(hint).filter((word) => !GENERIC_WORDS.has(word.toLowerCase())).join(' '));
    return named || DEFAULT_CONNECTIONS[provider];
  }
  // The config entry of the api.openai.com base URL is `openAI`: that is the OpenAI connection.
  return (hint.toLowerCase() === 'openai' ? DEFAULT_CONNECTIONS.openai : hint) || DEFAULT_CONNECTIONS[provider];
}

/** The name of a connection setting from the code that computes it: `profile.openai_api_key` → `openaiApiKey`, `DEPLOYMENT_ID` → `deploymentId`. */
export function settingName(text: string): string {
  return /^[a-z][A-Za-z0-9]*$/.test(text) ? text : camelCase(text) || 'setting';
}
