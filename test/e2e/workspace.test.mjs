// Workspace-wide behaviour in the real workbench: "Scan Workspace" reports files that were never
// opened, and a broken aidlint.json is reported on its offending line while linting goes on.
import * as assert from 'node:assert/strict';
import { editorTests } from './support/editor-test.mjs';
import { statusBarCounts } from './support/problems.mjs';
import { until } from './support/until.mjs';

const NEVER_OPENED = 'src/jobs/nightly-digest.ts';
/** Every file of the fixture with its aidlint problem count (`aidlint test/fixtures/e2e-workspace` agrees). */
const SCAN_FILES = [
  { file: 'src/jobs/nightly-digest.ts', count: 4 },
  { file: 'src/lib/openai.ts', count: 2 },
  { file: 'src/routes/replies.ts', count: 4 },
  { file: 'src/routes/tickets.ts', count: 2 },
  { file: 'src/routes/translate.ts', count: 4 },
];

describe('e2e: workspace scan and configuration in VS Code (code-server)', function () {
  const inEditor = editorTests();

  it('"Scan Workspace" fills the Problems panel with the findings of files that were never opened', inEditor(async (session, workbench) => {
    await workbench.runCommand('aidlint: Scan Workspace');
    await until('the scan result message', () => workbench.notifications(), (shown) => shown.some((text) => text.includes('aidlint: workspace scan found 16 problems.')));
    assert.equal(await session.page.locator('.tabs-container .tab').count(), 0, 'no file was opened');

    await workbench.problems.maximize(workbench);
    const { files } = await until('every scanned file in the Problems panel', () => workbench.problems.rows(), (rows) => rows.files.length === SCAN_FILES.length);
    assert.deepEqual([...files].sort((a, b) => a.file.localeCompare(b.file)), SCAN_FILES);
    const digest = await workbench.problems.of(NEVER_OPENED);
    assert.deepEqual(digest.map((problem) => problem.code).sort(), ['hardcoded-model', 'vendor-call', 'vendor-client', 'vendor-import']);
    assert.ok(digest.some((problem) => problem.message === "Model 'text-embedding-3-small' is hard-coded (`model`) for OpenAI; move it to the seam's configuration"));
    assert.deepEqual(await statusBarCounts(session.page), { errors: 4, warnings: 12 });
    await session.screenshot('workspace-scan.png');
  }));

  it('shows a broken aidlint.json as an error on the offending line, and keeps linting with the last good configuration', inEditor(async (session, workbench) => {
    await workbench.openFile('src/routes/replies.ts');
    await workbench.problems.until('the error-level hardcoded-model from aidlint.json', 'src/routes/replies.ts', (found) => found.some((problem) => problem.code === 'hardcoded-model' && problem.severity === 'error'));

    await workbench.openFile('aidlint.json');
    await workbench.editor.goToLine(5); //     "hardcoded-model": "error"
    await session.page.keyboard.press('End');
    for (const _ of '"error"') await session.page.keyboard.press('Backspace');
    await session.page.keyboard.type('"loud"');
    // The editor shows typed text a moment later (CI once read `""` here): wait for it, then check it.
    const typedConfig = await until('the typed value in aidlint.json', () => workbench.editor.text(), (text) => /"hardcoded-model": "loud"\n/.test(text));
    assert.match(typedConfig, /"hardcoded-model": "loud"\n/);
    // Typing passes through states such as `"l"`, each invalid: wait for the problem of the final text.
    const [problem] = await workbench.problems.until('the configuration problem', 'aidlint.json', (found) => found.length === 1 && found[0].message.includes('got "loud"'));
    assert.deepEqual({ severity: problem.severity, line: problem.line, code: problem.code }, { severity: 'error', line: 5, code: 'config-problem' });
    assert.match(problem.message, /^Invalid value for "rules\.hardcoded-model": got "loud"/);
    await until('an error squiggle on line 5', () => workbench.editor.squiggles(), (found) => found.some((squiggle) => squiggle.line === 5 && squiggle.severity === 'error'));

    // Linting goes on with the last good configuration: a model typed now is still an error.
    await workbench.openFile('src/routes/replies.ts');
    await workbench.editor.goToLine(4);
    await session.page.keyboard.type("const draft = client.chat.completions.create({ model: 'gpt-4.1-nano', messages: [] });");
    const typed = await workbench.problems.until('a problem for the typed model', 'src/routes/replies.ts', (found) => found.some((entry) => entry.message.includes("'gpt-4.1-nano'")));
    assert.equal(typed.find((entry) => entry.message.includes("'gpt-4.1-nano'")).severity, 'error');
  }));
});
