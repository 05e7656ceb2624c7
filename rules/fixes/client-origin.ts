/**
 * Where the client of a vendor call was made, so its wrap can keep the client's connection: the engine
 * knows it when the code shows the construction (`const client = new OpenAI(…)`, a client module). A client
 * handed to a class through its constructor (`constructor(private readonly client: OpenAI)`) is followed to
 * the arguments of every `new Service(…)` in the project; they must all be the same client configuration.
 */
import type * as TS from 'typescript';
import type { VendorCallFact } from '../engine/facts';
import { typescript } from '../engine/parse';
import type { Scopes } from '../engine/scope';
import { nodeAtSpan, skipOuterExpressions } from '../engine/syntax';
import type { SourceSite } from '../engine/values';
import type { WorkspaceIndex } from '../engine/workspace-index';
import { type Project, importersOf } from './importers';
import { isConstant } from './constants';
import { writesOf } from './runtime-settings';
import { Refusal } from './wrap/request';

export interface ClientOrigin {
  site: SourceSite;
  /** The client class constructed there (`OpenAI`, `AzureOpenAI` …). */
  className: string;
}

export interface OriginContext {
  sourceFile: TS.SourceFile;
  scopes: Scopes;
  index: WorkspaceIndex;
  project: Project;
}

/** The constructions the call's client may come from (one, or one per construction of an injecting class). */
export function clientOrigins(fact: VendorCallFact, context: OriginContext): ClientOrigin[] {
  if (fact.construction) {
    refuseReassigned(fact, context);
    return [{ site: fact.construction, className: fact.client }];
  }
  const injected = injectedParameter(fact, context);
  if (!injected) throw new Refusal('the client is passed in from elsewhere, so the fix cannot tell which endpoint and credentials its requests use');
  const { owner, index } = injected;
  const className = owner.name!.text;
  const origins: ClientOrigin[] = [];
  const collect = (sourceFile: TS.SourceFile, scopes: Scopes, isClass: (identifier: TS.Identifier) => boolean) => {
    const visit = (node: TS.Node): void => {
      if (ts().isNewExpression(node) && ts().isIdentifier(node.expression) && isClass(node.expression)) {
        const argument = node.arguments?.[index];
        const origin = argument && originOf(argument, sourceFile, scopes, context.index);
        if (!origin) throw new Refusal(`the client passed to \`new ${className}(…)\` on line ${lineOf(sourceFile, node)} of ${sourceFile.fileName} is not a client construction the fix can follow`);
        origins.push(origin);
      }
      ts().forEachChild(node, visit);
    };
    visit(sourceFile);
  };
  collect(context.sourceFile, context.scopes, (identifier) => context.scopes.resolve(identifier)?.declaration === owner);
  if (ts().getModifiers(owner)?.some((modifier) => modifier.kind === ts().SyntaxKind.ExportKeyword)) {
    for (const importer of importersOf(className, context.sourceFile.fileName, context.project)) {
      const locals = new Set<TS.Node>(importer.locals.map((local) => local.parent));
      collect(importer.sourceFile, importer.scopes, (identifier) => locals.has(importer.scopes.resolve(identifier)?.declaration as TS.Node));
    }
  }
  if (origins.length === 0) throw new Refusal(`no \`new ${className}(…)\` in the project shows which client it is given`);
  return origins;
}

function ts(): typeof TS {
  return typescript();
}

/** `let client` assigned again (`client = new OpenAI(…)` in each branch): which client a call uses is decided at run time. */
function refuseReassigned(fact: VendorCallFact, context: OriginContext): void {
  let root: TS.Expression | undefined = nodeAtSpan(context.sourceFile, fact.span, ts().isPropertyAccessExpression);
  while (root && ts().isPropertyAccessExpression(root)) root = skipOuterExpressions(root.expression);
  const binding = root && ts().isIdentifier(root) ? context.scopes.resolve(root) : undefined;
  if (binding?.kind !== 'variable' || isConstant(binding)) return;
  const writes = writesOf(binding, { path: context.sourceFile.fileName, sourceFile: context.sourceFile, scopes: context.scopes });
  if (writes.length > 0) {
    throw new Refusal(`the client \`${binding.name}\` is assigned on line ${writes.map((write) => lineOf(context.sourceFile, write)).join(' and ')}, so which client a call uses is decided at run time`);
  }
}

/** `this.client.…` where `client` is a constructor parameter property typed with a vendor client: the class and the parameter's position. */
function injectedParameter(fact: VendorCallFact, context: OriginContext): { owner: TS.ClassDeclaration; index: number } | undefined {
  const access = nodeAtSpan(context.sourceFile, fact.span, ts().isPropertyAccessExpression);
  let root: TS.Expression | undefined = access;
  while (root && ts().isPropertyAccessExpression(root) && root.expression.kind !== ts().SyntaxKind.ThisKeyword) root = root.expression;
  if (!root || !ts().isPropertyAccessExpression(root)) return undefined;
  const name = root.name.text;
  let owner: TS.Node | undefined = root.parent;
  while (owner && !ts().isClassDeclaration(owner)) owner = owner.parent;
  if (!owner || !ts().isClassDeclaration(owner) || !owner.name) return undefined;
  const constructor = owner.members.find((member): member is TS.ConstructorDeclaration => ts().isConstructorDeclaration(member));
  const index = constructor?.parameters.findIndex((parameter) => ts().isIdentifier(parameter.name) && parameter.name.text === name && ts().isParameterPropertyDeclaration(parameter, constructor)) ?? -1;
  return index >= 0 ? { owner, index } : undefined;
}

/** The construction an argument is (`new OpenAI(…)`), holds (a constant) or imports (a client module's export). */
function originOf(argument: TS.Expression, sourceFile: TS.SourceFile, scopes: Scopes, index: WorkspaceIndex, depth = 0): ClientOrigin | undefined {
  const expression = skipOuterExpressions(argument);
  if (ts().isNewExpression(expression)) {
    const site = { file: sourceFile.fileName, start: expression.getStart(sourceFile), end: expression.end };
    const fact = index.analysis(sourceFile.fileName, sourceFile.text)?.facts.find((candidate) => candidate.kind === 'client-construction' && candidate.callSpan.start === site.start && candidate.callSpan.end === site.end);
    return fact?.kind === 'client-construction' && fact.role === 'client' ? { site, className: fact.name } : undefined;
  }
  if (!ts().isIdentifier(expression) || depth > 8) return undefined;
  const binding = scopes.resolve(expression);
  if (binding?.kind === 'variable' && binding.init && binding.path.length === 0) return originOf(binding.init, sourceFile, scopes, index, depth + 1);
  const origin = binding?.kind === 'import' ? binding.origin : undefined;
  const file = origin && origin.imported !== '*' && binding!.path.length === 0 ? index.resolveModule(sourceFile.fileName, origin.specifier) : undefined;
  const value = file ? index.exportOf(file, origin!.imported) : undefined;
  return value?.kind === 'instance' && value.role === 'client' && value.path.length === 0 && value.construction ? { site: value.construction, className: value.className } : undefined;
}

function lineOf(sourceFile: TS.SourceFile, node: TS.Node): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

