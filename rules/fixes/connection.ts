/**
 * Reads the construction of the client a call goes through (`new AzureOpenAI({ … })`, `new OpenAIClient(…)`,
 * v3 `new OpenAIApi(new Configuration(…))`) into a connection of the seam: the adapter that serves it and
 * the options of the seam's SDK client, so a wrapped call keeps its endpoint, credentials, API version and
 * client options (SPEC §3, "Connections"). Options are carried as the code wrote them when the seam's
 * config can evaluate them (literals, `process.env` reads, constants, package constructors); anything else
 * is refused with the option named. The construction's shape per client class is data (connection-table.ts).
 */
import type * as TS from 'typescript';
import { typescript } from '../engine/parse';
import { propertyNameText } from '../engine/strings';
import { nodeAtSpan, skipOuterExpressions } from '../engine/syntax';
import type { SourceSite } from '../engine/values';
import { AZURE_SDK_CREDENTIALS, AZURE_TOKEN, CLIENT_CONNECTIONS, type CarriedOptions } from '../vendors/connection-table';
import type { SeamProviderId } from '../vendors/wrap-table';
import { isPlaceholderKey } from '../vendors/patterns';
import { matchVendorModule } from '../vendors/table';
import { type ConstantsProject, type OpenFile, constantDefinition, literalMemberValue, fieldValue, helperResult, isConstant, openFile } from './constants';
import { lazyConstruction } from './client-origin';
import { decoratedValue } from './service-getters';
import { PURE_METHODS, writesOf, isEnvRead, isLiteral, isProcessEnv, isPureGlobalClass, leafName, runtimeLeafProblem, skipTypeOnly } from './runtime-settings';
import { settingName } from './seam/naming';
import { Refusal } from './wrap/request';

/**
 * An option of the seam's client: an expression for the config (where `entryPlaceholder`s stand for the
 * config entries literal endpoints and API versions become), or a key the code had as a literal, read from a
 * variable named after the connection (the user sets it).
 */
export type ConnectionOption = { name: string; text: string } | { name: string; keyVariable: true };

type EntrySection = 'endpoints' | 'apiVersions';

/**
 * Stands for `<section>.<key>` of the entry holding a literal: the seam plan makes the entry. Literals
 * become entries wherever they are in an option (`process.env.X ?? 'https://…'`), so the connection reads
 * the same whether the literal-moving fixes ran before or after.
 */
export function entryPlaceholder(section: EntrySection, value: string): string {
  return `\u0000${section}\u0000${JSON.stringify(value)}\u0000`;
}

/** Finds the placeholders in an option's text: the section and the JSON of the literal. */
export const ENTRY_PLACEHOLDERS = /\u0000(endpoints|apiVersions)\u0000("(?:[^"\\]|\\.)*")\u0000/g;

export interface ConnectionSpec {
  provider: SeamProviderId;
  /** The provider's API the wrapped calls use when not its default (`responses`): a connection of its own. */
  api?: string;
  options: ConnectionOption[];
  /** Named imports the config needs for the options (`DefaultAzureCredential` from `@azure/identity`). */
  imports: Array<{ specifier: string; name: string }>;
  /** What the connection could be called, from its endpoint or the variable that holds it. */
  nameHint: string;
  /**
   * Values computed where the code runs (a user's key): the connection takes them as \`settings\` and the
   * wrapped call passes them, as the code at the call reads them (\`text\`).
   */
  settings: ConnectionSetting[];
}

export interface ConnectionSetting {
  name: string;
  text: string;
}

/** What reading a construction needs from the project. */
export interface ConnectionProject {
  /** Every source file of the project (values decorated onto an app are looked for there), or undefined. */
  files?(): readonly string[] | undefined;
  read(filePath: string): string | undefined;
  resolve(fromFile: string, specifier: string): string | undefined;
  /** Whether a file is the seam's config (its `endpoints`, `apiVersions` and `models` are carried as references). */
  isSeamConfig(filePath: string): boolean;
  /** Whether the seam's config is TypeScript: a non-null assertion on a package call's argument stays, as its types may need it. */
  typedConfig?: boolean;
}

