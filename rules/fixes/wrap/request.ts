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
import { type CallShape, REQUEST_OPTIONS, REQUEST_SETTINGS, type WrapKind } from '../../vendors/wrap-table';
import type { TextChange } from '../types';

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
  /** Whether `ChatMessage` must be imported (for a type annotation added to a messages constant). */
  needsMessageType: boolean;
  /** The constant the model literal came from, if any (it may become unused). */
  modelConstant?: TS.VariableDeclaration;
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
  const request: NeutralRequest = { kind, model: '', fields, settings: [], extraChanges: [], needsMessageType: false };

  // Mapped once the kind is known: `stream: true` may come after an option only a complete answer carries (`n`).
  const pending: Array<[string, TS.Expression]> = [];
  const addOption = (name: string, value: TS.Expression) => {
    if (name === 'model') {
      ({ model, constant: request.modelConstant } = modelOf(value, scopes, follow));
      return;
    }
    if (name === 'stream') {
      if (value.kind === ts.SyntaxKind.TrueKeyword && kind === 'chat') kind = 'chat-stream';
      else if (value.kind !== ts.SyntaxKind.FalseKeyword) throw new Refusal('`stream` is not a plain true or false');
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
    addObject(call.arguments[0], 'request');
    if (call.arguments[1]) request.settings = requestSettings(call.arguments[1], follow);
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
  const carried = REQUEST_OPTIONS[kind];
  for (const [name, value] of pending) {
    if (name === 'response_format' || name === 'responseFormat') {
      fields.push({ name: 'responseFormat', text: `'${jsonMode(value)}'` });
      continue;
    }
    const neutral = Object.hasOwn(carried, name) ? carried[name] : undefined;
    if (!neutral) throw new Refusal(`option \`${name}\` has no equivalent in the provider-neutral interface`);
    if (neutral === 'messages') checkMessages(value, scopes, isTypeScript, request);
    fields.push({ name: neutral, text: text(value), value });
  }
  if (model === undefined) throw new Refusal('the request names no model');
  request.kind = kind;
  request.model = model;
  return request;
}

/**
 * The model: a literal (directly, through a constant here, or an exported constant of another module), so
 * it moves to the configuration with its value as the default; a `models.<key>` entry of a configuration
 * module (a model an earlier fix already moved); else chosen at run time, and sent as it is.
 */
function modelOf(expression: TS.Expression, scopes: Scopes, follow: FollowConstant): { model: ModelSource; constant?: TS.VariableDeclaration } {
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
function requestSettings(argument: TS.Expression, follow: FollowConstant): Array<{ name: string; text: string }> | string {
  const ts = typescript();
  const sourceFile = argument.getSourceFile();
  const inner = skipOuterExpressions(argument);
  const definition = ts.isIdentifier(inner) ? follow(inner) : undefined;
  const object = definition ? skipOuterExpressions(definition.expression) : inner;
  if (!ts.isObjectLiteralExpression(object)) throw new Refusal('the request options are not written inline as an object');
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

function jsonMode(value: TS.Expression): 'json' | 'text' {
  const ts = typescript();
  const inner = skipOuterExpressions(value);
  if (ts.isObjectLiteralExpression(inner) && inner.properties.length === 1) {
    const property = inner.properties[0];
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'type' && ts.isStringLiteralLike(property.initializer)) {
      if (property.initializer.text === 'json_object') return 'json';
      if (property.initializer.text === 'text') return 'text';
    }
  }
  throw new Refusal('`response_format` asks for more than plain JSON or text');
}

/**
 * Messages must be role/content pairs the neutral `ChatMessage` can hold: an array literal inline, or a
 * constant initialised with one (which then gets a `ChatMessage[]` annotation in TypeScript, since an
 * inferred `{ role: string }` would not type-check against the neutral roles).
 */
function checkMessages(value: TS.Expression, scopes: Scopes, isTypeScript: boolean, request: NeutralRequest): void {
  const ts = typescript();
  const inner = skipOuterExpressions(value);
  if (ts.isArrayLiteralExpression(inner)) {
    checkMessageArray(inner);
    return;
  }
  if (!ts.isIdentifier(inner)) throw new Refusal('the messages are built elsewhere, so their shape cannot be checked');
  const binding = scopes.resolve(inner);
  const declaration = binding?.declaration;
  const init = binding?.init && skipOuterExpressions(binding.init);
  if (!declaration || !ts.isVariableDeclaration(declaration) || binding.path.length || !init || !ts.isArrayLiteralExpression(init)) {
    throw new Refusal('the messages are built elsewhere, so their shape cannot be checked');
  }
  checkMessageArray(init);
  if (!isTypeScript) return;
  if (declaration.type) throw new Refusal('the messages constant has a declared type; retype it to the neutral ChatMessage[] first');
  request.extraChanges.push({ start: declaration.name.end, end: declaration.name.end, newText: ': ChatMessage[]' });
  request.needsMessageType = true;
}

function checkMessageArray(array: TS.ArrayLiteralExpression): void {
  const ts = typescript();
  for (const element of array.elements) {
    if (!ts.isObjectLiteralExpression(element)) throw new Refusal('a message is not written as { role, content }');
    const names = element.properties.map((property) => (property.name ? propertyNameText(property.name) : undefined));
    if (names.length !== 2 || !names.includes('role') || !names.includes('content')) {
      throw new Refusal('a message has fields other than role and content (names, tool calls, images)');
    }
    const role = element.properties.find((property) => property.name && propertyNameText(property.name) === 'role');
    const roleValue = role && ts.isPropertyAssignment(role) && ts.isStringLiteralLike(role.initializer) ? role.initializer.text : undefined;
    if (!roleValue || !ROLES.has(roleValue)) throw new Refusal('a message role is not system, user or assistant written inline');
  }
}
