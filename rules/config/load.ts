/**
 * Parsing and validating one aidlint.json text. Never throws: every defect becomes a ConfigProblem with a
 * precise range, so the editor can underline the offending spot and the CLI can print `file:line:column`.
 */
import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { createScanner, getNodeValue, parseTree, type Node, type ParseError, ParseErrorCode, SyntaxKind } from 'jsonc-parser';
import { LineMap } from '../engine/text';
import type { ConfigProblem, Range, RuleId, SeveritySetting, VendorId } from '../engine/types';
import schema from './aidlint.schema.json';

/** A severity as written in a config file (ESLint's numbers included). */
export type SeverityInput = 'error' | 'warn' | 'warning' | 'info' | 'off' | 0 | 1 | 2;

export type RuleEntry = SeverityInput | [SeverityInput] | [SeverityInput, Record<string, unknown>];

/** The content of one aidlint.json after it passed the schema (see aidlint.schema.json for meanings). */
export interface RawConfig {
  $schema?: string;
  root?: boolean;
  extends?: string | string[];
  seam?: string[];
  include?: string[];
  exclude?: string[];
  rules?: Partial<Record<RuleId, RuleEntry>>;
  vendors?: Partial<Record<VendorId, boolean>>;
  endpoints?: string[];
  fix?: { seamDir?: string };
  reportUnusedDisableDirectives?: SeverityInput;
  maxFileSizeKB?: number;
}

export interface ParsedConfigText {
  /** Present only when the text has no problems. */
  config?: RawConfig;
  problems: ConfigProblem[];
  /** Range of each `extends` entry, in order, so problems with an extended file point at its name. */
  extendsRanges: Range[];
}

const SEVERITY_SETTINGS: Record<SeverityInput, SeveritySetting> = {
  error: 'error',
  2: 'error',
  warn: 'warning',
  warning: 'warning',
  1: 'warning',
  info: 'info',
  off: 'off',
  0: 'off',
};

export function normalizeSeverity(input: SeverityInput): SeveritySetting {
  return SEVERITY_SETTINGS[input];
}

/** `file:line:column: message` with 1-based line and column, as compilers print them. */
export function formatConfigProblem(problem: ConfigProblem): string {
  const { line, character } = problem.range.start;
  return `${problem.file}:${line + 1}:${character + 1}: ${problem.message}`;
}

export function parseConfigText(filePath: string, text: string): ParsedConfigText {
  // A byte order mark is not JSON, and editors do not count it in columns (VS Code drops it from the text).
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = new LineMap(source);
  const problem = (message: string, start: number, end: number): ConfigProblem => ({
    file: filePath,
    message,
    range: lines.rangeOf(start, end),
  });
  const fail = (problems: ConfigProblem[]): ParsedConfigText => ({ problems, extendsRanges: [] });

  if (source.trim() === '') return fail([problem('The file is empty; expected a JSON object such as {}.', 0, 0)]);

  const tooDeep = offsetBeyondMaxDepth(source);
  if (tooDeep !== undefined) {
    return fail([problem(`Nested more than ${MAX_DEPTH} levels deep; this is not an aidlint configuration.`, tooDeep, tooDeep + 1)]);
  }

  const syntaxErrors: ParseError[] = [];
  const tree = parseTree(source, syntaxErrors, { allowTrailingComma: true, disallowComments: false });
  if (syntaxErrors.length > 0 || tree === undefined) {
    return fail(syntaxProblems(syntaxErrors, problem));
  }

  const duplicates = duplicateKeyProblems(tree, problem);
  const value: unknown = getNodeValue(tree);
  const validate = schemaValidator();
  const schemaErrors = validate(value) ? [] : (validate.errors ?? []);
  const problems = [...duplicates, ...schemaProblems(tree, schemaErrors, problem)];
  if (problems.length > 0) return fail(problems);

  return { config: value as RawConfig, problems, extendsRanges: extendsRanges(tree, lines) };
}

type MakeProblem = (message: string, start: number, end: number) => ConfigProblem;

// --- JSON syntax -------------------------------------------------------------------------------------

