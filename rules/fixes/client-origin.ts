/**
 * Where the client of a vendor call was made, so its wrap can keep the client's connection: the engine
 * knows it when the code shows the construction (`const client = new OpenAI(…)`, a client module). A client
 * handed to a class through its constructor (`constructor(private readonly client: OpenAI)`) is followed to
 * the arguments of every `new Service(…)` in the project; they must all be the same client configuration.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import type { VendorCallFact } from '../engine/facts';
import { typescript } from '../engine/parse';
import type { Scopes } from '../engine/scope';
import { nodeAtSpan, skipOuterExpressions } from '../engine/syntax';
import type { SourceSite } from '../engine/values';
import type { WorkspaceIndex } from '../engine/workspace-index';
import { type Project, importersOf } from './importers';
import { type OpenFile, importedDeclaration, isConstant } from './constants';
import { conditionProblem, instanceClass, isStatic, isThisMember, memberWrites, runtimeLeafProblem, writesOf } from './runtime-settings';
import { propertyNameText } from '../engine/strings';
import { objectLiteralOf, serviceClient } from './service-getters';
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
  if (injected) {
    const { owner, index } = injected;
    return passedClients({ name: owner.name!, declaration: owner, index, construct: true, exported: isExported(owner) }, injected.context);
  }
  const parameter = clientParameter(fact, context);
  if (parameter) return passedClients({ ...parameter, construct: false, exported: isExported(parameter.declaration) }, context);
  const lazy = clientSourceExpression(fact, context);
  const made = lazy && lazyConstruction(lazy.expression);
  if (made) {
    refuseReassigned(fact, context);
    const origin = constructionOrigin(made, context.sourceFile, context.index);
    if (origin) return [origin];
  }
  const choice = lazy && lazyChoice(lazy.expression);
  const call = nodeAtSpan(context.sourceFile, fact.callSpan, ts().isCallExpression);
  if (choice && call) {
    // chosenClients takes it when the condition reads the same at the call; here it does not.
    const problem = conditionProblem(choice.condition, call, { path: context.sourceFile.fileName, sourceFile: context.sourceFile, scopes: context.scopes }, context.project);
    throw new Refusal(`\`${lazy.expression.getText(context.sourceFile)}\` makes the client one of two ways, chosen by \`${choice.condition.getText(context.sourceFile)}\`, which is computed at run time ${problem ?? 'in a way the call cannot read again'}`);
  }
  const getter = lazy && serviceGetter(lazy.expression);
  const served = getter && serviceOrigins(fact, getter, context);
  if (served) {
    refuseReassigned(fact, context);
    return served;
  }
  const source = clientSource(fact, context);
  if (source) throw new Refusal(`the client \`${source.name}\` comes from \`${source.text}\`, which the fix cannot follow to the client's construction`);
  throw new Refusal('the client is passed in from elsewhere, so the fix cannot tell which endpoint and credentials its requests use');
}

/** A client variable given one construction in each branch of an `if`: the condition and each branch's client. */
export interface ChosenClients {
  condition: TS.Expression;
  whenTrue: ClientOrigin;
  whenFalse: ClientOrigin;
}

/**
 * `let openai; if (profile.useAzure) openai = new OpenAI(…); else openai = new OpenAI(…)` before the call:
 * the call can choose the connection by the same condition when it reads the same there (see
 * runtime-settings.ts). Nothing else assigns the variable; undefined for any other shape.
 */
export function chosenClients(fact: VendorCallFact, context: OriginContext): ChosenClients | undefined {
  const found = choiceOf(fact, context);
  const call = nodeAtSpan(context.sourceFile, fact.callSpan, ts().isCallExpression);
  const lazy = !found && call ? clientSourceExpression(fact, context) : undefined;
  const made = lazy && lazyChoice(lazy.expression);
  if (made && call) {
    // Made on first use by a method of the same object: its condition reads the same at the call when its fields do.
    const file = { path: context.sourceFile.fileName, sourceFile: context.sourceFile, scopes: context.scopes };
    if (conditionProblem(made.condition, call, file, context.project)) return undefined;
    const whenTrue = constructionOrigin(made.whenTrue, context.sourceFile, context.index);
    const whenFalse = constructionOrigin(made.whenFalse, context.sourceFile, context.index);
    return whenTrue && whenFalse ? { condition: made.condition, whenTrue, whenFalse } : undefined;
  }
  if (!found || !call || call.getStart(context.sourceFile) < found.choice.end || runtimeLeafProblem(found.choice.expression, call, found.file)) return undefined;
  const whenTrue = constructionOrigin(found.whenTrue.construction, context.sourceFile, context.index);
  const whenFalse = constructionOrigin(found.whenFalse.construction, context.sourceFile, context.index);
  return whenTrue && whenFalse ? { condition: found.choice.expression, whenTrue, whenFalse } : undefined;
}

