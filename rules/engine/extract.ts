/**
 * One walk over a parsed file that turns syntax into facts about vendor usage (imports, clients, calls,
 * literals, type leaks, environment reads) and into the file's exported vendor values for the index.
 */
import type * as TS from 'typescript';
import { AZURE_OPENAI_CONTEXT, findApiVersionQueries, findOpenAiKeys, hostMentionPattern, hostPattern, isApiVersionProperty, isApiVersionValue, isAzureKey, redactKey } from '../vendors/patterns';
import {
  API_KEY_PROPERTIES,
  GENERIC_KEY_PROPERTIES,
  HTTP_GLOBALS,
  HTTP_LIBRARIES,
  MODULE_MOCK_CALLS,
  matchesCallPattern,
  matchVendorModule,
  vendorOfEnvVar,
  vendorOfHost,
  vendorSpec,
  type VendorSpec,
} from '../vendors/table';
import { type HeldMembers, exportedClasses } from './class-members';
import { EnvReads } from './env-reads';
import { Evaluator, type ModuleHost } from './evaluate';
import { moduleSpecifierOfCall, skipOuterExpressions } from './syntax';
import type { Fact, ForeignFact, ImportForm, Span } from './facts';
import type { VendorId } from './types';
import { type ExportedLiterals, type LiteralEntry, type LiteralHost, type LiteralOrigin, LiteralTracer, assembleLiterals, enclosingClass } from './literal-origins';
import { typescript } from './parse';
import { StaticValues, UNKNOWN_FRAGMENT, propertyNameText } from './strings';
import { collectTypeLeaks } from './type-leaks';
import { VendorNames, baseToken, boundNames } from './vendor-names';
import { type Value, callPatternsOf, constructValue } from './values';
import { type ExportEntry, type ModuleExports, assembleExports, commonJsExports, statementExports } from './exports';
import {
  type Contribution,
  type ImportSite,
  PASSES,
  type StatementRecord,
  carriedRecord,
  emptyRecord,
  namesTouchedBy,
  staleStatements,
} from './statement-records';
import { textEdit } from './text';

export interface Extraction {
  facts: Fact[];
  /** Facts about literals written in other files, found through their uses here. */
  foreignFacts: ForeignFact[];
  exports: ModuleExports;
  literals: ExportedLiterals;
  /** Exported classes that keep constructor arguments (base classes followed from `super(…)`). */
  classes: Map<string, HeldMembers>;
  /** With `incremental`: what the next extraction of an edit of this file can reuse. */
  state?: ExtractionState;
}

export interface ExtractOptions {
  /** Extra endpoint hosts from the configuration. */
  configuredHosts: readonly string[];
  /**
   * Keep records per top-level statement (see statement-records.ts); with `previous`, the extraction of
   * the file before the edit, whose tree the incremental parser reused for this one, reuse what still holds.
   */
  incremental?: { previous?: ExtractionState };
}

/** What an extraction leaves for the next one of the same file, edited. */
export interface ExtractionState {
  /** The text the records' offsets refer to. */
  text: string;
  records: ReadonlyMap<TS.Statement, StatementRecord>;
  /** Everything every statement's facts depend on besides its own text and what it used. */
  context: string;
  /** Results of the walk that the passes after it depend on (vendor names, mocked modules, listed exports). */
  walkResults: string;
  /** False when values were asked for in a cycle: what was found depended on the order of the work. */
  reusable: boolean;
  /** How many top-level statements this extraction walked (the others' records were carried over). */
  walked: number;
}

/** Records what one node holds; `false` skips its children. */
type Recorder = (extractor: FactExtractor, node: TS.Node) => false | void;

/** Key properties any service uses (Algolia, Mapbox, Firebase …), unlike `azureOpenAIApiKey` or the `api-key` header. */
/** Options of an HTTP request that hold its JSON body. */
const REQUEST_BODY_PROPERTIES = ['body', 'data', 'json'];
/** URL text right before a substitution that names the model or Azure deployment. */
const MODEL_URL_SLOT = /(?:[?&]model=|\/deployments\/)$/;

/** Template text right before a substitution that is the API version (`?api-version=${apiVersion}`). */
const API_VERSION_SLOT = /[?&]api-version=$/;

/** Object properties of an HTTP request that can hold its URL or host. */
const URL_PROPERTIES = ['url', 'baseURL', 'baseUrl', 'prefixUrl', 'prefixURL', 'hostname', 'host', 'origin'];

/** Host patterns per set of configured hosts: built once, not for every file. */
const hostPatterns = new Map<string, { hosts: RegExp; mentions: RegExp }>();

function hostPatternsFor(configuredHosts: readonly string[]): { hosts: RegExp; mentions: RegExp } {
  const key = configuredHosts.join('\n');
  let patterns = hostPatterns.get(key);
  if (!patterns) hostPatterns.set(key, (patterns = { hosts: hostPattern(configuredHosts), mentions: hostMentionPattern(configuredHosts) }));
  return patterns;
}

export function extractFacts(sourceFile: TS.SourceFile, host: ModuleHost & LiteralHost, options: ExtractOptions): Extraction {
  return new FactExtractor(sourceFile, host, options).run();
}

