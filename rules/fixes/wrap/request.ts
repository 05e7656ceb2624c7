/**
 * The request half of the wrap fix: reads a vendor call's arguments into the neutral request, or says
 * why it cannot (an option the neutral interface does not carry, a model chosen at run time, messages
 * whose shape cannot be checked here).
 */
import type * as TS from 'typescript';
import { moduleSpecifierOfCall, skipOuterExpressions } from '../../engine/syntax';
import { typescript } from '../../engine/parse';
import type { Scopes } from '../../engine/scope';
import { propertyNameText } from '../../engine/strings';
import { type CallShape, LEGACY_FUNCTION_CALLING, REQUEST_OPTIONS, OWN_WIRE_OPTIONS, REQUEST_SETTINGS, STRUCTURED_REQUESTS, TOOL_CALLING, UNCARRIED_OPTIONS, type WrapKind } from '../../vendors/wrap-table';
import type { TextChange } from '../types';
import { instanceClass, isStatic, isThisMember } from '../runtime-settings';

export interface NeutralRequest {
  kind: WrapKind;
  /** The model or deployment name the call used: a literal in the code, or an entry of a config's `models`. */
  model: ModelSource;
  /** `neutralName: expression text` pairs, in source order. */
  /** `value`: the expression the text was taken from (a layout on several lines re-indents it). */
  fields: Array<{ name: string; text: string; value?: TS.Expression }>;
  /** Edits the request needs elsewhere (a messages constant typed for the neutral interface). */
  extraChanges: TextChange[];
  /** Per-request settings (`signal`, `timeout` …) for the neutral call's second argument: `name: text` pairs, or an expression that holds them. */
  settings: Array<{ name: string; text: string }> | string;
  /** Converters of the seam's openai-compat module the neutral request calls (`messagesFromOpenAI` …). */
  compat: string[];
  /** Whether `ChatMessage` must be imported (for a type annotation added to a messages constant). */
  needsMessageType: boolean;
  /** The constant the model literal came from, if any (it may become unused). */
  modelConstant?: TS.VariableDeclaration;
  /** A request built elsewhere: every field it can carry, when the fix sees them all (undefined when some are hidden). */
  seenKeys?: string[];
  /** Whether it asks for legacy \`functions\` (given to the OpenAI wire as written, in \`providerTools\`). */
  legacyFunctions?: boolean;
  /** Options it passes on that keep it on its own connection, whose answers carry them (OWN_WIRE_OPTIONS: \`logprobs\`). */
  ownWireOptions?: string[];
}

/**
 * A literal, a `models.<key>` entry read through an import (`specifier`), one in a known config file, or
 * a model chosen at run time (`runtime`: the expression's text, evaluated where the call is).
 */
export type ModelSource = string | { specifier: string; key: string; runtime: string } | { file: string; key: string } | { runtime: string };

/** Follows a name to the constant it stands for, in this file or an imported module (constants.ts). */
export type FollowConstant = (identifier: TS.Identifier) => { expression: TS.Expression; sameFile: boolean } | undefined;

const ROLES = new Set(['system', 'user', 'assistant']);

export class Refusal extends Error {}

