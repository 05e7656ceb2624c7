/**
 * A vendor call whose result its function returns (`return openai.chat.completions.create(…)`): the wrap
 * follows the result to the function's callers — in its own file and, when it is exported, in the
 * project's other files — and rewrites their uses as it would at the call itself; a declared return type
 * becomes the neutral result type. Refused when a caller passes the result on, the function is used
 * other than called by name, or (exported) the project's files cannot be listed.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import { typescript } from '../../engine/parse';
import type { Scopes } from '../../engine/scope';
import type { WrapKind } from '../../vendors/wrap-table';
import { type Project, importersOf, where } from '../importers';
import type { FileChange, TextChange } from '../types';
import { Refusal } from './request';
import { convertersIn, enclosingFunction, isReference, outer, type ResultShape, rewriteResultUses } from './result';
import { boundaryLacks } from './plan';

export interface ReturnedResult {
  /** Edits in the function's own file: its return type and the uses at its callers there. */
  changes: TextChange[];
  /** Edits in the other files that call it. */
  otherFiles: FileChange[];
  /** The neutral type the return type now names (to import); undefined when it was not declared. */
  typeName?: 'ChatResult' | 'EmbeddingResult' | 'ChatChunk';
}

type Returner = TS.FunctionDeclaration | TS.FunctionExpression | TS.ArrowFunction;

/** The function the call's result is returned from (`return [await] call`, or an arrow's body), if any. */
export function returningFunction(call: TS.CallExpression): TS.Node | undefined {
  const ts = typescript();
  let value: TS.Node = outer(call);
  if (ts.isAwaitExpression(value.parent)) value = outer(value.parent);
  const parent = value.parent;
  if (ts.isArrowFunction(parent) && parent.body === value) return parent;
  return ts.isReturnStatement(parent) ? enclosingFunction(parent) : undefined;
}

/** The seam's type of each kind's result, as a function that returns it declares it. */
const RESULT_TYPES: Partial<Record<WrapKind, 'ChatResult' | 'EmbeddingResult' | 'ChatChunk'>> = { chat: 'ChatResult', responses: 'ChatResult', completion: 'ChatResult', embeddings: 'EmbeddingResult', 'chat-stream': 'ChatChunk' };

/** The edits that carry the neutral result through `returner` to every caller (throws Refusal). */
export function followReturn(returner: TS.Node, kind: WrapKind, shape: ResultShape, file: { filePath: string; scopes: Scopes }, project: Project): ReturnedResult {
  // Callers of a Responses event stream read events, which only the loop where the call is made translates.
  if (kind === 'responses-stream') throw new Refusal('a stream of Responses API events returned to callers is not followed yet');
  const named = namedFunction(returner);
  if (!named) throw new Refusal('the result is returned from a method or an unnamed function, whose callers the fix cannot find');
  const { fn, name, declaration } = named;
  const sourceFile = fn.getSourceFile();
  if (returnCount(fn) > 1) throw new Refusal(`\`${name.text}\` also returns other values`);

  const typeName = RESULT_TYPES[kind];
  if (!typeName) throw new Refusal(`a ${kind} result returned to callers is not followed yet`);
  // A stream is given without a promise: an async function wraps it in one, another returns it as it is.
  const isAsync = fn.modifiers?.some((modifier) => modifier.kind === typescript().SyntaxKind.AsyncKeyword) ?? false;
  const returnType = kind === 'chat-stream' ? (isAsync ? `Promise<AsyncIterable<${typeName}>>` : `AsyncIterable<${typeName}>`) : `Promise<${typeName}>`;
  const changes: TextChange[] = fn.type ? [{ start: fn.type.getStart(sourceFile), end: fn.type.end, newText: returnType }] : [];
  const local = callerEdits(sourceFile, name, (identifier) => identifier !== name && file.scopes.resolve(identifier)?.declaration === declaration, kind, shape, file.scopes);
  changes.push(...local.edits);
  const otherFiles = local.exported || isExported(declaration) ? callersElsewhere(name.text, file.filePath, kind, shape, project) : [];
  return { changes, otherFiles, typeName: fn.type ? typeName : undefined };
}