class FactExtractor {
  private readonly ts = typescript();
  private readonly evaluator: Evaluator;
  private readonly statics: StaticValues;
  private readonly tracer: LiteralTracer;
  private readonly envReads: EnvReads;
  private readonly facts: Fact[] = [];
  private readonly foreignFacts: ForeignFact[] = [];
  private readonly factKeys = new Set<string>();
  /** The statement whose walk or pass is running: what is found goes to its record. */
  private current!: StatementRecord;
  private pass = 0;
  /** `export { local as name }` and `export default local`: local name → exported name. */
  private readonly listedExports = new Map<string, string>();
  private readonly commonJsExports: Array<{ name: string; value: TS.Expression }> = [];
  /** With incremental records: per statement, what its identifiers resolved to at the top level in this run. */
  private readonly lookups?: Map<TS.Statement, Pick<StatementRecord, 'uses' | 'lookedUp'>>;
  private readonly hosts: RegExp;
  private readonly mayHoldHosts: boolean;
  private readonly mayHoldApiVersions: boolean;
  /** 32 hex characters under a generic `apiKey` are an Azure OpenAI key only in a file about Azure OpenAI (asked rarely). */
  private azureOpenAiContextKnown?: boolean;
  private readonly vendorNames = new VendorNames();

  constructor(
    private readonly sourceFile: TS.SourceFile,
    private readonly host: ModuleHost & LiteralHost,
    private readonly options: ExtractOptions,
  ) {
    this.evaluator = new Evaluator(sourceFile.fileName, host);
    this.statics = new StaticValues(this.evaluator.scopes);
    this.tracer = new LiteralTracer(sourceFile, this.evaluator.scopes, host);
    this.envReads = new EnvReads(this.evaluator.scopes);
    const patterns = hostPatternsFor(options.configuredHosts);
    this.hosts = patterns.hosts;
    // Most literals of most files need no look at all: decide once per file whether they can.
    this.mayHoldHosts = patterns.mentions.test(sourceFile.text);
    this.mayHoldApiVersions = sourceFile.text.includes('api-version=');
    if (options.incremental) {
      const lookups = new Map<TS.Statement, Pick<StatementRecord, 'uses' | 'lookedUp'>>();
      this.lookups = lookups;
      this.evaluator.scopes.keepTopLevelBindings = true;
      this.evaluator.scopes.onTopLevelLookup = (identifier, binding) => {
        const from = this.lookupsOf(identifier);
        from?.lookedUp.add(identifier.text);
        const declaredIn = binding && this.statementAt(binding.declaration);
        if (from && declaredIn) from.uses.add(declaredIn);
      };
    }
  }

  /** The top-level statement a node lies in. */
  private statementAt(node: TS.Node): TS.Statement | undefined {
    const statements = this.sourceFile.statements;
    let low = 0;
    for (let high = statements.length; low < high; ) {
      const middle = (low + high) >>> 1;
      if (statements[middle].end <= node.pos) low = middle + 1;
      else high = middle;
    }
    const statement = statements[low];
    return statement && statement.pos <= node.pos ? statement : undefined;
  }

  private lookupsOf(node: TS.Node): Pick<StatementRecord, 'uses' | 'lookedUp'> | undefined {
    const statement = this.statementAt(node);
    if (!statement || !this.lookups) return undefined;
    let found = this.lookups.get(statement);
    if (!found) this.lookups.set(statement, (found = { uses: new Set(), lookedUp: new Set() }));
    return found;
  }

  run(): Extraction {
    const context = JSON.stringify([this.options.configuredHosts, this.mayHoldHosts, this.mayHoldApiVersions, this.options.incremental && this.azureOpenAiContext()]);
    const previous = this.options.incremental?.previous;
    const usable = previous?.reusable && previous.context === context ? previous : undefined;
    const records = this.walkStatements(usable);
    for (const record of records) this.applyWalkResults(record);
    this.vendorNames.settle(this.sourceFile, !!this.options.incremental);
    const walkResults = this.options.incremental ? JSON.stringify([this.vendorNames.sorted(), [...this.evaluator.mockedModules].sort(), [...this.listedExports]]) : '';
    // A record carried over keeps the facts of its passes only if what those passes read is the same.
    const passesHold = !!usable && usable.walkResults === walkResults;
    for (let pass = 1; pass < PASSES.length; pass++) {
      for (const record of records) {
        if (passesHold && record.output[pass] !== undefined && !this.walked.has(record)) continue;
        this.current = record;
        this.pass = pass;
        record.output[pass] = [];
        this.runPass(pass, record);
      }
    }
    const exportEntries: ExportEntry[] = [];
    const literalEntries: LiteralEntry[] = [];
    for (let pass = 0; pass < PASSES.length; pass++) {
      for (const record of records) {
        for (const contribution of record.output[pass]) {
          if ('export' in contribution) exportEntries.push(contribution.export);
          else if ('literal' in contribution) literalEntries.push(contribution.literal);
          else this.apply(contribution);
        }
      }
    }
    for (const key of findOpenAiKeys(this.sourceFile.text)) {
      this.apply({ fact: { kind: 'secret-literal', keyKind: 'openai-key', redacted: redactKey(key.key), span: { start: key.start, end: key.end } } });
    }
    const exports = assembleExports([...exportEntries, ...commonJsExports(this.commonJsExports, this.evaluator)]);
    const literals = assembleLiterals([...literalEntries, ...this.tracer.commonJsLiterals(this.commonJsExports)]);
    const classes = exportedClasses(this.sourceFile, this.listedExports, this.commonJsExports);
    const extraction: Extraction = { facts: this.facts, foreignFacts: this.foreignFacts, exports, literals, classes };
    if (this.options.incremental) extraction.state = this.state(records, context, walkResults);
    return extraction;
  }