export function readRequest(call: TS.CallExpression, shape: CallShape, scopes: Scopes, isTypeScript: boolean, follow: FollowConstant): NeutralRequest {
  const ts = typescript();
  const sourceFile = call.getSourceFile();
  const text = (node: TS.Node) => node.getText(sourceFile);
  let kind = shape.kind;
  let model: ModelSource | undefined;
  const fields: NeutralRequest['fields'] = [];
  const request: NeutralRequest = { kind, model: '', fields, settings: [], compat: [], extraChanges: [], needsMessageType: false };

  // Mapped once the kind is known: `stream: true` may come after an option only a complete answer carries (`n`).
  const pending: Array<[string, TS.Expression]> = [];
  const addOption = (name: string, value: TS.Expression) => {
    if (name === 'model') {
      ({ model, constant: request.modelConstant } = modelOf(value, scopes, follow));
      return;
    }
    if (name === 'stream') {
      if (STRUCTURED_REQUESTS[kind]) throw new Refusal('a structured answer (`parse`) is not streamed: `stream` has no place in its request');
      const streams = booleanLiteral(value);
      if (streams === undefined) throw new Refusal(runtimeStream(value, scopes) ?? '`stream` is not a plain true or false');
      if (streams && kind === 'chat') kind = 'chat-stream';
      else if (streams && kind === 'responses') kind = 'responses-stream';
      else if (streams && kind === 'completion') throw new Refusal('a streamed legacy completions call is not wrapped yet');
      return;
    }
    // @azure/openai puts the per-request settings among the options.
    if (name === 'abortSignal' && typeof request.settings !== 'string') {
      request.settings.push({ name: REQUEST_SETTINGS[name], text: text(value) });
      return;
    }
    pending.push([name, value]);
  };

  const addObject = (argument: TS.Expression | undefined, what: string) => {
    const object = argument && skipOuterExpressions(argument);
    if (!object || !ts.isObjectLiteralExpression(object)) throw new Refusal(`the ${what} is not written inline as an object`);
    for (const property of object.properties) {
      if (ts.isShorthandPropertyAssignment(property)) addOption(property.name.text, property.name);
      else if (ts.isPropertyAssignment(property) && propertyNameText(property.name) !== undefined) addOption(propertyNameText(property.name)!, property.initializer);
      else throw new Refusal(`the ${what} uses a spread or computed property`);
    }
  };

  if (shape.request.style === 'object') {
    if (call.arguments.length > 2) throw new Refusal('the call has more than the request and its options');
    if (call.arguments[1]) request.settings = requestSettings(call.arguments[1], scopes, follow);
    const builtElsewhere = compatRequest(call.arguments[0], shape.kind, scopes, follow);
    if (builtElsewhere) return { ...request, ...builtElsewhere, compat: ['chatRequestFromOpenAI'] };
    addObject(call.arguments[0], 'request');
  } else {
    const { payload, payloadAs, options } = shape.request;
    const deployment = call.arguments[shape.request.model];
    if (!deployment) throw new Refusal('the deployment argument is missing');
    ({ model, constant: request.modelConstant } = modelOf(deployment, scopes, follow));
    const payloadArgument = call.arguments[payload];
    if (!payloadArgument) throw new Refusal(`the ${payloadAs} argument is missing`);
    addOption(payloadAs, payloadArgument);
    if (options !== undefined && call.arguments[options]) addObject(call.arguments[options], 'options argument');
    if (call.arguments.length > (options ?? payload) + 1) throw new Refusal('the call has arguments the neutral interface does not carry');
  }
  if (kind === 'responses' || kind === 'responses-stream' || kind === 'responses-parse') responsesMessages(pending, request, text, scopes);
  if (kind === 'completion') completionMessages(pending, fields, text, scopes);
  const carried = REQUEST_OPTIONS[kind];
  // The OpenAI wire names (not @azure/openai's camelCase options) can be passed on as they are.
  const wireNames = shape.request.style === 'object';
  const passedOn: string[] = [];
  const structured = STRUCTURED_REQUESTS[kind];
  const chatWire = wireNames && (kind === 'chat' || kind === 'chat-stream');
  const legacyFunctions = chatWire ? functionCalling(pending, request, text, follow) : undefined;
  const responsesWire = kind === 'responses' || kind === 'responses-stream';
  const tools = chatWire || responsesWire ? toolCalling(pending, request, text, scopes, follow, responsesWire) : undefined;
  for (const [name, value] of pending) {
    if (legacyFunctions && name === LEGACY_FUNCTION_CALLING.functions) {
      fields.push(...legacyFunctions);
      continue;
    }
    if (tools && name === TOOL_CALLING.tools) {
      fields.push(...tools);
      continue;
    }
    // A tool choice without tools to carry it (they are \`toolsFromOpenAI\`'s in a structured request): named neutrally, or refused.
    if (name === TOOL_CALLING.choice) {
      const choice = neutralToolChoice(value, text, follow);
      if (choice === undefined) throw new Refusal(`\`${name}: ${text(value)}\` is not a tool choice the neutral request can name ('auto', 'none', 'required' or one function)`);
      fields.push({ name: 'toolChoice', text: choice });
      continue;
    }
    if (name === structured?.format) {
      fields.push({ name: 'responseFormat', text: schemaFormat(value, structured, text) });
      request.compat.push('schemaFormatFromOpenAI');
      continue;
    }
    const format = (name === 'response_format' || name === 'responseFormat') && jsonMode(value);
    if (format) {
      fields.push({ name: 'responseFormat', text: `'${format}'` });
      continue;
    }
    // The tools of a structured request keep their parsers (\`zodFunction\`) and strictness: the answer's parsed arguments.
    if (name === 'tools' && structured?.tools) {
      fields.push({ name: 'tools', text: `${structured.tools}(${text(value)})` });
      request.compat.push(structured.tools);
      continue;
    }
    if (name === 'tools' && neutralTools(value)) {
      fields.push({ name: 'tools', text: neutralTools(value)! });
      continue;
    }
    const neutral = Object.hasOwn(carried, name) ? carried[name] : undefined;
    const vendorOnly = vendorOnlyOption(name);
    if (vendorOnly) throw vendorOnly;
    // A neutral stream carries one answer, a parsed one the first: more candidates (\`n\`) would be dropped.
    const streamsCandidates = (kind === 'chat-stream' || structured !== undefined) && name === 'n';
    if (!neutral && wireNames && !streamsCandidates && kind !== 'moderation' && !UNCARRIED_OPTIONS.refused.includes(name)) {
      passedOn.push(name === text(value) ? name : `${/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`}: ${text(value)}`);
      if (OWN_WIRE_OPTIONS.options.includes(name)) (request.ownWireOptions ??= []).push(name);
      continue;
    }
    if (!neutral) throw noNeutralOption(name);
    if (neutral === 'messages' && !neutralMessages(value, scopes, isTypeScript, request)) {
      // Messages in the SDK's shape (built elsewhere, typed with its types, with tool calls): converted at the seam.
      request.compat.push('messagesFromOpenAI');
      fields.push({ name: neutral, text: `messagesFromOpenAI(${text(value)})` });
      continue;
    }
    fields.push({ name: neutral, text: text(value), value });
  }
  // Options the neutral request has no name for reach the provider as they were written.
  if (passedOn.length) fields.push({ name: 'openAIOptions', text: `{ ${passedOn.join(', ')} }` });
  if (model === undefined) throw new Refusal('the request names no model');
  request.kind = kind;
  request.model = model;
  return request;
}

/** The refusal of an option only one vendor's product has (\`data_sources\`, \`background\`: UNCARRIED_OPTIONS), if it is one. */
export function vendorOnlyOption(name: string): Refusal | undefined {
  const only = Object.hasOwn(UNCARRIED_OPTIONS.vendorOnly, name) ? UNCARRIED_OPTIONS.vendorOnly[name] : undefined;
  return only && new Refusal(`${only.vendor}-only feature (${only.product}, \`${name}\`): no neutral equivalent`);
}

/** The refusal of an option the neutral request cannot carry. */
export function noNeutralOption(name: string): Refusal {
  return new Refusal(`option \`${name}\` has no equivalent in the provider-neutral interface`);
}

/**
 * The model: a literal (directly, through a constant here, or an exported constant of another module), so
 * it moves to the configuration with its value as the default; a `models.<key>` entry of a configuration
 * module (a model an earlier fix already moved); else chosen at run time, and sent as it is.
 */
export function modelOf(expression: TS.Expression, scopes: Scopes, follow: FollowConstant): { model: ModelSource; constant?: TS.VariableDeclaration } {
  const ts = typescript();
  const inner = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(inner)) return { model: inner.text };
  if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression)) {
    const specifier = modelsModule(inner.expression, scopes);
    if (specifier !== undefined) return { model: { specifier, key: inner.name.text, runtime: expression.getText(expression.getSourceFile()) } };
  }
  const definition = ts.isIdentifier(inner) ? follow(inner) : undefined;
  const value = definition && skipOuterExpressions(definition.expression);
  if (definition && value && ts.isStringLiteralLike(value)) {
    const declaration = definition.sameFile ? scopes.resolve(inner as TS.Identifier)?.declaration : undefined;
    return { model: value.text, constant: declaration && ts.isVariableDeclaration(declaration) ? declaration : undefined };
  }
  if (definition?.sameFile && value && ts.isPropertyAccessExpression(value)) {
    const declaration = scopes.resolve(inner as TS.Identifier)?.declaration;
    return { model: modelOf(value, scopes, follow).model, constant: declaration && ts.isVariableDeclaration(declaration) ? declaration : undefined };
  }
  return { model: { runtime: expression.getText(expression.getSourceFile()) } };
}

