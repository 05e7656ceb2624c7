/**
 * Lexical name resolution without a type checker: which declaration does an identifier refer to?
 * Scopes are computed lazily, per container, the first time a name is looked up inside them. This is a
 * fraction of the cost of building a Program and binding with the checker, and enough to tell an imported
 * `OpenAI` from a local class of the same name or a parameter that shadows an import.
 */
import type * as TS from 'typescript';
import { typescript } from './parse';

export type BindingKind = 'import' | 'variable' | 'parameter' | 'function' | 'class' | 'other';

export interface ImportOrigin {
  specifier: string;
  /** `default`, `*` for namespace / require / import-equals, or the exported name. */
  imported: string;
  typeOnly: boolean;
}

export interface Binding {
  kind: BindingKind;
  name: string;
  declaration: TS.Node;
  /** Initializer the value comes from (variables, parameter defaults). */
  init?: TS.Expression;
  /** Destructuring path from the initializer to this binding (`const { chat: { completions } } = client`). */
  path: string[];
  /** Default of a destructured element (`const { model = 'gpt-4o' } = options`), taken when the property is missing. */
  fallback?: TS.Expression;
  /** Declared type, when written (`client: OpenAI`). */
  typeNode?: TS.TypeNode;
  origin?: ImportOrigin;
}

const topLevelBindings = new WeakMap<TS.Statement, readonly Binding[]>();

export class Scopes {
  private readonly locals = new Map<TS.Node, Map<string, Binding>>();
  /** Node → nearest container above it (null: none), so long chains of parents are walked once. */
  private readonly enclosing = new Map<TS.Node, TS.Node | null>();
  private readonly ts = typescript();

  /**
   * Told of every lookup that reached the file's top level: the identifier, and the binding found there
   * (undefined: a global). Lookups answered inside a function or block never leave the statement they are in.
   */
  onTopLevelLookup?: (identifier: TS.Identifier, binding: Binding | undefined) => void;

  /** Keep the names each top-level statement declares with its node (a file being edited, see `topLevelBindings`). */
  keepTopLevelBindings = false;

  /** The binding an identifier in expression position refers to, or undefined for globals. */
  resolve(identifier: TS.Identifier): Binding | undefined {
    return this.lookup(identifier.text, identifier, identifier);
  }

  /** The binding an identifier named `name` written at `node` would refer to, or undefined for globals. */
  resolveAt(name: string, node: TS.Node): Binding | undefined {
    return this.lookup(name, node, undefined);
  }

  private lookup(name: string, from: TS.Node, identifier: TS.Identifier | undefined): Binding | undefined {
    for (let container = this.containerAbove(from); container; container = this.containerAbove(container)) {
      const binding = this.localsOf(container).get(name);
      if (identifier && container.kind === this.ts.SyntaxKind.SourceFile) this.onTopLevelLookup?.(identifier, binding);
      if (binding) return binding;
    }
    return undefined;
  }

  /** The nearest container above `node`, remembered for every node passed on the way up. */
  private containerAbove(node: TS.Node): TS.Node | undefined {
    const passed: TS.Node[] = [];
    let found: TS.Node | null = null;
    for (let current = node.parent; current; current = current.parent) {
      if (this.isContainer(current)) {
        found = current;
        break;
      }
      const known = this.enclosing.get(current);
      if (known !== undefined) {
        found = known;
        break;
      }
      passed.push(current);
    }
    for (const step of passed) this.enclosing.set(step, found);
    return found ?? undefined;
  }

  private isContainer(node: TS.Node): boolean {
    const ts = this.ts;
    return (
      ts.isSourceFile(node) ||
      ts.isBlock(node) ||
      ts.isModuleBlock(node) ||
      ts.isCaseBlock(node) ||
      ts.isFunctionLike(node) ||
      ts.isForStatement(node) ||
      ts.isForOfStatement(node) ||
      ts.isForInStatement(node) ||
      ts.isCatchClause(node) ||
      ts.isClassExpression(node)
    );
  }

  private localsOf(container: TS.Node): Map<string, Binding> {
    let map = this.locals.get(container);
    if (!map) {
      map = new Map();
      this.collect(container, map);
      this.locals.set(container, map);
    }
    return map;
  }

