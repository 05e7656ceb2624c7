/**
 * A workspace scan: walk → read (in parallel) → pre-filter → lint the few files that can matter.
 * Two phases keep memory flat: the first reads every file once and keeps only a summary (and the text
 * of files that mention a vendor); the second lints, re-reading only files that import a vendor client
 * from another module without naming the vendor themselves.
 */
import * as path from 'node:path';
import { excludesWholeDirectory, matchesAnyGlob } from '../config/globs';
import type { ConfigResolver } from '../config/resolve';
import { diskIndexHost } from '../engine/disk-host';
import { analysisFailed, fileNotice, lintFile } from '../engine/lint-file';
import { LineMap } from '../engine/text';
import type { FileResult, LintMessage, NoticeKind, Severity } from '../engine/types';
import { WorkspaceIndex } from '../engine/workspace-index';
import { readSourceFileSync } from '../files/read';
import { walkFiles } from '../files/walk';
import { LintPool } from './lint-pool';

export interface ScanOptions {
  /** Files or folders, absolute or relative to cwd. */
  paths: string[];
  cwd: string;
  configs: ConfigResolver;
  onProgress?: (done: number, total: number) => void;
  /** Lint only this part of the files (`--shard 2/4`), for splitting one repository across CI jobs. */
  shard?: { index: number; count: number };
}

export interface ScanResult {
  /** One entry per linted file (clean ones with no messages) plus files that produced notices; sorted by path. */
  results: FileResult[];
}

const NOTICE_SEVERITY: Partial<Record<NoticeKind, Severity>> = { unreadable: 'warning', 'symlink-loop': 'warning' };

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const { configs } = options;
  const notices = new Map<string, LintMessage[]>();
  const addNotice = (filePath: string, kind: NoticeKind, message: string) => {
    const list = notices.get(filePath) ?? [];
    list.push(fileNotice(new LineMap(''), kind, NOTICE_SEVERITY[kind] ?? 'info', message));
    notices.set(filePath, list);
  };

  let files = await walkFiles({
    roots: options.paths.map((root) => path.resolve(options.cwd, root)),
    // The configuration of a folder is that of any file directly inside it.
    isExcludedDirectory: (dir) => excludesWholeDirectory(dir, configs.configFor(path.join(dir, 'file')).exclude),
    isCandidateFile: (file) => {
      const config = configs.configFor(file);
      return matchesAnyGlob(file, config.include) && !matchesAnyGlob(file, config.exclude);
    },
    onNotice: addNotice,
  });
  if (options.shard) {
    // Walk notices (broken links, loops) are shared out like files, so no two shards report the same path.
    const { index, count } = options.shard;
    const paths = [...new Set([...files, ...notices.keys()])].sort();
    const inShard = new Set(paths.filter((_, position) => position % count === index - 1));
    files = files.filter((filePath) => inShard.has(filePath));
    for (const filePath of notices.keys()) if (!inShard.has(filePath)) notices.delete(filePath);
  }

  const retained = new Map<string, string>();
  const host = diskIndexHost((file) => configs.configFor(file), { overrides: retained, knownFiles: new Set(files) });
  const index = new WorkspaceIndex(host);
  const pool = LintPool.forScan(files.length, configs);
  const readable: string[] = [];
  const lintedInPool = new Set<string>();
  const sendToPool = (filePath: string, text: string) => {
    pool!.submit(filePath, text);
    lintedInPool.add(filePath);
  };

  // Synchronous reads: measured twice as fast as libuv's thread pool for many small files.
  let done = 0;
  for (const filePath of files) {
    const outcome = readSourceFileSync(filePath, configs.configFor(filePath).maxFileSize);
    options.onProgress?.(++done, files.length);
    if (!outcome.ok) {
      addNotice(filePath, outcome.notice, outcome.message);
      continue;
    }
    if (outcome.invalidUtf8) addNotice(filePath, 'invalid-utf8', 'The file is not valid UTF-8; invalid bytes were read as U+FFFD.');
    readable.push(filePath);
    if (!index.summarize(filePath, outcome.text).mentionsVendor) continue;
    // Files that name a vendor are linted right away on the worker; the others wait for the whole picture.
    if (pool) sendToPool(filePath, outcome.text);
    else retained.set(filePath, outcome.text);
  }

  const messagesByFile = new Map<string, LintMessage[]>();
  for (const filePath of readable) {
    if (lintedInPool.has(filePath)) continue;
    let needed: boolean;
    try {
      needed = index.needsAnalysis(filePath);
    } catch (error) {
      messagesByFile.set(filePath, [analysisFailed('', error)]);
      continue;
    }
    if (!needed) continue;
    const text = host.readFile(filePath);
    if (text === undefined) {
      addNotice(filePath, 'vanished', 'the file was deleted or became unreadable during the scan');
      continue;
    }
    if (pool) sendToPool(filePath, text);
    else messagesByFile.set(filePath, await lintFile({ filePath, text, config: configs.configFor(filePath), index }));
    retained.delete(filePath);
  }
  if (pool) for (const [filePath, messages] of await pool.finish()) messagesByFile.set(filePath, messages);

  const results: FileResult[] = readable.map((filePath) => {
    const messages = [...(notices.get(filePath) ?? []), ...(messagesByFile.get(filePath) ?? [])];
    notices.delete(filePath);
    return { filePath, messages };
  });
  for (const [filePath, messages] of notices) results.push({ filePath, messages });
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  return { results };
}