/**
 * The SDK's request options (`{ signal, timeout, maxRetries, headers }`) as the neutral call's second
 * argument: written inline (renamed where the neutral name differs), or a constant holding such an object
 * (passed on by its name, which the neutral \`RequestOptions\` type accepts as it is).
 */
function requestSettings(argument: TS.Expression, scopes: Scopes, follow: FollowConstant): Array<{ name: string; text: string }> | string {
  const ts = typescript();
  const sourceFile = argument.getSourceFile();
  const inner = skipOuterExpressions(argument);
  if (ts.isIdentifier(inner) && settingsType(inner, scopes)) return inner.getText(sourceFile);
  const definition = ts.isIdentifier(inner) ? follow(inner) : undefined;
  const object = definition ? skipOuterExpressions(definition.expression) : inner;
  if (!ts.isObjectLiteralExpression(object)) {
    const seen = ts.isIdentifier(inner) ? `\`${inner.text}\` are a value whose fields the fix cannot see` : 'are not written inline as an object';
    throw new Refusal(`the request options ${seen} (the neutral ones carry \`signal\`, \`timeout\`, \`maxRetries\` and \`headers\`)`);
  }
  const settings = object.properties.map((property) => {
    const name = property.name && propertyNameText(property.name);
    const neutral = name !== undefined ? REQUEST_SETTINGS[name] : undefined;
    if (!neutral || (definition && neutral !== name) || (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property))) {
      throw new Refusal(`the request option \`${property.getText(object.getSourceFile())}\` has no equivalent in the provider-neutral interface`);
    }
    return { name: neutral, text: ts.isPropertyAssignment(property) ? property.initializer.getText(sourceFile) : property.name.text };
  });
  return definition ? inner.getText(sourceFile) : settings;
}

/** Whether a name is declared with a type literal of the neutral settings alone (\`options: { signal?: AbortSignal; timeout?: number }\`). */
function settingsType(name: TS.Identifier, scopes: Scopes): boolean {
  const ts = typescript();
  const type = scopes.resolve(name)?.typeNode;
  if (!type || !ts.isTypeLiteralNode(type)) return false;
  return type.members.every((member) => {
    const key = ts.isPropertySignature(member) && member.name ? propertyNameText(member.name) : undefined;
    return key !== undefined && REQUEST_SETTINGS[key] === key;
  });
}

/**
 * A chat request that is not written inline (a variable, or an object with spreads): it goes through the
 * seam's \`chatRequestFromOpenAI\`, and its model by its id. Undefined for an inline request (read field by
 * field instead). The model must be readable (written in the object, or read from the variable or the single
 * spread at run time) and so must \`stream\` (written in the object, or seen in the constant spread or passed).
 */
function compatRequest(argument: TS.Expression | undefined, kind: WrapKind, scopes: Scopes, follow: FollowConstant): Pick<NeutralRequest, 'kind' | 'model' | 'fields' | 'seenKeys'> | undefined {
  const ts = typescript();
  if (!argument || (kind !== 'chat' && kind !== 'chat-stream')) return undefined;
  const sourceFile = argument.getSourceFile();
  const inner = skipOuterExpressions(argument);
  const written = ts.isObjectLiteralExpression(inner) ? inner : undefined;
  if (written && !written.properties.some(ts.isSpreadAssignment)) return undefined;
  const isName = (node: TS.Expression | undefined): node is TS.Identifier | TS.PropertyAccessExpression => !!node && (ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && !node.questionDotToken));
  const spreads = written ? written.properties.filter(ts.isSpreadAssignment) : [];
  // Spreads written inline (`...(cond ? {} : { temperature })`): the fields they may add are seen.
  const spreadKeys = spreads.map((spread) => inlineKeys(spread.expression));
  const inlineSpreads = spreads.length > 0 && spreadKeys.every((keys) => keys !== undefined);
  if (inlineSpreads && spreadKeys.some((keys) => keys!.includes('model') || keys!.includes('stream'))) {
    throw new Refusal('the request spreads `model` or `stream` in conditionally, so the fix cannot tell which is sent');
  }
  const source = written ? (spreads.length === 1 && !inlineSpreads ? skipOuterExpressions(spreads[0].expression) : undefined) : inner;
  if (!written && !isName(inner)) throw new Refusal('the request is built by an expression the fix cannot read its model from');
  const named = (name: string) => {
    const property = written?.properties.find((candidate) => !ts.isSpreadAssignment(candidate) && candidate.name && propertyNameText(candidate.name) === name);
    return property && (ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined);
  };

  const modelValue = named('model');
  let model: ModelSource;
  if (modelValue) model = { runtime: modelValue.getText(sourceFile) };
  else if (isName(source)) model = { runtime: `${source.getText(sourceFile)}.model` };
  else throw new Refusal('the request spreads several objects, so the fix cannot tell which one gives the model');

  const stream = named('stream') ?? (inlineSpreads ? undefined : source && ts.isIdentifier(source) ? streamOfConstant(source, scopes, follow) : 'unknown');
  const streams = stream === undefined ? false : stream === 'unknown' ? undefined : booleanLiteral(stream);
  if (streams === undefined) throw new Refusal((typeof stream === 'object' && runtimeStream(stream, scopes)) || 'it cannot be told whether the request streams (its `stream` is not a plain true or false the fix can see)');
  const kept = written ? written.properties.filter((property) => !(property.name && propertyNameText(property.name) === 'stream')).map((property) => property.getText(sourceFile)) : [`...${inner.getText(sourceFile)}`];
  const writtenKeys = written?.properties.flatMap((property) => (property.name && propertyNameText(property.name) !== undefined ? [propertyNameText(property.name)!] : []));
  const constantKeys = !written && ts.isIdentifier(inner) ? constantObjectKeys(inner, scopes, follow) : undefined;
  const seenKeys = inlineSpreads ? [...writtenKeys!, ...spreadKeys.flat() as string[]] : written ? undefined : constantKeys;
  return { kind: streams ? 'chat-stream' : 'chat', model, fields: [{ name: '', text: `chatRequestFromOpenAI({ ${kept.join(', ')} })` }], seenKeys };
}

