/**
 * Text patterns derived from the vendor table: key formats, endpoint hosts, API versions, and the
 * pre-filter that decides which files are worth parsing at all.
 */
import { API_KEY_PROPERTIES, API_VERSION_PROPERTIES, VENDORS } from './table';

/** OpenAI key formats: `sk-…`, `sk-proj-…`, `sk-svcacct-…`, `sk-admin-…`, and anything with the `T3BlbkFJ` marker. */
const OPENAI_KEY = /(?<![A-Za-z0-9_-])(?:sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}|[A-Za-z0-9_-]*T3BlbkFJ[A-Za-z0-9_-]*)/g;
const KEY_PREFIX = /^sk-(?:proj-|svcacct-|admin-)?/;
/** Azure OpenAI keys: 32 hexadecimal characters (the whole string). */
const AZURE_KEY = /^[0-9a-fA-F]{32}$/;

export interface KeyMatch {
  start: number;
  end: number;
  key: string;
}

/** OpenAI-format keys inside a piece of text (a string literal's value or a comment). */
export function findOpenAiKeys(text: string): KeyMatch[] {
  const found: KeyMatch[] = [];
  for (const match of text.matchAll(OPENAI_KEY)) {
    const key = match[0];
    if (!key.includes('T3BlbkFJ') && !looksRandom(key.replace(KEY_PREFIX, ''))) continue;
    found.push({ start: match.index!, end: match.index! + key.length, key });
  }
  return found;
}

/** Real keys mix digits, upper and lower case; words joined by dashes (`sk-button-primary-large`) do not. */
function looksRandom(body: string): boolean {
  return /[0-9]/.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body);
}

export function isAzureKey(value: string): boolean {
  return AZURE_KEY.test(value);
}

/** The only form in which a key is ever shown: its prefix and last four characters (`sk-…abcd`). */
export function redactKey(key: string): string {
  const prefix = KEY_PREFIX.exec(key)?.[0] ?? '';
  return `${prefix}…${key.slice(-4)}`;
}

/** Replaces every OpenAI-format key in free text (log lines, error messages) by its redacted form. */
export function redactText(text: string): string {
  return text.replace(OPENAI_KEY, (key) => (key.includes('T3BlbkFJ') || looksRandom(key.replace(KEY_PREFIX, '')) ? redactKey(key) : key));
}

const API_VERSION_VALUE = /^\d{4}-\d{2}-\d{2}(?:-preview)?$/;
const API_VERSION_QUERY = /api-version=(\d{4}-\d{2}-\d{2}(?:-preview)?)/g;

export function isApiVersionValue(value: string): boolean {
  return API_VERSION_VALUE.test(value);
}

export function isApiVersionProperty(name: string): boolean {
  return API_VERSION_PROPERTIES.includes(name);
}

/** `api-version=…` query parameters inside a string; offsets of the version value. */
export function findApiVersionQueries(text: string): Array<{ start: number; end: number; value: string }> {
  return [...text.matchAll(API_VERSION_QUERY)].map((match) => {
    const start = match.index! + match[0].length - match[1].length;
    return { start, end: start + match[1].length, value: match[1] };
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Host names in text: vendor endpoint hosts plus configured ones. Built once per set of configured hosts. */
export function hostPattern(configuredHosts: readonly string[]): RegExp {
  const vendorHosts = VENDORS.flatMap((vendor) =>
    vendor.endpointHosts.map((host) => (host.startsWith('.') ? `(?:[A-Za-z0-9*-]+\\.)+${escapeRegExp(host.slice(1))}` : escapeRegExp(host))),
  );
  const all = [...vendorHosts, ...configuredHosts.map(escapeRegExp)];
  // A further `.label` makes it another host (`api.openai.com.evil.com`); a sentence's final dot does not.
  return new RegExp(`(?<![A-Za-z0-9.-])(?:${all.join('|')})(?![A-Za-z0-9-]|\\.[A-Za-z0-9-])`, 'gi');
}

/** Any mention of an endpoint host, labels aside: a cheap per-file test before literals are scanned. */
export function hostMentionPattern(configuredHosts: readonly string[]): RegExp {
  const suffixes = VENDORS.flatMap((vendor) => vendor.endpointHosts.map((host) => host.replace(/^\./, '')));
  return new RegExp([...suffixes, ...configuredHosts].map(escapeRegExp).join('|'), 'i');
}

/**
 * Cheap test on raw text: can this file hold anything a rule reports? Every module name, endpoint,
 * environment prefix, key format, API version marker and directive leaves one of these tokens. Two
 * expressions, because only names and hosts need case-insensitive matching, and a case-insensitive
 * alternation of every token measured three times slower than this pair.
 */
export function prefilter(configuredHosts: readonly string[]): (text: string) => boolean {
  const mentionsOpenAi = (token: string) => token.toLowerCase().includes('openai');
  const names = [
    'openai',
    ...VENDORS.flatMap((vendor) => [...vendor.modules.map((module) => module.name), ...vendor.endpointHosts.map((host) => host.replace(/^\./, '')), ...vendor.envPrefixes]),
    ...configuredHosts,
  ].filter((token, index, all) => token === 'openai' || (!mentionsOpenAi(token) && all.indexOf(token) === index));
  const markers = [...API_VERSION_PROPERTIES, ...API_KEY_PROPERTIES, 'api-version', 'T3BlbkFJ', 'aidlint-'].filter(
    (token, index, all) => !mentionsOpenAi(token) && all.indexOf(token) === index,
  );
  const namePattern = new RegExp(names.map(escapeRegExp).join('|'), 'i');
  const markerPattern = new RegExp(`\\bsk-|${markers.map(escapeRegExp).join('|')}`);
  return (text) => namePattern.test(text) || markerPattern.test(text);
}
