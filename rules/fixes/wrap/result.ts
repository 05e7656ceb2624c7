/**
 * The result half of the wrap fix: follows the awaited result of a vendor call through a variable, a
 * `for await` over a stream, or a direct property chain, and rewrites each use into the neutral result
 * (`.choices[0].message.content` → `.text`, `.data[i].embedding` → `.embeddings[i]` …). Any use it cannot
 * translate (the result returned, passed on, or read for a field the neutral result lacks) refuses the fix.
 */
import type * as TS from 'typescript';
import { typescript } from '../../engine/parse';
import { skipOuterExpressions } from '../../engine/syntax';
import type { Scopes } from '../../engine/scope';
import { type CallShape, NULL_UNTIL_SET, RESULT_ACCESSORS, RESULT_CONSTANTS, RESULT_LISTS, RESULT_OBJECTS, STREAM_EVENT_TESTS, type WrapKind } from '../../vendors/wrap-table';
import type { TextChange } from '../types';
import { Refusal } from './request';

/** What the rewrite needs of a call's row: the path to strip from its result, the converter of its usage. */
export type ResultShape = Pick<CallShape, 'resultPrefix' | 'usageBoundary'>;

/** Edits for every use of the call's result; `call` is the vendor call expression. */
export function rewriteResultUses(call: TS.CallExpression, kind: WrapKind, shape: ResultShape, scopes: Scopes): TextChange[] {
  const ts = typescript();
  const value = outer(call);
  const awaited = value.parent;
  if (resultValue(call) !== value) throw new Refusal('the result is one branch of a conditional (`?:`), whose uses the fix does not follow');
  if (!ts.isAwaitExpression(awaited)) {
    if (ts.isExpressionStatement(awaited)) return [];
    // A stream helper (`chat.completions.stream(…)`) gives its stream without `await`, as the neutral one does.
    if (kind === 'chat-stream' || kind === 'responses-stream') return rewriteStream(value, kind, shape, scopes);
    throw new Refusal('the result is not awaited where the call is made');
  }
  const use = untyped(outer(awaited));
  const parent = use.parent;
  if (ts.isExpressionStatement(parent)) return [];
  if (kind === 'chat-stream' || kind === 'responses-stream') return rewriteStream(use, kind, shape, scopes);
  if (ts.isVariableDeclaration(parent) && parent.initializer === use) {
    if (ts.isObjectBindingPattern(parent.name)) return rewriteDestructured(parent, parent.name, kind, shape, scopes);
    return rewriteVariable(use, (reference) => rewriteAccess(reference, kind, shape, scopes), scopes);
  }
  return rewriteAccess(use, kind, shape, scopes);
}

