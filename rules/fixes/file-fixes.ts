/**
 * The fixes aidlint offers for one file, computed from the same facts the rules report:
 * - vendor-call → wrap behind the provider-neutral interface (or the reason it cannot);
 * - hardcoded-model / hardcoded-endpoint / hardcoded-api-version → move the literal into the seam's config;
 * - hardcoded-secret → read the key from an environment variable.
 * Each fix is self-contained (it creates the seam if it is missing); fix-all (fix-all.ts) combines them.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import { matchesAnyGlob } from '../config/globs';
import type { Fact, VendorCallFact } from '../engine/facts';
import { parseSource, typescript } from '../engine/parse';
import { moduleSpecifierOfCall, nodeAtSpan, skipOuterExpressions } from '../engine/syntax';
import { Scopes } from '../engine/scope';
import type { ResolvedConfig } from '../engine/types';
import type { WorkspaceIndex } from '../engine/workspace-index';
import type { SourceSite } from '../engine/values';
import { matchVendorModule } from '../vendors/table';
import { type ImportRequest, type Removable, addImport, importLikeStatements, removeUnused } from './imports';
import { type ClientChoice, type ClientOrigin, chosenClients, clientChoiceStatements, clientOrigins, lazyClientStatement } from './client-origin';
import { type ConnectionProject, type ConnectionSetting, readConnection } from './connection';
import { type OpenFile, constantDefinition } from './constants';
import { clientFix } from './client-fix';
import { v3MoveFix } from './v3-move';
import { unusedInjectedClients } from './injected-clients';
import { type PathAlias, pathAliasesOf } from './path-alias';
import { type FixHost, SeamConfigError, SeamPlan, projectRootOf } from './seam-plan';
import { indexReadsInStyle } from './seam';
import type { FileChange, Fix, TextChange } from './types';
import type { Project } from './importers';
import { type ReturnedResult, UnconvertibleUse, followReturn } from './wrap/callers';
import { MODEL_PLACEHOLDER, type WrapPlan, planWrap, vendorOnlyRefusal } from './wrap/plan';
import { MODEL_ID_PLACEHOLDER, planRunner } from './wrap/runner';
import { convertersIn } from './wrap/result';
import { CALL_SHAPES, CONVERTER_WIRE_NEEDS, KIND_APIS, KIND_SEAM_NAMES, KIND_WIRE_FUNCTIONS } from '../vendors/wrap-table';
import { type FollowConstant, Refusal } from './wrap/request';

/** Neutral names a seam made by an earlier aidlint may lack. */
const LATER_SEAM_NAMES = ['candidateCount', 'candidates', 'moderationModel', 'chatModelById', 'embeddingModelById', 'moderationModelById', 'responseId', 'providerTools', 'toolChoice', 'openAIOptions'];
/** What a neutral name needs beside it: \`providerTools\` without a neutral form is kept on its own connection by the routing of seams with \`toolChoice\`. */
const LATER_SEAM_PAIRS: Readonly<Record<string, readonly string[]>> = { providerTools: ['toolChoice'] };

export interface FixInput {
  filePath: string;
  text: string;
  config: ResolvedConfig;
  index: WorkspaceIndex;
  host: FixHost;
  workspaceRoot: string;
  /** Every source file of the project (where callers of a function may be), when they can be listed. */
  projectFiles?: () => readonly string[] | undefined;
}

/** Shared by the fixes of one pass over a file: the parsed file, its facts, and how to get a seam plan. */
export interface FixSession {
  input: FixInput;
  sourceFile: TS.SourceFile;
  scopes: Scopes;
  facts: readonly Fact[];
  newSeamPlan(): SeamPlan;
  /** The path aliases the file's imports use (worked out on first use). */
  pathAliases(): readonly PathAlias[];
}

