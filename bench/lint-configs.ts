/**
 * The competitors' configurations, derived from the vendor table so they look for what aidlint looks for:
 * ESLint's `no-restricted-imports` + `no-restricted-syntax` (one AST selector per detection aidlint makes),
 * and oxlint's `no-restricted-imports`. Selectors are syntactic approximations; aidlint follows bindings.
 */
import schema from '../rules/config/aidlint.schema.json';
import { hostPattern } from '../rules/vendors/patterns';
import { API_KEY_PROPERTIES, API_VERSION_PROPERTIES, VENDORS, type VendorModule } from '../rules/vendors/table';

export interface RestrictedSyntax {
  selector: string;
  message: string;
}

const MODULES: readonly VendorModule[] = VENDORS.flatMap((vendor) => vendor.modules);
const unique = (items: readonly string[]) => [...new Set(items)];

/** Escapes for a regular expression inside an esquery selector, where `/` ends the expression. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const oneOf = (names: readonly string[]) => `/^(${unique(names).map(escapeRegExp).join('|')})$/`;

const MODULE_SPECIFIER = `/^(${MODULES.map((module) => escapeRegExp(module.name) + (module.subpaths ? '(\\/.*)?' : '')).join('|')})$/`;

/** Legacy v3 `OpenAIApi` methods; the table treats every method of that client as a call, syntax needs names. */
const LEGACY_V3_METHODS = '/^create(ChatCompletion|Completion|Edit|Embedding|Image|ImageEdit|ImageVariation|Transcription|Translation|Moderation|File|FineTune)$/';
/** OpenAI key formats, as aidlint's hardcoded-secret finds them in string literals. */
const OPENAI_KEY = '/(^|[^A-Za-z0-9_-])(sk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}|[A-Za-z0-9_-]*T3BlbkFJ)/';

export function restrictedImportsOptions() {
  const message = 'Vendor SDK import: go through the provider-neutral seam.';
  return {
    paths: MODULES.map((module) => ({ name: module.name, message })),
    patterns: MODULES.filter((module) => module.subpaths).map((module) => ({ group: [`${module.name}/*`], message })),
  };
}

export function restrictedSyntax(): RestrictedSyntax[] {
  const exports = MODULES.flatMap((module) => Object.entries(module.exports));
  const constructible = exports.filter(([, role]) => role.role === 'client' || role.role === 'credential').map(([name]) => name);
  const providers = exports.filter(([, role]) => role.role === 'provider').map(([name]) => name);
  const factories = exports.filter(([, role]) => role.role === 'provider-factory').map(([name]) => name);
  const callPatterns = exports.flatMap(([, role]) => (role.role === 'client' ? role.callPatterns : []));
  const host = `/${hostPattern([]).source}/i`;
  return [
    ...[
      `CallExpression[callee.name='require'][arguments.0.value=${MODULE_SPECIFIER}]`,
      `ImportExpression[source.value=${MODULE_SPECIFIER}]`,
      `TSExternalModuleReference[expression.value=${MODULE_SPECIFIER}]`,
    ].map((selector) => ({ selector, message: 'vendor-import' })),
    ...[`NewExpression[callee.name=${oneOf(constructible)}]`, `NewExpression[callee.property.name=${oneOf(constructible)}]`].map(
      (selector) => ({ selector, message: 'vendor-client' }),
    ),
    ...[
      `CallExpression[callee.name=${oneOf([...providers, ...factories])}]`,
      `CallExpression[callee.object.name=${oneOf(providers)}][callee.property.name=${oneOf(VENDORS.flatMap((vendor) => vendor.providerModelMethods))}]`,
      ...clientCallSelectors(callPatterns),
      `CallExpression[callee.property.name=${oneOf(VENDORS.flatMap((vendor) => vendor.deploymentArgumentMethods))}]`,
      `CallExpression[callee.property.name=${LEGACY_V3_METHODS}]`,
    ].map((selector) => ({ selector, message: 'vendor-call' })),
    {
      selector: `Property[key.name=${oneOf(VENDORS.flatMap((vendor) => vendor.modelProperties))}][value.type='Literal']`,
      message: 'hardcoded-model',
    },
    ...[`Literal[value=${host}]`, `TemplateElement[value.raw=${host}]`].map((selector) => ({ selector, message: 'hardcoded-endpoint' })),
    ...[
      `Property[key.name=${oneOf(API_VERSION_PROPERTIES)}][value.type='Literal']`,
      'Literal[value=/api-version=/]',
      'TemplateElement[value.raw=/api-version=/]',
    ].map((selector) => ({ selector, message: 'hardcoded-api-version' })),
    ...[
      `Literal[value=${OPENAI_KEY}]`,
      `TemplateElement[value.raw=${OPENAI_KEY}]`,
      `Property[key.name=${oneOf(API_KEY_PROPERTIES)}] > Literal.value[value=/^[0-9a-fA-F]{32}$/]`,
      `Property[key.value=${oneOf(API_KEY_PROPERTIES)}] > Literal.value[value=/^[0-9a-fA-F]{32}$/]`,
    ].map((selector) => ({ selector, message: 'hardcoded-secret' })),
    {
      selector: `MemberExpression[object.property.name='env'][property.name=/^(${VENDORS.flatMap((vendor) => vendor.envPrefixes).map(escapeRegExp).join('|')})/]`,
      message: 'vendor-env',
    },
  ];
}

/**
 * Calls matching the clients' call paths (`chat.completions.*`): the fixed segments must sit right above
 * the called method, which is one or two segments deep (`embeddings.create`, `audio.speech.create`).
 * Patterns that differ only in their last fixed segment share one selector.
 */
function clientCallSelectors(patterns: readonly string[]): string[] {
  const lastSegmentsByPrefix = new Map<string, Set<string>>();
  for (const pattern of unique(patterns)) {
    const fixed = pattern.split('.').filter((segment) => segment !== '*');
    if (fixed.length === 0) continue;
    const prefix = fixed.slice(0, -1).join('.');
    if (!lastSegmentsByPrefix.has(prefix)) lastSegmentsByPrefix.set(prefix, new Set());
    lastSegmentsByPrefix.get(prefix)!.add(fixed[fixed.length - 1]);
  }
  const selectors: string[] = [];
  for (const [prefix, lastSegments] of lastSegmentsByPrefix) {
    const segments = prefix === '' ? [] : prefix.split('.');
    for (const depth of [1, 2]) {
      const objectPath = (levelsAboveMethod: number) => `callee${'.object'.repeat(levelsAboveMethod)}.property.name`;
      const conditions = [`[${objectPath(depth)}=${oneOf([...lastSegments])}]`];
      segments.forEach((segment, index) => conditions.push(`[${objectPath(depth + segments.length - index)}='${segment}']`));
      selectors.push(`CallExpression${conditions.join('')}`);
    }
  }
  return selectors;
}

/**
 * aidlint's default `exclude` (build output, coverage) for ESLint's `ignores` and oxlint's
 * `--ignore-pattern` (both skip node_modules and .git themselves): on a checkout all three lint the same files.
 */
export function ignoredGlobs(): string[] {
  return schema.properties.exclude.default.filter((glob) => !/node_modules|\.git\//.test(glob));
}

/** oxlint's configuration: only `no-restricted-imports`, the default correctness rules switched off. */
export function oxlintConfig() {
  return {
    categories: { correctness: 'off' },
    rules: { 'no-restricted-imports': ['error', restrictedImportsOptions()] },
  };
}
