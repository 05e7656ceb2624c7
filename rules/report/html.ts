/**
 * The report as one self-contained HTML file: styles, the small script and the charts are inline, a
 * Content-Security-Policy forbids every request (so it opens from disk, offline, and cannot leak), and it
 * prints as it looks. The same page is the editor's report webview, where the script asks the editor to
 * open a location instead of following the link.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { barChart } from './charts';
import { escapeHtml, jsonForScript } from './escape';
import { reportVendorLabel } from './facts';
import type { Coverage, CouplingReport, Location } from './types';

/** How many folders the ranking chart shows (all of them are listed below it). */
const CHART_FOLDERS = 15;

export function renderReportHtml(report: CouplingReport): string {
  const nonce = randomBytes(16).toString('base64');
  // Only this page's own style and script run; nothing is fetched, not even from the editor's resources.
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src data:`].join('; ');
  const link = (location: Location, text = `${location.file}:${location.line}`) => locationLink(report.root, location, text);
  const title = `aidlint coupling report — ${report.project}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(report.root)} · ${report.totals.files} files · generated ${escapeHtml(report.generatedAt)} by aidlint ${escapeHtml(report.tool.version)}</p>
</header>
<main>
${report.notes.length ? `<section id="notes"><h2>Not read</h2><ul>${report.notes.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul></section>` : ''}
${headline(report)}
<section id="findings"><h2>Findings</h2><div class="charts">
${barChart('by-vendor', 'Findings by vendor', report.byVendor.map((entry) => ({ key: entry.key, label: entry.label, value: entry.count })))}
${barChart('by-rule', 'Findings by rule', report.byRule.map((entry) => ({ key: entry.key, label: entry.label, value: entry.count })))}
${barChart('by-severity', 'Findings by severity', report.bySeverity.map((entry) => ({ key: entry.key, label: entry.label, value: entry.count })))}
</div></section>
${concentrationSection(report)}
${foldersSection(report, link)}
${coverageSection(report)}
${inventorySection(report, link)}
${trendSection(report)}
</main>
<footer><p>Keys found in the code are never part of this report. Paths are relative to ${escapeHtml(report.root)}.</p></footer>
<script type="application/json" id="aidlint-report-data">${jsonForScript(report)}</script>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

export function formatShare(share: number | null): string {
  return share === null ? 'n/a' : `${Math.round(share * 1000) / 10}%`;
}

