/**
 * An editor for tests of the real language server: a `TestClient` plus the open buffers, applying the
 * server's WorkspaceEdits the way VS Code does (files created, versioned edits to open documents checked
 * against the document's version, the buffers synced back to the server and saved, file events sent as a
 * file watcher does).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeAction,
  CodeActionRequest,
  type Diagnostic,
  FileChangeType,
  type FileEvent,
  type TextDocumentEdit,
  type TextEdit,
  type ResourceOperationKind,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TestClient, uri, vscodeLikeCapabilities } from '../server/lsp-client';

/** The code action kind of aidlint's fix-all. */
export const FIX_ALL = 'source.fixAll.aidlint';

/** An editor: the server's client plus the open buffers, applying WorkspaceEdits the way VS Code does. */
export class Editor {
  readonly client: TestClient;
  private readonly open = new Map<string, TextDocument>();

  constructor(
    readonly root: string,
    /** The file operations the editor's workspace edits can make. */
    private readonly resourceOperations: ResourceOperationKind[] = ['create'],
  ) {
    this.client = new TestClient({ root });
  }

  async start(): Promise<void> {
    const capabilities = vscodeLikeCapabilities();
    capabilities.workspace = { ...capabilities.workspace, workspaceEdit: { documentChanges: true, resourceOperations: this.resourceOperations } };
    await this.client.initialize(capabilities);
  }

  async openFile(file: string): Promise<string> {
    const filePath = path.join(this.root, file);
    const text = fs.readFileSync(filePath, 'utf8');
    const languageId = languageIdOf(filePath);
    const documentUri = await this.client.open(filePath, text, languageId);
    this.open.set(documentUri, TextDocument.create(documentUri, languageId, 1, text));
    return documentUri;
  }

  text(documentUri: string): string {
    return this.open.get(documentUri)?.getText() ?? fs.readFileSync(fileURLToPath(documentUri), 'utf8');
  }

  async diagnostics(documentUri: string, ruleId: string): Promise<Diagnostic[]> {
    return (await this.client.pullFull(documentUri)).items.filter((diagnostic) => diagnostic.code === ruleId);
  }

  async actions(documentUri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const answer = await this.client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: documentUri }, range, context: { diagnostics, only } });
    return (answer ?? []).filter((action): action is CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'));
  }

  /**
   * Applies the edit: a create makes an empty file (refusing to overwrite, as the edit asks); a document
   * edit with a version must match the open buffer's, whose new text is sent to the server and saved;
   * files that are not open are edited on disk. Returns the files created and changed on disk.
   */
  async apply(edit: WorkspaceEdit): Promise<{ created: string[]; changed: string[]; deleted: string[] }> {
    const created: string[] = [];
    const deleted: string[] = [];
    const changed = new Set<string>();
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change && change.kind === 'delete') {
        assert.ok(this.resourceOperations.includes('delete'), 'the editor said it can delete files');
        const filePath = fileURLToPath(change.uri);
        fs.rmSync(filePath);
        deleted.push(filePath);
        continue;
      }
      if ('kind' in change) {
        assert.equal(change.kind, 'create');
        const filePath = fileURLToPath(change.uri);
        assert.ok(!fs.existsSync(filePath), `${filePath} must not exist (overwrite: false)`);
        fs.mkdirSync(path.dirname(filePath), { recursive: true });
        fs.writeFileSync(filePath, '');
        created.push(filePath);
        continue;
      }
      await this.applyDocumentEdit(change, changed);
    }
    const events: FileEvent[] = [
      ...created.map((filePath) => ({ uri: uri(filePath), type: FileChangeType.Created as FileChangeType })),
      ...[...changed].filter((filePath) => !created.includes(filePath)).map((filePath) => ({ uri: uri(filePath), type: FileChangeType.Changed as FileChangeType })),
      ...deleted.map((filePath) => ({ uri: uri(filePath), type: FileChangeType.Deleted as FileChangeType })),
    ];
    await this.client.filesChanged(events);
    return { created, changed: [...changed], deleted };
  }

  private async applyDocumentEdit(change: TextDocumentEdit, changed: Set<string>): Promise<void> {
    const documentUri = change.textDocument.uri;
    const filePath = fileURLToPath(documentUri);
    const buffer = this.open.get(documentUri);
    if (buffer) {
      if (change.textDocument.version !== null) assert.equal(change.textDocument.version, buffer.version, 'the edit is for the buffer as it is');
      const text = TextDocument.applyEdits(buffer, plainEdits(change));
      const version = await this.client.change(documentUri, text);
      this.open.set(documentUri, TextDocument.create(documentUri, buffer.languageId, version, text));
      fs.writeFileSync(filePath, text);
      await this.client.save(documentUri);
    } else {
      assert.equal(change.textDocument.version, null, 'a file that is not open has no version');
      const onDisk = TextDocument.create(documentUri, languageIdOf(filePath), 0, fs.readFileSync(filePath, 'utf8'));
      fs.writeFileSync(filePath, TextDocument.applyEdits(onDisk, plainEdits(change)));
    }
    changed.add(filePath);
  }
}

/** The edits of a document change; the server sends plain text edits, never snippets. */
function plainEdits(change: TextDocumentEdit): TextEdit[] {
  return change.edits.map((edit) => {
    assert.ok('newText' in edit, 'a plain text edit');
    return edit;
  });
}

/** The language id VS Code gives a file, by its extension. */
function languageIdOf(filePath: string): string {
  switch (path.extname(filePath)) {
    case '.js':
    case '.cjs':
    case '.mjs':
      return 'javascript';
    case '.jsx':
      return 'javascriptreact';
    case '.tsx':
      return 'typescriptreact';
    default:
      return 'typescript';
  }
}
