/**
 * The only place that loads the TypeScript compiler. It is loaded on first use, so runs where the
 * pre-filter rejects every file never pay for it.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import { requireWithCodeCache } from './code-cache';
import { textEdit } from './text';

let loaded: typeof TS | undefined;

export function typescript(): typeof TS {
  loaded ??= fastView(loadTypescript());
  return loaded;
}

/**
 * Through V8's code cache (`code-cache.ts`): from tsc's output the installed package's file; bundled, the
 * package's own copy next to the bundle (`dist/typescript.js`, shared by the CLI, the server and the
 * worker), never a `typescript` of another version the user's node_modules might hold.
 */
function loadTypescript(): typeof TS {
  try {
    const file = path.basename(__dirname) === 'engine' ? require.resolve('typescript') : path.join(__dirname, 'typescript.js');
    return requireWithCodeCache(file) as typeof TS;
  } catch {
    // Whatever failed, the plain require below compiles it as usual (bundled: the copy next to the bundle).
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('typescript') as typeof TS;
}

/** What the analysis calls for nearly every node, besides the type guards (`is…`). */
const HOT_EXPORTS = ['SyntaxKind', 'forEachChild', 'getModifiers', 'canHaveModifiers'];

/**
 * The `typescript` module object has over 2,000 properties, each a getter, so V8 keeps it in dictionary
 * mode and every `ts.isIdentifier(node)` is a hash lookup and a getter call. This view has the type guards and the hot exports as its own
 * properties (few enough for V8's fast mode; measured three times faster per call) and the module as its
 * prototype for everything else.
 */
function fastView(module: typeof TS): typeof TS {
  const view: object = Object.create(module);
  for (const name of Object.keys(module)) {
    if (name.startsWith('is') || HOT_EXPORTS.includes(name)) Object.defineProperty(view, name, { value: module[name as keyof typeof TS], enumerable: true });
  }
  return view as typeof TS;
}

/** Thrown when a file nests deeper than the default stack allows; callers retry on a larger stack. */
export class NestingTooDeepError extends Error {
  constructor(readonly filePath: string) {
    super(`${filePath}: nesting too deep for the default stack`);
  }
}

export function scriptKindFor(filePath: string): TS.ScriptKind {
  const ts = typescript();
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.(?:ts|mts|cts)$/.test(lower)) return ts.ScriptKind.TS;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

export function parseSource(filePath: string, text: string): TS.SourceFile {
  const ts = typescript();
  try {
    // JSDoc is never read by the rules; skipping it makes parsing markedly faster.
    const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
    return ts.createSourceFile(filePath, text, options, true, scriptKindFor(filePath));
  } catch (error) {
    if (error instanceof RangeError) throw new NestingTooDeepError(filePath);
    throw error;
  }
}

/**
 * The tree of `text` from the tree of an earlier text of the same file, reusing the nodes the edit left
 * alone (`ts.updateSourceFile`; the edit is found by comparing the texts). `previous` is spent: its nodes
 * now belong to the new tree.
 */
export function reparse(previous: TS.SourceFile, text: string): TS.SourceFile {
  const ts = typescript();
  const { start, oldEnd, newLength } = textEdit(previous.text, text);
  try {
    return ts.updateSourceFile(previous, text, { span: { start, length: oldEnd - start }, newLength });
  } catch (error) {
    if (error instanceof RangeError) throw new NestingTooDeepError(previous.fileName);
    throw error;
  }
}

export interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
}

/** The first syntax error the parser recovered from, if any. */
export function firstSyntaxError(sourceFile: TS.SourceFile): SyntaxProblem | undefined {
  // `parseDiagnostics` is not in the public typings, but is how the parser reports recoverable errors
  // without building a Program.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly TS.DiagnosticWithLocation[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (!first) return undefined;
  const ts = typescript();
  return {
    start: first.start,
    end: first.start + first.length,
    message: ts.flattenDiagnosticMessageText(first.messageText, ' '),
  };
}
