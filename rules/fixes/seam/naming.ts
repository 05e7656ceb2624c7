/**
 * Names of the seam's configuration entries: the key in config.ts and the environment variable that
 * overrides it. `gpt-4o-mini` → `gpt4oMini` / `AI_MODEL_GPT_4O_MINI`; an Azure OpenAI endpoint →
 * `azureOpenAI` / `AZURE_OPENAI_ENDPOINT`; an api.openai.com base URL → `openAI` / `OPENAI_BASE_URL`; an API
 * version → `azureOpenAI` / `AZURE_OPENAI_API_VERSION`. `addConfigEntry` numbers the names when the base
 * name is taken by another value (`azureOpenAI2` / `AZURE_OPENAI_ENDPOINT_2`).
 */
import { vendorOfHost } from '../../vendors/table';

export type ConfigEntryKind = 'model' | 'endpoint' | 'apiVersion';

export function configEntryName(literal: string, kind: ConfigEntryKind): string {
  if (kind === 'apiVersion') return 'azureOpenAI';
  if (kind === 'endpoint') {
    const host = hostOf(literal);
    const vendor = vendorOfHost(host);
    if (vendor === 'azure-openai') return 'azureOpenAI';
    if (vendor === 'openai') return 'openAI';
    return camelCase(host) || 'endpoint';
  }
  const name = camelCase(literal);
  return /^\d/.test(name) ? `model${name}` : name || 'model';
}

export function envVarName(literal: string, kind: ConfigEntryKind): string {
  if (kind === 'apiVersion') return 'AZURE_OPENAI_API_VERSION';
  if (kind === 'endpoint') {
    const host = hostOf(literal);
    const vendor = vendorOfHost(host);
    if (vendor === 'azure-openai') return 'AZURE_OPENAI_ENDPOINT';
    if (vendor === 'openai') return 'OPENAI_BASE_URL';
    return `AI_ENDPOINT_${upperSnakeCase(host)}`;
  }
  return `AI_MODEL_${upperSnakeCase(literal)}`;
}

function hostOf(url: string): string {
  try {
    return new URL(/^[a-z][\w+.-]*:\/\//i.test(url) ? url : `https://${url}`).host.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

function camelCase(text: string): string {
  return words(text)
    .map((word, index) => (index === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase()))
    .join('');
}

function upperSnakeCase(text: string): string {
  return words(text).join('_').toUpperCase();
}
