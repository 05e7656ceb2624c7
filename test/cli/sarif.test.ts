import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { sarif } from '../../rules/cli/formatters/sarif';
import { ruleIds, rules } from '../../rules/definitions/index';
import { ruleDocsUrl } from '../../rules/engine/rule';
import type { FileResult } from '../../rules/engine/types';
import { sarifValidator } from '../support/sarif-schema';
import { messageAt } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const cwd = path.resolve('/workspace/my project');
const source = "import OpenAI from 'openai';\nconst model = 'gpt-4o';\n";
const results: FileResult[] = [
  {
    filePath: path.join(cwd, 'src', 'chat bot.ts'),
    messages: [
      messageAt(source, "'openai'", { ruleId: 'vendor-import', severity: 'warning', message: 'Import' }),
      messageAt(source, "'gpt-4o'", { ruleId: 'hardcoded-model', severity: 'info', message: 'Model' }),
    ],
  },
  { filePath: path.join(cwd, 'clean.ts'), messages: [] },
  {
    filePath: path.resolve('/elsewhere/key.ts'),
    messages: [
      messageAt('const k = 1;', 'k', { ruleId: 'hardcoded-secret', severity: 'error', message: 'Key sk-…abcd' }),
      messageAt('const k = 1;', 'const', { ruleId: null, severity: 'info', message: 'Unused directive', notice: 'unused-directive' }),
      messageAt('const k = 1;', '1', { ruleId: null, severity: 'warning', message: 'Syntax error', notice: 'syntax-error' }),
      messageAt('const k = 1;', '=', { ruleId: null, severity: 'info', message: 'Another unused', notice: 'unused-directive' }),
    ],
  },
];

describe('sarif formatter', () => {
  const log = JSON.parse(sarif(results, { cwd, color: true })) as Sarif.Log;
  const [run] = log.runs;

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    assert.equal(validate(JSON.parse(sarif([], { cwd, color: false }))), true, JSON.stringify(validate.errors, null, 2));
  });

  it('names the tool, its version and every rule with docs and default level', () => {
    const { driver } = run.tool;
    const packageVersion = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    assert.equal(driver.name, 'aidlint');
    assert.equal(driver.version, packageVersion);
    assert.deepEqual(
      driver.rules?.map((rule) => rule.id),
      ruleIds,
    );
    const secret = driver.rules?.find((rule) => rule.id === 'hardcoded-secret');
    assert.equal(secret?.helpUri, ruleDocsUrl('hardcoded-secret'));
    assert.equal(secret?.shortDescription?.text, rules['hardcoded-secret'].meta.docs.description);
    assert.equal(secret?.defaultConfiguration?.level, 'error');
    const vendorEnv = driver.rules?.find((rule) => rule.id === 'vendor-env');
    assert.equal(vendorEnv?.defaultConfiguration?.enabled, false);
  });

  it('reports findings with rule index, level and a 1-based region relative to %SRCROOT%', () => {
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%'].uri, `${pathToFileURL(cwd).href}/`);
    const results = run.results ?? [];
    assert.deepEqual(
      results.map((result) => [result.ruleId, result.level, run.tool.driver.rules?.[result.ruleIndex!].id]),
      [
        ['vendor-import', 'warning', 'vendor-import'],
        ['hardcoded-model', 'note', 'hardcoded-model'],
        ['hardcoded-secret', 'error', 'hardcoded-secret'],
      ],
    );
    assert.deepEqual(results[1].locations?.[0].physicalLocation, {
      artifactLocation: { uri: 'src/chat%20bot.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 15, endLine: 2, endColumn: 23 },
    });
    assert.deepEqual(results[2].locations?.[0].physicalLocation?.artifactLocation, { uri: pathToFileURL('/elsewhere/key.ts').href });
    assert.equal(results[2].message.text, 'Key sk-…abcd');
  });

  it('turns file notices into tool execution notifications that refer to a descriptor of their kind', () => {
    const notifications = run.invocations?.[0].toolExecutionNotifications ?? [];
    assert.equal(run.invocations?.[0].executionSuccessful, true);
    assert.deepEqual(
      notifications.map((notification) => [notification.level, notification.message.text]),
      [
        ['note', 'Unused directive'],
        ['warning', 'Syntax error'],
        ['note', 'Another unused'],
      ],
    );
    const kinds = run.tool.driver.notifications?.map((descriptor) => descriptor.id);
    assert.deepEqual(kinds, ['unused-directive', 'syntax-error']);
    for (const notification of notifications) {
      assert.equal(kinds?.[notification.descriptor!.index!], notification.descriptor?.id);
    }
    assert.equal(notifications[1].descriptor?.id, 'syntax-error');
  });
});
