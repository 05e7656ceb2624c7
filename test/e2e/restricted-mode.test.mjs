// Restricted mode: with workspace trust on and the folder not trusted, aidlint still lints (it only reads
// aidlint.json as data and runs nothing from the workspace; package.json declares untrusted support).
import * as assert from 'node:assert/strict';
import { editorTests } from './support/editor-test.mjs';
import { until } from './support/until.mjs';

describe('e2e: restricted mode (untrusted workspace) in VS Code (code-server)', function () {
  const inEditor = editorTests({ trusted: false });

  it('still lints after the user declines to trust the folder', inEditor(async (session, workbench) => {
    await until('the workspace trust question', () => workbench.dialog().innerText(), (text) => text.includes('Do you trust the authors of the files in this folder?'));
    await workbench.pressDialogButton("No, I don't trust the authors");
    await until('the Restricted Mode indicator', () => workbench.statusBarLabel('status.workspaceTrust'), (label) => label?.startsWith('Restricted Mode'));

    await workbench.openFile('src/routes/replies.ts');
    const problems = await workbench.problems.until('the four problems of replies.ts', 'src/routes/replies.ts', (found) => found.length === 4);
    assert.deepEqual(problems.map((problem) => problem.code).sort(), ['hardcoded-model', 'vendor-call', 'vendor-client', 'vendor-import']);
    await until('the squiggles', () => workbench.editor.squiggles(), (found) => found.length === 4);
    await until('the status item to count 4 problems', () => workbench.statusBarLabel('status.languageStatus'), (label) => label?.includes('aidlint: 4 problems'));
  }));
});
