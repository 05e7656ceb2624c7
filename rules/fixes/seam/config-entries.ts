/**
 * Adds an entry to the seam's config (`models`, `modelConnections`, `endpoints`, `apiVersions`, `connections`) by the
 * smallest edit: one new line in the section's object literal, found by parsing, so comments, extra
 * entries, reordered sections and other user edits stay as they are. A value that is already there is
 * re-used; an entry with an empty default (a placeholder such as `azureOpenAI: env('AZURE_OPENAI_ENDPOINT', '')`)
 * is filled.
 */
import type * as TS from 'typescript';
import { skipOuterExpressions } from '../../engine/syntax';
import { parseSource, typescript } from '../../engine/parse';
import { lineIndent } from '../text-changes';
import type { TextChange } from '../types';

export type ConfigSection = 'models' | 'modelConnections' | 'endpoints' | 'apiVersions' | 'connections';

/** `existingKey`: the value is already configured under that key; otherwise the entry to add and its edit. */
export type ConfigEntryResult = { existingKey: string } | { key: string; envVar: string; change: TextChange };

/** An entry as written: `key: env('VAR', 'default')`, `key: process.env.VAR ?? 'default'` or `key: 'default'`. */
export interface ConfigEntry {
  key: string;
  envVar?: string;
  value?: string;
}

interface Setting {
  envVar?: string;
  defaultValue?: TS.StringLiteralLike;
}

type Entry = Setting & { key: string };

/**
 * The edit that makes `value` available as `<section>.<key>` (or the key that already has it, when
 * `reusable` accepts it). `key` and `envVar` are the wanted names (see naming.ts); when another value holds
 * them, they are numbered (`key2` / `ENV_VAR_2`). Undefined when the config has no object literal for the section.
 */
export function addConfigEntry(
  configText: string,
  section: ConfigSection,
  key: string,
  envVar: string,
  value: string,
  reusable: (key: string) => boolean = () => true,
): ConfigEntryResult | undefined {
  const sourceFile = parseSource('config.ts', configText);
  const object = findSection(sourceFile, section);
  if (!object) return undefined;
  const entries = object.properties.map((property) => entryOf(property, sourceFile));

  const existing = entries.find((entry) => entry.defaultValue?.text === value && reusable(entry.key));
  if (existing) return { existingKey: existing.key };
  const quote = quoteStyle(object, sourceFile);
  const placeholder = entries.find((entry) => entry.key === key && entry.defaultValue?.text === '');
  if (placeholder?.defaultValue) {
    const literal = placeholder.defaultValue;
    return { key, envVar: placeholder.envVar ?? envVar, change: { start: literal.getStart(sourceFile), end: literal.end, newText: quoted(value, quote) } };
  }

  const keys = new Set(entries.map((entry) => entry.key));
  const envVars = new Set(entries.map((entry) => entry.envVar));
  let chosen = { key, envVar };
  for (let number = 2; keys.has(chosen.key) || envVars.has(chosen.envVar); number++) {
    chosen = { key: `${key}${number}`, envVar: `${envVar}_${number}` };
  }
  const read = declaresEnvHelper(sourceFile)
    ? `env(${quoted(chosen.envVar, quote)}, ${quoted(value, quote)})`
    : `process.env.${chosen.envVar} ?? ${quoted(value, quote)}`;
  return { ...chosen, change: insertion(object, `${chosen.key}: ${read}`, sourceFile) };
}

/** The entries of a section of the config's text (or of an object inside one, by path); undefined when it has no such object. */
export function configEntries(configText: string, section: ConfigSection | readonly string[]): ConfigEntry[] | undefined {
  const sourceFile = parseSource('config.ts', configText);
  return findObject(sourceFile, typeof section === 'string' ? [section] : section)?.properties.map((property) => {
    const { key, envVar, defaultValue } = entryOf(property, sourceFile);
    return { key, envVar, value: defaultValue?.text };
  });
}

