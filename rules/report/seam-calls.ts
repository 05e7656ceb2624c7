/**
 * Calls that go through the seam: `chatModel('gpt4oMini').complete(…)` and the like in application code.
 * The engine has no facts for them (they are not vendor code), so the few files that import a module of
 * the seam are parsed here: names imported from the seam (named, aliased, namespace, `require` with
 * destructuring) that are the seam's model factories, called with the model's config name.
 */
import type * as TS from 'typescript';
import { parseSource, typescript } from '../engine/parse';
import { skipOuterExpressions } from '../engine/syntax';
import { NEUTRAL_CALLS } from '../vendors/wrap-table';

/** The seam's model factories (`chatModel`, `embeddingModel`, `moderationModel`), from the wrap table. */
export const SEAM_FACTORIES: ReadonlySet<string> = new Set(Object.values(NEUTRAL_CALLS).map((call) => call.factory));

export interface SeamCall {
  /** Module (absolute path) of the seam the factory came from. */
  seamModule: string;
  factory: string;
  /** The model's config name when written as a literal. */
  model?: string;
  /** UTF-16 offset of the callee. */
  offset: number;
}

/** `resolve(specifier)` returns the seam module a specifier leads to, or undefined for any other module. */
export function findSeamCalls(filePath: string, text: string, resolve: (specifier: string) => string | undefined): SeamCall[] {
  const ts = typescript();
  const sourceFile = parseSource(filePath, text);
  /** Local name → the seam module and the exported name it stands for (`*` for a namespace). */
  const imported = new Map<string, { seamModule: string; name: string }>();
  const bind = (binding: TS.Identifier, seamModule: string, name: string) => imported.set(binding.text, { seamModule, name });

  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const seamModule = resolve(statement.moduleSpecifier.text);
      const bindings = statement.importClause?.namedBindings;
      if (!seamModule || !bindings || statement.importClause?.isTypeOnly) continue;
      if (ts.isNamespaceImport(bindings)) bind(bindings.name, seamModule, '*');
      else for (const element of bindings.elements) bind(element.name, seamModule, (element.propertyName ?? element.name).text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const seamModule = requiredModule(declaration.initializer, resolve);
        if (!seamModule) continue;
        if (ts.isIdentifier(declaration.name)) bind(declaration.name, seamModule, '*');
        else if (ts.isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            const property = element.propertyName ?? element.name;
            if (ts.isIdentifier(element.name) && (ts.isIdentifier(property) || ts.isStringLiteral(property))) bind(element.name, seamModule, property.text);
          }
        }
      }
    }
  }
  if (imported.size === 0) return [];

  const calls: SeamCall[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node)) {
      const factory = factoryOf(skipOuterExpressions(node.expression), imported);
      if (factory) {
        const argument = node.arguments[0] && skipOuterExpressions(node.arguments[0]);
        calls.push({
          ...factory,
          model: argument && ts.isStringLiteralLike(argument) ? argument.text : undefined,
          offset: node.expression.getStart(sourceFile),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return calls;
}

function factoryOf(callee: TS.Expression, imported: Map<string, { seamModule: string; name: string }>): { seamModule: string; factory: string } | undefined {
  const ts = typescript();
  if (ts.isIdentifier(callee)) {
    const binding = imported.get(callee.text);
    return binding && SEAM_FACTORIES.has(binding.name) ? { seamModule: binding.seamModule, factory: binding.name } : undefined;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const binding = imported.get(callee.expression.text);
    return binding?.name === '*' && SEAM_FACTORIES.has(callee.name.text) ? { seamModule: binding.seamModule, factory: callee.name.text } : undefined;
  }
  return undefined;
}

/** `require('./ai')` (also `await import('./ai')`) leading to the seam. */
function requiredModule(initializer: TS.Expression | undefined, resolve: (specifier: string) => string | undefined): string | undefined {
  const ts = typescript();
  const call = initializer && skipOuterExpressions(initializer);
  if (!call || !ts.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  const isRequire = ts.isIdentifier(call.expression) && call.expression.text === 'require';
  const isImport = call.expression.kind === ts.SyntaxKind.ImportKeyword;
  const specifier = call.arguments[0];
  return (isRequire || isImport) && ts.isStringLiteralLike(specifier) ? resolve(specifier.text) : undefined;
}
