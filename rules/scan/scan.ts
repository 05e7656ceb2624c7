/** A workspace scan: walk → read → pre-filter → lint the few files that can matter (lint-files.ts). */
import * as path from 'node:path';
import { excludesWholeDirectory, matchesAnyGlob } from '../config/globs';
import type { ConfigResolver } from '../config/resolve';
import type { FileResult, LintMessage, NoticeKind } from '../engine/types';
import type { WorkspaceIndex } from '../engine/workspace-index';
import { FolderListings } from '../files/listings';
import { walkFiles } from '../files/walk';
import { type CacheOptions, type CacheReport, lintWithCache } from './cache';
import { type LintedFiles, lintFiles, noticeMessage } from './lint-files';

export interface ScanOptions {
  /** Files or folders, absolute or relative to cwd. */
  paths: string[];
  cwd: string;
  configs: ConfigResolver;
  onProgress?: (done: number, total: number) => void;
  /**
   * Called between folders and between files; a promise it returns is awaited first. The scan runs on the
   * caller's thread, so a language server returns one now and then to answer the editor (typing) meanwhile.
   */
  pause?: () => Promise<void> | undefined;
  /** Lint only this part of the files (`--shard 2/4`), for splitting one repository across CI jobs. */
  shard?: { index: number; count: number };
  /** Reuse results of earlier scans that still hold (`--cache`); a report needs a full index, so not for it. */
  cache?: CacheOptions;
}

export interface ScanResult {
  /** One entry per linted file (clean ones with no messages) plus files that produced notices; sorted by path. */
  results: FileResult[];
  /** The index the scan analysed the files with (facts and import summaries cached), for a report. */
  index: WorkspaceIndex;
  /** With `cache`: how many results it gave, and whether it could be written. */
  cache?: CacheReport;
}

/** The files under the roots that the configuration includes (what a scan lints), sorted. */
export async function listFiles(...args: Parameters<typeof walkProject>): Promise<string[]> {
  return (await walkProject(...args)).files;
}

/** `listFiles`, with what the walk saw in each folder (existence checks there need no system call). */
async function walkProject(
  roots: readonly string[],
  configs: ConfigResolver,
  onNotice: (filePath: string, kind: NoticeKind, message: string) => void = () => undefined,
  pause?: ScanOptions['pause'],
): Promise<{ files: string[]; listings: FolderListings }> {
  const listings = new FolderListings();
  configs.useListings(listings);
  try {
    const files = await walkFiles({
      pause,
      roots: [...roots],
      onListed: (dir, names) => listings.note(dir, names),
      // The configuration of a folder is that of any file directly inside it.
      isExcludedDirectory: (dir) => excludesWholeDirectory(dir, configs.configFor(path.join(dir, 'file')).exclude),
      isCandidateFile: (file) => {
        const config = configs.configFor(file);
        return matchesAnyGlob(file, config.include) && !matchesAnyGlob(file, config.exclude);
      },
      onNotice,
    });
    return { files, listings };
  } finally {
    // A long-lived resolver (the server's) need not keep them: the folders listed are resolved by now.
    configs.useListings(undefined);
  }
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const { configs } = options;
  const notices = new Map<string, LintMessage[]>();
  const addNotice = (filePath: string, kind: NoticeKind, message: string) => {
    notices.set(filePath, [...(notices.get(filePath) ?? []), noticeMessage(kind, message)]);
  };

  const roots = options.paths.map((root) => path.resolve(options.cwd, root));
  const walked = await walkProject(roots, configs, addNotice, options.pause);
  let { files } = walked;
  if (options.shard) {
    // Walk notices (broken links, loops) are shared out like files, so no two shards report the same path.
    const { index, count } = options.shard;
    const paths = [...new Set([...files, ...notices.keys()])].sort();
    const inShard = new Set(paths.filter((_, position) => position % count === index - 1));
    files = files.filter((filePath) => inShard.has(filePath));
    for (const filePath of notices.keys()) if (!inShard.has(filePath)) notices.delete(filePath);
  }

  let read = 0;
  const onRead = () => options.onProgress?.(++read, files.length);
  const linted: LintedFiles & { cache?: CacheReport } = options.cache
    ? await lintWithCache(files, walked.listings, configs, options.cache, { roots, shard: options.shard }, onRead)
    : await lintFiles(files, walked.listings, configs, onRead, options.pause);

  const results: FileResult[] = linted.results.map(({ filePath, messages }) => {
    const walkNotices = notices.get(filePath) ?? [];
    notices.delete(filePath);
    return { filePath, messages: [...walkNotices, ...messages] };
  });
  for (const [filePath, messages] of notices) results.push({ filePath, messages });
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  // Read when asked: a warm cache run that analysed nothing need not build (or load) an index.
  return { results, get index() { return linted.index; }, cache: linted.cache };
}
