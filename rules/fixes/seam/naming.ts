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
    // A request URL (`…/v1/chat/completions`) is not the base URL the adapters use: it gets its own entry.
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
    return url.requestPath.length ? `${base.envPrefix}_${url.requestPath.join('_').toUpperCase()}_URL` : base.envVar;
  }
  return `AI_MODEL_${upperSnakeCase(literal)}`;
}

/** The host, its vendor, and the words of the path below the vendor's base path (empty for a base URL). */
function parseEndpoint(literal: string): { host: string; vendor: 'openai' | 'azure-openai' | undefined; requestPath: string[] } {
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z][\w+.-]*:\/\//i.test(literal) ? literal : `https://${literal}`);
  } catch {
    url = undefined;
  }
  const host = url ? url.host.toLowerCase() : literal.toLowerCase();
  const found = vendorOfHost(host);
  const vendor = found === 'openai' || found === 'azure-openai' ? found : undefined;
  if (!vendor || !url) return { host, vendor, requestPath: [] };
  let pathWords = words(url.pathname);
  const basePath: readonly string[] = BASE_ENTRIES[vendor].basePath;
  if (basePath.every((word, index) => pathWords[index]?.toLowerCase() === word)) pathWords = pathWords.slice(basePath.length);
  return { host, vendor, requestPath: pathWords };
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

function upperSnakeCase(text: string): string {
  return words(text).join('_').toUpperCase();
}
