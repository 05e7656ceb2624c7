/** Small pure helpers, the bulk of any `utils/` folder: grouping, formatting, retrying, chunking. */
import type { FileBuilder } from './builder';
import { pascal } from './names';

type UtilTemplate = (b: FileBuilder, name: string) => string[];

const groupBy: UtilTemplate = (b, name) => [
  `/** Groups ${b.names.noun()}s by a key, keeping the order in which keys first appear. */`,
  `export function ${name}<T, K extends string | number>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {`,
  '  const groups = new Map<K, T[]>();',
  '  for (const item of items) {',
  '    const key = keyOf(item);',
  '    const bucket = groups.get(key);',
  '    if (bucket) bucket.push(item);',
  '    else groups.set(key, [item]);',
  '  }',
  '  return groups;',
  '}',
];

const formatMoney: UtilTemplate = (b, name) => {
  const currency = b.random.pick(['EUR', 'USD', 'GBP', 'CHF', 'JPY']);
  return [
    `const ${name}Formatters = new Map<string, Intl.NumberFormat>();`,
    '',
    `/** Formats minor units (cents) for display; formatters are cached because creating them is slow. */`,
    `export function ${name}(amountInMinorUnits: number, currency = '${currency}', locale = 'en-US'): string {`,
    '  const cacheKey = `${locale}:${currency}`;',
    `  let formatter = ${name}Formatters.get(cacheKey);`,
    '  if (!formatter) {',
    "    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });",
    `    ${name}Formatters.set(cacheKey, formatter);`,
    '  }',
    '  return formatter.format(amountInMinorUnits / 100);',
    '}',
  ];
};

const retry: UtilTemplate = (b, name) => [
  `export interface ${pascal(name)}Options {`,
  '  attempts?: number;',
  '  baseDelayMs?: number;',
  '  shouldRetry?: (error: unknown) => boolean;',
  '}',
  '',
  '/**',
  ` * Runs \`task\` until it succeeds, waiting ${b.random.pick(['exponentially longer', 'a little longer'])} between attempts.`,
  ' * Errors that `shouldRetry` rejects are thrown at once.',
  ' */',
  `export async function ${name}<T>(task: () => Promise<T>, options: ${pascal(name)}Options = {}): Promise<T> {`,
  `  const { attempts = ${b.random.int(2, 6)}, baseDelayMs = ${b.random.pick([100, 200, 250, 500])}, shouldRetry = () => true } = options;`,
  '  let lastError: unknown;',
  '  for (let attempt = 0; attempt < attempts; attempt++) {',
  '    try {',
  '      return await task();',
  '    } catch (error) {',
  '      lastError = error;',
  '      if (!shouldRetry(error) || attempt === attempts - 1) break;',
  '      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt));',
  '    }',
  '  }',
  '  throw lastError;',
  '}',
];

const chunk: UtilTemplate = (b, name) => [
  `/** Splits a list into batches of at most \`size\` ${b.names.noun()}s. */`,
  `export function ${name}<T>(items: readonly T[], size: number): T[][] {`,
  "  if (size <= 0) throw new RangeError('size must be positive');",
  '  const batches: T[][] = [];',
  '  for (let start = 0; start < items.length; start += size) {',
  '    batches.push(items.slice(start, start + size));',
  '  }',
  '  return batches;',
  '}',
];

const slugify: UtilTemplate = (_b, name) => [
  `export function ${name}(title: string): string {`,
  '  return title',
  "    .normalize('NFKD')",
  "    .replace(/[\\u0300-\\u036f]/g, '')",
  '    .toLowerCase()',
  "    .replace(/[^a-z0-9]+/g, '-')",
  "    .replace(/^-+|-+$/g, '');",
  '}',
];

const debounce: UtilTemplate = (_b, name) => [
  '// Trailing-edge debounce: only the last call in a burst runs.',
  `export function ${name}<Args extends unknown[]>(fn: (...args: Args) => void, waitMs: number): (...args: Args) => void {`,
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return (...args: Args) => {',
  '    if (timer !== undefined) clearTimeout(timer);',
  '    timer = setTimeout(() => {',
  '      timer = undefined;',
  '      fn(...args);',
  '    }, waitMs);',
  '  };',
  '}',
];

const dateRange: UtilTemplate = (b, name) => {
  const noun = b.names.noun();
  const windowType = b.declare(`${pascal(noun)}Window`);
  return [
    `export interface ${windowType} {`,
    '  from: Date;',
    '  to: Date;',
    '}',
    '',
    `/** Whether a ${noun} date falls inside the window; an open end counts as unbounded. */`,
    `export function ${name}(date: Date, window: Partial<${windowType}>): boolean {`,
    '  const time = date.getTime();',
    '  if (window.from && time < window.from.getTime()) return false;',
    '  if (window.to && time > window.to.getTime()) return false;',
    '  return true;',
    '}',
  ];
};

const sumBy: UtilTemplate = (b, name) => {
  const type = b.takeSibling('type');
  const item = type ? type.name : `{ ${b.names.variableName()}: number }`;
  return [
    `export function ${name}(items: ReadonlyArray<${item}>, amountOf: (item: ${item}) => number): number {`,
    '  return items.reduce((total, item) => total + amountOf(item), 0);',
    '}',
  ];
};

const pickDefined: UtilTemplate = (_b, name) => [
  '/** Drops `undefined` values so the object can be sent as a PATCH body. */',
  `export function ${name}<T extends Record<string, unknown>>(value: T): Partial<T> {`,
  '  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;',
  '}',
];

const TEMPLATES: readonly UtilTemplate[] = [groupBy, formatMoney, retry, chunk, slugify, debounce, dateRange, sumBy, pickDefined];

export function utilBlock(b: FileBuilder, requestedName?: string): string[] {
  return b.pickFresh(TEMPLATES)(b, b.declare(requestedName ?? b.names.functionName()));
}
