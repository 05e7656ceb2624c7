import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { stylish } from '../../rules/cli/formatters/stylish';
import type { FileResult } from '../../rules/engine/types';
import { messageAt } from './helpers';

const cwd = path.resolve('/workspace/project');
const appSource = `import OpenAI from 'openai';\n${'//\n'.repeat(10)}    model: 'gpt-4o',\n`;
const utilSource = `// one\n// two\n// aidlint-disable-line vendor-call\n`;

const results: FileResult[] = [
  {
    filePath: path.join(cwd, 'src', 'app.ts'),
    messages: [
      messageAt(appSource, "'openai'", { ruleId: 'vendor-import', severity: 'warning', message: "Import of 'openai' outside the seam." }),
      messageAt(appSource, "'gpt-4o'", { ruleId: 'hardcoded-model', severity: 'error', message: "Model name 'gpt-4o' is hard-coded" }),
    ],
  },
  { filePath: path.join(cwd, 'src', 'clean.ts'), messages: [] },
  {
    filePath: path.join(cwd, 'lib', 'util.ts'),
    messages: [
      messageAt(utilSource, '// aidlint-disable-line', {
        ruleId: null,
        severity: 'info',
        message: 'Unused aidlint-disable-line directive (no vendor-call problem here).',
        notice: 'unused-directive',
      }),
    ],
  },
];

describe('stylish formatter', () => {
  it('groups problems by file with aligned 1-based positions and a summary', () => {
    const expected = [
      '',
      'src/app.ts',
      "   1:20  warning  Import of 'openai' outside the seam  vendor-import",
      "  12:12  error    Model name 'gpt-4o' is hard-coded    hardcoded-model",
      '',
      'lib/util.ts',
      '  3:1  info  Unused aidlint-disable-line directive (no vendor-call problem here)',
      '',
      '✖ 3 problems (1 error, 1 warning, 1 info)',
      '',
    ].join('\n');
    assert.equal(stylish(results, { cwd, color: false }), expected);
  });

  it('prints nothing for a clean run', () => {
    assert.equal(stylish([{ filePath: path.join(cwd, 'a.ts'), messages: [] }], { cwd, color: false }), '');
    assert.equal(stylish([], { cwd, color: true }), '');
  });

  it('uses singular words for counts of one and says 0 for absent severities', () => {
    const output = stylish([results[2]], { cwd, color: false });
    assert.match(output, /^✖ 1 problem \(0 errors, 0 warnings, 1 info\)$/m);
  });

  it('colours only when asked, without changing the layout', () => {
    const plain = stylish(results, { cwd, color: false });
    const coloured = stylish(results, { cwd, color: true });
    assert.equal(stripVTControlCharacters(plain), plain);
    assert.notEqual(coloured, plain);
    assert.equal(stripVTControlCharacters(coloured), plain);
    assert.ok(coloured.includes('\x1b[31merror\x1b[39m'), 'errors are red');
    assert.ok(coloured.includes('\x1b[4msrc/app.ts\x1b[24m'), 'file paths are underlined');
  });

  it('counts columns in UTF-16 code units, as editors do', () => {
    const source = "const label = '🤖'; const model = 'gpt-4o';\n";
    const output = stylish(
      [{ filePath: path.join(cwd, 'emoji.ts'), messages: [messageAt(source, "'gpt-4o'", { ruleId: 'hardcoded-model', severity: 'warning', message: 'Model' })] }],
      { cwd, color: false },
    );
    // "'gpt-4o'" starts after 34 UTF-16 code units (the emoji counts two; code points would give column 34).
    assert.match(output, /^ {2}1:35 {2}warning {2}Model {2}hardcoded-model$/m);
  });
});