/** One fix before imports and clean-up are worked out (fix-all combines several of these). */
export interface PlannedFix {
  fix: Fix;
  /** Changes to the file itself, without imports. */
  edits: TextChange[];
  imports: ImportRequest[];
  /** The model constant a wrap may leave unused. */
  modelConstant?: TS.VariableDeclaration;
  /** Changes to other files (the callers of a function that returned the vendor result). */
  otherFiles?: FileChange[];
  /** `const client = this.getClient()`: once unused, the call stays (it checks the key) and only the variable goes. */
  clientCall?: TS.VariableStatement;
  /** `let openai;` and the `if` that assigns it a client per branch: they go once nothing reads the variable. */
  clientChoice?: ClientChoice;
}

/** `seams` lets fix-all share one plan per seam folder across files, so the seam is made once. */
export function openFixSession(input: FixInput, seams?: Map<string, SeamPlan>): FixSession | undefined {
  const analysis = input.index.analysis(input.filePath, input.text);
  if (!analysis) return undefined;
  const projectRoot = projectRootOf(input.filePath, input.workspaceRoot, input.host);
  const seamDir = input.config.fix.seamDir;
  const sourceFile = parseSource(input.filePath, input.text);
  let aliases: PathAlias[] | undefined;
  return {
    input,
    sourceFile,
    scopes: new Scopes(),
    facts: analysis.facts,
    pathAliases: () => (aliases ??= pathAliasesOf(input.text, (specifier) => input.index.resolveModule(input.filePath, specifier))),
    newSeamPlan: () => {
      const shared = seams?.get(seamDir);
      if (shared) return shared;
      const plan = new SeamPlan(seamDir, projectRoot, input.host);
      seams?.set(seamDir, plan);
      return plan;
    },
  };
}

/** Every fix for the file, each with its own seam plan (for code actions, one at a time). */
export function fixesForFile(input: FixInput): Fix[] {
  const session = openFixSession(input);
  if (!session) return [];
  const fixes: Fix[] = [];
  for (const fact of session.facts) {
    const seam = session.newSeamPlan();
    const fix =
      fact.kind === 'client-construction'
        ? (v3MoveFix(session, fact) ?? clientFix(session, fact, seam, { plan: (call) => planFix(session, call, seam), finish: (planned) => finishEdits(session, planned) }))
        : fixForFact(session, fact, seam);
    if (fix) fixes.push(fix);
  }
  return fixes;
}

export function planFix(session: FixSession, fact: Fact, seam: SeamPlan): PlannedFix | undefined {
  const inSeam = matchesAnyGlob(session.input.filePath, session.input.config.seam);
  switch (fact.kind) {
    case 'vendor-call':
      return inSeam ? undefined : wrapFix(session, fact, seam);
    case 'model-literal':
      return inSeam ? undefined : configFix(session, fact, 'hardcoded-model', 'models', `Move model '${fact.value}' to the seam's configuration`, seam);
    case 'endpoint-literal':
      return inSeam ? undefined : configFix(session, fact, 'hardcoded-endpoint', 'endpoints', `Move endpoint '${fact.host}' to the seam's configuration`, seam);
    case 'api-version-literal':
      return inSeam ? undefined : configFix(session, fact, 'hardcoded-api-version', 'apiVersions', `Move API version '${fact.value}' to the seam's configuration`, seam);
    case 'secret-literal':
      return secretFix(session, fact);
    default:
      return undefined;
  }
}

/** A single fix, complete: its edits, merged imports, clean-up of what it leaves unused, and the seam. */
export function fixForFact(session: FixSession, fact: Fact, seam: SeamPlan): Fix | undefined {
  const planned = planFix(session, fact, seam);
  if (!planned || planned.fix.disabledReason) return planned?.fix;
  const finished = finishEdits(session, [planned]);
  return { ...planned.fix, changes: [{ filePath: session.input.filePath, changes: finished.changes }, ...finished.otherFiles, ...seam.changes()] };
}