  /** Records walked in this run (the others were carried over from the previous extraction). */
  private readonly walked = new Set<StatementRecord>();

  /**
   * Walks the statements whose records cannot be carried over: all of them without a usable previous
   * extraction; else the ones the edit changed (walked first: the names they declare decide which of the
   * others still hold), then the ones that depended on something that changed.
   */
  private walkStatements(previous: ExtractionState | undefined): StatementRecord[] {
    const statements = this.sourceFile.statements;
    const records = new Map<TS.Statement, StatementRecord>();
    for (const statement of statements) if (!previous?.records.has(statement)) records.set(statement, this.walk(statement));
    if (previous) {
      const edit = textEdit(previous.text, this.sourceFile.text);
      const kept = new Map(statements.filter((statement) => previous.records.has(statement)).map((statement) => [statement, previous.records.get(statement)!]));
      const changedNames = new Set([...records.values()].flatMap(namesTouchedBy));
      for (const [statement, record] of previous.records) if (!kept.has(statement)) for (const name of namesTouchedBy(record)) changedNames.add(name);
      const stale = staleStatements(kept, changedNames);
      for (const [statement, record] of kept) records.set(statement, stale.has(statement) ? this.walk(statement, record) : carriedRecord(record, edit, this.sourceFile.fileName, true));
    }
    return statements.map((statement) => records.get(statement)!);
  }

  /** `previous`: the statement's record before the edit (same node): what it depended on still counts. */
  private walk(statement: TS.Statement, previous?: StatementRecord): StatementRecord {
    const record = emptyRecord(statement);
    if (previous) {
      for (const used of previous.uses) record.uses.add(used);
      for (const name of previous.lookedUp) record.lookedUp.add(name);
    }
    this.walked.add(record);
    this.current = record;
    this.pass = 0;
    this.visit(statement);
    return record;
  }

  /** What a statement's walk leaves for the whole file, in statement order as a walk of the whole file would. */
  private applyWalkResults(record: StatementRecord): void {
    for (const name of record.seeds) this.vendorNames.seed(name);
    for (const { targets, source } of record.flows) this.vendorNames.flow(targets, source);
    for (const specifier of record.mocks) this.evaluator.mockedModules.add(specifier);
    for (const [target, value] of record.assignments) {
      const binding = this.evaluator.recordAssignment(target, value);
      // The binding's value now takes this statement's assignment too.
      const declaredIn = binding && this.statementAt(binding.declaration);
      if (declaredIn && declaredIn !== record.statement) this.lookupsOf(binding.declaration)?.uses.add(record.statement);
    }
    for (const [local, exported] of record.listedExports) this.listedExports.set(local, exported);
    this.commonJsExports.push(...record.commonJsExports);
  }

  private runPass(pass: number, record: StatementRecord): void {
    switch (PASSES[pass]) {
      case 'imports':
        for (const site of record.imports) this.importFact(site);
        break;
      case 'constructions':
        for (const construction of record.constructions) this.constructionFacts(construction);
        break;
      case 'calls':
        for (const call of record.calls) this.callFacts(call);
        break;
      case 'references':
        for (const reference of record.valueReferences) this.providerReference(reference);
        break;
      case 'exported':
        for (const declaration of record.exportedDeclarations) this.typeLeaks(declaration);
        break;
      case 'listed': {
        const statement = record.statement;
        if (!isExported(statement) && isDeclaration(statement) && declaredNames(statement).some((name) => this.listedExports.has(name))) this.typeLeaks(statement);
        break;
      }
      case 'exports':
        for (const entry of statementExports(record.statement, this.evaluator)) record.output[pass].push({ export: entry });
        break;
      case 'literals':
        for (const entry of this.tracer.statementLiterals(record.statement)) record.output[pass].push({ literal: entry });
        break;
    }
  }

  private typeLeaks(declaration: TS.Node): void {
    for (const leak of collectTypeLeaks(declaration, this.evaluator, (local) => this.listedExports.get(local) ?? local)) this.add(leak);
  }

  private state(records: readonly StatementRecord[], context: string, walkResults: string): ExtractionState {
    const byStatement = new Map(records.map((record) => [record.statement, record]));
    for (const [statement, found] of this.lookups ?? []) {
      const record = byStatement.get(statement);
      if (!record) continue;
      for (const used of found.uses) record.uses.add(used);
      for (const name of found.lookedUp) record.lookedUp.add(name);
    }
    return {
      text: this.sourceFile.text,
      records: byStatement,
      context,
      walkResults,
      reusable: !this.evaluator.sawCycle,
      walked: this.walked.size,
    };
  }

  /** A fact found in the running statement's walk or pass (gathered into the file's facts afterwards, in order). */
  private add(fact: Fact): void {
    this.current.output[this.pass].push({ fact });
  }

