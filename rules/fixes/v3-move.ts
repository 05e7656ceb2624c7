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
import type { ClientConstructionFact, Fact } from '../engine/facts';
import { parseSource, typescript } from '../engine/parse';
import { Scopes } from '../engine/scope';
import { moduleSpecifierOfCall, nodeAtSpan, skipOuterExpressions } from '../engine/syntax';
import { OPENAI_V3 } from '../vendors/wrap-table';
import { type FixInput, type FixSession, type PlannedFix, finishEdits, mergeFileChanges, openFixSession, planFix } from './file-fixes';
import { SeamPlan, projectRootOf } from './seam-plan';
import { applyChanges, lineStartOf, offsetBefore, overlaps } from './text-changes';
import type { FileChange, Fix } from './types';

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
  for (const call of session.facts) {
    if (call.kind !== 'vendor-call' || call.client !== OPENAI_V3.client) continue;
    const plan = planFix(session, call, seam);
    const line = session.sourceFile.getLineAndCharacterOfPosition(call.span.start).line + 1;
    if (!plan || plan.fix.disabledReason) throw new MoveRefusal(`the call on line ${line} of ${shown(input.filePath)} cannot be wrapped (${plan?.fix.disabledReason?.replace(/^Cannot wrap this call: |\.$/g, '') ?? 'no wrap applies'})`);
    planned.push(plan);
    const axiosRead = axiosErrorRead(session.sourceFile, call.callSpan);
    if (axiosRead) throw new MoveRefusal(`line ${axiosRead.line} of ${shown(input.filePath)} reads \`${axiosRead.text}\` of the error of a v3 call, in the shape of openai v3's HTTP library (axios); errors of openai 4 and later carry \`status\` and \`error\` themselves`);
  }
  const { changes, otherFiles } = planned.length ? finishEdits(session, planned) : { changes: [], otherFiles: [] };
  return { filePath: input.filePath, before: input.text, after: applyChanges(input.text, changes), changes: [...(changes.length ? [{ filePath: input.filePath, changes }] : []), ...otherFiles] };
}

/** A read of `.response` (axios's error shape) on the caught error of a `try` around the call. */
function axiosErrorRead(sourceFile: TS.SourceFile, callSpan: { start: number; end: number }): { line: number; text: string } | undefined {
  const ts = typescript();
  for (let node: TS.Node | undefined = nodeAtSpan(sourceFile, callSpan, ts.isCallExpression); node; node = node.parent) {
    if (!ts.isTryStatement(node) || !node.catchClause?.variableDeclaration || callSpan.start >= node.tryBlock.end) continue;
    const caught = node.catchClause.variableDeclaration.name;
    if (!ts.isIdentifier(caught)) continue;
    let read: TS.Node | undefined;
    const visit = (child: TS.Node): void => {
      if (read) return;
      if (ts.isPropertyAccessExpression(child) && child.name.text === 'response' && isNamed(skipOuterExpressions(child.expression), caught.text)) read = child;
      else ts.forEachChild(child, visit);
    };
    visit(node.catchClause.block);
    if (read) return { line: sourceFile.getLineAndCharacterOfPosition(read.getStart(sourceFile)).line + 1, text: read.getText(sourceFile) };
  }
  return undefined;
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
