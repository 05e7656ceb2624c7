/**
 * The workspace index: which modules export vendor clients (or factories that return them), so a call on
 * a client imported from `@/lib/openai` is found in any file. It analyses files on demand and remembers
 * the results; `invalidate` drops a file and everything whose analysis depended on it.
 */
import { type RawSource, prefilter } from '../vendors/patterns';
import { type Analysis, type EditableAnalysis, analyzeEdited, analyzeSource } from './analysis';
import type { HeldArgument } from './class-members';
import { CycleGuard, type Part } from './cycle-guard';
import { type DependencyRecorder, dependencyKeys } from './dependencies';
import { importSpecifiers } from './import-specifiers';
import type { ModuleHost } from './evaluate';
import { lookupExport } from './exports';
import type { ForeignFact } from './facts';
import { type LiteralHost, type LiteralOrigin, lookupExportedLiterals, pathKey } from './literal-origins';
import { type FileSystemView, ModuleResolver } from './module-resolver';
import type { Value } from './values';

const ANALYSIS = 'analysis:';
const EXPORTS = 'exports:';

export interface IndexHost extends FileSystemView {
  /** Current text of a file (an open editor's buffer or the file on disk), undefined if unreadable. */
  readFile(filePath: string): string | undefined;
  /** Extra endpoint hosts configured for a file (`endpoints` in aidlint.json). */
  configuredHosts(filePath: string): readonly string[];
}

export interface FileSummary {
  mentionsVendor: boolean;
  /** Module specifiers the file imports, found without parsing. */
  specifiers: string[];
}

export interface IndexOptions {
  /** Every result notes what it was computed from (for a cache; see dependencies.ts). */
  recorder?: DependencyRecorder;
  /**
   * Files analysed with a text of their own (editor buffers) keep their tree and records per statement,
   * so the analysis after an edit reparses incrementally and reuses what the edit left valid.
   */
  incremental?: boolean;
}

/** How many edited files keep their trees (the ones analysed last). */
const EDITABLE_FILES = 16;

export class WorkspaceIndex implements ModuleHost, LiteralHost {
  /** null: in progress, unreadable or failed. */
  private readonly analyses = new Map<string, { text: string; analysis: Analysis } | null>();
  private readonly exporters = new Map<string, boolean | 'pending'>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly prefilters = new Map<string, (text: RawSource) => boolean>();
  private readonly summaries = new Map<string, FileSummary>();
  /** Defining file → files whose analysis holds foreign facts about its literals. */
  private readonly literalUsers = new Map<string, Set<string>>();
  /** When recording: files whose vendor export was asked while undecided → the computations of that cycle. */
  private readonly pendingReads = new Map<string, string[]>();
  readonly resolver: ModuleResolver;
  private readonly host: IndexHost;
  private readonly recorder?: DependencyRecorder;
  /** With `incremental`: per edited file, what its next analysis can reuse (most recently analysed last). */
  private readonly editable?: Map<string, EditableAnalysis>;
  /** Results computed inside an import cycle from a placeholder that proved wrong are forgotten (see `CycleGuard`). */
  private readonly cycles = new CycleGuard((key) => {
    if (key.startsWith(ANALYSIS)) {
      const filePath = key.slice(ANALYSIS.length);
      this.analyses.delete(filePath);
      // Its records per statement hold what the wrong placeholder gave: the next analysis starts afresh.
      const editable = this.editable?.get(filePath);
      if (editable) editable.extraction = undefined;
    } else {
      this.exporters.delete(key.slice(EXPORTS.length));
    }
  });

  constructor(host: IndexHost, options: IndexOptions = {}) {
    this.recorder = options.recorder;
    this.host = this.recorder ? recordingHost(host, this.recorder) : host;
    this.resolver = new ModuleResolver(this.host, this.recorder);
    if (options.incremental) this.editable = new Map();
  }

  /** Runs `work` as part of the computation of file `filePath`'s results (when recording). */
  private forFile<T>(filePath: string, work: () => T): T {
    return this.recorder ? this.recorder.compute(dependencyKeys.file(filePath), work) : work();
  }

  /** Cheap text test: can this file hold anything a rule reports, by itself? */
  mentionsVendor(filePath: string, text: RawSource): boolean {
    const hosts = this.host.configuredHosts(filePath);
    const key = hosts.join('\n');
    let pattern = this.prefilters.get(key);
    if (!pattern) this.prefilters.set(key, (pattern = prefilter(hosts)));
    return pattern(text);
  }