function headline(report: CouplingReport): string {
  const { concentration, seamCoverage, totals, bySeverity } = report;
  const severity = Object.fromEntries(bySeverity.map((entry) => [entry.key, entry.count]));
  const card = (id: string, figure: string, caption: string) => `<div class="card" data-figure="${id}"><div class="figure">${escapeHtml(figure)}</div><div class="caption">${escapeHtml(caption)}</div></div>`;
  return `<section id="headline" class="cards">
${card('concentration', formatShare(concentration.share), `concentration: ${concentration.singleVendor} of ${concentration.aiCalls} AI calls can reach only one vendor`)}
${card('seam-coverage', formatShare(seamCoverage.overall.share), `seam coverage: ${seamCoverage.overall.seamCalls} of ${seamCoverage.overall.seamCalls + seamCoverage.overall.directCalls} AI calls go through the seam`)}
${card('findings', String(totals.findings), `findings: ${plural(severity.error ?? 0, 'error')}, ${plural(severity.warning ?? 0, 'warning')}, ${severity.info ?? 0} info`)}
${card('files', String(totals.filesWithFindings), `of ${totals.files} files have findings${totals.notices ? ` (${totals.notices} file notices)` : ''}`)}
</section>`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function concentrationSection({ concentration }: CouplingReport): string {
  const bars = concentration.byProviders.map((group) => ({ key: group.providers.join('+'), label: group.providers.map(reportVendorLabel).join(' + '), value: group.calls }));
  return `<section id="concentration"><h2>Concentration</h2>
<p>An AI call that can reach only one vendor stops when that vendor does. Each call is counted with the providers it can reach: the one it is routed to, and the fallbacks configured in the seam (defaults as written in its config; the environment can change them).</p>
<div class="charts">${barChart('by-providers', 'AI calls by the providers they can reach', bars)}</div></section>`;
}

function foldersSection(report: CouplingReport, link: (location: Location, text?: string) => string): string {
  const bars = report.folders.slice(0, CHART_FOLDERS).map((folder, index) => ({ key: folder.path, label: folder.path, value: folder.findings, href: `#folder-${index}` }));
  const lists = report.folders.map(
    (folder, index) => `<details id="folder-${index}"><summary><span class="path">${escapeHtml(folder.path)}</span> <span class="count">${folder.findings}</span></summary>
${folder.files
  .map(
    (file) => `<h4>${escapeHtml(file.path)} <span class="count">${file.findings.length}</span></h4><table class="findings"><tbody>
${file.findings.map((finding) => `<tr class="${finding.severity}"><td>${link(finding, `${finding.line}:${finding.column}`)}</td><td class="severity">${finding.severity}</td><td>${escapeHtml(finding.message)}</td><td class="rule">${escapeHtml(finding.rule)}</td></tr>`).join('\n')}
</tbody></table>`,
  )
  .join('\n')}</details>`,
  );
  return `<section id="folders"><h2>Folders ranked by coupling</h2>
<div class="charts">${barChart('folders', `Findings per folder${report.folders.length > CHART_FOLDERS ? ` (top ${CHART_FOLDERS} of ${report.folders.length})` : ''}`, bars, { labelWidth: 300 })}</div>
${lists.join('\n') || '<p class="empty">No findings.</p>'}
</section>`;
}

function coverageSection({ seamCoverage }: CouplingReport): string {
  const label = (entry: Coverage) => (entry.path === '.' ? entry.name : `${entry.name} (${entry.path})`);
  const bars = seamCoverage.packages.map((entry) => ({ key: entry.path, label: label(entry), value: entry.share ?? 0, valueText: formatShare(entry.share) }));
  const rows = seamCoverage.packages.map((entry) => `<tr><td>${escapeHtml(label(entry))}</td><td class="number">${entry.seamCalls}</td><td class="number">${entry.directCalls}</td><td class="number">${formatShare(entry.share)}</td></tr>`);
  return `<section id="seam-coverage"><h2>Seam coverage</h2>
<p>The share of the application's AI calls that go through the seam instead of a vendor SDK or API, per package.</p>
<div class="charts">${barChart('seam-coverage', 'Seam coverage per package', bars, { max: 1, labelWidth: 240 })}</div>
<table><thead><tr><th>Package</th><th class="number">Through the seam</th><th class="number">Direct</th><th class="number">Coverage</th></tr></thead><tbody>${rows.join('')}</tbody></table>
</section>`;
}

function inventorySection({ inventory }: CouplingReport, link: (location: Location) => string): string {
  const locations = (list: readonly Location[]) => `<ul class="locations">${list.map((location) => `<li>${link(location)}</li>`).join('')}</ul>`;
  const table = (id: string, title: string, headings: string[], rows: string[][]) =>
    `<h3 id="inventory-${id}">${escapeHtml(title)} <span class="count">${rows.length}</span></h3>` +
    (rows.length === 0 ? '<p class="empty">None found.</p>' : `<table class="inventory" data-inventory="${id}"><thead><tr>${headings.map((heading) => `<th>${escapeHtml(heading)}</th>`).join('')}</tr></thead><tbody>${rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
  const vendors = (list: readonly string[]) => escapeHtml(list.map(reportVendorLabel).join(', '));
  return `<section id="inventory"><h2>AI inventory</h2>
${table('models', 'Models and deployments', ['Name', 'Kind', 'Vendor', 'Config', 'Where'], inventory.models.map((model) => [`<code>${escapeHtml(model.name)}</code>`, model.kind, vendors(model.vendors), escapeHtml([model.configKey, model.envVar].filter(Boolean).join(' · ')), locations(model.locations)]))}
${table('endpoints', 'Endpoints and Azure resources', ['URL', 'Vendor', 'Azure resource', 'Where'], inventory.endpoints.map((endpoint) => [`<code>${escapeHtml(endpoint.url)}</code>`, vendors([endpoint.vendor]), escapeHtml(endpoint.azureResource ?? ''), locations(endpoint.locations)]))}
${table('api-versions', 'API versions', ['Version', 'Where'], inventory.apiVersions.map((entry) => [`<code>${escapeHtml(entry.version)}</code>`, locations(entry.locations)]))}
${table('env-vars', 'Environment variables', ['Name', 'Where'], inventory.envVars.map((entry) => [`<code>${escapeHtml(entry.name)}</code>`, locations(entry.locations)]))}
${table('clients', 'Clients', ['Class or factory', 'Vendor', 'Role', 'Where'], inventory.clients.map((client) => [`<code>${escapeHtml(client.name)}</code>`, vendors([client.vendor]), escapeHtml(client.role), locations(client.locations)]))}
${table('packages', 'SDK packages', ['Package', 'Declared', 'Locked', 'Where'], inventory.packages.map((entry) => [`<code>${escapeHtml(entry.name)}</code>`, escapeHtml(entry.declarations.map((declaration) => declaration.range).join(', ')), escapeHtml(entry.declarations.map((declaration) => declaration.locked ?? '—').join(', ')), locations(entry.declarations.flatMap((declaration) => [declaration.manifest, ...(declaration.lockfile ? [declaration.lockfile] : [])]))]))}
</section>`;
}

function trendSection({ trend }: CouplingReport): string {
  if (!trend) return '';
  const change = (before: string, after: string) => `${escapeHtml(before)} → ${escapeHtml(after)}`;
  const list = (items: string[]) => (items.length === 0 ? '<p class="empty">None.</p>' : `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`);
  const finding = (entry: { file: string; line: number; rule: string; message: string }) => `${escapeHtml(entry.file)}:${entry.line} <span class="rule">${escapeHtml(entry.rule)}</span> ${escapeHtml(entry.message)}`;
  return `<section id="trend"><h2>Trend since ${escapeHtml(trend.against.generatedAt)}</h2>
<table class="trend"><tbody>
<tr><td>Findings</td><td data-trend="findings">${change(String(trend.findings.before), String(trend.findings.after))}</td></tr>
<tr><td>Seam coverage</td><td data-trend="seam-coverage">${change(formatShare(trend.seamCoverage.before), formatShare(trend.seamCoverage.after))}</td></tr>
<tr><td>Concentration</td><td data-trend="concentration">${change(formatShare(trend.concentration.before), formatShare(trend.concentration.after))}</td></tr>
</tbody></table>
<h3>Findings added <span class="count">${trend.findings.added.length}</span></h3>${list(trend.findings.added.map(finding))}
<h3>Findings removed <span class="count">${trend.findings.removed.length}</span></h3>${list(trend.findings.removed.map(finding))}
<h3>Inventory added <span class="count">${trend.inventory.added.length}</span></h3>${list(trend.inventory.added.map((entry) => `${entry.kind} <code>${escapeHtml(entry.value)}</code>`))}
<h3>Inventory removed <span class="count">${trend.inventory.removed.length}</span></h3>${list(trend.inventory.removed.map((entry) => `${entry.kind} <code>${escapeHtml(entry.value)}</code>`))}
</section>`;
}

/** A link to the file (it opens from disk); the editor's webview opens the line instead. */
function locationLink(root: string, location: Location, text: string): string {
  const href = pathToFileURL(path.resolve(root, location.file)).href;
  return `<a href="${escapeHtml(href)}" data-file="${escapeHtml(location.file)}" data-line="${location.line}" data-column="${location.column}">${escapeHtml(text)}</a>`;
}

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bar: #3b6fd8; --error: #cf222e; --warning: #9a6700; --info: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; } h3 { font-size: 15px; margin: 20px 0 6px; } h4 { font-size: 13px; margin: 12px 0 4px; font-family: ui-monospace, monospace; }
.meta, footer, .caption, .empty { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-top: 20px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card .figure { font-size: 30px; font-weight: 600; }
.card[data-figure="concentration"] { border-color: var(--bar); border-width: 2px; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
figure.chart { margin: 8px 0; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg rect { fill: var(--bar); }
svg text { fill: var(--ink); }
svg a text { fill: var(--info); text-decoration: underline; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th.number, td.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.error .severity { color: var(--error); } tr.warning .severity { color: var(--warning); } tr.info .severity { color: var(--info); }
.rule, .count { color: var(--muted); font-size: 12px; }
code, .path { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
td, summary, h4 { overflow-wrap: anywhere; }
details { border: 1px solid var(--line); border-radius: 6px; padding: 4px 12px; margin: 6px 0; }
summary { cursor: pointer; }
ul.locations { list-style: none; margin: 0; padding: 0; }
a { color: var(--info); }
@media (max-width: 800px) { .cards { grid-template-columns: repeat(2, 1fr); } }
@media print {
  body { font-size: 11px; }
  header, main, footer { max-width: none; padding: 0; }
  section, figure, tr, details { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  details { border: none; padding: 0; }
  .cards { grid-template-columns: repeat(4, 1fr); }
}
`;

/** Opens every folder before printing; in the editor's webview, a location opens in the editor. */
const SCRIPT = `
addEventListener('beforeprint', () => { for (const details of document.querySelectorAll('details')) details.open = true; });
if (typeof acquireVsCodeApi === 'function') {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-file]') : null;
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({ type: 'open', file: link.dataset.file, line: Number(link.dataset.line), column: Number(link.dataset.column) });
  });
}
`;
