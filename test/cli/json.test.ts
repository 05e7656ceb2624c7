import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { json } from '../../rules/cli/formatters/json';
import type { FileResult } from '../../rules/engine/types';
import { messageAt } from './helpers';

const cwd = path.resolve('/workspace/project');
const source = "import OpenAI from 'openai';\nconst c = new OpenAI({ apiVersion: '2024-10-21' });\n";

const appResult: FileResult = {
  filePath: path.join(cwd, 'src', 'app.ts'),
  messages: [
    messageAt(source, "'openai'", { ruleId: 'vendor-import', severity: 'warning', message: 'Import' }),
    messageAt(source, 'new OpenAI', { ruleId: 'vendor-client', severity: 'error', message: 'Client' }),
    messageAt(source, "'2024-10-21'", { ruleId: 'hardcoded-api-version', severity: 'info', message: 'Version' }),
  ],
  source,
};
const brokenResult: FileResult = {
  filePath: path.join(cwd, 'src', 'broken.ts'),
  messages: [messageAt('let = ;', '=', { ruleId: null, severity: 'error', message: 'Cannot read', notice: 'unreadable' })],
};

describe('json formatter', () => {
  const report = JSON.parse(json([appResult, brokenResult], { cwd, color: true }));

  it('writes ESLint-shaped results with 1-based positions and an exclusive end column', () => {
    assert.deepEqual(report[0], {
      filePath: appResult.filePath,
      messages: [
        { ruleId: 'vendor-import', severity: 1, level: 'warning', message: 'Import', line: 1, column: 20, endLine: 1, endColumn: 28 },
        { ruleId: 'vendor-client', severity: 2, level: 'error', message: 'Client', line: 2, column: 11, endLine: 2, endColumn: 21 },
        { ruleId: 'hardcoded-api-version', severity: 1, level: 'info', message: 'Version', line: 2, column: 36, endLine: 2, endColumn: 48 },
      ],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 1,
      infoCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    });
  });

  it('never includes the file text', () => {
    assert.equal('source' in report[0], false);
  });

  it('marks error-level file notices as fatal, as ESLint marks files it could not lint', () => {
    assert.equal(report[1].fatalErrorCount, 1);
    assert.equal(report[1].messages[0].fatal, true);
    assert.equal(report[1].messages[0].ruleId, null);
  });

  it('keeps clean files, with zero counts', () => {
    const [clean] = JSON.parse(json([{ filePath: path.join(cwd, 'ok.ts'), messages: [] }], { cwd, color: false }));
    assert.deepEqual(clean.messages, []);
    assert.equal(clean.errorCount + clean.warningCount + clean.infoCount, 0);
  });
});
