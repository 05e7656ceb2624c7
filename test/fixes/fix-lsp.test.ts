/**
 * Quick fixes through the real language server: code actions are requested over LSP for a fixture
 * project, and their WorkspaceEdits are applied as an editor applies them (files created, versioned edits
 * to open documents checked against the document's version, the buffers synced back to the server and
 * saved, file events sent as a file watcher does). The project must still type-check; a refused call's
 * action is disabled with its reason; `source.fixAll.aidlint` gives the file the same text as `aidlint --fix`.
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
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { runCli } from '../cli/run-cli';
import { prepareFixture, removeFixture, typecheck } from '../support/run-fixture';
import { TestClient, uri, vscodeLikeCapabilities } from '../server/lsp-client';

const WRAP = 'Wrap behind the provider-neutral interface';
const FIX_ALL = 'source.fixAll.aidlint';

/** An editor: the server's client plus the open buffers, applying WorkspaceEdits the way VS Code does. */
class Editor {
  readonly client: TestClient;
  private readonly open = new Map<string, TextDocument>();

  constructor(readonly root: string) {
    this.client = new TestClient({ root });
  }

  async start(): Promise<void> {
    const capabilities = vscodeLikeCapabilities();
    capabilities.workspace = { ...capabilities.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } };
    await this.client.initialize(capabilities);
  }

  async openFile(file: string): Promise<string> {
    const filePath = path.join(this.root, file);
    const text = fs.readFileSync(filePath, 'utf8');
    const documentUri = await this.client.open(filePath, text);
    this.open.set(documentUri, TextDocument.create(documentUri, 'typescript', 1, text));
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
  async apply(edit: WorkspaceEdit): Promise<{ created: string[]; changed: string[] }> {
    const created: string[] = [];
    const changed = new Set<string>();
    for (const change of edit.documentChanges ?? []) {
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
    ];
    await this.client.filesChanged(events);
    return { created, changed: [...changed] };
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
      const onDisk = TextDocument.create(documentUri, 'typescript', 0, fs.readFileSync(filePath, 'utf8'));
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

describe('quick fixes over LSP (real server, edits applied as an editor does)', function () {
  this.timeout(300_000);

  describe('quick fixes one at a time', () => {
    let dir: string;
    let editor: Editor;

    before(async () => {
      dir = await prepareFixture('openai-esm');
      editor = new Editor(dir);
      await editor.start();
    });

    after(async () => {
      await editor.client.shutdown();
      removeFixture(dir);
    });

    it('the wrap action of a vendor call creates the seam and rewrites the call; the project type-checks', async () => {
      const documentUri = await editor.openFile('src/routes/chat.ts');
      const [first] = await editor.diagnostics(documentUri, 'vendor-call');
      const wrap = (await editor.actions(documentUri, [first])).find((action) => action.title === WRAP);
      assert.ok(wrap?.edit, 'an enabled wrap action with an edit');
      assert.equal(wrap.disabled, undefined);
      assert.equal(wrap.kind, 'quickfix');
      assert.equal(wrap.isPreferred, true);

      const { created } = await editor.apply(wrap.edit);
      assert.deepEqual(
        created.map((file) => path.relative(dir, file)).sort(),
        ['config.ts', 'index.ts', 'providers/azure-openai.ts', 'providers/openai-wire.ts', 'providers/openai.ts'].map((file) => path.join('src', 'ai', file)),
      );
      assert.match(editor.text(documentUri), /await chatModel\('gpt4oMini'\)\.complete\(\{\n/);
      assert.match(editor.text(documentUri), /^import \{ chatModel \} from '\.\.\/ai\/index\.js';$/m);
      assert.equal(await typecheck(dir), '');
      // The server saw the change: one vendor call is left in the file.
      assert.equal((await editor.diagnostics(documentUri, 'vendor-call')).length, 1);
    });

    it('a wrap in another file re-uses the seam: no file created, config.ts gets one line', async () => {
      const documentUri = await editor.openFile('src/routes/embeddings.ts');
      const [first] = await editor.diagnostics(documentUri, 'vendor-call');
      const wrap = (await editor.actions(documentUri, [first])).find((action) => action.title === WRAP);
      assert.ok(wrap?.edit);
      const creates = (wrap.edit.documentChanges ?? []).filter((change) => 'kind' in change);
      assert.deepEqual(creates, []);
      const configFile = path.join(dir, 'src', 'ai', 'config.ts');
      const configBefore = fs.readFileSync(configFile, 'utf8');
      const { changed } = await editor.apply(wrap.edit);
      assert.deepEqual(changed.map((file) => path.relative(dir, file)).sort(), ['src/ai/config.ts', 'src/routes/embeddings.ts']);
      const configAfter = fs.readFileSync(configFile, 'utf8');
      assert.deepEqual(
        configAfter.split('\n').filter((line) => !configBefore.split('\n').includes(line)),
        ["  textEmbedding3Small: env('AI_MODEL_TEXT_EMBEDDING_3_SMALL', 'text-embedding-3-small'),"],
      );
      assert.equal(configAfter.split('\n').length, configBefore.split('\n').length + 1);
      assert.equal(await typecheck(dir), '');
    });

    it('a refused call: the wrap action is offered disabled, with the reason, and no edit', async () => {
      const documentUri = await editor.openFile('src/routes/brainstorm.ts');
      const [call] = await editor.diagnostics(documentUri, 'vendor-call');
      const wrap = (await editor.actions(documentUri, [call])).find((action) => action.title === WRAP);
      assert.deepEqual(wrap?.disabled, { reason: 'Cannot wrap this call: option `n` has no equivalent in the provider-neutral interface.' });
      assert.equal(wrap?.edit, undefined);
    });

    it('a client that cannot create files gets the seam-creating wrap disabled with a reason', async () => {
      const other = await prepareFixture('openai-esm');
      const plain = new TestClient({ root: other });
      try {
        await plain.initialize();
        const filePath = path.join(other, 'src', 'routes', 'stream.ts');
        const documentUri = await plain.open(filePath, fs.readFileSync(filePath, 'utf8'));
        const [call] = (await plain.pullFull(documentUri)).items.filter((diagnostic) => diagnostic.code === 'vendor-call');
        const wrap = (await plain.codeActions(documentUri, [call])).find((action) => action.title === WRAP) as CodeAction | undefined;
        assert.equal(wrap?.disabled?.reason, 'This editor cannot create the seam files through LSP; run `aidlint --fix` instead.');
      } finally {
        await plain.shutdown();
        removeFixture(other);
      }
    });
  });

  describe('source.fixAll.aidlint', () => {
    let dir: string;
    let cliDir: string;
    let editor: Editor;

    before(async () => {
      [dir, cliDir] = await Promise.all([prepareFixture('openai-esm'), prepareFixture('openai-esm')]);
      editor = new Editor(dir);
      await editor.start();
    });

    after(async () => {
      await editor.client.shutdown();
      removeFixture(dir);
      removeFixture(cliDir);
    });

    const file = 'src/routes/azure-chat.ts';
    let documentUri: string;

    it('asked for by kind: one action whose edit fixes the whole file, with the text `aidlint --fix` gives it', async () => {
      documentUri = await editor.openFile(file);
      const before = await editor.diagnostics(documentUri, 'vendor-call');
      assert.equal(before.length, 2);
      const actions = await editor.actions(documentUri, [], [FIX_ALL]);
      assert.deepEqual(
        actions.map((action) => [action.kind, action.title]),
        [[FIX_ALL, 'Fix all aidlint problems']],
      );
      await editor.apply(actions[0].edit!);

      await runCli(['--fix', '.'], cliDir);
      assert.equal(editor.text(documentUri), fs.readFileSync(path.join(cliDir, file), 'utf8'));
      assert.deepEqual(await editor.diagnostics(documentUri, 'vendor-call'), []);
      assert.equal(await typecheck(dir), '');
    });

    it('a quick-fix request does not compute fix-all, and a file with nothing left to fix gets no fix-all action', async () => {
      const quick = await editor.actions(documentUri, []);
      assert.ok(!quick.some((action) => action.kind === FIX_ALL));
      assert.deepEqual(await editor.actions(documentUri, [], [FIX_ALL]), []);
    });
  });
});
