/**
 * Client options computed where the code runs (a user's key read from their profile in a request handler,
 * an endpoint from a helper): the seam's config cannot evaluate them, but the wrapped call can pass them to
 * its connection as settings (SPEC §3, "Connections"). That is sound only when the expression reads the
 * same at the call as it did at the construction: a name (or a property chain on it, or a pure string
 * method on that) whose binding is the one in scope at the call and does not change in between; `this.a.b`
 * in the same object's methods, `a` a private or readonly field only its constructor sets; a call of a
 * helper of the file (or a function a workspace module exports) that computes its result from its arguments
 * alone (environment variables and literal enum members count as fixed), each of which reads the same.
 */
import type * as TS from 'typescript';
import { typescript } from '../engine/parse';
import type { Binding } from '../engine/scope';
import { skipOuterExpressions } from '../engine/syntax';
import { type ConstantsProject, type OpenFile, importedDeclaration, isConstant, literalMemberValue } from './constants';

/** String methods that compute the same result from the same string (`endpoint.replace(/\/+$/, '')`). */
const PURE_STRING_METHODS = new Set(['replace', 'replaceAll', 'trim', 'trimEnd', 'trimStart', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'includes', 'startsWith', 'endsWith']);

/** Those and `toString()` (of a `new URL(…)`): what the seam's config may call on what it carries. */
export const PURE_METHODS = new Set([...PURE_STRING_METHODS, 'toString']);

/**
 * Whether `leaf` (in `file`, where the client is made) reads the same at `call`: undefined when it does, else
 * why not (completing "the client's `…` is computed at run time …"). `project` follows imported helpers and enums.
 */
export function runtimeLeafProblem(leaf: TS.Expression, call: TS.Node | undefined, file: OpenFile, project?: ConstantsProject): string | undefined {
  const node = skipTypeOnly(leaf);
  if (literalMemberValue(node, file, project) !== undefined) return undefined;
  const root = rootName(leaf);
  if (!root && !typescript().isCallExpression(node)) return 'in a way the fix cannot carry into the seam';
  if (!call) return 'where the client is made, and the call is in another file';
  if (!root) return helperCallProblem(node as TS.CallExpression, call, file, project);
  if (!typescript().isIdentifier(root)) return thisLeafProblem(leaf, call, file);
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
  } else if (binding.kind === 'parameter' ? writes.length > 0 : binding.kind !== 'variable' && !isJsonImport(binding)) {
    return `from \`${root.text}\`, which the fix cannot follow`;
  }
  if (root !== skipTypeOnly(leaf)) {
    const mutated = propertyWrites(binding, file);
    if (mutated) return `from \`${root.text}\`, whose properties are assigned (\`${mutated.getText(file.sourceFile)}\`)`;
  }
  return undefined;
}

/**
 * Whether a condition (`this.options.azureApiVersion || this.options.baseUrl?.includes('azure.com')`) reads the
 * same at `call`: its operands (`||`, `&&`, `??`, `!`, `===`, `!==`) are literals or leaves that do.
 */
