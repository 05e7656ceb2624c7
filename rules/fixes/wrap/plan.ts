/**
 * Plans the wrap fix for one vendor call: the neutral call that replaces it, the rewritten uses of its
 * result, and what the seam must provide (a model entry). Imports and seam files are added by the caller.
 */
import type * as TS from 'typescript';
import type { VendorCallFact } from '../../engine/facts';
import { typescript } from '../../engine/parse';
import { propertyNameText } from '../../engine/strings';
import { nodeAtSpan, skipOuterExpressions } from '../../engine/syntax';
import type { Scopes } from '../../engine/scope';
import { matchVendorModule, vendorLabel } from '../../vendors/table';
import {
  BOUNDARY_UNCARRIED,
  CALL_SHAPES,
  CONVERTER_CLASSES,
  type CallShape,
  LEGACY_FUNCTION_CALLING,
  NEUTRAL_CALLS,
  OPENAI_V3,
  RAW_RESPONSE_METHODS,
  RESPONSE_EVENTS_MADE,
  SDK_RESPONSE_STREAM_MEMBERS,
  SDK_STREAM_MEMBERS,
  STREAM_HELPER_MEMBERS,
  OWN_WIRE_OPTIONS,
  type WrapKind,
  vendorOnlyProduct,
} from '../../vendors/wrap-table';
import { lineIndent } from '../text-changes';
import type { TextChange } from '../types';
import { type FollowConstant, type ModelSource, type NeutralRequest, Refusal, readRequest } from './request';
import { returningFunction } from './callers';
import { convertersIn, enclosingFunction, isReference, outer, type ResultShape, resultValue, rewriteResultUses } from './result';

export interface WrapPlan {
  kind: WrapKind;
  /** What the call asks of its model (the seam's \`modelNeeds\`): its kind, and options not every provider serves. */
  needs: string[];
  model: ModelSource;
  /** Seam function the call goes through. */
  factory: (typeof NEUTRAL_CALLS)[WrapKind]['factory'];
  needsMessageType: boolean;
  /** The constant the model literal came from (removed if the fix leaves it unused). */
  modelConstant?: TS.VariableDeclaration;
  /** Replaces the call; MODEL_PLACEHOLDER in newText stands for the seam call that gives the model. */
  callChange: TextChange;
  otherChanges: TextChange[];
  /** The function that returns the call's result: its callers' uses are rewritten instead (callers.ts). */
  returnedBy?: TS.Node;
  /** How the call's result reads: the path to strip before the neutral accessors apply, the usage's converter. */
  resultShape: ResultShape;
  /** Whether the neutral call passes request options (a seam from before they existed cannot take them). */
  passesSettings: boolean;
  /** Options passed on that the seam's routing must keep on the call's own connection (OWN_WIRE_OPTIONS). */
  ownWireOptions: string[];
  /** Converters of the seam's openai-compat module the call uses. */
  compat: string[];
  /** For a result returned to callers: the call converting its result back to the SDK's shape, should a caller refuse the neutral one. */
  atBoundary?: { callChange: TextChange; compat: string[] };
}

/** Stands for the seam call that gives the model (`chatModel('gpt4oMini')`, `chatModelById(id, 'openai')`), known once the seam is planned. */
export const MODEL_PLACEHOLDER = '\u0000model\u0000';

/** The capabilities (the seam's \`Capability\`) a kind of call needs, and those its neutral request fields add. */
const KIND_NEEDS: Readonly<Record<WrapKind, readonly string[]>> = {
  chat: ['chat'],
  'chat-stream': ['chat', 'streaming'],
  'chat-parse': ['chat'],
  responses: ['chat'],
  'responses-stream': ['chat', 'streaming'],
  'responses-parse': ['chat'],
  completion: ['chat'],
  embeddings: ['embeddings'],
  moderation: ['moderation'],
};
const FIELD_NEEDS: Readonly<Record<string, string>> = { tools: 'tools', candidateCount: 'candidateCount', dimensions: 'dimensions' };

