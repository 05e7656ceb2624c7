/**
 * Followed literals: which string literals an expression can carry, and where each one is written —
 * through constants, destructuring, object properties (`config.models.chat`), default parameters, class
 * field defaults and `this.x` assignments, `??`/`||`/`?:` fallbacks, and across modules (`export const`,
 * `export default {…}`, `module.exports = {…}`, `exports.x`, re-exports) through the workspace index.
 *
 * One API for the rules and the fixes: `new LiteralTracer(sourceFile, scopes, host).origins(expression)`
 * returns every literal with its value, file and span, so a rule reports the literal where it is defined
 * and a fix edits it there.
 */
import type * as TS from 'typescript';
import type { Span } from './facts';
import { typescript } from './parse';
import type { Scopes } from './scope';
import { propertyNameText } from './strings';
import { isFallbackOperator, moduleSpecifierOfCall, skipOuterExpressions } from './syntax';

/** A string literal an expression carries, where it is written. */
export interface LiteralOrigin {
  value: string;
  /** Absolute path of the file the literal is written in. */
  file: string;
  /** UTF-16 offsets of the whole literal, quotes included, in that file. */
  span: Span;
}

/** What the tracer needs from the workspace to follow literals into other modules. */
export interface LiteralHost {
  resolveModule(fromFile: string, specifier: string): string | undefined;
  /** Literals export `path[0]` of a module carries at property path `path[1..]` (see `ExportedLiterals`). */
  exportedLiterals(file: string, path: readonly string[]): LiteralOrigin[];
}

/**
 * A module's exported literals as plain data, so the index can keep them without the syntax tree:
 * `values` maps an export path (`['config', 'models', 'chat']`, joined by `pathKey`) to its literals;
 * `forwards` and `stars` are re-exports, followed on lookup.
 */
export interface ExportedLiterals {
  values: Map<string, LiteralOrigin[]>;
  forwards: Map<string, { specifier: string; imported: string }>;
  stars: string[];
}

export const pathKey = (path: readonly string[]): string => path.join('\u0000');

/** One step of building `ExportedLiterals`, in the order found (a later value of a path replaces an earlier one). */
export type LiteralEntry = { key: string; origins: LiteralOrigin[] } | { forward: string; to: { specifier: string; imported: string } } | { star: string };

export function assembleLiterals(entries: Iterable<LiteralEntry>): ExportedLiterals {
  const result: ExportedLiterals = { values: new Map(), forwards: new Map(), stars: [] };
  for (const entry of entries) {
    if ('key' in entry) result.values.set(entry.key, entry.origins);
    else if ('forward' in entry) result.forwards.set(entry.forward, entry.to);
    else result.stars.push(entry.star);
  }
  return result;
}

const MAX_DEPTH = 10;
/** How deep below an export its object properties are recorded (`config.models.chat` is depth 2). */
const MAX_EXPORT_DEPTH = 3;

export class LiteralTracer {
  private readonly ts = typescript();
  private readonly thisAssignments = new Map<TS.ClassLikeDeclaration, Map<string, TS.Expression[]>>();

  constructor(
    private readonly sourceFile: TS.SourceFile,
    private readonly scopes: Scopes,
    private readonly host?: LiteralHost,
  ) {}

  /**
   * Every string literal `expression` may evaluate to — or, with `path`, its property at that path
   * (`origins(request, ['model'])`) — with the file and span where it is written.
   */
  origins(expression: TS.Expression, path: readonly string[] = []): LiteralOrigin[] {
    return unique(this.trace(expression, path, 0));
  }