/**
 * The planned fixes' edits plus one import per seam module and removal of what became unused (in this
 * file; and a constructor-injected client with the arguments that passed it, wherever they are); with the
 * fixes' changes to other files.
 */
export function finishEdits(session: FixSession, planned: readonly PlannedFix[]): { changes: TextChange[]; otherFiles: FileChange[] } {
  const edits = planned.flatMap((fix) => fix.edits);
  const constants = planned.map((fix) => fix.modelConstant).filter((constant): constant is TS.VariableDeclaration => constant !== undefined);
  const wraps = planned.some((fix) => fix.fix.kind === 'wrap-call');
  const clientCalls = [...new Set(planned.map((fix) => fix.clientCall).filter((statement): statement is TS.VariableStatement => statement !== undefined))];
  const choices = [...new Map(planned.flatMap((fix) => (fix.clientChoice ? [[fix.clientChoice.declaration, fix.clientChoice] as const] : []))).values()];
  const injected = wraps ? unusedInjectedClients(session.sourceFile, edits, session.scopes, projectOf(session.input)) : undefined;
  const removals = wraps
    ? removeUnused(session.sourceFile, [...edits, ...(injected?.changes ?? [])], session.scopes, (statement) => isRemovable(session, statement, constants), injected?.constructors, { callsKept: clientCalls, choices }, true)
    : [];
  // An edit inside a statement that goes away (the key of a client no longer needed) goes with it.
  const isRemoved = (edit: TextChange) => removals.some((removal) => removal.start <= edit.start && edit.end <= removal.end);
  const bySpecifier = new Map<string, ImportRequest>();
  for (const fix of planned) {
    // A fix whose edits all went away (a literal inside a removed constant) needs no import.
    if (fix.edits.length && fix.edits.every(isRemoved)) continue;
    for (const request of fix.imports) {
      const merged = bySpecifier.get(request.specifier);
      if (!merged) {
        bySpecifier.set(request.specifier, { ...request, names: [...request.names], typeNames: [...request.typeNames] });
        continue;
      }
      for (const name of request.names) if (!merged.names.includes(name)) merged.names.push(name);
      for (const name of request.typeNames) if (!merged.typeNames.includes(name)) merged.typeNames.push(name);
    }
  }
  const imports = [...bySpecifier.values()].flatMap((request) => addImport(session.sourceFile, request, removals));
  const changes = [...[...edits, ...(injected?.changes ?? [])].filter((edit) => !isRemoved(edit)), ...imports, ...removals];
  return { changes, otherFiles: mergeFileChanges([...planned.flatMap((fix) => fix.otherFiles ?? []), ...(injected?.otherFiles ?? [])]) };
}

/** One entry per file. */
export function mergeFileChanges(changes: readonly FileChange[]): FileChange[] {
  const byFile = new Map<string, TextChange[]>();
  for (const change of changes) byFile.set(change.filePath, [...(byFile.get(change.filePath) ?? []), ...change.changes]);
  return [...byFile].map(([filePath, fileChanges]) => ({ filePath, changes: fileChanges }));
}