function callNeeds(kind: WrapKind, fields: NeutralRequest['fields']): string[] {
  const fromFields = fields.flatMap((field) => (field.name === 'responseFormat' ? formatNeeds(field.text) : FIELD_NEEDS[field.name] ? [FIELD_NEEDS[field.name]] : []));
  return [...KIND_NEEDS[kind], ...fromFields];
}

/** JSON mode (\`'json'\`) or a JSON Schema (\`schemaFormatFromOpenAI(…)\`, request.ts); \`'text'\` needs nothing. */
function formatNeeds(text: string): string[] {
  return text === "'json'" ? ['json'] : text.startsWith('schemaFormatFromOpenAI(') ? ['jsonSchema'] : [];
}

/** Why a call has no neutral form at all: a product only its vendor offers (said before anything else about the call). */
export function vendorOnlyRefusal(fact: VendorCallFact): string | undefined {
  const product = vendorOnlyProduct(fact.client, fact.method);
  return product && `${vendorLabel(fact.vendor)}-only feature (${product}): no neutral equivalent`;
}

export function planWrap(fact: VendorCallFact, sourceFile: TS.SourceFile, scopes: Scopes, follow: FollowConstant): WrapPlan | { refused: string } {
  const shape = CALL_SHAPES.find((candidate) => candidate.clients.includes(fact.client) && candidate.method === fact.method);
  const vendorOnly = vendorOnlyRefusal(fact);
  if (vendorOnly) return { refused: vendorOnly };
  if (!shape) return { refused: `'${fact.method}' is not wrapped yet` };
  const call = nodeAtSpan(sourceFile, fact.callSpan, typescript().isCallExpression);
  if (!call) return { refused: 'the call could not be found in the current text' };
  const after = outer(call).parent;
  if (typescript().isPropertyAccessExpression(after) && RAW_RESPONSE_METHODS.includes(after.name.text)) {
    return { refused: `the raw HTTP response is read (\`.${after.name.text}()\`): the seam gives results, not the provider's HTTP responses` };
  }
  try {
    const isTypeScript = /\.[mc]?tsx?$/.test(sourceFile.fileName);
    const request = readRequest(call, shape, scopes, isTypeScript, follow);
    const returnedBy = returningFunction(call);
    const boundary = boundaryConverter(call, shape, request);
    const converter = typeof boundary === 'string' ? boundary : undefined;
    let resultChanges: TextChange[] = [];
    let atBoundary = false;
    try {
      if (!returnedBy) resultChanges = rewriteResultUses(call, request.kind, shape, scopes);
    } catch (error) {
      // Uses the neutral result cannot take keep the SDK's shape: converted where the call is.
      if (!(error instanceof Refusal)) throw error;
      // Why the SDK's shape cannot stand in either, unless the reason already says it.
      const more = typeof boundary === 'object' && !error.message.includes(boundary.lacks.replace(/`/g, '').split(',')[0]) ? boundary.lacks : undefined;
      if (!converter) throw more ? new Refusal(`${error.message}, and converted back to the SDK's shape it would lack ${more}`) : error;
      atBoundary = true;
    }
    const otherChanges = [...resultChanges, ...request.extraChanges];
    const { factory, method } = NEUTRAL_CALLS[request.kind];
    const settings =
      typeof request.settings === 'string'
        ? request.settings
        : request.settings.length
          ? `{ ${request.settings.map((setting) => (setting.name === setting.text ? setting.name : `${setting.name}: ${setting.text}`)).join(', ')} }`
          : '';
    const body = requestLiteral(request.fields, call, sourceFile) + (settings ? `, ${settings}` : '');
    // An AzureOpenAI client built with a `deployment` sends every call there, whatever the call's `model`.
    const model = fact.deployment === undefined ? request.model : deploymentModel(fact.deployment);
    const neutralCall = `${MODEL_PLACEHOLDER}.${method}(${body})`;
    const callChange = (newText: string): TextChange => ({ start: fact.callSpan.start, end: fact.callSpan.end, newText });
    // Converters the uses of the result call (a usage used as the SDK's), beside those of the request.
    const compat = [...request.compat, ...convertersIn(resultChanges, shape)];
    const neutral = { callChange: callChange(neutralCall), compat };
    const converted = converter
      ? {
          callChange: callChange(request.kind === 'chat-stream' || request.kind === 'responses-stream' ? `${converter}(${neutralCall})` : `${neutralCall}.then(${converter})`),
          compat: [...compat, converter],
        }
      : undefined;
    return {
      kind: request.kind,
      needs: callNeeds(request.kind, request.fields),
      model,
      factory,
      needsMessageType: request.needsMessageType,
      modelConstant: fact.deployment ? undefined : request.modelConstant,
      ...(atBoundary && converted ? converted : neutral),
      otherChanges,
      returnedBy: atBoundary ? undefined : returnedBy,
      resultShape: shape,
      passesSettings: settings !== '',
      ownWireOptions: request.ownWireOptions ?? [],
      // Callers that cannot take the neutral result get the SDK's shape from the function instead.
      atBoundary: returnedBy && !atBoundary ? converted : undefined,
    };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.message };
    throw error;
  }
}

/**
 * The openai-compat converter that gives the call's result back in the SDK's shape, when the result can be
 * used whole as the SDK's type: no variable typed with the SDK's type (`Stream<…>` has private parts), no
 * read of a field the converted result does not carry (BOUNDARY_UNCARRIED), and for a stream, awaited where
 * it is made (unless the call gives it at once). A request with legacy \`functions\` has converters of its own, which give \`function_call\` back.
 */
function boundaryConverter(call: TS.CallExpression, shape: CallShape, request: NeutralRequest): string | { lacks: string } | undefined {
  const ts = typescript();
  // Each branch of \`await (c ? create(a, { signal }) : create(a))\` is converted on its own.
  const value = resultValue(call);
  const awaited = ts.isAwaitExpression(value.parent) ? outer(value.parent) : undefined;
  // A stream used through the SDK stream helper's own members gets that helper back, awaited or not.
  // What the request asks only its own wire for (log probabilities): the converted results, the server's own there, carry it.
  const ownWire = request.ownWireOptions?.length ? OWN_WIRE_OPTIONS : undefined;
  const members = STREAM_HELPER_MEMBERS[request.kind];
  const helper = members && shape.streamBoundary && usesStreamHelper(awaited ?? value, members, ownWire?.events) ? shape.streamBoundary : undefined;
  const functions = legacyFunctions(request);
  const converter = helper ?? (functions === 'asked' ? LEGACY_FUNCTION_CALLING.boundary[request.kind] : shape.boundary?.[request.kind]);
  const uncarried = BOUNDARY_UNCARRIED[request.kind];
  if (!converter || !uncarried) return undefined;
  // A stream is converted where it is awaited, but for the SDK's helper, which is given without \`await\`, and a
  // call that gives its stream at once.
  if (members && !awaited && converter !== shape.streamBoundary && !shape.streamAtOnce) return undefined;
  if (request.kind === 'responses-stream') {
    const unmade = responseEventsUnmade(call);
    if (unmade) return { lacks: unmade };
    if (helper && directReads(awaited ?? value).includes(SDK_RESPONSE_STREAM_MEMBERS.parsedIn) && requestMayHave(call, SDK_RESPONSE_STREAM_MEMBERS.parsesBy)) {
      return { lacks: `what the SDK helper's \`${SDK_RESPONSE_STREAM_MEMBERS.parsedIn}()\` parses by the request's \`${SDK_RESPONSE_STREAM_MEMBERS.parsesBy.join('` or `')}\`` };
    }
  }
  if (request.kind === 'chat-stream') {
    // Which converter gives \`function_call\` deltas back depends on whether the request asks for legacy functions:
    // a request built elsewhere may, unless the fix sees all its fields; the SDK stream helper has no such converter.
    if (functions === 'unseen' || (helper && functions === 'asked')) return { lacks: `the legacy function calls the request ${functions === 'asked' ? 'asks' : 'may ask'} for` };
  }
  const user = (awaited ?? value).parent;
  if (ts.isVariableDeclaration(user) && user.type) return undefined;
  // A request known to ask for legacy functions, or known not to, gets \`function_call\` back as the converter gives it.
  const carried = [...(functions === 'unseen' ? [] : [LEGACY_FUNCTION_CALLING.choice]), ...(ownWire?.reads ?? [])];
  const lacking = helper && members ? readsUncarried(call, [...uncarried.anywhere, ...members.uncarried].filter((name) => !carried.includes(name))) : boundaryLacks(call, request.kind, carried, converter);
  return lacking ? (lacking.lacks ? { lacks: lacking.lacks } : undefined) : converter;
}

/** Whether a chat request asks for legacy \`functions\` (request.ts gives them to the OpenAI wire as \`providerTools\`), or may: a request built elsewhere whose fields the fix does not all see. */
function legacyFunctions(request: NeutralRequest): 'asked' | 'not asked' | 'unseen' {
  if (request.legacyFunctions) return 'asked';
  if (!request.fields.some((field) => field.name === '')) return 'not asked';
  if (!request.seenKeys) return 'unseen';
  return request.seenKeys.includes(LEGACY_FUNCTION_CALLING.functions) ? 'asked' : 'not asked';
}

/** Whether a stream is used through the SDK stream helper's members, and only through those it keeps (STREAM_HELPER_MEMBERS, and \`moreEvents\` the request asks for). */
function usesStreamHelper(stream: TS.Expression, members: typeof SDK_STREAM_MEMBERS, moreEvents: readonly string[] = []): boolean {
  const reads = directReads(stream);
  const kept = (read: string) => {
    const [member, event] = read.split(LISTENED, 2);
    return event === undefined ? members.members.includes(member) : members.events.includes(event) || moreEvents.includes(event);
  };
  return reads.length > 0 && reads.every(kept);
}

/**
 * The Responses API events, named where the call's result can reach (\`event.type === '…'\`, a listener), that
 * the events converted back from other providers never have (RESPONSE_EVENTS_MADE): named, or undefined.
 */
function responseEventsUnmade(call: TS.CallExpression): string | undefined {
  const ts = typescript();
  const unmade = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (ts.isStringLiteralLike(node) && node.text.startsWith('response.') && !RESPONSE_EVENTS_MADE.includes(node.text)) unmade.add(node.text);
    else if (node !== call) ts.forEachChild(node, visit);
  };
  visit(enclosingBody(call));
  return unmade.size ? `the \`${[...unmade].join('`, `')}\` events, which other providers never send` : undefined;
}