/** A stream read chunk by chunk in `for await`, directly or through a variable. */
function rewriteStream(use: TS.Expression, kind: WrapKind, shape: ResultShape, scopes: Scopes): TextChange[] {
  const ts = typescript();
  const parent = use.parent;
  if (ts.isForOfStatement(parent) && parent.expression === use && parent.awaitModifier) return rewriteChunks(parent, kind, shape, scopes);
  return rewriteVariable(use, (reference) => {
    const loop = reference.parent;
    if (ts.isForOfStatement(loop) && loop.expression === reference && loop.awaitModifier) return rewriteChunks(loop, kind, shape, scopes);
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
function rewriteDestructured(declaration: TS.VariableDeclaration, pattern: TS.ObjectBindingPattern, kind: WrapKind, shape: ResultShape, scopes: Scopes): TextChange[] {
  checkConstUntyped(declaration);
  return rewritePattern(pattern, 'result', declaration.parent.parent.parent, kind, shape, scopes);
}

/**
 * A pattern, nested or not (`{ choices: [{ message }] }`), becomes one variable; each name it binds is read
 * as the path it stands for (`message.content` → `result.text`, as `result.choices[0].message.content`).
 */
function rewritePattern(pattern: TS.ObjectBindingPattern, base: string, scope: TS.Node, kind: WrapKind, shape: ResultShape, scopes: Scopes): TextChange[] {
  const sourceFile = pattern.getSourceFile();
  const variable = unusedName(sourceFile, base);
  const changes: TextChange[] = [{ start: pattern.getStart(sourceFile), end: pattern.end, newText: variable }];
  for (const { name, path } of boundNames(pattern, [])) {
    changes.push(...rewriteReferences(name, scope, (reference) => rewriteAccess(reference, kind, shape, scopes, { path, variable }), scopes));
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
function rewriteChunks(loop: TS.ForOfStatement, kind: WrapKind, shape: ResultShape, scopes: Scopes): TextChange[] {
  const ts = typescript();
  const initializer = loop.initializer;
  if (!ts.isVariableDeclarationList(initializer) || initializer.declarations.length !== 1) throw new Refusal('the stream loop does not declare one chunk variable');
  const chunk = initializer.declarations[0];
  const name = chunk.name;
  if (chunk.type) throw new Refusal('the stream chunk is typed with the SDK type');
  const tests = STREAM_EVENT_TESTS[kind];
  if (ts.isObjectBindingPattern(name) && !tests) return rewritePattern(name, 'chunk', loop.statement, kind, shape, scopes);
  if (!ts.isIdentifier(name)) throw new Refusal('the stream chunk is destructured');
  const changes = tests
    ? rewriteReferences(name, loop.statement, (reference) => eventTest(reference, tests) ?? (testedEvent(reference, tests) ? rewriteAccess(reference, kind, shape, scopes) : refuseUntested()), scopes)
    : rewriteReferences(name, loop.statement, (reference) => rewriteAccess(reference, kind, shape, scopes), scopes);
  checkNotMerged(changes, loop.getSourceFile());
  return changes;
}

/**
 * Two fields of the SDK's chunk that the neutral chunk carries as one (`reasoning_content` and `reasoning`,
 * from different servers) read in one loop: translated, both would read the same text twice.
 */
function checkNotMerged(changes: readonly TextChange[], sourceFile: TS.SourceFile): void {
  const lastName = (text: string) => /(\w+)\W*$/.exec(text)?.[1];
  const read = new Map<string, Set<string>>();
  for (const change of changes) {
    const [vendor, neutral] = [lastName(sourceFile.text.slice(change.start, change.end)), lastName(change.newText)];
    if (vendor && neutral) read.set(neutral, (read.get(neutral) ?? new Set()).add(vendor));
  }
  for (const [neutral, vendor] of read) {
    if (vendor.size > 1) throw new Refusal(`the stream is read for both \`${[...vendor].join('` and `')}\`, which the neutral chunk carries as one (\`${neutral}\`)`);
  }
}

/** \`event.type === 'response.output_text.delta'\` → the neutral chunk's test; undefined for any other use of \`event\`. */
function eventTest(reference: TS.Identifier, tests: NonNullable<(typeof STREAM_EVENT_TESTS)[WrapKind]>): TextChange[] | undefined {
  const ts = typescript();
  const test = typeComparison(reference);
  if (!test) return undefined;
  const type = test.other;
  const neutral = ts.isStringLiteralLike(type) && Object.hasOwn(tests, type.text) ? tests[type.text] : undefined;
  if (!neutral) throw new Refusal(`the stream's \`${type.getText()}\` events have no neutral chunk (its chunks carry text and the finish reason)`);
  // The neutral stream has no other events to count: "not a text delta" only skips to the next one.
  if (test.negated && !skipsEvent(test.comparison)) throw new Refusal("the stream's events are told apart as not being text deltas other than to skip them (`continue`)");
  return [{ start: test.comparison.getStart(), end: test.comparison.end, newText: `${reference.text}.${test.negated ? neutral.isNot : neutral.is}` }];
}

/** \`event.type === <other>\` (or \`!==\`, \`==\`, \`!=\`, either way round) around this reference of the event. */
function typeComparison(reference: TS.Identifier): { comparison: TS.BinaryExpression; other: TS.Expression; negated: boolean } | undefined {
  const ts = typescript();
  const access = reference.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== reference || access.name.text !== 'type' || !ts.isBinaryExpression(access.parent)) return undefined;
  const comparison = access.parent;
  const operator = comparison.operatorToken.kind;
  const equality = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken];
  if (!equality.includes(operator)) return undefined;
  const negated = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  return { comparison, other: comparison.left === access ? comparison.right : comparison.left, negated };
}

/**
 * Whether this read of an event is where a test for a type the neutral chunks carry holds: in the \`then\`
 * branch of an \`if\` or \`?:\`, or right of \`&&\` (other events have fields of the same name, as \`delta\`).
 */
function testedEvent(reference: TS.Identifier, tests: NonNullable<(typeof STREAM_EVENT_TESTS)[WrapKind]>): boolean {
  const ts = typescript();
  const holds = (condition: TS.Expression): boolean => {
    const inner = skipOuterExpressions(condition);
    if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return holds(inner.left) || holds(inner.right);
    if (!ts.isBinaryExpression(inner) || !ts.isPropertyAccessExpression(inner.left) || !ts.isIdentifier(inner.left.expression) || inner.left.expression.text !== reference.text) return false;
    const test = typeComparison(inner.left.expression);
    return !!test && !test.negated && ts.isStringLiteralLike(test.other) && Object.hasOwn(tests, test.other.text);
  };
  const skipsOthers = (statement: TS.Statement): boolean => {
    if (!ts.isIfStatement(statement) || !skipsEvent(statement.expression)) return false;
    const test = ts.isBinaryExpression(statement.expression) && ts.isPropertyAccessExpression(statement.expression.left) ? typeComparison(statement.expression.left.expression as TS.Identifier) : undefined;
    return !!test && test.negated && ts.isStringLiteralLike(test.other) && Object.hasOwn(tests, test.other.text) && (test.comparison.left as TS.PropertyAccessExpression).expression.getText() === reference.text;
  };
  for (let child: TS.Node = reference, node = reference.parent; !ts.isForOfStatement(node); child = node, node = node.parent) {
    if (ts.isIfStatement(node) && node.thenStatement === child && holds(node.expression)) return true;
    // After \`if (event.type !== 'response.output_text.delta') continue;\` in the same block.
    if (ts.isBlock(node) && node.statements.slice(0, node.statements.indexOf(child as TS.Statement)).some(skipsOthers)) return true;
    if (ts.isConditionalExpression(node) && node.whenTrue === child && holds(node.condition)) return true;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && node.right === child && holds(node.left)) return true;
  }
  return false;
}

/** Whether this condition is an \`if\`'s whose only statement is \`continue\` (of the stream's loop). */
function skipsEvent(condition: TS.Expression): boolean {
  const ts = typescript();
  const statement = condition.parent;
  if (!ts.isIfStatement(statement) || statement.expression !== condition || statement.elseStatement) return false;
  const then = ts.isBlock(statement.thenStatement) && statement.thenStatement.statements.length === 1 ? statement.thenStatement.statements[0] : statement.thenStatement;
  return ts.isContinueStatement(then) && !then.label;
}

function refuseUntested(): never {
  throw new Refusal("the stream's events are read where their type is not tested for text deltas");
}


/**
 * `x.choices[0].message.content` → `x.text`; the chain must match an accessor exactly, or be a part of the
 * result kept in a const (`const usage = x.usage`) whose every use reads a field the neutral part has.
 */
function rewriteAccess(root: TS.Expression, kind: WrapKind, shape: ResultShape, scopes: Scopes, destructured?: DestructuredRead): TextChange[] {
  const ts = typescript();
  const sourceFile = root.getSourceFile();
  const segments: string[] = destructured ? [...destructured.path] : [];
  // A destructured name is replaced whole (`data…` → `result.embeddings…`); a result variable keeps its name.
  const start = destructured ? root.getStart(sourceFile) : root.end;
  const head = destructured ? destructured.variable : '';
  let node: TS.Expression = root;
  let indexText: string | undefined;
  // A destructured list (`const { results } = …`) may be read item by item right away.
  const destructuredList = destructured && RESULT_LISTS[kind].find((candidate) => candidate.path === stripPrefix(segments, shape.resultPrefix)?.join('.'));
  const destructuredUse = destructuredList && rewriteListUse(root, destructuredList, { start, end: root.end, newText: `${head}.${destructuredList.neutral}` }, scopes);
  if (destructuredUse) return destructuredUse;
  // A destructured name may stand for an accessor's whole path (`{ data: [{ embedding }] }`, `finish_reason: reason`).
  const whole = destructured && RESULT_ACCESSORS[kind].find((candidate) => candidate.path === stripPrefix(segments, shape.resultPrefix)?.join('.'));
  if (whole) return [nullWhereUsed({ start, end: root.end, newText: `${head}.${whole.neutral}` }, root, whole.neutral, kind, root)];
  // Where the chain reads the result's usage, should the rest need the SDK's usage (converted there).
  let usageRead: TS.Expression | undefined = destructured && stripPrefix(segments, shape.resultPrefix)?.join('.') === USAGE ? root : undefined;
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
    const path = stripPrefix(segments, shape.resultPrefix);
    if (path === undefined) continue;
    const joined = path.join('.');
    if (joined === USAGE) usageRead ??= node;
    if (kind === 'embeddings' && joined === 'data.map') return [{ start, end: embeddingMapEnd(node), newText: `${head}.embeddings` }];
    if (kind === 'embeddings' && joined === 'data' && ts.isForOfStatement(node.parent) && node.parent.expression === node) {
      return rewriteEmbeddingLoop(node.parent, { start, end: node.end, newText: `${head}.embeddings` }, scopes);
    }
    const list = RESULT_LISTS[kind].find((candidate) => candidate.path === joined);
    const listUse = list && rewriteListUse(node, list, { start, end: node.end, newText: `${head}.${list.neutral}` }, scopes);
    if (listUse) return listUse;
    const constant = RESULT_CONSTANTS[kind]?.[joined];
    if (constant && !destructured) return [{ start: root.getStart(sourceFile), end: node.end, newText: constant }];
    const accessor = RESULT_ACCESSORS[kind].find((candidate) => candidate.path === joined || (indexText !== undefined && candidate.path === joined.replace('*', '0')));
    if (accessor) {
      const neutral = indexText !== undefined && accessor.neutral.endsWith('[0]') ? accessor.neutral.replace('[0]', `[${indexText}]`) : accessor.neutral;
      return [nullWhereUsed({ start, end: node.end, newText: `${head}.${neutral}` }, root, neutral, kind, node)];
    }
  }
  const read = stripPrefix(segments, shape.resultPrefix)?.join('.');
  const part = RESULT_OBJECTS[kind].find((candidate) => candidate.path === read);
  const partChange = part && { start, end: node.end, newText: part.neutral ? `${head}.${part.neutral}` : head };
  if (part && partChange && ts.isVariableDeclaration(node.parent) && node.parent.initializer === node) {
    return [partChange, ...rewriteVariable(node, (reference) => rewritePartUse(reference, part, kind, shape, scopes), scopes)];
  }
  // `if (chunk.usage)`: the neutral part is there when the SDK's is.
  if (partChange && isTruthinessTest(node)) return [partChange];
  // The usage passed on, stored, cast or read for a server's own field: the SDK's usage, converted where it is read.
  if (usageRead && shape.usageBoundary) {
    const usage = { start, end: usageRead.end, newText: `${head}.${USAGE}` };
    if (destructured) return [{ ...usage, newText: `${shape.usageBoundary}(${usage.newText})` }];
    return [{ start: root.getStart(sourceFile), end: root.getStart(sourceFile), newText: `${shape.usageBoundary}(` }, { ...usage, newText: `${usage.newText})` }];
  }
  throw read ? usedAsSdkType(read) : new Refusal(escapeReason(kind === 'chat-stream' ? 'chunk' : 'result', node));
}

/**
 * `r.choices` read item by item — `.length`, `.map((choice) => …)` or `for (const choice of …)` — becomes
 * the neutral list, each item read for a field it has (`choice.message.content` → `choice.text`).
 * Undefined when the list is used otherwise (an element access is an accessor's business).
 */
function rewriteListUse(list: TS.Expression, table: (typeof RESULT_LISTS)[WrapKind][number], listChange: TextChange, scopes: Scopes): TextChange[] | undefined {
  const ts = typescript();
  if (isTruthinessTest(list)) return [listChange];
  // `delta.tool_calls ?? []` is read as the list itself.
  const orEmpty = list.parent;
  if (ts.isBinaryExpression(orEmpty) && orEmpty.left === list && orEmpty.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
    const right = skipParentheses(orEmpty.right);
    if (ts.isArrayLiteralExpression(right) && right.elements.length === 0) return rewriteListUse(parenthesized(orEmpty), table, listChange, scopes);
  }
  const parent = list.parent;
  let items: TS.BindingName[] = [];
  let scope: TS.Node | undefined;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === list && parent.name.text === 'length') return [listChange];
  if (ts.isPropertyAccessExpression(parent) && parent.expression === list && (parent.name.text === 'map' || parent.name.text === 'forEach')) {
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

/**
 * A use of a part kept in a variable (`usage`, a chunk's `delta`): a field read (`usage?.prompt_tokens` →
 * `usage?.inputTokens`; the neutral part may be absent, so always `?.`), also through a cast the code made to
 * read a field the SDK's type lacks (`(delta as any).reasoning` → `delta?.reasoning`), a test of it or of a
 * field's presence (`'reasoning_content' in delta`); for a part that is the neutral result itself, a part or
 * list within it (`const delta = choice.delta`, `delta.tool_calls`).
 */
function rewritePartUse(reference: TS.Identifier, part: (typeof RESULT_OBJECTS)[WrapKind][number], kind: WrapKind, shape: ResultShape, scopes: Scopes): TextChange[] {
  const ts = typescript();
  const sourceFile = reference.getSourceFile();
  let node: TS.Expression = reference;
  while (ts.isNonNullExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isTypeAssertionExpression(node.parent)) node = node.parent;
  if (isTruthinessTest(node)) {
    // A chunk without a first choice (the usage, Azure's content filter results) is a neutral chunk too, one
    // whose fields are all empty: a test that goes on to a field of the part (`delta && delta.content`) holds alike.
    if (kind === 'chat-stream' && !part.neutral && !guardsFieldRead(node, reference.text)) throw new Refusal(`the stream's chunks are tested for a first choice (\`${node.getText(sourceFile)}\`), which the neutral chunks cannot tell: the chunks that have none (the usage, Azure's content filter results) are chunks too`);
    return [];
  }
  const user = node.parent;
  if (ts.isBinaryExpression(user) && user.right === node && user.operatorToken.kind === ts.SyntaxKind.InKeyword && ts.isStringLiteral(user.left) && Object.hasOwn(part.fields, user.left.text)) {
    return [{ start: user.left.getStart(sourceFile) + 1, end: user.left.end - 1, newText: part.fields[user.left.text] }];
  }
  // The cast goes with the read: the neutral part has the field.
  const replaced = (end: number, suffix: string): TextChange => ({ start: node === reference ? reference.end : node.getStart(sourceFile), end, newText: node === reference ? suffix : `${reference.text}${suffix}` });
  const path: string[] = [];
  for (let chain: TS.Expression = node; ; ) {
    const access = chain.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== chain) break;
    path.push(access.name.text);
    chain = access;
    const field = path.join('.');
    if (Object.hasOwn(part.fields, field)) return [nullWhereUsed(replaced(access.end, `?.${part.fields[field]}`), node, part.fields[field], kind, access)];
    const constant = RESULT_CONSTANTS[kind]?.[`${part.path}.${field}`];
    if (constant) return [{ start: node.getStart(sourceFile), end: access.end, newText: constant }];
    if (part.neutral) continue;
    // Within the neutral result itself: a part of it, or a list it has.
    const within = `${part.path}.${field}`;
    const list = RESULT_LISTS[kind].find((candidate) => candidate.path === within);
    const listUse = list && rewriteListUse(access, list, replaced(access.end, `?.${list.neutral}`), scopes);
    if (listUse) return listUse;
    const inner = RESULT_OBJECTS[kind].find((candidate) => candidate.path === within);
    const innerChange = inner && replaced(access.end, inner.neutral ? `?.${inner.neutral}` : '');
    if (inner && innerChange && ts.isVariableDeclaration(access.parent) && access.parent.initializer === access) {
      return [innerChange, ...rewriteVariable(access, (innerReference) => rewritePartUse(innerReference, inner, kind, shape, scopes), scopes)];
    }
    if (innerChange && isTruthinessTest(access)) return [innerChange];
  }
  // A usage kept in a variable and used as the SDK's: converted where it is used.
  if (part.path === USAGE && shape.usageBoundary) return [{ start: reference.getStart(sourceFile), end: reference.end, newText: `${shape.usageBoundary}(${reference.text})` }];
  throw usedAsSdkType([part.path, ...path].join('.'));
}

/** Whether a test of a part goes on (`part && …`) to read one of the part's fields or test one's presence. */
function guardsFieldRead(test: TS.Expression, name: string): boolean {
  const ts = typescript();
  const chain = test.parent;
  if (!ts.isBinaryExpression(chain) || chain.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken || chain.left !== test) return false;
  const isPart = (node: TS.Node) => ts.isIdentifier(skipOuterExpressions(node as TS.Expression)) && (skipOuterExpressions(node as TS.Expression) as TS.Identifier).text === name;
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if ((ts.isPropertyAccessExpression(node) && isPart(node.expression)) || (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword && isPart(node.right))) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(chain.right);
  return found;
}

/** A read of the result's \`path\` that the neutral result cannot carry over (the SDK's shape may, converted back). */
function usedAsSdkType(path: string): Refusal {
  return new Refusal(`the result is used as the SDK's type (${path})`);
}

/** The path of a result's usage, the part converted back to the SDK's shape where the code needs that. */
const USAGE = 'usage';

/** The names of the seam's openai-compat module the edits use (a usage converted back where it is used, a constant). */
export function convertersIn(changes: readonly TextChange[], shape: ResultShape): string[] {
  const constants = Object.values(RESULT_CONSTANTS).flatMap((table) => Object.values(table ?? {}));
  const converter = shape.usageBoundary;
  return [
    ...(converter && changes.some((change) => change.newText.startsWith(`${converter}(`)) ? [converter] : []),
    ...new Set(constants.filter((constant) => changes.some((change) => change.newText === constant))),
  ];
}

/**
 * Whether only the truth of a value is used: a condition, `!x`, or an operand of `&&` / `||` whose own value
 * is only tested (`if (delta && delta.content)`); the left of `&&` too, whose value is kept only when falsy.
 */
function isTruthinessTest(node: TS.Expression): boolean {
  const ts = typescript();
  let value: TS.Node = node;
  while (ts.isParenthesizedExpression(value.parent) || ts.isNonNullExpression(value.parent)) value = value.parent;
  const parent = value.parent;
  if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === value) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === value) return true;
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (!ts.isBinaryExpression(parent)) return false;
  const operator = parent.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken && parent.left === value) return true;
  return (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) && isTruthinessTest(parent);
}

