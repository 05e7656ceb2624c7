/**
 * Import bookkeeping for fixes: add names from the seam (merging into an import that is already there),
 * and remove vendor imports and client variables that the fixed code no longer uses.
 */
import type * as TS from 'typescript';
import { EnvReads } from '../engine/env-reads';
import { moduleSpecifierOfCall, skipOuterExpressions } from '../engine/syntax';
import { typescript } from '../engine/parse';
import type { Scopes } from '../engine/scope';
import { lineStartOf } from './text-changes';
import type { TextChange } from './types';

export interface ImportRequest {
  specifier: string;
  names: string[];
  /** Type-only names (TypeScript): imported with an inline `type` modifier. */
  typeNames: string[];
  commonJs: boolean;
}

/** `removed`: statements other edits delete; the new import is not anchored to them. */
export function addImport(sourceFile: TS.SourceFile, request: ImportRequest, removed: readonly TextChange[] = []): TextChange[] {
  const ts = typescript();
  const text = sourceFile.text;
  const wanted = [...request.names, ...request.typeNames.map((name) => `type ${name}`)];
  const isRemoved = (statement: TS.Statement) => removed.some((range) => range.start <= statement.getStart(sourceFile) && statement.end <= range.end);
  for (const statement of sourceFile.statements) {
    if (isRemoved(statement)) continue;
    const existing = existingNamedBindings(statement, request);
    if (!existing) continue;
    const present = new Set(existing.elements.map((element) => element.getText(sourceFile).replace(/^type\s+/, '')));
    const missing = wanted.filter((name) => !present.has(name.replace(/^type\s+/, '')));
    if (missing.length === 0) return [];
    const last = existing.elements[existing.elements.length - 1];
    const at = last ? last.end : existing.getStart(sourceFile) + 1;
    return [{ start: at, end: at, newText: `${last ? ', ' : ' '}${missing.join(', ')}${last ? '' : ' '}` }];
  }
  const line = request.commonJs
    ? `const { ${request.names.join(', ')} } = require('${request.specifier}');`
    : `import { ${wanted.join(', ')} } from '${request.specifier}';`;
  const imports = importLikeStatements(sourceFile);
  const anchor = imports.filter((statement) => !isRemoved(statement)).pop();
  if (anchor) {
    // After a comment that ends the anchor's line (\`import { z } from 'zod'; // v4\`), which stays with it.
    const at = ts.getTrailingCommentRanges(text, anchor.end)?.at(-1)?.end ?? anchor.end;
    return [{ start: at, end: at, newText: `${eol(text)}${line}` }];
  }
  // Every import goes away: put the new one where they started.
  if (imports.length) {
    const at = lineStartOf(text, imports[0].getStart(sourceFile));
    return [{ start: at, end: at, newText: `${line}${eol(text)}` }];
  }
  // Above the first statement's own comments, so they stay with it.
  const first = sourceFile.statements.find((statement) => !isDirective(statement));
  const at = first ? startWithComments(first, sourceFile) : text.length;
  return [{ start: at, end: at, newText: `${line}${eol(text)}${first ? eol(text) : ''}` }];

  function isDirective(statement: TS.Statement): boolean {
    return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
  }
}

/** `import { … } from 'spec'` or `const { … } = require('spec')` for the requested specifier. */
function existingNamedBindings(statement: TS.Statement, request: ImportRequest): TS.NamedImports | TS.ObjectBindingPattern | undefined {
  const ts = typescript();
  if (!request.commonJs && ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === request.specifier) {
    const bindings = statement.importClause?.namedBindings;
    return bindings && ts.isNamedImports(bindings) && !statement.importClause?.isTypeOnly ? bindings : undefined;
  }
  if (request.commonJs && ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer && skipOuterExpressions(declaration.initializer);
      if (init && ts.isCallExpression(init) && moduleSpecifierOfCall(init) === request.specifier && ts.isObjectBindingPattern(declaration.name)) return declaration.name;
    }
  }
  return undefined;
}

