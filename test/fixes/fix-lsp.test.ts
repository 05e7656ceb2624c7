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
import type { CodeAction } from 'vscode-languageserver-protocol';
import { runCli } from '../cli/run-cli';
import { Editor, FIX_ALL } from '../support/lsp-editor';
import { prepareFixture, removeFixture, typecheck } from '../support/run-fixture';
import { TestClient } from '../server/lsp-client';

const WRAP = 'Wrap behind the provider-neutral interface';

describe('quick fixes over LSP (real server, edits applied as an editor does)', function () {
  this.timeout(300_000);

  describe('a fix that adds a dependency to package.json', () => {
    let dir: string;
    let editor: Editor;

    before(async () => {
      dir = await prepareFixture('azure-sdk');
      const manifestPath = path.join(dir, 'package.json');
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { devDependencies: Record<string, string> };
      delete manifest.devDependencies.openai;
      fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      editor = new Editor(dir);
      await editor.start();
    });

    after(async () => {
      await editor.client.shutdown();
      removeFixture(dir);
    });

    it('edits package.json and names the client command that tells the user to install it (quick fix and fix-all)', async () => {
      const documentUri = await editor.openFile('src/routes/embeddings.ts');
      const [call] = await editor.diagnostics(documentUri, 'vendor-call');
      const wrap = (await editor.actions(documentUri, [call])).find((action) => action.title === WRAP);
      const [fixAll] = await editor.actions(documentUri, [], [FIX_ALL]);
      for (const action of [wrap, fixAll]) {
        assert.ok(action?.edit);
        const edited = (action.edit.documentChanges ?? []).flatMap((change) => ('textDocument' in change ? [change.textDocument.uri] : []));
        assert.ok(edited.some((uri) => uri.endsWith('/package.json')), 'package.json is part of the edit');
        assert.deepEqual(action.command, {
          title: 'What to do after this fix',
          command: 'aidlint.afterFix',
          arguments: [
            {
              message: `The seam needs openai 4.104 or later: openai ^6.49.0 was added in ${path.join(dir, 'package.json')}; run \`npm install\` to install it.`,
              run: { command: 'npm install', cwd: dir },
            },
          ],
        });
      }
    });
  });

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
      const ownEdit = wrap.edit.documentChanges?.find((change) => 'textDocument' in change && change.textDocument.uri === documentUri);
      assert.equal(ownEdit && 'textDocument' in ownEdit ? typeof ownEdit.textDocument.version : undefined, 'number', 'a quick fix is for the version it was asked about');

      const { created } = await editor.apply(wrap.edit);
      assert.deepEqual(
        created.map((file) => path.relative(dir, file)).sort(),
        ['config.ts', 'index.ts', 'openai-compat.ts', 'providers/azure-openai.ts', 'providers/openai-wire.ts', 'providers/openai.ts', 'providers/registry.ts', 'routing.ts'].map((file) => path.join('src', 'ai', file)),
      );
      assert.match(editor.text(documentUri), /await chatModel\('gpt4oMini'\)\.complete\(\{\n/);
      assert.match(editor.text(documentUri), /^import \{ chatModel \} from '\.\.\/ai\/index\.js';$/m);
      assert.equal(await typecheck(dir), '');
      // The server saw the change: one vendor call is left in the file.
      assert.equal((await editor.diagnostics(documentUri, 'vendor-call')).length, 1);
    });

    it('a wrap in another file re-uses the seam: no file created, config.ts gets the model and its connection', async () => {
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
        [
          "  textEmbedding3Small: env('AI_MODEL_TEXT_EMBEDDING_3_SMALL', 'text-embedding-3-small'),",
          "  textEmbedding3Small: env('AI_MODEL_TEXT_EMBEDDING_3_SMALL_CONNECTION', 'openai'),",
          "  textEmbedding3Small: ['embeddings'],",
        ],
      );
      assert.equal(configAfter.split('\n').length, configBefore.split('\n').length + 3);
      assert.equal(await typecheck(dir), '');
    });

    it('a wrap that creates the seam adds no dependency here (openai is one), so it names no command to run after it', async () => {
      const documentUri = await editor.openFile('src/routes/brainstorm.ts');
      const [call] = await editor.diagnostics(documentUri, 'vendor-call');
      const wrap = (await editor.actions(documentUri, [call])).find((action) => action.title === WRAP);
      assert.ok(wrap?.edit);
      assert.equal(wrap.command, undefined);
    });

    it('a refused call: the wrap action is offered disabled, with the reason, and no edit', async () => {
      const documentUri = await editor.openFile('src/routes/logo.ts');
      const [call] = await editor.diagnostics(documentUri, 'vendor-call');
      const wrap = (await editor.actions(documentUri, [call])).find((action) => action.title === WRAP);
      assert.deepEqual(wrap?.disabled, { reason: 'Cannot wrap this call: OpenAI-only feature (image generation): no neutral equivalent.' });
      assert.equal(wrap?.edit, undefined);
    });

    it('a client construction offers to route the client through the seam, disabled while the client is exported', async () => {
      const documentUri = await editor.openFile('src/lib/openai.ts');
      const [construction] = await editor.diagnostics(documentUri, 'vendor-client');
      const route = (await editor.actions(documentUri, [construction])).find((action) => action.title.startsWith('Route '));
      assert.equal(route?.title, "Route 'openai' through the seam (wrap its calls, remove the client)");
      assert.deepEqual(route?.disabled, {
        reason: 'Cannot route this client through the seam: `openai` is exported; wrap the calls in the modules that import it (each has its own fix), then delete it.',
      });
      assert.equal(route?.edit, undefined);
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
