/**
 * Diagnostics converge on the text: an editor that pulls as VS Code does (a pull per edit, cancelled by the
 * next edit, retriggered when the server cancels it) always ends on the diagnostics of the final text, with
 * bursts of edits, pauses around the debounce, and a server whose every lint holds it (a test hook), so
 * keystrokes pile up behind the lint as on a loaded machine.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from '../../server/diagnostics';
import { TYPING_DEBOUNCE_MS } from '../../server/document-diagnostics';
import { removeTempDir } from '../files/temp';
import { lintProject } from '../rule-tester';
import { seededRandom } from '../support/seeded-random';
import { TestClient, workspaceFrom } from './lsp-client';
import { PullingEditor } from './pulling-editor';

const FILE = 'src/routes/replies.ts';
const START = ["import OpenAI from 'openai';", '', 'const client = new OpenAI();', '', 'export async function reply(question: string) {', '  return question;', '}', ''].join('\n');
const TYPED = "  const draft = await client.chat.completions.create({ model: 'gpt-4.1-nano', messages: [] });\n";
/** Pauses between keystrokes: mostly none, some around the debounce, a few long enough for a lint to finish. */
const PAUSES_MS = [0, 0, 0, 0, 10, 40, TYPING_DEBOUNCE_MS - 20, TYPING_DEBOUNCE_MS + 20, 250];

/** What a fresh engine reports on the text, as the server turns it into diagnostics. */
function expectedDiagnostics(text: string) {
  return lintProject({ code: text, filename: FILE }).messages.map(toDiagnostic);
}

for (const lintDelayMs of [0, 150]) {
  describe(`language server: diagnostics end on the final text (${lintDelayMs ? `each lint holds the server ${lintDelayMs} ms` : 'normal server'})`, function () {
    this.timeout(120_000);
    let root: string;
    let client: TestClient;
    let editor: PullingEditor;
    let mirror: TextDocument;

    beforeEach(async () => {
      root = workspaceFrom();
      client = new TestClient({ root, env: { AIDLINT_TEST_LINT_DELAY_MS: String(lintDelayMs) } });
      await client.initialize();
      const uri = await client.open(path.join(root, FILE), START);
      mirror = TextDocument.create(uri, 'typescript', 1, START);
      editor = new PullingEditor(client, uri);
      editor.pull();
      await editor.idle();
    });
    afterEach(() => {
      client.dispose();
      removeTempDir(root);
    });

    let lastEdit = 0;
    async function edit(change: TextDocumentContentChangeEvent): Promise<void> {
      const version = await editor.edit([change]);
      mirror = TextDocument.update(mirror, [change], version);
      lastEdit = Date.now();
    }

    /** Waits until no pull is owed and checks what the editor shows against a fresh lint of the final text. */
    async function assertShowsFinalText(): Promise<void> {
      await editor.idle();
      assert.deepEqual(editor.failures, [], 'no pull failed');
      assert.deepEqual(editor.shown, expectedDiagnostics(mirror.getText()), 'the editor shows the diagnostics of the final text');
      console.log(`      ${editor.counts.pulls} pulls, ${editor.counts.serverCancelled} cancelled by the server, ${editor.counts.shown} shown; final result ${Date.now() - lastEdit} ms after the last edit`);
    }

    it('types a call character by character, pausing around the debounce, and ends on the last keystroke', async () => {
      const random = seededRandom(16);
      const line = mirror.getText().split('\n').indexOf('  return question;');
      for (const [column, character] of [...TYPED].entries()) {
        await edit({ range: { start: { line, character: column }, end: { line, character: column } }, text: character });
        await delay(PAUSES_MS[Math.floor(random() * PAUSES_MS.length)]);
      }
      await assertShowsFinalText();
      assert.ok(editor.shown?.some((diagnostic) => diagnostic.message.toString().includes("'gpt-4.1-nano'")), 'the typed model is reported');
    });

    it('pastes, deletes and retypes in bursts, and ends on the text of the last burst', async () => {
      const random = seededRandom(1604);
      for (let burst = 0; burst < 12; burst++) {
        for (let i = 0; i < 8; i++) {
          const text = mirror.getText();
          const at = Math.floor(random() * text.length);
          const deleting = random() < 0.4;
          const end = deleting ? Math.min(text.length, at + 1 + Math.floor(random() * 12)) : at;
          await edit({ range: { start: mirror.positionAt(at), end: mirror.positionAt(end) }, text: deleting ? '' : random() < 0.5 ? TYPED : "'gpt-4o'" });
        }
        await delay(PAUSES_MS[Math.floor(random() * PAUSES_MS.length)]);
      }
      await assertShowsFinalText();
    });
  });
}