  /** Records what the pre-filter needs to know of a file, so its text need not be kept or read again. */
  summarize(filePath: string, text: RawSource): FileSummary {
    return this.forFile(filePath, () => {
      this.recorder?.read(filePath);
      const summary = { mentionsVendor: this.mentionsVendor(filePath, text), specifiers: importSpecifiers(text) };
      this.summaries.set(filePath, summary);
      return summary;
    });
  }

  /**
   * Must this file be parsed? Yes if it mentions a vendor, or imports a module that exports a vendor
   * value. Without `text`, the summary recorded earlier (or the host's text) is used.
   */
  needsAnalysis(filePath: string, text?: string): boolean {
    return this.forFile(filePath, () => {
      const summary = text !== undefined ? this.summarize(filePath, text) : this.summary(filePath);
      if (!summary) return false;
      return (
        summary.mentionsVendor ||
        summary.specifiers.some((specifier) => {
          const target = this.resolveModule(filePath, specifier);
          return target !== undefined && target !== filePath && this.exportsVendor(target);
        })
      );
    });
  }

  /**
   * Parses and analyses a file (cached per text). `text` is the caller's current text (an editor buffer,
   * a scan's read); without it the host's is used. Throws NestingTooDeepError; other failures propagate.
   */
  analysis(filePath: string, text?: string): Analysis | undefined {
    const cached = this.analyses.get(filePath);
    if (cached !== undefined && (cached === null || text === undefined || cached.text === text)) {
      const key = dependencyKeys.file(filePath);
      // Asked while being analysed (an import cycle): nothing yet, where a scan entering the cycle elsewhere has it.
      if (this.recorder?.isOpen(key) && cached === null) this.recorder.markCyclic(this.recorder.cycleThrough(key));
      this.recorder?.use(key);
      return cached?.analysis;
    }
    if (cached) this.invalidate(filePath);
    return this.forFile(filePath, () => this.analyse(filePath, text));
  }

  private analyse(filePath: string, text: string | undefined): Analysis | undefined {
    if (text !== undefined) this.recorder?.read(filePath);
    const current = text ?? this.host.readFile(filePath);
    // Marked before analysing, so import cycles end here instead of recursing.
    this.analyses.set(filePath, null);
    if (current === undefined) return undefined;
    let analysis: Analysis;
    try {
      analysis = this.cycles.run(
        ANALYSIS + filePath,
        () => (text !== undefined && this.editable ? this.analyseEdited(filePath, text) : analyzeSource(filePath, current, this, this.host.configuredHosts(filePath))),
        (done) => this.analyses.set(filePath, { text: current, analysis: done }),
      );
    } catch (error) {
      this.analyses.delete(filePath);
      this.editable?.delete(filePath);
      throw error;
    }
    for (const { file } of analysis.foreignFacts) {
      let users = this.literalUsers.get(file);
      if (!users) this.literalUsers.set(file, (users = new Set()));
      users.add(filePath);
    }
    return analysis;
  }

  private analyseEdited(filePath: string, text: string): Analysis {
    const editable = this.editable!;
    const previous = editable.get(filePath);
    // Spent either way: its tree becomes the new one's.
    editable.delete(filePath);
    const result = analyzeEdited(filePath, text, this, this.host.configuredHosts(filePath), previous);
    editable.set(filePath, result.editable);
    if (editable.size > EDITABLE_FILES) editable.delete(editable.keys().next().value!);
    return result.analysis;
  }

  /**
   * Literals export `path[0]` of a module carries at property path `path[1..]`, with where each is
   * written (following re-exports). The module is analysed on demand, whatever its text mentions.
   */
  exportedLiterals(filePath: string, path: readonly string[], depth = 0): LiteralOrigin[] {
    const analysis =
      depth < 8
        ? this.analysisFor(filePath, 'literals', ({ literals }) => literals.values.has(pathKey(path)) || literals.forwards.has(path[0]) || !!literals.stars.length)
        : undefined;
    if (!analysis) return [];
    return lookupExportedLiterals(analysis.literals, path, (specifier, next) => {
      const target = this.resolveModule(filePath, specifier);
      return target ? this.exportedLiterals(target, next, depth + 1) : [];
    });
  }

