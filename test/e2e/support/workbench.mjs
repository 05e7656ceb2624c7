// The VS Code workbench in the browser, driven as a user drives it: Quick Open, the command palette,
// the Explorer, the status bar, notifications and dialogs. Each action waits for its visible outcome.
import * as path from 'node:path';
import { Editor } from './editor.mjs';
import { Problems } from './problems.mjs';
import { UI_TIMEOUT_MS, until } from './until.mjs';

/** How long a clicked folder may stay collapsed before the click is taken as dropped. */
const RECLICK_AFTER_MS = 3_000;

/** How long one look at Quick Open waits for its list before closing and asking again. */
const QUICK_INPUT_ATTEMPT_MS = 3_000;

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
    this.editor = new Editor(page);
    this.problems = new Problems(page);
    this.explorer = new Explorer(page);
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits until its text is shown. */
  async openFile(relativePath) {
    const base = path.posix.basename(relativePath);
    const folder = path.posix.dirname(relativePath);
    await this.quickInput('Control+P', relativePath, (label) => (folder === '.' ? label === base || label.startsWith(`${base},`) : label.startsWith(`${base} ${folder}`)));
    await until(`${relativePath} in the active editor`, () => this.page.locator('.tabs-container .tab.active').getAttribute('aria-label'), (label) => label?.startsWith(base));
    await until(`the text of ${relativePath}`, () => this.editor.text(), (text) => text.trim().length > 0);
  }

  /** Runs a command from the command palette by its title, e.g. "aidlint: Scan Workspace". */
  async runCommand(title) {
    await this.quickInput('Control+Shift+P', `>${title}`, (label) => label === title || label.startsWith(`${title},`));
  }

  /**
   * Opens Quick Open or the command palette, enters `text` and picks the entry whose accessible label
   * `matches`. The text is filled in rather than typed: keys typed while the widget is still taking
   * focus would be lost. Early in a session the list can lack what is asked for (an extension's commands
   * are listed once its host has started); like a user, close it and ask again.
   */
  async quickInput(shortcut, text, matches) {
    const input = this.page.locator('.quick-input-widget input');
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    const deadline = Date.now() + UI_TIMEOUT_MS;
    const listed = () => rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
    for (;;) {
      await this.page.keyboard.press(shortcut);
      await input.waitFor();
      await input.fill(text);
      try {
        await until(`"${text}" in the quick input list`, listed, (found) => found.some(matches), QUICK_INPUT_ATTEMPT_MS);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await this.page.keyboard.press('Escape');
      await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    }
    // By label, not position: the list may still be re-rendering as more results come in (an entry can
    // change its label meanwhile, e.g. gaining ", recently opened"), so look again until the click lands.
    const clickMatching = async () => {
      const label = (await listed()).find(matches);
      if (!label) return false;
      await rows.and(this.page.locator(`[aria-label=${JSON.stringify(label)}]`)).first().click({ timeout: QUICK_INPUT_ATTEMPT_MS });
      return true;
    };
    await until(`a click on the "${text}" entry`, clickMatching);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // Left where the list was, the mouse would raise tooltips on whatever appears under it.
    await this.restMouse();
  }

  /** The text of a status bar item's accessible label (`id` as in `#status.problems`). */
  statusBarLabel(id) {
    return this.page.locator(`#${id.replace(/\./g, '\\.')}`).getAttribute('aria-label');
  }

  /**
   * Opens the language status hover (the `{}` next to the language mode) and returns its entries as
   * `{ text, actions }` (the left text, and the titles of its links).
   */
  async openLanguageStatus() {
    await this.page.locator('#status\\.languageStatus').click();
    const entries = this.page.locator('.hover-language-status');
    return until(
      'the language status hover',
      () =>
        entries.evaluateAll((elements) =>
          elements.map((element) => ({
            text: element.querySelector('.left')?.textContent ?? '',
            actions: [...element.querySelectorAll('.right .monaco-link')].map((link) => link.textContent),
          })),
        ),
      (found) => found.length > 0,
    );
  }

  /** Moves the mouse to an empty spot (below the Explorer's entries), so no tooltip covers a screenshot. */
  async restMouse() {
    await this.page.mouse.move(150, 700);
  }

  /** The text shown in the Output panel (Monaco renders spaces as no-break spaces). */
  async outputText() {
    return (await this.page.locator('.part.panel .output-view').innerText()).replace(/\u00a0/g, ' ');
  }

  /** Texts of the notification toasts on screen. */
  notifications() {
    return this.page.locator('.notification-toast').evaluateAll((toasts) => toasts.map((toast) => toast.innerText));
  }

  /** The modal dialog on screen (the trust prompt, the "open external website" question). */
  dialog() {
    return this.page.locator('.monaco-dialog-box');
  }

  async pressDialogButton(label) {
    await this.dialog().locator('.monaco-button').filter({ hasText: new RegExp(`^${label}$`) }).click();
    await this.dialog().waitFor({ state: 'hidden' });
  }
}

export class Explorer {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
    this.rows = page.locator('.explorer-folders-view .monaco-list-row');
  }

  async waitUntilShown(timeout) {
    await this.rows.first().waitFor({ timeout });
  }

  /** The rendered entries: `{ path, index, expanded }`, paths relative to the workspace (`src/ai/index.ts`). */
  async entries() {
    const rows = await this.rows.evaluateAll((elements) =>
      elements.map((element) => ({
        index: Number(element.dataset.index),
        level: Number(element.getAttribute('aria-level')),
        name: element.getAttribute('aria-label'),
        expanded: element.getAttribute('aria-expanded'),
      })),
    );
    const stack = [];
    return rows
      .sort((a, b) => a.index - b.index)
      .map(({ index, level, name, expanded }) => {
        stack.length = level - 1;
        stack.push(name);
        return { path: stack.join('/'), index, expanded: expanded === null ? undefined : expanded === 'true' };
      });
  }

  async paths() {
    return (await this.entries()).map((entry) => entry.path);
  }

  /**
   * Expands the folders along `relativePath`, clicking each one that is collapsed. A busy workbench can drop
   * a click (the tree re-renders as files appear): a folder still collapsed a while after the click is
   * clicked again; one that is expanded never is.
   */
  async expand(relativePath) {
    const segments = relativePath.split('/');
    for (let depth = 1; depth <= segments.length; depth++) {
      const folder = segments.slice(0, depth).join('/');
      let nextClick = 0;
      const clickWhileCollapsed = async () => {
        const entry = (await this.entries()).find((candidate) => candidate.path === folder);
        if (entry?.expanded === false && Date.now() >= nextClick) {
          nextClick = Date.now() + RECLICK_AFTER_MS;
          await this.rows.and(this.page.locator(`[data-index="${entry.index}"]`)).click();
        }
        return entry;
      };
      await until(`${folder} expanded`, clickWhileCollapsed, (found) => found?.expanded === true);
    }
  }
}
