/**
 * A client handed to a class through its constructor (`constructor(private readonly client: OpenAI)`)
 * that the wraps left unused: the parameter goes (the constructor too, when nothing is left of it), and so
 * does the argument at every `new X(…)` — in the file and, for an exported class, in the project's files
 * that import it, with an import there that only that argument used. When a construction cannot be
 * followed (spread arguments, a subclass, a namespace import), the parameter stays as it was.
 */
import type * as TS from 'typescript';
import { typescript } from '../engine/parse';
import type { Scopes } from '../engine/scope';
import { matchVendorModule } from '../vendors/table';
import { type Project, importersOf } from './importers';
import { removeUnused } from './imports';
import type { FileChange, TextChange } from './types';
import { Refusal } from './wrap/request';

export interface InjectedClients {
  /** Constructors that lose their only parameter and have an empty body: removed whole. */
  constructors: TS.ConstructorDeclaration[];
  /** Parameter removals (other constructors) and argument removals in the class's file. */
  changes: TextChange[];
  otherFiles: FileChange[];
}

export function unusedInjectedClients(sourceFile: TS.SourceFile, edits: readonly TextChange[], scopes: Scopes, project: Project): InjectedClients {
  const ts = typescript();
  const result: InjectedClients = { constructors: [], changes: [], otherFiles: [] };
  const visit = (node: TS.Node): void => {
    if (ts.isClassDeclaration(node) && node.name) {
      const constructor = node.members.find((member): member is TS.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined);
      const index = constructor?.parameters.findIndex((parameter) => isRemovableClient(parameter, node, edits, scopes)) ?? -1;
      const sites = constructor && index >= 0 ? constructionEdits(node, node.name, index, scopes, project) : undefined;
      if (constructor && sites) {
        const emptied = constructor.parameters.length === 1 && constructor.body!.statements.length === 0 && !ts.getDecorators?.(constructor.parameters[0])?.length;
        if (emptied) result.constructors.push(constructor);
        else result.changes.push(listItemRemoval(constructor.parameters, index, sourceFile));
        result.changes.push(...sites.changes);
        result.otherFiles.push(...sites.otherFiles);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return result;
}

/** A private parameter property typed with a vendor client, whose every use the edits removed. */
function isRemovableClient(parameter: TS.ParameterDeclaration, owner: TS.ClassDeclaration, edits: readonly TextChange[], scopes: Scopes): boolean {
  const ts = typescript();
  const name = parameter.name;
  const isPrivate = ts.getModifiers(parameter)?.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword) ?? false;
  if (!isPrivate || !ts.isIdentifier(name) || !parameter.type || !ts.isTypeReferenceNode(parameter.type)) return false;
  let typeRoot: TS.EntityName = parameter.type.typeName;
  while (ts.isQualifiedName(typeRoot)) typeRoot = typeRoot.left;
  const origin = scopes.resolve(typeRoot)?.origin;
  if (!origin || !matchVendorModule(origin.specifier)) return false;
  const sourceFile = owner.getSourceFile();
  const isEdited = (node: TS.Node) => edits.some((edit) => edit.start <= node.getStart(sourceFile) && node.end <= edit.end);
  let uses = 0;
  let left = 0;
  const count = (node: TS.Node): void => {
    if (node !== name && (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === name.text) {
      uses++;
      if (!isEdited(node)) left++;
    }
    ts.forEachChild(node, count);
  };
  count(owner);
  return uses > 0 && left === 0;
}

/** The argument removals at every construction of the class, or undefined when one cannot be followed. */
function constructionEdits(owner: TS.ClassDeclaration, className: TS.Identifier, index: number, scopes: Scopes, project: Project): { changes: TextChange[]; otherFiles: FileChange[] } | undefined {
  const ts = typescript();
  const sourceFile = owner.getSourceFile();
  const changes = argumentRemovals(sourceFile, (identifier) => identifier !== className && scopes.resolve(identifier)?.declaration === owner, index);
  if (!changes) return undefined;
  const exported = ts.getModifiers(owner)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
  if (!exported) return { changes: changes.map(({ edit }) => edit), otherFiles: [] };
  let importers;
  try {
    importers = importersOf(className.text, sourceFile.fileName, project);
  } catch (error) {
    if (error instanceof Refusal) return undefined;
    throw error;
  }
  const otherFiles: FileChange[] = [];
  for (const importer of importers) {
    const locals = new Set<TS.Node>(importer.locals.map((local) => local.parent));
    const removals = argumentRemovals(importer.sourceFile, (identifier) => !importer.locals.includes(identifier) && locals.has(importer.scopes.resolve(identifier)?.declaration as TS.Node), index);
    if (!removals) return undefined;
    const edits = removals.map(({ edit }) => edit);
    // An import that only the removed argument used (`import { openai } from './lib/openai'`) goes too.
    const argumentImports = new Set(removals.flatMap(({ argument }) => (ts.isIdentifier(argument) ? [importer.scopes.resolve(argument)?.declaration] : [])));
    const isArgumentImport = (statement: TS.Node) => ts.isImportDeclaration(statement) && [...argumentImports].some((declaration) => declaration !== undefined && statement.getStart() <= declaration.pos && declaration.end <= statement.end);
    if (edits.length) otherFiles.push({ filePath: importer.filePath, changes: [...edits, ...removeUnused(importer.sourceFile, edits, importer.scopes, isArgumentImport)] });
  }
  return { changes: changes.map(({ edit }) => edit), otherFiles };
}

/** At each `new X(…)` of the references `isClass` accepts: the removal of argument `index`; undefined for a spread or a subclass. */
function argumentRemovals(sourceFile: TS.SourceFile, isClass: (identifier: TS.Identifier) => boolean, index: number): Array<{ edit: TextChange; argument: TS.Expression }> | undefined {
  const ts = typescript();
  const removals: Array<{ edit: TextChange; argument: TS.Expression }> = [];
  let followed = true;
  const visit = (node: TS.Node): void => {
    if (!followed) return;
    if (ts.isIdentifier(node) && isClass(node)) {
      const parent = node.parent;
      if (ts.isExpressionWithTypeArguments(parent) && ts.isHeritageClause(parent.parent)) followed = false;
      if (ts.isNewExpression(parent) && parent.expression === node) {
        const args = parent.arguments ?? ts.factory.createNodeArray<TS.Expression>();
        if (args.slice(0, index + 1).some((argument) => ts.isSpreadElement(argument))) followed = false;
        else if (args.length > index) removals.push({ edit: listItemRemoval(args, index, sourceFile), argument: args[index] });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return followed ? removals : undefined;
}

/** Removes item `index` of a comma-separated list with its separator (`a, b, c` → `a, c`). */
function listItemRemoval(items: TS.NodeArray<TS.Node>, index: number, sourceFile: TS.SourceFile): TextChange {
  const item = items[index];
  if (items.length === 1) return { start: item.getStart(sourceFile), end: item.end, newText: '' };
  if (index < items.length - 1) return { start: item.getStart(sourceFile), end: items[index + 1].getStart(sourceFile), newText: '' };
  return { start: items[index - 1].end, end: item.end, newText: '' };
}