/**
 * The change that rewrites a read of a neutral field the SDK gives as \`null\` until it is set (NULL_UNTIL_SET)
 * into the SDK's value, where the value itself is used: \`(read ?? null)\` (\`from\`: where the read's text
 * starts, kept or replaced by the change); as it is where it is only tested for truth, given a default with
 * \`??\` or \`||\`, or compared with a string.
 */
function nullWhereUsed(change: TextChange, from: TS.Expression, neutral: string, kind: WrapKind, sdkRead: TS.Expression): TextChange {
  const ts = typescript();
  if (!NULL_UNTIL_SET[kind]?.includes(neutral) || isTruthinessTest(sdkRead)) return change;
  let value: TS.Node = sdkRead;
  while (ts.isParenthesizedExpression(value.parent) || ts.isNonNullExpression(value.parent)) value = value.parent;
  const user = value.parent;
  if (ts.isBinaryExpression(user)) {
    const operator = user.operatorToken.kind;
    if ((operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) && user.left === value) return change;
    const other = user.left === value ? user.right : user.left;
    const comparison = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(operator);
    if (comparison && ts.isStringLiteralLike(skipParentheses(other))) return change;
  }
  const sourceFile = from.getSourceFile();
  const start = from.getStart(sourceFile);
  const kept = sourceFile.text.slice(start, change.start);
  return { start, end: change.end, newText: `(${kept}${change.newText} ?? null)` };
}

/** `(x)` → `x`. */
function skipParentheses(node: TS.Expression): TS.Expression {
  const ts = typescript();
  return ts.isParenthesizedExpression(node) ? skipParentheses(node.expression) : node;
}

/** The outermost parentheses around an expression (their user reads it). */
function parenthesized(node: TS.Expression): TS.Expression {
  const ts = typescript();
  return ts.isParenthesizedExpression(node.parent) ? parenthesized(node.parent) : node;
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
  // \`const { usage: u } = …\` names a property, \`const { u } = …\` declares a variable.
  if (ts.isBindingElement(parent) && (parent.propertyName === node || parent.name === node)) return false;
  return !(ts.isVariableDeclaration(parent) && parent.name === node);
}
