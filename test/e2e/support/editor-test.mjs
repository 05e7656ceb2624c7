// Each test runs in its own editor session (see session.mjs), so a failed check leaves nothing behind
// for the next one. The browser is shared by the tests of a file.
import { environment } from './environment.mjs';
import { EditorSession, launchBrowser } from './session.mjs';

/**
 * Registers the browser's lifetime with the enclosing `describe` and returns `inEditor(body, options)`,
 * which makes a mocha test body that gets a fresh session: `body(session, session.workbench)`; `options`
 * are the session's (see EditorSession.open). A failure keeps a screenshot and the logs, and says where;
 * with `--trace`, passed tests keep theirs too (in `passed/`, to compare with a failure).
 */
export function editorTests({ trusted = true, workspace } = {}) {
  let browser;
  after(async () => {
    await browser?.close();
  });
  return (body, options = {}) =>
    async function () {
      browser ??= await launchBrowser();
      const session = await EditorSession.open(browser, { trusted, workspace, ...options });
      try {
        await body(session, session.workbench);
        if (environment.trace()) await session.keepArtifacts(this.test.fullTitle(), 'passed');
      } catch (error) {
        const where = await session.keepArtifacts(this.test.fullTitle());
        error.message += `\n(screenshot and logs: ${where})`;
        throw error;
      } finally {
        await session.close();
      }
    };
}
