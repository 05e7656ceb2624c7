/**
 * A real LSP client for tests: starts the real server process over stdio and talks to it with
 * vscode-languageserver-protocol, answering `workspace/configuration` and recording what the server
 * sends (status notifications, pushed diagnostics, progress, refresh requests, showDocument).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import {
  type ClientCapabilities,
  type CodeAction,
  CodeActionRequest,
  type Command,
  type ConfigurationItem,
  ConfigurationRequest,
  type Diagnostic,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  type DocumentDiagnosticReport,
  ExecuteCommandRequest,
  ExitNotification,
  type FileEvent,
  type FullDocumentDiagnosticReport,
  type InitializeResult,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  type PreviousResultId,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  type Range,
  RegistrationRequest,
  ShowDocumentRequest,
  type ShowDocumentParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  WorkDoneProgressCreateRequest,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceDiagnosticReport,
  WorkspaceDiagnosticRequest,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { StatusParams } from '../../server/protocol';
import { makeTempDir } from '../files/temp';

export const SERVER_MAIN = path.resolve(__dirname, '../../server/main.js');

/** test/fixtures/server, seen from out/test/server where the compiled tests run. */
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'server');

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** LSP's `ServerCancelled`: the server gave up on a request because its input changed; clients retrigger it. */
const SERVER_CANCELLED = -32802;

/** Capabilities close to what VS Code sends, trimmed to what the server looks at. */
export function vscodeLikeCapabilities(pull = true): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      diagnostics: { refreshSupport: true },
      executeCommand: { dynamicRegistration: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: { dynamicRegistration: true, dataSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
      ...(pull ? { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } } : {}),
    },
    window: { workDoneProgress: true, showDocument: { support: true } },
  };
}

export type SettingsAnswer = Record<string, unknown>;

export interface TestClientOptions {
  /** The server entry to run; defaults to the compiled out/server/main.js (a bundle's dist/server.js also works). */
  serverPath?: string;
  /** A command that starts the server over stdio instead (an installed bin through npx); `serverPath` is then unused. */
  command?: { file: string; args: string[]; cwd: string };
  /** The first workspace folder. */
  root: string;
  /** Further workspace folders (multi-root). */
  moreFolders?: string[];
  pull?: boolean;
  /** `aidlint.*` settings answered to `workspace/configuration`. */
  settings?: SettingsAnswer;
  /** Per-resource answers (by `scopeUri`); undefined falls back to `settings`. */
  settingsFor?: (scopeUri: string | undefined) => SettingsAnswer | undefined;
  /** Environment variables for the server process on top of this one's (the server's test hooks). */
  env?: Record<string, string>;
}

