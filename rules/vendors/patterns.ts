/**
 * Text patterns derived from the vendor table: key formats, endpoint hosts, API versions, and the
 * pre-filter that decides which files are worth parsing at all.
 */
import { API_KEY_PROPERTIES, API_VERSION_PROPERTIES, GENERIC_KEY_PROPERTIES, VENDORS } from './table';

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
  // Every match holds one of these; testing the expression (a look-behind at each offset) costs more.
  if (!text.includes('sk-') && !text.includes('T3BlbkFJ')) return found;
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

/**
 * A key that only fills the slot: local and self-hosted servers take any (`noop`, `ollama`, `lm-studio`,
 * `sk-no-key-required`). Words without digits are no secret, and a request needs them as written.
 */
export function isPlaceholderKey(value: string): boolean {
  return /^[A-Za-z][A-Za-z_-]{0,23}$/.test(value);
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

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text that shows a file is about Azure OpenAI: its SDK classes and modules, hosts, or settings. */
export const AZURE_OPENAI_CONTEXT = new RegExp(
  ['AzureOpenAI', '@azure/openai', 'OpenAIClient', 'AzureKeyCredential', 'AZURE_OPENAI', 'azureOpenAI', 'azure_openai', 'api-version', ...VENDORS.find((vendor) => vendor.id === 'azure-openai')!.endpointHosts.map((host) => host.slice(1))]
    .map(escapeRegExp)
    .join('|'),
  'i',
);


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

/** Text a file is searched in before it is parsed: a string, or the raw UTF-8 bytes of a file not yet decoded. */
export type RawSource = string | Buffer;

/** Spellings of the vendor name that code uses (`openai`, `OpenAI`, `OPENAI_API_KEY`, `AzureOpenAI`, `openAI`). */
const OPENAI_SPELLINGS = ['openai', 'OpenAI', 'OPENAI', 'Openai', 'openAI'];

/**
 * Cheap test on raw text: can this file hold anything a rule reports, by itself? Two passes. The first
 * looks for tokens every module name, endpoint, environment prefix, key format, API version marker and
 * directive leaves, with plain substring searches that work on undecoded bytes, so most files of a scan
 * are never turned into strings (measured: a third of the time of one case-insensitive expression, and
 * far less memory). The second, on the few files that pass, asks for `vendorEvidence`: a bare "OpenAI" in
 * a comment, a class name or a local path (`./openai.js`) is not enough to be worth parsing.
 */
export function prefilter(configuredHosts: readonly string[]): (source: RawSource) => boolean {
  const hosts = [...VENDORS.flatMap((vendor) => vendor.endpointHosts.map((host) => host.replace(/^\./, ''))), ...configuredHosts];
  const tokens = unique([
    ...OPENAI_SPELLINGS,
    ...VENDORS.flatMap((vendor) => [...vendor.modules.map((module) => module.name), ...vendor.envPrefixes]),
    ...hosts.flatMap((host) => [host.toLowerCase(), host.toUpperCase()]),
    ...API_VERSION_PROPERTIES,
    ...API_KEY_PROPERTIES,
    'api-version',
    'T3BlbkFJ',
    'aidlint-',
  ]).filter((token) => !OPENAI_SPELLINGS.some((spelling) => spelling !== token && token.includes(spelling)));
  const hasEvidence = vendorEvidence(configuredHosts);
  return (source) =>
    (tokens.some((token) => source.indexOf(token) !== -1) || startsWord(source, 'sk-')) &&
    // Tokens are ASCII, so Latin-1 decoding finds them in UTF-8 bytes (faster than decoding UTF-8).
    hasEvidence(typeof source === 'string' ? source : source.toString('latin1'));
}

/**
 * Text without which no fact can come from a file itself: a vendor module named where a module is
 * (`from`, `import`, `import()`, `require()`; a model id such as `'openai/gpt-4o'` elsewhere is not), an
 * environment prefix, an endpoint host in any case, an API version property, `api-version`, a vendor's key
 * property (`apiKey`, `api_key` only where the text is about Azure OpenAI, as the extractor asks), a
 * key, a directive. Everything else a vendor value needs comes through an import of a workspace module
 * (`WorkspaceIndex.needsAnalysis` follows those).
 */
function vendorEvidence(configuredHosts: readonly string[]): (text: string) => boolean {
  const modules = VENDORS.flatMap((vendor) => vendor.modules.map((module) => escapeRegExp(module.name)));
  const words = [...VENDORS.flatMap((vendor) => vendor.envPrefixes), 'api-version', 'T3BlbkFJ', 'aidlint-'];
  // Whole property names only: `x-api-key` or `apiVersionOverride` is not one the extractor reads.
  const properties = [...API_VERSION_PROPERTIES, ...API_KEY_PROPERTIES.filter((name) => !GENERIC_KEY_PROPERTIES.includes(name))].filter((name) => !words.includes(name));
  const property = (names: readonly string[]) => String.raw`(?<![\w$-])(?:${names.map(escapeRegExp).join('|')})(?![\w$-])`;
  // `matchVendorModule`'s forms: `'openai'`, `'openai/…'`, Deno's `'npm:openai@4'`, after the keyword,
  // an opening parenthesis and comments (`import(/* webpackIgnore: true */ 'openai')`).
  const moduleSite = String.raw`(?<![\w$])(?:from|import|require)\s*\(?(?:\s|/\*[^]*?\*/|//[^\n]*\n)*['"${'`'}](?:npm:)?(?:${modules.join('|')})['"${'`'}/@]`;
  const evidence = new RegExp([moduleSite, ...unique(words).map(escapeRegExp), property(properties), String.raw`(?<![\w$])sk-`].join('|'));
  const genericKeys = new RegExp(property(GENERIC_KEY_PROPERTIES));
  const hosts = hostMentionPattern(configuredHosts);
  return (text) => evidence.test(text) || hosts.test(text) || (genericKeys.test(text) && AZURE_OPENAI_CONTEXT.test(text));
}

/** Does `token` occur where a word starts (`sk-…`, not `task-…`)? */
function startsWord(source: RawSource, token: string): boolean {
  for (let at = source.indexOf(token); at !== -1; at = source.indexOf(token, at + 1)) {
    if (at === 0 || !isWordCode(codeAt(source, at - 1))) return true;
  }
  return false;
}

export function codeAt(source: RawSource, index: number): number {
  return typeof source === 'string' ? source.charCodeAt(index) : source[index];
}

export function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
