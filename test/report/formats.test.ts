/**
 * `aidlint report` on the command line: the JSON, the self-contained HTML (its policy, its embedded data,
 * no key), CycloneDX 1.6 validated against the official schema, the trend against an earlier report, and
 * clear errors for bad input.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import type { CouplingReport } from '../../rules/report/types';
import { runCli } from '../cli/run-cli';
import { makeTempDir, removeTempDir } from '../files/temp';
import { writeFiles } from '../scan/workspace';
import { FIXTURE_KEY, REDACTED_KEY, monorepo } from './fixture';

function assertNoKey(text: string, what: string): void {
  assert.ok(!text.includes(FIXTURE_KEY.slice('sk-proj-'.length, -4)), `${what} holds the key`);
  assert.ok(!text.includes(REDACTED_KEY), `${what} holds the redacted key`);
}

describe('aidlint report: formats', () => {
  let dir: string;
  before(() => {
    dir = makeTempDir();
    writeFiles(dir, monorepo());
  });
  after(() => removeTempDir(dir));

  it('--format json prints the report data', async () => {
    const run = await runCli(['report', '--format', 'json'], dir);
    assert.equal(run.exitCode, 0, run.stderr);
    const report = JSON.parse(run.stdout) as CouplingReport;
    assert.equal(report.format, 'aidlint-report');
    assert.equal(report.totals.findings, 15);
    assert.equal(report.root, dir);
    assertNoKey(run.stdout, 'the JSON');
  });

  it('writes one self-contained HTML file: a policy that forbids every request, inline styles, script and charts, the data embedded', async () => {
    const run = await runCli(['report', '-o', 'out/report.html'], dir);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stderr, /wrote the html report to out\/report\.html/);
    const html = fs.readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'");
    assert.match(policy ?? '', /^default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-[^']+'; img-src data:$/);
    assert.doesNotMatch(html, /<(?:link|img|iframe)\b|\bsrc="http|@import|url\(/, 'nothing is loaded from elsewhere');
    assert.deepEqual([...html.matchAll(/<figure class="chart" data-chart="([^"]+)"><figcaption>[^<]*<\/figcaption><svg /g)].map((match) => match[1]), ['by-vendor', 'by-rule', 'by-severity', 'by-providers', 'folders', 'seam-coverage']);
    const embedded = JSON.parse(/<script type="application\/json" id="aidlint-report-data">([^<]*)<\/script>/.exec(html)![1]) as CouplingReport;
    const json = JSON.parse((await runCli(['report', '--format', 'json'], dir)).stdout) as CouplingReport;
    assert.deepEqual({ ...embedded, generatedAt: '' }, { ...json, generatedAt: '' });
    assertNoKey(html, 'the HTML');
  });

  it('--format cyclonedx validates against the CycloneDX 1.6 JSON schema and lists packages, models and endpoints', async () => {
    const run = await runCli(['report', '--format', 'cyclonedx'], dir);
    assert.equal(run.exitCode, 0, run.stderr);
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    assert.equal(await validator.validate(run.stdout), null, 'no schema errors');
    const broken = JSON.parse(run.stdout);
    delete broken.components[0].name;
    assert.notEqual(await validator.validate(JSON.stringify(broken)), null, 'the validator does check: a component without a name fails');
    const bom = JSON.parse(run.stdout);
    assert.equal(bom.specVersion, '1.6');
    assert.deepEqual(
      bom.components.filter((component: { type: string }) => component.type === 'library').map((component: { purl: string }) => component.purl),
      ['pkg:npm/%40azure/openai@1.0.0-beta.12', 'pkg:npm/openai@6.49.0', 'pkg:npm/openai@4.104.0'],
    );
    assert.deepEqual(
      bom.components.filter((component: { type: string }) => component.type === 'machine-learning-model').map((component: { name: string; evidence: { occurrences: unknown[] } }) => [component.name, component.evidence.occurrences.length]),
      [
        ['gpt-4o-mini', 4],
        ['gpt-4o-support', 3],
        ['text-embedding-3-small', 1],
      ],
    );
    assert.deepEqual(bom.services.map((service: { endpoints: string[] }) => service.endpoints[0]), ['https://acme-eu.openai.azure.com', 'https://api.openai.com/v1/models']);
    assert.ok(bom.properties.some((property: { name: string; value: string }) => property.name === 'aidlint:api-version' && property.value === '2024-10-21'));
    assertNoKey(run.stdout, 'the CycloneDX BOM');
  });

  it('--compare adds the trend: findings and inventory added and removed, figures before and after', async () => {
    const earlierFile = path.join(dir, 'earlier.json');
    fs.writeFileSync(earlierFile, (await runCli(['report', '--format', 'json'], dir)).stdout);
    const changed = makeTempDir();
    try {
      writeFiles(changed, monorepo());
      fs.rmSync(path.join(changed, 'packages/legacy/src/raw.ts'));
      writeFiles(changed, { 'packages/legacy/src/extra.ts': "import { openai } from './client';\nexport const list = () => openai.models.list();\n" });
      const run = await runCli(['report', '--format', 'json', '--compare', earlierFile], changed);
      assert.equal(run.exitCode, 0, run.stderr);
      const { trend } = JSON.parse(run.stdout) as CouplingReport;
      assert.ok(trend);
      assert.deepEqual({ before: trend.findings.before, after: trend.findings.after }, { before: 15, after: 14 });
      assert.deepEqual(trend.findings.added.map((finding) => `${finding.file} ${finding.rule}`), ['packages/legacy/src/extra.ts vendor-call']);
      assert.deepEqual(trend.findings.removed.map((finding) => `${finding.file} ${finding.rule}`).sort(), ['packages/legacy/src/raw.ts hardcoded-endpoint', 'packages/legacy/src/raw.ts vendor-rest-call']);
      assert.deepEqual(trend.inventory.removed, [{ kind: 'endpoint', value: 'https://api.openai.com/v1/models' }]);
      assert.deepEqual(trend.inventory.added, []);
      assert.deepEqual(trend.seamCoverage, { before: 3 / 7, after: 3 / 7 });

      const html = (await runCli(['report', '--compare', earlierFile], changed)).stdout;
      assert.match(html, /<td data-trend="findings">15 → 14<\/td>/);
    } finally {
      removeTempDir(changed);
    }
  });

  it('code cannot inject markup into the page: names from the code are text, the embedded data cannot close its element', async () => {
    const hostile = makeTempDir();
    try {
      writeFiles(hostile, {
        'src/chat.ts': [
          "import OpenAI from 'openai';",
          'const client = new OpenAI();',
          "export const ask = () => client.chat.completions.create({ model: '</script><img src=x onerror=alert(1)>', messages: [] });",
        ].join('\n'),
      });
      const html = (await runCli(['report'], hostile)).stdout;
      assert.ok(html.includes('&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;'), 'the model name is shown as text');
      assert.doesNotMatch(html, /<img|<\/script><img/, 'no element comes from the code');
      assert.equal((html.match(/<\/script>/g) ?? []).length, 2, 'only the page\'s own two scripts close');
    } finally {
      removeTempDir(hostile);
    }
  });

  it('says what it could not read: a broken package.json, an unparsable lockfile', async () => {
    const broken = makeTempDir();
    try {
      writeFiles(broken, { ...monorepo(), 'packages/legacy/package.json': '{ "name": "@acme/legacy", ', 'package-lock.json': '{ not json' });
      const run = await runCli(['report', '--format', 'json'], broken);
      assert.equal(run.exitCode, 0, run.stderr);
      const report = JSON.parse(run.stdout) as CouplingReport;
      assert.equal(report.notes.length, 2, report.notes.join('\n'));
      assert.match(report.notes.join('\n'), /packages\/legacy\/package\.json could not be read \(.*\); the SDK packages it declares are not in the inventory/);
      assert.match(report.notes.join('\n'), /package-lock\.json could not be read \(.*\); no locked versions from it/);
      assert.match(run.stderr, /aidlint: .*package-lock\.json could not be read/);
      assert.deepEqual(report.inventory.packages.map((entry) => [entry.name, entry.declarations.map((declaration) => declaration.locked ?? 'unlocked')]), [
        ['@azure/openai', ['unlocked']],
        ['openai', ['unlocked']],
      ]);
    } finally {
      removeTempDir(broken);
    }
  });

  it('bad input gets a clear message and exit code 2', async () => {
    fs.writeFileSync(path.join(dir, 'not-a-report.json'), '[1, 2]');
    const cases: Array<[string[], RegExp]> = [
      [['report', '--format', 'pdf'], /Unknown report format 'pdf'; use one of html, json, cyclonedx/],
      [['report', '--compare', 'missing.json'], /--compare: cannot read .*missing\.json/],
      [['report', '--compare', 'not-a-report.json'], /--compare: .*not-a-report\.json is not an aidlint report/],
      [['report', 'no/such/folder'], /No such file or folder: no\/such\/folder/],
      [['report', '--bogus'], /report: Unknown option '--bogus'/],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(argv, dir);
      assert.equal(run.exitCode, 2, argv.join(' '));
      assert.match(run.stderr, message, argv.join(' '));
    }
    const help = await runCli(['report', '--help'], dir);
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^Usage: aidlint report/);
  });
});