/** The default of a top-level setting such as `export const provider = env('AI_PROVIDER', 'openai')`. */
export function configDefault(configText: string, name: string): string | undefined {
  const initializer = topLevelInitializer(parseSource('config.ts', configText), name);
  return initializer && settingOf(initializer).defaultValue?.text;
}

/** A connection as the config holds it: its adapter and the client options, each as written (whitespace aside). */
export interface ConnectionEntry {
  key: string;
  provider?: string;
  api?: string;
  options: Map<string, string>;
}

/** The connections of the config's text; undefined when it has no `connections` object. */
export function connectionEntries(configText: string): ConnectionEntry[] | undefined {
  const ts = typescript();
  const sourceFile = parseSource('config.ts', configText);
  return findSection(sourceFile, 'connections')?.properties.map((property) => {
    const { key } = entryOf(property, sourceFile);
    const object = ts.isPropertyAssignment(property) ? skipOuterExpressions(property.initializer) : undefined;
    const fields = object && ts.isObjectLiteralExpression(object) ? propertiesOf(object) : new Map<string, TS.Expression>();
    const provider = fields.get('provider');
    const api = fields.get('api');
    const options = fields.get('options') ?? fields.get('optionsWith');
    const body = options && (ts.isArrowFunction(options) || ts.isFunctionExpression(options)) ? returnedObject(options) : undefined;
    const optionTexts = new Map([...(body ? propertiesOf(body) : [])].map(([name, value]) => [name, comparable(value.getText(sourceFile))]));
    const text = (expression: TS.Expression | undefined) => (expression && ts.isStringLiteralLike(expression) ? expression.text : undefined);
    return { key, provider: text(provider), api: text(api), options: optionTexts };
  });
}

/** Whether a connection entry holds exactly these client options. */
export function sameConnection(entry: ConnectionEntry, provider: string, api: string | undefined, options: ReadonlyArray<{ name: string; text: string }>): boolean {
  return entry.provider === provider && entry.api === api && entry.options.size === options.length && options.every((option) => entry.options.get(option.name) === comparable(option.text));
}

/**
 * Adds a connection `key: { provider, options: () => ({ … }) }` by one insertion (numbering the key when it
 * is taken); with `settings`, the options are made from the values each call passes (`optionsWith: (settings) => …`).
 * Undefined when the config has no `connections` object.
 */
export function addConnectionEntry(
  configText: string,
  key: string,
  provider: string,
  options: ReadonlyArray<{ name: string; text: string }>,
  api?: string,
  settings: readonly string[] = [],
): { key: string; change: TextChange } | undefined {
  const sourceFile = parseSource('config.ts', configText);
  const object = findSection(sourceFile, 'connections');
  if (!object) return undefined;
  const keys = new Set(object.properties.map((property) => entryOf(property, sourceFile).key));
  let chosen = key;
  for (let number = 2; keys.has(chosen); number++) chosen = `${key}${number}`;
  const quote = quoteStyle(object, sourceFile);
  const unit = indentUnit(sourceFile);
  const apiField = api === undefined ? '' : `, api: ${quoted(api, quote)}`;
  const head = `${propertyKey(chosen)}: { provider: ${quoted(provider, quote)}${apiField}`;
  const entry = (indent: string) =>
    options.length === 0
      ? `${head} }`
      : [
          `${propertyKey(chosen)}: {`,
          `${indent}${unit}provider: ${quoted(provider, quote)},`,
          ...(api === undefined ? [] : [`${indent}${unit}api: ${quoted(api, quote)},`]),
          ...(settings.length ? [`${indent}${unit}settings: [${settings.map((setting) => quoted(setting, quote)).join(', ')}],`] : []),
          `${indent}${unit}${settings.length ? 'optionsWith: (settings)' : 'options: ()'} => ({`,
          ...options.map((option) => `${indent}${unit}${unit}${option.name}: ${option.text},`),
          `${indent}${unit}}),`,
          `${indent}}`,
        ].join('\n');
  return { key: chosen, change: insertion(object, entry, sourceFile) };
}

