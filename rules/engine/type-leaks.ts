/**
 * `vendor-type-leak`: exported declarations whose public signature names a type imported from a vendor
 * module. Only the signature counts (parameter, return, property and heritage types), never bodies.
 */
import type * as TS from 'typescript';
import { matchVendorModule } from '../vendors/table';
import type { Evaluator } from './evaluate';
import type { TypeLeakFact } from './facts';
import { typescript } from './parse';

/** `exportNameOf` maps a declared name to the name importers see (`export { make as createClient }`). */
export function collectTypeLeaks(declaration: TS.Node, evaluator: Evaluator, exportNameOf: (local: string) => string = (local) => local): TypeLeakFact[] {
  const ts = typescript();
  const sourceFile = declaration.getSourceFile();
  const leaks: TypeLeakFact[] = [];

  const check = (reference: TS.Node, entity: TS.EntityName | TS.Expression, exportName: string): void => {
    const binding = evaluator.importOfEntity(entity);
    const specifier = binding?.origin?.specifier;
    const match = specifier !== undefined && !evaluator.mockedModules.has(specifier) ? matchVendorModule(specifier) : undefined;
    if (!match) return;
    leaks.push({
      kind: 'type-leak',
      vendor: match.vendor.id,
      exportName,
      typeName: entity.getText(sourceFile),
      span: { start: reference.getStart(sourceFile), end: reference.end },
    });
  };

  const scanType = (node: TS.Node | undefined, exportName: string): void => {
    if (!node) return;
    const visit = (current: TS.Node): void => {
      if (ts.isTypeReferenceNode(current)) check(current, current.typeName, exportName);
      else if (ts.isExpressionWithTypeArguments(current)) check(current, current.expression, exportName);
      else if (ts.isTypeQueryNode(current)) check(current, current.exprName, exportName);
      else if (ts.isImportTypeNode(current)) {
        const argument = current.argument;
        if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) {
          const match = matchVendorModule(argument.literal.text);
          if (match) {
            leaks.push({
              kind: 'type-leak',
              vendor: match.vendor.id,
              exportName,
              typeName: current.getText(sourceFile),
              span: { start: current.getStart(sourceFile), end: current.end },
            });
          }
        }
      }
      ts.forEachChild(current, visit);
    };
    visit(node);
  };

  const scanSignature = (fn: TS.SignatureDeclarationBase, exportName: string): void => {
    fn.typeParameters?.forEach((parameter) => scanType(parameter, exportName));
    for (const parameter of fn.parameters) scanType(parameter.type, exportName);
    scanType(fn.type, exportName);
  };

  const nameOf = (node: TS.Node & { name?: TS.Node }): string => {
    const isDefault = ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
    if (isDefault) return 'default';
    return node.name && ts.isIdentifier(node.name) ? exportNameOf(node.name.text) : 'default';
  };

  if (ts.isFunctionDeclaration(declaration)) {
    scanSignature(declaration, nameOf(declaration));
  } else if (ts.isVariableStatement(declaration)) {
    for (const variable of declaration.declarationList.declarations) {
      const exportName = ts.isIdentifier(variable.name) ? exportNameOf(variable.name.text) : variable.name.getText(sourceFile);
      scanType(variable.type, exportName);
      const init = variable.initializer;
      if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) scanSignature(init, exportName);
    }
  } else if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) {
    const exportName = exportNameOf(declaration.name.text);
    ts.forEachChild(declaration, (child) => {
      if (child !== declaration.name) scanType(child, exportName);
    });
  } else if (ts.isClassDeclaration(declaration)) {
    const exportName = nameOf(declaration);
    declaration.typeParameters?.forEach((parameter) => scanType(parameter, exportName));
    declaration.heritageClauses?.forEach((clause) => scanType(clause, exportName));
    for (const member of declaration.members) {
      if (!isPublicMember(member)) continue;
      if (ts.isPropertyDeclaration(member) || ts.isPropertySignature(member)) scanType(member.type, exportName);
      else if (ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) {
        scanSignature(member, exportName);
      } else if (ts.isIndexSignatureDeclaration(member)) scanSignature(member, exportName);
    }
  }
  return leaks;
}

/** Private, protected and `#private` members are not part of what importers see. */
function isPublicMember(member: TS.ClassElement): boolean {
  const ts = typescript();
  if (member.name && ts.isPrivateIdentifier(member.name)) return false;
  // The constructor signature is public even when its parameter properties are private.
  if (ts.isConstructorDeclaration(member)) return true;
  const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) : undefined;
  return !modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword || modifier.kind === ts.SyntaxKind.ProtectedKeyword);
}