function wrapFix(session: FixSession, fact: VendorCallFact, seam: SeamPlan): PlannedFix {
  const { sourceFile, scopes, input } = session;
  const fix: Fix = { title: 'Wrap behind the provider-neutral interface', ruleId: 'vendor-call', kind: 'wrap-call', span: fact.span, changes: [] };
  const refused = vendorOnlyRefusal(fact) ?? seam.refused ?? seam.unreachableFrom(input.filePath);
  const planned = refused ? { refused } : (planRunner(fact, sourceFile, scopes, followConstant(session)) ?? planWrap(fact, sourceFile, scopes, followConstant(session)));
  const refuse = (reason: string): PlannedFix => ({ fix: { ...fix, disabledReason: `Cannot wrap this call: ${reason}.` }, edits: [], imports: [] });
  if ('refused' in planned) return refuse(planned.refused);
  let plan = planned;
  // Callers first: a refusal must leave the seam's config as it was.
  let returned: ReturnedResult | undefined;
  let modelCall: { callee: string; text: string; key?: string };
  try {
    try {
      returned = plan.returnedBy && followReturn(plan.returnedBy, plan.kind, plan.resultShape, { filePath: input.filePath, scopes }, projectOf(input));
      // A caller here that uses the usage as the SDK's converts it: this file imports the converter.
      if (returned) plan = { ...plan, compat: [...new Set([...plan.compat, ...convertersIn(returned.changes, plan.resultShape)])] };
    } catch (error) {
      // Callers that cannot take the neutral result keep the SDK's shape, converted where the call is.
      if (!(error instanceof Refusal) || error instanceof UnconvertibleUse || !plan.atBoundary) throw error;
      plan = { ...plan, ...plan.atBoundary, returnedBy: undefined };
    }
    modelCall = seam.transaction(() => {
      const call = seamModelCall(session, fact, plan, seam);
      // Neutral names later aidlint versions added to the seam (candidateCount, candidates, moderationModel, …ById).
      const newTexts = [call.text, plan.callChange, ...plan.otherChanges, ...(returned?.changes ?? [])].map((change) => (typeof change === 'string' ? change : change.newText)).join('\n');
      const missing = seam.missingFromIndex([
        ...new Set(LATER_SEAM_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(newTexts)).flatMap((name) => [name, ...(LATER_SEAM_PAIRS[name] ?? [])])),
        ...(plan.passesSettings ? ['RequestOptions'] : []),
        ...(KIND_SEAM_NAMES[plan.kind] ?? []),
        ...(call.passesConnectionSettings ? ['ConnectionSettings'] : []),
      ]);
      if (missing.length) throw new Refusal(`the seam's index has no \`${missing.join('`, `')}\` (add ${missing.length === 1 ? 'it' : 'them'} to its types and adapters first)`);
      if (plan.compat.length && !seam.hasModule('openai-compat')) throw new Refusal("the code uses the OpenAI SDK's shapes and the seam has no openai-compat module to convert them (made by an earlier aidlint)");
      const compatMissing = seam.missingFromModule('openai-compat', plan.compat);
      if (compatMissing.length) throw new Refusal(`the seam's openai-compat module has no \`${compatMissing.join('`, `')}\` (made by an earlier aidlint)`);
      // Its connection's API must be one the seam's adapter sends, or the request would go elsewhere.
      const wire = KIND_WIRE_FUNCTIONS[plan.kind];
      if (wire && seam.missingFromModule('providers/openai-wire', [wire]).length) throw new Refusal(`the seam's OpenAI adapter has no \`${wire}\` for this API (made by an earlier aidlint)`);
      if (plan.ownWireOptions.length && seam.missingFromModule('routing', ['OWN_WIRE_OPTIONS']).length) {
        throw new Refusal(`the seam's routing would send \`${plan.ownWireOptions.join('`, `')}\` to other providers, which do not answer it (made by an earlier aidlint)`);
      }
      const kept = plan.compat.flatMap((name) => CONVERTER_WIRE_NEEDS[name] ?? []);
      const unkept = seam.missingFromModule('providers/openai-wire', [...new Set(kept)]);
      if (unkept.length) throw new Refusal(`the seam's OpenAI adapter does not keep \`${unkept.join('`, `')}\` for openai-compat to convert back exactly (made by an earlier aidlint)`);
      return call;
    });
  } catch (error) {
    if (error instanceof SeamConfigError || error instanceof Refusal) return refuse(error.message);
    throw error;
  }
  const isTypeScript = /\.[mc]?tsx?$/.test(input.filePath);
  const typeNames = [...(plan.needsMessageType ? ['ChatMessage'] : []), ...(returned?.typeName ? [returned.typeName] : [])];
  // A runner's request names the model by its id in the seam's config (runner.ts).
  const namesModelId = plan.callChange.newText.includes(MODEL_ID_PLACEHOLDER);
  if (namesModelId && modelCall.key === undefined) return refuse("the model is chosen where the code runs, so the runner's request cannot name its id in the seam's config");
  const callText = plan.callChange.newText.replace(MODEL_PLACEHOLDER, modelCall.text).replace(MODEL_ID_PLACEHOLDER, `models.${modelCall.key}`);
  return {
    fix,
    edits: [{ ...plan.callChange, newText: callText }, ...plan.otherChanges, ...(returned?.changes ?? [])],
    imports: [
      ...(namesModelId ? [{ specifier: seam.specifier(input.filePath, 'config', session.pathAliases()), names: ['models'], typeNames: [], commonJs: isCommonJsFile(sourceFile, seam) }] : []),
      {
        specifier: seam.specifier(input.filePath, 'index', session.pathAliases()),
        names: [modelCall.callee],
        typeNames: isTypeScript ? typeNames : [],
        commonJs: isCommonJsFile(sourceFile, seam),
      },
      ...(plan.compat.length
        ? [{ specifier: seam.specifier(input.filePath, 'openai-compat', session.pathAliases()), names: plan.compat, typeNames: [], commonJs: isCommonJsFile(sourceFile, seam) }]
        : []),
    ],
    modelConstant: plan.modelConstant,
    otherFiles: returned?.otherFiles,
    clientCall: lazyClientStatement(fact, session),
    clientChoice: clientChoiceStatements(fact, session),
  };
}