export type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly statuses: StatusParams[] = [];
  readonly pushed = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics, in order of arrival. */
  readonly pushLog: PublishDiagnosticsParams[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  /** Items of every `workspace/configuration` request, in order. */
  readonly configurationRequests: ConfigurationItem[] = [];
  /** Tokens the server created with `window/workDoneProgress/create`. */
  readonly progressTokens: Array<string | number> = [];
  /** `$/progress` values, in order of arrival. */
  readonly progress: Array<{ token: string | number; value: ProgressValue }> = [];
  /** The server's log (`window/logMessage`), in order. */
  readonly logs: string[] = [];
  /** Pulls the server answered with ServerCancelled (then retried). */
  cancelledPulls = 0;
  refreshRequests = 0;
  /** Called on each `workspace/diagnostic/refresh` (an editor pulls its open documents again). */
  readonly refreshListeners: Array<() => void> = [];
  stderr = '';
  settings: SettingsAnswer;
  /** Resolves with the exit code when the server process ends. */
  readonly exited: Promise<number | null>;
  private versions = new Map<string, number>();

  constructor(readonly options: TestClientOptions) {
    this.settings = options.settings ?? {};
    const { file, args, cwd } = options.command ?? { file: process.execPath, args: [options.serverPath ?? SERVER_MAIN, '--stdio'], cwd: undefined };
    this.process = spawn(file, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(...params.items);
      return params.items.map((item) => options.settingsFor?.(item.scopeUri) ?? this.settings);
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      this.progressTokens.push(token);
      this.connection.onProgress(WorkDoneProgress.type, token, (value) => void this.progress.push({ token, value }));
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests++;
      for (const listener of this.refreshListeners) listener();
    });
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.pushed.set(params.uri, params);
      this.pushLog.push(params);
    });
    this.connection.onNotification('aidlint/status', (params: StatusParams) => {
      this.statuses.push(params);
    });
    this.connection.onNotification(LogMessageNotification.type, ({ message }) => void this.logs.push(message));
    this.connection.listen();
  }

  async initialize(capabilities = vscodeLikeCapabilities(this.options.pull ?? true)): Promise<InitializeResult> {
    const folders = [this.options.root, ...(this.options.moreFolders ?? [])];
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri(this.options.root),
      capabilities,
      workspaceFolders: folders.map((folder) => ({ uri: uri(folder), name: path.basename(folder) })),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(filePath: string, text: string, languageId = 'typescript'): Promise<string> {
    const documentUri = uri(filePath);
    this.versions.set(documentUri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: documentUri, languageId, version: 1, text } });
    return documentUri;
  }

  /** Replaces the whole text; returns the new version. */
  change(documentUri: string, text: string): Promise<number> {
    return this.edit(documentUri, [{ text }]);
  }

  /** Sends content changes (incremental ones have a `range`); returns the new version. */
  async edit(documentUri: string, contentChanges: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(documentUri) ?? 0) + 1;
    this.versions.set(documentUri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: documentUri, version }, contentChanges });
    return version;
  }

  async save(documentUri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: documentUri } });
  }

  async close(documentUri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: documentUri } });
  }

  /** Pulls diagnostics, retrying as a client does when the server cancels a stale request. */
  async pull(documentUri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: documentUri }, previousResultId });
      } catch (error) {
        if (attempt > 20 || (error as { code?: number }).code !== SERVER_CANCELLED) throw error;
        this.cancelledPulls++;
      }
    }
  }

  /** Pulls and insists on a full report (the common case: no previousResultId). */
  async pullFull(documentUri: string): Promise<FullDocumentDiagnosticReport> {
    const report = await this.pull(documentUri);
    if (report.kind !== 'full') throw new Error(`expected a full report for ${documentUri}, got ${report.kind}`);
    return report;
  }

  workspaceDiagnostics(previousResultIds: PreviousResultId[] = []): Promise<WorkspaceDiagnosticReport> {
    return this.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds });
  }

  /** Code actions for `range` (by default the first diagnostic's), with `diagnostics` as the editor's context. */
  async codeActions(documentUri: string, diagnostics: Diagnostic[], range = diagnostics[0]?.range ?? NOWHERE, only?: string[]): Promise<Array<Command | CodeAction>> {
    return (await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: documentUri }, range, context: { diagnostics, only } })) ?? [];
  }

  executeCommand(command: string, args?: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** New settings, announced as VS Code does (the server then asks again with `workspace/configuration`). */
  async changeSettings(settings: SettingsAnswer): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Resolves once `condition` holds; rejects after `timeoutMs` naming what was awaited. */
  async until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await delay(10);
    }
  }

  /**
   * A round trip (a code action request for a document that is not open): once it is answered, everything
   * the server sent before has been handled here, so counts taken next are not inflated by earlier events.
   */
  async sync(): Promise<void> {
    await this.codeActions(uri(path.join(this.options.root, '.aidlint-sync-barrier.ts')), []);
  }

  /** Waits for a `workspace/diagnostic/refresh` caused by `action` (not by anything before it). */
  async refreshAfter(action: () => Promise<unknown>): Promise<void> {
    await this.sync();
    const before = this.refreshRequests;
    await action();
    await this.until(() => this.refreshRequests > before, 'workspace/diagnostic/refresh');
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Ends the process if a test left it running. */
  dispose(): void {
    this.connection.dispose();
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
  }

  /** Resident memory of the server process in MB (Linux `/proc`). */
  residentMB(): number {
    const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) / 1024;
  }
}

export function uri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** A temp copy of test/fixtures/server/<name> (tests change files on disk), or an empty temp folder. */
export function workspaceFrom(fixture?: string): string {
  const root = makeTempDir();
  if (fixture) fs.cpSync(path.join(FIXTURES, fixture), root, { recursive: true });
  return root;
}

/** A diagnostic's message as plain text (LSP 3.18 also allows markup). */
export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** Diagnostics in a comparable form: `code line:character-line:character`. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map(({ code, range: { start, end } }) => `${code} ${start.line}:${start.character}-${end.line}:${end.character}`);
}
