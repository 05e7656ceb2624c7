/**
 * What a walk saw in each folder it listed, so that existence checks there need no system call: config
 * files, tsconfig lookups, module resolution's candidates and a cache's signatures. On a 20,000-file tree,
 * 27,500 of the 47,500 paths a warm `--cache` run checks do not exist.
 */
import * as path from 'node:path';

export class FolderListings {
  /** Folder → its entries' names by their lower case (file systems may ignore case). */
  private readonly folders = new Map<string, ReadonlyMap<string, string>>();

  note(folder: string, names: readonly string[]): void {
    this.folders.set(folder, new Map(names.map((name) => [name.toLowerCase(), name])));
  }

  /**
   * Whether the folder held this name when listed (a file, folder or link); undefined when the walk did not
   * list the folder, or when only the disk can tell: the name differs in case or is not ASCII (a file
   * system may ignore case or normalise Unicode).
   */
  holds(filePath: string): boolean | undefined {
    const names = this.folders.get(path.dirname(filePath));
    if (!names) return undefined;
    const name = path.basename(filePath);
    const listed = names.get(name.toLowerCase());
    if (listed === name) return true;
    return listed === undefined && !NON_ASCII.test(name) ? false : undefined;
  }
}

const NON_ASCII = /[^\x00-\x7f]/;
