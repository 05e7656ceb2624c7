/**
 * A real LSP client for tests: starts the real server process over stdio and talks to it with
 * vscode-languageserver-protocol, answering `workspace/configuration` and recording what the server
 * sends (status notifications, pushed diagnostics, progress, refresh requests, showDocument).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ClientCapabilities,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type DocumentDiagnosticReport,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  RegistrationRequest,
  ShowDocumentRequest,
  type ShowDocumentParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER_MAIN = path.resolve(__dirname, '../../server/main.js');

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

export interface TestClientOptions {
  root: string;
  pull?: boolean;
  /** `aidlint.*` settings answered to `workspace/configuration`. */
  settings?: Record<string, unknown>;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly statuses: Array<{ state: string; problems: number }> = [];
  readonly pushed = new Map<string, PublishDiagnosticsParams>();
  readonly shownDocuments: ShowDocumentParams[] = [];
  refreshRequests = 0;
  stderr = '';
  settings: Record<string, unknown>;
  private versions = new Map<string, number>();

  constructor(readonly options: TestClientOptions) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [SERVER_MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests++;
    });
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.pushed.set(params.uri, params);
    });
    this.connection.onNotification('aidlint/status', (params: { state: string; problems: number }) => {
      this.statuses.push(params);
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    const rootUri = uri(this.options.root);
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      capabilities: vscodeLikeCapabilities(this.options.pull ?? true),
      workspaceFolders: [{ uri: rootUri, name: path.basename(this.options.root) }],
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(filePath: string, text: string, languageId = 'typescript'): Promise<string> {
    const documentUri = uri(filePath);
    this.versions.set(documentUri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: documentUri, languageId, version: 1, text } });
    return documentUri;
  }

  /** Replaces the whole text; returns the new version. */
  async change(documentUri: string, text: string): Promise<number> {
    const version = (this.versions.get(documentUri) ?? 0) + 1;
    this.versions.set(documentUri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: documentUri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(documentUri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: documentUri } });
  }

  /** Pulls diagnostics, retrying as a client does when the server cancels a stale request. */
  async pull(documentUri: string): Promise<DocumentDiagnosticReport> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: documentUri } });
      } catch (error) {
        if (attempt > 20 || (error as { code?: number }).code !== -32802) throw error;
      }
    }
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await new Promise<number | null>((resolve) => this.process.once('exit', resolve));
    this.connection.dispose();
    return code;
  }
}

export function uri(filePath: string): string {
  return pathToFileURL(filePath).href;
}