/** `let openai;` and the `if` whose branches only assign it: what goes once the wraps leave the variable unused. */
export interface ClientChoice {
  declaration: TS.VariableStatement;
  choice: TS.IfStatement;
}

export function clientChoiceStatements(fact: VendorCallFact, context: { sourceFile: TS.SourceFile; scopes: Scopes }): ClientChoice | undefined {
  const found = choiceOf(fact, context);
  const statement = found?.declaration.parent.parent;
  const only = (branch: TS.Statement | undefined) => !!branch && (!ts().isBlock(branch) || branch.statements.length === 1);
  if (!found || !statement || !ts().isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
  return only(found.choice.thenStatement) && only(found.choice.elseStatement) ? { declaration: statement, choice: found.choice } : undefined;
}

/** The variable the call's client is read through, when it is declared without a value and given one construction in each branch of one `if`. */
function choiceOf(fact: VendorCallFact, context: { sourceFile: TS.SourceFile; scopes: Scopes }) {
  const binding = clientVariable(fact, context);
  const declaration = binding?.declaration;
  if (binding?.kind !== 'variable' || binding.init || binding.path.length > 0 || isConstant(binding) || !declaration || !ts().isVariableDeclaration(declaration)) return undefined;
  const file = { path: context.sourceFile.fileName, sourceFile: context.sourceFile, scopes: context.scopes };
  const assigned = writesOf(binding, file).map((write) => {
    const assignment = write.parent;
    const isStatement = ts().isBinaryExpression(assignment) && assignment.left === write && assignment.operatorToken.kind === ts().SyntaxKind.EqualsToken && ts().isExpressionStatement(assignment.parent);
    const value = isStatement ? skipOuterExpressions(assignment.right) : undefined;
    return value && ts().isNewExpression(value) ? { statement: assignment.parent, construction: value } : undefined;
  });
  const [whenTrue, whenFalse] = assigned;
  if (assigned.length !== 2 || !whenTrue || !whenFalse) return undefined;
  // Each assignment directly in its branch (`{ … }` or the branch itself), one in each.
  const branchOf = (statement: TS.Node) => (ts().isBlock(statement.parent) ? statement.parent : statement);
  const choice = branchOf(whenTrue.statement).parent;
  if (!ts().isIfStatement(choice) || choice.thenStatement !== branchOf(whenTrue.statement) || choice.elseStatement !== branchOf(whenFalse.statement)) return undefined;
  return { declaration, choice, whenTrue, whenFalse, file };
}

/** `const client = await this.service.getClient()`: the variable the call's client is read from, and what it holds. */
function clientSource(fact: VendorCallFact, context: OriginContext): { name: string; text: string } | undefined {
  const binding = clientVariable(fact, context);
  return binding?.kind === 'variable' && binding.init ? { name: binding.name, text: binding.init.getText(context.sourceFile) } : undefined;
}

/** The binding of the name the call's client is read through (`client` of `client.chat.completions.create`), if it is a name. */
function clientVariable(fact: VendorCallFact, context: { sourceFile: TS.SourceFile; scopes: Scopes }) {
  const root = clientRoot(fact, context.sourceFile);
  return root && ts().isIdentifier(root) ? context.scopes.resolve(root) : undefined;
}

/** What the call's receiver starts from: `client` of `client.chat.completions.create`, `this.getClient()` of `this.getClient().chat…`. */
function clientRoot(fact: VendorCallFact, sourceFile: TS.SourceFile): TS.Expression | undefined {
  let root: TS.Expression | undefined = nodeAtSpan(sourceFile, fact.span, ts().isPropertyAccessExpression);
  while (root && ts().isPropertyAccessExpression(root)) root = skipOuterExpressions(root.expression);
  return root;
}

/** The value of the variable the call's client is read through (`const client = this.getClient()`). */
function clientSourceExpression(fact: VendorCallFact, context: OriginContext): { expression: TS.Expression; declaration: TS.VariableDeclaration } | undefined {
  // Only through a variable: its statement keeps the call (`this.getClient().chat…` would lose it to the wrap).
  const root = clientRoot(fact, context.sourceFile);
  if (!root || !ts().isIdentifier(root)) return undefined;
  const binding = context.scopes.resolve(root);
  const declaration = binding?.declaration;
  return binding?.kind === 'variable' && binding.init && binding.path.length === 0 && declaration && ts().isVariableDeclaration(declaration) ? { expression: binding.init, declaration } : undefined;
}

/**
 * `const client = this.getClient()` whose variable only holds a client a method makes once (see
 * `lazyConstruction`), or `const chat = await this.openai.getChat()` (a service's getter): the statement, so that a wrap leaving the variable unused keeps the call (its guard
 * throws a clear error when a key is missing) and drops only the variable.
 */
export function lazyClientStatement(fact: VendorCallFact, context: { sourceFile: TS.SourceFile; scopes: Scopes }): TS.VariableStatement | undefined {
  const binding = clientVariable(fact, context);
  const declaration = binding?.declaration;
  if (binding?.kind !== 'variable' || !binding.init || binding.path.length > 0 || !declaration || !ts().isVariableDeclaration(declaration)) return undefined;
  const statement = declaration.parent.parent;
  const single = ts().isVariableStatement(statement) && statement.declarationList.declarations.length === 1;
  // The same for a service's getter (`await this.openai.getChat()`): it may refresh the service's credentials.
  return single && (lazyConstruction(binding.init) || lazyChoice(binding.init) || (!fact.construction && serviceGetter(binding.init))) ? statement : undefined;
}

/**
 * `this.getClient()` (awaited or not) of a method of the same class that makes the client once and keeps it
 * (`if (!this.client) this.client = new OpenAI(…); return this.client`): the method takes no parameters, every
 * `return` in it gives the field, and the field's one assignment is that construction, in the method. The
 * construction; undefined for anything else.
 */
export function lazyConstruction(expression: TS.Expression): TS.NewExpression | undefined {
  const lazy = lazyField(expression);
  const [made] = lazy?.made ?? [];
  return lazy?.made.length === 1 && made && ts().isNewExpression(made) ? made : undefined;
}

/**
 * The same, for a method that makes the client one of two ways (`if (this.options.azureApiVersion) this.client =
 * new AzureOpenAI(…); else this.client = new OpenAI(…)`): the `if`'s condition and each branch's construction,
 * each the only statement of its branch.
 */
export function lazyChoice(expression: TS.Expression): { condition: TS.Expression; whenTrue: TS.NewExpression; whenFalse: TS.NewExpression } | undefined {
  const lazy = lazyField(expression);
  const [whenTrue, whenFalse] = lazy?.made ?? [];
  if (lazy?.made.length !== 2 || !whenTrue || !whenFalse || !ts().isNewExpression(whenTrue) || !ts().isNewExpression(whenFalse)) return undefined;
  const branchOf = (construction: TS.Node) => {
    const statement = construction.parent.parent;
    return ts().isExpressionStatement(statement) ? (ts().isBlock(statement.parent) && statement.parent.statements.length === 1 ? statement.parent : statement) : undefined;
  };
  const [thenBranch, elseBranch] = [branchOf(whenTrue), branchOf(whenFalse)];
  const choice = thenBranch?.parent;
  return choice && ts().isIfStatement(choice) && choice.thenStatement === thenBranch && choice.elseStatement === elseBranch ? { condition: choice.expression, whenTrue, whenFalse } : undefined;
}

/** `this.getClient()` of a parameterless method whose every `return` gives one field, never initialized where declared: the values the method assigns it (in order), when every assignment to it is `this.field = …` in the method. */
function lazyField(expression: TS.Expression): { made: TS.Expression[] } | undefined {
  const call = skipOuterExpressions(expression);
  if (!ts().isCallExpression(call) || call.arguments.length > 0 || !isThisMember(call.expression)) return undefined;
  const owner = instanceClass(call);
  const name = call.expression.name.text;
  const method = owner?.members.find((member): member is TS.MethodDeclaration => ts().isMethodDeclaration(member) && propertyNameText(member.name) === name);
  if (!owner || !method?.body || method.parameters.length > 0 || method.asteriskToken || isStatic(method)) return undefined;
  const returned = new Set<string>();
  let returnsOther = false;
  const visitReturns = (node: TS.Node): void => {
    if (ts().isFunctionLike(node) || ts().isClassLike(node)) return;
    if (ts().isReturnStatement(node)) {
      const value = node.expression && skipOuterExpressions(node.expression);
      if (value && isThisMember(value)) returned.add(value.name.text);
      else returnsOther = true;
    }
    ts().forEachChild(node, visitReturns);
  };
  ts().forEachChild(method.body, visitReturns);
  const [field] = returned;
  if (returnsOther || returned.size !== 1) return undefined;
  const declared = owner.members.find((member) => ts().isPropertyDeclaration(member) && propertyNameText(member.name) === field) as TS.PropertyDeclaration | undefined;
  if (declared?.initializer) return undefined;
  const made: TS.Expression[] = [];
  for (const write of memberWrites(owner, field)) {
    const assignment = write.parent;
    const inMethod = write.pos >= method.body.pos && write.end <= method.body.end;
    if (!inMethod || !isThisMember(write) || !ts().isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts().SyntaxKind.EqualsToken) return undefined;
    made.push(skipOuterExpressions(assignment.right));
  }
  return { made };
}

function ts(): typeof TS {
  return typescript();
}

/** `await this.openai.getChat()`, `fastify.openai.getChat()`: a method called without arguments on a service that is not `this`. */
function serviceGetter(expression: TS.Expression): { service: TS.Expression; method: string } | undefined {
  const call = skipOuterExpressions(expression);
  if (!ts().isCallExpression(call) || call.arguments.length > 0 || !ts().isPropertyAccessExpression(call.expression)) return undefined;
  const service = skipOuterExpressions(call.expression.expression);
  return service.kind === ts().SyntaxKind.ThisKeyword ? undefined : { service, method: call.expression.name.text };
}

/**
 * The constructions of the client a service's method returns (see service-getters.ts), for each value the
 * service can be: handed to the class through its constructor (followed to every construction), a constant, or
 * a value decorated onto the app. Undefined when the service is none of those; a Refusal naming what cannot be followed.
 */
function serviceOrigins(fact: VendorCallFact, getter: { service: TS.Expression; method: string }, context: OriginContext): ClientOrigin[] | undefined {
  const here: OpenFile = { path: context.sourceFile.fileName, sourceFile: context.sourceFile, scopes: context.scopes };
  const { service, method } = getter;
  let values: Array<{ argument: TS.Expression; file: OpenFile }> | undefined;
  if (isThisMember(service)) {
    const injected = injectedField(service, context);
    values = injected && passedArguments({ name: injected.owner.name!, declaration: injected.owner, index: injected.index, construct: true, exported: isExported(injected.owner) }, injected.context);
  } else if (ts().isIdentifier(service)) {
    const binding = context.scopes.resolve(service);
    values = binding?.kind === 'variable' && isConstant(binding) && binding.init && binding.path.length === 0 ? [{ argument: binding.init, file: here }] : undefined;
  } else if (ts().isPropertyAccessExpression(service)) {
    values = [{ argument: service, file: here }];
  }
  if (!values) return undefined;
  // The call's path below the variable (`completions.create` of `chat.completions.create`).
  const below: string[] = [];
  for (let access = nodeAtSpan(context.sourceFile, fact.span, ts().isPropertyAccessExpression); access; access = ts().isPropertyAccessExpression(access.expression) ? access.expression : undefined) below.unshift(access.name.text);
  return values.map(({ argument, file }) => {
    const object = objectLiteralOf(argument, file, context.project);
    if (!object) throw new Refusal(`the service \`${argument.getText(file.sourceFile)}\` (line ${lineOf(file.sourceFile, argument)} of ${file.path}) is not an object the fix can follow to the client \`${method}\` returns`);
    const client = serviceClient(object, method);
    const origin = constructionOrigin(client.construction, client.file.sourceFile, context.index);
    if (!origin || [...client.path, ...below].join('.') !== fact.method) {
      throw new Refusal(`\`${method}\` of the service decorated in ${path.basename(client.file.path)} does not return the client the call goes through`);
    }
    return origin;
  });
}

/** `let client` assigned again (`client = new OpenAI(…)` in each branch), or `a ? new X() : new Y()`: which client a call uses is decided at run time. */
function refuseReassigned(fact: VendorCallFact, context: OriginContext): void {
  let root: TS.Expression | undefined = nodeAtSpan(context.sourceFile, fact.span, ts().isPropertyAccessExpression);
  while (root && ts().isPropertyAccessExpression(root)) root = skipOuterExpressions(root.expression);
  const binding = root && ts().isIdentifier(root) ? context.scopes.resolve(root) : undefined;
  if (binding?.kind !== 'variable') return;
  const init = binding.init && skipOuterExpressions(binding.init);
  if (init && (ts().isConditionalExpression(init) || ts().isBinaryExpression(init))) {
    throw new Refusal(`the client \`${binding.name}\` is one of several (\`${init.getText(context.sourceFile)}\`), so which client a call uses is decided at run time`);
  }
  if (isConstant(binding)) return;
  const writes = writesOf(binding, { path: context.sourceFile.fileName, sourceFile: context.sourceFile, scopes: context.scopes });
  if (writes.length > 0) {
    const lines = writes.map((write) => lineOf(context.sourceFile, write));
    throw new Refusal(`the client \`${binding.name}\` is assigned on ${lines.length === 1 ? 'line' : 'lines'} ${lines.join(' and ')}, so which client a call uses is decided at run time`);
  }
}

/** `this.client.…` where `client` is a constructor parameter property typed with a vendor client: the class and the parameter's position. */
function injectedParameter(fact: VendorCallFact, context: OriginContext): InjectedField | undefined {
  const access = nodeAtSpan(context.sourceFile, fact.span, ts().isPropertyAccessExpression);
  let root: TS.Expression | undefined = access;
  while (root && ts().isPropertyAccessExpression(root) && root.expression.kind !== ts().SyntaxKind.ThisKeyword) root = root.expression;
  return root && ts().isPropertyAccessExpression(root) ? injectedField(root, context) : undefined;
}

/** A constructor parameter property `this.name` reads, of the class or a base class it extends (here or imported): that class, its file and the parameter's position. */
interface InjectedField {
  owner: TS.ClassDeclaration;
  index: number;
  context: OriginContext;
}

function injectedField(access: TS.PropertyAccessExpression, context: OriginContext): InjectedField | undefined {
  const name = access.name.text;
  let owner: TS.Node | undefined = access.parent;
  while (owner && !ts().isClassDeclaration(owner)) owner = owner.parent;
  let current: { owner: TS.ClassDeclaration; context: OriginContext } | undefined = owner && ts().isClassDeclaration(owner) && owner.name ? { owner, context } : undefined;
  for (let depth = 0; current && depth < 8; depth++) {
    const constructor = current.owner.members.find((member): member is TS.ConstructorDeclaration => ts().isConstructorDeclaration(member));
    const index = constructor?.parameters.findIndex((parameter) => ts().isIdentifier(parameter.name) && parameter.name.text === name && ts().isParameterPropertyDeclaration(parameter, constructor)) ?? -1;
    if (index >= 0) return { owner: current.owner, index, context: current.context };
    // A field the class declares itself is not the base's.
    if (current.owner.members.some((member) => member.name && propertyNameText(member.name) === name)) return undefined;
    current = baseClass(current.owner, current.context);
  }
  return undefined;
}

/** The class a class extends, declared in its file or imported from a workspace module, with that file's context. */
function baseClass(owner: TS.ClassDeclaration, context: OriginContext): { owner: TS.ClassDeclaration; context: OriginContext } | undefined {
  const extended = owner.heritageClauses?.find((clause) => clause.token === ts().SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!extended || !ts().isIdentifier(extended)) return undefined;
  const local = context.scopes.resolve(extended);
  if (local?.kind === 'class' && ts().isClassDeclaration(local.declaration) && local.declaration.name) return { owner: local.declaration, context };
  const imported = importedDeclaration(extended, { path: context.sourceFile.fileName, sourceFile: context.sourceFile, scopes: context.scopes }, context.project);
  const declaration = imported?.declaration;
  return declaration && ts().isClassDeclaration(declaration) && declaration.name ? { owner: declaration, context: { ...context, sourceFile: imported.file.sourceFile, scopes: imported.file.scopes } } : undefined;
}

/** `openai.chat…` where `openai` is a parameter of a named function (`const useCase = async (openai: OpenAI, …) => …`). */
function clientParameter(fact: VendorCallFact, context: OriginContext): { name: TS.Identifier; declaration: TS.Node; index: number } | undefined {
  let root: TS.Expression | undefined = nodeAtSpan(context.sourceFile, fact.span, ts().isPropertyAccessExpression);
  while (root && ts().isPropertyAccessExpression(root)) root = skipOuterExpressions(root.expression);
  const binding = root && ts().isIdentifier(root) ? context.scopes.resolve(root) : undefined;
  const parameter = binding?.kind === 'parameter' && binding.path.length === 0 ? binding.declaration : undefined;
  if (!parameter || !ts().isParameter(parameter)) return undefined;
  const fn = parameter.parent;
  const holder = ts().isArrowFunction(fn) || ts().isFunctionExpression(fn) ? skipParentheses(fn).parent : fn;
  const named = (ts().isFunctionDeclaration(holder) || ts().isVariableDeclaration(holder)) && holder.name && ts().isIdentifier(holder.name) ? holder : undefined;
  if (!named) throw new Refusal(`the client is the parameter \`${parameter.name.getText(context.sourceFile)}\` of a function that has no name to find its callers by`);
  if (ts().isVariableDeclaration(named) && !(named.parent.flags & ts().NodeFlags.Const)) {
    throw new Refusal(`the client is a parameter of \`${named.name.getText(context.sourceFile)}\`, which is not a constant`);
  }
  return { name: named.name as TS.Identifier, declaration: named, index: fn.parameters.indexOf(parameter) };
}

/** The arrow or function expression's place: through parentheses around it. */
function skipParentheses(node: TS.Node): TS.Node {
  let current = node;
  while (ts().isParenthesizedExpression(current.parent)) current = current.parent;
  return current;
}

/** A function or class whose argument `index` is followed to where it is called or constructed. */
interface PassedTarget {
  name: TS.Identifier;
  declaration: TS.Node;
  index: number;
  construct: boolean;
  exported: boolean;
}

/**
 * The clients passed as argument `index` wherever the class is constructed (`new Service(client)`) or the
 * function called (`useCase(client, …)`), in its file and, when it is exported, in the project's files that
 * import it; a Refusal naming the first that cannot be followed, or a use of the function other than a call.
 */
function passedClients(target: PassedTarget, context: OriginContext): ClientOrigin[] {
  const shown = target.construct ? `new ${target.name.text}(…)` : `${target.name.text}(…)`;
  return passedArguments(target, context).map(({ argument, call, file }) => {
    const origin = originOf(argument, file.sourceFile, file.scopes, context.index);
    if (!origin) throw new Refusal(`the client passed to \`${shown}\` on line ${lineOf(file.sourceFile, call)} of ${file.sourceFile.fileName} is not a client construction the fix can follow`);
    return origin;
  });
}

/**
 * The arguments at `index` wherever the target is called or constructed (a class also through each subclass's
 * `super(…)`, back to where the subclass is constructed); a Refusal when one cannot be read.
 */
function passedArguments(target: PassedTarget, context: OriginContext, depth = 0): Array<{ argument: TS.Expression; call: TS.Node; file: OpenFile }> {
  const name = target.name.text;
  const shown = target.construct ? `new ${name}(…)` : `${name}(…)`;
  const found: Array<{ argument: TS.Expression; call: TS.Node; file: OpenFile }> = [];
  const collect = (file: OpenFile, isTarget: (identifier: TS.Identifier) => boolean) => {
    const visit = (node: TS.Node): void => {
      if (ts().isIdentifier(node) && node !== target.name && isTarget(node)) {
        const call = node.parent;
        const isCall = (target.construct ? ts().isNewExpression(call) : ts().isCallExpression(call)) && (call as TS.CallExpression).expression === node;
        // A function handed on as a value may be called with any client; `export { useCase }` only names it.
        if (!isCall && !target.construct && !ts().isExportSpecifier(call) && !ts().isImportSpecifier(call)) {
          throw new Refusal(`\`${name}\` is used other than called (line ${lineOf(file.sourceFile, node)} of ${file.sourceFile.fileName}), so not every client it is given can be seen`);
        }
        if (isCall) {
          const args = (call as TS.CallExpression).arguments ?? [];
          const argument = args.slice(0, target.index + 1).some(ts().isSpreadElement) ? undefined : args[target.index];
          if (!argument) throw new Refusal(`the client passed to \`${shown}\` on line ${lineOf(file.sourceFile, call)} of ${file.sourceFile.fileName} is not a client construction the fix can follow`);
          found.push({ argument, call, file });
        }
        const subclass = target.construct && ts().isExpressionWithTypeArguments(call) && ts().isHeritageClause(call.parent) && call.parent.token === ts().SyntaxKind.ExtendsKeyword ? call.parent.parent : undefined;
        if (subclass && ts().isClassDeclaration(subclass) && subclass.name && depth < 8) found.push(...superArguments(subclass, target.index, { ...context, sourceFile: file.sourceFile, scopes: file.scopes }, depth + 1));
      }
      ts().forEachChild(node, visit);
    };
    visit(file.sourceFile);
  };
  collect({ path: context.sourceFile.fileName, sourceFile: context.sourceFile, scopes: context.scopes }, (identifier) => context.scopes.resolve(identifier)?.declaration === target.declaration);
  if (target.exported) {
    for (const importer of importersOf(name, context.sourceFile.fileName, context.project, { throughReExports: true })) {
      const locals = new Set<TS.Node>(importer.locals.map((local) => local.parent));
      collect({ path: importer.filePath, sourceFile: importer.sourceFile, scopes: importer.scopes }, (identifier) => !importer.locals.includes(identifier) && locals.has(importer.scopes.resolve(identifier)?.declaration as TS.Node));
    }
  }
  if (found.length === 0) throw new Refusal(`no \`${shown}\` in the project shows which client it is given`);
  return found;
}

/** What a subclass passes its base at `index`: through its `super(…)` (a parameter of its own is followed to where it is constructed), or its own argument when it has no constructor. */
function superArguments(subclass: TS.ClassDeclaration, index: number, context: OriginContext, depth: number): Array<{ argument: TS.Expression; call: TS.Node; file: OpenFile }> {
  const own = (position: number): PassedTarget => ({ name: subclass.name!, declaration: subclass, index: position, construct: true, exported: isExported(subclass) });
  const constructor = subclass.members.find(ts().isConstructorDeclaration);
  if (!constructor) return passedArguments(own(index), context, depth);
  const superCalls: TS.CallExpression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts().isCallExpression(node) && node.expression.kind === ts().SyntaxKind.SuperKeyword) superCalls.push(node);
    if (!ts().isFunctionLike(node) || node === constructor) ts().forEachChild(node, visit);
  };
  visit(constructor);
  const [superCall] = superCalls;
  const argument = superCall && superCalls.length === 1 && !superCall.arguments.slice(0, index + 1).some(ts().isSpreadElement) ? superCall.arguments[index] : undefined;
  if (!argument) throw new Refusal(`\`${subclass.name!.text}\` does not pass its base class one client the fix can follow`);
  const inner = skipOuterExpressions(argument);
  const parameter = ts().isIdentifier(inner) ? context.scopes.resolve(inner) : undefined;
  const position = parameter?.kind === 'parameter' && parameter.path.length === 0 ? constructor.parameters.indexOf(parameter.declaration as TS.ParameterDeclaration) : -1;
  if (position >= 0 && !writesOf(parameter!, { path: context.sourceFile.fileName, sourceFile: context.sourceFile, scopes: context.scopes }).length) return passedArguments(own(position), context, depth);
  return [{ argument, call: superCall, file: { path: context.sourceFile.fileName, sourceFile: context.sourceFile, scopes: context.scopes } }];
}

