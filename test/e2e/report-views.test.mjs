// The report in the real editor, on the bundled example: after "Scan Workspace" the Explorer's
// "AI Dependencies" view lists vendor → models, endpoints, clients, packages → locations, as the CLI's
// report inventories them, and a location opens its file at its line; "aidlint: Open Coupling Report"
// shows the report in a webview with the CLI's figures, whose locations open files too.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './support/environment.mjs';
import { editorTests } from './support/editor-test.mjs';
import { until } from './support/until.mjs';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'chat-app');
const VENDOR_LABELS = { openai: 'OpenAI', 'azure-openai': 'Azure OpenAI' };

function cliReport() {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'aidlint.js'), 'report', '--format', 'json'], { cwd: EXAMPLE, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

/** The "AI Dependencies" pane of the Explorer, expanded, and its rendered rows `{ level, label, description, expanded }`. */
class AiDependencies {
  constructor(page) {
    this.page = page;
    this.pane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /^AI Dependencies/i }) });
    this.header = this.pane.locator('.pane-header');
    this.rowLocator = this.pane.locator('.monaco-list-row');
  }

  /** Expands the view, with the folder's pane collapsed so the whole tree is rendered (the list renders visible rows only). */
  async open() {
    const folderHeader = this.page.locator('.pane').filter({ has: this.page.locator('.explorer-folders-view') }).locator('.pane-header');
    if ((await folderHeader.getAttribute('aria-expanded')) === 'true') await folderHeader.click();
    await this.header.waitFor();
    if ((await this.header.getAttribute('aria-expanded')) !== 'true') await this.header.click();
    await until('the AI Dependencies view expanded', () => this.header.getAttribute('aria-expanded'), (expanded) => expanded === 'true');
  }

  rows() {
    return this.rowLocator.evaluateAll((rows) =>
      rows
        .map((row) => ({
          index: Number(row.dataset.index),
          level: Number(row.getAttribute('aria-level')),
          label: row.querySelector('.label-name')?.textContent ?? '',
          description: row.querySelector('.label-description')?.textContent ?? '',
          expanded: row.getAttribute('aria-expanded'),
        }))
        .sort((a, b) => a.index - b.index),
    );
  }

  async row(label, level) {
    const rows = await until(`"${label}" in AI Dependencies`, () => this.rows(), (found) => found.some((row) => row.label === label && row.level === level));
    return rows.find((row) => row.label === label && row.level === level);
  }

  async click(row) {
    await this.rowLocator.and(this.page.locator(`[data-index="${row.index}"]`)).click();
  }
}

describe('e2e: the coupling report in VS Code (code-server)', function () {
  const inEditor = editorTests({ workspace: EXAMPLE });
  let report;
  before(() => {
    report = cliReport();
  });

  it('"AI Dependencies" shows vendor → models, endpoints, clients, packages → locations after a scan; a location opens the file at its line', inEditor(async (session, workbench) => {
    await workbench.runCommand('aidlint: Scan Workspace');
    await until('the scan result message', () => workbench.notifications(), (shown) => shown.some((text) => text.includes('aidlint: workspace scan found')));
    const view = new AiDependencies(session.page);
    await view.open();

    // Vendors at the top level, each with what the CLI's inventory lists for it.
    const vendors = [...new Set([...report.inventory.models.flatMap((model) => model.vendors), ...report.inventory.endpoints.map((endpoint) => endpoint.vendor), ...report.inventory.clients.map((client) => client.vendor), ...report.inventory.packages.map((entry) => entry.vendor)])];
    const expectedVendors = vendors.map((vendor) => VENDOR_LABELS[vendor]).sort();
    const topLevel = await until('every vendor in AI Dependencies', () => view.rows(), (rows) => rows.filter((row) => row.level === 1).length === expectedVendors.length);
    assert.deepEqual(topLevel.filter((row) => row.level === 1).map((row) => row.label), expectedVendors);

    const azure = topLevel.find((row) => row.label === 'Azure OpenAI');
    const azureModels = report.inventory.models.filter((model) => model.vendors.includes('azure-openai'));
    const azureClients = report.inventory.clients.filter((client) => client.vendor === 'azure-openai');
    assert.match(azure.description, new RegExp(`^${azureModels.length} models?, 1 endpoint, ${azureClients.length} clients?, 1 package$`));
    const children = (await view.rows()).filter((row) => row.level === 2).map((row) => row.label);
    for (const model of azureModels) assert.ok(children.includes(model.name), `${model.name} under Azure OpenAI`);
    assert.ok(children.includes('https://contoso-support.openai.azure.com'));

    // A model → its locations → click one: the editor opens the file at that line.
    const deployment = report.inventory.models.find((model) => model.name === 'gpt-4o-support');
    const modelRow = await view.row('gpt-4o-support', 2);
    await view.click(modelRow);
    const location = deployment.locations.find((entry) => entry.file === 'src/services/translator.ts');
    const locationRow = await view.row(`${location.file}:${location.line}`, 3);
    await view.click(locationRow);
    await until('translator.ts in the active editor', () => session.page.locator('.tabs-container .tab.active').getAttribute('aria-label'), (label) => label?.startsWith('translator.ts'));
    await until(`the cursor on line ${location.line}`, () => workbench.statusBarLabel('status.editor.selection'), (label) => label?.startsWith(`Ln ${location.line},`));
    await workbench.restMouse();
    await session.screenshot('ai-dependencies.png');
  }));

  it('"aidlint: Open Coupling Report" shows the CLI\'s report in a webview with a strict policy; a location in it opens the file', inEditor(async (session, workbench) => {
    await workbench.runCommand('aidlint: Open Coupling Report');
    const frame = session.page.frameLocator('iframe.webview').frameLocator('#active-frame');
    const card = (id) => frame.locator(`.card[data-figure="${id}"] .figure`);
    await until('the report in the webview', () => card('findings').textContent({ timeout: 1000 }), (text) => text === String(report.totals.findings));
    assert.equal(await card('concentration').textContent(), `${Math.round(report.concentration.share * 1000) / 10}%`);
    const vendorBars = await frame.locator('figure[data-chart="by-vendor"] g.bar').evaluateAll((groups) => groups.map((group) => `${group.querySelector('text.label').textContent} ${group.querySelector('text.value').textContent}`));
    assert.deepEqual(vendorBars, report.byVendor.map((entry) => `${entry.label} ${entry.count}`));
    const policy = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(policy, /^default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-[^']+'; img-src data:$/);
    await session.screenshot('report-webview.png');

    const endpoint = report.inventory.endpoints.find((entry) => entry.azureResource);
    const [location] = endpoint.locations;
    await frame.locator(`table[data-inventory="endpoints"] a[data-file="${location.file}"][data-line="${location.line}"]`).click();
    await until(`${location.file} in the active editor`, () => session.page.locator('.tabs-container .tab.active').getAttribute('aria-label'), (label) => label?.startsWith(path.posix.basename(location.file)));
    await until(`the cursor on line ${location.line}`, () => workbench.statusBarLabel('status.editor.selection'), (label) => label?.startsWith(`Ln ${location.line},`));
  }));
});