/** The keys an object written inline may have: an object literal, or `?:` / `&&` / `||` between such objects; undefined otherwise. */
function inlineKeys(expression: TS.Expression): string[] | undefined {
  const ts = typescript();
  const inner = skipOuterExpressions(expression);
  if (ts.isObjectLiteralExpression(inner)) {
    const keys = inner.properties.map((property) => (!ts.isSpreadAssignment(property) && property.name ? propertyNameText(property.name) : undefined));
    return keys.every((key) => key !== undefined) ? (keys as string[]) : undefined;
  }
  if (ts.isConditionalExpression(inner)) {
    const [whenTrue, whenFalse] = [inlineKeys(inner.whenTrue), inlineKeys(inner.whenFalse)];
    return whenTrue && whenFalse && [...whenTrue, ...whenFalse];
  }
  // `cond && { … }`: a falsy left adds nothing to the object it is spread into.
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return inlineKeys(inner.right);
  return undefined;
}

/**
 * The keys of the object literal a constant of this file holds, when it is one without spreads and the
 * file only reads it (no \`params.tools = …\`, no \`Object.assign(params, …)\`: it is passed nowhere but calls).
 */
function constantObjectKeys(name: TS.Identifier, scopes: Scopes, follow: FollowConstant): string[] | undefined {
  const ts = typescript();
  const definition = follow(name);
  const object = definition?.sameFile ? skipOuterExpressions(definition.expression) : undefined;
  const keys = object && (ts.isObjectLiteralExpression(object) ? inlineKeys(object) : returnedObjectKeys(object, scopes));
  const binding = scopes.resolve(name);
  let changed = false;
  const visit = (node: TS.Node): void => {
    const isName = () => ts.isPropertyAccessExpression(node.parent) && node.parent.name === node;
    if (ts.isIdentifier(node) && node.text === name.text && !isName() && node.parent !== binding?.declaration && scopes.resolve(node) === binding) {
      const user = node.parent;
      const read = (ts.isPropertyAccessExpression(user) && user.expression === node && !isAssigned(user)) || (ts.isCallExpression(user) && user.arguments.includes(node) && !/^Object\.assign$/.test(user.expression.getText()));
      if (!read && !ts.isSpreadAssignment(user)) changed = true;
    }
    ts.forEachChild(node, visit);
  };
  if (keys && binding) visit(name.getSourceFile());
  return changed ? undefined : keys;
}

/**
 * The keys of the objects a function of this file returns (\`const params = await createParams(true)\`): every
 * \`return\` of its body (the implementation of an overloaded one) gives an object literal, or a constant of the
 * body initialised with one and only returned; undefined otherwise.
 */
function returnedObjectKeys(value: TS.Expression, scopes: Scopes): string[] | undefined {
  const ts = typescript();
  const call = ts.isAwaitExpression(value) ? skipOuterExpressions(value.expression) : value;
  const declaration = ts.isCallExpression(call) && ts.isIdentifier(call.expression) ? scopes.resolve(call.expression)?.declaration : undefined;
  if (!declaration || !ts.isFunctionDeclaration(declaration)) return undefined;
  const siblings: readonly TS.Statement[] = (declaration.parent as TS.Node & { statements?: TS.NodeArray<TS.Statement> }).statements ?? [];
  const fn = siblings.find((statement): statement is TS.FunctionDeclaration => ts.isFunctionDeclaration(statement) && statement.name?.text === declaration.name?.text && !!statement.body);
  if (!fn?.body || fn.asteriskToken) return undefined;
  const returns: TS.ReturnStatement[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isReturnStatement(node)) returns.push(node);
    if (!ts.isFunctionLike(node) && !ts.isClassLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  const keys = returns.map((statement) => {
    const returned = statement.expression && skipOuterExpressions(statement.expression);
    if (returned && ts.isObjectLiteralExpression(returned)) return inlineKeys(returned);
    const binding = returned && ts.isIdentifier(returned) ? scopes.resolve(returned) : undefined;
    const init = binding?.init && skipOuterExpressions(binding.init);
    if (!binding || binding.path.length || !init || !ts.isObjectLiteralExpression(init) || !onlyReturned(binding, fn.body!, scopes)) return undefined;
    return inlineKeys(init);
  });
  return returns.length && keys.every((each) => each !== undefined) ? [...new Set(keys.flat() as string[])] : undefined;
}

/** Whether a constant declared in a function body is used only by its \`return\` statements (nothing can add fields to it). */
function onlyReturned(binding: NonNullable<ReturnType<Scopes['resolve']>>, body: TS.Block, scopes: Scopes): boolean {
  const ts = typescript();
  const declaration = binding.declaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return false;
  const name = declaration.name.text;
  let elsewhere = false;
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && scopes.resolve(node) === binding && !ts.isReturnStatement(node.parent)) elsewhere = true;
    ts.forEachChild(node, visit);
  };
  visit(body);
  return !elsewhere;
}