export function conditionProblem(condition: TS.Expression, call: TS.Node, file: OpenFile, project?: ConstantsProject): string | undefined {
  const ts = typescript();
  const node = skipOuterExpressions(condition);
  const operators = [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken];
  if (ts.isBinaryExpression(node) && operators.includes(node.operatorToken.kind)) return conditionProblem(node.left, call, file, project) ?? conditionProblem(node.right, call, file, project);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return conditionProblem(node.operand, call, file, project);
  if (isLiteral(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return undefined;
  return runtimeLeafProblem(node, call, file, project);
}

/**
 * Whether `this.a.b` (where the client is made) reads the same at the call: both in instance members of one
 * class (the same object), `a` a field the class alone sets (private or readonly), only in its constructor
 * (before the leaf, when the leaf runs while the object is made), and nothing assigns a property below it.
 */
function thisLeafProblem(leaf: TS.Expression, call: TS.Node, file: OpenFile): string | undefined {
  const ts = typescript();
  let member = skipTypeOnly(leaf);
  while (!isThisMember(member)) member = ts.isCallExpression(member) ? (member.expression as TS.PropertyAccessExpression).expression : (member as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression;
  const shown = member.getText(file.sourceFile);
  const owner = instanceClass(leaf);
  if (!owner || instanceClass(call) !== owner) return `from \`${shown}\`, and the call is not in the same object's methods`;
  const problem = fieldProblem(owner, member.name.text, leaf, file);
  return problem && `from \`${shown}\`, ${problem}`;
}

/** Why `this.name` (read at `leaf`) may not read the same later: undefined when it does. */
function fieldProblem(owner: TS.ClassLikeDeclaration, name: string, leaf: TS.Node, file: OpenFile): string | undefined {
  const ts = typescript();
  const declared = fieldDeclaration(owner, name);
  const modifiers = declared && ts.canHaveModifiers(declared) ? (ts.getModifiers(declared) ?? []) : [];
  const ownOnly = declared && (ts.isPrivateIdentifier(declared.name) || modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword || modifier.kind === ts.SyntaxKind.ReadonlyKeyword));
  if (!ownOnly) return 'which is not a private or readonly field of its class';
  const constructor = owner.members.find(ts.isConstructorDeclaration);
  const within = (node: TS.Node, container: TS.Node | undefined) => !!container && node.pos >= container.pos && node.end <= container.end;
  // A field initializer runs before the constructor's body: nothing there may assign the field after it.
  const inInitializer = owner.members.some((member) => ts.isPropertyDeclaration(member) && within(leaf, member.initializer));
  for (const write of memberWrites(owner, name)) {
    if (!isThisMember(write)) continue;
    const early = within(write, constructor) && !inInitializer && (!within(leaf, constructor) || write.end <= leaf.getStart(file.sourceFile));
    if (!early) return `which is assigned again (line ${file.sourceFile.getLineAndCharacterOfPosition(write.getStart(file.sourceFile)).line + 1})`;
  }
  const below = propertyWritesBelow(owner, name);
  return below && `whose properties are assigned (\`${below.getText(file.sourceFile)}\`)`;
}

/** Classes a helper may construct and still compute the same result from the same arguments (`new URL(endpoint)`). */
const PURE_GLOBAL_CLASSES = new Set(['URL', 'Error', 'TypeError']);

/** Global values that never change. */
const CONSTANT_GLOBALS = new Set(['undefined', 'NaN', 'Infinity']);

/** `URL` (not a local of that name): a global class whose instances depend only on the arguments. */
export function isPureGlobalClass(expression: TS.Expression, file: OpenFile): boolean {
  return typescript().isIdentifier(expression) && PURE_GLOBAL_CLASSES.has(expression.text) && !file.scopes.resolve(expression);
}

/**
 * `Provider.formatUrl(process.env.X)`, `formatUrl(x)`, `this.isChina()`, `getConfig(Setting.endpoint)`: a static
 * method of a class declared in this file, a function declared in it or exported by a workspace module, or a
 * method of the same object, that computes its result from its arguments (and fields that read the same)
 * alone; each argument must read the same at the call too.
 */
function helperCallProblem(node: TS.CallExpression, call: TS.Node, file: OpenFile, project: ConstantsProject | undefined): string | undefined {
  const ts = typescript();
  const refused = 'in a way the fix cannot carry into the seam';
  const callee = node.expression;
  let helper: TS.FunctionLikeDeclaration | undefined;
  let owner: TS.ClassLikeDeclaration | undefined;
  let helperFile = file;
  if (isThisMember(callee)) {
    owner = instanceClass(node);
    if (!owner || instanceClass(call) !== owner) return `from \`${callee.getText(file.sourceFile)}\`, and the call is not in the same object's methods`;
    helper = owner.members.find((member): member is TS.MethodDeclaration => ts.isMethodDeclaration(member) && !isStatic(member) && ts.isIdentifier(member.name) && member.name.text === callee.name.text);
  } else {
    const name = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression : ts.isIdentifier(callee) ? callee : undefined;
    const binding = name && file.scopes.resolve(name);
    if (!name || !binding || file.scopes.resolveAt(name.text, call)?.declaration !== binding.declaration || writesOf(binding, file).length > 0) return refused;
    const declaration = binding.declaration;
    if (ts.isPropertyAccessExpression(callee) && binding.kind === 'class' && ts.isClassLike(declaration)) {
      helper = declaration.members.find((member): member is TS.MethodDeclaration => ts.isMethodDeclaration(member) && isStatic(member) && ts.isIdentifier(member.name) && member.name.text === callee.name.text);
    } else if (ts.isIdentifier(callee) && binding.kind === 'function' && ts.isFunctionDeclaration(declaration)) {
      helper = declaration;
    } else if (ts.isIdentifier(callee) && binding.kind === 'import') {
      const imported = importedDeclaration(callee, file, project);
      if (imported && ts.isFunctionDeclaration(imported.declaration)) [helper, helperFile] = [imported.declaration, imported.file];
    }
  }
  if (!helper?.body || helper.asteriskToken || helper.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) return refused;
  const impure = impurity(helper, owner, node, helperFile, project);
  if (impure) return `from \`${callee.getText(file.sourceFile)}\`, which ${impure}`;
  for (const argument of node.arguments) {
    const inner = skipTypeOnly(argument);
    if (ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner) || isEnvRead(inner)) continue;
    const problem = runtimeLeafProblem(argument, call, file, project);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Why a helper (in `file`) may not give the same result for the same arguments (undefined: it does): it reads
 * a name from outside (but constants holding a literal, literal enum members, environment variables, globals
 * it may construct, and fields of `owner` that read the same where it is called, `at`), calls anything but
 * its own functions, waits, or assigns what is not its own.
 */
function impurity(helper: TS.FunctionLikeDeclaration, owner: TS.ClassLikeDeclaration | undefined, at: TS.CallExpression, file: OpenFile, project: ConstantsProject | undefined): string | undefined {
  const ts = typescript();
  // Its own names, and constants holding a literal (`const CHINA = 'china'`).
  const ownName = (node: TS.Identifier) => {
    const binding = file.scopes.resolve(node);
    const declaration = binding?.declaration;
    if (binding?.kind === 'variable' && isConstant(binding) && binding.init && binding.path.length === 0 && isLiteral(skipTypeOnly(binding.init))) return true;
    return !!declaration && declaration.pos >= helper.pos && declaration.end <= helper.end;
  };
  let found: string | undefined;
  // `const getValue = () => …` declared in the helper: calling it computes from what the helper has.
  const ownFunction = (callee: TS.Expression) => {
    const binding = ts.isIdentifier(callee) && ownName(callee) ? file.scopes.resolve(callee) : undefined;
    const init = binding?.kind === 'variable' && isConstant(binding) && binding.init ? skipOuterExpressions(binding.init) : undefined;
    return binding?.kind === 'function' || (!!init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)));
  };
  const visit = (node: TS.Node): void => {
    if (found || ts.isTypeNode(node)) return;
    if (ts.isExpression(node) && (isEnvRead(node) || literalMemberValue(node, file, project) !== undefined)) return;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) found = 'waits for something';
    else if (ts.isCallExpression(node) && !ownFunction(node.expression)) found = `calls \`${node.expression.getText(file.sourceFile)}\``;
    else if (ts.isNewExpression(node) && !isPureGlobalClass(node.expression, file)) {
      found = `makes a \`${node.expression.getText(file.sourceFile)}\``;
    } else if (node.kind === ts.SyntaxKind.ThisKeyword) {
      const member = node.parent;
      const problem = owner && isThisMember(member) ? fieldProblem(owner, member.name.text, at, file) : 'uses `this`';
      if (problem) found = `reads \`${member.getText(file.sourceFile)}\`, ${problem}`;
    } else if (ts.isIdentifier(node) && !isPropertyName(node) && !ownName(node) && !isPureGlobalClass(node, file) && !(CONSTANT_GLOBALS.has(node.text) && !file.scopes.resolve(node))) {
      found = `reads \`${node.text}\`, which is not its own`;
    } else if ((ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && isWritten(node)) {
      let root: TS.Expression = node;
      while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
      if (!ts.isIdentifier(root) || !ownName(root)) found = `assigns \`${node.getText(file.sourceFile)}\``;
    }
    ts.forEachChild(node, visit);
  };
  for (const parameter of helper.parameters) if (parameter.initializer) visit(parameter.initializer);
  visit(helper.body!);
  return found;
}

/** A property's name (`url.href`, `{ href: … }`), not a read of a variable. */
function isPropertyName(node: TS.Identifier): boolean {
  const ts = typescript();
  const parent = node.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
}

/** `process.env.X`, `process.env['X']`. */
export function isEnvRead(node: TS.Expression): boolean {
  const ts = typescript();
  if (ts.isPropertyAccessExpression(node)) return isProcessEnv(node.expression);
  return ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && isProcessEnv(node.expression);
}

export function isProcessEnv(node: TS.Expression): boolean {
  const ts = typescript();
  const inner = skipOuterExpressions(node);
  return ts.isPropertyAccessExpression(inner) && inner.name.text === 'env' && ts.isIdentifier(inner.expression) && inner.expression.text === 'process';
}

/** A field's declaration: a property, or a constructor's parameter property. */
function fieldDeclaration(owner: TS.ClassLikeDeclaration, name: string): TS.PropertyDeclaration | TS.ParameterDeclaration | undefined {
  const ts = typescript();
  for (const member of owner.members) {
    if (ts.isPropertyDeclaration(member) && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name)) && member.name.text === name) return member;
    if (ts.isConstructorDeclaration(member)) {
      const parameter = member.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name && ts.isParameterPropertyDeclaration(candidate, member));
      if (parameter) return parameter;
    }
  }
  return undefined;
}