  /** What one top-level statement adds to the file's exported literals, in order. */
  statementLiterals(statement: TS.Statement): LiteralEntry[] {
    const ts = this.ts;
    const entries: LiteralEntry[] = [];
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (ts.isVariableStatement(statement) && modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) this.recordExport(entries, [declaration.name.text], declaration.initializer, 0);
      }
    } else if (ts.isExportAssignment(statement)) {
      this.recordExport(entries, ['default'], statement.expression, 0);
      if (statement.isExportEquals) this.recordMembers(entries, statement.expression);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      const specifier = statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const clause = statement.exportClause;
      if (!clause) {
        if (specifier !== undefined) entries.push({ star: specifier });
      } else if (ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          const local = element.propertyName ?? element.name;
          if (specifier !== undefined) entries.push({ forward: element.name.text, to: { specifier, imported: local.text } });
          else if (ts.isIdentifier(local)) this.recordExport(entries, [element.name.text], local, 0);
        }
      }
    }
    return entries;
  }

  /** The exported literals of `module.exports = …` and `exports.x = …`. */
  commonJsLiterals(commonJs: ReadonlyArray<{ name: string; value: TS.Expression }>): LiteralEntry[] {
    const entries: LiteralEntry[] = [];
    for (const { name, value } of commonJs) {
      this.recordExport(entries, [name], value, 0);
      if (name === 'default') this.recordMembers(entries, value);
    }
    return entries;
  }

  private recordMembers(into: LiteralEntry[], expression: TS.Expression): void {
    for (const [name, value] of this.objectProperties(expression, 0)) this.recordExport(into, [name], value, 0);
  }

  private recordExport(into: LiteralEntry[], path: string[], expression: TS.Expression, depth: number): void {
    const found = this.origins(expression);
    if (found.length) into.push({ key: pathKey(path), origins: found });
    if (depth >= MAX_EXPORT_DEPTH) return;
    for (const [name, value] of this.objectProperties(expression, 0)) this.recordExport(into, [...path, name], value, depth + 1);
  }

  /** Literals `node` carries at property `path` below it. */
  private trace(node: TS.Expression, path: readonly string[], depth: number): LiteralOrigin[] {
    const ts = this.ts;
    if (depth > MAX_DEPTH) return [];
    const inner = skipOuterExpressions(node);
    if (ts.isStringLiteralLike(inner)) return path.length ? [] : [this.origin(inner)];
    if (ts.isConditionalExpression(inner)) return [...this.trace(inner.whenTrue, path, depth + 1), ...this.trace(inner.whenFalse, path, depth + 1)];
    if (ts.isBinaryExpression(inner) && isFallbackOperator(inner.operatorToken.kind)) {
      return [...this.trace(inner.left, path, depth + 1), ...this.trace(inner.right, path, depth + 1)];
    }
    if (ts.isObjectLiteralExpression(inner)) {
      if (!path.length) return [];
      const property = this.objectProperties(inner, depth).filter(([name]) => name === path[0]).pop();
      return property ? this.trace(property[1], path.slice(1), depth + 1) : [];
    }
    if (ts.isPropertyAccessExpression(inner) || (ts.isElementAccessExpression(inner) && ts.isStringLiteralLike(inner.argumentExpression))) {
      const name = ts.isPropertyAccessExpression(inner) ? inner.name.text : (inner.argumentExpression as TS.StringLiteralLike).text;
      if (inner.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisMember(inner, name, path, depth);
      return this.trace(inner.expression, [name, ...path], depth + 1);
    }
    if (ts.isIdentifier(inner)) return this.identifier(inner, path, depth);
    if (ts.isCallExpression(inner)) {
      const specifier = moduleSpecifierOfCall(inner);
      if (specifier !== undefined) return path.length ? this.imported(specifier, path) : [];
      return ts.isIdentifier(inner.expression) ? this.returned(inner.expression, path, depth) : [];
    }
    return [];
  }

  private identifier(identifier: TS.Identifier, path: readonly string[], depth: number): LiteralOrigin[] {
    const binding = this.scopes.resolve(identifier);
    if (!binding) return [];
    if (binding.kind === 'variable' || binding.kind === 'parameter') {
      const given = binding.init ? this.trace(binding.init, [...binding.path, ...path], depth + 1) : [];
      return binding.fallback ? [...given, ...this.trace(binding.fallback, path, depth + 1)] : given;
    }
    if (binding.kind === 'import' && binding.origin && !binding.origin.typeOnly) {
      const { specifier, imported } = binding.origin;
      const full = [...(imported === '*' ? [] : [imported]), ...binding.path, ...path];
      return full.length ? this.imported(specifier, full) : [];
    }
    return [];
  }

  /** What a local function returns (`createParams()` building the request), its overloads skipped. */
  private returned(callee: TS.Identifier, path: readonly string[], depth: number): LiteralOrigin[] {
    const ts = this.ts;
    const binding = this.scopes.resolve(callee);
    if (binding?.kind !== 'function' || !ts.isFunctionDeclaration(binding.declaration)) return [];
    const siblings: readonly TS.Statement[] = (binding.declaration.parent as { statements?: TS.NodeArray<TS.Statement> }).statements ?? [];
    const implementation = siblings.find((statement) => ts.isFunctionDeclaration(statement) && statement.name?.text === callee.text && !!statement.body);
    const body = implementation && (implementation as TS.FunctionDeclaration).body;
    const found: LiteralOrigin[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) found.push(...this.trace(node.expression, path, depth + 1));
      else ts.forEachChild(node, visit);
    };
    if (body) ts.forEachChild(body, visit);
    return found;
  }

  private imported(specifier: string, path: readonly string[]): LiteralOrigin[] {
    const file = this.host?.resolveModule(this.sourceFile.fileName, specifier);
    return file ? this.host!.exportedLiterals(file, path) : [];
  }

  /** `this.name`: field initializers, constructor parameter property defaults, and `this.name = …` in the class. */
  private thisMember(node: TS.Node, name: string, path: readonly string[], depth: number): LiteralOrigin[] {
    const ts = this.ts;
    const owner = enclosingClass(node);
    if (!owner) return [];
    const sources: TS.Expression[] = [];
    for (const member of owner.members) {
      if (ts.isPropertyDeclaration(member) && propertyNameText(member.name) === name && member.initializer) sources.push(member.initializer);
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (ts.isIdentifier(parameter.name) && parameter.name.text === name && parameter.initializer && ts.isParameterPropertyDeclaration(parameter, member)) {
            sources.push(parameter.initializer);
          }
        }
      }
    }
    sources.push(...(this.assignmentsOf(owner).get(name) ?? []));
    return sources.flatMap((source) => this.trace(source, path, depth + 1));
  }

  private assignmentsOf(owner: TS.ClassLikeDeclaration): Map<string, TS.Expression[]> {
    const ts = this.ts;
    let found = this.thisAssignments.get(owner);
    if (found) return found;
    const assignments = new Map<string, TS.Expression[]>();
    const visit = (node: TS.Node): void => {
      if (ts.isClassLike(node) && node !== owner) return;
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        enclosingClass(node) === owner
      ) {
        const list = assignments.get(node.left.name.text) ?? [];
        list.push(node.right);
        assignments.set(node.left.name.text, list);
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(owner, visit);
    this.thisAssignments.set(owner, (found = assignments));
    return found;
  }

  /** Properties of an object literal (directly or through constants), spreads included; later ones win. */
  private objectProperties(node: TS.Expression, depth: number): Array<[string, TS.Expression]> {
    const ts = this.ts;
    if (depth > MAX_DEPTH) return [];
    const inner = skipOuterExpressions(node);
    if (ts.isIdentifier(inner)) {
      const binding = this.scopes.resolve(inner);
      return binding?.kind === 'variable' && binding.init && binding.path.length === 0 ? this.objectProperties(binding.init, depth + 1) : [];
    }
    if (!ts.isObjectLiteralExpression(inner)) return [];
    const found: Array<[string, TS.Expression]> = [];
    for (const property of inner.properties) {
      if (ts.isPropertyAssignment(property)) {
        const name = propertyNameText(property.name);
        if (name !== undefined) found.push([name, property.initializer]);
      } else if (ts.isShorthandPropertyAssignment(property)) {
        found.push([property.name.text, property.name]);
      } else if (ts.isSpreadAssignment(property)) {
        found.push(...this.objectProperties(property.expression, depth + 1));
      }
    }
    return found;
  }

  private origin(literal: TS.StringLiteralLike): LiteralOrigin {
    return { value: literal.text, file: this.sourceFile.fileName, span: { start: literal.getStart(this.sourceFile), end: literal.end } };
  }
}

/** Looks an export path up in a module's exported literals; `follow` resolves a re-export's module. */
export function lookupExportedLiterals(
  exported: ExportedLiterals,
  path: readonly string[],
  follow: (specifier: string, path: readonly string[]) => LiteralOrigin[],
): LiteralOrigin[] {
  const direct = exported.values.get(pathKey(path));
  if (direct) return direct;
  const forward = exported.forwards.get(path[0]);
  if (forward) return follow(forward.specifier, [forward.imported, ...path.slice(1)]);
  for (const star of exported.stars) {
    const found = follow(star, path);
    if (found.length) return found;
  }
  return [];
}

/** The class whose instance `this` is at a node: arrow functions keep `this`, other functions rebind it. */
export function enclosingClass(node: TS.Node): TS.ClassLikeDeclaration | undefined {
  const ts = typescript();
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current;
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
  }
  return undefined;
}

function unique(origins: LiteralOrigin[]): LiteralOrigin[] {
  const seen = new Set<string>();
  return origins.filter((origin) => {
    const key = `${origin.file}:${origin.span.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
