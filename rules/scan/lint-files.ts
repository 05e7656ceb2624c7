/**
 * Reads and lints a list of files. The first phase reads every file once and keeps only a summary of
 * those that do not mention a vendor; the second lints the files that need it: the ones that mention a
 * vendor, and the ones that import a vendor client from another module without naming the vendor.
 * Everything runs on one thread: linting on worker threads while this one reads was measured slower on
 * two cores (each worker warms up its own copy of the parser), and used more memory.
 */
import type { ConfigResolver } from '../config/resolve';
import { type DependencyRecorder, dependencyKeys } from '../engine/dependencies';
import { diskIndexHost } from '../engine/disk-host';
import type * as LintFileModule from '../engine/lint-file';
import { LineMap } from '../engine/text';
import type { FileResult, LintMessage, NoticeKind, Severity } from '../engine/types';
import type * as IndexModule from '../engine/workspace-index';
import type { WorkspaceIndex } from '../engine/workspace-index';
import type { FolderListings } from '../files/listings';
import { BINARY_MESSAGE, readSourceBytesSync, sniffSource } from '../files/read';

/* eslint-disable @typescript-eslint/no-require-imports */
/** The engine, loaded when first needed: a warm `--cache` run with nothing changed never loads it. */
const lintFileModule = () => require('../engine/lint-file') as typeof LintFileModule;
const indexModule = () => require('../engine/workspace-index') as typeof IndexModule;
/* eslint-enable @typescript-eslint/no-require-imports */

const NOTICE_SEVERITY: Partial<Record<NoticeKind, Severity>> = { unreadable: 'warning', 'symlink-loop': 'warning' };

export function noticeMessage(kind: NoticeKind, message: string): LintMessage {
  return lintFileModule().fileNotice(new LineMap(''), kind, NOTICE_SEVERITY[kind] ?? 'info', message);
}

const VANISHED = 'the file was deleted or became unreadable during the scan';

export interface LintedFiles {
  /** One result per file, in the order given. */
  results: FileResult[];
  /** The index the files were analysed with; its analyses and import summaries stay cached (a report reads them). */
  index: WorkspaceIndex;
}

/**
 * `onRead` is called after each file is read (for progress); `pause`, when given, is awaited between files
 * in each pass (see ScanOptions.pause).
 */
export async function lintFiles(
  files: readonly string[],
  listings: FolderListings,
  configs: ConfigResolver,
  onRead?: () => void,
  pause?: () => Promise<void> | undefined,
): Promise<LintedFiles> {
  const linting = new FileLinting(configs, files, listings);
  // Analyse first, lint after: a file defining a constant learns of its uses in files that come later.
  const passes: Array<(filePath: string) => Promise<void> | void> = [
    (filePath) => {
      linting.read(filePath);
      onRead?.();
    },
    async (filePath) => {
      // Paused: the modules it imports are decided first, one per step, so no step analyses a whole chain.
      if (pause) {
        for (const module of linting.importsDeepestFirst(filePath)) {
          linting.decideExports(module);
          const paused = pause();
          if (paused) await paused;
        }
      }
      linting.analyse(filePath);
    },
    (filePath) => linting.lint(filePath),
  ];
  for (const pass of passes) {
    for (const filePath of files) {
      const paused = pause?.();
      if (paused) await paused;
      const done = pass(filePath);
      if (done) await done;
    }
  }
  return { results: files.map((filePath) => ({ filePath, messages: linting.messagesOf(filePath) })), index: linting.index };
}

/**
 * The three steps of linting files, each callable per file, so a cache can redo them for some files only:
 * `read` (notices, pre-filter summary, the text kept when it may matter), `analyse` (for every file
 * before any is linted), `lint`. With a `recorder`, each file's result notes what it was computed from.
 */
export class FileLinting {
  readonly index: WorkspaceIndex;
  /** Files whose lint ran on a worker with its own index: what they depended on is not known. */
  readonly unrecorded = new Set<string>();
  private readonly retained = new Map<string, string>();
  private readonly messages = new Map<string, LintMessage[]>();
  /** Files read and readable → whether they need analysis (an Error: deciding that failed); undefined until analysed. */
  private readonly needs = new Map<string, boolean | Error | undefined>();
  /** Modules `importsDeepestFirst` has listed (or is listing). */
  private readonly visited = new Set<string>();

  constructor(
    private readonly configs: ConfigResolver,
    knownFiles: Iterable<string>,
    listings: FolderListings,
    private readonly recorder?: DependencyRecorder,
  ) {
    const host = diskIndexHost((file) => configs.configFor(file), { overrides: this.retained, knownFiles: new Set(knownFiles), listings });
    this.index = new (indexModule().WorkspaceIndex)(host, { recorder });
  }

