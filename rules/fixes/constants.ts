/**
 * What a name stands for, when the code fixes it for good: a `const` initializer in its file, or the
 * `export const` of a workspace module it imports. Fixes follow these to carry or move a value (a client's
 * options, a model chosen in a constants module); anything that can change at run time is not followed.
 */
import type * as TS from 'typescript';
import { parseSource, typescript } from '../engine/parse';
import { type Binding, Scopes } from '../engine/scope';

/** A parsed project file with its scopes. */
export interface OpenFile {
  path: string;
  sourceFile: TS.SourceFile;
  scopes: Scopes;
}

/** What following names across modules needs from the project. */
export interface ConstantsProject {
  read(filePath: string): string | undefined;
  resolve(fromFile: string, specifier: string): string | undefined;
  /** Modules whose exports are not followed (the seam's config: its entries are kept as references). */
  isOpaque?(filePath: string): boolean;
}

export function openFile(filePath: string, text: string): OpenFile {
  return { path: filePath, sourceFile: parseSource(filePath, text), scopes: new Scopes() };
}

/** The expression a name stands for (in `file`), with the file it is written in; undefined when it may change. */
export function constantDefinition(identifier: TS.Identifier, file: OpenFile, project: ConstantsProject): { expression: TS.Expression; file: OpenFile } | undefined {
  const ts = typescript();
  const binding = file.scopes.resolve(identifier);
  if (!binding) return undefined;
  if (binding.kind === 'variable' && isConstant(binding) && binding.init && binding.path.length === 0) return { expression: binding.init, file };
  if (binding.kind !== 'import' || !binding.origin || binding.origin.imported === '*' || binding.origin.typeOnly || binding.path.length > 0) return undefined;
  const target = project.resolve(file.path, binding.origin.specifier);
  const text = target && !project.isOpaque?.(target) ? project.read(target) : undefined;
  if (text === undefined) return undefined;
  const module = openFile(target!, text);
  for (const statement of module.sourceFile.statements) {
    const exported = ts.isVariableStatement(statement) && statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === binding.origin.imported && declaration.initializer) return { expression: declaration.initializer, file: module };
    }
  }
  return undefined;
}

export function isConstant(binding: Binding): boolean {
  const ts = typescript();
  let list: TS.Node | undefined = binding.declaration;
  while (list && !ts.isVariableDeclarationList(list)) list = list.parent;
  return !!list && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}
