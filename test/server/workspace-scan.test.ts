import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FileChangeType,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { REPORT_REQUEST, type WorkspaceReport } from '../../server/protocol';
import { removeTempDir } from '../files/temp';
import { TestClient, brief, uri, workspaceFrom } from './lsp-client';

const SCAN = 'aidlint.server.scanWorkspace';

/** Findings of the `scan` fixture's files, by path (src/ai is the seam; src/util/format.ts is clean). */
const FINDINGS: Record<string, string[]> = {
  'src/jobs/embed.ts': ['vendor-rest-call 1:25-1:30', 'hardcoded-endpoint 1:31-1:69'],
  'src/lib/openai.ts': ['vendor-import 0:19-0:27', 'vendor-client 2:26-2:32'],
  'src/routes/tickets.ts': ['vendor-call 3:25-3:55', 'hardcoded-model 3:65-3:78'],
};

describe('language server: workspace scan and workspace diagnostics', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = workspaceFrom('scan');
    client = new TestClient({ root });
    await client.initialize();
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  const at = (relative: string) => path.join(root, relative);
  /** Reports by path relative to the root. */
  const byFile = (report: WorkspaceDiagnosticReport) =>
    new Map(report.items.map((item): [string, WorkspaceDocumentDiagnosticReport] => [path.relative(root, fileURLToPath(item.uri)), item]));
  const findings = (item: WorkspaceDocumentDiagnosticReport | undefined) => (item?.kind === 'full' ? brief(item.items) : item?.kind);
  const previous = (report: WorkspaceDiagnosticReport) => report.items.map((item) => ({ uri: item.uri, value: item.resultId! }));

  it('reports progress while scanning: begin, report, end on a token the client created', async () => {
    assert.deepEqual(await client.executeCommand(SCAN), { problems: 6 });
    assert.equal(client.progressTokens.length, 1);
    const kinds = client.progress.map(({ value }) => value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.ok(kinds.includes('report'), kinds.join());
    assert.ok(client.progress.every(({ token }) => token === client.progressTokens[0]));
    const reports = client.progress.flatMap(({ value }) => (value.kind === 'report' ? [value.percentage ?? -1] : []));
    assert.deepEqual(reports, [...reports].sort((a, b) => a - b), 'percentages only grow');
    assert.equal(reports.at(-1), 100);
    assert.deepEqual([client.statuses.at(-1)?.state, client.statuses.at(-1)?.problems], ['problems', 6]);
  });

  it('serves the findings of files that are not open, leaves open files to document diagnostics, then answers `unchanged`', async () => {
    const openFile = await client.open(at('src/routes/tickets.ts'), fs.readFileSync(at('src/routes/tickets.ts'), 'utf8'));
    await client.executeCommand(SCAN);
    const first = await client.workspaceDiagnostics();
    const reports = byFile(first);
    assert.deepEqual([...reports.keys()].sort(), ['src/jobs/embed.ts', 'src/lib/openai.ts']);
    for (const [file, report] of reports) {
      assert.deepEqual(findings(report), FINDINGS[file], file);
      assert.equal(report.version, null);
    }
    const second = await client.workspaceDiagnostics(previous(first));
    assert.deepEqual(second.items.map((item) => item.kind), ['unchanged', 'unchanged']);

    await client.close(openFile);
    const afterClose = byFile(await client.workspaceDiagnostics(previous(first)));
    assert.deepEqual(findings(afterClose.get('src/routes/tickets.ts')), FINDINGS['src/routes/tickets.ts'], 'a closed file is served from the scan');
  });

  it('updates a scanned file changed on disk, and clears one that became clean', async () => {
    await client.executeCommand(SCAN);
    const first = await client.workspaceDiagnostics();
    fs.writeFileSync(at('src/jobs/embed.ts'), "export const embed = (texts: string[]) => fetch('/internal/embeddings', { method: 'POST', body: JSON.stringify(texts) });\n");
    fs.appendFileSync(at('src/lib/openai.ts'), "export const model = 'gpt-4o';\nexport const ask = () => openai.chat.completions.create({ model, messages: [] });\n");
    await client.filesChanged([
      { uri: uri(at('src/jobs/embed.ts')), type: FileChangeType.Changed },
      { uri: uri(at('src/lib/openai.ts')), type: FileChangeType.Changed },
    ]);
    await client.sync();
    const reports = byFile(await client.workspaceDiagnostics(previous(first)));
    assert.deepEqual(findings(reports.get('src/jobs/embed.ts')), [], 'cleared');
    assert.deepEqual(findings(reports.get('src/lib/openai.ts')), [...FINDINGS['src/lib/openai.ts'], 'hardcoded-model 3:21-3:29', 'vendor-call 4:25-4:55']);
    assert.equal(reports.get('src/routes/tickets.ts')?.kind, 'unchanged');
  });

  it('reports a new file with findings and forgets a deleted one', async () => {
    await client.executeCommand(SCAN);
    const first = await client.workspaceDiagnostics();
    fs.writeFileSync(at('src/jobs/azure.ts'), "import { AzureOpenAI } from 'openai';\n");
    fs.rmSync(at('src/jobs/embed.ts'));
    await client.filesChanged([
      { uri: uri(at('src/jobs/azure.ts')), type: FileChangeType.Created },
      { uri: uri(at('src/jobs/embed.ts')), type: FileChangeType.Deleted },
    ]);
    await client.sync();
    const reports = byFile(await client.workspaceDiagnostics(previous(first)));
    assert.deepEqual(findings(reports.get('src/jobs/azure.ts')), ['vendor-import 0:28-0:36']);
    assert.deepEqual(findings(reports.get('src/jobs/embed.ts')), []);
  });

  it('serves nothing before a scan, and a rescan with `enable: false` clears what was served', async () => {
    assert.deepEqual((await client.workspaceDiagnostics()).items, []);
    await client.executeCommand(SCAN);
    const first = await client.workspaceDiagnostics();
    await client.changeSettings({ enable: false });
    assert.deepEqual(await client.executeCommand(SCAN), { problems: 0 });
    const reports = byFile(await client.workspaceDiagnostics(previous(first)));
    assert.deepEqual([...reports.values()].map(findings), [[], [], []]);
  });
});

