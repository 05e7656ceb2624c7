// The bundled example (examples/chat-app) in the real editor: a user who opens it sees what the CLI
// reports on it, as squiggles with rule links and, after "Scan Workspace", in the Problems panel.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './support/environment.mjs';
import { editorTests } from './support/editor-test.mjs';
import { statusBarCounts } from './support/problems.mjs';
import { until } from './support/until.mjs';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'chat-app');
const TICKETS = 'src/routes/tickets.ts';

/** `aidlint --format json` on the example, by file (relative path) → `[{ code, severity, line }]`. */
function cliFindings() {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'aidlint.js'), '--format', 'json', '.'], { cwd: EXAMPLE, encoding: 'utf8' });
  assert.equal(run.status, 1, `the CLI reports the example's error: ${run.stderr}`);
  const severityOf = (message) => (message.severity === 2 ? 'error' : message.level === 'info' ? 'info' : 'warning');
  return new Map(
    JSON.parse(run.stdout)
      .filter((result) => result.messages.length > 0)
      .map((result) => [
        path.relative(EXAMPLE, result.filePath).split(path.sep).join('/'),
        result.messages.map((message) => ({ code: message.ruleId, severity: severityOf(message), line: message.line })),
      ]),
  );
}

const byLine = (a, b) => a.line - b.line || a.code.localeCompare(b.code);

describe('e2e: the bundled example in VS Code (code-server)', function () {
  const inEditor = editorTests({ workspace: EXAMPLE });
  let expected;
  let all;
  before(() => {
    expected = cliFindings();
    all = [...expected.values()].flat();
  });

  it('"Scan Workspace" reports what the CLI reports on the example, without opening a file', inEditor(async (session, workbench) => {
    await workbench.runCommand('aidlint: Scan Workspace');
    await until('the scan result message', () => workbench.notifications(), (shown) => shown.some((text) => text.includes(`aidlint: workspace scan found ${all.length} problems.`)));
    assert.equal(await session.page.locator('.tabs-container .tab').count(), 0, 'no file was opened');
    // Errors and warnings as the status bar counts them (infos are not counted there).
    const counts = { errors: all.filter((finding) => finding.severity === 'error').length, warnings: all.filter((finding) => finding.severity === 'warning').length };
    await until('the status bar to count the scan', () => statusBarCounts(session.page), (shown) => shown.errors === counts.errors && shown.warnings === counts.warnings);
  }));

  it('an opened file of the example shows its findings as squiggles and Problems entries with rule links', inEditor(async (session, workbench) => {
    const findings = expected.get(TICKETS);
    assert.ok(findings?.length, `the CLI finds something in ${TICKETS}`);
    await workbench.openFile(TICKETS);
    const problems = await workbench.problems.until(`the problems of ${TICKETS}`, TICKETS, (found) => found.length === findings.length);
    assert.deepEqual(problems.map(({ code, severity, line }) => ({ code, severity, line })).sort(byLine), [...findings].sort(byLine));
    for (const problem of problems) assert.equal(problem.docsUrl, `https://github.com/aidlint/aidlint/blob/main/docs/rules/${problem.code}.md`);
    const squiggles = await until('a squiggle on every finding', () => workbench.editor.squiggles(), (shown) => findings.every((finding) => shown.some((squiggle) => squiggle.line === finding.line && squiggle.severity === finding.severity)));
    assert.ok(squiggles.length >= findings.length);
  }));
});