/** Whether the call's request may have one of these options: written, or hidden in a spread or a request built elsewhere. */
function requestMayHave(call: TS.CallExpression, options: readonly string[]): boolean {
  const ts = typescript();
  const request = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
  if (!request || !ts.isObjectLiteralExpression(request)) return true;
  return request.properties.some((property) => {
    const name = property.name && propertyNameText(property.name);
    return name === undefined || options.includes(name);
  });
}

/**
 * What the result converted back to the SDK's shape would lack that the code reads where a call's result
 * goes (the vendor call, or a caller of the function returning it): \`lacks\` names it, or is absent when
 * the reason says it already (\`instanceof\`, the SDK stream's own members). Undefined when nothing is lacking.
 * \`carried\`: fields the converter chosen for the request gives back after all (a legacy \`function_call\`);
 * \`converter\`: the one chosen, whose result passes an \`instanceof\` test of the SDK class it is made of.
 */
export function boundaryLacks(call: TS.CallExpression, kind: WrapKind, carried: readonly string[] = [], converter?: string): { lacks?: string } | undefined {
  const ts = typescript();
  const uncarried = BOUNDARY_UNCARRIED[kind];
  if (!uncarried) return {};
  const value = resultValue(call);
  const awaited = ts.isAwaitExpression(value.parent) ? outer(value.parent) : undefined;
  const madeOf = converter && CONVERTER_CLASSES[converter];
  const direct = new Set(directReads(awaited ?? value, uncarried.only !== undefined).filter((read) => !madeOf || read !== INSTANCE_CHECK + madeOf));
  if ([...direct].some((read) => read.startsWith(INSTANCE_CHECK))) return {};
  // A result that has only some of the SDK's members: read for those alone (where it is awaited), never handed on whole.
  if (uncarried.only && !awaited) return {};
  if (uncarried.only && direct.has(WHOLE_USE)) return { lacks: "the SDK's other fields" };
  const lacking = [...direct].find((name) => uncarried.only && !uncarried.only.includes(name)) ?? uncarried.direct.find((name) => (name === '*' ? direct.size > 0 : direct.has(name)));
  if (lacking) return lacking === '*' ? {} : { lacks: `\`${lacking}\`` };
  return readsUncarried(call, uncarried.anywhere.filter((name) => !carried.includes(name)));
}