/** `import { version } from '../package.json'`: data that no code changes. */
function isJsonImport(binding: Binding): boolean {
  return binding.kind === 'import' && !!binding.origin?.specifier.endsWith('.json');
}

/** `this.name`. */
export function isThisMember(node: TS.Node): node is TS.PropertyAccessExpression {
  const ts = typescript();
  return ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword;
}

export function isStatic(member: TS.ClassElement): boolean {
  const ts = typescript();
  return ts.canHaveModifiers(member) && (ts.getModifiers(member)?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false);
}

/** The class whose instance `this` is at a node: inside one of its instance members (arrow functions keep `this`). */
export function instanceClass(node: TS.Node): TS.ClassLikeDeclaration | undefined {
  const ts = typescript();
  for (let current: TS.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isClassLike(parent)) return ts.isClassElement(current) && !isStatic(current) && !ts.isClassStaticBlockDeclaration(current) ? parent : undefined;
    if (ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent)) return undefined;
  }
  return undefined;
}

/** Where `….name` is written in the class (assigned, updated, deleted): the property accesses written. */
export function memberWrites(owner: TS.ClassLikeDeclaration, name: string): TS.PropertyAccessExpression[] {
  const ts = typescript();
  const writes: TS.PropertyAccessExpression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === name && isWritten(node)) writes.push(node);
    ts.forEachChild(node, visit);
  };
  visit(owner);
  return writes;
}

