/**
 * "Move this project off openai v3 into the seam", offered on a v3 client construction (`new OpenAIApi(…)`).
 * A project on openai v3 cannot get a seam call by call: the seam needs openai 4.104 or later, and one
 * install has one `openai`. This fix moves it at once: every v3 call of the project is wrapped, the clients,
 * options and imports that leaves unused go (a module that only made a v3 client is deleted once nothing
 * imports it), and the dependency is raised. Offered only when nothing of v3 is left; otherwise disabled,
 * naming what stays.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import { matchesAnyGlob } from '../config/globs';
import { EnvReads } from '../engine/env-reads';
import type { ClientConstructionFact, Fact } from '../engine/facts';
import { parseSource, typescript } from '../engine/parse';
import { Scopes } from '../engine/scope';
import { moduleSpecifierOfCall, nodeAtSpan, skipOuterExpressions } from '../engine/syntax';
import { OPENAI_V3 } from '../vendors/wrap-table';
import { type FixInput, type FixSession, type PlannedFix, finishEdits, mergeFileChanges, openFixSession, planFix } from './file-fixes';
import { SeamPlan, projectRootOf } from './seam-plan';
import { applyChanges, lineStartOf, offsetBefore, overlaps } from './text-changes';
import type { FileChange, Fix, TextChange } from './types';

/** A project file after the move's edits to it. */
interface MovedFile {
  filePath: string;
  before: string;
  after: string;
  changes: FileChange[];
}

export function v3MoveFix(session: FixSession, fact: ClientConstructionFact): Fix | undefined {
  const { input } = session;
  if (fact.name !== OPENAI_V3.client) return undefined;
  const projectRoot = projectRootOf(input.filePath, input.workspaceRoot, input.host);
  const seam = new SeamPlan(input.config.fix.seamDir, projectRoot, input.host, { upgradeSdk: true });
  if (!seam.upgradesSdk) return undefined;
  const fix: Fix = { title: 'Move this project off openai v3 into the seam (wrap every v3 call, raise openai)', ruleId: 'vendor-client', kind: 'move-off-v3', span: fact.span, changes: [] };
  const refuse = (reason: string): Fix => ({ ...fix, disabledReason: `Cannot move this project off openai v3: ${reason}.` });
  const files = input.projectFiles?.()?.filter((file) => !matchesAnyGlob(file, input.config.seam) && projectRootOf(file, input.workspaceRoot, input.host) === projectRoot);
  if (!files) return refuse("the project's files cannot be listed");
  const shown = (file: string) => path.relative(projectRoot, file).split(path.sep).join('/');
  try {
    const seams = new Map([[seam.seamDir, seam]]);
    const moved = files.flatMap((filePath) => {
      const file = moveFile({ ...input, filePath, text: (filePath === input.filePath ? input.text : input.host.readFile(filePath)) ?? '' }, seams, shown);
      return file ? [file] : [];
    });
    const textOf = (file: string) => moved.find((candidate) => candidate.filePath === file)?.after ?? input.host.readFile(file);
    const changes: FileChange[] = [];
    for (const file of moved) {
      const after = parseSource(file.filePath, file.after);
      const left = v3Left(input, file, after);
      if (!left) {
        changes.push(...file.changes);
        continue;
      }
      // What stays may be a module that only made the client the wraps no longer use: it goes whole.
      const reason = clientModuleOnly(after) ? importedBy(file.filePath, files, textOf, input) : `\`${left.text}\``;
      if (reason) return refuse(`${shown(file.filePath)} line ${left.line} still uses openai v3 once its calls are wrapped (${reason})`);
      changes.push({ filePath: file.filePath, remove: true, changes: [] });
    }
    const merged = mergeFileChanges(changes.filter((change) => !change.remove));
    if (merged.some((change) => overlaps(change.changes))) return refuse('the edits two files need in a third overlap');
    return { ...fix, changes: [...merged, ...changes.filter((change) => change.remove), ...seam.changes()] };
  } catch (error) {
    if (error instanceof MoveRefusal) return refuse(error.message);
    throw error;
  }
}

/** The move offered on the file's first v3 client, for a run over many files (`aidlint --fix`); undefined when none applies. */
export function projectMoveFor(input: FixInput): Fix | undefined {
  const fact = input.index.analysis(input.filePath, input.text)?.facts.find((candidate): candidate is ClientConstructionFact => candidate.kind === 'client-construction' && candidate.name === OPENAI_V3.client);
  const session = fact && openFixSession(input);
  return session && v3MoveFix(session, fact);
}

