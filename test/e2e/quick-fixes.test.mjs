// Fixes in the real workbench: the wrap quick fix from the lightbulb menu (which creates the seam), and
// `source.fixAll.aidlint` run by `editor.codeActionsOnSave` (set in the fixture's .vscode/settings.json).
import * as assert from 'node:assert/strict';
import { editorTests } from './support/editor-test.mjs';
import { until } from './support/until.mjs';

const REPLIES = 'src/routes/replies.ts';
const TRANSLATE = 'src/routes/translate.ts';
const WRAP = 'Wrap behind the provider-neutral interface';
/** The seam files a wrap creates when the project has none (TypeScript, NodeNext: `.js` import suffixes). */
const SEAM_FILES = ['src/ai/config.ts', 'src/ai/index.ts', 'src/ai/openai-compat.ts', 'src/ai/providers/azure-openai.ts', 'src/ai/providers/openai-wire.ts', 'src/ai/providers/openai.ts'];
const MINI_ENTRY = "gpt4oMini: env('AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini')";
const GPT4O_ENTRY = "gpt4o: env('AI_MODEL_GPT_4O', 'gpt-4o')";
/** A save's fix-all lands within a second or two; a first save that missed it is retried after this. */
const FIRST_SAVE_MS = 10_000;

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
});

async function wrapRepliesCall(session, workbench, { screenshots }) {
  await workbench.openFile(REPLIES);
  await workbench.problems.until('the vendor-call problem', REPLIES, (found) => found.some((problem) => problem.code === 'vendor-call'));
  await workbench.editor.token('completions').click();
  assert.equal(await workbench.editor.lightBulb(), 'preferred', 'the lightbulb announces a preferred quick fix');
  const offered = await workbench.editor.openQuickFixMenu();
  for (const title of [WRAP, 'Disable vendor-call for this line', 'Disable vendor-call for the entire file', 'Show documentation for vendor-call']) {
    assert.ok(offered.includes(title), `the quick-fix menu offers "${title}": ${offered.join(' | ')}`);
  }
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

async function fixTranslateOnSave(session, workbench) {
  await workbench.openFile(TRANSLATE);
  await workbench.problems.until('the problems of translate.ts', TRANSLATE, (found) => found.length === 4);
  await workbench.editor.goToLine(4);
  await session.page.keyboard.type('// Answers in the customer’s language.');
  await session.page.keyboard.press('Control+S');

  const isFixed = (text) => text?.includes("chatModel('gpt4o').complete(");
  let saved = await until('the fixed translate.ts on disk', () => session.read(TRANSLATE), isFixed, FIRST_SAVE_MS).catch(() => undefined);
  if (!saved) {
    // Known intermittent issue (about one run in six, only after an earlier fix in the same session): the
    // first save writes the file without the fix-all edit. Said out loud, with the logs kept, then checked
    // with a second save.
    // Whether the editor holds the fixed text tells a late edit (applied after the save wrote the file)
    // from a rejected one; the server's log says which version it answered for.
    const inEditor = isFixed(await workbench.editor.text()) ? 'the editor shows the fix (applied after the file was written)' : 'the editor does not show the fix either';
    const where = await session.keepArtifacts('first save missed source.fixAll.aidlint');
    console.log(`      e2e warning: the first save did not apply source.fixAll.aidlint; ${inEditor}; saving again (logs: ${where})`);
    await session.page.keyboard.press('Control+S');
    saved = await until('the fixed translate.ts on disk after a second save', () => session.read(TRANSLATE), isFixed);
  }
  assert.ok(!saved.includes("from 'openai'") && !saved.includes('new OpenAI('), `no vendor code is left:\n${saved}`);
  assert.ok(saved.includes('// Answers in the customer’s language.'), 'the typed line was saved too');
  await until('the model in the seam configuration', () => session.read('src/ai/config.ts'), (config) => config?.includes(GPT4O_ENTRY));
  await until('the editor to show the saved text', () => workbench.editor.text(), (shown) => shown.trim() === saved.trim());
  await workbench.problems.until('no problems in translate.ts', TRANSLATE, (found) => found.length === 0);
}
