/**
 * Follows expressions to the vendor values they hold: through imports of every form, aliases,
 * destructuring, `this.x` fields, simple assignments, functions that return clients, and (through the
 * workspace index) clients exported by other modules.
 */
import type * as TS from 'typescript';
import { HTTP_LIBRARIES, matchVendorModule } from '../vendors/table';
import { type HeldArgument, heldMembers, superArguments } from './class-members';
import { LiteralTracer, enclosingClass } from './literal-origins';
import { typescript } from './parse';
import { type Binding, type ImportOrigin, Scopes } from './scope';
import { StaticValues, propertyNameText } from './strings';
import { isFallbackOperator, moduleSpecifierOfCall, skipOuterExpressions } from './syntax';
import { type Value, constructValue, deploymentOptionOf, memberValue, viaModule } from './values';

/** What the evaluator needs from the rest of the workspace. */
export interface ModuleHost {
  /** Absolute path of the workspace file a specifier resolves to, or undefined (package, missing). */
  resolveModule(fromFile: string, specifier: string): string | undefined;
  /** Value of an export of a workspace module, analysing it on demand. */
  exportOf(file: string, name: string): Value | undefined;
  /** The constructor argument a member of an exported class of a workspace module keeps (a base class), analysing it on demand. */
  heldByExportedClass(file: string, name: string, member: string): HeldArgument | undefined;
}

const IN_PROGRESS = Symbol('in-progress');

export class Evaluator {
  readonly scopes = new Scopes();
  /** Modules mocked in this file (`vi.mock('openai')`): their imports are not vendor values here. */
  readonly mockedModules = new Set<string>();
  private readonly ts = typescript();
  private readonly assignments = new Map<Binding, TS.Expression[]>();
  private readonly memberAssignments = new Map<TS.ClassLikeDeclaration, Map<string, TS.Expression[]>>();
  private readonly nodeValues = new Map<TS.Node, Value | undefined | typeof IN_PROGRESS>();
  private readonly bindingValues = new Map<Binding, Value | undefined | typeof IN_PROGRESS>();

  constructor(
    private readonly filePath: string,
    private readonly host: ModuleHost,
  ) {}

  /**
   * A value was asked for while it was being worked out (a cycle among bindings): it got none, so what
   * was found depended on the order values were asked for.
   */
  sawCycle = false;

