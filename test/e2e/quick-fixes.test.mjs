// Fixes in the real workbench: the wrap quick fix from the lightbulb menu (which creates the seam), and
// `source.fixAll.aidlint` run by `editor.codeActionsOnSave` (set in the fixture's .vscode/settings.json).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editorTests } from './support/editor-test.mjs';
import { until } from './support/until.mjs';

const REPLIES = 'src/routes/replies.ts';
const TRANSLATE = 'src/routes/translate.ts';
const WRAP = 'Wrap behind the provider-neutral interface';
/** The seam files a wrap creates when the project has none (TypeScript, NodeNext: `.js` import suffixes). */
const SEAM_FILES = ['src/ai/config.ts', 'src/ai/index.ts', 'src/ai/openai-compat.ts', 'src/ai/providers/azure-openai.ts', 'src/ai/providers/openai-wire.ts', 'src/ai/providers/openai.ts', 'src/ai/providers/registry.ts', 'src/ai/routing.ts'];
const MINI_ENTRY = "gpt4oMini: env('AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini')";
const GPT4O_ENTRY = "gpt4o: env('AI_MODEL_GPT_4O', 'gpt-4o')";
/** The server answers a fix-all only once this file exists (a test hook), in the test that opens a file during a save. */
const FIX_ALL_GATE = path.join(os.tmpdir(), `aidlint-e2e-fix-all-gate-${process.pid}`);

describe('e2e: quick fixes in VS Code (code-server)', function () {
  const inEditor = editorTests();

  it('offers the wrap fix on a vendor-call; applying it rewrites the call, creates the seam in the Explorer, and the problem goes away', inEditor(async (session, workbench) => {
    await wrapRepliesCall(session, workbench, { screenshots: true });
  }));

  it('fixes a file on save with editor.codeActionsOnSave: source.fixAll.aidlint', inEditor(async (session, workbench) => {
    await fixTranslateOnSave(session, workbench);
    assert.equal(session.read('src/ai/index.ts')?.includes('export function chatModel'), true, 'the save created the seam');
  }));

  it('a second fix in the same session extends the seam the first one created (the new model goes into config.ts)', inEditor(async (session, workbench) => {
    await wrapRepliesCall(session, workbench, { screenshots: false });
    await fixTranslateOnSave(session, workbench);
    const config = session.read('src/ai/config.ts');
    assert.ok(config.includes(MINI_ENTRY) && config.includes(GPT4O_ENTRY), `config.ts has both models:\n${config}`);
  }));

  // VS Code drops a save's code actions when an extension registers a code action provider meanwhile. Here
  // Markdown's extension starts (a .md file is opened) while the server holds the save's fix-all back; the
  // extension then applies the fix-all it answered and saves (client/fix-on-save.ts).
  it('fixes on save even when the editor drops the fix-all answer because an extension activated during the save', inEditor(async (session, workbench) => {
    fs.rmSync(FIX_ALL_GATE, { force: true });
    try {
      await fixTranslateOnSave(session, workbench, async () => {
        fs.writeFileSync(path.join(session.workspace, 'NOTES.md'), '# Notes\n');
        await workbench.openFile('NOTES.md');
        // Markdown's extension has started once the breadcrumbs show the heading (its symbol provider, registered
        // with its code action providers): only now may the server answer.
        await until('the Markdown heading in the breadcrumbs', () => session.page.locator('.breadcrumbs-control').innerText(), (text) => text.includes('Notes'));
        fs.writeFileSync(FIX_ALL_GATE, '');
      });
    } finally {
      fs.rmSync(FIX_ALL_GATE, { force: true });
    }
    await until('the log to say the fix-all was applied after the save', () => session.aidlintLog(), (log) => /Fix on save: the editor asked for the fix-all of src\/routes\/translate\.ts \(version \d+\), then /.test(log));
  }, { serverEnv: { AIDLINT_TEST_FIX_ALL_GATE: FIX_ALL_GATE } }));
});

async function wrapRepliesCall(session, workbench, { screenshots }) {
  await workbench.openFile(REPLIES);
  await workbench.problems.until('the vendor-call problem', REPLIES, (found) => found.some((problem) => problem.code === 'vendor-call'));
  assert.equal(await workbench.editor.lightBulbAt('completions'), 'preferred', 'the lightbulb announces a preferred quick fix');
  const offered = await workbench.editor.openQuickFixMenu();
  for (const title of [WRAP, 'Disable vendor-call for this line', 'Disable vendor-call for the entire file', 'Show documentation for vendor-call']) {
    assert.ok(offered.includes(title), `the quick-fix menu offers "${title}": ${offered.join(' | ')}`);
  }
  // The server never answered a code action request with nothing while its diagnostics covered the cursor.
  assert.deepEqual(session.aidlintLog().split('\n').filter((line) => line.includes('No code actions for')), []);
  if (screenshots) await session.screenshot('wrap-1-quick-fix-menu.png');

  await workbench.editor.chooseQuickFix(WRAP);
  const text = await until('the wrapped call in the editor', () => workbench.editor.text(), (shown) => shown.includes("chatModel('gpt4oMini').complete("));
  assert.ok(!text.includes('client.chat.completions.create'), `the vendor call is gone:\n${text}`);
  assert.match(text, /^import \{ chatModel \} from '\.\.\/ai\/index\.js';/);

  await workbench.explorer.expand('src/ai/providers');
  const explorer = await until('the seam files in the Explorer', () => workbench.explorer.paths(), (paths) => SEAM_FILES.every((file) => paths.includes(file)));
  assert.ok(explorer.includes('src/ai/providers'), 'the providers folder is listed');
  await until('the model in the seam configuration', () => session.read('src/ai/config.ts'), (config) => config?.includes(MINI_ENTRY));

  const remaining = await workbench.problems.until('the vendor-call problem to go away', REPLIES, (found) => !found.some((problem) => problem.code === 'vendor-call'));
  assert.deepEqual(remaining, [], 'the wrap also removed the now unused import and client');
  if (!screenshots) return;
  await workbench.restMouse();
  await session.screenshot('wrap-2-after.png');
  await workbench.openFile('src/ai/config.ts');
  await session.screenshot('wrap-3-config.png');
}

/** Types a line into translate.ts and saves once (then runs `duringSave`, if given): the save must apply fix-all. */
async function fixTranslateOnSave(session, workbench, duringSave) {
  await workbench.openFile(TRANSLATE);
  await workbench.problems.until('the problems of translate.ts', TRANSLATE, (found) => found.length === 4);
  await workbench.editor.goToLine(4);
  const typed = '// Answers in the customer’s language.';
  await session.page.keyboard.type(typed);
  // The save must see the whole line: wait until the editor shows it.
  await until('the typed line in the editor', () => workbench.editor.text(), (text) => text.includes(typed));
  await session.page.keyboard.press('Control+S');
  await duringSave?.();

  const saved = await until('the fixed translate.ts on disk', () => session.read(TRANSLATE), (text) => text?.includes("chatModel('gpt4o').complete("));
  assert.ok(!saved.includes("from 'openai'") && !saved.includes('new OpenAI('), `no vendor code is left:\n${saved}`);
  assert.ok(saved.includes(typed), 'the typed line was saved too');
  await until('the model in the seam configuration', () => session.read('src/ai/config.ts'), (config) => config?.includes(GPT4O_ENTRY));
  if (duringSave) await workbench.openFile(TRANSLATE);
  await until('the editor to show the saved text', () => workbench.editor.text(), (shown) => shown.trim() === saved.trim());
  await workbench.problems.until('no problems in translate.ts', TRANSLATE, (found) => found.length === 0);
}
