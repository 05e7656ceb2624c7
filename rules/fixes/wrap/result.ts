/**
 * The result half of the wrap fix: follows the awaited result of a vendor call through a variable, a
 * `for await` over a stream, or a direct property chain, and rewrites each use into the neutral result
 * (`.choices[0].message.content` → `.text`, `.data[i].embedding` → `.embeddings[i]` …). Any use it cannot
 * translate (the result returned, passed on, or read for a field the neutral result lacks) refuses the fix.
 */
import type * as TS from 'typescript';
import { typescript } from '../../engine/parse';
import type { Scopes } from '../../engine/scope';
import { RESULT_ACCESSORS, RESULT_LISTS, RESULT_OBJECTS, type WrapKind } from '../../vendors/wrap-table';
import type { TextChange } from '../types';
import { Refusal } from './request';

/** Edits for every use of the call's result; `call` is the vendor call expression. */
export function rewriteResultUses(call: TS.CallExpression, kind: WrapKind, prefix: readonly string[], scopes: Scopes): TextChange[] {
  const ts = typescript();
  const value = outer(call);
  const awaited = value.parent;
  if (resultValue(call) !== value) throw new Refusal('the result is one branch of a conditional (`?:`), whose uses the fix does not follow');
  if (!ts.isAwaitExpression(awaited)) {
    if (ts.isExpressionStatement(awaited)) return [];
    // A stream helper (`chat.completions.stream(…)`) gives its stream without `await`, as the neutral one does.
    if (kind === 'chat-stream') return rewriteStream(value, prefix, scopes);
    throw new Refusal('the result is not awaited where the call is made');
  }
  const use = untyped(outer(awaited));
  const parent = use.parent;
  if (ts.isExpressionStatement(parent)) return [];
  if (kind === 'chat-stream') return rewriteStream(use, prefix, scopes);
  if (ts.isVariableDeclaration(parent) && parent.initializer === use) {
    if (ts.isObjectBindingPattern(parent.name)) return rewriteDestructured(parent, parent.name, kind, prefix, scopes);
    return rewriteVariable(use, (reference) => rewriteAccess(reference, kind, prefix, scopes), scopes);
  }
  return rewriteAccess(use, kind, prefix, scopes);
}

/** A stream read chunk by chunk in `for await`, directly or through a variable. */
function rewriteStream(use: TS.Expression, prefix: readonly string[], scopes: Scopes): TextChange[] {
  const ts = typescript();
  const parent = use.parent;
  if (ts.isForOfStatement(parent) && parent.expression === use && parent.awaitModifier) return rewriteChunks(parent, prefix, scopes);
  return rewriteVariable(use, (reference) => {
    const loop = reference.parent;
    if (ts.isForOfStatement(loop) && loop.expression === reference && loop.awaitModifier) return rewriteChunks(loop, prefix, scopes);
    throw new Refusal(escapeReason('stream', reference));
  }, scopes);
}

/** Why a result or stream used as a whole cannot be followed: what the code does with it. */
function escapeReason(what: 'result' | 'stream' | 'chunk', use: TS.Expression): string {
  const ts = typescript();
  const sourceFile = use.getSourceFile();
  const user = outer(use).parent;
  if (ts.isCallExpression(user) && user.arguments.includes(outer(use))) return `the ${what} is passed on (to \`${user.expression.getText(sourceFile)}\`)`;
  if (ts.isPropertyAssignment(user) && user.initializer === outer(use)) return `the ${what} is passed on (in a \`${user.name.getText(sourceFile)}\` property)`;
  if (ts.isBinaryExpression(user) && user.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) return `the ${what} is checked with \`instanceof\``;
  if (ts.isPropertyAccessExpression(user) && user.expression === outer(use)) {
    return what === 'stream' ? `the SDK stream's own \`${user.name.text}\` is used, which the neutral stream lacks` : `the result is used as the SDK's type (${user.name.text})`;
  }
  return what === 'stream' ? 'the stream is used other than in a `for await` loop' : "the whole result is used as the SDK's type (returned or passed on)";
}