const CONFIG_SECTIONS = new Set(['endpoints', 'apiVersions', 'models']);

const MAX_DEPTH = 12;

/**
 * The connection of a client constructed at `site`, or a Refusal naming what cannot be carried. Options
 * computed at run time become settings when they read the same at `call` (the wrapped call, if known).
 */
export function readConnection(site: SourceSite, clientClass: string, project: ConnectionProject, call?: SourceSite): ConnectionSpec {
  const table = CLIENT_CONNECTIONS[clientClass];
  if (!table) throw new Refusal(`the connection of a \`${clientClass}\` client is not known to the fix`);
  const file = readFile(site.file, project);
  const construction = nodeAtSpan(file.sourceFile, site, typescript().isNewExpression);
  if (!construction) throw new Refusal("the client's construction could not be found in its file");
  refuseMutation(construction, file, call !== undefined && call.file !== site.file);

  const reader = new OptionReader(file, project, call);
  const args = construction.arguments ?? [];
  const shape = table.construction;
  if (shape.style === 'options') {
    const properties = reader.objectProperties(args[0], 'client options');
    const entra = table.provider === 'openai' ? reader.entraTokenOptions(properties) : undefined;
    if (entra) return reader.finish('azure-openai', entra);
    return reader.finish(table.provider, reader.carry(properties, shape));
  }
  if (shape.style === 'v3-configuration') {
    const configuration = args[0] && reader.followToNew(args[0]);
    if (!configuration) throw new Refusal('the client is not made from an inline `new Configuration({ … })` the fix can read');
    const renamed = reader.objectProperties(configuration.node.arguments?.[0], 'configuration').map((property) => ({
      ...property,
      name: shape.renamed[property.name] ?? property.name,
    }));
    return reader.finish(table.provider, reader.carry(renamed, shape.options));
  }
  // @azure/openai: `new OpenAIClient(endpoint, credential, options?)` or `new OpenAIClient(openAIKeyCredential, options?)`.
  const keyOnly = args.length >= 1 && reader.credentialClass(args[0]) === 'OpenAIKeyCredential';
  const [endpoint, credential, options] = keyOnly ? [undefined, args[0], args[1]] : args;
  if (!credential) throw new Refusal("the client's credential argument is missing");
  const credentialOptions = reader.credential(credential);
  const provider = credentialOptions.provider;
  const carried: ConnectionOption[] = [];
  if (endpoint) carried.push(reader.option('endpoint', endpoint, 'endpoints'));
  carried.push(...credentialOptions.options);
  const sdkOptions = reader.carry(reader.objectProperties(options, 'client options'), shape.options);
  if (provider === 'azure-openai') {
    if (!sdkOptions.some((option) => option.name === 'apiVersion')) sdkOptions.push({ name: 'apiVersion', text: entryPlaceholder('apiVersions', shape.defaultApiVersion) });
    // @azure/openai never read OPENAI_BASE_URL; the seam's AzureOpenAI must not either.
    sdkOptions.push({ name: 'baseURL', text: 'null' });
  }
  return reader.finish(provider, [...carried, ...sdkOptions]);
}

function readFile(filePath: string, project: ConnectionProject): OpenFile {
  const text = project.read(filePath);
  if (text === undefined) throw new Refusal(`the file that makes the client (${filePath}) could not be read`);
  return openFile(filePath, text);
}