class MoveRefusal extends Error {}

/** The file with its v3 calls wrapped (undefined when it has nothing of openai v3); throws when a call cannot be. */
function moveFile(input: FixInput, seams: Map<string, SeamPlan>, shown: (file: string) => string): MovedFile | undefined {
  const facts = input.index.analysis(input.filePath, input.text)?.facts ?? [];
  if (!facts.some(isV3)) return undefined;
  const session = openFixSession(input, seams)!;
  const seam = session.newSeamPlan();
  const planned: PlannedFix[] = [];
  const caught = new Set<TS.CatchClause>();
  const reads: TextChange[] = [];
  for (const call of session.facts) {
    if (call.kind !== 'vendor-call' || call.client !== OPENAI_V3.client) continue;
    const plan = planFix(session, call, seam);
    const line = session.sourceFile.getLineAndCharacterOfPosition(call.span.start).line + 1;
    if (!plan || plan.fix.disabledReason) throw new MoveRefusal(`the call on line ${line} of ${shown(input.filePath)} cannot be wrapped (${plan?.fix.disabledReason?.replace(/^Cannot wrap this call: |\.$/g, '') ?? 'no wrap applies'})`);
    planned.push(plan);
    for (const clause of catchClausesAround(session.sourceFile, call.callSpan)) {
      if (!caught.has(clause)) reads.push(...axiosErrorReads(session.sourceFile, clause, shown(input.filePath)));
      caught.add(clause);
    }
  }
  reads.push(...configurationReads(session.sourceFile, session.scopes));
  // The rewritten reads are edits of the move: the options object they read goes once nothing else does.
  if (planned.length && reads.length) planned.push({ fix: planned[0].fix, edits: reads, imports: [] });
  const { changes, otherFiles } = planned.length ? finishEdits(session, planned) : { changes: [], otherFiles: [] };
  return { filePath: input.filePath, before: input.text, after: applyChanges(input.text, changes), changes: [...(changes.length ? [{ filePath: input.filePath, changes }] : []), ...otherFiles] };
}

/** The \`catch\` clauses of the \`try\` statements whose block holds the call. */
function catchClausesAround(sourceFile: TS.SourceFile, callSpan: { start: number; end: number }): TS.CatchClause[] {
  const ts = typescript();
  const clauses: TS.CatchClause[] = [];
  for (let node: TS.Node | undefined = nodeAtSpan(sourceFile, callSpan, ts.isCallExpression); node; node = node.parent) {
    if (ts.isTryStatement(node) && node.catchClause && callSpan.start < node.tryBlock.end && callSpan.start >= node.tryBlock.pos) clauses.push(node.catchClause);
  }
  return clauses;
}

/**
 * The caught error of a v3 call read in the shape of axios (v3's HTTP library), rewritten to the shape of
 * openai 4 and later, whose errors carry the HTTP status and the body's \`error\` themselves:
 * \`e.response.status\` → \`e.status\`, \`e.response.data\` → \`{ error: e.error }\` (the body),
 * \`e.response.data.error\` → \`e.error\`, \`e.response\` tested → \`e.status\` (an HTTP error has one).
 * Any other read (headers, the whole response handed on) is refused.
 */
function axiosErrorReads(sourceFile: TS.SourceFile, clause: TS.CatchClause, shownFile: string): TextChange[] {
  const ts = typescript();
  const caught = clause.variableDeclaration?.name;
  if (!caught || !ts.isIdentifier(caught)) return [];
  const edits: TextChange[] = [];
  const visit = (node: TS.Node): void => {
    if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'response' || !isNamed(skipOuterExpressions(node.expression), caught.text)) {
      ts.forEachChild(node, visit);
      return;
    }
    const error = node.expression.getText(sourceFile);
    const from = node.name.getStart(sourceFile);
    const outer = node.parent;
    const member = ts.isPropertyAccessExpression(outer) && outer.expression === node ? outer.name.text : undefined;
    const inner = member === 'data' && ts.isPropertyAccessExpression(outer.parent) && outer.parent.expression === outer && outer.parent.name.text === 'error' ? outer.parent : undefined;
    if (member === 'status') edits.push({ start: from, end: outer.end, newText: 'status' });
    else if (inner) edits.push({ start: from, end: inner.end, newText: 'error' });
    else if (member === 'data' && !(ts.isPropertyAccessExpression(outer.parent) && outer.parent.expression === outer)) edits.push({ start: node.getStart(sourceFile), end: outer.end, newText: `{ error: ${error}.error }` });
    else if (member === undefined && isTested(node)) edits.push({ start: from, end: node.end, newText: 'status' });
    else {
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      const read = member === undefined ? node : outer;
      throw new MoveRefusal(`line ${line} of ${shownFile} reads \`${read.getText(sourceFile)}\` of the error of a v3 call, in the shape of openai v3's HTTP library (axios); errors of openai 4 and later carry \`status\` and \`error\` themselves`);
    }
  };
  visit(clause.block);
  return edits;
}