/** The first of \`names\` the code around the call reads where its result can reach. */
function readsUncarried(call: TS.CallExpression, names: readonly string[]): { lacks: string } | undefined {
  const read = names.find((name) => readsMemberFrom(enclosingBody(call), name, call));
  return read ? { lacks: `\`${read}\`, which the code reads` } : undefined;
}

/** Stands for \`instanceof\` among the reads of a result, followed by the SDK class it tests for when it names one. */
const INSTANCE_CHECK = '(instanceof)';

/** Stands for a use of the whole result (passed on, returned, iterated) among its reads, where asked for. */
const WHOLE_USE = '(whole)';

/** Joins a listener method and the event it names among the reads of a stream: `on('content', …)` reads `on:content`. */
const LISTENED = ':';

/**
 * The members read straight off the result: `(await call).id`, `r.id` for `const r = …`, `id` in `const { id } = …`;
 * an event listener (`s.on('content', f)`) with the event it names, and what its chain (it returns the stream) is used for.
 */
function directReads(result: TS.Expression, markWhole = false): string[] {
  const ts = typescript();
  const user = result.parent;
  const member = (node: TS.Expression): string[] => {
    const access = outer(node).parent;
    // \`x instanceof Stream\` tells the SDK's object from another: only a converted one made of that class passes it.
    if (ts.isBinaryExpression(access) && access.left === outer(node) && access.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) return [INSTANCE_CHECK + (sdkClassName(access.right) ?? '')];
    const listener = access.parent;
    if (ts.isPropertyAccessExpression(access) && access.expression === outer(node) && SDK_STREAM_MEMBERS.listeners.includes(access.name.text) && ts.isCallExpression(listener) && listener.expression === access) {
      const event = listener.arguments[0];
      return [`${access.name.text}${LISTENED}${event && ts.isStringLiteralLike(event) ? event.text : '(not a literal)'}`, ...directReads(listener, markWhole)];
    }
    if (ts.isPropertyAccessExpression(access) && access.expression === outer(node)) return [access.name.text];
    if (ts.isElementAccessExpression(access) && access.expression === outer(node)) return ['*'];
    return markWhole ? [WHOLE_USE] : [];
  };
  if (!ts.isVariableDeclaration(user) || user.initializer !== result) return member(result);
  if (ts.isObjectBindingPattern(user.name)) return user.name.elements.map((element) => (element.propertyName ?? element.name).getText());
  const name = user.name;
  if (!ts.isIdentifier(name)) return ['*'];
  const reads: string[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && isReference(node)) reads.push(...member(node));
    ts.forEachChild(node, visit);
  };
  visit(enclosingBody(user));
  return reads;
}