/** `const r = await …`: every reference to `r` must be translatable. */
function rewriteVariable(initializer: TS.Expression, rewrite: (reference: TS.Identifier) => TextChange[], scopes: Scopes): TextChange[] {
  const ts = typescript();
  const declaration = initializer.parent;
  if (!ts.isVariableDeclaration(declaration)) throw new Refusal(escapeReason('stream', initializer));
  if (!ts.isIdentifier(declaration.name)) throw new Refusal('the result is destructured');
  checkConstUntyped(declaration);
  return rewriteReferences(declaration.name, declaration.parent.parent.parent, rewrite, scopes);
}

/**
 * `const { data } = await …`: the pattern becomes one result variable, and each use of a destructured name
 * is translated as a read of that property (`data[0].embedding` → `result.embeddings[0]`).
 */
function rewriteDestructured(declaration: TS.VariableDeclaration, pattern: TS.ObjectBindingPattern, kind: WrapKind, prefix: readonly string[], scopes: Scopes): TextChange[] {
  checkConstUntyped(declaration);
  return rewritePattern(pattern, 'result', declaration.parent.parent.parent, kind, prefix, scopes);
}

/**
 * A pattern, nested or not (`{ choices: [{ message }] }`), becomes one variable; each name it binds is read
 * as the path it stands for (`message.content` → `result.text`, as `result.choices[0].message.content`).
 */
function rewritePattern(pattern: TS.ObjectBindingPattern, base: string, scope: TS.Node, kind: WrapKind, prefix: readonly string[], scopes: Scopes): TextChange[] {
  const sourceFile = pattern.getSourceFile();
  const variable = unusedName(sourceFile, base);
  const changes: TextChange[] = [{ start: pattern.getStart(sourceFile), end: pattern.end, newText: variable }];
  for (const { name, path } of boundNames(pattern, [])) {
    changes.push(...rewriteReferences(name, scope, (reference) => rewriteAccess(reference, kind, prefix, scopes, { path, variable }), scopes));
  }
  return changes;
}

/** The names a pattern binds, each with the property path it reads (an array pattern reads its first item, `0`). */
function boundNames(pattern: TS.BindingPattern, path: readonly string[]): Array<{ name: TS.Identifier; path: string[] }> {
  const ts = typescript();
  return pattern.elements.flatMap((element, index) => {
    if (ts.isOmittedExpression(element)) return [];
    const property = ts.isObjectBindingPattern(pattern) ? (element.propertyName ?? element.name) : undefined;
    const key = property ? (ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : undefined) : index === 0 ? '0' : undefined;
    if (element.dotDotDotToken || element.initializer || key === undefined) throw new Refusal('the result is destructured with a default, a rest element, a computed name or an item after the first');
    const inner = [...path, key];
    return ts.isIdentifier(element.name) ? [{ name: element.name, path: inner }] : boundNames(element.name, inner);
  });
}

function checkConstUntyped(declaration: TS.VariableDeclaration): void {
  const ts = typescript();
  if (declaration.type) throw new Refusal('the result variable is declared with the SDK type');
  if ((declaration.parent.flags & ts.NodeFlags.Const) === 0) throw new Refusal('the result variable may be reassigned (not const)');
}

/** `base`, or `base2`, `base3`… : the first that no identifier of the file uses. */
function unusedName(sourceFile: TS.SourceFile, base: string): string {
  const ts = typescript();
  const used = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  let candidate = base;
  for (let suffix = 2; used.has(candidate); suffix++) candidate = `${base}${suffix}`;
  return candidate;
}