/** The leading run of import / require statements. */
export function importLikeStatements(sourceFile: TS.SourceFile): TS.Statement[] {
  const ts = typescript();
  const found: TS.Statement[] = [];
  for (const statement of sourceFile.statements) {
    const isRequire =
      ts.isVariableStatement(statement) &&
      statement.declarationList.declarations.some((declaration) => {
        const init = declaration.initializer && skipOuterExpressions(declaration.initializer);
        return !!init && ts.isCallExpression(init) && moduleSpecifierOfCall(init) !== undefined;
      });
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || isRequire) found.push(statement);
    else if (found.length) break;
  }
  return found;
}

/**
 * Statements around a client that the clean-up treats apart: `const client = this.getClient()` whose call
 * stays when the variable goes (`callsKept`), `let openai;` with the `if` whose branches only assign it.
 */
export interface ClientStatements {
  callsKept?: readonly TS.VariableStatement[];
  choices?: ReadonlyArray<{ declaration: TS.VariableStatement; choice: TS.IfStatement }>;
}

/** The names a variable statement declares, when each is a plain name. */
function declaredName(statement: TS.VariableStatement): TS.Identifier[] {
  const names = statement.declarationList.declarations.map((declaration) => declaration.name);
  return names.every((name): name is TS.Identifier => typescript().isIdentifier(name)) ? names : [];
}

/** What the clean-up may delete: a statement, or a private class field (`private readonly client = …`). */
export type Removable = TS.Statement | TS.PropertyDeclaration | TS.ConstructorDeclaration;

/**
 * Declarations that become unused once `edits` are applied: a private field that held a client, a client
 * variable whose value is only a construction (or a model constant), then the imports they alone used.
 * `candidates` says which may go; `alsoRemove` go in any case (a constructor left empty); `clients` says
 * which statements around a client go in their own way; `importsReplaced`: new imports take the place of the
 * old ones when every one goes (addImport), so the blank line after them stays. Returns deletions of whole
 * statements and members, and of variables whose call stays.
 */
