import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from './lsp-client';

describe('language server smoke', function () {
  this.timeout(30_000);
  it('starts, reports a vendor call with its rule link, and shuts down', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-lsp-'));
    const client = new TestClient({ root });
    try {
      await client.initialize();
      const file = path.join(root, 'src/app.ts');
      const documentUri = await client.open(file, "import OpenAI from 'openai';\nconst c = new OpenAI();\nc.chat.completions.create({ model: 'gpt-4o', messages: [] });\n");
      const report = await client.pull(documentUri);
      assert.equal(report.kind, 'full');
      const items = report.kind === 'full' ? report.items : [];
      assert.deepEqual(items.map((item) => item.code).sort(), ['hardcoded-model', 'vendor-call', 'vendor-client', 'vendor-import']);
      const call = items.find((item) => item.code === 'vendor-call')!;
      assert.deepEqual(call.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 25 } });
      assert.equal(call.codeDescription?.href, 'https://github.com/aidlint/aidlint/blob/main/docs/rules/vendor-call.md');
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.process.kill();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
