import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { redactKey } from '../../rules/vendors/patterns';
import { FIXTURES } from './helpers';
import { runCli } from './run-cli';

const SECRETS = path.join(FIXTURES, 'secrets');
// The fake keys written in secrets/src/keys.ts.
const OPENAI_KEY = 'sk-proj-Q7vR2mXk9LpT4wZ8nB3cY6hJ1fD5sG0aE2uI7oK4';
const AZURE_KEY = '3f9a6c1e8b7d4052a1c9e6f3b8d2a7c4';

/** Every 8-character piece of the key, except the well-known prefix that redaction keeps (`sk-proj-…oK4`). */
function secretPieces(key: string): string[] {
  const pieces = Array.from({ length: key.length - 7 }, (_, index) => key.slice(index, index + 8));
  return pieces.filter((piece) => piece !== 'sk-proj-');
}

describe('key redaction in CLI output', function () {
  this.timeout(20000);

  for (const format of ['stylish', 'json', 'sarif']) {
    it(`never shows a key in ${format} output`, async () => {
      const run = await runCli(['--format', format, '--color'], SECRETS);
      assert.equal(run.exitCode, 1, 'hardcoded-secret is an error');
      assert.ok(run.stdout.includes(redactKey(OPENAI_KEY)), 'the OpenAI key is reported, redacted');
      assert.ok(run.stdout.includes(redactKey(AZURE_KEY)), 'the Azure key is reported, redacted');
      const output = run.stdout + run.stderr;
      for (const piece of [...secretPieces(OPENAI_KEY), ...secretPieces(AZURE_KEY)]) {
        assert.ok(!output.includes(piece), `output contains '${piece}'`);
      }
    });
  }
});
