// Diagnostics in the real workbench: the extension activates and reports its state, problems show as
// squiggles, hovers and Problems-panel entries with rule links, and they follow typing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { REPO_ROOT } from './support/environment.mjs';
import { editorTests } from './support/editor-test.mjs';
import { statusBarCounts } from './support/problems.mjs';
import { until } from './support/until.mjs';

const REPLIES = 'src/routes/replies.ts';
/** What aidlint finds in src/routes/replies.ts (the fixture's aidlint.json makes hardcoded-model an error). */
const REPLIES_PROBLEMS = [
  { code: 'vendor-import', severity: 'warning', line: 1 },
  { code: 'vendor-client', severity: 'warning', line: 3 },
  { code: 'vendor-call', severity: 'warning', line: 6 },
  { code: 'hardcoded-model', severity: 'error', line: 7 },
];
const byLine = (a, b) => a.line - b.line || a.code.localeCompare(b.code);
const summary = (problems) => problems.map(({ code, severity, line }) => ({ code, severity, line })).sort(byLine);

describe('e2e: diagnostics in VS Code (code-server)', function () {
  const inEditor = editorTests();

  it('activates; its language status item shows the server state and problem count, and opens the log', inEditor(async (session, workbench) => {
    await workbench.openFile(REPLIES);
    await until('the status item to count 4 problems', () => workbench.statusBarLabel('status.languageStatus'), (label) => label?.includes('aidlint: 4 problems'));
    const entries = await workbench.openLanguageStatus();
    const aidlint = entries.find((entry) => entry.text.startsWith('aidlint'));
    assert.ok(aidlint, `no aidlint entry in the language status: ${JSON.stringify(entries)}`);
    assert.match(aidlint.text, /^aidlint: 4 problems\s*problems, last validated /);
    assert.deepEqual(aidlint.actions, ['Show Output']);

    await session.page.locator('.hover-language-status .monaco-link').filter({ hasText: 'Show Output' }).click();
    await until('the aidlint log in the Output panel', () => workbench.outputText(), (text) => text.includes('[info] aidlint server started.'));
  }));

  it('shows squiggles and Problems entries with rule ids, a hover with the message, and working documentation links', inEditor(async (session, workbench) => {
    await workbench.openFile(REPLIES);
    const problems = await workbench.problems.until('the four problems of replies.ts', REPLIES, (found) => found.length === REPLIES_PROBLEMS.length);
    assert.deepEqual(summary(problems), REPLIES_PROBLEMS);
    assert.deepEqual(await statusBarCounts(session.page), { errors: 1, warnings: 3 });
    const squiggles = await until('squiggles on every problem line', () => workbench.editor.squiggles(), (found) => found.length >= REPLIES_PROBLEMS.length);
    assert.deepEqual(squiggles.sort((a, b) => a.line - b.line), REPLIES_PROBLEMS.map(({ line, severity }) => ({ line, severity })));

    // The hover is complete once the editor has asked for quick fixes (the README picture shows it so).
    const hover = await workbench.editor.hover("'gpt-4o-mini'", /hard-coded[\s\S]*Quick Fix/);
    assert.match(hover, /^Model 'gpt-4o-mini' is hard-coded \(`model`\) for OpenAI; move it to the seam's configuration\.\s*aidlint\(?hardcoded-model\)?/);
    await session.screenshot('editor-hover.png');

    for (const problem of problems) assert.equal(problem.docsUrl, `https://github.com/aidlint/aidlint/blob/main/docs/rules/${problem.code}.md`);
    await session.serveRuleDocs();
    const popup = session.context.waitForEvent('page');
    popup.catch(() => undefined); // awaited below; a failure before that must not go unhandled
    await workbench.problems.codeLink('vendor-call').click();
    // VS Code asks before opening an external site; a user answers "Open".
    await until('the external-link question', () => workbench.dialog().innerText(), (text) => text.includes('vendor-call.md'));
    await workbench.pressDialogButton('Open');
    const docs = await popup;
    await docs.waitForLoadState();
    assert.equal(docs.url(), 'https://github.com/aidlint/aidlint/blob/main/docs/rules/vendor-call.md');
    const expected = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', 'vendor-call.md'), 'utf8').split('\n')[0];
    assert.ok((await docs.locator('body').innerText()).startsWith(expected), 'the link opens the vendor-call rule page');
    await docs.close();
  }));

  it('reports a model name as it is typed, and drops the problem when the text is deleted', inEditor(typeAndDeleteAModel));

  // Each lint holds the server for 400 ms (a test hook), so keystrokes pile up behind it as on a loaded machine.
  it('ends on the problems of the last keystroke when the server lints slowly', inEditor(typeAndDeleteAModel, { serverEnv: { AIDLINT_TEST_LINT_DELAY_MS: '400' } }));
});

async function typeAndDeleteAModel(session, workbench) {
  await workbench.openFile(REPLIES);
  await workbench.problems.until('the four problems of replies.ts', REPLIES, (found) => found.length === REPLIES_PROBLEMS.length);

  await workbench.editor.goToLine(4);
  const line = "const draft = client.chat.completions.create({ model: 'gpt-4.1-nano', messages: [] });";
  await session.page.keyboard.type(line);
  await until('the typed line in the editor', () => workbench.editor.lines(), (lines) => lines[3]?.text === line);
  const expected = [...REPLIES_PROBLEMS, { code: 'vendor-call', severity: 'warning', line: 4 }, { code: 'hardcoded-model', severity: 'error', line: 4 }].sort(byLine);
  // Typing passes through half-typed states: wait for the problems of the whole line.
  const typed = await workbench.problems.until('the problems of the typed line', REPLIES, (found) => isDeepStrictEqual(summary(found), expected) && found.some((problem) => problem.message.includes("'gpt-4.1-nano'")));
  assert.ok(typed.some((problem) => problem.message.includes("'gpt-4.1-nano'")), 'the new problem names the typed model');

  await session.page.keyboard.press('Home');
  await session.page.keyboard.press('Shift+End');
  await session.page.keyboard.press('Backspace');
  await until('line 4 to be empty again', () => workbench.editor.lines(), (lines) => lines[3]?.text === '');
  const after = await workbench.problems.until('the typed problems to go away', REPLIES, (found) => found.length === REPLIES_PROBLEMS.length);
  assert.deepEqual(summary(after), REPLIES_PROBLEMS);
}