  read(filePath: string): void {
    const notices: LintMessage[] = [];
    this.messages.set(filePath, notices);
    this.forResult(filePath, () => {
      this.recorder?.read(filePath);
      const outcome = readSourceBytesSync(filePath, this.configs.configFor(filePath).maxFileSize);
      if (!outcome.ok) {
        notices.push(noticeMessage(outcome.notice, outcome.message));
        return;
      }
      // Plain UTF-8 files are pre-filtered as bytes; only the few that mention a vendor are decoded.
      const sniffed = sniffSource(outcome.bytes);
      if ('binary' in sniffed) {
        notices.push(noticeMessage('skipped-binary', BINARY_MESSAGE));
        return;
      }
      if (sniffed.invalidUtf8) notices.push(noticeMessage('invalid-utf8', 'The file is not valid UTF-8; invalid bytes were read as U+FFFD.'));
      this.needs.set(filePath, undefined);
      if (this.index.summarize(filePath, sniffed.source).mentionsVendor) this.retained.set(filePath, sniffed.source.toString());
    });
  }

  /** Decides whether a read file needs analysis, and analyses it if so (errors are reported when it is linted). */
  analyse(filePath: string): void {
    if (!this.needs.has(filePath) || this.needs.get(filePath) !== undefined) return;
    let needed: boolean;
    try {
      needed = this.index.needsAnalysis(filePath);
    } catch (error) {
      this.needs.set(filePath, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.needs.set(filePath, needed);
    try {
      if (needed) this.index.analysis(filePath, this.retained.get(filePath));
    } catch {
      // Reported when the file is linted.
    }
  }

  /**
   * The modules `filePath` imports, directly or through others, that no earlier call listed, those
   * deepest in the import graph first: deciding them in this order analyses one module per step.
   */
  *importsDeepestFirst(filePath: string): Generator<string, void, undefined> {
    const stack: Array<{ file: string; targets: string[] }> = [];
    const enter = (file: string) => {
      this.visited.add(file);
      const targets = (this.index.summary(file)?.specifiers ?? []).map((specifier) => this.index.resolveModule(file, specifier));
      stack.push({ file, targets: targets.filter((target): target is string => target !== undefined && !this.visited.has(target)) });
    };
    enter(filePath);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = top.targets.pop();
      if (next === undefined) {
        stack.pop();
        if (top.file !== filePath) yield top.file;
      } else if (!this.visited.has(next)) {
        enter(next);
      }
    }
  }

  /** Decides whether a module exports vendor values (analysing it if it must); a failure is reported by the files that import it. */
  decideExports(filePath: string): void {
    try {
      this.index.exportsVendor(filePath);
    } catch {
      // Undecided: asked again, and reported, when an importer is analysed.
    }
  }

  /** Analyses a file that is not linted in this run, when it needs analysis (its uses of other files' literals count). */
  analyseOnly(filePath: string): void {
    try {
      if (this.index.needsAnalysis(filePath)) this.index.analysis(filePath);
    } catch {
      // Its own lint reports that; here it just contributes nothing.
    }
  }

  async lint(filePath: string): Promise<void> {
    if (!this.needs.has(filePath)) return;
    const need = this.needs.get(filePath);
    // The analysis of `lintFile` runs within the call (only a retry on a large stack is awaited), so what
    // it reads is recorded for this result.
    const linted = this.forResult(filePath, () => {
      this.recorder?.use(dependencyKeys.file(filePath));
      if (need instanceof Error) return [lintFileModule().analysisFailed('', need)];
      return need || this.index.factsDefinedIn(filePath).length ? this.lintReadFile(filePath) : [];
    });
    this.messages.get(filePath)!.push(...(await linted));
  }

  messagesOf(filePath: string): LintMessage[] {
    return this.messages.get(filePath) ?? [];
  }

  private forResult<T>(filePath: string, work: () => T): T {
    return this.recorder ? this.recorder.compute(dependencyKeys.result(filePath), work) : work();
  }

  private async lintReadFile(filePath: string): Promise<LintMessage[]> {
    const text = this.retained.get(filePath) ?? this.index.readFile(filePath);
    this.retained.delete(filePath);
    if (text === undefined) return [noticeMessage('vanished', VANISHED)];
    const onLargeStack = () => this.unrecorded.add(filePath);
    return lintFileModule().lintFile({ filePath, text, config: this.configs.configFor(filePath), index: this.index, onLargeStack });
  }
}