/** The first assignment in the class to a property below `this.name` (`this.options.key = …`), if any. */
function propertyWritesBelow(owner: TS.ClassLikeDeclaration, name: string): TS.Node | undefined {
  const ts = typescript();
  let found: TS.Node | undefined;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && isWritten(node)) {
      let inner: TS.Expression = node.expression;
      while ((ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) && !isThisMember(inner)) inner = inner.expression;
      if (isThisMember(inner) && inner.name.text === name) found = node.parent;
    }
    ts.forEachChild(node, visit);
  };
  visit(owner);
  return found;
}

/** What a leaf reads from: a name (`x`, `x.a.b`, `x['a']`, `x.a.replace(/…/, '')`) or `this` (`this.options.key`); undefined for anything else. */
function rootName(expression: TS.Expression): TS.Identifier | TS.ThisExpression | undefined {
  const ts = typescript();
  const node = skipTypeOnly(expression);
  if (ts.isIdentifier(node)) return node.text === 'undefined' ? undefined : node;
  // `this.a`, not `this` alone: a member is what the call reads again.
  if (isThisMember(node)) return node.expression as TS.ThisExpression;
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
  // `endpoint.trim()` is named by what it trims; `Provider.formatUrl(…)`, `formatUrl(…)` by the helper.
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    return PURE_STRING_METHODS.has(node.expression.name.text) ? leafName(node.expression.expression) : node.expression.name.text;
  }
  // `getConfig(Setting.endpoint)` by what it is asked for.
  const [only] = ts.isCallExpression(node) && node.arguments.length === 1 ? node.arguments : [];
  if (only && ts.isPropertyAccessExpression(only)) return only.name.text;
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) return node.expression.text;
  return node.getText();
}

export function isLiteral(node: TS.Expression): boolean {
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
