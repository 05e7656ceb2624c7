/**
 * What a name stands for, when the code fixes it for good: a `const` initializer in its file, or the
 * `export const` of a workspace module it imports. Fixes follow these to carry or move a value (a client's
 * options, a model chosen in a constants module); anything that can change at run time is not followed.
 */
import type * as TS from 'typescript';
import { parseSource, typescript } from '../engine/parse';
import { type Binding, Scopes } from '../engine/scope';
import { propertyNameText } from '../engine/strings';

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
  const imported = importedDeclaration(identifier, file, project);
  const declaration = imported?.declaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !(declaration.parent.flags & ts.NodeFlags.Const) || !declaration.initializer) return undefined;
  return { expression: declaration.initializer, file: imported.file };
}

/**
 * The declaration a name imports by name from a workspace module (`export const`, `export function`,
 * `export enum`, `export class` there), with that module; undefined for anything else.
 */
export function importedDeclaration(identifier: TS.Identifier, file: OpenFile, project: ConstantsProject | undefined): { declaration: TS.Declaration; file: OpenFile } | undefined {
  const ts = typescript();
  const binding = file.scopes.resolve(identifier);
  const origin = binding?.kind === 'import' && binding.path.length === 0 ? binding.origin : undefined;
  if (!project || !origin || origin.imported === '*' || origin.imported === 'default' || origin.typeOnly) return undefined;
  const target = project.resolve(file.path, origin.specifier);
  const text = target && !project.isOpaque?.(target) ? project.read(target) : undefined;
  if (text === undefined) return undefined;
  const module = openFile(target!, text);
  const named = (name: TS.Node | undefined) => !!name && ts.isIdentifier(name) && name.text === origin.imported;
  for (const statement of module.sourceFile.statements) {
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find((candidate) => named(candidate.name));
      if (declaration) return { declaration, file: module };
    } else if ((ts.isFunctionDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isClassDeclaration(statement)) && named(statement.name)) {
      return { declaration: statement, file: module };
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

/**
 * The value `X.member` reads when it is fixed for good, as a literal's text (`'eu'`, `2`): `X` is an enum whose
 * members are literals (or numbered by TypeScript) or a `const X = { … } as const` of literals, declared in the
 * file or exported by a workspace module it imports (`import { Regions } from '@shared/api'`); else undefined.
 */
export function literalMemberValue(access: TS.Expression, file: OpenFile, project?: ConstantsProject): string | undefined {
  const ts = typescript();
  const member = ts.isPropertyAccessExpression(access) ? access.name.text : ts.isElementAccessExpression(access) && ts.isStringLiteralLike(access.argumentExpression) ? access.argumentExpression.text : undefined;
  const holder = member !== undefined ? (access as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression : undefined;
  if (!holder || !ts.isIdentifier(holder)) return undefined;
  const binding = file.scopes.resolve(holder);
  if (!binding || binding.path.length > 0) return undefined;
  const declaration = binding.kind === 'import' ? importedDeclaration(holder, file, project)?.declaration : binding.declaration;
  return declaration && literalMembers(declaration)?.get(member!);
}

/** The members of an enum of literal members, or of a `const` declared `{ … } as const` with literal values, by name. */
function literalMembers(declaration: TS.Node): Map<string, string> | undefined {
  const ts = typescript();
  const literal = (node: TS.Expression) => ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand));
  const members = new Map<string, string>();
  if (ts.isEnumDeclaration(declaration)) {
    // TypeScript numbers a member without a value one past the one before (0 for the first).
    let next: number | undefined = 0;
    for (const member of declaration.members) {
      const name = propertyNameText(member.name);
      if (name === undefined || (member.initializer && !literal(member.initializer))) return undefined;
      if (member.initializer && !ts.isStringLiteralLike(member.initializer)) next = Number(member.initializer.getText()) + 1;
      const value = member.initializer ? member.initializer.getText() : next !== undefined ? String(next++) : undefined;
      if (value === undefined) return undefined;
      if (member.initializer && ts.isStringLiteralLike(member.initializer)) next = undefined;
      members.set(name, value);
    }
    return members;
  }
  if (!ts.isVariableDeclaration(declaration) || !(declaration.parent.flags & ts.NodeFlags.Const) || !declaration.initializer) return undefined;
  const value = declaration.initializer;
  const frozen = ts.isAsExpression(value) && ts.isTypeReferenceNode(value.type) && ts.isIdentifier(value.type.typeName) && value.type.typeName.text === 'const' ? value.expression : undefined;
  if (!frozen || !ts.isObjectLiteralExpression(frozen)) return undefined;
  for (const property of frozen.properties) {
    const name = ts.isPropertyAssignment(property) ? propertyNameText(property.name) : undefined;
    if (name === undefined || !literal((property as TS.PropertyAssignment).initializer)) return undefined;
    members.set(name, (property as TS.PropertyAssignment).initializer.getText());
  }
  return members;
}