function propertiesOf(object: TS.ObjectLiteralExpression): Map<string, TS.Expression> {
  const ts = typescript();
  const found = new Map<string, TS.Expression>();
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) found.set(property.name.text, property.initializer);
  }
  return found;
}

/** The object an arrow or function returns: `() => ({ … })` or `() => { return { … }; }`. */
function returnedObject(fn: TS.ArrowFunction | TS.FunctionExpression): TS.ObjectLiteralExpression | undefined {
  const ts = typescript();
  let returned: TS.Expression | undefined;
  if (ts.isBlock(fn.body)) {
    const last = fn.body.statements.at(-1);
    returned = last && ts.isReturnStatement(last) ? last.expression : undefined;
  } else {
    returned = fn.body;
  }
  const object = returned && skipOuterExpressions(returned);
  return object && ts.isObjectLiteralExpression(object) ? object : undefined;
}

/** Expression text compared without its layout. */
function comparable(text: string): string {
  return text.replace(/\s+/g, '');
}

/** `const <section> = { … }` at the top level, through `export`, `as const`, `satisfies` and parentheses. */
function findSection(sourceFile: TS.SourceFile, section: string): TS.ObjectLiteralExpression | undefined {
  const initializer = topLevelInitializer(sourceFile, section);
  return initializer && typescript().isObjectLiteralExpression(initializer) ? initializer : undefined;
}

/** The object at a path: a top-level object (`adapters`), or one inside it (`providerModels.anthropic`). */
function findObject(sourceFile: TS.SourceFile, objectPath: readonly string[]): TS.ObjectLiteralExpression | undefined {
  const ts = typescript();
  let object = findSection(sourceFile, objectPath[0]);
  for (const key of objectPath.slice(1)) {
    const value = object && propertiesOf(object).get(key);
    const inner = value && skipOuterExpressions(value);
    object = inner && ts.isObjectLiteralExpression(inner) ? inner : undefined;
  }
  return object;
}

/** The keys of the object at a path (undefined when there is no such object). */
export function objectKeys(text: string, objectPath: readonly string[]): string[] | undefined {
  const sourceFile = parseSource('seam.ts', text);
  return findObject(sourceFile, objectPath)?.properties.map((property) => entryOf(property, sourceFile).key);
}

/**
 * Adds \`<key>: <valueText>\` to the object at a path by one insertion, laid out as the object's entries are
 * (\`valueText\` may be a function of the entry's indentation, for values over several lines). Undefined
 * when there is no such object or the key is there already.
 */
export function addObjectEntry(text: string, objectPath: readonly string[], key: string, valueText: string | ((indent: string) => string)): TextChange | undefined {
  const sourceFile = parseSource('seam.ts', text);
  const object = findObject(sourceFile, objectPath);
  if (!object || object.properties.some((property) => entryOf(property, sourceFile).key === key)) return undefined;
  return insertion(object, (indent) => `${propertyKey(key)}: ${typeof valueText === 'string' ? valueText : valueText(indent)}`, sourceFile);
}

/**
 * Makes the array \`<key>: [...]\` of the object at a path hold \`values\`: a new entry, or the missing values
 * appended to the existing array. Undefined when nothing changes or there is no such object.
 */
