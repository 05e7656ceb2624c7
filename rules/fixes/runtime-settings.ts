/**
 * Client options computed where the code runs (a user's key read from their profile in a request handler,
 * an endpoint from a helper): the seam's config cannot evaluate them, but the wrapped call can pass them to
 * its connection as settings (SPEC §3, "Connections"). That is sound only when the expression reads the
 * same at the call as it did at the construction: a name (or a property chain on it, or a pure string
 * method on that) whose binding is the one in scope at the call and does not change in between.
 */
import type * as TS from 'typescript';
import { typescript } from '../engine/parse';
import type { Binding } from '../engine/scope';
import { type OpenFile, isConstant } from './constants';

/** String methods that compute the same result from the same string (`endpoint.replace(/\/+$/, '')`). */
const PURE_STRING_METHODS = new Set(['replace', 'replaceAll', 'trim', 'trimEnd', 'trimStart', 'toLowerCase', 'toUpperCase', 'slice', 'substring']);

/**
 * Whether `leaf` (in `file`, where the client is made) reads the same at `call`: undefined when it does, else
 * why not (completing "the client's `…` is computed at run time …").
 */
export function runtimeLeafProblem(leaf: TS.Expression, call: TS.Node | undefined, file: OpenFile): string | undefined {
  const root = rootName(leaf);
  if (!root) return 'in a way the fix cannot carry into the seam';
  if (!call) return 'where the client is made, and the call is in another file';
  const binding = file.scopes.resolve(root);
  if (!binding) return `from \`${root.text}\`, which the fix cannot follow`;
  const atCall = file.scopes.resolveAt(root.text, call);
  if (atCall?.declaration !== binding.declaration || binding.declaration.end > call.getStart(file.sourceFile)) {
    return `from \`${root.text}\`, which is not in scope where the call is`;
  }
  const writes = writesOf(binding, file);
  if (binding.kind === 'variable' && !isConstant(binding)) {
    if (writes.some((write) => write.end > leaf.getStart(file.sourceFile))) return `from \`${root.text}\`, which changes after the client is made`;
    if (functionOf(call) !== functionOf(binding.declaration)) return `from \`${root.text}\`, which may change before the call in another function runs`;
  } else if (binding.kind === 'parameter' ? writes.length > 0 : binding.kind !== 'variable') {
    return `from \`${root.text}\`, which the fix cannot follow`;
  }
  if (root !== skipTypeOnly(leaf)) {
    const mutated = propertyWrites(binding, file);
    if (mutated) return `from \`${root.text}\`, whose properties are assigned (\`${mutated.getText(file.sourceFile)}\`)`;
  }
  return undefined;
}

/** The name a leaf reads from: `x`, `x.a.b`, `x['a']`, `x.a.replace(/…/, '')`; undefined for anything else. */
function rootName(expression: TS.Expression): TS.Identifier | undefined {
  const ts = typescript();
  const node = skipTypeOnly(expression);
  if (ts.isIdentifier(node)) return node.text === 'undefined' ? undefined : node;
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) return rootName(node.expression);
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return rootName(node.expression);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && PURE_STRING_METHODS.has(node.expression.name.text) && node.arguments.every(isLiteral)) {
    return rootName(node.expression.expression);
  }
  return undefined;
}

/** The name a setting is called by: the last name a leaf reads (`profile.openai_api_key` → `openai_api_key`). */
export function leafName(expression: TS.Expression): string {
  const ts = typescript();
  const node = skipTypeOnly(expression);
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return node.argumentExpression.text;
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) return leafName(node.expression.expression);
  return node.getText();
}

function isLiteral(node: TS.Expression): boolean {
  const ts = typescript();
  return ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || ts.isRegularExpressionLiteral(node);
}

/** Assignments to the name itself (`x = …`, `x += …`, `x++`, `[x] = …`). */
export function writesOf(binding: Binding, file: OpenFile): TS.Node[] {
  const ts = typescript();
  const writes: TS.Node[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node) && node.text === binding.name && isWritten(node) && file.scopes.resolve(node)?.declaration === binding.declaration) writes.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file.sourceFile);
  return writes;
}

/** The first assignment to a property read through the name (`profile.key = …`), if any. */
function propertyWrites(binding: Binding, file: OpenFile): TS.Node | undefined {
  const ts = typescript();
  let found: TS.Node | undefined;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && isWritten(node)) {
      let root: TS.Expression = node;
      while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
      if (ts.isIdentifier(root) && root.text === binding.name && file.scopes.resolve(root)?.declaration === binding.declaration) found = node.parent;
    }
    ts.forEachChild(node, visit);
  };
  visit(file.sourceFile);
  return found;
}

/** Whether the node is the target of an assignment, an update or a `delete`. */
function isWritten(node: TS.Node): boolean {
  const ts = typescript();
  let target: TS.Node = node;
  // `[x] = …`, `({ a: x } = …)`: walk out of the destructuring pattern.
  while (ts.isArrayLiteralExpression(target.parent) || ts.isPropertyAssignment(target.parent) || ts.isShorthandPropertyAssignment(target.parent) || ts.isObjectLiteralExpression(target.parent)) {
    target = target.parent;
  }
  const parent = target.parent;
  if (ts.isBinaryExpression(parent) && parent.left === target) return parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  if (target !== node) return false;
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  return ts.isDeleteExpression(parent);
}

function functionOf(node: TS.Node): TS.Node | undefined {
  const ts = typescript();
  let current: TS.Node | undefined = node.parent;
  while (current && !ts.isFunctionLike(current) && !ts.isSourceFile(current)) current = current.parent;
  return current;
}

/** Drops what only TypeScript has (`!`, `as T`, `satisfies T`, `<T>x`): the seam may be JavaScript. */
export function skipTypeOnly(node: TS.Expression): TS.Expression {
  const ts = typescript();
  let current = node;
  while (ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) current = current.expression;
  return current;
}