/** Real configs nest about five levels; the limit keeps the recursive parser clear of stack overflows. */
const MAX_DEPTH = 64;
/** Garbage (a binary file) yields an error per token; the first few say all there is to say. */
const MAX_SYNTAX_PROBLEMS = 10;

const SYNTAX_MESSAGES: Record<ParseErrorCode, string> = {
  [ParseErrorCode.InvalidSymbol]: 'Unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'Invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'Expected property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'Expected value',
  [ParseErrorCode.ColonExpected]: 'Expected colon',
  [ParseErrorCode.CommaExpected]: 'Expected comma',
  [ParseErrorCode.CloseBraceExpected]: "Expected '}'",
  [ParseErrorCode.CloseBracketExpected]: "Expected ']'",
  [ParseErrorCode.EndOfFileExpected]: 'Expected end of file',
  [ParseErrorCode.InvalidCommentToken]: 'Invalid comment',
  [ParseErrorCode.UnexpectedEndOfComment]: 'Unterminated comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'Unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'Unterminated number',
  [ParseErrorCode.InvalidUnicode]: 'Invalid unicode escape sequence',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape character in string',
  [ParseErrorCode.InvalidCharacter]: 'Invalid character in string',
};

function syntaxProblems(errors: readonly ParseError[], problem: MakeProblem): ConfigProblem[] {
  const shown = errors.slice(0, MAX_SYNTAX_PROBLEMS).map((error) =>
    problem(`${SYNTAX_MESSAGES[error.error] ?? 'Invalid JSON'}.`, error.offset, error.offset + error.length),
  );
  const hidden = errors.length - shown.length;
  if (hidden > 0) {
    const last = shown[shown.length - 1];
    last.message = `${last.message} (${hidden} more syntax errors follow; is this a JSON file?)`;
  }
  return shown;
}

function offsetBeyondMaxDepth(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > MAX_DEPTH) return scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** JSON parsers keep the last of two equal keys silently; a repeated key is almost always a mistake. */
function duplicateKeyProblems(root: Node, problem: MakeProblem): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const seen = new Set<string>();
    for (const child of node.children ?? []) {
      if (node.type === 'object') {
        const [key, value] = child.children ?? [];
        if (seen.has(key.value)) {
          problems.push(problem(`Duplicate key "${key.value}"; only its last value would be used.`, key.offset, key.offset + key.length));
        }
        seen.add(key.value);
        if (value) pending.push(value);
      } else {
        pending.push(child);
      }
    }
  }
  return problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function extendsRanges(root: Node, lines: LineMap): Range[] {
  const node = propertyValue(root, 'extends');
  const entries = node?.type === 'array' ? (node.children ?? []) : node ? [node] : [];
  return entries.map((entry) => lines.rangeOf(entry.offset, entry.offset + entry.length));
}

// --- Schema ------------------------------------------------------------------------------------------

/** Keywords VS Code reads from the schema (hover, completion, messages); ajv must know them as annotations. */
export const EDITOR_SCHEMA_KEYWORDS: readonly string[] = [
  'markdownDescription',
  'errorMessage',
  'patternErrorMessage',
  'enumDescriptions',
  'allowComments',
  'allowTrailingCommas',
];

let compiledValidator: ValidateFunction | undefined;

/** Loaded and compiled on first use: a run without a config file (or served from the cache) never pays for it. */
function schemaValidator(): ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compiledValidator ??= new (require('ajv') as { default: typeof Ajv }).default({
    allErrors: true,
    verbose: true,
    // `[severity]` and `[severity, options]` are both valid, as in ESLint, so rule tuples are open-ended.
    strictTuples: false,
    keywords: [...EDITOR_SCHEMA_KEYWORDS],
  }).compile(schema);
  return compiledValidator;
}