/** The seam call that gives a wrapped call its model; \`key\`: the model's config key, when it has one. */
interface SeamModelCall {
  callee: string;
  text: string;
  passesConnectionSettings: boolean;
  key?: string;
}

/**
 * The seam's model for a wrapped call. A client chosen by a condition (`let openai; if (…) openai = …;
 * else openai = …`): the call chooses between the two connections' models by the same condition.
 */
function seamModelCall(session: FixSession, fact: VendorCallFact, plan: WrapPlan, seam: SeamPlan): SeamModelCall {
  const { input } = session;
  const chosen = chosenClients(fact, { sourceFile: session.sourceFile, scopes: session.scopes, index: input.index, project: projectOf(input) });
  if (!chosen) return seamModelCallOn(session, callOrigins(session, fact), fact, plan, seam);
  const [whenTrue, whenFalse] = [chosen.whenTrue, chosen.whenFalse].map((origin) => seamModelCallOn(session, [origin], fact, plan, seam));
  if (whenTrue.callee !== whenFalse.callee) throw new Refusal(`the client is chosen by \`${chosen.condition.getText(session.sourceFile)}\` between clients the seam reaches differently (\`${whenTrue.callee}\`, \`${whenFalse.callee}\`)`);
  return {
    callee: whenTrue.callee,
    text: `(${chosen.condition.getText(session.sourceFile)} ? ${whenTrue.text} : ${whenFalse.text})`,
    passesConnectionSettings: whenTrue.passesConnectionSettings || whenFalse.passesConnectionSettings,
    ...(whenTrue.key === whenFalse.key ? { key: whenTrue.key } : {}),
  };
}

/**
 * The seam call that gives the wrapped call its model, on the connection of its client (one of `origins`,
 * which must agree): by the model's config key (`chatModel('gpt4oMini')`; what the call needs is recorded,
 * `modelNeeds`), or, for a model chosen at run time, by its id on that connection (`chatModelById(model, 'openai')`).
 */