  private collect(container: TS.Node, into: Map<string, Binding>): void {
    const ts = this.ts;
    if (ts.isSourceFile(container)) {
      for (const statement of container.statements) for (const binding of this.topLevelBindings(statement)) add(into, binding);
    } else if (ts.isBlock(container) || ts.isModuleBlock(container)) {
      for (const statement of container.statements) this.collectStatement(statement, into);
    } else if (ts.isCaseBlock(container)) {
      for (const clause of container.clauses) for (const statement of clause.statements) this.collectStatement(statement, into);
    } else if (ts.isFunctionLike(container)) {
      if ((ts.isFunctionExpression(container) || ts.isFunctionDeclaration(container)) && container.name) {
        add(into, { kind: 'function', name: container.name.text, declaration: container, path: [] });
      }
      for (const parameter of container.parameters) {
        this.collectName(parameter.name, { kind: 'parameter', declaration: parameter, init: parameter.initializer, typeNode: parameter.type }, [], into);
      }
    } else if (ts.isForStatement(container) || ts.isForOfStatement(container) || ts.isForInStatement(container)) {
      const initializer = container.initializer;
      if (initializer && ts.isVariableDeclarationList(initializer)) {
        for (const declaration of initializer.declarations) {
          // In for-of / for-in the initializer is the collection, not the value of the binding.
          const init = ts.isForStatement(container) ? declaration.initializer : undefined;
          this.collectName(declaration.name, { kind: 'variable', declaration, init, typeNode: declaration.type }, [], into);
        }
      }
    } else if (ts.isCatchClause(container)) {
      const declaration = container.variableDeclaration;
      if (declaration) this.collectName(declaration.name, { kind: 'other', declaration }, [], into);
    } else if (ts.isClassExpression(container) && container.name) {
      add(into, { kind: 'class', name: container.name.text, declaration: container, path: [] });
    }
  }

  /**
   * The names a top-level statement declares, kept per statement node when editing: the incremental parser
   * reuses the statements an edit did not touch, so a keystroke collects the file's scope from the changed
   * ones only.
   */
  private topLevelBindings(statement: TS.Statement): readonly Binding[] {
    let bindings = topLevelBindings.get(statement);
    if (!bindings) {
      const declared = new Map<string, Binding>();
      this.collectStatement(statement, declared);
      bindings = [...declared.values()];
      if (this.keepTopLevelBindings) topLevelBindings.set(statement, bindings);
    }
    return bindings;
  }

  private collectStatement(statement: TS.Statement, into: Map<string, Binding>): void {
    const ts = this.ts;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        this.collectName(declaration.name, { kind: 'variable', declaration, init: declaration.initializer, typeNode: declaration.type }, [], into);
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      add(into, { kind: 'function', name: statement.name.text, declaration: statement, path: [] });
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      add(into, { kind: 'class', name: statement.name.text, declaration: statement, path: [] });
    } else if ((ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && ts.isIdentifier(statement.name)) {
      add(into, { kind: 'other', name: statement.name.text, declaration: statement, path: [] });
    } else if (ts.isImportDeclaration(statement)) {
      this.collectImport(statement, into);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const reference = statement.moduleReference;
      const origin =
        ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)
          ? { specifier: reference.expression.text, imported: '*', typeOnly: statement.isTypeOnly }
          : undefined;
      add(into, { kind: origin ? 'import' : 'other', name: statement.name.text, declaration: statement, path: [], origin });
    }
  }

  private collectImport(statement: TS.ImportDeclaration, into: Map<string, Binding>): void {
    const ts = this.ts;
    const clause = statement.importClause;
    if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) return;
    const specifier = statement.moduleSpecifier.text;
    const clauseTypeOnly = clause.isTypeOnly;
    if (clause.name) {
      add(into, { kind: 'import', name: clause.name.text, declaration: clause, path: [], origin: { specifier, imported: 'default', typeOnly: clauseTypeOnly } });
    }
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (ts.isNamespaceImport(bindings)) {
      add(into, { kind: 'import', name: bindings.name.text, declaration: bindings, path: [], origin: { specifier, imported: '*', typeOnly: clauseTypeOnly } });
      return;
    }
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      add(into, {
        kind: 'import',
        name: element.name.text,
        declaration: element,
        path: [],
        origin: { specifier, imported, typeOnly: clauseTypeOnly || element.isTypeOnly },
      });
    }
  }

  /** Adds the names of a binding pattern, each with its destructuring path. */
  private collectName(
    name: TS.BindingName,
    base: Omit<Binding, 'name' | 'path'>,
    path: string[],
    into: Map<string, Binding>,
    fallback?: TS.Expression,
  ): void {
    const ts = this.ts;
    if (ts.isIdentifier(name)) {
      add(into, { ...base, name: name.text, path, ...(fallback && { fallback }) });
      return;
    }
    name.elements.forEach((element, index) => {
      if (ts.isOmittedExpression(element) || element.dotDotDotToken) return;
      let key: string | undefined;
      if (ts.isObjectBindingPattern(name)) {
        const property = element.propertyName ?? element.name;
        key = ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : undefined;
      } else {
        key = String(index);
      }
      if (key === undefined) return;
      this.collectName(element.name, base, [...path, key], into, element.initializer);
    });
  }
}

function add(into: Map<string, Binding>, binding: Binding): void {
  // The first declaration wins; TypeScript reports duplicates itself.
  if (!into.has(binding.name)) into.set(binding.name, binding);
}