function schemaProblems(root: Node, errors: readonly ErrorObject[], problem: MakeProblem): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const valueErrors = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (error.keyword === 'additionalProperties') {
      problems.push(unknownKeyProblem(root, error, problem));
    } else if (!errors.some((other) => other.instancePath.startsWith(`${error.instancePath}/`))) {
      // Errors with deeper ones below come from `anyOf` branches whose shape did not fit; the deeper
      // errors, from the branch that did fit, say what is really wrong.
      const atPath = valueErrors.get(error.instancePath) ?? [];
      valueErrors.set(error.instancePath, [...atPath, error]);
    }
  }
  for (const [pointer, errorsAtPath] of valueErrors) {
    const node = nodeAtPointer(root, pointer);
    problems.push(problem(invalidValueMessage(pointer, errorsAtPath), node.offset, node.offset + node.length));
  }
  return problems;
}

function unknownKeyProblem(root: Node, error: ErrorObject, problem: MakeProblem): ConfigProblem {
  const key = String(error.params.additionalProperty);
  const objectNode = nodeAtPointer(root, error.instancePath);
  const property = objectNode.children?.find((child) => child.children?.[0].value === key);
  const keyNode = property?.children?.[0] ?? objectNode;
  const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
  const suggestion = closestMatch(key, known);
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : known.length <= 5 ? `; expected ${quotedList(known)}` : '';
  return problem(`${unknownKeyLabel(segments(error.instancePath), key)}${hint}.`, keyNode.offset, keyNode.offset + keyNode.length);
}

function unknownKeyLabel(path: readonly string[], key: string): string {
  if (path.length === 0) return `Unknown property "${key}"`;
  if (path.length === 1 && path[0] === 'rules') return `Unknown rule "${key}" in "rules"`;
  if (path.length === 1 && path[0] === 'vendors') return `Unknown vendor "${key}" in "vendors"`;
  if (path.length === 3 && path[0] === 'rules') return `Unknown option "${key}" for rule "${path[1]}"`;
  return `Unknown property "${key}" in "${displayPath(path)}"`;
}

function invalidValueMessage(pointer: string, errors: readonly ErrorObject[]): string {
  const value: unknown = errors[0].data;
  const where = pointer === '' ? 'Invalid configuration' : `Invalid value for "${displayPath(segments(pointer))}"`;
  const allowed = errors.flatMap((error) => (error.keyword === 'enum' ? (error.params.allowedValues as unknown[]) : []));
  const suggestion = typeof value === 'string' ? closestMatch(value, allowed.filter((item) => typeof item === 'string')) : undefined;
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  return `${where}: got ${describeValue(value)}. ${expectation(errors)}${hint}`;
}

/** The message the schema gives for the outermost failing node (VS Code shows the same one), else a generic one. */
function expectation(errors: readonly ErrorObject[]): string {
  for (const error of [...errors].reverse()) {
    const annotations = (error.parentSchema ?? {}) as { errorMessage?: string; patternErrorMessage?: string };
    const message = (error.keyword === 'pattern' && annotations.patternErrorMessage) || annotations.errorMessage;
    if (message) return message;
  }
  const [error] = errors;
  if (error.keyword === 'type') return `Expected ${TYPE_PHRASES[String(error.params.type)] ?? String(error.params.type)}.`;
  if (error.keyword === 'enum') return `Expected ${quotedList(error.params.allowedValues as unknown[])}.`;
  return `The value ${error.message ?? 'is not valid'}.`;
}

const TYPE_PHRASES: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
};

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function quotedList(values: readonly unknown[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

// --- JSON pointers and the jsonc-parser tree ---------------------------------------------------------

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `rules.vendor-call[1].allow[0]` */
function displayPath(path: readonly string[]): string {
  return path.map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

/** The node a JSON pointer designates; the last of duplicate keys, as that is the value that was validated. */
function nodeAtPointer(root: Node, pointer: string): Node {
  let node = root;
  for (const part of segments(pointer)) {
    const next = node.type === 'array' ? node.children?.[Number(part)] : propertyValue(node, part);
    if (!next) break;
    node = next;
  }
  return node;
}

function propertyValue(objectNode: Node, key: string): Node | undefined {
  if (objectNode.type !== 'object') return undefined;
  const property = objectNode.children?.findLast((child) => child.children?.[0].value === key);
  return property?.children?.[1];
}

// --- Suggestions -------------------------------------------------------------------------------------

/** The candidate a typo most likely meant: within a third of the word's length in edit distance. */
function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