/** \`Stream\` in \`x instanceof Stream\`, when the file imports that name from the SDK (\`openai\`, \`openai/…\`). */
function sdkClassName(node: TS.Expression): string | undefined {
  const ts = typescript();
  if (!ts.isIdentifier(node)) return undefined;
  const imports = (statement: TS.Statement) =>
    ts.isImportDeclaration(statement) &&
    ts.isStringLiteral(statement.moduleSpecifier) &&
    matchVendorModule(statement.moduleSpecifier.text)?.module.name === OPENAI_V3.module &&
    !!statement.importClause?.namedBindings &&
    ts.isNamedImports(statement.importClause.namedBindings) &&
    statement.importClause.namedBindings.elements.some((element) => element.name.text === node.text);
  return node.getSourceFile().statements.some(imports) ? node.text : undefined;
}

/** What the code around a node reads: its function, or the file at top level. */
function enclosingBody(node: TS.Node): TS.Node {
  return enclosingFunction(node) ?? node.getSourceFile();
}

/**
 * Whether the code around a call reads \`.name\` where the call's result can reach: after the call, anywhere
 * in a loop around it, or in a function written in the scope (which may run later). A read before the call
 * (of another call's result) cannot see it.
 */
function readsMemberFrom(scope: TS.Node, name: string, call: TS.CallExpression): boolean {
  const ts = typescript();
  let from = call.getStart();
  for (let node: TS.Node = call; node !== scope && node.parent; node = node.parent) if (ts.isIterationStatement(node, false)) from = node.getStart();
  const visit = (node: TS.Node, inFunction: boolean): boolean =>
    (ts.isPropertyAccessExpression(node) && node.name.text === name && (inFunction || node.getStart() >= from)) ||
    ts.forEachChild(node, (child) => visit(child, inFunction || (node !== scope && ts.isFunctionLike(node)))) === true;
  return visit(scope, false);
}