function seamModelCallOn(session: FixSession, origins: readonly ClientOrigin[], fact: VendorCallFact, plan: WrapPlan, seam: SeamPlan): SeamModelCall {
  const { sourceFile, input } = session;
  const { model, factory, needs } = plan;
  const { connection, settings } = connectionOf(session, origins, seam, KIND_APIS[plan.kind], { file: input.filePath, ...fact.callSpan });
  // The values the connection takes from the call, as the code reads them here (`{ apiKey: profile.key }`).
  const settingsText = settings.map((setting) => (setting.name === setting.text ? setting.name : `${setting.name}: ${setting.text}`)).join(', ');
  const passed = settingsText && `, { ${settingsText} }`;
  const passesConnectionSettings = settings.length > 0;
  const byId = (expression: string) => ({ callee: `${factory}ById`, text: `${factory}ById(${expression}, ${quote(connection, sourceFile)}${passed})`, passesConnectionSettings });
  const byKey = (key: string) => {
    seam.need(key, needs);
    return { callee: factory, text: `${factory}(${quote(key, sourceFile)}${passed})`, passesConnectionSettings, key };
  };
  if (typeof model === 'string') return byKey(seam.modelEntry(model, connection));
  if (!('key' in model)) return byId(model.runtime);
  const configFile = 'file' in model ? model.file : input.index.resolveModule(input.filePath, model.specifier);
  // `models.x` of the project's own configuration module: a model chosen where the code runs.
  if ('runtime' in model && configFile !== seam.file('config')) return byId(model.runtime);
  const unusable = seam.modelRefusal(configFile, model.key, connection);
  if (unusable) throw new Refusal(unusable);
  return byKey(model.key);
}

/** Constants followed from the file being fixed, into the modules it imports. */
function followConstant(session: FixSession): FollowConstant {
  const { input, sourceFile, scopes } = session;
  const current: OpenFile = { path: input.filePath, sourceFile, scopes };
  const project = { read: (filePath: string) => input.host.readFile(filePath), resolve: (fromFile: string, specifier: string) => input.index.resolveModule(fromFile, specifier) };
  return (identifier) => {
    const definition = constantDefinition(identifier, current, project);
    return definition && { expression: definition.expression, sameFile: definition.file === current };
  };
}

/** The project around the file, for following a returned result to callers in other files. */
function projectOf(input: FixInput): Project {
  return {
    files: () => input.projectFiles?.(),
    read: (filePath) => input.host.readFile(filePath),
    resolve: (fromFile, specifier) => input.index.resolveModule(fromFile, specifier),
  };
}

/**
 * The seam connection of the clients that may make a call (every one, for an injected client, must be
 * configured the same way). A Refusal when that cannot be known.
 */
function connectionOf(session: FixSession, origins: readonly ClientOrigin[], seam: SeamPlan, api?: string, call?: SourceSite): { connection: string; settings: ConnectionSetting[] } {
  const { input } = session;
  const project: ConnectionProject = {
    files: () => input.projectFiles?.(),
    read: (filePath) => (filePath === input.filePath ? input.text : input.host.readFile(filePath)),
    resolve: (fromFile, specifier) => input.index.resolveModule(fromFile, specifier),
    isSeamConfig: (filePath) => filePath === seam.file('config'),
    typedConfig: /\.[mc]?ts$/.test(seam.file('config')),
  };
  const [spec, ...others] = origins.map((origin) => readConnection(origin.site, origin.className, project, call));
  if (others.some((other) => JSON.stringify(other) !== JSON.stringify(spec))) {
    throw new Refusal('the client is passed in from places that configure it differently, so its requests have no single connection');
  }
  const { site } = origins[0];
  return { connection: seam.connection({ ...spec, api }, `${site.file}:${site.start}${api ? `:${api}` : ''}`), settings: spec.settings };
}

function callOrigins(session: FixSession, fact: VendorCallFact): ClientOrigin[] {
  const { input } = session;
  return clientOrigins(fact, { sourceFile: session.sourceFile, scopes: session.scopes, index: input.index, project: projectOf(input) });
}

/**
 * The connection a model literal is sent through, when the code shows it: the client of the call it is
 * in, or the client whose construction it is in (a deployment). Undefined otherwise.
 */
