/**
 * Services an app decorates onto its framework instance (Fastify's `fastify.decorate('openai', { … })`, read
 * back as `fastify.openai` by other plugins and handed to classes), and the clients a service's method makes
 * and returns (`async getChat() { await refresh(); return chatClient.chat; }`): followed so that a call through
 * `const chat = await this.openai.getChat()` keeps its client's connection, and so that a client option read
 * from a decorated config (`fastify.config.azureOpenAiService`) is carried as the config object says.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import { parseSource, typescript } from '../engine/parse';
import { Scopes } from '../engine/scope';
import { propertyNameText } from '../engine/strings';
import { skipOuterExpressions } from '../engine/syntax';
import { type OpenFile, constantDefinition, isConstant } from './constants';
import { writesOf } from './runtime-settings';
import { projectRootOf } from './seam-plan';
import { Refusal } from './wrap/request';

/** What following decorated values needs: the project's files (undefined when they cannot be listed), reading and resolving. */
export interface DecoratingProject {
  files?(): readonly string[] | undefined;
  read(filePath: string): string | undefined;
  resolve(fromFile: string, specifier: string): string | undefined;
}

export interface FoundExpression {
  expression: TS.Expression;
  file: OpenFile;
}

/**
 * `app.name`, read through the app a plugin is given (a callback's parameter without a type of its own, or one
 * typed `FastifyInstance`): the value `….decorate('name', value)` gives, when the files of the package decorate
 * that name once, in a module that declares it on the framework's instance (`declare module 'fastify' {
 * interface FastifyInstance { name: … } }`, as TypeScript needs). Undefined when nothing does; a Refusal when
 * several places do (which one an instance has depends on what registered it).
 */
export function decoratedValue(access: TS.Expression, file: OpenFile, project: DecoratingProject): FoundExpression | undefined {
  const ts = typescript();
  const node = skipOuterExpressions(access);
  if (!ts.isPropertyAccessExpression(node) || !ts.isIdentifier(node.expression) || !isAppParameter(node.expression, file)) return undefined;
  const name = node.name.text;
  const files = project.files?.();
  if (!files) return undefined;
  const host = { readFile: (filePath: string) => project.read(filePath), fileExists: (filePath: string) => project.read(filePath) !== undefined };
  const root = projectRootOf(file.path, path.parse(file.path).root, host);
  const found: FoundExpression[] = [];
  for (const filePath of files) {
    if (projectRootOf(filePath, path.parse(filePath).root, host) !== root) continue;
    const text = filePath === file.path ? file.sourceFile.text : project.read(filePath);
    if (!text?.includes('.decorate(') || !text.includes(name)) continue;
    const decorating = filePath === file.path ? file : { path: filePath, sourceFile: parseSource(filePath, text), scopes: new Scopes() };
    const visit = (candidate: TS.Node): void => {
      if (ts.isCallExpression(candidate) && ts.isPropertyAccessExpression(candidate.expression) && candidate.expression.name.text === 'decorate') {
        const [key, value] = candidate.arguments;
        if (key && value && ts.isStringLiteralLike(key) && key.text === name && declaresMember(decorating.sourceFile, name)) found.push({ expression: value, file: decorating });
      }
      ts.forEachChild(candidate, visit);
    };
    visit(decorating.sourceFile);
  }
  if (found.length > 1) throw new Refusal(`\`${name}\` is decorated in ${found.length} places (${found.map((value) => `${path.basename(value.file.path)} line ${lineOf(value.expression, value.file)}`).join(', ')}), so which one \`${node.getText(file.sourceFile)}\` is depends on what registered it`);
  return found[0];
}

/** A parameter of a callback (`fp(async (app) => …)`) without a type annotation, or one typed `FastifyInstance`. */
function isAppParameter(identifier: TS.Identifier, file: OpenFile): boolean {
  const ts = typescript();
  const binding = file.scopes.resolve(identifier);
  const parameter = binding?.kind === 'parameter' && binding.path.length === 0 ? binding.declaration : undefined;
  if (!parameter || !ts.isParameter(parameter)) return false;
  const type = parameter.type;
  if (type) return ts.isTypeReferenceNode(type) && (ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text) === 'FastifyInstance';
  const fn = parameter.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(fn.parent) && fn.parent.arguments.includes(fn);
}

