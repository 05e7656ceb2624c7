/**
 * The bundled example against its contract, examples/chat-app/EXPECTED.md: the CLI's JSON output must
 * hold exactly the findings listed there (file, line, rule, the anchor text at the reported column,
 * severity), under both presets, with the fake key never shown.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../cli/run-cli';

const EXAMPLE = path.resolve(__dirname, '../../../examples/chat-app');

interface Row {
  file: string;
  line: number;
  rule: string;
  anchor: string;
  severity: string;
}

interface JsonMessage {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
  level: string;
}

/** Rows of the first markdown table after `heading`. Columns: File | Line | Rule | Anchor | severity… */
function expectedRows(heading: string, severityColumn: number): Row[] {
  const markdown = fs.readFileSync(path.join(EXAMPLE, 'EXPECTED.md'), 'utf8');
  const section = markdown.slice(markdown.indexOf(heading));
  const lines = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| File') && !line.startsWith('|---'));
  const tableEnd = section.split('\n').findIndex((line, index) => index > 2 && line.trim() === '' && section.split('\n')[index - 1].startsWith('|'));
  const table = section.split('\n').slice(0, tableEnd);
  return lines
    .filter((line) => table.includes(line))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
    .map((cells) => ({
      file: cells[0],
      line: Number(cells[1]),
      rule: cells[2],
      anchor: cells[3].replace(/^`|`$/g, ''),
      severity: cells[severityColumn],
    }));
}

async function lintExample(preset: 'recommended' | 'strict'): Promise<Array<{ file: string; messages: JsonMessage[] }>> {
  const args = [EXAMPLE, '--format', 'json'];
  let configDir: string | undefined;
  if (preset === 'strict') {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-example-'));
    fs.writeFileSync(path.join(configDir, 'strict.json'), JSON.stringify({ extends: 'strict' }));
    args.push('--config', path.join(configDir, 'strict.json'));
  }
  const run = await runCli(args, EXAMPLE);
  if (configDir) fs.rmSync(configDir, { recursive: true });
  assert.equal(run.stderr, '');
  assert.equal(run.exitCode, 1, 'the example has an error (the fake key), so the CLI fails');
  return (JSON.parse(run.stdout) as Array<{ filePath: string; messages: JsonMessage[] }>).map((result) => ({
    file: path.relative(EXAMPLE, result.filePath),
    messages: result.messages,
  }));
}

function actualRows(results: Array<{ file: string; messages: JsonMessage[] }>): Row[] {
  return results.flatMap(({ file, messages }) => {
    const lines = fs.readFileSync(path.join(EXAMPLE, file), 'utf8').split(/\r?\n/);
    return messages.map((message) => {
      assert.ok(message.ruleId, `unexpected notice in ${file}: ${message.message}`);
      const rest = lines[message.line - 1].slice(message.column - 1).replace(/^['"`]/, '');
      return { file, line: message.line, rule: message.ruleId, anchor: rest, severity: message.level };
    });
  });
}

function compare(actual: Row[], expected: Row[]): void {
  const key = (row: Row) => `${row.file}:${row.line} ${row.rule} ${row.severity}`;
  assert.deepEqual(actual.map(key).sort(), expected.map(key).sort());
  for (const row of expected) {
    const found = actual.find((candidate) => key(candidate) === key(row) && candidate.anchor.startsWith(row.anchor));
    assert.ok(found, `${key(row)} should start at \`${row.anchor}\``);
  }
}

describe('examples/chat-app matches EXPECTED.md', function () {
  this.timeout(60000);

  it('reports exactly the recommended findings, at the anchors', async () => {
    const expected = expectedRows('## Findings with the default configuration', 4);
    assert.equal(expected.length, 42, 'EXPECTED.md lists 42 findings');
    compare(actualRows(await lintExample('recommended')), expected);
  });

  it('adds vendor-env with the strict preset and raises severities', async () => {
    const base = expectedRows('## Findings with the default configuration', 5);
    const env = expectedRows('## Only with `extends: "strict"`', 4);
    compare(actualRows(await lintExample('strict')), [...base, ...env]);
  });

  it('never shows the fake key', async () => {
    const script = fs.readFileSync(path.join(EXAMPLE, 'scripts/backfill-summaries.js'), 'utf8');
    const key = /sk-proj-[A-Za-z0-9_-]+/.exec(script)![0];
    const secret = key.slice('sk-proj-'.length);
    const run = await runCli([EXAMPLE, '--format', 'json'], EXAMPLE);
    for (let i = 0; i + 8 <= secret.length; i++) assert.ok(!run.stdout.includes(secret.slice(i, i + 8)), 'no 8-character piece of the secret part');
    assert.ok(run.stdout.includes(`sk-proj-…${key.slice(-4)}`));
  });
});