function namedFunction(node: TS.Node): { fn: Returner; name: TS.Identifier; declaration: TS.Node } | undefined {
  const ts = typescript();
  if (ts.isFunctionDeclaration(node)) return node.name ? { fn: node, name: node.name, declaration: node } : undefined;
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return undefined;
  const holder = node.parent;
  const isConst = ts.isVariableDeclaration(holder) && ts.isVariableDeclarationList(holder.parent) && (holder.parent.flags & ts.NodeFlags.Const) !== 0;
  return isConst && holder.initializer === node && ts.isIdentifier(holder.name) ? { fn: node, name: holder.name, declaration: holder } : undefined;
}

/** Return statements of the function itself (not of functions inside it); an arrow's expression body counts once. */
function returnCount(fn: Returner): number {
  const ts = typescript();
  if (!fn.body || !ts.isBlock(fn.body)) return 1;
  let count = 0;
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node)) count++;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return count;
}

function isExported(declaration: TS.Node): boolean {
  const ts = typescript();
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return ts.canHaveModifiers(statement) && !!ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * The rewrites at every reference to the function (`refersToIt` tells which identifiers are): each must call
 * it (or name it in `export { … }`, which makes it exported).
 */
function callerEdits(
  sourceFile: TS.SourceFile,
  name: TS.Identifier,
  refersToIt: (identifier: TS.Identifier) => boolean,
  kind: WrapKind,
  shape: ResultShape,
  scopes: Scopes,
): { edits: TextChange[]; exported: boolean } {
  const ts = typescript();
  const edits: TextChange[] = [];
  let exported = false;
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node) && node.text === name.text && (isReference(node) || ts.isExportSpecifier(node.parent)) && refersToIt(node)) {
      const parent = node.parent;
      if (ts.isExportSpecifier(parent)) {
        if (parent.name.text !== name.text) throw new Refusal(`\`${name.text}\` is exported under another name`);
        exported = true;
      } else if (ts.isCallExpression(parent) && parent.expression === node) {
        edits.push(...atCaller(parent, name.text, kind, shape, scopes));
      } else if (isCommonJsExport(node)) {
        throw new Refusal(`\`${name.text}\` is exported through \`module.exports\`, whose importers the fix does not follow yet`);
      } else if (!ts.isImportSpecifier(parent)) {
        throw new Refusal(`\`${name.text}\` is used other than called (${where(node)})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { edits, exported };
}

/** Inside `module.exports = …` or `exports.x = …`. */
function isCommonJsExport(node: TS.Node): boolean {
  const ts = typescript();
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^(?:module\.)?exports\b/.test(current.left.getText())) return true;
  }
  return false;
}

function atCaller(call: TS.CallExpression, name: string, kind: WrapKind, shape: ResultShape, scopes: Scopes): TextChange[] {
  try {
    return rewriteResultUses(call, kind, shape, scopes);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const message = `the result of \`${name}()\` (${where(call)}): ${error.message}`;
    // A caller that reads what a result converted back to the SDK's shape lacks: no conversion at the call either.
    throw boundaryLacks(call, kind) ? new UnconvertibleUse(message) : new Refusal(message);
  }
}

/** A caller's use that neither the neutral result nor one converted back to the SDK's shape can serve. */
export class UnconvertibleUse extends Refusal {}

/** The callers in the project's other files. */
function callersElsewhere(name: string, definingFile: string, kind: WrapKind, shape: ResultShape, project: Project): FileChange[] {
  return importersOf(name, definingFile, project).flatMap(({ filePath, sourceFile, scopes, locals }) => {
    const edits = locals.flatMap((local) => callerEdits(sourceFile, local, (identifier) => identifier !== local && scopes.resolve(identifier)?.declaration === local.parent, kind, shape, scopes).edits);
    const converters = convertersIn(edits, shape);
    if (converters.length) throw new Refusal(`a caller of \`${name}()\` in ${path.basename(filePath)} uses the usage as the SDK's type, which the fix converts (\`${converters.join('`, `')}\`) only in the call's own file`);
    return edits.length ? [{ filePath, changes: edits }] : [];
  });
}
