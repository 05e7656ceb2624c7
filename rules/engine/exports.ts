/**
 * The vendor values a module exports (ES module and CommonJS forms), for the workspace index: this is
 * how a client created in `lib/openai.ts` is recognised in the twenty files that import it.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate';
import { typescript } from './parse';
import { StaticValues } from './strings';
import { type Value, memberValue } from './values';

export interface ModuleExports {
  named: Map<string, Value>;
  /** `export * from '…'` targets, as module values. */
  stars: Value[];
}

/** One step of building a module's exports: a named export (the first of a name wins) or an `export *`. */
export type ExportEntry = { name: string; value: Value } | { star: Value };

export function assembleExports(entries: Iterable<ExportEntry>): ModuleExports {
  const named = new Map<string, Value>();
  const stars: Value[] = [];
  for (const entry of entries) {
    if ('star' in entry) stars.push(entry.star);
    else if (!named.has(entry.name)) named.set(entry.name, entry.value);
  }
  return { named, stars };
}

/** Export entries in the order found, with the setters the readers below use. */
function entryCollector() {
  const entries: ExportEntry[] = [];
  const set = (name: string, value: Value | undefined) => {
    if (value) entries.push({ name, value });
  };
  return { entries, set, stars: { push: (star: Value) => entries.push({ star }) } };
}

/** What one top-level statement exports, in order. */
export function statementExports(statement: TS.Statement, evaluator: Evaluator): ExportEntry[] {
  const ts = typescript();
  const { entries, set, stars } = entryCollector();
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  const exported = modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
  if (ts.isVariableStatement(statement) && exported) {
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      const binding = evaluator.scopes.resolve(declaration.name);
      if (binding) set(declaration.name.text, evaluator.valueOfBinding(binding));
    }
  } else if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && exported) {
    set(statement.name.text, ts.isInterfaceDeclaration(statement) ? evaluator.shapeValue(statement.members) : evaluator.shapeValue(statement.type));
  } else if (ts.isFunctionDeclaration(statement) && exported) {
    set(isDefault || !statement.name ? 'default' : statement.name.text, evaluator.functionValue(statement));
  } else if (ts.isExportAssignment(statement)) {
    set('default', evaluator.evaluate(statement.expression));
    if (statement.isExportEquals) addObjectMembers(statement.expression, evaluator, set);
  } else if (ts.isExportDeclaration(statement)) {
    exportDeclaration(statement, evaluator, set, stars);
  }
  return entries;
}

/** `module.exports = …` and `exports.x = …`, in the order they were met. */
export function commonJsExports(commonJs: ReadonlyArray<{ name: string; value: TS.Expression }>, evaluator: Evaluator): ExportEntry[] {
  const { entries, set } = entryCollector();
  for (const { name, value } of commonJs) {
    set(name, evaluator.evaluate(value));
    if (name === 'default') addObjectMembers(value, evaluator, set);
  }
  return entries;
}

function exportDeclaration(
  statement: TS.ExportDeclaration,
  evaluator: Evaluator,
  set: (name: string, value: Value | undefined) => void,
  stars: Pick<Value[], 'push'>,
): void {
  const ts = typescript();
  const specifier = statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
  const clause = statement.exportClause;
  if (!clause) {
    const target = specifier !== undefined ? evaluator.moduleValue(specifier) : undefined;
    if (target) stars.push(target);
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    if (specifier !== undefined) set(clause.name.text, evaluator.moduleValue(specifier));
    return;
  }
  for (const element of clause.elements) {
    const local = element.propertyName ?? element.name;
    const localName = local.text;
    if (specifier !== undefined) {
      set(element.name.text, evaluator.importValue({ specifier, imported: localName, typeOnly: statement.isTypeOnly }));
    } else if (ts.isIdentifier(local)) {
      const binding = evaluator.scopes.resolve(local);
      if (binding) set(element.name.text, evaluator.valueOfBinding(binding));
    }
  }
}

/** `module.exports = { openai, getClient }` also exports each member by name. */
function addObjectMembers(expression: TS.Expression, evaluator: Evaluator, set: (name: string, value: Value | undefined) => void): void {
  for (const property of new StaticValues(evaluator.scopes).properties(expression)) set(property.name, evaluator.evaluate(property.value));
}

/** Export `name` of a module given its own exports, following `export *`. */
export function lookupExport(
  exports: ModuleExports,
  name: string,
  resolveLocal: (file: string, name: string, specifier: string) => Value | undefined,
): Value | undefined {
  const direct = exports.named.get(name);
  if (direct || name === 'default') return direct;
  for (const star of exports.stars) {
    const value = memberValue(star, name, resolveLocal);
    if (value) return value;
  }
  return undefined;
}