  /** Gathers one finding of a statement into the file's facts; a copy, so the record stays as found. */
  private apply(contribution: Extract<Contribution, { fact: Fact } | { foreign: ForeignFact }>): void {
    if ('foreign' in contribution) {
      this.foreignFacts.push(contribution.foreign);
      return;
    }
    const fact = { ...contribution.fact };
    const key = `${fact.kind}:${fact.span.start}:${fact.span.end}`;
    if (this.factKeys.has(key)) {
      // The same literal reached from another use: keep that use as a further related location.
      const known = 'uses' in fact && fact.uses && this.facts.find((other) => `${other.kind}:${other.span.start}:${other.span.end}` === key);
      if (known && 'uses' in known) known.uses = [...(known.uses ?? []), ...fact.uses!];
      return;
    }
    this.factKeys.add(key);
    this.facts.push(fact);
  }

  /**
   * Reports each literal `expression` carries where it is written: here (with the use as a related
   * location when the literal stands elsewhere), or as a foreign fact for the file that defines it.
   */
  private literalFacts(expression: TS.Expression, path: string[], accept: (value: string) => boolean, make: (origin: LiteralOrigin) => ForeignFact['fact']): void {
    const use = this.span(expression);
    for (const origin of this.tracer.origins(expression, path)) {
      if (!accept(origin.value)) continue;
      const fact = make(origin);
      const inside = origin.file === this.sourceFile.fileName && origin.span.start >= use.start && origin.span.end <= use.end;
      if (!inside) fact.uses = [{ file: this.sourceFile.fileName, span: use }];
      if (origin.file === this.sourceFile.fileName) this.add(fact);
      else this.current.output[this.pass].push({ foreign: { file: origin.file, fact } });
    }
  }

  private span(node: TS.Node): Span {
    return { start: node.getStart(this.sourceFile), end: node.end };
  }

  private visit = (node: TS.Node): void => {
    const record = FactExtractor.recorders()[node.kind];
    if (record && record(this, node) === false) return;
    if (isStatementOfModule(node) && isExported(node)) this.current.exportedDeclarations.push(node);
    this.ts.forEachChild(node, this.visit);
  };

  /**
   * What the walk records, per kind of node (`false`: not worth descending into). A table indexed by
   * kind, because most nodes need nothing: a `switch` over `ts.SyntaxKind` members compared every node
   * with each case in turn (measured: the walk's largest cost after parsing).
   */
  private static recordersByKind?: Array<Recorder | undefined>;

  private static recorders(): Array<Recorder | undefined> {
    if (FactExtractor.recordersByKind) return FactExtractor.recordersByKind;
    const ts = typescript();
    const byName: Partial<Record<keyof typeof TS.SyntaxKind, Recorder>> = {
      ImportDeclaration: (self, node) => {
        self.recordImportDeclaration(node as TS.ImportDeclaration);
        return false;
      },
      ImportEqualsDeclaration: (self, node) => {
        const declaration = node as TS.ImportEqualsDeclaration;
        const reference = declaration.moduleReference;
        if (!ts.isExternalModuleReference(reference) || !ts.isStringLiteralLike(reference.expression)) return;
        self.current.imports.push({ specifier: reference.expression, form: 'import-equals', typeOnly: declaration.isTypeOnly });
        self.current.seeds.push(declaration.name.text);
        return false;
      },
      ExportDeclaration: (self, node) => {
        const declaration = node as TS.ExportDeclaration;
        if (!declaration.moduleSpecifier || !ts.isStringLiteralLike(declaration.moduleSpecifier)) {
          if (declaration.exportClause && ts.isNamedExports(declaration.exportClause)) {
            for (const element of declaration.exportClause.elements) self.current.listedExports.push([(element.propertyName ?? element.name).text, element.name.text]);
          }
          return;
        }
        self.current.imports.push({ specifier: declaration.moduleSpecifier, form: 're-export', typeOnly: declaration.isTypeOnly });
        return false;
      },
      ExportAssignment: (self, node) => {
        const expression = (node as TS.ExportAssignment).expression;
        if (ts.isIdentifier(expression)) self.current.listedExports.push([expression.text, 'default']);
      },
      CallExpression: (self, node) => self.recordCall(node as TS.CallExpression),
      NewExpression: (self, node) => void self.current.constructions.push(node as TS.NewExpression),
      BinaryExpression: (self, node) => self.recordAssignment(node as TS.BinaryExpression),
      StringLiteral: (self, node) => self.scanLiteral(node),
      NoSubstitutionTemplateLiteral: (self, node) => self.scanLiteral(node),
      TemplateHead: (self, node) => self.scanLiteral(node),
      TemplateMiddle: (self, node) => self.scanLiteral(node),
      TemplateTail: (self, node) => self.scanLiteral(node),
      PropertyAssignment: (self, node) => {
        const property = node as TS.PropertyAssignment;
        self.checkProperty(property.name, property.initializer);
        if (ts.isIdentifier(property.initializer)) self.current.valueReferences.push(property.initializer);
      },
      ShorthandPropertyAssignment: (self, node) => {
        const property = node as TS.ShorthandPropertyAssignment;
        self.checkProperty(property.name, property.name);
        self.current.valueReferences.push(property.name);
      },
      ArrayLiteralExpression: (self, node) => {
        for (const element of (node as TS.ArrayLiteralExpression).elements) if (ts.isIdentifier(element)) self.current.valueReferences.push(element);
      },
      PropertyAccessExpression: (self, node) => self.checkEnvRead(node as TS.Expression),
      ElementAccessExpression: (self, node) => self.checkEnvRead(node as TS.Expression),
      VariableDeclaration: (self, node) => {
        const declaration = node as TS.VariableDeclaration;
        self.checkEnvDestructuring(declaration);
        self.flow(boundNames(declaration.name), declaration.initializer);
        self.flow(boundNames(declaration.name), declaration.type);
      },
      Parameter: (self, node) => {
        const parameter = node as TS.ParameterDeclaration;
        self.flow(boundNames(parameter.name), parameter.type);
        self.flow(boundNames(parameter.name), parameter.initializer);
      },
      PropertyDeclaration: (self, node) => {
        const property = node as TS.PropertyDeclaration;
        const name = propertyNameText(property.name);
        if (name === undefined) return;
        self.flow([name], property.initializer);
        self.flow([name], property.type);
      },
      FunctionDeclaration: (self, node) => self.recordFunctionBody(node as TS.FunctionDeclaration),
      MethodDeclaration: (self, node) => self.recordFunctionBody(node as TS.MethodDeclaration),
      GetAccessor: (self, node) => self.recordFunctionBody(node as TS.GetAccessorDeclaration),
    };
    const table: Array<Recorder | undefined> = [];
    for (const [name, record] of Object.entries(byName)) table[ts.SyntaxKind[name as keyof typeof TS.SyntaxKind]] = record;
    return (FactExtractor.recordersByKind = table);
  }

