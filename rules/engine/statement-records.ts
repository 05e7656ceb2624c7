/**
 * Facts kept per top-level statement, so that after an edit only the statements it can change are worked
 * out again (the language server, typing in a large file). A statement's record holds what its walk left
 * for the whole file (imports, flows of vendor names, assignments, exports…), the nodes later passes work
 * on, the facts each pass found in it, and what it depended on: the statements its identifiers resolved
 * to, and the names it looked up at the top level. A record is reused when its statement was reused by
 * the incremental parser (same node, same text) and nothing it depended on changed.
 */
import type * as TS from 'typescript';
import type { ExportEntry } from './exports';
import type { Fact, ForeignFact, ImportForm } from './facts';
import type { LiteralEntry } from './literal-origins';
import { typescript } from './parse';
import type { TextEdit } from './text';

export interface ImportSite {
  specifier: TS.StringLiteralLike;
  form: ImportForm;
  typeOnly: boolean;
}

/** What a statement yields: a fact here, a fact about a literal in another file, an export, an exported literal. */
export type Contribution = { fact: Fact } | { foreign: ForeignFact } | { export: ExportEntry } | { literal: LiteralEntry };

/** The passes of an extraction, in the order their findings are gathered. */
export const PASSES = ['walk', 'imports', 'constructions', 'calls', 'references', 'exported', 'listed', 'exports', 'literals'] as const;
export type Pass = (typeof PASSES)[number];

export interface StatementRecord {
  statement: TS.Statement;
  /** What the walk leaves for the whole file, applied in statement order once every statement was walked. */
  seeds: string[];
  flows: Array<{ targets: string[]; source: TS.Node }>;
  mocks: string[];
  assignments: Array<[target: TS.Expression, value: TS.Expression]>;
  listedExports: Array<[local: string, exported: string]>;
  commonJsExports: Array<{ name: string; value: TS.Expression }>;
  /** What the later passes work on. */
  imports: ImportSite[];
  constructions: TS.NewExpression[];
  calls: TS.CallExpression[];
  valueReferences: TS.Identifier[];
  exportedDeclarations: TS.Node[];
  /** Facts found per pass (by index in PASSES), offsets into the text the record was made for. */
  output: Contribution[][];
  /** Statements whose declarations its identifiers resolved to, or whose assignments its bindings take. */
  uses: Set<TS.Statement>;
  /** Names its identifiers looked up at the top level (found there, or nowhere: globals). */
  lookedUp: Set<string>;
}

export function emptyRecord(statement: TS.Statement): StatementRecord {
  return {
    statement,
    seeds: [],
    flows: [],
    mocks: [],
    assignments: [],
    listedExports: [],
    commonJsExports: [],
    imports: [],
    constructions: [],
    calls: [],
    valueReferences: [],
    exportedDeclarations: [],
    output: PASSES.map(() => []),
    uses: new Set(),
    lookedUp: new Set(),
  };
}

/** A record kept for the edited text: its facts moved by the edit, its passes after the walk cleared when `keepPasses` is false. */
export function carriedRecord(record: StatementRecord, edit: TextEdit, filePath: string, keepPasses: boolean): StatementRecord {
  return {
    ...record,
    output: record.output.map((contributions, pass) => (pass === 0 || keepPasses ? (shiftOffsets(contributions, edit, filePath) as Contribution[]) : [])),
    uses: new Set(record.uses),
    lookedUp: new Set(record.lookedUp),
  };
}

/**
 * `value` with its offsets into `filePath` moved by the edit: a copy of what moved, the same objects where
 * nothing did (most of a file's facts lie before the edit; extracted facts are never changed in place).
 * Objects with a `file` say which file their offsets (and those below them) are in; others are in the
 * file of the object above them.
 */
function shiftOffsets(value: unknown, edit: TextEdit, filePath: string, inFile = true): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const shifted = shiftOffsets(item, edit, filePath, inFile);
      if (shifted !== item) (copy ??= [...value])[index] = shifted;
    });
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const here = typeof object.file === 'string' ? object.file === filePath : inFile;
  const moved = edit.newLength - (edit.oldEnd - edit.start);
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const item = object[key];
    const isOffset = (key === 'start' || key === 'end') && typeof item === 'number';
    const shifted = isOffset ? (here && item >= edit.oldEnd ? item + moved : item) : shiftOffsets(item, edit, filePath, here);
    if (shifted !== item) (copy ??= { ...object })[key] = shifted;
  }
  return copy ?? object;
}

/** Top-level names a statement declares (what the file's scope holds from it). */
export function topLevelNames(statement: TS.Statement): string[] {
  const ts = typescript();
  const names: string[] = [];
  const bind = (name: TS.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) bind(declaration.name);
  else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.push(statement.name.text);
  else if ((ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && ts.isIdentifier(statement.name)) names.push(statement.name.text);
  else if (ts.isImportEqualsDeclaration(statement)) names.push(statement.name.text);
  else if (ts.isImportDeclaration(statement) && statement.importClause) {
    const clause = statement.importClause;
    if (clause.name) names.push(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) names.push(element.name.text);
  }
  return names;
}

/**
 * The kept statements whose records no longer hold: those that looked up a name a changed statement
 * declares or assigns (before or after the edit), and those that used a statement that changed or does
 * not hold, transitively.
 */
export function staleStatements(kept: ReadonlyMap<TS.Statement, StatementRecord>, changedNames: ReadonlySet<string>): Set<TS.Statement> {
  const stale = new Set<TS.Statement>();
  for (const [statement, record] of kept) if ([...record.lookedUp].some((name) => changedNames.has(name))) stale.add(statement);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [statement, record] of kept) {
      if (stale.has(statement)) continue;
      if ([...record.uses].some((used) => used !== statement && (stale.has(used) || !kept.has(used)))) {
        stale.add(statement);
        grew = true;
      }
    }
  }
  return stale;
}

/** Names a record's statement declares or assigns at the top level. */
export function namesTouchedBy(record: StatementRecord): string[] {
  const ts = typescript();
  return [...topLevelNames(record.statement), ...record.assignments.flatMap(([target]) => (ts.isIdentifier(target) ? [target.text] : []))];
}