  /** Records `target = value` (identifier or `this.x` target) seen while walking the file; the binding assigned, if local. */
  recordAssignment(target: TS.Expression, value: TS.Expression): Binding | undefined {
    const ts = this.ts;
    if (ts.isIdentifier(target)) {
      const binding = this.scopes.resolve(target);
      if (binding) push(this.assignments, binding, value);
      return binding;
    } else if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const owner = enclosingClass(target);
      if (!owner) return;
      let members = this.memberAssignments.get(owner);
      if (!members) this.memberAssignments.set(owner, (members = new Map()));
      push(members, target.name.text, value);
    }
    return undefined;
  }

  evaluate(node: TS.Expression): Value | undefined {
    return this.memoized(this.nodeValues, node, () => this.compute(node));
  }

  valueOfBinding(binding: Binding): Value | undefined {
    return this.memoized(this.bindingValues, binding, () => this.computeBinding(binding));
  }

  /** The value a module specifier yields as a whole (`require(x)`, `import(x)`, `import * as`). */
  moduleValue(specifier: string): Value | undefined {
    return this.importValue({ specifier, imported: '*', typeOnly: false });
  }

  importValue(origin: ImportOrigin): Value | undefined {
    const { specifier, imported } = origin;
    if (this.mockedModules.has(specifier)) return undefined;
    const vendor = matchVendorModule(specifier);
    if (vendor) {
      const base: Value = { kind: 'vendor-module', vendor: vendor.vendor.id, module: vendor.module.name };
      return imported === '*' ? base : memberValue(base, imported, () => undefined);
    }
    const http = HTTP_LIBRARIES.find((library) => library.modules.includes(specifier));
    if (http) return { kind: 'http', library: http.name, path: imported === '*' || imported === 'default' ? [] : [imported] };
    const file = this.host.resolveModule(this.filePath, specifier);
    if (!file) return undefined;
    if (imported === '*') return { kind: 'local-module', file, specifier };
    return viaModule(this.host.exportOf(file, imported), specifier);
  }

  /** The vendor value a declared type names (`client: OpenAI`, `OpenAI | null`). */
  typeValue(type: TS.TypeNode | undefined): Value | undefined {
    const ts = this.ts;
    if (!type) return undefined;
    if (ts.isUnionTypeNode(type)) {
      for (const member of type.types) {
        const value = this.typeValue(member);
        if (value) return value;
      }
      return undefined;
    }
    if (ts.isParenthesizedTypeNode(type)) return this.typeValue(type.type);
    if (ts.isTypeLiteralNode(type)) return this.shapeValue(type.members);
    if (!ts.isTypeReferenceNode(type)) return undefined;
    if (ts.isIdentifier(type.typeName) && ['Promise', 'Awaited'].includes(type.typeName.text) && type.typeArguments?.length === 1) {
      return this.typeValue(type.typeArguments[0]);
    }
    const named = this.entityValue(type.typeName);
    if (named?.kind === 'shape') return named;
    if (named) return constructValue(named);
    return ts.isIdentifier(type.typeName) ? this.localTypeValue(type.typeName) : undefined;
  }

  /** The shape an interface or type alias declares, when a member holds a vendor value. */
  shapeValue(members: TS.NodeArray<TS.TypeElement> | TS.TypeNode): Value | undefined {
    const ts = this.ts;
    if (!('length' in members)) return ts.isTypeLiteralNode(members) ? this.shapeValue(members.members) : undefined;
    const found: Record<string, Value> = {};
    for (const member of members) {
      const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
      if (name === undefined) continue;
      if (ts.isMethodSignature(member)) {
        const returns = this.typeValue(member.type);
        if (returns) found[name] = { kind: 'function', returns };
      } else if (ts.isPropertySignature(member)) {
        const value = this.typeValue(member.type);
        if (value) found[name] = value;
      }
    }
    return Object.keys(found).length ? { kind: 'shape', members: found } : undefined;
  }

  /** A top-level interface or type alias of this file (types are not in the value scopes). */
  private localTypeValue(name: TS.Identifier): Value | undefined {
    const ts = this.ts;
    const declaration = name.getSourceFile().statements.find(
      (statement): statement is TS.InterfaceDeclaration | TS.TypeAliasDeclaration =>
        (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === name.text,
    );
    if (!declaration) return undefined;
    return this.memoized(this.nodeValues, declaration as unknown as TS.Expression, () =>
      ts.isInterfaceDeclaration(declaration) ? this.shapeValue(declaration.members) : this.shapeValue(declaration.type),
    );
  }

  /** Leftmost identifier of a type name resolved to an import binding. */
  importOfEntity(name: TS.EntityName | TS.Expression): Binding | undefined {
    const ts = this.ts;
    let node: TS.Node = name;
    while (ts.isQualifiedName(node) || ts.isPropertyAccessExpression(node)) node = ts.isQualifiedName(node) ? node.left : node.expression;
    if (!ts.isIdentifier(node)) return undefined;
    const binding = this.scopes.resolve(node);
    return binding?.kind === 'import' ? binding : undefined;
  }

  private entityValue(name: TS.EntityName): Value | undefined {
    const ts = this.ts;
    if (ts.isIdentifier(name)) {
      const binding = this.scopes.resolve(name);
      return binding ? this.valueOfBinding(binding) : undefined;
    }
    return memberValue(this.entityValue(name.left), name.right.text, this.resolveLocal);
  }

  /** Computes once per key; a key met again while it is being computed (a cycle) has no value. */
  private memoized<K>(cache: Map<K, Value | undefined | typeof IN_PROGRESS>, key: K, compute: () => Value | undefined): Value | undefined {
    const cached = cache.get(key);
    if (cached === IN_PROGRESS) {
      this.sawCycle = true;
      return undefined;
    }
    if (cached !== undefined || cache.has(key)) return cached;
    cache.set(key, IN_PROGRESS);
    const value = compute();
    cache.set(key, value);
    return value;
  }

  private readonly resolveLocal = (file: string, name: string, specifier: string): Value | undefined =>
    viaModule(this.host.exportOf(file, name), specifier);

  private compute(node: TS.Expression): Value | undefined {
    const ts = this.ts;
    const inner = skipOuterExpressions(node);
    if (ts.isIdentifier(inner)) {
      const binding = this.scopes.resolve(inner);
      return binding ? this.valueOfBinding(binding) : undefined;
    }
    if (ts.isPropertyAccessExpression(inner)) {
      if (inner.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisMember(inner, inner.name.text);
      return memberValue(this.evaluate(inner.expression), inner.name.text, this.resolveLocal);
    }
    if (ts.isElementAccessExpression(inner) && ts.isStringLiteralLike(inner.argumentExpression)) {
      return memberValue(this.evaluate(inner.expression), inner.argumentExpression.text, this.resolveLocal);
    }
    if (ts.isNewExpression(inner)) return this.construct(inner);
    if (ts.isCallExpression(inner)) return this.callValue(inner);
    if (ts.isConditionalExpression(inner)) return this.evaluate(inner.whenTrue) ?? this.evaluate(inner.whenFalse);
    if (ts.isBinaryExpression(inner) && isFallbackOperator(inner.operatorToken.kind)) {
      return this.evaluate(inner.left) ?? this.evaluate(inner.right);
    }
    if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) return this.functionValue(inner);
    return undefined;
  }

  /** `new Client({ deployment: 'x' })` remembers the deployment, since it decides every call's model. */
  private construct(expression: TS.NewExpression): Value | undefined {
    const constructed = constructValue(this.evaluate(expression.expression));
    const instance = constructed && { ...constructed, construction: { file: this.filePath, start: expression.getStart(), end: expression.end } };
    const option = instance && deploymentOptionOf(instance);
    const [options] = expression.arguments ?? [];
    if (!instance || !option || !options) return instance;
    const value = new StaticValues(this.scopes).properties(options).find((property) => property.name === option)?.value;
    // Literals of this file only: a deployment imported from another module is kept as its export path.
    const literal = value && new LiteralTracer(expression.getSourceFile(), this.scopes).origins(value);
    if (literal?.length === 1) return { ...instance, deployment: literal[0].value };
    const imported = value && this.importedProperty(value);
    return imported ? { ...instance, deployment: imported } : instance;
  }

  /** `models.reports` where `models` is imported from a workspace module: that file and the path. */
  private importedProperty(expression: TS.Expression): { file: string; path: string[] } | undefined {
    const ts = this.ts;
    const path: string[] = [];
    let node = skipOuterExpressions(expression);
    while (ts.isPropertyAccessExpression(node)) {
      path.unshift(node.name.text);
      node = skipOuterExpressions(node.expression);
    }
    const binding = ts.isIdentifier(node) ? this.scopes.resolve(node) : undefined;
    const origin = binding?.origin;
    const file = origin && !origin.typeOnly && this.host.resolveModule(this.filePath, origin.specifier);
    if (!file || !path.length) return undefined;
    return { file, path: [...(origin.imported === '*' ? [] : [origin.imported]), ...binding.path, ...path] };
  }

  private callValue(call: TS.CallExpression): Value | undefined {
    const specifier = moduleSpecifierOfCall(call);
    if (specifier !== undefined) return this.moduleValue(specifier);
    const callee = this.evaluate(call.expression);
    if (!callee) return undefined;
    if (callee.kind === 'function') return callee.returns;
    if (callee.kind === 'vendor-export' && callee.role === 'provider-factory') {
      return { kind: 'instance', vendor: callee.vendor, module: callee.module, className: callee.name, role: 'provider', path: [] };
    }
    // `axios.create(...)`, `got.extend(...)` and `ky.create(...)` return clients of the same library.
    if (callee.kind === 'http' && callee.path.length === 1 && ['create', 'extend'].includes(callee.path[0])) {
      return { kind: 'http', library: callee.library, path: [] };
    }
    return undefined;
  }

  private computeBinding(binding: Binding): Value | undefined {
    const ts = this.ts;
    switch (binding.kind) {
      case 'import':
        return this.importValue(binding.origin!);
      case 'function':
        return ts.isFunctionLike(binding.declaration) ? this.functionValue(binding.declaration) : undefined;
      case 'variable':
      case 'parameter': {
        let value = binding.init ? this.followPath(this.evaluate(binding.init), binding.path) : undefined;
        for (const assigned of this.assignments.get(binding) ?? []) {
          if (value) break;
          value = this.evaluate(assigned);
        }
        if (!value && binding.fallback) value = this.evaluate(binding.fallback);
        return value ?? (binding.path.length === 0 ? this.typeValue(binding.typeNode) : undefined);
      }
      default:
        return undefined;
    }
  }

  private followPath(value: Value | undefined, path: readonly string[]): Value | undefined {
    let current = value;
    for (const key of path) current = memberValue(current, key, this.resolveLocal);
    return current;
  }

  functionValue(fn: TS.SignatureDeclaration): Value | undefined {
    const ts = this.ts;
    const body = (fn as { body?: TS.Node }).body;
    if (!body) return undefined;
    let returns: Value | undefined;
    if (!ts.isBlock(body)) {
      returns = this.evaluate(body as TS.Expression);
    } else {
      const visit = (node: TS.Node): void => {
        if (returns || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
        if (ts.isReturnStatement(node) && node.expression) returns = this.evaluate(node.expression);
        else ts.forEachChild(node, visit);
      };
      ts.forEachChild(body, visit);
    }
    return returns ? { kind: 'function', returns } : undefined;
  }

  /**
   * `this.name` inside a class: field initializers and types, parameter properties, assignments, methods
   * and getters (what they return, else their declared return type), and what a base class keeps of the
   * arguments this class passes to `super(…)`.
   */
  private thisMember(node: TS.Node, name: string): Value | undefined {
    const ts = this.ts;
    const owner = enclosingClass(node);
    if (!owner) return undefined;
    for (const member of owner.members) {
      if (ts.isPropertyDeclaration(member) && propertyNameText(member.name) === name) {
        const value = (member.initializer && this.evaluate(member.initializer)) ?? this.typeValue(member.type);
        if (value) return value;
      }
      if ((ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) && propertyNameText(member.name) === name) {
        const method = this.methodValue(member);
        const value = ts.isGetAccessorDeclaration(member) ? method?.returns : method;
        if (value) return value;
      }
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (ts.isIdentifier(parameter.name) && parameter.name.text === name && ts.isParameterPropertyDeclaration(parameter, member)) {
            const value = (parameter.initializer && this.evaluate(parameter.initializer)) ?? this.typeValue(parameter.type);
            if (value) return value;
          }
        }
      }
    }
    for (const assigned of this.memberAssignments.get(owner)?.get(name) ?? []) {
      const value = this.evaluate(assigned);
      if (value) return value;
    }
    if (!owner.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)) return undefined;
    const inherited = this.inheritedMember(owner, name);
    if (inherited) return inherited;
    // A subclass uses the base class's `this.openai`: its constructor takes the same parameter, typed, for `super(…)`.
    const constructor = owner.members.find(ts.isConstructorDeclaration);
    const parameter = constructor?.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name);
    return parameter && this.typeValue(parameter.type);
  }

  /** What calling a method returns: its `return`s, else its declared return type. */
  private methodValue(method: TS.MethodDeclaration | TS.GetAccessorDeclaration): Extract<Value, { kind: 'function' }> | undefined {
    const body = this.functionValue(method);
    if (body?.kind === 'function') return body;
    const declared = this.typeValue(method.type);
    return declared && { kind: 'function', returns: declared };
  }

  /** `this.client` kept by the base class from a constructor argument: the argument this class passes to `super(…)`. */
  private inheritedMember(owner: TS.ClassLikeDeclaration, name: string): Value | undefined {
    const args = superArguments(owner);
    const held = args?.length ? this.heldByBaseClass(owner, name) : undefined;
    if (!args || !held || args.slice(0, held.parameter + 1).some((argument) => this.ts.isSpreadElement(argument))) return undefined;
    const argument = args[held.parameter];
    const value = argument && this.evaluate(argument);
    return value && held.call ? { kind: 'function', returns: value } : value;
  }

  /** The constructor argument member `name` of the base class (of this file, or exported by a workspace module) keeps. */
  private heldByBaseClass(owner: TS.ClassLikeDeclaration, name: string): HeldArgument | undefined {
    const ts = this.ts;
    const base = owner.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const binding = base && ts.isIdentifier(base) ? this.scopes.resolve(base) : undefined;
    if (!binding) return undefined;
    if (binding.kind === 'class') return ts.isClassLike(binding.declaration) ? heldMembers(binding.declaration)?.get(name) : undefined;
    let specifier: string | undefined;
    let path: string[] = binding.path;
    if (binding.kind === 'import' && binding.origin && !binding.origin.typeOnly) {
      specifier = binding.origin.specifier;
      if (binding.origin.imported !== '*') path = [binding.origin.imported, ...path];
    } else if (binding.kind === 'variable' && binding.init && ts.isCallExpression(skipOuterExpressions(binding.init))) {
      // `const Provider = require('./provider')`, `const { Provider } = require('./providers')`.
      specifier = moduleSpecifierOfCall(skipOuterExpressions(binding.init) as TS.CallExpression);
    }
    const file = specifier !== undefined && path.length <= 1 ? this.host.resolveModule(this.filePath, specifier) : undefined;
    return file ? this.host.heldByExportedClass(file, path[0] ?? 'default', name) : undefined;
  }
}



function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