  /** `targets` receive whatever `source` evaluates to (see VendorNames). */
  private flow(targets: string[], source: TS.Node | undefined): void {
    if (source && targets.length) this.current.flows.push({ targets, source });
  }

  private recordFunctionBody(fn: TS.FunctionDeclaration | TS.MethodDeclaration | TS.GetAccessorDeclaration): void {
    const name = fn.name && propertyNameText(fn.name);
    if (name !== undefined) this.flow([name], fn.body);
  }

  private recordImportDeclaration(declaration: TS.ImportDeclaration): void {
    const ts = this.ts;
    if (!ts.isStringLiteralLike(declaration.moduleSpecifier)) return;
    const clause = declaration.importClause;
    if (clause) this.seedImportedNames(declaration.moduleSpecifier.text, clause);
    const bindings = clause?.namedBindings;
    let form: ImportForm = 'side-effect';
    if (bindings && ts.isNamespaceImport(bindings)) form = 'namespace';
    else if (bindings && bindings.elements.length > 0) form = 'named';
    else if (clause?.name) form = 'default';
    const allElementsTypeOnly =
      !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly) && !clause?.name;
    this.current.imports.push({ specifier: declaration.moduleSpecifier, form, typeOnly: !!clause?.isTypeOnly || allElementsTypeOnly });
  }

  /** Names imported from vendor or HTTP modules, or bound to vendor exports of workspace modules. */
  private seedImportedNames(specifier: string, clause: TS.ImportClause): void {
    const ts = this.ts;
    const bindings = clause.namedBindings;
    const local = matchVendorModule(specifier) || HTTP_LIBRARIES.some((library) => library.modules.includes(specifier)) ? undefined : this.host.resolveModule(this.sourceFile.fileName, specifier);
    const carries = (imported: string) => local === undefined || this.host.exportOf(local, imported) !== undefined;
    const seeds = this.current.seeds;
    if (clause.name && carries('default')) seeds.push(clause.name.text);
    if (bindings && ts.isNamespaceImport(bindings)) seeds.push(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) if (carries((element.propertyName ?? element.name).text)) seeds.push(element.name.text);
  }

  private recordCall(call: TS.CallExpression): void {
    const ts = this.ts;
    const specifier = moduleSpecifierOfCall(call);
    if (specifier !== undefined) {
      const form = call.expression.kind === ts.SyntaxKind.ImportKeyword ? 'dynamic-import' : 'require';
      this.current.imports.push({ specifier: call.arguments[0] as TS.StringLiteralLike, form, typeOnly: false });
      return;
    }
    const [first] = call.arguments;
    if (first && ts.isStringLiteralLike(first) && MODULE_MOCK_CALLS.includes(calleeText(call.expression))) {
      this.current.mocks.push(first.text);
      return;
    }
    // Whatever `super(…)` passes, `this.x` in the class may read back from the base class.
    const owner = call.expression.kind === ts.SyntaxKind.SuperKeyword ? enclosingClass(call) : undefined;
    if (owner) this.current.flows.push({ targets: [baseToken(owner)], source: call });
    this.current.calls.push(call);
    this.checkEnvRead(call);
    for (const argument of call.arguments) if (ts.isIdentifier(argument)) this.current.valueReferences.push(argument);
  }

  private recordAssignment(binary: TS.BinaryExpression): void {
    const ts = this.ts;
    if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    const target = calleeText(binary.left);
    if (target === 'module.exports') {
      this.current.commonJsExports.push({ name: 'default', value: binary.right });
      return;
    }
    const named = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
    if (named) {
      this.current.commonJsExports.push({ name: named[1], value: binary.right });
      return;
    }
    this.current.assignments.push([binary.left, binary.right]);
    const left = binary.left;
    if (ts.isIdentifier(left)) this.flow([left.text], binary.right);
    else if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) this.flow([left.name.text], binary.right);
  }

  private importFact(site: ImportSite): void {
    const match = matchVendorModule(site.specifier.text);
    if (!match || this.evaluator.mockedModules.has(site.specifier.text)) return;
    this.add({
      kind: 'vendor-import',
      vendor: match.vendor.id,
      module: site.specifier.text,
      form: site.form,
      typeOnly: site.typeOnly,
      span: this.span(site.specifier),
    });
  }

  private constructionFacts(construction: TS.NewExpression): void {
    if (!this.vendorNames.mayHoldVendor(construction.expression)) return;
    const instance = constructValue(this.evaluator.evaluate(construction.expression));
    if (!instance) return;
    const args = construction.arguments ?? [];
    if (instance.role === 'credential') for (const argument of args) this.checkAzureKeyValue(argument);
    this.add({
      kind: 'client-construction',
      vendor: instance.vendor,
      name: instance.className,
      role: instance.role,
      span: this.span(construction.expression),
      callSpan: this.span(construction),
    });
    this.modelProperties(args, vendorSpec(instance.vendor), instance.className);
    this.clientEnvReads(args, instance.vendor);
  }

  private callFacts(call: TS.CallExpression): void {
    if (!this.vendorNames.mayHoldVendor(call.expression)) return;
    const callee = this.evaluator.evaluate(call.expression);
    if (!callee) {
      if (this.isGlobalHttpFunction(call.expression)) this.restCall(call, 'fetch');
      return;
    }
    if (callee.kind === 'instance') this.instanceCall(call, callee);
    else if (callee.kind === 'vendor-export' && callee.role === 'provider-factory') {
      this.add({ kind: 'client-construction', vendor: callee.vendor, name: callee.name, role: 'provider', span: this.span(call.expression), callSpan: this.span(call) });
      this.clientEnvReads(call.arguments, callee.vendor);
    } else if (callee.kind === 'http') {
      const library = HTTP_LIBRARIES.find((candidate) => candidate.name === callee.library)!;
      const isRequest = callee.path.length === 0 ? library.callable : callee.path.length === 1 && library.methods.includes(callee.path[0]);
      if (isRequest) this.restCall(call, library.name);
    }
  }

  /** `{ openai: createOpenAI }`, `register(createAzure)`, `[openai, azure]`: a provider or its factory handed on, not called here. */
  private providerReference(reference: TS.Identifier): void {
    if (!this.vendorNames.mayHoldVendor(reference)) return;
    const binding = this.evaluator.scopes.resolve(reference);
    if (binding?.kind !== 'import') return;
    const value = this.evaluator.valueOfBinding(binding);
    let name: string | undefined;
    if (value?.kind === 'vendor-export' && value.role === 'provider-factory') name = value.name;
    else if (value?.kind === 'instance' && value.role === 'provider' && !value.path.length) name = value.className;
    if (!name || !value || !('vendor' in value)) return;
    this.add({ kind: 'client-construction', vendor: value.vendor, name, role: 'provider', span: this.span(reference), callSpan: this.span(reference) });
  }

  private instanceCall(call: TS.CallExpression, callee: Extract<Value, { kind: 'instance' }>): void {
    const vendor = vendorSpec(callee.vendor);
    if (callee.role === 'client' && matchesCallPattern(callee.path, callPatternsOf(callee))) {
      this.add({
        kind: 'vendor-call',
        vendor: callee.vendor,
        client: callee.className,
        method: callee.path.join('.'),
        span: this.span(call.expression),
        callSpan: this.span(call),
        viaModule: callee.viaModule,
        deployment: callee.deployment,
        construction: callee.construction,
      });
      this.modelProperties(call.arguments, vendor, callee.className);
      const method = callee.path[callee.path.length - 1];
      if (vendor.deploymentArgumentMethods.includes(method) && call.arguments[0]) {
        this.modelLiterals(call.arguments[0], vendor, 'deployment argument', callee.className);
      }
      return;
    }
    const bindsModel = callee.path.length === 0 || (callee.path.length === 1 && vendor.providerModelMethods.includes(callee.path[0]));
    if (callee.role === 'provider' && bindsModel) {
      this.add({
        kind: 'client-construction',
        vendor: callee.vendor,
        name: [callee.className, ...callee.path].join('.'),
        role: 'model',
        span: this.span(call.expression),
        callSpan: this.span(call),
      });
      if (call.arguments[0]) this.modelLiterals(call.arguments[0], vendor, 'model argument', callee.className);
    }
  }

  /** `model:` (and the vendor's other model options) of option objects, however they are built. */
  private modelProperties(args: readonly TS.Expression[], vendor: VendorSpec, client: string): void {
    for (const argument of args) {
      for (const name of vendor.modelProperties) this.modelLiterals(argument, vendor, `\`${name}\``, client, [name]);
    }
  }

  private modelLiterals(expression: TS.Expression, vendor: VendorSpec, slot: string, client: string, path: string[] = []): void {
    // An inline `{ model: X }`: the use is X itself, not the whole options object.
    const inline = path.length === 1 ? this.statics.properties(expression).filter((property) => property.name === path[0]).pop() : undefined;
    if (inline) [expression, path] = [inline.value, []];
    this.literalFacts(
      expression,
      path,
      (value) => !!value.trim(),
      (origin) => ({ kind: 'model-literal', vendor: vendor.id, value: origin.value, slot, client, span: origin.span }),
    );
  }

  private restCall(call: TS.CallExpression, library: string): void {
    const [first] = call.arguments;
    if (!first) return;
    const sources = [first, ...this.statics.properties(first).filter((property) => URL_PROPERTIES.includes(property.name)).map((property) => property.value)];
    for (const source of sources) {
      const host = this.findHost(this.statics.fragments(source).join(''));
      if (!host) continue;
      const vendor = vendorOfHost(host);
      this.add({ kind: 'rest-call', vendor: vendor ?? 'configured', library, host, span: this.span(call.expression), callSpan: this.span(call) });
      if (vendor) this.restModels(call, source, vendorSpec(vendor));
      return;
    }
  }

  /** Models a raw request names: in its JSON body (`body: JSON.stringify({ model })`, axios data, got `json`) or its URL. */
  private restModels(call: TS.CallExpression, url: TS.Expression, vendor: VendorSpec): void {
    const ts = this.ts;
    const [first, second] = call.arguments;
    const bodies = [
      ...(second ? [second] : []),
      ...[first, second].flatMap((options) => (options ? this.statics.properties(options) : [])).filter((property) => REQUEST_BODY_PROPERTIES.includes(property.name)).map((property) => property.value),
    ];
    for (const body of bodies) {
      let inner = skipOuterExpressions(body);
      const binding = ts.isIdentifier(inner) ? this.evaluator.scopes.resolve(inner) : undefined;
      if (binding?.kind === 'variable' && binding.init && !binding.path.length) inner = skipOuterExpressions(binding.init);
      const payload = ts.isCallExpression(inner) && calleeText(inner.expression) === 'JSON.stringify' && inner.arguments[0] ? inner.arguments[0] : body;
      this.modelLiterals(payload, vendor, '`model` of the request body', vendor.label, ['model']);
    }
    for (const expression of this.urlModelExpressions(url, 0)) this.modelLiterals(expression, vendor, 'request URL', vendor.label);
  }

  /** Substitutions of a URL template that name the model (`?model=${MODEL}`, `/deployments/${DEPLOYMENT}/`). */
  private urlModelExpressions(url: TS.Expression, depth: number): TS.Expression[] {
    const ts = this.ts;
    const inner = skipOuterExpressions(url);
    if (depth > 4) return [];
    if (ts.isTemplateExpression(inner)) {
      return inner.templateSpans.flatMap((span, at) => {
        const before = at === 0 ? inner.head.text : inner.templateSpans[at - 1].literal.text;
        return [...(MODEL_URL_SLOT.test(before) ? [span.expression] : []), ...this.urlModelExpressions(span.expression, depth + 1)];
      });
    }
    if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      return [...this.urlModelExpressions(inner.left, depth + 1), ...this.urlModelExpressions(inner.right, depth + 1)];
    }
    if (ts.isIdentifier(inner)) {
      const binding = this.evaluator.scopes.resolve(inner);
      return binding?.kind === 'variable' && binding.init && !binding.path.length ? this.urlModelExpressions(binding.init, depth + 1) : [];
    }
    return [];
  }

  private findHost(text: string): string | undefined {
    this.hosts.lastIndex = 0;
    return this.hosts.exec(text)?.[0].toLowerCase();
  }

  private isGlobalHttpFunction(callee: TS.Expression): boolean {
    const ts = this.ts;
    const name = ts.isIdentifier(callee)
      ? callee
      : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && ['globalThis', 'window', 'self'].includes(callee.expression.text)
        ? callee.name
        : undefined;
    return !!name && HTTP_GLOBALS.includes(name.text) && (!ts.isIdentifier(callee) || !this.evaluator.scopes.resolve(callee));
  }

  /** Endpoint hosts and `api-version=` inside string literals and template pieces. */
  private scanLiteral(node: TS.Node): void {
    if (!this.mayHoldHosts && !this.mayHoldApiVersions) return;
    const raw = this.sourceFile.text.slice(node.getStart(this.sourceFile), node.end);
    const start = node.getStart(this.sourceFile);
    if (this.mayHoldApiVersions) {
      for (const query of findApiVersionQueries(raw)) {
        this.add({ kind: 'api-version-literal', value: query.value, span: { start: start + query.start, end: start + query.end } });
      }
      const substituted = API_VERSION_SLOT.test((node as TS.LiteralLikeNode).text) ? substitutionAfter(node) : undefined;
      if (substituted) this.apiVersionLiterals(substituted);
    }
    // A URL or bare host, not prose that mentions one ("Could not reach api.openai.com") or a link in UI markup.
    if (!this.mayHoldHosts || /\s/.test((node as TS.LiteralLikeNode).text)) return;
    // `https://${resource}.openai.azure.com`: the substitution before a template piece is an unknown label.
    const host = this.findHost(raw.replace(/^\}/, UNKNOWN_FRAGMENT));
    // Walking up to the statement costs the literal's depth: only the rare literal naming a host pays it.
    if (!host || this.isInJsxAttribute(node)) return;
    const template = this.ts.isTemplateHead(node) ? node.parent : node.parent.parent;
    const span = this.ts.isStringLiteralLike(node) ? this.span(node) : this.span(template);
    this.add({ kind: 'endpoint-literal', vendor: vendorOfHost(host) ?? 'configured', host, span });
  }

  private isInJsxAttribute(node: TS.Node): boolean {
    const ts = this.ts;
    for (let current = node.parent; current; current = current.parent) {
      if (ts.isJsxAttribute(current)) return true;
      if (ts.isStatement(current)) return false;
    }
    return false;
  }

  /** `apiVersion: '2024-10-21'` and `apiKey: '<32 hex>'` in any object literal. */
  private checkProperty(name: TS.PropertyName, value: TS.Expression): void {
    const key = propertyNameText(name);
    if (key === undefined) return;
    if (isApiVersionProperty(key)) {
      this.apiVersionLiterals(value);
    } else if (API_KEY_PROPERTIES.includes(key) && (!GENERIC_KEY_PROPERTIES.includes(key) || this.azureOpenAiContext())) {
      this.checkAzureKeyValue(value);
    }
  }

  /** Dated API versions an expression carries, reported where each is written. */
  private apiVersionLiterals(value: TS.Expression): void {
    this.literalFacts(value, [], isApiVersionValue, (origin) => ({ kind: 'api-version-literal', value: origin.value, span: origin.span }));
  }

  private azureOpenAiContext(): boolean {
    return (this.azureOpenAiContextKnown ??= AZURE_OPENAI_CONTEXT.test(this.sourceFile.text));
  }

  private checkAzureKeyValue(value: TS.Expression): void {
    this.literalFacts(value, [], isAzureKey, (origin) => ({
      kind: 'secret-literal',
      keyKind: 'azure-key',
      redacted: redactKey(origin.value),
      span: { start: origin.span.start + 1, end: origin.span.start + 1 + origin.value.length },
      literalSpan: origin.span,
    }));
  }

  /** A read of a vendor-prefixed variable anywhere (`process.env.OPENAI_API_KEY`, `env.OPENAI_API_KEY`, `getEnv('OPENAI_…')`). */
  private checkEnvRead(node: TS.Expression): void {
    const parent = node.parent;
    // `process.env.X = '…'` (a test's set-up) writes the variable; it reads nothing.
    if (this.ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === this.ts.SyntaxKind.EqualsToken) return;
    const read = this.envReads.readOf(node);
    const vendor = read && vendorOfEnvVar(read.name);
    if (vendor) this.add({ kind: 'env-read', vendor, name: read.name, span: this.span(read.node) });
  }

  /** Environment reads that configure a vendor client, whatever their names (`apiKey: process.env.AZURE_KEY`). */
  private clientEnvReads(args: readonly TS.Expression[], vendor: VendorId): void {
    for (const argument of args) {
      for (const read of this.envReads.readsIn(argument)) {
        this.add({ kind: 'env-read', vendor: vendorOfEnvVar(read.name) ?? vendor, name: read.name, span: this.span(read.node) });
      }
    }
  }

  private checkEnvDestructuring(declaration: TS.VariableDeclaration): void {
    const ts = this.ts;
    if (!ts.isObjectBindingPattern(declaration.name) || !declaration.initializer || !this.envReads.isEnvObject(declaration.initializer)) return;
    for (const element of declaration.name.elements) {
      const property = element.propertyName ?? element.name;
      const name = ts.isIdentifier(property) || ts.isStringLiteralLike(property) ? property.text : undefined;
      const vendor = name && vendorOfEnvVar(name);
      if (vendor) this.add({ kind: 'env-read', vendor, name: name!, span: this.span(property) });
    }
  }
}

