/**
 * One Workspace per workspace folder (multi-root works, and a file outside every folder gets a workspace
 * rooted at its own folder): each has its configuration resolver and its workspace index, both reading
 * open editor buffers before the disk, and the results of its last workspace scan.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { ConfigResolver } from '../rules/config/resolve';
import { type DiskIndexHost, diskIndexHost } from '../rules/engine/disk-host';
import type { LintMessage } from '../rules/engine/types';
import { WorkspaceIndex } from '../rules/engine/workspace-index';
import { listFiles } from '../rules/scan/scan';
import { pathOf } from './uris';

export class Workspace {
  readonly index: WorkspaceIndex;
  /** Reads open buffers before the disk; shared by the index and the fixes. */
  readonly host: DiskIndexHost;
  /**
   * Results of the last "Scan Workspace", by file; kept until those files change. A file that had
   * problems keeps an (empty) entry once clean, so clients are told to clear it.
   */
  readonly scanResults = new Map<string, { resultId: string; messages: LintMessage[] }>();
  private nextResultId = 1;
  /** Whether a workspace scan ran, so changed files are re-linted to keep its results current. */
  scanned = false;
  private resolver: ConfigResolver | undefined;
  private resolverConfigFile = '';
  /** The project's files (for fixes that follow a result to callers), listed once until files come or go. */
  private fileList: Promise<string[]> | undefined;

  constructor(
    readonly root: string,
    private readonly openText: (filePath: string) => string | undefined,
  ) {
    const overrides = { get: openText, has: (filePath: string) => openText(filePath) !== undefined };
    this.host = diskIndexHost((file) => this.configs().configFor(file), { overrides });
    this.index = new WorkspaceIndex(this.host, { incremental: true });
  }

  /** The resolver for the current `aidlint.configFile` setting; a different setting makes a new one. */
  configs(configFile = this.resolverConfigFile): ConfigResolver {
    if (!this.resolver || configFile !== this.resolverConfigFile) {
      this.resolverConfigFile = configFile;
      this.resolver = new ConfigResolver({
        workspaceRoot: this.root,
        configFile: configFile ? path.resolve(this.root, configFile) : undefined,
        readFile: (filePath) => this.openText(filePath) ?? readIfExists(filePath),
      });
      this.index.invalidateAll();
      this.fileList = undefined;
    }
    return this.resolver;
  }

  /** Every file the configuration includes under the root (listed on first use, kept until files come or go). */
  projectFiles(): Promise<string[]> {
    this.fileList ??= listFiles([this.root], this.configs());
    return this.fileList;
  }

  setScanResult(filePath: string, messages: LintMessage[]): void {
    if (messages.length === 0 && !this.scanResults.has(filePath)) return;
    this.scanResults.set(filePath, { resultId: `scan-${this.nextResultId++}`, messages });
  }

  /**
   * A file appeared or vanished: cached existence checks and import resolutions are stale, and so are the
   * analyses made with them (a fix that just created the seam must now see it, an import may resolve now).
   */
  filesAddedOrRemoved(): void {
    this.host.forgetExistence();
    this.index.invalidateAll();
    this.fileList = undefined;
  }

  /** A config file changed: re-read configuration and forget analyses that used the old one. */
  configChanged(): void {
    this.resolver?.invalidate();
    this.index.invalidateAll();
    this.fileList = undefined;
  }
}

export class Workspaces {
  private readonly folders = new Map<string, Workspace>();
  private readonly loose = new Map<string, Workspace>();
  /** Open documents by path (URIs from clients may be spelled differently from ours). */
  private readonly open = new Map<string, TextDocument>();

  constructor(documents: TextDocuments<TextDocument>) {
    documents.onDidOpen(({ document }) => this.track(document));
    documents.onDidChangeContent(({ document }) => this.track(document));
    documents.onDidClose(({ document }) => {
      const filePath = pathOf(document.uri);
      if (filePath) this.open.delete(filePath);
    });
  }

  setFolders(uris: readonly string[]): void {
    const roots = new Set(uris.map(pathOf).filter((root): root is string => root !== undefined));
    for (const root of this.folders.keys()) if (!roots.has(root)) this.folders.delete(root);
    for (const root of roots) if (!this.folders.has(root)) this.folders.set(root, this.create(root));
  }

  folderRoots(): string[] {
    return [...this.folders.keys()];
  }

  all(): Workspace[] {
    return [...this.folders.values(), ...this.loose.values()];
  }

  /** The innermost folder holding the file, or a workspace rooted at the file's own folder. */
  forFile(filePath: string): Workspace {
    let best: Workspace | undefined;
    for (const workspace of this.folders.values()) {
      const inside = filePath.startsWith(workspace.root + path.sep);
      if (inside && (!best || workspace.root.length > best.root.length)) best = workspace;
    }
    if (best) return best;
    const root = path.dirname(filePath);
    let workspace = this.loose.get(root);
    if (!workspace) this.loose.set(root, (workspace = this.create(root)));
    return workspace;
  }

  private create(root: string): Workspace {
    return new Workspace(root, (filePath) => this.openText(filePath));
  }

  isOpen(filePath: string): boolean {
    return this.open.has(filePath);
  }

  openDocument(filePath: string): TextDocument | undefined {
    return this.open.get(filePath);
  }

  private track(document: TextDocument): void {
    const filePath = pathOf(document.uri);
    if (filePath) this.open.set(filePath, document);
  }

  private openText(filePath: string): string | undefined {
    return this.open.get(filePath)?.getText();
  }
}

function readIfExists(filePath: string): string | undefined {
  try {
    return fs.readFileSync(filePath, 'utf8');
  } catch {
    return undefined;
  }
}