/** Rewrites every reference to the variable `name` within `scope`. */
function rewriteReferences(name: TS.Identifier, scope: TS.Node, rewrite: (reference: TS.Identifier) => TextChange[], scopes: Scopes): TextChange[] {
  const ts = typescript();
  const binding = scopes.resolve(name);
  const changes: TextChange[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && scopes.resolve(node) === binding && isReference(node)) {
      changes.push(...rewrite(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return changes;
}

/** `for await (const chunk of stream)`: every use of `chunk` must be a translatable chunk accessor. */
function rewriteChunks(loop: TS.ForOfStatement, prefix: readonly string[], scopes: Scopes): TextChange[] {
  const ts = typescript();
  const initializer = loop.initializer;
  if (!ts.isVariableDeclarationList(initializer) || initializer.declarations.length !== 1) throw new Refusal('the stream loop does not declare one chunk variable');
  const chunk = initializer.declarations[0];
  const name = chunk.name;
  if (chunk.type) throw new Refusal('the stream chunk is typed with the SDK type');
  if (ts.isObjectBindingPattern(name)) return rewritePattern(name, 'chunk', loop.statement, 'chat-stream', prefix, scopes);
  if (!ts.isIdentifier(name)) throw new Refusal('the stream chunk is destructured as an array');
  return rewriteReferences(name, loop.statement, (reference) => rewriteAccess(reference, 'chat-stream', prefix, scopes), scopes);
}

/**
 * `x.choices[0].message.content` → `x.text`; the chain must match an accessor exactly, or be a part of the
 * result kept in a const (`const usage = x.usage`) whose every use reads a field the neutral part has.
 */
function rewriteAccess(root: TS.Expression, kind: WrapKind, prefix: readonly string[], scopes: Scopes, destructured?: DestructuredRead): TextChange[] {
  const ts = typescript();
  const sourceFile = root.getSourceFile();
  const segments: string[] = destructured ? [...destructured.path] : [];
  // A destructured name is replaced whole (`data…` → `result.embeddings…`); a result variable keeps its name.
  const start = destructured ? root.getStart(sourceFile) : root.end;
  const head = destructured ? destructured.variable : '';
  let node: TS.Expression = root;
  let indexText: string | undefined;
  // A destructured list (`const { results } = …`) may be read item by item right away.
  const destructuredList = destructured && RESULT_LISTS[kind].find((candidate) => candidate.path === stripPrefix(segments, prefix)?.join('.'));
  const destructuredUse = destructuredList && rewriteListUse(root, destructuredList, { start, end: root.end, newText: `${head}.${destructuredList.neutral}` }, scopes);
  if (destructuredUse) return destructuredUse;
  // A destructured name may stand for an accessor's whole path (`{ data: [{ embedding }] }`, `finish_reason: reason`).
  const whole = destructured && RESULT_ACCESSORS[kind].find((candidate) => candidate.path === stripPrefix(segments, prefix)?.join('.'));
  if (whole) return [{ start, end: root.end, newText: `${head}.${whole.neutral}` }];
  for (;;) {
    const parent: TS.Node = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) segments.push(parent.name.text);
    else if (ts.isElementAccessExpression(parent) && parent.expression === node) {
      const argument = parent.argumentExpression;
      if (ts.isNumericLiteral(argument) && argument.text === '0') segments.push('0');
      else {
        segments.push('*');
        indexText = argument.getText(sourceFile);
      }
    } else if (ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent)) {
      // `x!.y` and `(x).y` read the same property.
    } else break;
    node = parent as TS.Expression;
    const path = stripPrefix(segments, prefix);
    if (path === undefined) continue;
    const joined = path.join('.');
    if (kind === 'embeddings' && joined === 'data.map') return [{ start, end: embeddingMapEnd(node), newText: `${head}.embeddings` }];
    if (kind === 'embeddings' && joined === 'data' && ts.isForOfStatement(node.parent) && node.parent.expression === node) {
      return rewriteEmbeddingLoop(node.parent, { start, end: node.end, newText: `${head}.embeddings` }, scopes);
    }
    const list = RESULT_LISTS[kind].find((candidate) => candidate.path === joined);
    const listUse = list && rewriteListUse(node, list, { start, end: node.end, newText: `${head}.${list.neutral}` }, scopes);
    if (listUse) return listUse;
    const accessor = RESULT_ACCESSORS[kind].find((candidate) => candidate.path === joined || (indexText !== undefined && candidate.path === joined.replace('*', '0')));
    if (accessor) {
      const neutral = indexText !== undefined && accessor.neutral.endsWith('[0]') ? accessor.neutral.replace('[0]', `[${indexText}]`) : accessor.neutral;
      return [{ start, end: node.end, newText: `${head}.${neutral}` }];
    }
  }
  const read = stripPrefix(segments, prefix)?.join('.');
  const part = RESULT_OBJECTS[kind].find((candidate) => candidate.path === read);
  if (part && ts.isVariableDeclaration(node.parent) && node.parent.initializer === node) {
    const fieldUses = rewriteVariable(node, (reference) => rewriteField(reference, part.fields, read!), scopes);
    return [{ start, end: node.end, newText: `${head}.${part.neutral}` }, ...fieldUses];
  }
  throw new Refusal(read ? `the result is used as the SDK's type (${read})` : escapeReason(kind === 'chat-stream' ? 'chunk' : 'result', node));
}

/**
 * `r.choices` read item by item — `.length`, `.map((choice) => …)` or `for (const choice of …)` — becomes
 * the neutral list, each item read for a field it has (`choice.message.content` → `choice.text`).
 * Undefined when the list is used otherwise (an element access is an accessor's business).
 */
function rewriteListUse(list: TS.Expression, table: (typeof RESULT_LISTS)[WrapKind][number], listChange: TextChange, scopes: Scopes): TextChange[] | undefined {
  const ts = typescript();
  const parent = list.parent;
  let items: TS.BindingName[] = [];
  let scope: TS.Node | undefined;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === list && parent.name.text === 'length') return [listChange];
  if (ts.isPropertyAccessExpression(parent) && parent.expression === list && parent.name.text === 'map') {
    const call = parent.parent;
    const callback = ts.isCallExpression(call) && call.expression === parent && call.arguments.length === 1 ? call.arguments[0] : undefined;
    if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || callback.parameters.length !== 1) return undefined;
    [items, scope] = [[callback.parameters[0].name], callback.body];
  } else if (ts.isForOfStatement(parent) && parent.expression === list && ts.isVariableDeclarationList(parent.initializer) && parent.initializer.declarations.length === 1) {
    [items, scope] = [[parent.initializer.declarations[0].name], parent.statement];
  } else if (ts.isVariableDeclaration(parent) && parent.initializer === list && ts.isArrayBindingPattern(parent.name)) {
    // `const [first] = r.results`: each element is an item.
    checkConstUntyped(parent);
    const elements = parent.name.elements;
    if (elements.some((element) => ts.isOmittedExpression(element) || element.dotDotDotToken || element.initializer)) throw new Refusal(`the \`${table.path}\` are destructured with a gap, a default or a rest element`);
    [items, scope] = [elements.map((element) => (element as TS.BindingElement).name), parent.parent.parent.parent];
  }
  if (!items.length || !scope) return undefined;
  const fields = Object.keys(table.itemFields).join('`, `');
  const readField = (reference: TS.Identifier): TextChange[] => {
    const path: string[] = [];
    for (let node: TS.Node = reference; ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node; node = node.parent) {
      path.push(node.parent.name.text);
      const neutral = Object.hasOwn(table.itemFields, path.join('.')) ? table.itemFields[path.join('.')] : undefined;
      if (neutral) return [{ start: reference.end, end: node.parent.end, newText: `.${neutral}` }];
    }
    throw new Refusal(`a \`${table.path}\` item is used for more than \`${fields}\``);
  };
  const itemChanges = items.flatMap((item) => {
    if (!ts.isIdentifier(item)) throw new Refusal(`a \`${table.path}\` item is destructured`);
    return rewriteReferences(item, scope!, readField, scopes);
  });
  return [listChange, ...itemChanges];
}