/** The substitution right after a template's head or middle piece (`${x}` after `…?api-version=`). */
function substitutionAfter(piece: TS.Node): TS.Expression | undefined {
  const ts = typescript();
  if (ts.isTemplateHead(piece)) return ts.isTemplateExpression(piece.parent) ? piece.parent.templateSpans[0]?.expression : undefined;
  if (!ts.isTemplateMiddle(piece) || !ts.isTemplateSpan(piece.parent)) return undefined;
  const spans = piece.parent.parent.templateSpans;
  return spans[spans.indexOf(piece.parent) + 1]?.expression;
}

/** `a.b.c` for identifier/property chains (`jest.mock`, `module.exports`), '' otherwise. */
function calleeText(node: TS.Expression): string {
  const ts = typescript();
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) {
    const left = calleeText(node.expression);
    return left ? `${left}.${node.name.text}` : '';
  }
  return '';
}

function isDeclaration(node: TS.Node): boolean {
  const ts = typescript();
  return ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isVariableStatement(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node);
}

/** Names a top-level declaration binds (plain identifiers only). */
function declaredNames(node: TS.Node): string[] {
  const ts = typescript();
  if (ts.isVariableStatement(node)) return node.declarationList.declarations.flatMap((variable) => (ts.isIdentifier(variable.name) ? [variable.name.text] : []));
  const name = (node as TS.DeclarationStatement).name;
  return name && ts.isIdentifier(name) ? [name.text] : [];
}

function isStatementOfModule(node: TS.Node): boolean {
  const ts = typescript();
  const parent = node.parent;
  return !!parent && (parent.kind === ts.SyntaxKind.SourceFile || parent.kind === ts.SyntaxKind.ModuleBlock);
}

function isExported(node: TS.Node): boolean {
  const ts = typescript();
  if (!ts.canHaveModifiers(node) || !isDeclaration(node)) return false;
  return !!ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