/** A client's deployment as a model: a literal, or an entry of a config's `models` (an earlier fix moved it there). */
export function deploymentModel(deployment: NonNullable<VendorCallFact['deployment']>): ModelSource {
  if (typeof deployment === 'string') return deployment;
  if (deployment.path.length === 2 && deployment.path[0] === 'models') return { file: deployment.file, key: deployment.path[1] };
  throw new Refusal(`the client's deployment is \`${deployment.path.join('.')}\`, which is not a \`models\` entry of the seam's configuration`);
}

/**
 * The neutral request as an object literal, laid out as the call was: on one line, or (a call written over
 * several lines) one field a line at the indentation of the call's arguments, a value over several lines
 * re-indented to its new place.
 */
function requestLiteral(fields: NeutralRequest['fields'], call: TS.CallExpression, sourceFile: TS.SourceFile): string {
  // A request built elsewhere is converted whole (`chatRequestFromOpenAI({ ...params })`).
  if (fields.length === 1 && fields[0].name === '') return fields[0].text;
  const text = sourceFile.text;
  const lines = text.slice(call.getStart(sourceFile), call.end).split('\n');
  const property = (field: NeutralRequest['fields'][number], fieldText: string) => (field.name === fieldText ? field.name : `${field.name}: ${fieldText}`);
  if (lines.length === 1) return `{ ${fields.map((field) => property(field, field.text)).join(', ')} }`;
  const callIndent = lineIndent(text, call.getStart(sourceFile));
  const argumentIndent = /^[^\S\n]*/.exec(lines[1])![0];
  const fieldIndent = argumentIndent.length > callIndent.length ? argumentIndent : `${callIndent}  `;
  const eol = lines[0].endsWith('\r') ? '\r\n' : '\n';
  const fieldLines = fields.map((field) => `${fieldIndent}${property(field, field.value ? reindented(field.value, sourceFile, fieldIndent) : field.text)},${eol}`);
  return `{${eol}${fieldLines.join('')}${callIndent}}`;
}

/** An expression's text with its later lines moved from its old line's indentation to `indent`; template text is never touched. */
function reindented(value: TS.Expression, sourceFile: TS.SourceFile, indent: string): string {
  const ts = typescript();
  const text = value.getText(sourceFile);
  let spansTemplate = false;
  const visit = (node: TS.Node): void => {
    if ((ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.getText(sourceFile).includes('\n')) spansTemplate = true;
    else ts.forEachChild(node, visit);
  };
  visit(value);
  if (!text.includes('\n') || spansTemplate) return text;
  const original = lineIndent(sourceFile.text, value.getStart(sourceFile));
  return text
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(original) ? indent + line.slice(original.length) : line))
    .join('\n');
}
