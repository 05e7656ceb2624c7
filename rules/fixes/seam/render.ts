/**
 * Renders one seam module (TypeScript, ES modules, extensionless relative imports) in a project's flavour:
 * relative imports get the project's suffix; TypeScript keeps or drops `type` modifiers; JavaScript loses
 * its types, which become JSDoc (`@typedef`, `@import`, `@template`, `@param`, `@returns`, `@type`) so editors and
 * `checkJs` still see them; CommonJS uses `require` and one `module.exports` at the end.
 * Everything else is left as written, so the output keeps the source's layout and comments.
 */
import type * as TS from 'typescript';
import { parseSource, typescript } from '../../engine/parse';
import { applyChanges } from '../text-changes';
import type { TextChange } from '../types';
import type { ProjectStyle } from './style';

export function renderModule(source: string, style: ProjectStyle): string {
  const ts = typescript();
  const sourceFile = parseSource('seam-module.ts', source);
  const javaScript = style.language === 'js';
  const commonJs = javaScript && style.module === 'cjs';
  const specifier = (text: string): string => (text.startsWith('.') ? text + style.importSuffix : text);
  const changes: TextChange[] = [];
  const replace = (node: TS.Node, newText: string, start = node.getStart(sourceFile)): void => {
    changes.push({ start, end: node.end, newText });
  };

  // In JavaScript, a type that the module re-exports becomes a `@typedef` of the import, not an `@import`.
  const importedFrom = new Map<string, string>();
  const reExportedTypes = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) if (element.isTypeOnly) reExportedTypes.add(element.name.text);
    }
  }

  const exportedNames: string[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const names = importedNames(statement);
      const from = specifier((statement.moduleSpecifier as TS.StringLiteral).text);
      for (const name of names) importedFrom.set(name.name, from);
      replace(statement, javaScript ? javaScriptImport(names, from, commonJs, reExportedTypes) : typeScriptImport(names, from, style.typeImports));
    } else if (ts.isExportDeclaration(statement) && javaScript) {
      const elements = (statement.exportClause as TS.NamedExports).elements;
      const values = elements.filter((element) => !element.isTypeOnly).map((element) => element.name.text);
      const typedefs = elements
        .filter((element) => element.isTypeOnly)
        .map((element) => jsDoc([`@typedef {import('${importedFrom.get(element.name.text)}').${element.name.text}} ${element.name.text}`], ''));
      if (commonJs) exportedNames.push(...values);
      const exportLine = values.length > 0 && !commonJs ? [`export { ${values.join(', ')} };`] : [];
      replace(statement, [...exportLine, ...typedefs].join('\n'));
    } else if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && javaScript) {
      const doc = docComment(statement, sourceFile);
      const description = doc ? docLines(source.slice(doc.pos, doc.end)) : [];
      replace(statement, jsDoc([...description, ...typedefTags(statement, sourceFile)], ''), doc?.pos);
    } else if (commonJs) {
      const exportKeyword = ts.canHaveModifiers(statement) ? ts.getModifiers(statement)?.find((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) : undefined;
      if (exportKeyword) {
        exportedNames.push(...declaredNames(statement));
        const start = exportKeyword.getStart(sourceFile);
        changes.push({ start, end: start + /^export\s+/.exec(source.slice(start))![0].length, newText: '' });
      }
    }
  }

  if (javaScript) changes.push(...typeAnnotationsToJsDoc(sourceFile));
  if (commonJs && exportedNames.length > 0) {
    changes.push({ start: source.length, end: source.length, newText: `\nmodule.exports = { ${exportedNames.join(', ')} };\n` });
  }
  return tidy(applyChanges(source, changes));
}

interface ImportedName {
  name: string;
  typeOnly: boolean;
  /** The module's default export (a value: the seam imports no default type). */
  isDefault?: boolean;
}

function importedNames(declaration: TS.ImportDeclaration): ImportedName[] {
  const clause = declaration.importClause;
  const bindings = clause?.namedBindings;
  if (!clause || clause.isTypeOnly && clause.name || (bindings && !typescript().isNamedImports(bindings))) {
    throw new Error(`seam source: only named imports and a default value import are supported (${declaration.getText()})`);
  }
  const named = bindings ? (bindings as TS.NamedImports).elements.map((element) => ({ name: element.name.text, typeOnly: clause.isTypeOnly || element.isTypeOnly })) : [];
  return clause.name ? [{ name: clause.name.text, typeOnly: false, isDefault: true }, ...named] : named;
}

