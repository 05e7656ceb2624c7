/**
 * What a name stands for, when the code fixes it for good: a `const` initializer in its file, or the
 * `export const` of a workspace module it imports. Fixes follow these to carry or move a value (a client's
 * options, a model chosen in a constants module); anything that can change at run time is not followed.
 */
import type * as TS from 'typescript';
import { parseSource, typescript } from '../engine/parse';
import { type Binding, Scopes } from '../engine/scope';

/** A parsed project file with its scopes. */
export interface OpenFile {
  path: string;
  sourceFile: TS.SourceFile;
  scopes: Scopes;
}

/** What following names across modules needs from the project. */
export interface ConstantsProject {
  read(filePath: string): string | undefined;
  resolve(fromFile: string, specifier: string): string | undefined;
  /** Modules whose exports are not followed (the seam's config: its entries are kept as references). */
  isOpaque?(filePath: string): boolean;
}

export function openFile(filePath: string, text: string): OpenFile {
  return { path: filePath, sourceFile: parseSource(filePath, text), scopes: new Scopes() };
}

/** The expression a name stands for (in `file`), with the file it is written in; undefined when it may change. */
export function constantDefinition(identifier: TS.Identifier, file: OpenFile, project: ConstantsProject): { expression: TS.Expression; file: OpenFile } | undefined {
  const ts = typescript();
  const binding = file.scopes.resolve(identifier);
  if (!binding) return undefined;
  if (binding.kind === 'variable' && isConstant(binding) && binding.init && binding.path.length === 0) return { expression: binding.init, file };
  if (binding.kind !== 'import' || !binding.origin || binding.origin.imported === '*' || binding.origin.typeOnly || binding.path.length > 0) return undefined;
  const target = project.resolve(file.path, binding.origin.specifier);
  const text = target && !project.isOpaque?.(target) ? project.read(target) : undefined;
  if (text === undefined) return undefined;
  const module = openFile(target!, text);
  for (const statement of module.sourceFile.statements) {
    const exported = ts.isVariableStatement(statement) && statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === binding.origin.imported && declaration.initializer) return { expression: declaration.initializer, file: module };
    }
  }
  return undefined;
}

export function isConstant(binding: Binding): boolean {
  const ts = typescript();
  let list: TS.Node | undefined = binding.declaration;
  while (list && !ts.isVariableDeclarationList(list)) list = list.parent;
  return !!list && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}

/**
 * What a call of a helper without parameters in the same file computes (`getTokenProvider()` whose body only
 * declares constants and returns), so a client option made by it can be carried; undefined for anything else.
 */
export function helperResult(call: TS.CallExpression, file: OpenFile): TS.Expression | undefined {
  const ts = typescript();
  if (!ts.isIdentifier(call.expression) || call.arguments.length > 0) return undefined;
  const declaration = file.scopes.resolve(call.expression)?.declaration;
  if (!declaration || !ts.isFunctionDeclaration(declaration) || declaration.parameters.length > 0 || declaration.asteriskToken || !declaration.body) return undefined;
  const statements = declaration.body.statements;
  const last = statements.at(-1);
  const onlyConstants = statements.slice(0, -1).every((statement) => ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0);
  return onlyConstants && last && ts.isReturnStatement(last) ? last.expression : undefined;
}

/**
 * The value of `this.name` in a class that sets it once: a field's initializer nothing assigns again, or one
 * assignment at the top of the constructor (before `use`, when `use` is in the constructor too).
 */
export function fieldValue(access: TS.PropertyAccessExpression, use: TS.Node): TS.Expression | undefined {
  const ts = typescript();
  let owner: TS.Node | undefined = access.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  if (!owner || !ts.isClassLike(owner)) return undefined;
  const name = access.name.text;
  const assignments: Array<{ node: TS.BinaryExpression; target: TS.PropertyAccessExpression }> = [];
  const visit = (node: TS.Node): void => {
    const isAssignment = ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    if (isAssignment && ts.isPropertyAccessExpression(node.left) && node.left.name.text === name) assignments.push({ node, target: node.left });
    ts.forEachChild(node, visit);
  };
  visit(owner);
  const field = owner.members.find((member): member is TS.PropertyDeclaration => ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name);
  if (field?.initializer) return assignments.length === 0 ? field.initializer : undefined;
  if (assignments.length !== 1) return undefined;
  const [{ node: assignment, target }] = assignments;
  if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || target.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const statement = assignment.parent;
  const constructor = statement.parent?.parent;
  if (!ts.isExpressionStatement(statement) || !constructor || !ts.isConstructorDeclaration(constructor)) return undefined;
  const inConstructor = use.pos >= constructor.pos && use.end <= constructor.end;
  return !inConstructor || statement.end <= use.getStart() ? assignment.right : undefined;
}