export function removeUnused(
  sourceFile: TS.SourceFile,
  edits: readonly TextChange[],
  scopes: Scopes,
  candidates: (node: Removable) => boolean,
  alsoRemove: readonly Removable[] = [],
  clients: ClientStatements = {},
  importsReplaced = false,
): TextChange[] {
  const ts = typescript();
  const removed: Removable[] = [...alsoRemove];
  const deletedRanges = () => [...edits, ...removed.map((statement) => ({ start: statement.getFullStart(), end: statement.end, newText: '' }))];
  /** Whether a name is still used once the deletions are made, and whether the deletions took a use of it. */
  const usage = (name: TS.Identifier) => {
    const binding = scopes.resolve(name);
    const found = { live: false, deleted: false };
    const visit = (node: TS.Node): void => {
      if (found.live) return;
      if (ts.isIdentifier(node) && node !== name && node.text === name.text && scopes.resolve(node) === binding && !isNameOnly(node)) {
        const position = node.getStart(sourceFile);
        const range = deletedRanges().find((candidate) => candidate.start <= position && position < candidate.end);
        // A use inside an edit stays when the new text still names it (`chatModelById(models.fast, …)`, `...history()`),
        // not as a property (`x.name`).
        if (range && !new RegExp(`(?<![\\w$])(?<!(?<!\\.\\.)\\.)${name.text.replace(/\$/g, '\\$')}(?![\\w$])`).test(withoutQuotedStrings(range.newText))) found.deleted = true;
        else found.live = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return found;
  };
  const isUnused = (name: TS.Identifier) => !usage(name).live;
  const env = new EnvReads(scopes);
  // What the fix took every use of goes too: an import (a credential class only the removed client used), a
  // value that reads the same anywhere (\`const endpoint = process.env.AZURE_OPENAI_ENDPOINT!\` it was made with).
  const isOrphaned = (statement: TS.Statement, names: TS.Identifier[]) => {
    const orphanable = ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || (ts.isVariableStatement(statement) && statement.declarationList.declarations.every((declaration) => declaration.initializer && env.readsSameAnywhere(declaration.initializer)));
    const uses = names.map(usage);
    return orphanable && uses.every((use) => !use.live) && uses.some((use) => use.deleted);
  };
  // A private field is read only through its class: no identifier, private name or string of its name may be left.
  const isUnusedField = (field: TS.PropertyDeclaration) => {
    const name = field.name;
    if (!ts.isIdentifier(name) && !ts.isPrivateIdentifier(name)) return false;
    let used = false;
    const visit = (node: TS.Node): void => {
      if (used) return;
      if (node !== name && (ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || ts.isStringLiteralLike(node)) && node.text === name.text) {
        const position = node.getStart(sourceFile);
        if (!deletedRanges().some((range) => range.start <= position && position < range.end)) used = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return !used;
  };
  for (const field of privateFields(sourceFile)) if (candidates(field) && isUnusedField(field)) removed.push(field);
  // Client variables next: their removal can leave the imports they used unused.
  for (const pass of ['variables', 'imports'] as const) {
    // `let openai; if (…) openai = new …; else openai = new …`: both go when nothing else reads the variable.
    if (pass === 'imports') {
      for (const { declaration, choice } of clients.choices ?? []) {
        if (removed.includes(declaration)) continue;
        removed.push(declaration, choice);
        if (!declaredName(declaration).every(isUnused)) removed.splice(-2, 2);
      }
    }
    // Variables anywhere (a client made inside a function), imports at the top. Variables until none more
    // goes: a client's removal can leave the options it was made with unused (v3's \`new Configuration(…)\`).
    for (let before = -1; before !== removed.length && (pass === 'variables' || before === -1); ) {
      before = removed.length;
      for (const statement of pass === 'variables' ? variableStatements(sourceFile) : sourceFile.statements) {
        if (removed.includes(statement)) continue;
        const names = declaredNames(statement, pass, env);
        if (!names.length) continue;
        if (candidates(statement) ? names.every(isUnused) : isOrphaned(statement, names)) removed.push(statement);
      }
    }
  }
  // `const client = this.getClient()`: the call still runs (its guard throws when a key is missing), the name goes.
  const bindingsDropped = (clients.callsKept ?? [])
    .filter((statement) => !removed.includes(statement) && statement.declarationList.declarations.every((declaration) => declaration.initializer) && declaredName(statement).every(isUnused))
    .map((statement) => {
      const start = statement.declarationList.declarations[0].initializer!.getStart(sourceFile);
      // A statement that starts with `(` or `[` would continue the line above where semicolons are left out.
      return { start: statement.declarationList.getStart(sourceFile), end: start, newText: /[([`+\-/]/.test(sourceFile.text[start]) ? ';' : '' };
    });
  const text = sourceFile.text;
  const imports = importLikeStatements(sourceFile);
  const replacedAt = importsReplaced && imports.length && imports.every((statement) => removed.includes(statement)) ? lineStartOf(text, startWithComments(imports[0], sourceFile)) : undefined;
  const lines = removed
    .map((node) => ({ start: lineStartOf(text, startWithComments(node, sourceFile)), end: lineEnd(text, node.end) }))
    .sort((a, b) => a.start - b.start);
  return lines.map(({ start, end }, index) => {
    // Removals on consecutive lines are one block: what matters is the line above the first of them.
    let blockStart = start;
    for (let previous = index - 1; previous >= 0 && lines[previous].end === blockStart; previous--) blockStart = lines[previous].start;
    // Between two blank lines, the block goes with one of them, so no double gap is left; after an opening
    // brace (the first members of a class), a blank line left behind would open the body.
    const blankAfter = /^[^\S\n]*\n/.exec(text.slice(end))?.[0];
    const blankBefore = blockStart > 0 && /(?:\n[^\S\n]*|\{[^\S\n]*\r?)\n$/.test(text.slice(0, blockStart));
    const touched = (at: number) => edits.some((edit) => edit.start <= at && at <= edit.end);
    const swallow = blankAfter !== undefined && blankBefore && blockStart !== replacedAt && !touched(end) && !touched(end + blankAfter.length);
    return { start, end: swallow ? end + blankAfter.length : end, newText: '' };
  }).concat(bindingsDropped);
}

/**
 * Where a declaration starts together with the comment lines right above it (no blank line between): they
 * describe it and go with it. Imports keep theirs, and so does a file's opening comment (a header) unless
 * it is a doc comment (`/** … *\/`), which documents the declaration.
 */
function startWithComments(node: TS.Statement | Removable, sourceFile: TS.SourceFile): number {
  const ts = typescript();
  const text = sourceFile.text;
  let begin = node.getStart(sourceFile);
  if (ts.isImportDeclaration(node)) return begin;
  const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  for (const comment of [...comments].reverse()) {
    const ownLine = /^[^\S\n]*$/.test(text.slice(lineStartOf(text, comment.pos), comment.pos));
    const blankBetween = /\n[^\S\n]*\n/.test(text.slice(comment.end, begin));
    if (!ownLine || blankBetween) break;
    // The file's header (a run of line comments from its first line) stays whole, however many lines it has.
    if (comment.pos === 0 && !text.startsWith('/**', comment.pos)) return node.getStart(sourceFile);
    begin = comment.pos;
  }
  return begin;
}

function variableStatements(sourceFile: TS.SourceFile): TS.VariableStatement[] {
  const ts = typescript();
  const found: TS.VariableStatement[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isVariableStatement(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function privateFields(sourceFile: TS.SourceFile): TS.PropertyDeclaration[] {
  const ts = typescript();
  const fields: TS.PropertyDeclaration[] = [];
  const visit = (node: TS.Node): void => {
    const isPrivate = (member: TS.PropertyDeclaration) =>
      ts.isPrivateIdentifier(member.name) || !!member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword);
    if (ts.isPropertyDeclaration(node) && node.initializer && isPrivate(node)) fields.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return fields;
}

function declaredNames(statement: TS.Statement, pass: 'variables' | 'imports', env: EnvReads): TS.Identifier[] {
  const ts = typescript();
  if (pass === 'imports' && ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause) return [];
    const names: TS.Identifier[] = clause.name ? [clause.name] : [];
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name);
    else if (bindings) names.push(...bindings.elements.map((element) => element.name));
    return names;
  }
  if (pass === 'imports' && ts.isImportEqualsDeclaration(statement)) return [statement.name];
  if (!ts.isVariableStatement(statement) || statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return [];
  const names: TS.Identifier[] = [];
  for (const declaration of statement.declarationList.declarations) {
    const init = declaration.initializer && skipOuterExpressions(declaration.initializer);
    const isImport = !!init && ts.isCallExpression(init) && moduleSpecifierOfCall(init) !== undefined;
    // A construction, a literal, an environment read or a configuration entry (`models.gpt4o`) has no side effect, so an unused one can go.
    const isPlainValue = !!init && (ts.isNewExpression(init) || env.readsSameAnywhere(init) || (ts.isPropertyAccessExpression(init) && ts.isIdentifier(init.expression)));
    if ((pass === 'imports' && !isImport) || (pass === 'variables' && !isPlainValue)) return [];
    if (ts.isIdentifier(declaration.name)) names.push(declaration.name);
    else for (const element of declaration.name.elements) if (!ts.isOmittedExpression(element) && ts.isIdentifier(element.name)) names.push(element.name);
  }
  return names;
}

/** A property name or a declaration's own name, not a use. */
function isNameOnly(node: TS.Identifier): boolean {
  const ts = typescript();
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    ((ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent) || ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isBindingElement(parent)) &&
      (parent as { name?: TS.Node }).name === node)
  );
}

/** Code with its '…' and "…" strings emptied (a connection's name in quotes is not a use of a variable). */
function withoutQuotedStrings(code: string): string {
  return code.replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, "''");
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The end of a statement's line, including its line break. */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}