function typeScriptImport(names: ImportedName[], from: string, typeImports: boolean): string {
  const defaultName = names.find((name) => name.isDefault)?.name;
  const named = names.filter((name) => !name.isDefault);
  if (!defaultName && typeImports && named.every((name) => name.typeOnly)) return `import type { ${named.map((name) => name.name).join(', ')} } from '${from}';`;
  const list = named.map((name) => (typeImports && name.typeOnly ? `type ${name.name}` : name.name));
  const clause = [defaultName, list.length ? `{ ${list.join(', ')} }` : undefined].filter(Boolean).join(', ');
  return `import ${clause} from '${from}';`;
}

function javaScriptImport(names: ImportedName[], from: string, commonJs: boolean, reExportedTypes: ReadonlySet<string>): string {
  const values = names.filter((name) => !name.typeOnly);
  const types = names.filter((name) => name.typeOnly && !reExportedTypes.has(name.name)).map((name) => name.name);
  const lines: string[] = [];
  if (values.length > 0) {
    const defaultName = values.find((name) => name.isDefault)?.name;
    const named = values.filter((name) => !name.isDefault).map((name) => name.name);
    if (commonJs) {
      lines.push(`const { ${[...(defaultName ? [`default: ${defaultName}`] : []), ...named].join(', ')} } = require('${from}');`);
    } else {
      lines.push(`import ${[defaultName, named.length ? `{ ${named.join(', ')} }` : undefined].filter(Boolean).join(', ')} from '${from}';`);
    }
  }
  if (types.length > 0) lines.push(`/** @import { ${types.join(', ')} } from '${from}' */`);
  return lines.join('\n');
}

function declaredNames(statement: TS.Statement): string[] {
  const ts = typescript();
  if (ts.isFunctionDeclaration(statement) && statement.name) return [statement.name.text];
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.map((declaration) => (declaration.name as TS.Identifier).text);
  throw new Error(`seam source: cannot export this statement from CommonJS (${statement.getText()})`);
}

function typedefTags(declaration: TS.InterfaceDeclaration | TS.TypeAliasDeclaration, sourceFile: TS.SourceFile): string[] {
  const ts = typescript();
  const name = declaration.name.text;
  if (ts.isInterfaceDeclaration(declaration) && declaration.heritageClauses?.length) throw new Error(`seam source: an interface that extends another has no JSDoc form; write an intersection type (${name})`);
  const templates = templateTags(declaration.typeParameters, sourceFile);
  if (ts.isTypeAliasDeclaration(declaration)) return [...templates, `@typedef {${typeText(declaration.type, sourceFile)}} ${name}`];
  const properties = declaration.members.map((member) => {
    const memberName = (member.name as TS.Identifier).text;
    const doc = docComment(member, sourceFile);
    const description = doc ? ` ${docLines(sourceFile.text.slice(doc.pos, doc.end)).join(' ')}` : '';
    if (ts.isMethodSignature(member)) {
      const parameters = member.parameters.map((parameter) => parameter.getText(sourceFile)).join(', ');
      const generic = member.typeParameters ? `<${member.typeParameters.map((parameter) => parameter.getText(sourceFile)).join(', ')}>` : '';
      return `@property {${generic}(${parameters}) => ${typeText(member.type!, sourceFile)}} ${memberName}${description}`;
    }
    if (ts.isPropertySignature(member) && member.type) {
      return `@property {${typeText(member.type, sourceFile)}} ${member.questionToken ? `[${memberName}]` : memberName}${description}`;
    }
    throw new Error(`seam source: unsupported interface member (${member.getText(sourceFile)})`);
  });
  return [...templates, `@typedef {object} ${name}`, ...properties];
}

/** A declaration's type parameters as JSDoc: \`@template {C} T\`, a default as \`@template [T=D]\`. */
function templateTags(parameters: TS.NodeArray<TS.TypeParameterDeclaration> | undefined, sourceFile: TS.SourceFile): string[] {
  return (parameters ?? []).map((parameter) => {
    const constraint = parameter.constraint ? `{${typeText(parameter.constraint, sourceFile)}} ` : '';
    const name = parameter.default ? `[${parameter.name.text}=${typeText(parameter.default, sourceFile)}]` : parameter.name.text;
    return `@template ${constraint}${name}`;
  });
}

/**
 * Removes parameter, variable and return type annotations, and puts them into the JSDoc of the statement
 * that declares the function or variable (merged into its doc comment when it has one).
 */
