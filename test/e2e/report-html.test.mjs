// The coupling report as a reader sees it: `aidlint report` on the bundled example writes one HTML file,
// which headless Chromium opens from disk with every network request blocked. The charts' rendered labels,
// numbers and bar lengths and the headline figures must be those of `aidlint report --format json`; the
// page must make no request at all, and must print (every folder opened). Its picture goes to the README.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, environment } from './support/environment.mjs';
import { launchBrowser } from './support/session.mjs';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'chat-app');
const CHARTS = { 'by-vendor': 'byVendor', 'by-rule': 'byRule', 'by-severity': 'bySeverity' };

function aidlint(args, cwd) {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'aidlint.js'), ...args], { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `aidlint ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

const share = (value) => (value === null ? 'n/a' : `${Math.round(value * 1000) / 10}%`);

describe('e2e: the HTML report in headless Chromium, opened from disk offline', function () {
  let browser;
  let dir;
  let report;
  let page;
  const requests = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-report-'));
    aidlint(['report', '--output', path.join(dir, 'report.html')], EXAMPLE);
    report = JSON.parse(aidlint(['report', '--format', 'json'], EXAMPLE));
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
    // Anything but the file itself is refused, and noted: a self-contained page asks for nothing.
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file:') ? route.continue() : route.abort();
    });
    page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href);
    await page.locator('figure.chart').first().waitFor();
  });

  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The bars of a chart as drawn: label, value text, and the rectangle's rendered width. */
  const bars = (chart) =>
    page.locator(`figure[data-chart="${chart}"] g.bar`).evaluateAll((groups) =>
      groups.map((group) => ({
        label: group.querySelector('text.label').textContent,
        value: group.querySelector('text.value').textContent,
        width: group.querySelector('rect').getBoundingClientRect().width,
      })),
    );

  it('draws findings by vendor, rule and severity with the labels and numbers of the JSON report, bars in proportion', async () => {
    for (const [chart, key] of Object.entries(CHARTS)) {
      const drawn = await bars(chart);
      assert.deepEqual(
        drawn.map(({ label, value }) => ({ label, value })),
        report[key].map((entry) => ({ label: entry.label, value: String(entry.count) })),
        chart,
      );
      const widest = Math.max(...drawn.map((bar) => bar.width));
      const largest = Math.max(...report[key].map((entry) => entry.count));
      for (const [index, bar] of drawn.entries()) {
        const expected = (report[key][index].count / largest) * widest;
        assert.ok(Math.abs(bar.width - expected) <= Math.max(1.5, expected * 0.02), `${chart} ${bar.label}: width ${bar.width}, expected about ${expected}`);
      }
    }
    assert.deepEqual(
      (await bars('folders')).map(({ label, value }) => `${label} ${value}`),
      report.folders.map((folder) => `${folder.path} ${folder.findings}`),
    );
  });

  it('shows the headline figures of the JSON report: concentration, seam coverage, findings', async () => {
    const figures = await page.locator('.card').evaluateAll((cards) => Object.fromEntries(cards.map((card) => [card.dataset.figure, { figure: card.querySelector('.figure').textContent, caption: card.querySelector('.caption').textContent }])));
    assert.equal(figures.concentration.figure, share(report.concentration.share));
    assert.equal(figures.concentration.caption, `concentration: ${report.concentration.singleVendor} of ${report.concentration.aiCalls} AI calls can reach only one vendor`);
    assert.equal(figures['seam-coverage'].figure, share(report.seamCoverage.overall.share));
    assert.equal(figures.findings.figure, String(report.totals.findings));
    assert.deepEqual(await page.locator('table[data-inventory="models"] tbody tr td:first-child').allTextContents(), report.inventory.models.map((model) => model.name));
  });

  it('a folder links to its files and lines, and the page made no request at all', async () => {
    await page.locator('figure[data-chart="folders"] g.bar a').first().click();
    const first = page.locator('#folder-0');
    await first.locator('summary').click();
    const lines = await first.locator('table.findings a').evaluateAll((links) => links.map((link) => `${link.dataset.file}:${link.dataset.line}`));
    const expected = report.folders[0].files.flatMap((file) => file.findings.map((finding) => `${finding.file}:${finding.line}`));
    assert.deepEqual(lines, expected);
    assert.deepEqual(requests.filter((url) => !url.endsWith('/report.html')), [], 'no request beyond the file itself');
  });

  it('prints: every folder is opened for print, and Chromium makes a PDF of it', async () => {
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const closed = await page.locator('details:not([open])').count();
    assert.equal(closed, 0);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.ok(pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 10_000, 'a PDF of the report');
    await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = false)));
    await page.evaluate(() => window.scrollTo(0, 0));
    const target = path.join(environment.screenshotsDir(), 'report.png');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await page.screenshot({ path: target, clip: { x: 0, y: 0, width: 1280, height: 900 } });
  });
});