/** Whether an expression is only tested for truthiness: a condition, \`!x\`, or the left of \`&&\` / \`||\`. */
function isTested(node: TS.Expression): boolean {
  const ts = typescript();
  const parent = node.parent;
  if (ts.isIfStatement(parent) || ts.isWhileStatement(parent)) return parent.expression === node;
  if (ts.isConditionalExpression(parent)) return parent.condition === node;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(parent)) return parent.left === node && (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken);
  return false;
}

/**
 * An option read back from the v3 \`Configuration\` the file makes (\`if (!configuration.apiKey)\`, as OpenAI's
 * v3 quickstart checks its key), rewritten to the value it was given, when that reads the same anywhere (an
 * environment read, a literal): the options object can then go with the client.
 */
function configurationReads(sourceFile: TS.SourceFile, scopes: Scopes): TextChange[] {
  const ts = typescript();
  const env = new EnvReads(scopes);
  const given = new Map<TS.Node, Map<string, string>>();
  const collect = (node: TS.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const made = skipOuterExpressions(node.initializer);
      const options = ts.isNewExpression(made) && isNamed(made.expression, OPENAI_V3.options) ? made.arguments?.[0] : undefined;
      if (options && ts.isObjectLiteralExpression(options)) {
        const values = new Map<string, string>();
        for (const property of options.properties) {
          if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && env.readsSameAnywhere(property.initializer)) values.set(property.name.text, property.initializer.getText(sourceFile));
        }
        given.set(node, values);
      }
    }
    ts.forEachChild(node, collect);
  };
  collect(sourceFile);
  const edits: TextChange[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const declaration = scopes.resolve(node.expression)?.declaration;
      const value = declaration && given.get(declaration)?.get(node.name.text);
      if (value !== undefined && !(ts.isBinaryExpression(node.parent) && node.parent.left === node && node.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)) {
        edits.push({ start: node.getStart(sourceFile), end: node.end, newText: value });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return edits;
}

function isNamed(node: TS.Node, name: string): boolean {
  return typescript().isIdentifier(node) && node.text === name;
}

function isV3(fact: Fact): boolean {
  return (
    (fact.kind === 'vendor-import' && fact.module === OPENAI_V3.module && fact.form !== 'side-effect') ||
    (fact.kind === 'vendor-call' && fact.client === OPENAI_V3.client) ||
    (fact.kind === 'client-construction' && (fact.name === OPENAI_V3.client || fact.name === OPENAI_V3.options))
  );
}

/** The first use of openai v3 left once a file is moved: its line and code, where they are in the file now. */
function v3Left(input: FixInput, file: MovedFile, after: TS.SourceFile): { line: number; text: string } | undefined {
  const fact = input.index.analysis(file.filePath, file.after)?.facts.find(isV3);
  if (!fact) return undefined;
  const offset = offsetBefore(file.changes.find((change) => change.filePath === file.filePath)?.changes ?? [], keptBy(after, fact.span.start));
  const lineStart = lineStartOf(file.before, offset);
  const lineEnd = file.before.indexOf('\n', offset);
  return { line: file.before.slice(0, offset).split('\n').length, text: file.before.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trim() };
}

/**
 * What keeps the statement at `offset`: the first use of a name it declares, followed through the variables
 * that use initializes (`configuration.apiKey` keeps `new Configuration(…)`, which keeps the import).
 */
function keptBy(sourceFile: TS.SourceFile, offset: number): number {
  const ts = typescript();
  const scopes = new Scopes();
  const identifiers: TS.Identifier[] = [];
  const collect = (node: TS.Node): void => {
    if (ts.isIdentifier(node)) identifiers.push(node);
    ts.forEachChild(node, collect);
  };
  collect(sourceFile);
  const inside = (outer: TS.Node, node: TS.Node) => outer.getStart(sourceFile) <= node.getStart(sourceFile) && node.end <= outer.end;
  let statement: TS.Node | undefined = sourceFile.statements.find((candidate) => candidate.pos <= offset && offset < candidate.end);
  for (let steps = 0; statement && steps < 4; steps++) {
    const holder: TS.Node = statement;
    const declared = new Set(identifiers.filter((name) => inside(holder, name) && scopes.resolve(name)?.declaration && inside(holder, scopes.resolve(name)!.declaration)).map((name) => scopes.resolve(name)!.declaration));
    const use = identifiers.find((name) => !inside(holder, name) && declared.has(scopes.resolve(name)?.declaration as TS.Node));
    if (!use) break;
    offset = use.getStart(sourceFile);
    statement = ts.findAncestor(use, ts.isVariableStatement);
  }
  return offset;
}

/**
 * Whether the module does nothing but make openai v3 clients: its statements import openai, declare
 * `new Configuration(…)` / `new OpenAIApi(…)` values, or export them.
 */
function clientModuleOnly(sourceFile: TS.SourceFile): boolean {
  const ts = typescript();
  const made = new Set<string>();
  const isV3Construction = (expression: TS.Expression | undefined): boolean => {
    if (!expression) return false;
    if (ts.isNewExpression(expression)) return ts.isIdentifier(expression.expression) && (expression.expression.text === OPENAI_V3.client || expression.expression.text === OPENAI_V3.options);
    return ts.isCallExpression(expression) && moduleSpecifierOfCall(expression) === OPENAI_V3.module;
  };
  const exportsOnlyMade = (expression: TS.Expression): boolean =>
    (ts.isIdentifier(expression) && made.has(expression.text)) ||
    (ts.isObjectLiteralExpression(expression) && expression.properties.every((property) => ts.isShorthandPropertyAssignment(property) ? made.has(property.name.text) : ts.isPropertyAssignment(property) && exportsOnlyMade(property.initializer)));
  return sourceFile.statements.every((statement) => {
    if (ts.isImportDeclaration(statement)) return ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === OPENAI_V3.module;
    if (ts.isVariableStatement(statement)) {
      return statement.declarationList.declarations.every((declaration) => {
        if (!isV3Construction(declaration.initializer)) return false;
        if (ts.isIdentifier(declaration.name)) made.add(declaration.name.text);
        return true;
      });
    }
    if (ts.isExportDeclaration(statement)) return !statement.moduleSpecifier && !!statement.exportClause && ts.isNamedExports(statement.exportClause) && statement.exportClause.elements.every((element) => made.has((element.propertyName ?? element.name).text));
    if (ts.isExportAssignment(statement)) return exportsOnlyMade(statement.expression);
    if (ts.isExpressionStatement(statement)) {
      const expression = statement.expression;
      if (ts.isStringLiteral(expression)) return true; // 'use strict'
      // module.exports = { client }, module.exports.client = client, exports.client = client
      return ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^(module\.)?exports\b/.test(expression.left.getText(sourceFile)) && exportsOnlyMade(expression.right);
    }
    return false;
  });
}

/** Why a client module cannot go: a project file (as the move leaves it) still imports it. */
function importedBy(modulePath: string, files: readonly string[], textOf: (file: string) => string | undefined, input: FixInput): string | undefined {
  const ts = typescript();
  const stem = path.basename(modulePath).replace(/\.[^.]+$/, '');
  for (const filePath of files) {
    const text = filePath === modulePath ? undefined : textOf(filePath);
    if (!text?.includes(stem)) continue;
    const sourceFile = parseSource(filePath, text);
    const found: { importer?: TS.Node } = {};
    const visit = (node: TS.Node): void => {
      if (found.importer) return;
      const specifier =
        ts.isImportDeclaration(node) || ts.isExportDeclaration(node) ? node.moduleSpecifier : ts.isCallExpression(node) && moduleSpecifierOfCall(node) !== undefined ? node.arguments[0] : undefined;
      if (specifier && ts.isStringLiteralLike(specifier) && input.index.resolveModule(filePath, specifier.text) === modulePath) found.importer = node;
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    if (found.importer) return `it makes the client that ${path.basename(filePath)} line ${sourceFile.getLineAndCharacterOfPosition(found.importer.getStart(sourceFile)).line + 1} imports`;
  }
  return undefined;
}