export function addListValues(text: string, objectPath: readonly string[], key: string, values: readonly string[]): TextChange | undefined {
  const ts = typescript();
  const sourceFile = parseSource('seam.ts', text);
  const object = findObject(sourceFile, objectPath);
  if (!object) return undefined;
  const quote = quoteStyle(object, sourceFile);
  const existing = propertiesOf(object).get(key);
  const array = existing && skipOuterExpressions(existing);
  if (!array) return addObjectEntry(text, objectPath, key, `[${values.map((value) => quoted(value, quote)).join(', ')}]`);
  if (!ts.isArrayLiteralExpression(array)) return undefined;
  const present = new Set(array.elements.map((element) => (ts.isStringLiteralLike(element) ? element.text : element.getText(sourceFile))));
  const missing = values.filter((value) => !present.has(value));
  if (missing.length === 0) return undefined;
  const at = array.elements.hasTrailingComma ? text.lastIndexOf(',', array.end) + 1 : (array.elements.at(-1)?.end ?? array.getStart(sourceFile) + 1);
  const separator = array.elements.length === 0 ? '' : array.elements.hasTrailingComma ? ' ' : ', ';
  return { start: at, end: at, newText: `${separator}${missing.map((value) => quoted(value, quote)).join(', ')}${array.elements.hasTrailingComma ? ',' : ''}` };
}

/** The string arrays of the object at a path, by key (\`modelNeeds\`); undefined when there is no such object. */
export function objectLists(text: string, objectPath: readonly string[]): Map<string, string[]> | undefined {
  const ts = typescript();
  const object = findObject(parseSource('seam.ts', text), objectPath);
  if (!object) return undefined;
  return new Map(
    [...propertiesOf(object)].map(([key, value]) => {
      const array = skipOuterExpressions(value);
      return [key, ts.isArrayLiteralExpression(array) ? array.elements.flatMap((element) => (ts.isStringLiteralLike(element) ? [element.text] : [])) : []];
    }),
  );
}

/** The strings of a top-level array (\`crossSpaceEmbeddings\`); undefined when there is none. */
export function topLevelList(text: string, name: string): string[] | undefined {
  const ts = typescript();
  const array = topLevelInitializer(parseSource('config.ts', text), name);
  return array && ts.isArrayLiteralExpression(array) ? array.elements.flatMap((element) => (ts.isStringLiteralLike(element) ? [element.text] : [])) : undefined;
}

/** The environment variable and default of a top-level setting (\`connectionOverride = env('AI_PROVIDER', '')\`). */
export function configSetting(configText: string, name: string): { envVar?: string; value?: string } | undefined {
  const initializer = topLevelInitializer(parseSource('config.ts', configText), name);
  if (!initializer) return undefined;
  const { envVar, defaultValue } = settingOf(initializer);
  return { envVar, value: defaultValue?.text };
}

/** Whether the config reads variables through its \`env(name, default)\` helper. */
export function usesEnvHelper(text: string): boolean {
  return declaresEnvHelper(parseSource('config.ts', text));
}

