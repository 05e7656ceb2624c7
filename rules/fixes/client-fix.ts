/**
 * "Route this client through the seam" on a vendor client construction: every call made through the
 * client in this file is wrapped, and the client (then its import) goes away. Offered only when that
 * leaves nothing of the client behind; otherwise disabled with what keeps it (an export, a call the seam
 * cannot carry, another use).
 */
import type * as TS from 'typescript';
import type { ClientConstructionFact, VendorCallFact } from '../engine/facts';
import { typescript } from '../engine/parse';
import { nodeAtSpan, skipOuterExpressions } from '../engine/syntax';
import type { FixSession, PlannedFix } from './file-fixes';
import type { SeamPlan } from './seam-plan';
import type { FileChange, Fix, TextChange } from './types';

/** The variable or class field a construction initializes. */
type Holder = { kind: 'variable'; declaration: TS.VariableDeclaration; name: TS.Identifier } | { kind: 'field'; declaration: TS.PropertyDeclaration; name: TS.Identifier | TS.PrivateIdentifier };

/** How the file's fixes are planned and finished (file-fixes.ts), for the calls through the client. */
export interface CallFixes {
  plan(call: VendorCallFact): PlannedFix | undefined;
  finish(planned: readonly PlannedFix[]): { changes: TextChange[]; otherFiles: FileChange[] };
}

export function clientFix(session: FixSession, fact: ClientConstructionFact, seam: SeamPlan, callFixes: CallFixes): Fix | undefined {
  if (fact.role !== 'client') return undefined;
  const { sourceFile, input } = session;
  const holder = holderOf(sourceFile, fact.callSpan);
  const name = holder?.name.text ?? fact.name;
  const fix: Fix = { title: `Route '${name}' through the seam (wrap its calls, remove the client)`, ruleId: 'vendor-client', kind: 'route-client', span: fact.span, changes: [] };
  const refuse = (reason: string): Fix => ({ ...fix, disabledReason: `Cannot route this client through the seam: ${reason}.` });
  if (!holder) return refuse('it is not kept in a variable or class field that the fix can follow');
  if (holder.kind === 'variable' && isExported(holder.declaration, sourceFile)) {
    return refuse(`\`${name}\` is exported; wrap the calls in the modules that import it (each has its own fix), then delete it`);
  }

  const calls = session.facts.filter((candidate): candidate is VendorCallFact => candidate.kind === 'vendor-call' && isThrough(candidate, holder, session));
  if (calls.length === 0) return undefined;
  const planned: PlannedFix[] = [];
  for (const call of calls) {
    const plan = callFixes.plan(call);
    if (!plan) return undefined;
    if (plan.fix.disabledReason) return refuse(`its call on line ${lineOf(sourceFile, call.span.start)} cannot be wrapped (${plan.fix.disabledReason.replace(/^Cannot wrap this call: |\.$/g, '')})`);
    planned.push(plan);
  }
  const { changes: edits, otherFiles } = callFixes.finish(planned);
  if (!edits.some((edit) => isRemoval(edit) && edit.start <= fact.callSpan.start && fact.callSpan.end <= edit.end)) {
    const use = remainingUse(holder, session, planned);
    return refuse(`\`${name}\` is still used${use === undefined ? '' : ` on line ${lineOf(sourceFile, use)}`} once its calls are wrapped`);
  }
  return { ...fix, changes: [{ filePath: input.filePath, changes: edits }, ...otherFiles, ...seam.changes()] };
}

function holderOf(sourceFile: TS.SourceFile, span: { start: number; end: number }): Holder | undefined {
  const ts = typescript();
  const construction = nodeAtSpan(sourceFile, span, ts.isNewExpression);
  let node: TS.Node | undefined = construction?.parent;
  while (node && !ts.isVariableDeclaration(node) && !ts.isPropertyDeclaration(node) && !ts.isStatement(node)) node = node.parent;
  if (!node || !(ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) || !node.initializer || skipOuterExpressions(node.initializer) !== construction) return undefined;
  if (ts.isVariableDeclaration(node)) return ts.isIdentifier(node.name) ? { kind: 'variable', declaration: node, name: node.name } : undefined;
  return ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name) ? { kind: 'field', declaration: node, name: node.name } : undefined;
}

function isExported(declaration: TS.VariableDeclaration, sourceFile: TS.SourceFile): boolean {
  const ts = typescript();
  const statement = declaration.parent.parent;
  if (ts.isVariableStatement(statement) && statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return true;
  const name = (declaration.name as TS.Identifier).text;
  const mentions = (node: TS.Node) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(node.getText(sourceFile));
  return sourceFile.statements.some((other) => {
    if (ts.isExportDeclaration(other)) return !other.moduleSpecifier && !!other.exportClause && ts.isNamedExports(other.exportClause) && other.exportClause.elements.some((element) => (element.propertyName ?? element.name).text === name);
    if (ts.isExportAssignment(other)) return mentions(other.expression);
    // CommonJS: `module.exports = { client }`, `exports.client = client`.
    return ts.isExpressionStatement(other) && /\b(?:module\.)?exports\b/.test(other.getText(sourceFile)) && mentions(other);
  });
}

/** Whether the call's receiver is the holder: `client.…` resolving to it, or `this.client.…` in its class. */
function isThrough(call: VendorCallFact, holder: Holder, session: FixSession): boolean {
  const ts = typescript();
  const isAccess = (node: TS.Node): node is TS.PropertyAccessExpression | TS.ElementAccessExpression => ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
  let root: TS.Node | undefined = nodeAtSpan(session.sourceFile, call.span, isAccess);
  while (root && (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isNonNullExpression(root))) {
    if (holder.kind === 'field' && ts.isPropertyAccessExpression(root) && root.expression.kind === ts.SyntaxKind.ThisKeyword) {
      return root.name.text === holder.name.text && classOf(root) === holder.declaration.parent;
    }
    root = root.expression;
  }
  return holder.kind === 'variable' && !!root && ts.isIdentifier(root) && session.scopes.resolve(root)?.declaration === holder.declaration;
}

/** The first reference to the holder outside the wrapped calls (offset), if the scan finds one. */
function remainingUse(holder: Holder, session: FixSession, planned: readonly PlannedFix[]): number | undefined {
  const ts = typescript();
  const rewritten = planned.flatMap((plan) => plan.edits);
  let found: number | undefined;
  const visit = (node: TS.Node): void => {
    if (found !== undefined) return;
    const position = node.getStart(session.sourceFile);
    const isReference =
      node !== holder.name &&
      (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) &&
      node.text === holder.name.text &&
      (holder.kind === 'field' || (ts.isIdentifier(node) && session.scopes.resolve(node)?.declaration === holder.declaration));
    if (isReference && !rewritten.some((edit) => edit.start <= position && position < edit.end)) found = position;
    ts.forEachChild(node, visit);
  };
  visit(session.sourceFile);
  return found;
}

function classOf(node: TS.Node): TS.Node | undefined {
  const ts = typescript();
  for (let current = node.parent; current; current = current.parent) if (ts.isClassLike(current)) return current;
  return undefined;
}

function isRemoval(edit: TextChange): boolean {
  return edit.newText === '';
}

function lineOf(sourceFile: TS.SourceFile, offset: number): number {
  return sourceFile.getLineAndCharacterOfPosition(offset).line + 1;
}