function isAssigned(node: TS.Expression): boolean {
  const ts = typescript();
  const parent = node.parent;
  return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

/** The refusal for \`stream: flag\` with \`flag\` declared \`boolean\`: the call may answer whole or streamed, which one neutral call cannot. */
function runtimeStream(value: TS.Expression, scopes: Scopes): string | undefined {
  const ts = typescript();
  const inner = skipOuterExpressions(value);
  const type = ts.isIdentifier(inner) ? scopes.resolve(inner)?.typeNode : undefined;
  if (type?.kind !== ts.SyntaxKind.BooleanKeyword) return undefined;
  return `the call streams or not as \`stream: ${inner.getText()}\` (a boolean) says at run time, and a neutral call does one or the other: write one call per case`;
}

/** \`true\` or \`false\` as written, also through \`as const\`, parentheses and \`satisfies\`; undefined for anything else. */
function booleanLiteral(value: TS.Expression): boolean | undefined {
  const ts = typescript();
  const kind = skipOuterExpressions(value).kind;
  return kind === ts.SyntaxKind.TrueKeyword ? true : kind === ts.SyntaxKind.FalseKeyword ? false : undefined;
}

/** \`stream\` of the object literal a constant holds: undefined when it has none, 'unknown' when the constant cannot be seen. */
function streamOfConstant(name: TS.Identifier, scopes: Scopes, follow: FollowConstant): TS.Expression | undefined | 'unknown' {
  const ts = typescript();
  // The SDK's own request types say it: `ChatCompletionCreateParamsNonStreaming`, `…Streaming`.
  const declared = declaredTypeName(name, scopes);
  if (declared?.endsWith('NonStreaming')) return ts.factory.createFalse();
  if (declared?.endsWith('Streaming')) return ts.factory.createTrue();
  const definition = follow(name) ?? returnedProperty(name, scopes);
  const object = definition && skipOuterExpressions(definition.expression);
  // `const params = createParams()` (or `await createParams()`): the function's declared return type says it.
  const made = object && ts.isAwaitExpression(object) ? skipOuterExpressions(object.expression) : object;
  const returned = made && ts.isCallExpression(made) && definition?.sameFile ? returnTypeName(made, scopes) : undefined;
  if (returned?.endsWith('NonStreaming')) return ts.factory.createFalse();
  if (returned?.endsWith('Streaming')) return ts.factory.createTrue();
  if (!object || !ts.isObjectLiteralExpression(object) || object.properties.some(ts.isSpreadAssignment)) return 'unknown';
  const property = object.properties.find((candidate) => candidate.name && propertyNameText(candidate.name) === 'stream');
  return property && ts.isPropertyAssignment(property) ? property.initializer : property ? 'unknown' : undefined;
}

/**
 * `const { request } = await this.buildRequest(…)`: the property of the object literal the method of the same
 * class returns, when it has one `return` and nothing else is named so in it.
 */
function returnedProperty(name: TS.Identifier, scopes: Scopes): { expression: TS.Expression; sameFile: boolean } | undefined {
  const ts = typescript();
  const binding = scopes.resolve(name);
  const call = binding?.kind === 'variable' && binding.init && binding.path.length === 1 ? skipOuterExpressions(binding.init) : undefined;
  if (!call || !ts.isCallExpression(call) || !isThisMember(call.expression)) return undefined;
  const method = instanceClass(call)?.members.find((member): member is TS.MethodDeclaration => ts.isMethodDeclaration(member) && !isStatic(member) && !!member.name && propertyNameText(member.name) === (call.expression as TS.PropertyAccessExpression).name.text);
  const returns: TS.ReturnStatement[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isReturnStatement(node)) returns.push(node);
    if (!ts.isFunctionLike(node) && !ts.isClassLike(node)) ts.forEachChild(node, visit);
  };
  if (method?.body && !method.asteriskToken) ts.forEachChild(method.body, visit);
  const returned = returns.length === 1 && returns[0].expression ? skipOuterExpressions(returns[0].expression) : undefined;
  if (!returned || !ts.isObjectLiteralExpression(returned) || returned.properties.some(ts.isSpreadAssignment)) return undefined;
  const properties = returned.properties.filter((property) => property.name && propertyNameText(property.name) === binding!.path[0]);
  const [property] = properties;
  return properties.length === 1 && ts.isPropertyAssignment(property) ? { expression: property.initializer, sameFile: true } : undefined;
}

/** The name of the type a variable or parameter is declared with (\`OpenAI.ChatCompletionCreateParamsNonStreaming\` → its last part). */
function declaredTypeName(name: TS.Identifier, scopes: Scopes): string | undefined {
  const ts = typescript();
  const type = scopes.resolve(name)?.typeNode;
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  return ts.isQualifiedName(type.typeName) ? type.typeName.right.text : type.typeName.text;
}

/**
 * The name of the type a call's function returns, through \`Promise<…>\` (\`function createParams(): ChatCompletionCreateParamsNonStreaming\`);
 * for an overloaded function, the overload the call's literal arguments choose.
 */
function returnTypeName(call: TS.CallExpression, scopes: Scopes): string | undefined {
  const ts = typescript();
  const declaration = ts.isIdentifier(call.expression) ? scopes.resolve(call.expression)?.declaration : undefined;
  const signature = declaration && ts.isFunctionDeclaration(declaration) ? chosenOverload(declaration, call) : undefined;
  let type = signature?.type;
  if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Promise') type = type.typeArguments?.[0];
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  return ts.isQualifiedName(type.typeName) ? type.typeName.right.text : type.typeName.text;
}

/**
 * The signature a call of \`fn\` takes: its own when it is not overloaded; else, as TypeScript picks, the first
 * overload its arguments fit, told only by parameters typed with a literal (\`stream: true\`) and literal
 * arguments. Undefined when a parameter of another type tells overloads apart (what fits it is the checker's business).
 */
function chosenOverload(fn: TS.FunctionDeclaration, call: TS.CallExpression): TS.FunctionDeclaration | undefined {
  const ts = typescript();
  const siblings: readonly TS.Statement[] = (fn.parent as TS.Node & { statements?: TS.NodeArray<TS.Statement> }).statements ?? [];
  const overloads = siblings.filter((statement): statement is TS.FunctionDeclaration => ts.isFunctionDeclaration(statement) && statement.name?.text === fn.name?.text && !statement.body);
  if (overloads.length === 0) return fn;
  const literalText = (node: TS.Node | undefined) => {
    const inner = node && (ts.isLiteralTypeNode(node) ? node.literal : skipOuterExpressions(node as TS.Expression));
    if (!inner) return undefined;
    if (inner.kind === ts.SyntaxKind.TrueKeyword || inner.kind === ts.SyntaxKind.FalseKeyword) return ts.tokenToString(inner.kind);
    return ts.isStringLiteral(inner) || ts.isNumericLiteral(inner) ? `${inner.kind}:${inner.text}` : undefined;
  };
  // A parameter typed alike in every overload (\`question: string\`) does not tell them apart.
  const typeAt = (overload: TS.FunctionDeclaration, index: number) => overload.parameters[index]?.type?.getText();
  const alike = (index: number) => overloads.every((overload) => typeAt(overload, index) === typeAt(overloads[0], index));
  for (const overload of overloads) {
    if (overload.parameters.length !== call.arguments.length) continue;
    const fits = overload.parameters.map((parameter, index) => {
      if (alike(index)) return true;
      const expected = parameter.type && ts.isLiteralTypeNode(parameter.type) ? literalText(parameter.type) : undefined;
      return expected === undefined ? undefined : expected === literalText(call.arguments[index]);
    });
    if (fits.includes(undefined)) return undefined;
    if (fits.every(Boolean)) return overload;
  }
  return undefined;
}

