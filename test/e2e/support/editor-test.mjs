// Each test runs in its own editor session (see session.mjs), so a failed check leaves nothing behind
// for the next one. The browser is shared by the tests of a file.
import { EditorSession, launchBrowser } from './session.mjs';

/**
 * Registers the browser's lifetime with the enclosing `describe` and returns `inEditor(body)`, which
 * makes a mocha test body that gets a fresh session: `body(session, session.workbench)`. A failure
 * keeps a screenshot and the logs, and says where.
 */
export function editorTests({ trusted = true, workspace } = {}) {
  let browser;
  after(async () => {
    await browser?.close();
  });
  return (body) =>
    async function () {
      browser ??= await launchBrowser();
      const session = await EditorSession.open(browser, { trusted, workspace });
      try {
        await body(session, session.workbench);
      } catch (error) {
        const where = await session.keepArtifacts(this.test.fullTitle());
        error.message += `\n(screenshot and logs: ${where})`;
        throw error;
      } finally {
        await session.close();
      }
    };
}
