/**
 * Listing the files to lint under the given roots. Symbolic links are followed, but each real folder is
 * entered once, so loops and duplicate links end with a notice. Listing is synchronous: measured three to
 * four times faster than `fs.promises.readdir` on a tree of 14,000 folders.
 *
 * Which path a folder is reported under is fixed: roots in the order given, then the folders under them
 * that are not links, then linked folders one by one in sorted order (repeating for links found inside
 * linked folders).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NoticeKind } from '../engine/types';
import { systemMessage } from './read';

export interface WalkOptions {
  roots: string[];
  /**
   * Folders for which this returns true are skipped: listed (so `onListed` can answer what it asks) but not
   * entered, and a folder that cannot be listed is no problem then. Not asked for the roots themselves.
   */
  isExcludedDirectory(dirPath: string): boolean;
  /** The names in a folder, told as soon as it is listed (before it is asked whether it is excluded). */
  onListed?(dirPath: string, names: readonly string[]): void;
  /** Files found inside folders are kept when this returns true; files named as roots are always kept. */
  isCandidateFile(filePath: string): boolean;
  onNotice(filePath: string, kind: NoticeKind, message: string): void;
  /** Awaited before each folder is listed: a server lets its other requests in there (see ScanOptions.pause). */
  pause?: () => Promise<void> | undefined;
}

/** Absolute paths of the files to lint, sorted, each once. Never throws for file system problems. */
export async function walkFiles(options: WalkOptions): Promise<string[]> {
  const walker = new Walker(options);
  for (const root of options.roots) await walker.walkRoot(path.resolve(root));
  await walker.followLinkedFolders();
  return [...walker.files].sort();
}

/** A root such as `/` already ends with one. */
function withSeparator(folder: string): string {
  return folder.endsWith(path.sep) ? folder : folder + path.sep;
}

/** ELOOP: the link, or a chain of links, points back at itself and never reaches a file or folder. */
const ENDLESS_LINK = 'symbolic link resolves to itself; not followed';

class Walker {
  readonly files = new Set<string>();
  /** Real path of every folder entered → the path it was entered under. */
  private readonly enteredFolders = new Map<string, string>();
  /** Links to folders, followed only after all plain folders were claimed. */
  private linkedFolders: string[] = [];

  constructor(private readonly options: WalkOptions) {}

  async walkRoot(root: string): Promise<void> {
    let stats: fs.Stats;
    try {
      stats = fs.statSync(root);
    } catch (error) {
      this.reportRootError(root, error);
      return;
    }
    if (stats.isFile()) {
      this.files.add(root);
    } else if (stats.isDirectory()) {
      const realPath = this.realPathOf(root);
      // A root inside a root already walked (`aidlint . src`) adds nothing and is no problem.
      if (realPath !== undefined && !this.enteredFolders.has(realPath)) await this.walkFolder(root, realPath, { viaLink: false, excludable: false });
    } else {
      this.options.onNotice(root, 'unreadable', 'not a regular file or folder');
    }
  }

  async followLinkedFolders(): Promise<void> {
    while (this.linkedFolders.length > 0) {
      const links = this.linkedFolders.sort();
      this.linkedFolders = [];
      for (const link of links) {
        const realPath = this.realPathOf(link);
        if (realPath === undefined) continue;
        const enteredAs = this.enteredFolders.get(realPath);
        if (enteredAs === undefined) await this.walkFolder(link, realPath, { viaLink: true, excludable: false });
        else this.options.onNotice(link, 'symlink-loop', describeRevisit(link, enteredAs));
      }
    }
  }

  /**
   * Lists one folder and the plain folders below it, unless it is `excludable` and excluded. `realPath` must
   * not be entered yet; `viaLink` says whether `dirPath` lies below a followed link.
   */
  private async walkFolder(dirPath: string, realPath: string, { viaLink, excludable }: { viaLink: boolean; excludable: boolean }): Promise<void> {
    const pause = this.options.pause?.();
    if (pause) await pause;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dirPath, { withFileTypes: true });
    } catch (error) {
      // A folder deleted after its parent was listed had nothing left to lose.
      if (!isMissing(error) && !(excludable && this.options.isExcludedDirectory(dirPath))) {
        this.options.onNotice(dirPath, 'unreadable', systemMessage(error));
      }
      return;
    }
    // Listed first: whether a folder is excluded depends on its own aidlint.json, which the listing shows.
    this.options.onListed?.(dirPath, entries.map((entry) => entry.name));
    if (excludable && this.options.isExcludedDirectory(dirPath)) return;
    this.enteredFolders.set(realPath, dirPath);
    // Both are normalised and a listed name holds no separator, so joining needs no path.join (a tenth of a warm run's walk).
    const [inFolder, inRealFolder] = [withSeparator(dirPath), withSeparator(realPath)];
    for (const entry of entries) {
      const entryPath = inFolder + entry.name;
      if (entry.isFile()) {
        if (this.options.isCandidateFile(entryPath)) this.files.add(entryPath);
      } else if (entry.isDirectory()) {
        const entryRealPath = inRealFolder + entry.name;
        const enteredAs = this.enteredFolders.get(entryRealPath);
        if (enteredAs === undefined) await this.walkFolder(entryPath, entryRealPath, { viaLink, excludable: true });
        // Reached again below a followed link whose target contains folders walked before (not: nested roots).
        else if (viaLink && !this.options.isExcludedDirectory(entryPath)) this.options.onNotice(entryPath, 'symlink-loop', describeRevisit(entryPath, enteredAs));
      } else if (entry.isSymbolicLink()) {
        this.classifyLink(entryPath);
      }
      // Sockets, FIFOs and devices are not source files.
    }
  }

  private classifyLink(linkPath: string): void {
    let stats: fs.Stats;
    try {
      stats = fs.statSync(linkPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
        this.options.onNotice(linkPath, 'symlink-loop', ENDLESS_LINK);
      } else if (this.options.isCandidateFile(linkPath)) {
        const reason = isMissing(error) ? 'symbolic link to a file or folder that does not exist' : systemMessage(error);
        this.options.onNotice(linkPath, 'unreadable', reason);
      }
      return;
    }
    if (stats.isFile()) {
      if (this.options.isCandidateFile(linkPath)) this.files.add(linkPath);
    } else if (stats.isDirectory() && !this.options.isExcludedDirectory(linkPath)) {
      this.linkedFolders.push(linkPath);
    }
  }

  private reportRootError(root: string, error: unknown): void {
    const code = (error as NodeJS.ErrnoException).code;
    if (isMissing(error)) this.options.onNotice(root, 'unreadable', 'no such file or folder');
    else if (code === 'ELOOP') this.options.onNotice(root, 'symlink-loop', ENDLESS_LINK);
    else this.options.onNotice(root, 'unreadable', systemMessage(error));
  }

  /** undefined when the folder vanished or cannot be resolved (then reported). */
  private realPathOf(dirPath: string): string | undefined {
    try {
      return fs.realpathSync.native(dirPath);
    } catch (error) {
      if (!isMissing(error)) this.options.onNotice(dirPath, 'unreadable', systemMessage(error));
      return undefined;
    }
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** `revisitPath` is a followed link, or a folder below one, whose real folder was entered as `enteredAs`. */
function describeRevisit(revisitPath: string, enteredAs: string): string {
  if (revisitPath.startsWith(enteredAs + path.sep)) {
    return `loops back to its parent folder ${enteredAs} through a symbolic link; not followed`;
  }
  return `folder already scanned as ${enteredAs}, reached again through a symbolic link; not followed`;
}
