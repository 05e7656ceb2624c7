/**
 * A large real code base that uses no AI vendor must produce no findings: the installed sources of
 * ESLint and typescript-eslint (about 1,600 files of real JavaScript and TypeScript declarations).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigResolver } from '../../rules/config/resolve';
import { scan } from '../../rules/scan/scan';

const NODE_MODULES = path.resolve(__dirname, '../../../node_modules');

describe('scan of real code without vendor use', function () {
  this.timeout(60_000);

  it('reports nothing in ESLint and typescript-eslint', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-real-'));
    try {
      // The default config excludes node_modules; this one lints them.
      const configFile = path.join(dir, 'aidlint.json');
      fs.writeFileSync(configFile, JSON.stringify({ exclude: [] }));
      const configs = new ConfigResolver({ workspaceRoot: NODE_MODULES, configFile });
      const { results } = await scan({ paths: ['eslint', '@typescript-eslint'], cwd: NODE_MODULES, configs });
      assert.deepEqual(configs.problems(), []);
      assert.ok(results.length > 1000, `linted ${results.length} files`);
      const findings = results.flatMap((result) => result.messages.map((message) => `${path.relative(NODE_MODULES, result.filePath)}: ${message.ruleId ?? message.notice} ${message.message}`));
      assert.deepEqual(findings, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
