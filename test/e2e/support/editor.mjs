// The active text editor as a user sees it: its lines, the squiggles on them, hovers, the cursor and
// the quick-fix menu. Read from the rendered DOM (visible lines only; the fixture files fit on screen).
import { UI_TIMEOUT_MS, until } from './until.mjs';

/** Monaco marks a diagnostic's range with one of these decorations. */
const SQUIGGLES = { 'squiggly-error': 'error', 'squiggly-warning': 'warning', 'squiggly-info': 'info' };
/** How often the quick-fix menu or the lightbulb is asked for when the editor drops the answers (see openQuickFixMenu). */
const QUICK_FIX_ATTEMPTS = 5;
/** How long an answer that normally shows within a second is waited for before asking again. */
const ATTEMPT_MS = 5_000;

export class Editor {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
    this.root = page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /**
   * The visible lines as `{ line, text, squiggles }`, in order. Lines, line numbers and decorations are
   * separate layers positioned by the same `top`, which ties them together (their DOM order is not the
   * line order once the text was edited).
   */
  async lines() {
    return this.root.evaluate((editor, squiggleClasses) => {
      const byTop = (selector) => [...editor.querySelectorAll(selector)].map((element) => [element.style.top || element.parentElement.style.top, element]);
      const numbers = new Map(byTop('.margin-view-overlays .line-numbers').map(([top, element]) => [top, Number(element.textContent)]));
      const squiggles = new Map();
      for (const [top, element] of byTop('.view-overlays .cdr')) {
        const kind = Object.keys(squiggleClasses).find((name) => element.classList.contains(name));
        if (kind) squiggles.set(top, [...(squiggles.get(top) ?? []), squiggleClasses[kind]]);
      }
      return byTop('.view-lines > .view-line')
        .map(([top, element]) => ({ line: numbers.get(top), text: element.textContent.replace(/\u00a0/g, ' '), squiggles: squiggles.get(top) ?? [] }))
        .filter((entry) => entry.line !== undefined)
        .sort((a, b) => a.line - b.line);
    }, SQUIGGLES);
  }

  async text() {
    return (await this.lines()).map((entry) => entry.text).join('\n');
  }

  /** Squiggles by line: `[{ line, severity }]`. */
  async squiggles() {
    return (await this.lines()).flatMap((entry) => entry.squiggles.map((severity) => ({ line: entry.line, severity })));
  }

  /** A rendered token of the text (its last occurrence), to hover or click. */
  token(text) {
    return this.root.locator('.view-line span span').filter({ hasText: text }).last();
  }

  /**
   * Hovers `text` and returns the hover's text once it matches `expected`, hovering again if none opened,
   * or if one stays short of it: VS Code drops the hover's quick-fix request when an extension registers a
   * code action provider meanwhile (see openQuickFixMenu) and then shows "Checking for quick fixes..." for good.
   */
  async hover(text, expected) {
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
    let shownSince = 0;
    const probe = async () => {
      if ((await hover.isVisible()) && Date.now() - shownSince > ATTEMPT_MS) {
        await this.page.mouse.move(0, 0);
        await hover.waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
      }
      if (!(await hover.isVisible())) {
        // A hover opens when the mouse moves onto the token: leave it first in case the mouse is there already.
        await this.page.mouse.move(0, 0);
        await this.token(text).hover();
        await hover.waitFor({ timeout: 3_000 }).catch(() => undefined);
        shownSince = Date.now();
      }
      return hover.innerText({ timeout: 1_000 });
    };
    return until(`a hover on ${text} matching ${expected}`, probe, (shown) => expected.test(shown));
  }

  async goToLine(line) {
    await this.page.keyboard.press('Control+G');
    await this.page.locator('.quick-input-widget input').waitFor();
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await until(`the cursor on line ${line}`, () => this.page.locator('#status\\.editor\\.selection').innerText(), (status) => status.startsWith(`Ln ${line},`));
  }

  /**
   * Puts the cursor on the token `text` and waits for the lightbulb the editor shows once it knows the code
   * actions there (as a user waits for it before pressing Ctrl+.); `preferred` when one of them is a
   * preferred quick fix. When VS Code dropped the answers (see openQuickFixMenu) no lightbulb comes: like
   * a user, move the cursor away and back.
   */
  async lightBulbAt(text) {
    const bulb = this.root.locator('.lightBulbWidget');
    const lit = (found) => /\bcodicon-light/.test(found ?? '');
    for (let attempt = 1; ; attempt++) {
      await this.token(text).click();
      try {
        const classes = await until('the lightbulb at the cursor', () => bulb.getAttribute('class'), lit, attempt === QUICK_FIX_ATTEMPTS ? UI_TIMEOUT_MS : ATTEMPT_MS);
        if (classes.includes('autofix')) return 'preferred';
        // A plain bulb can be the editor's doing: it drops our answer when another extension registers a code
        // action provider meanwhile (see openQuickFixMenu) and shows the other providers' actions; a user moves
        // the cursor away and back, and so does this. The last attempt reports what it sees.
        if (attempt === QUICK_FIX_ATTEMPTS) return 'plain';
        console.log(`      e2e note: a plain lightbulb at ${text} (${new Date().toISOString()}); moving the cursor away and back`);
        await this.page.keyboard.press('Control+Home');
      } catch (error) {
        if (attempt === QUICK_FIX_ATTEMPTS) throw error;
        console.log(`      e2e note: no lightbulb at ${text} (${new Date().toISOString()}); moving the cursor away and back`);
        await this.page.keyboard.press('Control+Home');
      }
    }
  }

  /**
   * Opens the quick-fix menu (Ctrl+.) at the cursor and returns its entries' titles. VS Code drops the answers
   * to a code action request when an extension registers a code action provider meanwhile (JSON's language
   * client, starting a few seconds into a session) and says "No code actions available"; a user presses
   * Ctrl+. again, and so does this (the server's log tells whether it ever answered with nothing).
   */
  async openQuickFixMenu() {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const titles = () => rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')));
    const noActions = this.page.locator('.monaco-editor-overlaymessage').filter({ hasText: 'No code actions available' });
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      const shown = await until('the quick-fix menu or "No code actions available"', async () => ((await noActions.isVisible()) ? 'none' : (await titles()).length > 0 ? 'menu' : undefined));
      if (shown === 'menu') return until('the quick-fix menu', titles, (found) => found.length > 0);
      if (attempt === QUICK_FIX_ATTEMPTS) throw new Error(`the editor said "No code actions available" ${attempt} times in a row`);
      console.log(`      e2e note: the editor said "No code actions available" at ${new Date().toISOString()}; pressing Ctrl+. again`);
      await this.page.keyboard.press('Escape');
      await noActions.waitFor({ state: 'hidden' });
    }
  }

  /**
   * Applies the quick-fix menu entry `title` with the keyboard, as a user does (the menu ignores clicks
   * until the mouse has moved over it).
   */
  async chooseQuickFix(title) {
    const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
    const titles = await this.openQuickFixMenuIfClosed();
    if (!titles.includes(title)) throw new Error(`the quick-fix menu has no "${title}": ${titles.join(' | ')}`);
    for (let step = 0; (await focused.getAttribute('aria-label')) !== title; step++) {
      if (step > titles.length) throw new Error(`could not move the focus to "${title}"`);
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  async openQuickFixMenuIfClosed() {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    if ((await rows.count()) === 0) return this.openQuickFixMenu();
    return rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')));
  }
}