function literalConnection(session: FixSession, literal: Fact, seam: SeamPlan): string | undefined {
  const within = (span: { start: number; end: number }) => span.start <= literal.span.start && literal.span.end <= span.end;
  try {
    for (const fact of session.facts) {
      if (fact.kind === 'vendor-call' && within(fact.callSpan)) {
        const shape = CALL_SHAPES.find((candidate) => candidate.clients.includes(fact.client) && candidate.method === fact.method);
        return connectionOf(session, callOrigins(session, fact), seam, shape && KIND_APIS[shape.kind], { file: session.input.filePath, ...fact.callSpan }).connection;
      }
      if (fact.kind === 'client-construction' && fact.role === 'client' && within(fact.callSpan)) {
        return connectionOf(session, [{ site: { file: session.input.filePath, ...fact.callSpan }, className: fact.name }], seam).connection;
      }
    }
  } catch (error) {
    if (!(error instanceof Refusal || error instanceof SeamConfigError)) throw error;
  }
  return undefined;
}

function configFix(session: FixSession, fact: Fact, ruleId: Fix['ruleId'], section: 'models' | 'endpoints' | 'apiVersions', title: string, seam: SeamPlan): PlannedFix {
  const { sourceFile, input } = session;
  const literal = literalAt(sourceFile, fact.span);
  const fix: Fix = { title, ruleId, kind: 'config-literal', span: fact.span, changes: [] };
  if (!literal) return { fix: { ...fix, disabledReason: 'Only a whole string literal can move to configuration.' }, edits: [], imports: [] };
  const refused = seam.refused ?? seam.unreachableFrom(input.filePath);
  if (refused) return { fix: { ...fix, disabledReason: `Cannot move it to the seam's configuration: ${refused}.` }, edits: [], imports: [] };
  let key: string;
  try {
    key = section === 'models' ? seam.transaction(() => seam.modelEntry(literal.text, literalConnection(session, fact, seam))) : seam.entry(section, literal.text);
  } catch (error) {
    if (!(error instanceof SeamConfigError)) throw error;
    return { fix: { ...fix, disabledReason: `Cannot move it to the seam's configuration: ${error.message}.` }, edits: [], imports: [] };
  }
  return {
    fix,
    edits: [{ start: literal.getStart(sourceFile), end: literal.end, newText: `${section}.${key}` }],
    imports: [{ specifier: seam.specifier(input.filePath, 'config', session.pathAliases()), names: [section], typeNames: [], commonJs: isCommonJsFile(sourceFile, seam) }],
  };
}

function secretFix(session: FixSession, fact: Extract<Fact, { kind: 'secret-literal' }>): PlannedFix {
  const { sourceFile, input } = session;
  const name = fact.keyKind === 'azure-key' ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY';
  const fix: Fix = { title: `Read the key from process.env.${name}`, ruleId: 'hardcoded-secret', kind: 'env-secret', span: fact.span, changes: [] };
  const literal = literalAt(sourceFile, fact.literalSpan ?? fact.span) ?? literalContaining(sourceFile, fact.span);
  if (!literal || literal.text.length !== fact.span.end - fact.span.start) {
    const reason = 'The key is not a whole string literal (it is in a comment, a template or a longer string); remove it by hand.';
    return { fix: { ...fix, disabledReason: reason }, edits: [], imports: [] };
  }
  // TypeScript needs a string where the key was; never a fallback to the key itself.
  const isTypeScript = /\.[mc]?tsx?$/.test(input.filePath);
  const read = indexReadsInStyle(`process.env.${name}`, session.newSeamPlan().style);
  return { fix, edits: [{ start: literal.getStart(sourceFile), end: literal.end, newText: `${read}${isTypeScript ? '!' : ''}` }], imports: [] };
}

/**
 * What the wrap fix may delete once unused: vendor imports, imports of client modules and of the seam
 * (`models`, which a wrapped call no longer reads), client variables and private client fields, the model
 * constant.
 */