function typeAnnotationsToJsDoc(sourceFile: TS.SourceFile): TextChange[] {
  const ts = typescript();
  const text = sourceFile.text;
  const tagsByHost = new Map<TS.Statement, string[]>();
  const changes: TextChange[] = [];
  const addTag = (host: TS.Statement, tag: string): void => {
    tagsByHost.set(host, [...(tagsByHost.get(host) ?? []), tag]);
  };

  const visit = (node: TS.Node): void => {
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      return;
    }
    // `x as T` becomes JSDoc's cast, `/** @type {T} */ (x)`; edits inside `x` stay apart from these two.
    if (ts.isAsExpression(node)) {
      changes.push({ start: node.expression.getStart(sourceFile), end: node.expression.getStart(sourceFile), newText: `/** @type {${typeText(node.type, sourceFile)}} */ (` });
      changes.push({ start: node.expression.end, end: node.end, newText: ')' });
      visit(node.expression);
      return;
    }
    if (ts.isVariableDeclaration(node) && node.type) {
      addTag(node.parent.parent as TS.VariableStatement, `@type {${typeText(node.type, sourceFile)}}`);
      changes.push({ start: node.name.end, end: node.type.end, newText: '' });
    }
    if (ts.isFunctionLike(node) && (node.type || node.typeParameters || node.parameters.some((parameter) => parameter.type))) {
      const host = functionHost(node);
      const typeParameters = node.typeParameters;
      if (typeParameters) {
        for (const tag of templateTags(typeParameters, sourceFile)) addTag(host, tag);
        // The angle brackets around the type parameters.
        changes.push({ start: text.lastIndexOf('<', typeParameters.pos), end: text.indexOf('>', typeParameters.end) + 1, newText: '' });
      }
      for (const parameter of node.parameters) {
        if (!parameter.type) continue;
        const name = parameter.name.getText(sourceFile);
        addTag(host, `@param {${typeText(parameter.type, sourceFile)}} ${parameter.questionToken ? `[${name}]` : name}`);
        changes.push({ start: parameter.name.end, end: parameter.type.end, newText: '' });
      }
      if (node.type) {
        addTag(host, `@returns {${typeText(node.type, sourceFile)}}`);
        changes.push({ start: text.lastIndexOf(':', node.type.getStart(sourceFile)), end: node.type.end, newText: '' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);

  for (const [host, tags] of tagsByHost) {
    const start = host.getStart(sourceFile);
    const indent = text.slice(text.lastIndexOf('\n', start) + 1, start);
    const doc = docComment(host, sourceFile);
    if (doc) changes.push({ start: doc.pos, end: doc.end, newText: jsDoc([...docLines(text.slice(doc.pos, doc.end)), ...tags], indent) });
    else changes.push({ start, end: start, newText: `${jsDoc(tags, indent)}\n${indent}` });
  }
  return changes;
}

/** The statement whose JSDoc describes a function: its declaration, or `const name = (…) => …`. */
function functionHost(node: TS.SignatureDeclaration): TS.Statement {
  const ts = typescript();
  if (ts.isFunctionDeclaration(node)) return node;
  const declaration = node.parent;
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(declaration) && declaration.initializer === node) {
    return declaration.parent.parent as TS.VariableStatement;
  }
  throw new Error(`seam source: type annotations are supported only on functions declared by statements (${node.getText()})`);
}

/** The `/** … *\/` comment right before a node (a blank line in between makes it a file or section comment). */
function docComment(node: TS.Node, sourceFile: TS.SourceFile): TS.CommentRange | undefined {
  const text = sourceFile.text;
  const last = typescript().getLeadingCommentRanges(text, node.pos)?.at(-1);
  if (!last || !text.startsWith('/**', last.pos)) return undefined;
  return /\n[^\S\n]*\n/.test(text.slice(last.end, node.getStart(sourceFile))) ? undefined : last;
}

function docLines(comment: string): string[] {
  const lines = comment
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s?/, '').trimEnd());
  while (lines[0] === '') lines.shift();
  while (lines.at(-1) === '') lines.pop();
  return lines;
}

function jsDoc(lines: string[], indent: string): string {
  if (lines.length === 1) return `/** ${lines[0]} */`;
  return ['/**', ...lines.map((line) => ` * ${line}`.trimEnd()), ' */'].join(`\n${indent}`);
}

function typeText(type: TS.TypeNode, sourceFile: TS.SourceFile): string {
  return type.getText(sourceFile).replace(/\s+/g, ' ');
}

/** Removing statements and annotations can leave runs of blank lines and trailing spaces. */
function tidy(text: string): string {
  return text.replace(/[^\S\n]+$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '');
}
