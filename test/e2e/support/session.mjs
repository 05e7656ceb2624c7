// An editor session for one test: a fresh copy of the fixture workspace, a fresh code-server with the
// packaged extension installed, and a fresh browser context (no state from earlier tests: editors,
// trust decisions and storage all start empty). A failed test leaves a screenshot and the logs behind.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServer } from './code-server.mjs';
import { FIXTURE_WORKSPACE, REPO_ROOT, environment } from './environment.mjs';
import { Workbench } from './workbench.mjs';

const { DOCS_BASE_URL } = createRequire(import.meta.url)(path.join(REPO_ROOT, 'out', 'rules', 'engine', 'rule.js'));

const VIEWPORT = { width: 1280, height: 800 };
const WORKBENCH_TIMEOUT_MS = 60_000;

/** A user who installed the extension into an otherwise default editor, minus what makes tests noisy. */
function userSettings({ trustEnabled }) {
  return {
    'security.workspace.trust.enabled': trustEnabled,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'chat.commandCenter.enabled': false,
    // The fixture has no node_modules: TypeScript would flag every `openai` import and crowd the Problems panel.
    'typescript.validate.enable': false,
    'javascript.validate.enable': false,
    // Typed text stays exactly what was typed (no suggestion accepted by a commit character).
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.minimap.enabled': false,
    ...(environment.trace() ? { 'aidlint.trace.server': 'verbose' } : {}),
  };
}

export async function launchBrowser() {
  const { chromium } = environment.playwright();
  return chromium.launch({
    executablePath: environment.chromium(),
    // This machine reaches no network beyond package registries: no background fetches, no sandbox as root.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export class EditorSession {
  /**
   * @param {import('playwright-core').Browser} browser
   * @param {{ trusted?: boolean, workspace?: string, serverEnv?: Record<string, string> }} options `trusted:
   * false` turns workspace trust on and leaves the folder untrusted (the test answers the trust prompt);
   * `workspace` is the folder copied and opened (the e2e fixture by default); `serverEnv` reaches the
   * language server (its test hooks, e.g. `AIDLINT_TEST_FIX_ALL_GATE`).
   */
  static async open(browser, { trusted = true, workspace: source = FIXTURE_WORKSPACE, serverEnv } = {}) {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-e2e-')));
    const workspace = path.join(dir, 'workspace');
    fs.cpSync(source, workspace, { recursive: true, filter: (file) => path.basename(file) !== 'node_modules' });
    const settingsFile = path.join(dir, 'user-data', 'User', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify(userSettings({ trustEnabled: !trusted }), null, 2));

    const session = new EditorSession(dir, workspace);
    try {
      session.server = await CodeServer.start({ workspace, stateDir: dir, env: serverEnv });
      session.context = await browser.newContext({ viewport: VIEWPORT });
      session.page = await session.context.newPage();
      // The workbench's own errors (a rejected edit, a failed save participant) only reach its console.
      session.page.on('console', (message) => session.consoleLines.push(`[${message.type()}] ${message.text()}`));
      session.workbench = new Workbench(session.page);
      await session.page.goto(`${session.server.url}/?folder=${encodeURIComponent(workspace)}`);
      await session.page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
      if (trusted) await session.workbench.explorer.waitUntilShown(WORKBENCH_TIMEOUT_MS);
    } catch (error) {
      await session.keepArtifacts('session-start');
      await session.close();
      throw error;
    }
    return session;
  }

  constructor(dir, workspace) {
    this.dir = dir;
    /** The workspace folder open in the editor (a temporary copy of test/fixtures/e2e-workspace or the given folder). */
    this.workspace = workspace;
    this.server = undefined;
    this.context = undefined;
    this.page = undefined;
    this.workbench = undefined;
    /** The browser console of the workbench, kept with the artifacts of a failed test. */
    this.consoleLines = [];
  }

  /** A workspace file's text on disk (undefined while it does not exist). */
  read(relativePath) {
    const file = path.join(this.workspace, ...relativePath.split('/'));
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  }

  /**
   * The rule links point at the repository's docs on GitHub, which this machine cannot reach: serve them
   * from docs/rules/ here, so following a link shows whether the page it names exists.
   */
  async serveRuleDocs() {
    await this.context.route(`${DOCS_BASE_URL}*`, (route) => {
      const page = path.join(REPO_ROOT, 'docs', 'rules', path.basename(new URL(route.request().url()).pathname));
      if (fs.existsSync(page)) return route.fulfill({ status: 200, contentType: 'text/plain; charset=utf-8', body: fs.readFileSync(page, 'utf8') });
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'no such rule page' });
    });
  }

  /** A picture of the editor for the README (and for looking at what the test saw). */
  async screenshot(name, clip) {
    const target = path.join(environment.screenshotsDir(), name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await this.page.screenshot({ path: target, clip });
    return target;
  }

  /**
   * The aidlint log (the extension's output channel: server log lines, the LSP trace with `--trace`), or
   * '' before the extension wrote any.
   */
  aidlintLog() {
    return findFiles(path.join(this.dir, 'user-data', 'logs'), (name) => name === 'aidlint.log')
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
  }

  /**
   * Saves what a failed test leaves (into `failures/`, or `folder`): a screenshot, the browser console, the
   * aidlint server log, code-server's and the extension host's logs; with `--trace`, every log of the session.
   */
  async keepArtifacts(testTitle, folder = 'failures') {
    const target = path.join(environment.outputDir(), folder, testTitle.replace(/[^\w.-]+/g, '-').slice(0, 120));
    fs.mkdirSync(target, { recursive: true });
    await this.page?.screenshot({ path: path.join(target, 'screenshot.png') }).catch((error) => {
      fs.writeFileSync(path.join(target, 'screenshot-failed.txt'), String(error));
    });
    if (this.server) fs.writeFileSync(path.join(target, 'code-server.log'), this.server.log());
    fs.writeFileSync(path.join(target, 'browser-console.log'), this.consoleLines.join('\n'));
    if (environment.trace()) fs.cpSync(path.join(this.dir, 'user-data', 'logs'), path.join(target, 'all-logs'), { recursive: true });
    for (const log of findFiles(path.join(this.dir, 'user-data', 'logs'), (name) => name === 'aidlint.log' || name === 'remoteexthost.log')) {
      // logs/<session>/exthost<N>/aidlint.aidlint/aidlint.log → exthost<N>-aidlint.log
      const host = path.relative(path.join(this.dir, 'user-data', 'logs'), log).split(path.sep)[1];
      fs.copyFileSync(log, path.join(target, `${host}-${path.basename(log)}`));
    }
    return target;
  }

  async close() {
    await this.context?.close().catch(() => undefined);
    await this.server?.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function findFiles(dir, accept) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && accept(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
}