function isExported(declaration: TS.Node): boolean {
  const statement = ts().isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return ts().canHaveModifiers(statement) && (ts().getModifiers(statement)?.some((modifier) => modifier.kind === ts().SyntaxKind.ExportKeyword) ?? false);
}

/** The construction an argument is (`new OpenAI(…)`), holds (a constant, a class field never assigned again) or imports (a client module's export). */
function originOf(argument: TS.Expression, sourceFile: TS.SourceFile, scopes: Scopes, index: WorkspaceIndex, depth = 0): ClientOrigin | undefined {
  const expression = skipOuterExpressions(argument);
  if (ts().isPropertyAccessExpression(expression) && expression.expression.kind === ts().SyntaxKind.ThisKeyword && depth <= 8) {
    const field = initializedField(expression);
    return field && originOf(field, sourceFile, scopes, index, depth + 1);
  }
  if (ts().isNewExpression(expression)) return constructionOrigin(expression, sourceFile, index);
  const lazy = lazyConstruction(expression);
  if (lazy) return constructionOrigin(lazy, sourceFile, index);
  if (!ts().isIdentifier(expression) || depth > 8) return undefined;
  const binding = scopes.resolve(expression);
  if (binding?.kind === 'variable' && binding.init && binding.path.length === 0) return originOf(binding.init, sourceFile, scopes, index, depth + 1);
  const origin = binding?.kind === 'import' ? binding.origin : undefined;
  const file = origin && origin.imported !== '*' && binding!.path.length === 0 ? index.resolveModule(sourceFile.fileName, origin.specifier) : undefined;
  const value = file ? index.exportOf(file, origin!.imported) : undefined;
  return value?.kind === 'instance' && value.role === 'client' && value.path.length === 0 && value.construction ? { site: value.construction, className: value.className } : undefined;
}

