/**
 * Where a module's export is used in the project's other files: the files that import it by name
 * (`import { f }`, `import { f as g }`), each with its local names for it. Forms a rewrite cannot follow
 * (a namespace import, a re-export, `require` or `import()` of the module) refuse, naming the file.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import { parseSource, typescript } from '../engine/parse';
import { Scopes } from '../engine/scope';
import { moduleSpecifierOfCall } from '../engine/syntax';
import { Refusal } from './wrap/request';

/** What the rest of the project looks like, for finding the uses of an export in other files. */
export interface Project {
  /** Every source file of the project, or undefined when they cannot be listed. */
  files(): readonly string[] | undefined;
  read(filePath: string): string | undefined;
  resolve(fromFile: string, specifier: string): string | undefined;
}

export interface Importer {
  filePath: string;
  sourceFile: TS.SourceFile;
  scopes: Scopes;
  /** The local names the file imports the export under. */
  locals: TS.Identifier[];
}

/**
 * `throughReExports`: a module that re-exports the name (`export * from './indexer'`, a barrel) is followed to
 * its own importers, for readers that only look at the uses; a fix that edits the imports refuses them.
 */
export function importersOf(name: string, definingFile: string, project: Project, options: { throughReExports?: boolean } = {}): Importer[] {
  const files = project.files();
  if (!files) throw new Refusal(`\`${name}\` is exported, and the project's files cannot be listed to find where it is used`);
  const importers: Importer[] = [];
  const defining = [definingFile];
  for (let next = 0; next < defining.length; next++) importers.push(...importersOfModule(name, defining[next], files, project, options.throughReExports ? defining : undefined));
  return importers;
}

/** The importers of one module; its re-exporters go into `reExporters` when given (else they refuse). */
function importersOfModule(name: string, definingFile: string, files: readonly string[], project: Project, reExporters: string[] | undefined): Importer[] {
  const ts = typescript();
  const importers: Importer[] = [];
  for (const filePath of files) {
    if (filePath === definingFile) continue;
    const text = project.read(filePath);
    if (!text || !(text.includes(name) || (reExporters && text.includes('export *')))) continue;
    const sourceFile = parseSource(filePath, text);
    const isDefiningModule = (specifier: TS.Expression | undefined) => !!specifier && ts.isStringLiteralLike(specifier) && project.resolve(filePath, specifier.text) === definingFile;
    const locals: TS.Identifier[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isImportDeclaration(node) && isDefiningModule(node.moduleSpecifier)) {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) throw new Refusal(`${path.basename(filePath)} imports \`${name}\`'s module as a namespace`);
        if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === name && !element.isTypeOnly) locals.push(element.name);
        }
      } else if (ts.isExportDeclaration(node) && isDefiningModule(node.moduleSpecifier)) {
        const names = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements.map((element) => (element.propertyName ?? element.name).text) : undefined;
        // Renamed (`export { X as Y }`) or as a namespace, the name is not followed.
        const same = names ? node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.some((element) => (element.propertyName ?? element.name).text === name && element.name.text === name) : !node.exportClause;
        if (reExporters && same && !node.isTypeOnly) {
          if (!reExporters.includes(filePath)) reExporters.push(filePath);
        } else if (!names || names.includes(name)) throw new Refusal(`${path.basename(filePath)} re-exports \`${name}\``);
      } else if (ts.isCallExpression(node) && isDefiningModule(node.arguments[0]) && moduleSpecifierOfCall(node) !== undefined) {
        throw new Refusal(`${path.basename(filePath)} loads \`${name}\`'s module with ${node.expression.getText(sourceFile)}()`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    if (locals.length) importers.push({ filePath, sourceFile, scopes: new Scopes(), locals });
  }
  return importers;
}

/** `file.ts line 12`, for reasons. */
export function where(node: TS.Node): string {
  const sourceFile = node.getSourceFile();
  return `${path.basename(sourceFile.fileName)} line ${sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1}`;
}