/** The module `name` is the `models` export of: `import { models } from …` or `const { models } = require(…)`. */
function modelsModule(name: TS.Identifier, scopes: Scopes): string | undefined {
  const ts = typescript();
  const binding = scopes.resolve(name);
  if (!binding) return undefined;
  const { origin, path } = binding;
  if (origin) return !origin.typeOnly && ((origin.imported === 'models' && path.length === 0) || (origin.imported === '*' && path.join('.') === 'models')) ? origin.specifier : undefined;
  const init = binding.init && skipOuterExpressions(binding.init);
  return init && ts.isCallExpression(init) && path.join('.') === 'models' ? moduleSpecifierOfCall(init) : undefined;
}

/**
 * A Responses API request's \`instructions\` and \`input\` as the neutral messages (a system message, then the
 * user's); the adapter of its connection sends them back as \`instructions\` and \`input\`. Taken out of
 * \`pending\`. An \`input\` the fix cannot see to be text (a list of input items, a value of another type)
 * goes through the seam's \`messagesFromOpenAIInput\`, whose messages keep each item for the Responses API.
 */
function responsesMessages(pending: Array<[string, TS.Expression]>, request: NeutralRequest, text: (node: TS.Node) => string, scopes: Scopes): void {
  const input = takeOption(pending, 'input');
  const instructions = takeOption(pending, 'instructions');
  // \`responses.stream({ response_id })\` picks up a response the API keeps running in the background.
  if (!input && pending.some(([name]) => name === 'response_id')) throw new Refusal('OpenAI-only feature (a background response resumed by `response_id`): no neutral equivalent');
  if (!input) throw new Refusal('the Responses API request has no `input`');
  const system = instructions ? [`{ role: 'system', content: ${text(instructions)} }`] : [];
  if (isText(input, scopes)) {
    request.fields.push({ name: 'messages', text: `[${[...system, `{ role: 'user', content: ${text(input)} }`].join(', ')}]` });
    return;
  }
  request.compat.push('messagesFromOpenAIInput');
  const converted = `messagesFromOpenAIInput(${text(input)})`;
  request.fields.push({ name: 'messages', text: system.length ? `[${system[0]}, ...${converted}]` : converted });
}

/**
 * A legacy completions request's text \`prompt\` as the neutral messages (the user's message); the adapter of
 * its connection (\`api: 'completions'\`) sends it back as the prompt. Taken out of \`pending\`. A list of
 * prompts (one completion each) has no neutral form; a prompt the fix cannot see to be text is refused.
 */
function completionMessages(pending: Array<[string, TS.Expression]>, fields: NeutralRequest['fields'], text: (node: TS.Node) => string, scopes: Scopes): void {
  const prompt = takeOption(pending, 'prompt');
  if (!prompt) throw new Refusal('the legacy completions request has no `prompt`');
  if (typescript().isArrayLiteralExpression(skipOuterExpressions(prompt))) throw new Refusal('a list of prompts asks for a completion of each (a batch), which the neutral request (one conversation) cannot ask');
  if (!isText(prompt, scopes)) throw new Refusal('the `prompt` is not a text the fix can see (a list of prompts or tokens has no neutral form)');
  fields.push({ name: 'messages', text: `[{ role: 'user', content: ${text(prompt)} }]` });
}

/**
 * A structured request's JSON Schema format as the neutral \`responseFormat\`, through the seam's
 * \`schemaFormatFromOpenAI\` (which keeps the parser an SDK helper such as \`zodResponseFormat\` made): the option's
 * value (chat's \`response_format\`), or its one field \`within\` (the Responses API's \`text: { format }\`).
 */
function schemaFormat(value: TS.Expression, { format: option, within }: { format: string; within?: string }, text: (node: TS.Node) => string): string {
  const ts = typescript();
  let format = value;
  if (within) {
    const object = skipOuterExpressions(value);
    const fields = ts.isObjectLiteralExpression(object) ? objectFields(object) : undefined;
    if (!fields || fields.size !== 1 || !fields.has(within)) throw new Refusal(`the \`${option}\` options are more than a \`${within}\` (or not written inline), which the neutral request does not carry`);
    format = fields.get(within)!;
  }
  const mode = jsonMode(format);
  if (mode) throw new Refusal(`the structured request asks for \`${mode === 'json' ? 'json_object' : 'text'}\`, which \`parse\` does not parse (a JSON Schema format is)`);
  return `schemaFormatFromOpenAI(${text(format)})`;
}

/** The value of a request option, taken out of \`pending\`. */
function takeOption(pending: Array<[string, TS.Expression]>, name: string): TS.Expression | undefined {
  const index = pending.findIndex(([candidate]) => candidate === name);
  return index < 0 ? undefined : pending.splice(index, 1)[0][1];
}

/** A string literal, a template or a concatenation with one, or a name declared (\`: string\`) or initialised as one. */
function isText(expression: TS.Expression, scopes: Scopes): boolean {
  const ts = typescript();
  const inner = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(inner) || ts.isTemplateExpression(inner)) return true;
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) return isText(inner.left, scopes) || isText(inner.right, scopes);
  if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression)) return returnsText(scopes.resolve(inner.expression)?.declaration, scopes);
  const binding = ts.isIdentifier(inner) ? scopes.resolve(inner) : undefined;
  if (!binding || binding.path.length) return false;
  if (binding.typeNode) return binding.typeNode.kind === ts.SyntaxKind.StringKeyword;
  return !!binding.init && isText(binding.init, scopes);
}