  /**
   * Facts about literals written in `filePath` that vendor slots of other analysed files use: reported in
   * the file that defines them (where a fix edits them). Uses of one literal from several files are merged.
   */
  factsDefinedIn(filePath: string): ForeignFact['fact'][] {
    const merged = new Map<string, ForeignFact['fact']>();
    // In path order, not in the order the users were analysed: a cache re-analyses only some of them.
    for (const user of [...(this.literalUsers.get(filePath) ?? [])].sort()) {
      this.recorder?.use(dependencyKeys.file(user));
      for (const { file, fact } of this.analyses.get(user)?.analysis.foreignFacts ?? []) {
        if (file !== filePath) continue;
        const key = `${fact.kind}:${fact.span.start}:${fact.span.end}`;
        const known = merged.get(key);
        if (known) known.uses = [...(known.uses ?? []), ...(fact.uses ?? [])];
        else merged.set(key, { ...fact, uses: [...(fact.uses ?? [])] });
      }
    }
    return [...merged.values()];
  }

  /** Files whose literals the analysis of `filePath` (if analysed) reports uses of. */
  literalSources(filePath: string): string[] {
    return [...new Set(this.analyses.get(filePath)?.analysis.foreignFacts.map((foreign) => foreign.file) ?? [])];
  }

  /** Text of a file as last analysed (for ranges of related locations), else as the host has it. */
  analysedText(filePath: string): string | undefined {
    this.recorder?.read(filePath);
    return this.analyses.get(filePath)?.text ?? this.host.readFile(filePath);
  }

  resolveModule(fromFile: string, specifier: string): string | undefined {
    const target = this.resolver.resolve(fromFile, specifier);
    if (target) {
      let set = this.dependents.get(target);
      if (!set) this.dependents.set(target, (set = new Set()));
      set.add(fromFile);
    }
    return target;
  }

  /**
   * The constructor argument that member `member` of exported class `name` keeps (a base class followed
   * from `super(…)`), following re-exports; the module is analysed on demand.
   */
  heldByExportedClass(filePath: string, name: string, member: string, depth = 0): HeldArgument | undefined {
    const analysis =
      depth < 8
        ? this.analysisFor(filePath, 'exports', ({ classes, literals }) => !!classes.get(name)?.has(member) || literals.forwards.has(name) || !!literals.stars.length)
        : undefined;
    if (!analysis) return undefined;
    const own = analysis.classes.get(name);
    if (own) return own.get(member);
    const follow = (specifier: string, exported: string) => {
      const target = this.resolveModule(filePath, specifier);
      return target ? this.heldByExportedClass(target, exported, member, depth + 1) : undefined;
    };
    const forward = analysis.literals.forwards.get(name);
    if (forward) return follow(forward.specifier, forward.imported);
    for (const star of analysis.literals.stars) {
      const found = follow(star, name);
      if (found) return found;
    }
    return undefined;
  }

  exportOf(filePath: string, name: string): Value | undefined {
    if (this.exporters.get(filePath) === 'pending') {
      // Asked about one name: the placeholder is wrong only if that name turns out to be a vendor value.
      this.readPending(filePath, () => this.exportOf(filePath, name) !== undefined);
      return undefined;
    }
    if (!this.exportsVendor(filePath)) return undefined;
    const lookup = (analysis: Analysis) => lookupExport(analysis.exports, name, (file, exportName) => this.exportOf(file, exportName));
    const analysis = this.analysisFor(filePath, 'exports', (done) => lookup(done) !== undefined);
    return analysis && lookup(analysis);
  }

  /** Does a module export any vendor value? Decided without parsing when its text and imports cannot. */
  exportsVendor(filePath: string): boolean {
    const known = this.exporters.get(filePath);
    if (known === 'pending') {
      this.readPending(filePath, () => this.exporters.get(filePath) === true);
      return false;
    }
    if (known === undefined) this.forFile(filePath, () => this.decideExportsVendor(filePath));
    else this.recorder?.use(dependencyKeys.file(filePath));
    this.cycles.used(EXPORTS + filePath, 'exports');
    return this.exporters.get(filePath) === true;
  }

  private decideExportsVendor(filePath: string): void {
    this.exporters.set(filePath, 'pending');
    let result: boolean;
    try {
      const compute = () => {
        if (!this.needsAnalysis(filePath)) return false;
        const analysis = this.analysisFor(filePath, 'exports', (done) => this.exportsVendorValue(done));
        return !!analysis && this.exportsVendorValue(analysis);
      };
      result = this.cycles.run(EXPORTS + filePath, compute, (decided) => this.exporters.set(filePath, decided));
    } catch (error) {
      // Undecided, not "no vendor": ask again next time.
      this.exporters.delete(filePath);
      this.pendingReads.delete(filePath);
      throw error;
    }
    // Read as "no" while undecided (an import cycle): that mattered to a cache only if the answer is "yes".
    const cycle = this.pendingReads.get(filePath);
    if (cycle && result) this.recorder?.markCyclic(cycle);
    this.pendingReads.delete(filePath);
  }