/** `declare module '…' { interface … { name: … } }` in the file: the decorated name is part of the framework's instance type. */
function declaresMember(sourceFile: TS.SourceFile, name: string): boolean {
  const ts = typescript();
  return sourceFile.statements.some(
    (statement) =>
      ts.isModuleDeclaration(statement) &&
      ts.isStringLiteral(statement.name) &&
      !!statement.body &&
      ts.isModuleBlock(statement.body) &&
      statement.body.statements.some((inner) => ts.isInterfaceDeclaration(inner) && inner.members.some((member) => !!member.name && propertyNameText(member.name) === name)),
  );
}

/** An object literal an expression is or holds: inline, a constant, or a decorated value. */
export function objectLiteralOf(expression: TS.Expression, file: OpenFile, project: DecoratingProject, depth = 0): { node: TS.ObjectLiteralExpression; file: OpenFile } | undefined {
  const ts = typescript();
  const node = skipOuterExpressions(expression);
  if (ts.isObjectLiteralExpression(node)) return { node, file };
  if (depth > 8) return undefined;
  const next = ts.isIdentifier(node) ? constantDefinition(node, file, project) : decoratedValue(node, file, project);
  return next && objectLiteralOf(next.expression, next.file, project, depth + 1);
}

/** A service's method that makes a client (`getChat`), and the client construction it returns, with the path below the client (`['chat']`). */
export interface ServiceClient {
  construction: TS.NewExpression;
  file: OpenFile;
  path: string[];
}

/**
 * The client `service.method()` returns, where `service` is an object literal with that method (no
 * parameters): every `return` gives the same variable's path (`chatClient.chat`), and the variable is given
 * one construction (`const`, or a `let` assigned once, as a token refresh does). A Refusal naming what does
 * not hold.
 */
export function serviceClient(service: { node: TS.ObjectLiteralExpression; file: OpenFile }, method: string): ServiceClient {
  const ts = typescript();
  const { file } = service;
  const member = service.node.properties.find((property) => property.name && propertyNameText(property.name) === method);
  const fn = member && ts.isMethodDeclaration(member) ? member : member && ts.isPropertyAssignment(member) ? skipOuterExpressions(member.initializer) : undefined;
  const shown = `\`${method}\` of the service decorated in ${path.basename(file.path)}`;
  if (!fn || !(ts.isMethodDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !fn.body) throw new Refusal(`${shown} is not a method the fix can read`);
  if (fn.parameters.length > 0 || fn.asteriskToken) throw new Refusal(`${shown} takes parameters, so which client it gives can differ`);
  const returned: TS.Expression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returned.push(skipOuterExpressions(node.expression));
    ts.forEachChild(node, visit);
  };
  if (ts.isBlock(fn.body)) ts.forEachChild(fn.body, visit);
  else returned.push(skipOuterExpressions(fn.body));
  const paths = returned.map((expression) => {
    const names: string[] = [];
    let current = expression;
    while (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      current = skipOuterExpressions(current.expression);
    }
    return ts.isIdentifier(current) ? { root: current, names } : undefined;
  });
  const [first] = paths;
  if (!first || paths.some((candidate) => !candidate || file.scopes.resolve(candidate.root)?.declaration !== file.scopes.resolve(first.root)?.declaration || candidate.names.join('.') !== first.names.join('.'))) {
    throw new Refusal(`${shown} does not return one client variable the fix can follow`);
  }
  const binding = file.scopes.resolve(first.root);
  if (binding?.kind !== 'variable' || binding.path.length > 0) throw new Refusal(`${shown} returns \`${first.root.text}\`, which is not a variable the fix can follow`);
  const assigned = (write: TS.Node) => (ts.isBinaryExpression(write.parent) && write.parent.left === write && write.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? write.parent.right : undefined);
  const writes = isConstant(binding) ? [] : writesOf(binding, file).map(assigned);
  const made = binding.init ? [binding.init, ...writes] : writes;
  const [construction] = made.map((value) => value && skipOuterExpressions(value));
  if (made.length !== 1 || !construction || !ts.isNewExpression(construction)) {
    throw new Refusal(`the client \`${first.root.text}\` that ${shown} returns is not given one construction (${made.length} assignments)`);
  }
  return { construction, file, path: first.names };
}

function lineOf(node: TS.Node, file: OpenFile): number {
  return file.sourceFile.getLineAndCharacterOfPosition(node.getStart(file.sourceFile)).line + 1;
}