/** An object key as written: an identifier as is, anything else quoted. */
function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`;
}

function topLevelInitializer(sourceFile: TS.SourceFile, name: string): TS.Expression | undefined {
  const ts = typescript();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer) return skipOuterExpressions(declaration.initializer);
    }
  }
  return undefined;
}

function entryOf(property: TS.ObjectLiteralElementLike, sourceFile: TS.SourceFile): Entry {
  const ts = typescript();
  const name = property.name;
  const key = name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : (name?.getText(sourceFile) ?? '');
  return ts.isPropertyAssignment(property) ? { key, ...settingOf(property.initializer) } : { key };
}

/** Environment variable and default of `env('VAR', 'default')`, `process.env.VAR ?? 'default'` or `'default'`. */
function settingOf(expression: TS.Expression): Setting {
  const ts = typescript();
  const value = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(value)) return { defaultValue: value };
  if (ts.isCallExpression(value)) {
    const [variable, fallback] = value.arguments.map(skipOuterExpressions);
    return {
      envVar: variable && ts.isStringLiteralLike(variable) ? variable.text : undefined,
      defaultValue: fallback && ts.isStringLiteralLike(fallback) ? fallback : undefined,
    };
  }
  if (ts.isBinaryExpression(value) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(value.operatorToken.kind)) {
    const fallback = skipOuterExpressions(value.right);
    const variable = skipOuterExpressions(value.left);
    const envVar = ts.isPropertyAccessExpression(variable)
      ? variable.name.text
      : ts.isElementAccessExpression(variable) && ts.isStringLiteralLike(variable.argumentExpression)
        ? variable.argumentExpression.text
        : undefined;
    return { envVar, defaultValue: ts.isStringLiteralLike(fallback) ? fallback : undefined };
  }
  return {};
}

/** One new line after the last entry (or inside `{}`), indented like its neighbours. */
function insertion(object: TS.ObjectLiteralExpression, entryText: string | ((indent: string) => string), sourceFile: TS.SourceFile): TextChange {
  const at = (indent: string) => (typeof entryText === 'string' ? entryText : entryText(indent));
  const text = sourceFile.text;
  const open = object.getStart(sourceFile);
  const close = object.end - 1;
  const multiline = text.slice(open, close).includes('\n');
  const last = object.properties.at(-1);

  if (!last) {
    const baseIndent = lineIndent(text, open);
    const indent = baseIndent + indentUnit(sourceFile);
    if (multiline) {
      // Below whatever the braces hold (a comment), at its indentation.
      const closeLine = text.lastIndexOf('\n', close) + 1;
      const inner = /\n([^\S\n]*)\S/.exec(text.slice(open, closeLine));
      return { start: closeLine, end: closeLine, newText: `${inner?.[1] ?? indent}${at(inner?.[1] ?? indent)},\n` };
    }
    const blank = text.slice(open + 1, close).trim() === '';
    return { start: blank ? open + 1 : close, end: close, newText: `\n${indent}${at(indent)},\n${baseIndent}` };
  }

  const trailingComma = object.properties.hasTrailingComma;
  const afterLast = trailingComma ? text.indexOf(',', last.end) + 1 : last.end;
  if (!multiline) return { start: afterLast, end: afterLast, newText: trailingComma ? ` ${at('')},` : `, ${at('')}` };

  const indent = lineIndent(text, last.getStart(sourceFile));
  // Insert at the end of the last entry's line, so a comment there stays with its entry.
  const lineEnd = text.indexOf('\n', afterLast);
  const end = lineEnd < 0 || lineEnd > close ? afterLast : lineEnd;
  if (trailingComma) return { start: end, end, newText: `\n${indent}${at(indent)},` };
  return { start: last.end, end, newText: `,${text.slice(last.end, end)}\n${indent}${at(indent)}` };
}

/** How far the file's objects indent their entries (the first multi-line one), two spaces if none does. */
function indentUnit(sourceFile: TS.SourceFile): string {
  const ts = typescript();
  const text = sourceFile.text;
  const find = (node: TS.Node): string | undefined => {
    if (ts.isObjectLiteralExpression(node) && node.properties.length > 0) {
      const outer = lineIndent(text, node.getStart(sourceFile));
      const inner = lineIndent(text, node.properties[0].getStart(sourceFile));
      if (inner.length > outer.length && inner.startsWith(outer)) return inner.slice(outer.length);
    }
    return ts.forEachChild(node, find);
  };
  return find(sourceFile) ?? '  ';
}

function declaresEnvHelper(sourceFile: TS.SourceFile): boolean {
  const ts = typescript();
  return sourceFile.statements.some(
    (statement) =>
      (ts.isFunctionDeclaration(statement) && statement.name?.text === 'env') ||
      (ts.isVariableStatement(statement) && statement.declarationList.declarations.some((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === 'env')),
  );
}

/** The quote the config's strings use (the section's first, else the file's first), single by default. */
function quoteStyle(object: TS.ObjectLiteralExpression, sourceFile: TS.SourceFile): string {
  const ts = typescript();
  const find = (node: TS.Node): TS.StringLiteral | undefined => (ts.isStringLiteral(node) ? node : ts.forEachChild(node, find));
  const literal = find(object) ?? find(sourceFile);
  return literal?.getText(sourceFile).startsWith('"') ? '"' : "'";
}

function quoted(value: string, quote: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replaceAll(quote, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}
