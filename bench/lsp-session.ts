/**
 * A minimal LSP client for the server sections of the benchmark: spawns the real server
 * (`out/server/main.js --stdio`) and speaks to it with vscode-languageserver-protocol, as an editor would.
 * Only what the benchmark needs; the tests have their own, fuller client (the bench must not depend on tests).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  type DocumentDiagnosticReport,
  ExecuteCommandRequest,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  type ProtocolConnection,
  type Range,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  WorkspaceDiagnosticRequest,
  type WorkspaceDiagnosticReport,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER_MAIN = 'out/server/main.js';
/** Linux's USER_HZ is 100 on every architecture Node runs on. */
const MS_PER_CLOCK_TICK = 10;

const STDERR_TAIL_CHARS = 800;
const BYTES_PER_KIB = 1024;
/** How long a server may take to exit after `exit` before it is killed. */
const EXIT_GRACE_MS = 5000;

export interface ProcessMemory {
  /** Resident set size now. */
  rssBytes: number;
  /** Highest resident set size the process has had. */
  peakRssBytes: number;
}

export class LspSession {
  private readonly connection: ProtocolConnection;
  private readonly server: ChildProcess;
  private stderr = '';
  private exited = false;
  private readonly versions = new Map<string, number>();

  /** `settings` are the `aidlint.*` values answered to every `workspace/configuration` request. */
  constructor(
    repoRoot: string,
    private readonly root: string,
    settings: Record<string, unknown>,
  ) {
    this.server = spawn(process.execPath, [path.join(repoRoot, SERVER_MAIN), '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    this.server.stderr!.on('data', (chunk) => (this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL_CHARS)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.server.stdout!), new StreamMessageWriter(this.server.stdin!));
    // A server that dies must fail the pending requests, not leave the benchmark waiting forever.
    this.server.once('exit', () => {
      this.exited = true;
      this.connection.dispose();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.server.pid!;
  }

  /** The end of the server's stderr, for error messages. */
  get stderrTail(): string {
    return this.stderr.trim();
  }

  /** Initializes with the capabilities the server acts on: pull diagnostics, configuration, progress. */
  async initialize(): Promise<void> {
    const rootUri = fileUri(this.root);
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(this.root) }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: true } },
        textDocument: { synchronization: { didSave: true }, diagnostic: { dynamicRegistration: false } },
        window: { workDoneProgress: true },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(filePath: string, text: string): Promise<string> {
    const uri = fileUri(filePath);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    return uri;
  }

  /** An incremental edit, as editors send for a keystroke: `text` replaces `range`. */
  async edit(uri: string, range: Range, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  pull(uri: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  }

  executeCommand(command: string): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: [] });
  }

  workspaceDiagnostics(): Promise<WorkspaceDiagnosticReport> {
    return this.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
  }

  /** VmRSS and VmHWM of the server process, from /proc (Linux). */
  memory(): ProcessMemory {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssBytes: kib('VmRSS') * BYTES_PER_KIB, peakRssBytes: kib('VmHWM') * BYTES_PER_KIB };
  }

  /**
   * CPU time the server process has used (user + system, all its threads: GC helpers too), from
   * /proc/<pid>/stat (Linux; clock ticks of 10 ms); undefined elsewhere. Unlike wall time, other jobs on a
   * shared machine barely change it.
   */
  cpuMs(): number | undefined {
    try {
      const fields = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
      return (Number(fields[11]) + Number(fields[12])) * MS_PER_CLOCK_TICK;
    } catch {
      return undefined;
    }
  }

  /** Shuts the server down politely; kills it when that fails or it does not exit in time. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.server.once('exit', () => resolve()));
    const killer = setTimeout(() => this.server.kill(), EXIT_GRACE_MS);
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.server.kill();
    }
    await exit;
    clearTimeout(killer);
  }
}

export const fileUri = (filePath: string): string => pathToFileURL(filePath).href;

/** Why the server cannot be started, or undefined when it can. */
export function serverUnavailable(repoRoot: string): string | undefined {
  return fs.existsSync(path.join(repoRoot, SERVER_MAIN)) ? undefined : `${SERVER_MAIN} not found (npm run build)`;
}
