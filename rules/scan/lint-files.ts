/**
 * Reads and lints a list of files. The first phase reads every file once and keeps only a summary of
 * those that do not mention a vendor; the second lints the files that need it: the ones that mention a
 * vendor, and the ones that import a vendor client from another module without naming the vendor.
 * Everything runs on one thread: linting on worker threads while this one reads was measured slower on
 * two cores (each worker warms up its own copy of the parser), and used more memory.
 */
import type { ConfigResolver } from '../config/resolve';
import { diskIndexHost } from '../engine/disk-host';
import { analysisFailed, fileNotice, lintFile } from '../engine/lint-file';
import { LineMap } from '../engine/text';
import type { FileResult, LintMessage, NoticeKind, Severity } from '../engine/types';
import { WorkspaceIndex } from '../engine/workspace-index';
import { BINARY_MESSAGE, readSourceBytesSync, sniffSource } from '../files/read';

const NOTICE_SEVERITY: Partial<Record<NoticeKind, Severity>> = { unreadable: 'warning', 'symlink-loop': 'warning' };

export function noticeMessage(kind: NoticeKind, message: string): LintMessage {
  return fileNotice(new LineMap(''), kind, NOTICE_SEVERITY[kind] ?? 'info', message);
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
export async function lintFiles(files: readonly string[], configs: ConfigResolver, onRead?: () => void, pause?: () => Promise<void> | undefined): Promise<LintedFiles> {
  const retained = new Map<string, string>();
  const host = diskIndexHost((file) => configs.configFor(file), { overrides: retained, knownFiles: new Set(files) });
  const index = new WorkspaceIndex(host);
  const messages = new Map<string, LintMessage[]>(files.map((filePath) => [filePath, []]));
  const readable: string[] = [];

  for (const filePath of files) {
    const paused = pause?.();
    if (paused) await paused;
    const outcome = readSourceBytesSync(filePath, configs.configFor(filePath).maxFileSize);
    onRead?.();
    const notices = messages.get(filePath)!;
    if (!outcome.ok) {
      notices.push(noticeMessage(outcome.notice, outcome.message));
      continue;
    }
    // Plain UTF-8 files are pre-filtered as bytes; only the few that mention a vendor are decoded.
    const sniffed = sniffSource(outcome.bytes);
    if ('binary' in sniffed) {
      notices.push(noticeMessage('skipped-binary', BINARY_MESSAGE));
      continue;
    }
    if (sniffed.invalidUtf8) notices.push(noticeMessage('invalid-utf8', 'The file is not valid UTF-8; invalid bytes were read as U+FFFD.'));
    readable.push(filePath);
    if (index.summarize(filePath, sniffed.source).mentionsVendor) retained.set(filePath, sniffed.source.toString());
  }

  // Analyse first, lint after: a file defining a constant learns of its uses in files that come later.
  const needed = new Map<string, boolean | Error>();
  for (const filePath of readable) {
    const paused = pause?.();
    if (paused) await paused;
    needed.set(filePath, analyseIfNeeded(filePath, index, retained));
  }
  for (const filePath of readable) {
    const need = needed.get(filePath)!;
    if (need === true || need instanceof Error || index.factsDefinedIn(filePath).length) {
      const paused = pause?.();
      if (paused) await paused;
      messages.get(filePath)!.push(...(need instanceof Error ? [analysisFailed('', need)] : await lintReadFile(filePath, index, configs, retained)));
    }
  }
  return { results: files.map((filePath) => ({ filePath, messages: messages.get(filePath)! })), index };
}

/** Does the file need analysis (then it is analysed now)? An error deciding that is reported at the file. */
function analyseIfNeeded(filePath: string, index: WorkspaceIndex, retained: Map<string, string>): boolean | Error {
  let needed: boolean;
  try {
    needed = index.needsAnalysis(filePath);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  try {
    if (needed) index.analysis(filePath, retained.get(filePath));
  } catch {
    // Reported when the file is linted.
  }
  return needed;
}

async function lintReadFile(filePath: string, index: WorkspaceIndex, configs: ConfigResolver, retained: Map<string, string>): Promise<LintMessage[]> {
  const text = retained.get(filePath) ?? index.readFile(filePath);
  retained.delete(filePath);
  if (text === undefined) return [noticeMessage('vanished', VANISHED)];
  return lintFile({ filePath, text, config: configs.configFor(filePath), index });
}
