/** An index host that reads files from disk (with optional in-memory overrides), caching existence checks. */
import * as fs from 'node:fs';
import type { FolderListings } from '../files/listings';
import { readSourceFileSync } from '../files/read';
import type { ResolvedConfig } from './types';
import type { IndexHost } from './workspace-index';

export interface DiskHostOptions {
  /** Texts that win over the disk (open editor buffers, texts a scan already read). */
  overrides?: Pick<ReadonlyMap<string, string>, 'get' | 'has'>;
  /** Files known to exist (a scan's file list), checked before touching the disk. */
  knownFiles?: ReadonlySet<string>;
  /** What a scan's walk saw in each folder: a name missing there is no file. */
  listings?: FolderListings;
}

export interface DiskIndexHost extends IndexHost {
  /** Files appeared or vanished (a long-lived host in the server): forget the existence checks made so far. */
  forgetExistence(): void;
}

export function diskIndexHost(configFor: (filePath: string) => ResolvedConfig, options: DiskHostOptions = {}): DiskIndexHost {
  const exists = new Map<string, boolean>();
  return {
    readFile(filePath) {
      const override = options.overrides?.get(filePath);
      if (override !== undefined) return override;
      const outcome = readSourceFileSync(filePath, configFor(filePath).maxFileSize);
      return outcome.ok ? outcome.text : undefined;
    },
    fileExists(filePath) {
      if (options.knownFiles?.has(filePath) || options.overrides?.has(filePath)) return true;
      if (options.listings?.holds(filePath) === false) return false;
      let known = exists.get(filePath);
      if (known === undefined) {
        known = isFile(filePath);
        exists.set(filePath, known);
      }
      return known;
    },
    configuredHosts: (filePath) => configFor(filePath).endpoints,
    forgetExistence: () => exists.clear(),
  };
}

/** ENOTDIR (`./App.css` + `/index.ts`), ELOOP, EACCES: no file the index could read is there either. */
function isFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