function isRemovable(session: FixSession, statement: Removable, modelConstants: readonly TS.VariableDeclaration[]): boolean {
  const ts = typescript();
  const { input, facts } = session;
  const isVendorModule = (specifier: string) => {
    if (matchVendorModule(specifier)) return true;
    const target = input.index.resolveModule(input.filePath, specifier);
    return target !== undefined && (input.index.exportsVendor(target) || matchesAnyGlob(target, input.config.seam));
  };
  const isConstruction = () => {
    const start = statement.getStart(session.sourceFile);
    return facts.some((fact) => fact.kind === 'client-construction' && fact.span.start >= start && fact.span.end <= statement.end);
  };
  if (ts.isPropertyDeclaration(statement)) {
    // `private readonly client = new OpenAI(…)` or `= openai` (a client imported from a module): no side effect.
    const init = statement.initializer && skipOuterExpressions(statement.initializer);
    if (init && ts.isNewExpression(init)) return isConstruction();
    const origin = init && ts.isIdentifier(init) ? session.scopes.resolve(init)?.origin : undefined;
    return origin !== undefined && isVendorModule(origin.specifier);
  }
  if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) return isVendorModule(statement.moduleSpecifier.text);
  // `import azureOpenAI = require('@azure/openai')`
  if (ts.isImportEqualsDeclaration(statement)) {
    const reference = statement.moduleReference;
    return ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression) && isVendorModule(reference.expression.text);
  }
  if (!ts.isVariableStatement(statement)) return false;
  if (statement.declarationList.declarations.some((declaration) => modelConstants.includes(declaration))) return true;
  // `const { openai } = require('./lib/openai')`: the CommonJS form of an import.
  const required = statement.declarationList.declarations.map((declaration) => {
    const init = declaration.initializer && skipOuterExpressions(declaration.initializer);
    return init && ts.isCallExpression(init) ? moduleSpecifierOfCall(init) : undefined;
  });
  if (required.every((specifier) => specifier !== undefined && isVendorModule(specifier))) return true;
  const start = statement.getStart(session.sourceFile);
  return facts.some((fact) => (fact.kind === 'client-construction' || fact.kind === 'vendor-import') && fact.span.start >= start && fact.span.end <= statement.end);
}

/** Whether the file imports with `require`: by its extension, else (JavaScript) by its own imports, else the project's style. */
function isCommonJsFile(sourceFile: TS.SourceFile, seam: SeamPlan): boolean {
  const ts = typescript();
  const extension = path.extname(sourceFile.fileName);
  if (extension === '.cjs' || extension === '.cts') return true;
  if (extension === '.mjs' || extension === '.mts') return false;
  if (/\.jsx?$/.test(extension)) {
    const isModuleSyntax = (statement: TS.Statement) => ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement);
    if (sourceFile.statements.some(isModuleSyntax)) return false;
    if (importLikeStatements(sourceFile).length > 0) return true;
  }
  return seam.style.module === 'cjs' && seam.style.language === 'js';
}

/** The string literal exactly at a span, or (offset by its quotes) around it. */
function literalAt(sourceFile: TS.SourceFile, span: { start: number; end: number }, insideQuotes = false): TS.StringLiteralLike | undefined {
  const quotes = insideQuotes ? 1 : 0;
  return nodeAtSpan(sourceFile, { start: span.start - quotes, end: span.end + quotes }, typescript().isStringLiteralLike);
}

/** The string literal whose whole text is a key found inside it. */
function literalContaining(sourceFile: TS.SourceFile, span: { start: number; end: number }): TS.StringLiteralLike | undefined {
  return literalAt(sourceFile, span, true);
}

/** A string literal in the quote style the file mostly uses. */
function quote(value: string, sourceFile: TS.SourceFile): string {
  const singles = (sourceFile.text.match(/'/g) ?? []).length;
  const doubles = (sourceFile.text.match(/"/g) ?? []).length;
  return doubles > singles ? JSON.stringify(value) : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