/** Whether a local function gives text: declared to return a string, or every `return` in its body returns text. */
function returnsText(declaration: TS.Node | undefined, scopes: Scopes): boolean {
  const ts = typescript();
  const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer && skipOuterExpressions(declaration.initializer) : declaration;
  if (!initializer || !(ts.isFunctionDeclaration(initializer) || ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer)) || initializer.asteriskToken || !initializer.body) return false;
  if (initializer.type) return initializer.type.kind === ts.SyntaxKind.StringKeyword;
  if (!ts.isBlock(initializer.body)) return isText(initializer.body, scopes);
  const returned: Array<TS.Expression | undefined> = [];
  const visit = (node: TS.Node): void => {
    if (ts.isReturnStatement(node)) returned.push(node.expression);
    else if (!ts.isFunctionLike(node) && !ts.isClassLike(node)) ts.forEachChild(node, visit);
  };
  visit(initializer.body);
  return returned.length > 0 && returned.every((expression) => expression !== undefined && isText(expression, scopes));
}

/** \`response_format\` the neutral \`responseFormat\` says (\`json_object\`, \`text\`); undefined for others (a JSON schema), which pass on. */
function jsonMode(value: TS.Expression): 'json' | 'text' | undefined {
  const ts = typescript();
  const inner = skipOuterExpressions(value);
  if (ts.isObjectLiteralExpression(inner) && inner.properties.length === 1) {
    const property = inner.properties[0];
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'type' && ts.isStringLiteralLike(property.initializer)) {
      if (property.initializer.text === 'json_object') return 'json';
      if (property.initializer.text === 'text') return 'text';
    }
  }
  return undefined;
}

/**
 * Legacy function calling (\`functions\`, \`function_call\`): the functions as neutral tools for other providers
 * and as they are written for the OpenAI wire (\`providerTools\`), so OpenAI gets the same request; a
 * \`function_call\` the neutral request can name (\`'auto'\`, \`'none'\`, \`{ name }\`) is its \`toolChoice\` too, and one
 * it cannot keeps the call on its own connection. Takes \`function_call\` from the pending options; undefined
 * when the request has no \`functions\`.
 */
function functionCalling(pending: Array<[string, TS.Expression]>, request: NeutralRequest, text: (node: TS.Node) => string, follow: FollowConstant): NeutralRequest['fields'] | undefined {
  const { functions: option, choice: choiceOption, tools: converter } = LEGACY_FUNCTION_CALLING;
  const functions = pending.find(([name]) => name === option)?.[1];
  if (!functions) return undefined;
  const choice = takeOption(pending, choiceOption);
  const neutralChoice = choice && neutralToolChoice(choice, text, follow);
  request.compat.push(converter);
  request.legacyFunctions = true;
  return [
    { name: 'tools', text: `${converter}(${text(functions)})` },
    ...(neutralChoice ? [{ name: 'toolChoice', text: neutralChoice }] : []),
    { name: 'providerTools', text: wireTools([[option, functions], [choiceOption, choice]], text) },
  ];
}

/**
 * Tool calling (\`tools\`, \`tool_choice\`): function tools written inline and a choice the neutral request can
 * name become its \`tools\` and \`toolChoice\`. Otherwise both go to the OpenAI wire as written (\`providerTools\`),
 * with their neutral form beside them when the fix sees that the tools are function tools (openai-compat's
 * \`toolsFromOpenAI\`); what has no neutral form (a custom or built-in tool, tools it cannot see, an allowed-tools
 * choice, the Responses API's tools) keeps the call on its own connection (routing's \`pinnedBy\`), never sent to
 * another vendor. Takes \`tool_choice\` from the pending options; undefined when the request has no \`tools\`.
 */
function toolCalling(
  pending: Array<[string, TS.Expression]>,
  request: NeutralRequest,
  text: (node: TS.Node) => string,
  scopes: Scopes,
  follow: FollowConstant,
  responses: boolean,
): NeutralRequest['fields'] | undefined {
  const { tools: option, choice: choiceOption, converter } = TOOL_CALLING;
  const tools = pending.find(([name]) => name === option)?.[1];
  if (!tools) return undefined;
  const choice = takeOption(pending, choiceOption);
  const neutralChoice = choice && !responses ? neutralToolChoice(choice, text, follow) : undefined;
  const portable = !responses && (!choice || neutralChoice !== undefined);
  const choiceField = neutralChoice ? [{ name: 'toolChoice', text: neutralChoice }] : [];
  const inline = portable ? neutralTools(tools) : undefined;
  if (inline) return [{ name: 'tools', text: inline }, ...choiceField];
  const seen = portable && functionToolArray(tools, scopes, follow);
  if (seen) request.compat.push(converter);
  return [...(seen ? [{ name: 'tools', text: `${converter}(${text(tools)})` }, ...choiceField] : []), { name: 'providerTools', text: wireTools([[option, tools], [choiceOption, choice]], text) }];
}

/** The OpenAI wire's tool fields as written (\`{ tools, tool_choice: 'auto' }\`), for \`providerTools\`. */
function wireTools(entries: Array<[string, TS.Expression | undefined]>, text: (node: TS.Node) => string): string {
  const written = entries.flatMap(([name, value]) => (value ? [text(value) === name ? name : `${name}: ${text(value)}`] : []));
  return `{ ${written.join(', ')} }`;
}

/**
 * A tool choice as the neutral \`toolChoice\`: \`'auto'\`, \`'none'\` or \`'required'\` (written, or a constant's
 * value), or one function named (chat's \`{ type: 'function', function: { name } }\`, the Responses API's
 * \`{ type: 'function', name }\`, a legacy \`function_call\`'s \`{ name }\`) as \`{ name }\`; undefined otherwise.
 */