  /**
   * Whether module `filePath` exports vendor values was asked while it is being decided (an import
   * cycle): the asker gets "no" for now. The guard checks that answer (`differs`) once it is decided;
   * a recording cache notes the cycle, whose results depended on where the scan entered it.
   */
  private readPending(filePath: string, differs: () => boolean): void {
    this.cycles.ask(EXPORTS + filePath, 'exports', differs);
    const key = dependencyKeys.file(filePath);
    if (this.recorder) this.pendingReads.set(filePath, [...(this.pendingReads.get(filePath) ?? []), ...this.recorder.cycleThrough(key)]);
    this.recorder?.use(key);
  }

  /** Forget a file (its text changed or it was deleted) and every analysis that used it; returns them all. */
  invalidate(filePath: string): string[] {
    const pending = [filePath];
    const seen = new Set<string>();
    while (pending.length) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      this.analyses.delete(file);
      // Records of a file that used the changed one may not hold (its own edits are told by its tree).
      const editable = file !== filePath ? this.editable?.get(file) : undefined;
      if (editable) editable.extraction = undefined;
      this.exporters.delete(file);
      this.summaries.delete(file);
      for (const dependent of this.dependents.get(file) ?? []) pending.push(dependent);
    }
    return [...seen];
  }

  /** tsconfig paths or configuration changed: forget everything. */
  invalidateAll(): void {
    for (const editable of this.editable?.values() ?? []) editable.extraction = undefined;
    this.analyses.clear();
    this.exporters.clear();
    this.summaries.clear();
    this.dependents.clear();
    this.literalUsers.clear();
    this.resolver.invalidate();
  }

  private exportsVendorValue({ exports }: Analysis): boolean {
    return [...exports.named.values(), ...exports.stars].some((value) => this.carriesVendor(value));
  }

  /**
   * The analysis of a module for a question about its exports. Asked while that module is being analysed
   * (an import cycle), it answers nothing for now; `differs` tells, once the analysis is done, whether
   * the real answer is something, which makes what used the placeholder be computed again.
   */
  private analysisFor(filePath: string, part: Part, differs: (done: Analysis) => boolean): Analysis | undefined {
    const key = ANALYSIS + filePath;
    const analysis = this.safeAnalysis(filePath);
    if (analysis) {
      this.cycles.used(key, part);
    } else if (this.analyses.get(filePath) === null) {
      this.cycles.ask(key, part, () => {
        const done = this.analyses.get(filePath)?.analysis;
        return !!done && differs(done);
      });
    }
    return analysis;
  }

  /** A re-exported workspace module counts only if it exports vendor values itself. */
  private carriesVendor(value: Value): boolean {
    return value.kind !== 'local-module' || this.exportsVendor(value.file);
  }

  /** The text of a file as the host has it (an editor buffer, or the disk). */
  readFile(filePath: string): string | undefined {
    return this.host.readFile(filePath);
  }

  /** The pre-filter summary of a file: recorded by `summarize`, or made from the host's text. */
  summary(filePath: string): FileSummary | undefined {
    const known = this.summaries.get(filePath);
    if (known) {
      this.recorder?.use(dependencyKeys.file(filePath));
      return known;
    }
    return this.forFile(filePath, () => {
      const text = this.host.readFile(filePath);
      return text === undefined ? undefined : this.summarize(filePath, text);
    });
  }

  /** Another module's analysis failing (too deep, unreadable) must not fail this file: it just exports nothing. */
  private safeAnalysis(filePath: string): Analysis | undefined {
    try {
      return this.analysis(filePath);
    } catch {
      this.analyses.set(filePath, null);
      return undefined;
    }
  }
}

/** The host, noting each file whose text or existence a result depended on. */
function recordingHost(host: IndexHost, recorder: DependencyRecorder): IndexHost {
  return {
    readFile(filePath) {
      recorder.read(filePath);
      return host.readFile(filePath);
    },
    fileExists(filePath) {
      recorder.read(filePath);
      return host.fileExists(filePath);
    },
    configuredHosts(filePath) {
      recorder.read(filePath);
      return host.configuredHosts(filePath);
    },
  };
}
