/**
 * The report and the ratchet through the real language server (stdio): `aidlint/report` answers with the
 * CLI's report numbers, a workspace scan refreshes it and says so, and findings suppressed by
 * aidlint-suppressions.json come as hints (or not at all with `suppressedFindings: "hide"`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import type { WorkspaceReport } from '../../server/protocol';
import { runCli } from '../cli/run-cli';
import { removeTempDir } from '../files/temp';
import { writeFiles } from '../scan/workspace';
import { TestClient, messageOf, workspaceFrom } from '../server/lsp-client';
import { monorepo } from './fixture';

const SUMMARIZE = 'packages/legacy/src/summarize.ts';

describe('language server: the coupling report and bulk suppressions', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient | undefined;

  beforeEach(() => {
    root = workspaceFrom();
    writeFiles(root, monorepo());
  });
  afterEach(() => {
    client?.dispose();
    removeTempDir(root);
  });

  const start = async (settings = {}) => {
    client = new TestClient({ root, settings });
    await client.initialize();
    return client;
  };

  it('aidlint/report answers with the report the CLI writes; a workspace scan rebuilds it and notifies', async () => {
    const server = await start();
    let changed = 0;
    server.connection.onNotification('aidlint/reportsChanged', () => void changed++);
    const [answer] = (await server.connection.sendRequest('aidlint/report', {})) as WorkspaceReport[];
    const cli = JSON.parse((await runCli(['report', '--format', 'json'], root)).stdout);
    assert.equal(answer.root, root);
    const comparable = (report: object) => ({ ...report, generatedAt: '', tool: undefined });
    assert.deepEqual(comparable(answer.report), comparable(cli));

    fs.rmSync(path.join(root, 'packages/legacy/src/raw.ts'));
    await server.executeCommand('aidlint.server.scanWorkspace');
    await server.until(() => changed === 1, 'aidlint/reportsChanged after the scan');
    const [after] = (await server.connection.sendRequest('aidlint/report', {})) as WorkspaceReport[];
    assert.equal(after.report.totals.findings, answer.report.totals.findings - 2);
    assert.equal(after.report.concentration.aiCalls, 6);
  });

  it('findings within aidlint-suppressions.json are hints with the reason; beyond it, every finding of that rule shows as usual', async () => {
    await runCli(['--suppress-all'], root);
    const server = await start();
    assert.deepEqual(await server.executeCommand('aidlint.server.scanWorkspace'), { problems: 0 }, 'hints are not counted as problems');
    const text = fs.readFileSync(path.join(root, SUMMARIZE), 'utf8');
    const documentUri = await server.open(path.join(root, SUMMARIZE), text);
    const suppressed = (await server.pullFull(documentUri)).items;
    assert.equal(suppressed.length, 4);
    assert.ok(suppressed.every((diagnostic) => diagnostic.severity === DiagnosticSeverity.Hint), JSON.stringify(suppressed.map((diagnostic) => diagnostic.severity)));
    assert.ok(suppressed.every((diagnostic) => messageOf(diagnostic).endsWith('(suppressed by aidlint-suppressions.json)')));

    const added = `${text}\nexport const more = (input: string) => openai.embeddings.create({ model: process.env.M!, input });\n`;
    await server.edit(documentUri, [{ text: added }]);
    const beyond = (await server.pullFull(documentUri)).items;
    const calls = beyond.filter((diagnostic) => diagnostic.code === 'vendor-call');
    assert.equal(calls.length, 3, 'two suppressed calls and the new one');
    assert.ok(calls.every((diagnostic) => diagnostic.severity === DiagnosticSeverity.Warning), 'more than allowed: all of them show as warnings');
    assert.ok(beyond.filter((diagnostic) => diagnostic.code === 'hardcoded-model').every((diagnostic) => diagnostic.severity === DiagnosticSeverity.Hint));
  });

  it('with suppressedFindings "hide" suppressed findings are not shown at all', async () => {
    await runCli(['--suppress-all'], root);
    const server = await start({ suppressedFindings: 'hide' });
    const documentUri = await server.open(path.join(root, SUMMARIZE), fs.readFileSync(path.join(root, SUMMARIZE), 'utf8'));
    assert.deepEqual((await server.pullFull(documentUri)).items, []);
  });
});
