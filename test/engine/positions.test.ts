import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { LineMap } from '../../rules/engine/text';
import type { LintMessage, Position } from '../../rules/engine/types';
import { makeTempDir, removeTempDir } from '../files/temp';
import { lintProject } from '../rule-tester';
import { scanFolder, writeFiles } from '../scan/workspace';

/** Where a message is: rule (or notice), zero-based [line, character] of start and end, and the text it covers. */
interface Located {
  rule: string;
  start: [number, number];
  end: [number, number];
  text: string;
}

function locate(messages: LintMessage[], text: string): Located[] {
  return messages.map((message) => ({
    rule: message.ruleId ?? message.notice ?? 'notice',
    start: [message.range.start.line, message.range.start.character],
    end: [message.range.end.line, message.range.end.character],
    text: text.slice(message.offset.start, message.offset.end),
  }));
}

/**
 * An oracle independent of LineMap: the position of an offset counted the way LSP does, with a regular
 * expression for the line breaks (\r\n, \r, \n and nothing else). Not for offsets inside a CRLF pair.
 */
function oraclePosition(text: string, offset: number): Position {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** Between \r and \n: no editor position points there. */
function insideCrlf(text: string, offset: number): boolean {
  return text[offset - 1] === '\r' && text[offset] === '\n';
}

/** Lints `code` as a TypeScript file and checks every range against the oracle before returning the locations. */
function lintAndLocate(code: string): Located[] {
  const { messages, text } = lintProject({ code });
  for (const message of messages) {
    assert.deepEqual(message.range, { start: oraclePosition(text, message.offset.start), end: oraclePosition(text, message.offset.end) });
  }
  return locate(messages, text);
}

describe('positions of findings (LSP lines and UTF-16 characters)', () => {
  it('counts CRLF as one line break', () => {
    const code =
      "import OpenAI from 'openai';\r\nconst client = new OpenAI();\r\n\r\nawait client.chat.completions.create({ model: 'gpt-4o' });\r\n";
    assert.deepEqual(lintAndLocate(code), [
      { rule: 'vendor-import', start: [0, 19], end: [0, 27], text: "'openai'" },
      { rule: 'vendor-client', start: [1, 19], end: [1, 25], text: 'OpenAI' },
      { rule: 'vendor-call', start: [3, 6], end: [3, 36], text: 'client.chat.completions.create' },
      { rule: 'hardcoded-model', start: [3, 46], end: [3, 54], text: "'gpt-4o'" },
    ]);
  });

  it('counts a lone CR as a line break, and LF CRLF as two', () => {
    const code = "import OpenAI from 'openai';\rconst client = new OpenAI();\n\r\nconst url = 'https://api.openai.com/v1';";
    assert.deepEqual(lintAndLocate(code), [
      { rule: 'vendor-import', start: [0, 19], end: [0, 27], text: "'openai'" },
      { rule: 'vendor-client', start: [1, 19], end: [1, 25], text: 'OpenAI' },
      { rule: 'hardcoded-endpoint', start: [3, 12], end: [3, 39], text: "'https://api.openai.com/v1'" },
    ]);
  });

  it('does not break lines at U+2028 in a string or a comment (JavaScript does, LSP does not)', () => {
    const code = [
      "const note = 'a\u2028b'; /* see\u2028below */ const url = 'https://api.openai.com/v1';",
      // U+2028 ends a // comment for the parser, so what follows is code, still on the same LSP line.
      "// end of line\u2028const other = 'https://api.openai.com/v2';",
      "const after = 'https://x.openai.azure.com';",
    ].join('\n');
    assert.deepEqual(lintAndLocate(code), [
      { rule: 'hardcoded-endpoint', start: [0, 48], end: [0, 75], text: "'https://api.openai.com/v1'" },
      { rule: 'hardcoded-endpoint', start: [1, 29], end: [1, 56], text: "'https://api.openai.com/v2'" },
      { rule: 'hardcoded-endpoint', start: [2, 14], end: [2, 42], text: "'https://x.openai.azure.com'" },
    ]);
  });

  it('counts characters outside the BMP (emoji) as two UTF-16 units, before and inside a range', () => {
    const code = "const greeting = '👋🌍'; const url = 'https://api.openai.com/v1';\nconst tagged = 'https://api.openai.com/v1?tag=🚀';\n";
    assert.deepEqual(lintAndLocate(code), [
      { rule: 'hardcoded-endpoint', start: [0, 37], end: [0, 64], text: "'https://api.openai.com/v1'" },
      { rule: 'hardcoded-endpoint', start: [1, 15], end: [1, 49], text: "'https://api.openai.com/v1?tag=🚀'" },
    ]);
  });

  it('counts an identifier made of characters outside the BMP in UTF-16 units', () => {
    const code = "import OpenAI from 'openai';\nconst 𝒜 = new OpenAI(); 𝒜.chat.completions.create({ model: 'gpt-4o' });\n";
    assert.deepEqual(lintAndLocate(code), [
      { rule: 'vendor-import', start: [0, 19], end: [0, 27], text: "'openai'" },
      { rule: 'vendor-client', start: [1, 15], end: [1, 21], text: 'OpenAI' },
      { rule: 'vendor-call', start: [1, 25], end: [1, 51], text: '𝒜.chat.completions.create' },
      { rule: 'hardcoded-model', start: [1, 61], end: [1, 69], text: "'gpt-4o'" },
    ]);
  });

  describe('read from disk by scan()', () => {
    let root: string;
    beforeEach(() => (root = makeTempDir()));
    afterEach(() => removeTempDir(root));

    it('strips a UTF-8 BOM (and decodes UTF-16) so columns match the editor', async () => {
      const text = "import OpenAI from 'openai';\r\nexport const client = new OpenAI({ baseURL: 'https://api.openai.com/v1' });\r\n";
      writeFiles(root, {
        'src/plain.ts': text,
        'src/utf8-bom.ts': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
        'src/utf16-bom.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      });
      const { results } = await scanFolder(root);
      assert.deepEqual(
        results.map((result) => path.basename(result.filePath)),
        ['plain.ts', 'utf16-bom.ts', 'utf8-bom.ts'],
      );
      const expected = [
        { rule: 'vendor-import', start: [0, 19], end: [0, 27], text: "'openai'" },
        { rule: 'vendor-client', start: [1, 26], end: [1, 32], text: 'OpenAI' },
        { rule: 'hardcoded-endpoint', start: [1, 44], end: [1, 71], text: "'https://api.openai.com/v1'" },
      ];
      for (const result of results) assert.deepEqual(locate(result.messages, text), expected, path.basename(result.filePath));
    });
  });
});

describe('LineMap', () => {
  const mixed = "a\r\nb\rc\nd\u2028e😀f\r\n\n";

  it('agrees with the oracle for every offset that is not inside a CRLF pair', () => {
    const lineMap = new LineMap(mixed);
    for (let offset = 0; offset <= mixed.length; offset++) {
      if (insideCrlf(mixed, offset)) continue;
      assert.deepEqual(lineMap.positionAt(offset), oraclePosition(mixed, offset), `offset ${offset}`);
    }
  });

  it('round-trips every offset that is not inside a CRLF pair', () => {
    const lineMap = new LineMap(mixed);
    for (let offset = 0; offset <= mixed.length; offset++) {
      if (insideCrlf(mixed, offset)) continue;
      assert.equal(lineMap.offsetAt(lineMap.positionAt(offset)), offset, `offset ${offset}`);
    }
  });

  it('breaks lines at \\r\\n, \\r and \\n only', () => {
    assert.equal(new LineMap('a\r\nb').lineCount, 2);
    assert.equal(new LineMap('a\rb').lineCount, 2);
    assert.equal(new LineMap('a\r\rb').lineCount, 3);
    assert.equal(new LineMap('a\n\rb').lineCount, 3);
    assert.equal(new LineMap('a\u2028b\u2029c\u0085d').lineCount, 1);
    assert.deepEqual(new LineMap('a\rb').positionAt(2), { line: 1, character: 0 });
  });

  it('handles empty text', () => {
    const lineMap = new LineMap('');
    assert.equal(lineMap.lineCount, 1);
    assert.deepEqual(lineMap.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lineMap.positionAt(5), { line: 0, character: 0 });
    assert.equal(lineMap.offsetAt({ line: 0, character: 0 }), 0);
    assert.equal(lineMap.offsetAt({ line: 3, character: 4 }), 0);
    assert.deepEqual(lineMap.rangeOf(0, 0), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });

  it('handles the end of the text, with and without a final line break', () => {
    const open = new LineMap('ab\ncd');
    assert.deepEqual(open.positionAt(5), { line: 1, character: 2 });
    assert.equal(open.offsetAt({ line: 1, character: 2 }), 5);
    assert.equal(open.offsetAt({ line: 9, character: 0 }), 5);

    const closed = new LineMap('ab\r\n');
    assert.equal(closed.lineCount, 2);
    assert.deepEqual(closed.positionAt(4), { line: 1, character: 0 });
    assert.equal(closed.offsetAt({ line: 1, character: 0 }), 4);
  });

  it('clamps offsets outside the text', () => {
    const lineMap = new LineMap('ab\ncd');
    assert.deepEqual(lineMap.positionAt(-3), { line: 0, character: 0 });
    assert.deepEqual(lineMap.positionAt(99), { line: 1, character: 2 });
  });

  // LSP: "If the character value is greater than the line length it defaults back to the line length."
  it('stops a character past the end of a line at that line end, before its line break', () => {
    const lineMap = new LineMap('ab\r\ncd\nef');
    assert.equal(lineMap.offsetAt({ line: 0, character: 3 }), 2, 'never between \\r and \\n');
    assert.equal(lineMap.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(lineMap.offsetAt({ line: 1, character: 99 }), 6);
    assert.equal(lineMap.offsetAt({ line: 2, character: 99 }), 9);
  });

  it('gives the start offset of a line, clamped to the first and last line', () => {
    const lineMap = new LineMap('ab\r\ncd\nef');
    assert.deepEqual([0, 1, 2].map((line) => lineMap.lineStart(line)), [0, 4, 7]);
    assert.equal(lineMap.lineStart(-1), 0);
    assert.equal(lineMap.lineStart(7), 7);
  });
});