/** A client construction the engine recorded: where it is and its class. */
function constructionOrigin(construction: TS.NewExpression, sourceFile: TS.SourceFile, index: WorkspaceIndex): ClientOrigin | undefined {
  const site = { file: sourceFile.fileName, start: construction.getStart(sourceFile), end: construction.end };
  const fact = index.analysis(sourceFile.fileName, sourceFile.text)?.facts.find((candidate) => candidate.kind === 'client-construction' && candidate.callSpan.start === site.start && candidate.callSpan.end === site.end);
  return fact?.kind === 'client-construction' && fact.role === 'client' ? { site, className: fact.name } : undefined;
}

/** `this.openai` of `private openai = new OpenAI(…)`, when nothing assigns the field again: its initializer. */
function initializedField(access: TS.PropertyAccessExpression): TS.Expression | undefined {
  let owner: TS.Node | undefined = access.parent;
  while (owner && !ts().isClassLike(owner)) owner = owner.parent;
  if (!owner || !ts().isClassLike(owner)) return undefined;
  const name = access.name.text;
  const field = owner.members.find((member): member is TS.PropertyDeclaration => ts().isPropertyDeclaration(member) && ts().isIdentifier(member.name) && member.name.text === name);
  if (!field?.initializer) return undefined;
  let assigned = false;
  const visit = (node: TS.Node): void => {
    if (ts().isBinaryExpression(node) && node.operatorToken.kind === ts().SyntaxKind.EqualsToken && ts().isPropertyAccessExpression(node.left) && node.left.name.text === name) assigned = true;
    if (!assigned) ts().forEachChild(node, visit);
  };
  visit(owner);
  return assigned ? undefined : field.initializer;
}

function lineOf(sourceFile: TS.SourceFile, node: TS.Node): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

