/**
 * What a class keeps of its constructor's arguments (`this._client = client`, parameter properties) and
 * the getters and methods that hand such a member back (`get client() { return this._client; }`). A
 * subclass that passes a client to `super(…)` and reads it back through the base class is followed with
 * it. Plain data, so a base class of another module is read from that module's analysis.
 */
import type * as TS from 'typescript';
import { typescript } from './parse';
import { propertyNameText } from './strings';
import { skipOuterExpressions } from './syntax';

/** A member holding constructor argument `parameter`; `call`: a method that returns it (`getClient()`). */
export interface HeldArgument {
  parameter: number;
  call: boolean;
}

export type HeldMembers = ReadonlyMap<string, HeldArgument>;

/** The members of a class that hold one of its constructor's arguments, or undefined when none does. */
export function heldMembers(declaration: TS.ClassLikeDeclaration): HeldMembers | undefined {
  const ts = typescript();
  const constructor = declaration.members.find((member): member is TS.ConstructorDeclaration => ts.isConstructorDeclaration(member) && !!member.body);
  if (!constructor?.parameters.length) return undefined;
  const parameters = new Map<string, number>();
  const held = new Map<string, HeldArgument>();
  constructor.parameters.forEach((parameter, index) => {
    if (!ts.isIdentifier(parameter.name)) return;
    parameters.set(parameter.name.text, index);
    if (ts.isParameterPropertyDeclaration(parameter, constructor)) held.set(parameter.name.text, { parameter: index, call: false });
  });
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isThisMember(node.left)) {
      const value = skipOuterExpressions(node.right);
      const index = ts.isIdentifier(value) ? parameters.get(value.text) : undefined;
      if (index !== undefined) held.set(node.left.name.text, { parameter: index, call: false });
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(constructor.body!, visit);
  for (const member of declaration.members) {
    if (!(ts.isGetAccessorDeclaration(member) || (ts.isMethodDeclaration(member) && !member.parameters.length)) || !member.body) continue;
    const name = propertyNameText(member.name);
    const returned = returnedThisMember(member.body);
    const source = returned !== undefined ? held.get(returned) : undefined;
    if (name !== undefined && source && !held.has(name)) held.set(name, { parameter: source.parameter, call: ts.isMethodDeclaration(member) });
  }
  return held.size ? held : undefined;
}

/** The arguments of the `super(…)` call in a class's constructor. */
export function superArguments(declaration: TS.ClassLikeDeclaration): readonly TS.Expression[] | undefined {
  const ts = typescript();
  const constructor = declaration.members.find((member): member is TS.ConstructorDeclaration => ts.isConstructorDeclaration(member) && !!member.body);
  let found: readonly TS.Expression[] | undefined;
  const visit = (node: TS.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) found = node.arguments;
    else ts.forEachChild(node, visit);
  };
  if (constructor) ts.forEachChild(constructor.body!, visit);
  return found;
}

/**
 * The classes a module exports that hold constructor arguments, by export name: `export class`,
 * `export { Local as Name }` / `export default Local` (`listed`: local name → export name), and
 * CommonJS (`module.exports = Provider`, `module.exports = { Provider }`, `exports.Provider = Provider`).
 */
export function exportedClasses(
  sourceFile: TS.SourceFile,
  listed: ReadonlyMap<string, string>,
  commonJs: ReadonlyArray<{ name: string; value: TS.Expression }>,
): Map<string, HeldMembers> {
  const ts = typescript();
  const classes = new Map<string, HeldMembers>();
  const locals = new Map<string, TS.ClassDeclaration>();
  const record = (name: string, declaration: TS.ClassLikeDeclaration | undefined) => {
    const held = declaration && !classes.has(name) ? heldMembers(declaration) : undefined;
    if (held) classes.set(name, held);
  };
  for (const statement of sourceFile.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    const modifiers = ts.getModifiers(statement);
    if (modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) {
      const isDefault = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
      record(isDefault || !statement.name ? 'default' : statement.name.text, statement);
    } else if (statement.name) {
      locals.set(statement.name.text, statement);
    }
  }
  for (const [local, name] of listed) record(name, locals.get(local));
  const classOf = (value: TS.Expression) => {
    const inner = skipOuterExpressions(value);
    return ts.isClassExpression(inner) ? inner : ts.isIdentifier(inner) ? locals.get(inner.text) : undefined;
  };
  for (const { name, value } of commonJs) {
    record(name, classOf(value));
    const inner = skipOuterExpressions(value);
    if (name !== 'default' || !ts.isObjectLiteralExpression(inner)) continue;
    for (const property of inner.properties) {
      if (ts.isShorthandPropertyAssignment(property)) record(property.name.text, locals.get(property.name.text));
      else if (ts.isPropertyAssignment(property) && propertyNameText(property.name) !== undefined) record(propertyNameText(property.name)!, classOf(property.initializer));
    }
  }
  return classes;
}

function isThisMember(node: TS.Expression): node is TS.PropertyAccessExpression {
  const ts = typescript();
  return ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword;
}

/** `return this.x` in a getter or method body → 'x'. */
function returnedThisMember(body: TS.Block): string | undefined {
  const ts = typescript();
  for (const statement of body.statements) {
    if (!ts.isReturnStatement(statement) || !statement.expression) continue;
    const value = skipOuterExpressions(statement.expression);
    return isThisMember(value) ? value.name.text : undefined;
  }
  return undefined;
}