/** `client.baseURL = …` (or on `this.client`) after construction: the connection would not be the one in the code. `elsewhere`: the file is not the call's, so it is named. */
function refuseMutation(construction: TS.NewExpression, file: OpenFile, elsewhere: boolean): void {
  const ts = typescript();
  const holder = construction.parent;
  // `const client = new …`, `private client = new …`, `this.client = new …` (a client a method makes once).
  const target = ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) ? holder.name : ts.isBinaryExpression(holder) && holder.right === construction ? holder.left : undefined;
  const name = target && ts.isIdentifier(target) ? target.text : target && ts.isPropertyAccessExpression(target) ? target.name.text : undefined;
  if (!name) return;
  const visit = (node: TS.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      let root: TS.Expression = node.left.expression;
      while (ts.isPropertyAccessExpression(root)) {
        if (root.expression.kind === ts.SyntaxKind.ThisKeyword) break;
        root = root.expression;
      }
      const rootName = ts.isIdentifier(root) ? root.text : ts.isPropertyAccessExpression(root) ? root.name.text : undefined;
      // `this.getClient().apiKey = …` changes the client the method made.
      if (rootName === name || lazyConstruction(root) === construction) {
        const line = file.sourceFile.getLineAndCharacterOfPosition(node.getStart(file.sourceFile)).line + 1;
        throw new Refusal(`the client is changed after it is made (\`${node.left.getText(file.sourceFile)}\` on line ${line}${elsewhere ? ` of ${file.path}` : ''})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file.sourceFile);
}

class OptionReader {
  private readonly ts = typescript();
  private readonly imports = new Map<string, { specifier: string; name: string }>();
  private nameHint: string | undefined;
  private settings: ConnectionSetting[] = [];

  constructor(
    private readonly file: OpenFile,
    private readonly project: ConnectionProject,
    private readonly call: SourceSite | undefined,
  ) {}

  finish(provider: SeamProviderId, options: ConnectionOption[]): ConnectionSpec {
    const byProvider = provider === 'openai' ? 'openai' : 'azureOpenAI';
    // A connection that takes settings is named after where they come from (`openaiProfile`), apart from one that does not.
    const from = this.settings[0] && /^(?:this\.)?([A-Za-z_$][\w$]*)/.exec(this.settings[0].text)?.[1];
    const nameHint = this.nameHint ?? (from ? byProvider + from[0].toUpperCase() + from.slice(1) : byProvider);
    return { provider, options, imports: [...this.imports.values()], nameHint, settings: this.settings };
  }

  /** The properties of an options object (absent: none), following a constant that holds it. */
  objectProperties(argument: TS.Expression | undefined, what: string, file = this.file): Array<{ name: string; value: TS.Expression; file: OpenFile }> {
    const ts = this.ts;
    if (!argument) return [];
    const followed = this.followToKind(argument, file, ts.isObjectLiteralExpression);
    if (!followed) throw new Refusal(`the ${what} (\`${argument.getText(file.sourceFile)}\`) are not an object the fix can read`);
    const properties = followed.node.properties.flatMap((property): Array<{ name: string; value: TS.Expression; file: OpenFile }> => {
      if (ts.isShorthandPropertyAssignment(property)) return [{ name: property.name.text, value: property.name as TS.Expression, file: followed.file }];
      // `...commonOptions` of a constant object: its properties, in its place.
      const spread = ts.isSpreadAssignment(property) ? this.followToKind(property.expression, followed.file, ts.isObjectLiteralExpression) : undefined;
      if (spread) return this.objectProperties(spread.node, what, spread.file);
      const name = ts.isPropertyAssignment(property) ? propertyNameText(property.name) : undefined;
      if (!ts.isPropertyAssignment(property) || name === undefined) {
        throw new Refusal(`the ${what} use a spread or computed key (\`${property.getText(followed.file.sourceFile)}\`), so the fix cannot tell them all`);
      }
      return [{ name, value: property.initializer, file: followed.file }];
    });
    // A later property wins over an earlier one of the same name.
    return properties.filter((property, position) => !properties.slice(position + 1).some((later) => later.name === property.name));
  }

  /** Options of the seam's client from the code's options, per the client's table. */
  carry(properties: ReadonlyArray<{ name: string; value: TS.Expression; file: OpenFile }>, table: CarriedOptions): ConnectionOption[] {
    const options: ConnectionOption[] = [];
    for (const { name, value, file } of properties) {
      const refusal = table.refused[name];
      if (refusal) throw new Refusal(`the client is made with ${refusal}, which a connection of the seam cannot carry`);
      if (table.dropped.includes(name)) continue;
      if (!table.carried.includes(name)) throw new Refusal(`the client option \`${name}\` is not one the fix knows how to carry`);
      if (table.defaults?.[name] !== undefined && table.defaults[name] === skipTypeOnly(value).getText(file.sourceFile)) continue;
      if (name === table.keyOption && this.isSecretLiteral(value, file)) options.push({ name, keyVariable: true });
      else {
        const option = this.option(name, value, table.entries[name], file);
        if (name === table.namingOption) this.nameHint ??= /^(?:new )?(\w+)\(/.exec(option.text)?.[1];
        options.push(option);
      }
    }
    const given = new Set(options.map((option) => option.name));
    for (const implicit of table.implicit) {
      if (!given.has(implicit.option) && !implicit.unless?.some((other) => given.has(other))) options.push({ name: implicit.option, text: implicit.text });
    }
    return options;
  }

  /** One option, carried as an expression; its literal endpoints and API versions become config entries. */
  option(name: string, value: TS.Expression, section: EntrySection | undefined, file = this.file): { name: string; text: string } {
    const text = this.copy(value, file, 0, section);
    // The variable an endpoint is read from names the connection when no literal does.
    // As written: a setting (`settings.formatUrl`) computed from `process.env.X` is named after X too.
    // An endpoint built from several variables elsewhere (`https://${resource}…/deployments/${deployment}`): the last one, the most specific.
    const followed = [...text.matchAll(/process\.env(?:\.|\[['"])(\w+)/g)].at(-1)?.[1];
    if (section === 'endpoints') this.nameHint ??= /\bendpoints\.(\w+)/.exec(text)?.[1] ?? /process\.env(?:\.|\[['"])(\w+)/.exec(value.getText(file.sourceFile))?.[1] ?? followed;
    return { name, text };
  }

  /**
   * An OpenAI client given a Microsoft Entra ID token as its key (`apiKey: token.token` of `token = await
   * credential.getToken(scope)`, refreshed by the code), as Azure samples make one per deployment with
   * `baseURL`, the `api-version` query and the token again as the `api-key` header: the same requests come
   * from AzureOpenAI with a token provider for the same credential and scope (the bearer token is the same;
   * the `api-key` copy of it is not sent), the `baseURL` as written and the API version from the query.
   * Undefined when the key is not such a token.
   */
  entraTokenOptions(properties: ReadonlyArray<{ name: string; value: TS.Expression; file: OpenFile }>): ConnectionOption[] | undefined {
    const key = properties.find((property) => property.name === 'apiKey');
    const token = key && this.entraToken(key.value, key.file);
    if (!token) return undefined;
    const isToken = (value: TS.Expression, file: OpenFile) => this.entraToken(value, file)?.variable === token.variable;
    const others: Array<{ name: string; value: TS.Expression; file: OpenFile }> = [];
    const options: ConnectionOption[] = [];
    let apiVersion: ConnectionOption | undefined;
    for (const property of properties) {
      if (property === key) continue;
      if (property.name !== 'defaultHeaders' && property.name !== 'defaultQuery') {
        others.push(property);
        continue;
      }
      const entries = this.objectProperties(property.value, property.name, property.file).filter((entry) => !(property.name === 'defaultHeaders' && entry.name.toLowerCase() === 'api-key' && isToken(entry.value, entry.file)));
      const version = property.name === 'defaultQuery' ? entries.find((entry) => entry.name === 'api-version') : undefined;
      if (version) apiVersion = this.option('apiVersion', version.value, 'apiVersions', version.file);
      const kept = entries.filter((entry) => entry !== version).map((entry) => `${propertyKey(entry.name)}: ${this.copy(entry.value, entry.file, 1)}`);
      if (kept.length) options.push({ name: property.name, text: `{ ${kept.join(', ')} }` });
    }
    if (!apiVersion) throw new Refusal('the client sends a Microsoft Entra ID token as its key without an `api-version` query, which a connection of the seam cannot carry');
    if (!others.some((property) => property.name === 'baseURL')) throw new Refusal('the client sends a Microsoft Entra ID token as its key to the SDK\'s default endpoint');
    const credential = this.copy(token.credential, token.file, 1);
    const scope = this.copy(token.scope, token.file, 1);
    this.imports.set(AZURE_TOKEN.provider, { specifier: AZURE_TOKEN.module, name: AZURE_TOKEN.provider });
    const carried = this.carry(others, { ...CLIENT_CONNECTIONS.AzureOpenAI.construction as CarriedOptions, implicit: [] });
    return [...carried, ...options, apiVersion, { name: 'azureADTokenProvider', text: `${AZURE_TOKEN.provider}(${credential}, ${scope})` }];
  }

  /** `token.token` where every value of `token` is `await credential.getToken(scope)` with the same credential and scope. */
  private entraToken(value: TS.Expression, file: OpenFile): { variable: TS.Node; credential: TS.Expression; scope: TS.Expression; file: OpenFile } | undefined {
    const ts = this.ts;
    const node = skipTypeOnly(value);
    if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'token' || !ts.isIdentifier(node.expression)) return undefined;
    const binding = file.scopes.resolve(node.expression);
    if (binding?.kind !== 'variable' || binding.path.length > 0) return undefined;
    const assigned = writesOf(binding, file).map((write) => (ts.isBinaryExpression(write.parent) && write.parent.left === write && write.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? write.parent.right : undefined));
    const values = binding.init ? [binding.init, ...assigned] : assigned;
    const calls = values.map((candidate) => {
      const call = candidate && skipOuterExpressions(candidate);
      return call && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'getToken' && call.arguments.length === 1 ? call : undefined;
    });
    const [first] = calls;
    const same = (call: TS.CallExpression | undefined) => !!call && !!first && call.expression.getText(file.sourceFile) === first.expression.getText(file.sourceFile) && call.arguments[0].getText(file.sourceFile) === first.arguments[0].getText(file.sourceFile);
    if (!first || !calls.every(same)) return undefined;
    return { variable: binding.declaration, credential: (first.expression as TS.PropertyAccessExpression).expression, scope: first.arguments[0], file };
  }

  /** The class of an @azure/openai credential expression (`new AzureKeyCredential(…)`), if it is one. */
  credentialClass(expression: TS.Expression): string | undefined {
    const construction = this.followToNew(expression);
    if (!construction) return undefined;
    const imported = this.importedName(construction.node.expression, construction.file);
    return imported && AZURE_SDK_CREDENTIALS[imported.name] && /^@azure\/(?:openai|core-auth)$/.test(imported.specifier) ? imported.name : undefined;
  }

  /** A key credential becomes the key option; any other credential (Entra ID) a token provider of @azure/identity. */
  credential(expression: TS.Expression): { provider: SeamProviderId; options: ConnectionOption[] } {
    const credentialClass = this.credentialClass(expression);
    if (credentialClass) {
      const { provider, option } = AZURE_SDK_CREDENTIALS[credentialClass];
      const construction = this.followToNew(expression)!;
      const key = construction.node.arguments?.[0];
      if (!key) throw new Refusal(`the \`${credentialClass}\` has no key argument`);
      return { provider, options: [this.isSecretLiteral(key, construction.file) ? { name: option, keyVariable: true } : this.option(option, key, undefined, construction.file)] };
    }
    const credential = this.copy(expression, this.file, 0);
    this.imports.set(AZURE_TOKEN.provider, { specifier: AZURE_TOKEN.module, name: AZURE_TOKEN.provider });
    return { provider: 'azure-openai', options: [{ name: 'azureADTokenProvider', text: `${AZURE_TOKEN.provider}(${credential}, '${AZURE_TOKEN.scope}')` }] };
  }

  /** `new X(…)` an expression is, or a constant holds (in this file or a module it imports). */
  followToNew(expression: TS.Expression): { node: TS.NewExpression; file: OpenFile } | undefined {
    return this.followToKind(expression, this.file, this.ts.isNewExpression);
  }

  /** A key written as a literal, which the seam reads from the environment instead; a placeholder key is carried as written. */
  private isSecretLiteral(expression: TS.Expression, file: OpenFile): boolean {
    const literal = this.followToKind(expression, file, this.ts.isStringLiteralLike);
    return literal !== undefined && !isPlaceholderKey(literal.node.text);
  }

  /** Follows identifiers to the initializers of constants (also exported by workspace modules) until `accept` takes the node. */
  private followToKind<T extends TS.Node>(expression: TS.Expression, file: OpenFile, accept: (node: TS.Node) => node is T, depth = 0): { node: T; file: OpenFile } | undefined {
    const inner = skipOuterExpressions(expression);
    if (accept(inner)) return { node: inner, file };
    if (depth > MAX_DEPTH) return undefined;
    if (this.ts.isPropertyAccessExpression(inner)) {
      // `fastify.config` decorated onto the app, `fastify.azure.credential` a property of such a value.
      const target = decoratedValue(inner, file, this.project) ?? this.propertyOf(inner, file, depth);
      return target && this.followToKind(target.expression, target.file, accept, depth + 1);
    }
    if (!this.ts.isIdentifier(inner)) return undefined;
    const target = this.definition(inner, file);
    return target && this.followToKind(target.expression, target.file, accept, depth + 1);
  }

  /** `settings.endpoint` of an object the fix can follow `settings` to: the property's value (the last of that name). */
  private propertyOf(access: TS.PropertyAccessExpression, file: OpenFile, depth = 0): { expression: TS.Expression; file: OpenFile } | undefined {
    const object = this.followToKind(access.expression, file, this.ts.isObjectLiteralExpression, depth + 1);
    const property = object && this.objectProperties(object.node, 'object', object.file).find((candidate) => candidate.name === access.name.text);
    return property && { expression: property.value, file: property.file };
  }

  /** A constant's definition, here or exported by a workspace module (never the seam's config, whose entries are kept as references). */
  private definition(identifier: TS.Identifier, file: OpenFile): { expression: TS.Expression; file: OpenFile } | undefined {
    return constantDefinition(identifier, file, this.constants());
  }

  /** The project as constants are followed in it: never into the seam's config. */
  private constants(): ConstantsProject {
    return { ...this.project, isOpaque: (filePath) => this.project.isSeamConfig(filePath) };
  }

  /** The package and exported name an expression (`X`, `ns.X`) imports, if it does. */
  private importedName(expression: TS.Expression, file: OpenFile): { specifier: string; name: string } | undefined {
    const ts = this.ts;
    const inner = skipOuterExpressions(expression);
    const root = ts.isPropertyAccessExpression(inner) ? skipOuterExpressions(inner.expression) : inner;
    if (!ts.isIdentifier(root)) return undefined;
    const origin = file.scopes.resolve(root)?.origin;
    if (!origin || origin.typeOnly) return undefined;
    if (ts.isPropertyAccessExpression(inner)) return origin.imported === '*' ? { specifier: origin.specifier, name: inner.name.text } : undefined;
    return origin.imported === '*' || origin.imported === 'default' ? undefined : { specifier: origin.specifier, name: origin.imported };
  }

  /** The expression as the seam's config can evaluate it, or a Refusal naming it. */
  private copy(expression: TS.Expression, file: OpenFile, depth: number, section?: EntrySection): string {
    const ts = this.ts;
    const text = (node: TS.Node) => node.getText(file.sourceFile);
    const refuse = (why = 'in a way the fix cannot carry into the seam'): never => {
      throw new Refusal(`the client's \`${text(expression)}\` is computed at run time ${why}`);
    };
    if (depth > MAX_DEPTH) refuse();
    const node = skipTypeOnly(expression);
    // What the config cannot evaluate, the wrapped call may pass: a setting, when it reads the same there.
    const runtime = (): string => {
      const problem = runtimeLeafProblem(node, this.callIn(file), file, this.constants());
      return problem ? refuse(problem) : this.setting(node, file);
    };
    if (ts.isStringLiteralLike(node) && section && isEntryValue(section, node.text)) {
      if (section === 'endpoints') this.nameHint ??= node.text;
      return entryPlaceholder(section, node.text);
    }
    if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) {
      return text(node);
    }
    if (isEnvRead(node)) return text(node);
    if (ts.isParenthesizedExpression(node)) return `(${this.copy(node.expression, file, depth + 1, section)})`;
    if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) return text(node);
    // Operands carried one by one (`settings.line === 'china' ? … : …`).
    const carriedOperators = [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.PlusToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken];
    if (ts.isBinaryExpression(node) && carriedOperators.includes(node.operatorToken.kind)) {
      return `${this.copy(node.left, file, depth + 1, section)} ${node.operatorToken.getText(file.sourceFile)} ${this.copy(node.right, file, depth + 1, section)}`;
    }
    if (ts.isConditionalExpression(node)) {
      return `${this.copy(node.condition, file, depth + 1)} ? ${this.copy(node.whenTrue, file, depth + 1, section)} : ${this.copy(node.whenFalse, file, depth + 1, section)}`;
    }
    if (ts.isTemplateExpression(node)) {
      // The head's text ends with `${`; each literal's starts with `}`, a middle's ends with `${`.
      const literal = (span: TS.TemplateSpan) => text(span.literal).slice(1, ts.isTemplateMiddle(span.literal) ? -2 : undefined);
      // A template carried into a template (`${openAiUrl}/openai` of a constant template) is written inline.
      const inline = (copied: string) => (/^`[^`]*`$/.test(copied) ? copied.slice(1, -1) : `\${${copied}}`);
      const spans = node.templateSpans.map((span) => `${inline(this.copy(span.expression, file, depth + 1))}${literal(span)}`);
      return `${text(node.head).slice(0, -2)}${spans.join('')}`;
    }
    if (ts.isObjectLiteralExpression(node)) {
      const properties = this.objectProperties(node, 'object', file).map(({ name, value, file: from }) => `${propertyKey(name)}: ${this.copy(value, from, depth + 1)}`);
      return properties.length ? `{ ${properties.join(', ')} }` : '{}';
    }
    if (ts.isArrayLiteralExpression(node)) return `[${node.elements.map((element) => this.copy(element, file, depth + 1)).join(', ')}]`;
    if (ts.isIdentifier(node)) {
      if (node.text === 'undefined') return 'undefined';
      const configReference = this.configReference(node, file);
      if (configReference) return configReference;
      const packageName = this.packageImport(node, file);
      if (packageName) return packageName;
      const target = this.definition(node, file);
      if (target) return this.copyOrSetting(node, file, () => this.copy(target.expression, target.file, depth + 1, section));
      const binding = file.scopes.resolve(node);
      // `const { AZURE_KEY } = process.env`
      if (binding?.kind === 'variable' && isConstant(binding) && binding.init && isProcessEnv(binding.init) && binding.path.length === 1) return `process.env.${binding.path[0]}`;
      return runtime();
    }
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      // `this.apiVersion` that the constructor sets once, before the client is made.
      const value = fieldValue(node, node);
      return value ? this.copyOrSetting(node, file, () => this.copy(value, file, depth + 1, section)) : runtime();
    }
    // `Region.EU` of an enum (or `as const` object) of literals: its literal.
    const member = literalMemberValue(node, file, this.constants());
    if (member !== undefined) return member;
    if (ts.isPropertyAccessExpression(node)) {
      const configReference = ts.isIdentifier(node.expression) ? this.configReference(node.expression, file) : undefined;
      if (configReference) return `${configReference}.${node.name.text}`;
      // `settings.endpoint` of `const settings = { endpoint: … }`, `fastify.config.service` of a decorated config.
      const property = this.propertyOf(node, file);
      if (property) return this.copy(property.expression, property.file, depth + 1, section);
      return runtime();
    }
    // `new URL(path, base).toString()`: a global that computes the same from the same arguments, carried as written.
    if (ts.isNewExpression(node) && isPureGlobalClass(node.expression, file)) {
      return `new ${text(node.expression)}(${(node.arguments ?? []).map((argument) => this.copy(argument, file, depth + 1)).join(', ')})`;
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && PURE_METHODS.has(node.expression.name.text) && node.arguments.every(isLiteral)) {
      const receiver = skipTypeOnly(node.expression.expression);
      if (ts.isNewExpression(receiver) && isPureGlobalClass(receiver.expression, file)) {
        return `${this.copy(receiver, file, depth + 1)}.${node.expression.name.text}(${node.arguments.map(text).join(', ')})`;
      }
    }
    if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
      const callee = ts.isIdentifier(node.expression) ? this.packageImport(node.expression, file) : undefined;
      // `getTokenProvider()`: a helper that only returns what it builds from constants and packages.
      const helped = !callee && ts.isCallExpression(node) ? helperResult(node, file) : undefined;
      if (helped) return this.copy(helped, file, depth + 1, section);
      if (!callee) return runtime();
      // A package's parameter may not take undefined (`new ManagedIdentityCredential(process.env.ID!)`): a TypeScript config keeps the `!`.
      const kept = (argument: TS.Expression) => (this.project.typedConfig && ts.isNonNullExpression(argument) ? '!' : '');
      const args = (node.arguments ?? []).map((argument) => `${this.copy(argument, file, depth + 1)}${kept(argument)}`).join(', ');
      return `${ts.isNewExpression(node) ? 'new ' : ''}${callee}(${args})`;
    }
    return runtime();
  }

  /**
   * A constant's (or a field's) value as the config can evaluate it; when it cannot, the constant itself as a
   * setting (`const endpoint = requireEnv(…)` at the top of the file the call is in, `this.key` set from a
   * constructor's parameter). The value's refusal otherwise.
   */
  private copyOrSetting(identifier: TS.Identifier | TS.PropertyAccessExpression, file: OpenFile, copyValue: () => string): string {
    const before = { settings: this.settings.length, imports: new Map(this.imports), nameHint: this.nameHint };
    try {
      return copyValue();
    } catch (error) {
      if (!(error instanceof Refusal) || runtimeLeafProblem(identifier, this.callIn(file), file, this.constants())) throw error;
      this.settings.length = before.settings;
      this.imports.clear();
      for (const [name, value] of before.imports) this.imports.set(name, value);
      this.nameHint = before.nameHint;
      return this.setting(identifier, file);
    }
  }

  /** A setting of the connection, which the call passes as the code reads it there. */
  private setting(node: TS.Expression, file: OpenFile): string {
    const text = node.getText(file.sourceFile);
    let setting = this.settings.find((known) => known.text === text);
    if (!setting) {
      const base = settingName(leafName(node));
      let name = base;
      for (let number = 2; this.settings.some((known) => known.name === name); number++) name = `${base}${number}`;
      setting = { name, text };
      this.settings.push(setting);
    }
    return `settings.${setting.name}`;
  }

  /** The wrapped call, when it is in this file. */
  private callIn(file: OpenFile): TS.Node | undefined {
    return this.call && this.call.file === file.path ? nodeAtSpan(file.sourceFile, this.call, this.ts.isCallExpression) : undefined;
  }

  /** `endpoints` / `apiVersions` / `models` imported from the seam's config: the same name there. */
  private configReference(identifier: TS.Identifier, file: OpenFile): string | undefined {
    const origin = file.scopes.resolve(identifier)?.origin;
    if (!origin || !CONFIG_SECTIONS.has(origin.imported)) return undefined;
    const target = this.project.resolve(file.path, origin.specifier);
    return target && this.project.isSeamConfig(target) ? origin.imported : undefined;
  }

  /** A named import from a package (not a workspace module): the config imports it too. */
  private packageImport(identifier: TS.Identifier, file: OpenFile): string | undefined {
    const origin = file.scopes.resolve(identifier)?.origin;
    if (!origin || origin.typeOnly || origin.imported === '*' || origin.imported === 'default' || origin.specifier.startsWith('.')) return undefined;
    // A vendor SDK's module is its package, even where it resolves into the workspace (the SDK's own repository).
    if (this.project.resolve(file.path, origin.specifier) && !matchVendorModule(origin.specifier)) return undefined;
    this.imports.set(origin.imported, { specifier: origin.specifier, name: origin.imported });
    return origin.imported;
  }
}

/** A literal that is an endpoint (a URL or host) or an API version, not a placeholder such as ''. */
function isEntryValue(section: EntrySection, value: string): boolean {
  return section === 'apiVersions' ? value.trim() !== '' : /^[a-z][\w+.-]*:\/\/|^[\w-]+(?:\.[\w-]+)+/i.test(value);
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