function neutralToolChoice(value: TS.Expression, text: (node: TS.Node) => string, follow: FollowConstant): string | undefined {
  const ts = typescript();
  const inner = skipOuterExpressions(value);
  const followed = ts.isIdentifier(inner) ? follow(inner) : undefined;
  const choice = followed ? skipOuterExpressions(followed.expression) : inner;
  if (ts.isStringLiteralLike(choice)) return TOOL_CALLING.modes.includes(choice.text) ? `'${choice.text}'` : undefined;
  if (followed || !ts.isObjectLiteralExpression(choice)) return undefined;
  const fields = objectFields(choice);
  const type = fields?.get('type');
  const fn = fields?.get('function');
  const named = fn && ts.isObjectLiteralExpression(fn) ? objectFields(fn) : fields;
  const expected = type ? (fn ? ['type', 'function'] : ['type', 'name']) : ['name'];
  if (!fields || !named || (type && !(ts.isStringLiteralLike(type) && type.text === 'function')) || [...fields.keys()].sort().join() !== expected.sort().join()) return undefined;
  const name = named.get('name');
  return name && named.size === 1 ? `{ name: ${text(name)} }` : undefined;
}

/**
 * Whether a tools value not written inline holds function tools only: a constant initialised with an array of
 * \`{ type: 'function', … }\` objects, or a name declared with the SDK's function tool type
 * (\`ChatCompletionFunctionTool[]\`; its \`ChatCompletionTool\` has custom tools too since openai 5).
 */
function functionToolArray(value: TS.Expression, scopes: Scopes, follow: FollowConstant): boolean {
  const ts = typescript();
  const inner = skipOuterExpressions(value);
  const isFunctionTool = (element: TS.Expression) =>
    ts.isObjectLiteralExpression(element) &&
    element.properties.some((property) => ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'type' && ts.isStringLiteralLike(property.initializer) && property.initializer.text === 'function');
  if (ts.isArrayLiteralExpression(inner)) return inner.elements.every(isFunctionTool);
  if (!ts.isIdentifier(inner)) return false;
  const definition = follow(inner);
  const init = definition && skipOuterExpressions(definition.expression);
  if (init && ts.isArrayLiteralExpression(init)) return init.elements.every(isFunctionTool);
  const type = scopes.resolve(inner)?.typeNode;
  const element = type && ts.isArrayTypeNode(type) ? type.elementType : type && ts.isTypeReferenceNode(type) && type.typeName.getText() === 'Array' ? type.typeArguments?.[0] : undefined;
  return !!element && ts.isTypeReferenceNode(element) && /(^|\.)ChatCompletionFunctionTool$/.test(element.typeName.getText());
}

/**
 * Function tools written inline in the SDK's shape (\`{ type: 'function', function: { name, description?, parameters } }\`)
 * as neutral ones (\`{ name, description?, parameters }\`), which the adapters send back in that shape; undefined otherwise.
 */
function neutralTools(value: TS.Expression): string | undefined {
  const ts = typescript();
  const array = skipOuterExpressions(value);
  if (!ts.isArrayLiteralExpression(array)) return undefined;
  const sourceFile = value.getSourceFile();
  const tools: string[] = [];
  for (const element of array.elements) {
    const tool = ts.isObjectLiteralExpression(element) ? element : undefined;
    const fields = tool && objectFields(tool);
    const fn = fields?.get('function');
    const type = fields?.get('type');
    if (!fields || fields.size !== 2 || !type || !ts.isStringLiteralLike(type) || type.text !== 'function' || !fn || !ts.isObjectLiteralExpression(fn)) return undefined;
    const inner = objectFields(fn);
    if (!inner || !inner.has('name') || !inner.has('parameters') || [...inner.keys()].some((key) => !['name', 'description', 'parameters', 'strict'].includes(key))) return undefined;
    const strict = inner.get('strict');
    if (strict && booleanLiteral(strict) === undefined) return undefined;
    tools.push(`{ ${[...inner].map(([key, expression]) => `${key}: ${expression.getText(sourceFile)}`).join(', ')} }`);
  }
  return `[${tools.join(', ')}]`;
}

/** An object literal's plain properties by name; undefined when it has spreads, methods or computed names. */
function objectFields(object: TS.ObjectLiteralExpression): Map<string, TS.Expression> | undefined {
  const ts = typescript();
  const fields = new Map<string, TS.Expression>();
  for (const property of object.properties) {
    const name = property.name && propertyNameText(property.name);
    if (!ts.isPropertyAssignment(property) || name === undefined) return undefined;
    fields.set(name, property.initializer);
  }
  return fields;
}

/**
 * Whether the messages are role/content pairs the neutral \`ChatMessage\` holds as written: an array literal
 * inline, or a constant initialised with one (which then gets a \`ChatMessage[]\` annotation in TypeScript,
 * since an inferred \`{ role: string }\` would not type-check against the neutral roles). Otherwise the
 * messages go through the seam's converter.
 */
function neutralMessages(value: TS.Expression, scopes: Scopes, isTypeScript: boolean, request: NeutralRequest): boolean {
  const ts = typescript();
  const inner = skipOuterExpressions(value);
  if (ts.isArrayLiteralExpression(inner)) return isMessageArray(inner);
  if (!ts.isIdentifier(inner)) return false;
  const binding = scopes.resolve(inner);
  const declaration = binding?.declaration;
  const init = binding?.init && skipOuterExpressions(binding.init);
  if (!declaration || !ts.isVariableDeclaration(declaration) || binding.path.length || !init || !ts.isArrayLiteralExpression(init) || !isMessageArray(init)) return false;
  if (!isTypeScript) return true;
  if (declaration.type) return false;
  request.extraChanges.push({ start: declaration.name.end, end: declaration.name.end, newText: ': ChatMessage[]' });
  request.needsMessageType = true;
  return true;
}

function isMessageArray(array: TS.ArrayLiteralExpression): boolean {
  const ts = typescript();
  return array.elements.every((element) => {
    if (!ts.isObjectLiteralExpression(element)) return false;
    const names = element.properties.map((property) => (property.name ? propertyNameText(property.name) : undefined));
    if (names.length !== 2 || !names.includes('role') || !names.includes('content')) return false;
    const role = element.properties.find((property) => property.name && propertyNameText(property.name) === 'role');
    const roleValue = role && ts.isPropertyAssignment(role) && ts.isStringLiteralLike(role.initializer) ? role.initializer.text : undefined;
    return !!roleValue && ROLES.has(roleValue);
  });
}