describe('language server: typing while a large workspace is scanned', function () {
  this.timeout(120_000);
  let root: string;
  let client: TestClient;

  /** 1,000 small modules in 50 folders, one in 40 with a vendor call. */
  before(() => {
    root = workspaceFrom();
    for (let folder = 0; folder < 50; folder++) {
      fs.mkdirSync(path.join(root, `src/module-${folder}`), { recursive: true });
      for (let file = 0; file < 20; file++) {
        const vendor = (folder * 20 + file) % 40 === 0;
        const body = vendor
          ? "import OpenAI from 'openai';\nexport const ask = () => new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [] });\n"
          : `export function helper${file}(value: number): number {\n  return value * ${file} + ${folder};\n}\n`;
        fs.writeFileSync(path.join(root, `src/module-${folder}/file-${file}.ts`), body);
      }
    }
  });
  after(() => removeTempDir(root));
  beforeEach(async () => {
    // Each file and folder holds the scan 2 ms (a test hook): some 4 s of scanning, on any machine.
    client = new TestClient({ root, env: { AIDLINT_TEST_SCAN_DELAY_MS: '2' } });
    await client.initialize();
  });
  afterEach(() => client.dispose());

  /** Edits and pulls an open document while `startScan`'s scan runs; every pull must be answered before it ends. */
  async function typeDuring(startScan: () => Promise<unknown>): Promise<unknown> {
    const documentUri = await client.open(path.join(root, 'src/editing.ts'), 'export const nothing = 1;\n');
    await client.pull(documentUri);
    let scanDone = false;
    const scanStarted = Date.now();
    const scan = startScan().then((result) => ((scanDone = true), result));
    const answeredDuringScan: boolean[] = [];
    for (const model of ['gpt-4o', 'gpt-4.1', 'o3-mini']) {
      await client.change(documentUri, `import OpenAI from 'openai';\nexport const ask = () => new OpenAI().chat.completions.create({ model: '${model}', messages: [] });\n`);
      const report = await client.pullFull(documentUri);
      answeredDuringScan.push(!scanDone);
      assert.ok(report.items.some((item) => item.code === 'hardcoded-model' && String(item.message).includes(`'${model}'`)), `the diagnostics of the edit to '${model}'`);
    }
    const result = await scan;
    assert.deepEqual(answeredDuringScan, [true, true, true], `every pull was answered before the scan ended (${Date.now() - scanStarted} ms)`);
    return result;
  }

  it('answers pulls for an open document while the scan runs, with the diagnostics of each edit', async () => {
    const result = await typeDuring(async () => {
      const scan = client.executeCommand(SCAN);
      // The scan has begun once the server created its progress token.
      await client.until(() => client.progressTokens.length > 0, 'the scan to begin');
      return scan;
    });
    assert.deepEqual(result, { problems: 100 }, '25 vendor files, 4 findings each');
  });

  it('answers pulls while it scans for a coupling report asked for before any workspace scan', async () => {
    const reports = (await typeDuring(() => client.connection.sendRequest(REPORT_REQUEST, {}))) as WorkspaceReport[];
    assert.equal(reports.length, 1);
    assert.ok(reports[0].report.totals.findings >= 100, `the report counts the findings of the 25 vendor files (${reports[0].report.totals.findings})`);
  });
});