/** `usage?.prompt_tokens` → `usage?.inputTokens` (the neutral part is optional, so always `?.`). */
function rewriteField(reference: TS.Identifier, fields: Readonly<Record<string, string>>, partPath: string): TextChange[] {
  const ts = typescript();
  let node: TS.Expression = reference;
  while (ts.isNonNullExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const access = node.parent;
  const neutral = ts.isPropertyAccessExpression(access) && access.expression === node && Object.hasOwn(fields, access.name.text) ? fields[access.name.text] : undefined;
  if (!neutral) throw new Refusal(`the result is used as the SDK's type (${partPath})`);
  return [{ start: reference.end, end: access.end, newText: `?.${neutral}` }];
}

/** `r.data.map((d) => d.embedding)` becomes `r.embeddings`: where that call ends. */
function embeddingMapEnd(mapAccess: TS.Expression): number {
  const ts = typescript();
  const call = mapAccess.parent;
  const callback = ts.isCallExpression(call) && call.expression === mapAccess && call.arguments.length === 1 ? call.arguments[0] : undefined;
  if (!callback || !ts.isArrowFunction(callback) || callback.parameters.length !== 1 || !ts.isIdentifier(callback.parameters[0].name)) {
    throw new Refusal('the embeddings are mapped with more than `(d) => d.embedding`');
  }
  const parameter = callback.parameters[0].name.text;
  const body = callback.body;
  if (!ts.isPropertyAccessExpression(body) || body.name.text !== 'embedding' || !ts.isIdentifier(body.expression) || body.expression.text !== parameter) {
    throw new Refusal('the embeddings are mapped with more than `(d) => d.embedding`');
  }
  return call.end;
}

/**
 * `for (const item of r.data)` reading `item.embedding` (and `item.index`) becomes
 * `for (const item of r.embeddings)` (or `for (const [itemIndex, item] of r.embeddings.entries())`): the
 * neutral vectors are in input order, so a vector's position is the SDK's `index`.
 */
function rewriteEmbeddingLoop(loop: TS.ForOfStatement, dataChange: TextChange, scopes: Scopes): TextChange[] {
  const ts = typescript();
  const sourceFile = loop.getSourceFile();
  const list = loop.initializer;
  const item = ts.isVariableDeclarationList(list) && list.declarations.length === 1 && (list.flags & ts.NodeFlags.Const) !== 0 ? list.declarations[0] : undefined;
  if (!item || !ts.isIdentifier(item.name) || item.type) throw new Refusal('the embeddings loop does not declare one const item');
  const name = item.name;
  const indexName = unusedName(sourceFile, `${name.text}Index`);
  let readsIndex = false;
  const changes = rewriteReferences(name, loop.statement, (reference) => {
    const access = reference.parent;
    const field = ts.isPropertyAccessExpression(access) && access.expression === reference ? access.name.text : undefined;
    if (field === 'embedding') return [{ start: reference.end, end: access.end, newText: '' }];
    if (field !== 'index') throw new Refusal("an embeddings item is used for more than its `embedding` and `index`");
    readsIndex = true;
    return [{ start: reference.getStart(sourceFile), end: access.end, newText: indexName }];
  }, scopes);
  if (!readsIndex) return [dataChange, ...changes];
  return [{ ...dataChange, newText: `${dataChange.newText}.entries()` }, { start: name.getStart(sourceFile), end: name.end, newText: `[${indexName}, ${name.text}]` }, ...changes];
}

/** A name destructured from the result: the property path it reads, and the variable that replaces the pattern. */
interface DestructuredRead {
  path: readonly string[];
  variable: string;
}

function stripPrefix(segments: readonly string[], prefix: readonly string[]): string[] | undefined {
  if (segments.length < prefix.length || prefix.some((segment, index) => segments[index] !== segment)) return undefined;
  return segments.slice(prefix.length);
}

/** The value a call's result is to the code: through parentheses, and the branches of a conditional (`c ? call : other`). */
export function resultValue(call: TS.CallExpression): TS.Expression {
  const ts = typescript();
  let value = outer(call);
  while (ts.isConditionalExpression(value.parent) && value.parent.condition !== value) value = outer(value.parent);
  return value;
}

/** Through \`(await call) as any\`: a result cast to \`any\` is read as the code reads it, unchecked either way. */
function untyped(use: TS.Expression): TS.Expression {
  const ts = typescript();
  const cast = use.parent;
  return ts.isAsExpression(cast) && cast.type.kind === ts.SyntaxKind.AnyKeyword ? outer(cast) : use;
}

/** The expression a value appears as to its user: through parentheses and casts. */
export function outer(node: TS.Expression): TS.Expression {
  const ts = typescript();
  let current = node;
  while (ts.isParenthesizedExpression(current.parent) || ts.isNonNullExpression(current.parent)) current = current.parent;
  return current;
}

/** The innermost function around a node, if any. */
export function enclosingFunction(node: TS.Node): TS.SignatureDeclaration | undefined {
  const ts = typescript();
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return current;
  return undefined;
}

/** An identifier used as a value (not a property name or a declaration name). */
export function isReference(node: TS.Identifier): boolean {
  const ts = typescript();
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) return false;
  return !(ts.isVariableDeclaration(parent) && parent.name === node);
}
