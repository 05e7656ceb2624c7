/**
 * The report's numbers on a monorepo whose counts are known by construction (test/report/fixture.ts):
 * findings by vendor, rule, severity and folder, the AI calls (direct and through the seam), seam
 * coverage per package, concentration with and without failover, and the inventory.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigResolver } from '../../rules/config/resolve';
import { buildReport, buildReportPaused } from '../../rules/report/build';
import { generateSeam } from '../../rules/fixes/seam';
import type { CouplingReport } from '../../rules/report/types';
import { scan } from '../../rules/scan/scan';
import { runCli } from '../cli/run-cli';
import { makeTempDir, removeTempDir } from '../files/temp';
import { writeFiles } from '../scan/workspace';
import { FIXTURE_KEY, REDACTED_KEY, monorepo, seamConfig, withFallbacks } from './fixture';

const EXAMPLE = path.resolve(__dirname, '..', '..', '..', 'examples', 'chat-app');

export async function reportOf(root: string): Promise<CouplingReport> {
  const configs = new ConfigResolver({ workspaceRoot: root });
  const { results, index } = await scan({ paths: ['.'], cwd: root, configs });
  return buildReport({ root, results, index, configs, toolVersion: 'test' });
}

const counts = (entries: Array<{ key: string; count: number }>) => Object.fromEntries(entries.map((entry) => [entry.key, entry.count]));
const where = (locations: Array<{ file: string; line: number }>) => locations.map((location) => `${location.file}:${location.line}`);

describe('report: the numbers of a monorepo known by construction', () => {
  let dir: string;
  let report: CouplingReport;
  before(async () => {
    dir = makeTempDir();
    writeFiles(dir, monorepo());
    report = await reportOf(dir);
  });
  after(() => removeTempDir(dir));

  it('counts findings by vendor, rule and severity', () => {
    assert.deepEqual(report.totals, { files: 14, filesWithFindings: 5, findings: 15, notices: 0 });
    assert.deepEqual(counts(report.byVendor), { openai: 13, 'azure-openai': 2 });
    assert.deepEqual(counts(report.byRule), {
      'vendor-import': 2,
      'vendor-client': 2,
      'vendor-call': 3,
      'vendor-rest-call': 1,
      'hardcoded-model': 3,
      'hardcoded-endpoint': 2,
      'hardcoded-api-version': 1,
      'hardcoded-secret': 1,
    });
    assert.deepEqual(counts(report.bySeverity), { error: 1, warning: 13, info: 1 });
    assert.deepEqual(report.byVendor.map((entry) => entry.label), ['OpenAI', 'Azure OpenAI']);
  });

  it('ranks folders by their findings, each with its files and lines', () => {
    assert.deepEqual(
      report.folders.map((folder) => [folder.path, folder.findings]),
      [
        ['packages/legacy/src', 8],
        ['packages/app/src/routes', 6],
        ['packages/app/scripts', 1],
      ],
    );
    const legacy = report.folders[0];
    assert.deepEqual(
      legacy.files.map((file) => [file.path, file.findings.length]),
      [
        ['packages/legacy/src/summarize.ts', 4],
        ['packages/legacy/src/client.ts', 2],
        ['packages/legacy/src/raw.ts', 2],
      ],
    );
    assert.deepEqual(
      legacy.files[0].findings.map((finding) => `${finding.line} ${finding.rule}`),
      ['3 vendor-call', '3 hardcoded-model', '4 vendor-call', '4 hardcoded-model'],
    );
  });

  it('lists the application\'s AI calls, direct and through the seam, with the providers each reaches', () => {
    assert.deepEqual(
      report.aiCalls.map((call) => `${call.file}:${call.line} ${call.through} ${call.what}${call.model ? ` ${call.model}` : ''} → ${call.providers.join('+')}`),
      [
        'packages/app/src/routes/chat.ts:2 seam chatModel gpt4oMini → openai',
        'packages/app/src/routes/chat.ts:3 seam chatModel supportDeployment → azure-openai',
        'packages/app/src/routes/chat.ts:4 seam embeddingModel gpt4oMini → openai',
        'packages/app/src/routes/direct.ts:7 direct chat.completions.create → azure-openai',
        'packages/legacy/src/raw.ts:1 direct fetch api.openai.com → openai',
        'packages/legacy/src/summarize.ts:3 direct chat.completions.create → openai',
        'packages/legacy/src/summarize.ts:4 direct embeddings.create → openai',
      ],
    );
  });

  it('computes seam coverage per package and overall', () => {
    assert.deepEqual(report.seamCoverage.packages, [
      { path: 'packages/app', name: '@acme/app', seamCalls: 3, directCalls: 1, share: 0.75 },
      { path: 'packages/legacy', name: '@acme/legacy', seamCalls: 0, directCalls: 3, share: 0 },
    ]);
    assert.deepEqual(report.seamCoverage.overall, { path: '.', name: 'all packages', seamCalls: 3, directCalls: 4, share: 3 / 7 });
  });

  it('without failover every AI call reaches one vendor: concentration 100 %', () => {
    assert.deepEqual(report.concentration, {
      aiCalls: 7,
      singleVendor: 7,
      share: 1,
      byProviders: [
        { providers: ['openai'], calls: 5 },
        { providers: ['azure-openai'], calls: 2 },
      ],
    });
  });

  it('inventories models and deployments with their config entries and every place that names them', () => {
    assert.deepEqual(
      report.inventory.models.map((model) => ({ ...model, locations: where(model.locations) })),
      [
        {
          name: 'gpt-4o-mini',
          kind: 'model',
          vendors: ['openai'],
          configKey: 'gpt4oMini',
          envVar: 'AI_MODEL_GPT_4O_MINI',
          locations: [configLine("gpt4oMini: env('AI_MODEL_GPT_4O_MINI',"), 'packages/app/src/routes/chat.ts:2', 'packages/app/src/routes/chat.ts:4', 'packages/legacy/src/summarize.ts:3'],
        },
        {
          name: 'gpt-4o-support',
          kind: 'deployment',
          vendors: ['azure-openai'],
          configKey: 'supportDeployment',
          envVar: 'AI_MODEL_SUPPORT',
          locations: [configLine("supportDeployment: env('AI_MODEL_SUPPORT',"), 'packages/app/src/routes/chat.ts:3', 'packages/app/src/routes/direct.ts:7'],
        },
        { name: 'text-embedding-3-small', kind: 'model', vendors: ['openai'], locations: ['packages/legacy/src/summarize.ts:4'] },
      ],
    );
  });

  it('inventories endpoints (with the Azure resource), API versions and environment variables', () => {
    assert.deepEqual(
      report.inventory.endpoints.map((endpoint) => ({ ...endpoint, locations: where(endpoint.locations) })),
      [
        { url: 'https://acme-eu.openai.azure.com', host: 'acme-eu.openai.azure.com', vendor: 'azure-openai', azureResource: 'acme-eu', locations: ['packages/app/src/routes/direct.ts:3'] },
        { url: 'https://api.openai.com/v1/models', host: 'api.openai.com', vendor: 'openai', locations: ['packages/legacy/src/raw.ts:1'] },
      ],
    );
    assert.deepEqual(
      report.inventory.apiVersions.map((entry) => ({ ...entry, locations: where(entry.locations) })),
      [{ version: '2024-10-21', locations: ['packages/app/src/routes/direct.ts:4'] }],
    );
    assert.deepEqual(
      Object.fromEntries(report.inventory.envVars.map((entry) => [entry.name, where(entry.locations)])),
      {
        AI_ATTEMPT_TIMEOUT_MS: [configLine("env('AI_ATTEMPT_TIMEOUT_MS'")],
        AI_FALLBACK: [configLine("env('AI_FALLBACK'")],
        AI_MODEL_GPT_4O_MINI: [configLine("gpt4oMini: env('AI_MODEL_GPT_4O_MINI',")],
        AI_MODEL_GPT_4O_MINI_CONNECTION: [configLine("'AI_MODEL_GPT_4O_MINI_CONNECTION'")],
        AI_MODEL_SUPPORT: [configLine("supportDeployment: env('AI_MODEL_SUPPORT',")],
        AI_MODEL_SUPPORT_CONNECTION: [configLine("'AI_MODEL_SUPPORT_CONNECTION'")],
        AI_PROVIDER: [configLine("env('AI_PROVIDER'")],
        AZURE_OPENAI_API_KEY: ['packages/app/src/routes/direct.ts:5'],
      },
    );
  });

  it('inventories SDK packages per package.json with the version the lockfile pins (nested before hoisted)', () => {
    assert.deepEqual(report.inventory.packages, [
      {
        name: '@azure/openai',
        vendor: 'azure-openai',
        declarations: [{ manifest: { file: 'packages/app/package.json', line: 5, column: 5 }, range: '1.0.0-beta.12', locked: '1.0.0-beta.12', lockfile: { file: 'package-lock.json', line: 14, column: 1 } }],
      },
      {
        name: 'openai',
        vendor: 'openai',
        declarations: [
          { manifest: { file: 'packages/app/package.json', line: 4, column: 5 }, range: '^6.49.0', locked: '6.49.0', lockfile: { file: 'package-lock.json', line: 11, column: 1 } },
          { manifest: { file: 'packages/legacy/package.json', line: 4, column: 5 }, range: '^4.100.0', locked: '4.104.0', lockfile: { file: 'package-lock.json', line: 17, column: 1 } },
        ],
      },
    ]);
    assert.deepEqual(report.inventory.clients.map((client) => `${client.vendor} ${client.name} ${client.role} ${where(client.locations).join(' ')}`), [
      `openai AzureOpenAI client ${seamLine('providers/azure-openai.ts', 'new AzureOpenAI(')} packages/app/src/routes/direct.ts:2`,
      `openai OpenAI client ${seamLine('providers/openai.ts', 'new OpenAI(')} packages/legacy/src/client.ts:2`,
    ]);
  });

  it('names the project and never holds the key, not even redacted', () => {
    assert.equal(report.project, 'acme-monorepo');
    const json = JSON.stringify(report);
    assert.ok(!json.includes(FIXTURE_KEY.slice('sk-proj-'.length, -4)), 'the key body is not in the report');
    assert.ok(!json.includes(REDACTED_KEY), 'the redacted key is not in the report');
    const secret = report.folders.flatMap((folder) => folder.files).flatMap((file) => file.findings).find((finding) => finding.rule === 'hardcoded-secret');
    assert.equal(secret?.file, 'packages/app/scripts/leak.js');
    assert.match(secret!.message, /API key is written in the code/);
  });

  it('built in steps (the language server), it pauses after each file and equals the report built at once', async () => {
    const configs = new ConfigResolver({ workspaceRoot: dir });
    const { results, index } = await scan({ paths: ['.'], cwd: dir, configs });
    const input = { root: dir, results, index, configs, toolVersion: 'test', generatedAt: new Date(0) };
    let pauses = 0;
    const stepwise = await buildReportPaused(input, () => {
      pauses++;
      return pauses % 10 === 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined;
    });
    assert.deepEqual(stepwise, buildReport(input));
    assert.ok(pauses >= 3 * results.length, `asked to pause ${pauses} times for ${results.length} files`);
  });
});

describe('report: concentration counts the seam\'s failover', () => {
  const cases: Array<{ title: string; config: string; singleVendor: number; byProviders: Array<{ providers: string[]; calls: number }> }> = [
    {
      title: '`fallbacks` gives gpt4oMini an Azure connection: its two calls reach two vendors',
      config: withFallbacks(seamConfig()),
      singleVendor: 5,
      byProviders: [
        { providers: ['openai'], calls: 3 },
        { providers: ['azure-openai'], calls: 2 },
        { providers: ['azure-openai', 'openai'], calls: 2 },
      ],
    },
    {
      title: 'AI_FALLBACK adds OpenAI behind every chat model without its own list (the Azure-pinned one)',
      config: withFallbacks(seamConfig(), 'openai'),
      singleVendor: 4,
      byProviders: [
        { providers: ['azure-openai', 'openai'], calls: 3 },
        { providers: ['openai'], calls: 3 },
        { providers: ['azure-openai'], calls: 1 },
      ],
    },
  ];
  for (const { title, config, singleVendor, byProviders } of cases) {
    it(title, async () => {
      const dir = makeTempDir();
      try {
        writeFiles(dir, monorepo(config));
        const { concentration } = await reportOf(dir);
        assert.deepEqual(concentration, { aiCalls: 7, singleVendor, share: singleVendor / 7, byProviders });
      } finally {
        removeTempDir(dir);
      }
    });
  }

  it('a project without AI calls has no concentration and no coverage figure (not 0 %)', async () => {
    const dir = makeTempDir();
    try {
      writeFiles(dir, { 'src/a.ts': 'export const a = 1;\n', 'package.json': '{ "name": "plain" }' });
      const report = await reportOf(dir);
      assert.equal(report.concentration.share, null);
      assert.equal(report.seamCoverage.overall.share, null);
      assert.deepEqual(report.seamCoverage.packages, []);
      assert.deepEqual(report.folders, []);
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('report: the bundled example after aidlint --fix', () => {
  it('counts the wrapped calls as going through the seam, by the model names the fix gave them', async function () {
    this.timeout(60_000);
    const dir = makeTempDir();
    try {
      fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (file) => path.basename(file) !== 'node_modules' });
      const before = await reportOf(dir);
      assert.deepEqual([before.seamCoverage.overall.seamCalls, before.seamCoverage.overall.directCalls], [0, 11]);
      assert.notEqual((await runCli(['--fix'], dir)).exitCode, 2, 'the fix run went through');
      const after = await reportOf(dir);
      const seamCalls = after.aiCalls.filter((call) => call.through === 'seam');
      // Every TypeScript vendor call is wrapped (EXPECTED.md); the legacy v3 script stays direct.
      assert.equal(seamCalls.length, 9);
      assert.ok(after.aiCalls.some((call) => call.through === 'direct' && call.file === 'scripts/backfill-summaries.js' && call.what === 'createChatCompletion'));
      assert.deepEqual(
        seamCalls.filter((call) => call.file === 'src/services/translator.ts').map((call) => [call.what, call.model, call.providers]),
        [['chatModel', 'gpt4oSupport', ['azure-openai']]],
        'a call that went to Azure OpenAI stays there (its connection in modelConnections)',
      );
      const support = after.inventory.models.find((model) => model.name === 'gpt-4o-support');
      assert.equal(support?.configKey, 'gpt4oSupport');
      assert.ok(support?.locations.some((location) => location.file === 'src/ai/config.ts'));
    } finally {
      removeTempDir(dir);
    }
  });
});

/** `packages/app/src/ai/config.ts:<line>` of the first line of the fixture's seam config holding `needle`. */
function configLine(needle: string): string {
  return `packages/app/src/ai/config.ts:${lineOf(seamConfig(), needle)}`;
}

/** The same for a generated seam module. */
function seamLine(file: string, needle: string): string {
  const text = generateSeam({ language: 'ts', module: 'esm', importSuffix: '', typeImports: false }).find((module) => module.relativePath === file)!.text;
  return `packages/app/src/ai/${file}:${lineOf(text, needle)}`;
}

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `no line holds ${needle}`);
  return index + 1;
}
