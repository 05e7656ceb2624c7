import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeSource, readSourceFileSync, sniffSource, type ReadOutcome } from '../../rules/files/read';
import { chmodBlocksReads, makeTempDir, removeTempDir } from './temp';

const MIB = 1024 * 1024;
const LIMIT = MIB;

const readers: [string, (filePath: string, maxBytes: number) => Promise<ReadOutcome>][] = [
  ['readSourceFileSync', async (filePath, maxBytes) => readSourceFileSync(filePath, maxBytes)],
];

for (const [name, read] of readers) {
  describe(`files/read: ${name}`, () => {
    let dir: string;
    beforeEach(() => (dir = makeTempDir()));
    afterEach(() => removeTempDir(dir));

    function write(fileName: string, content: string | Uint8Array): string {
      const filePath = path.join(dir, fileName);
      fs.writeFileSync(filePath, content);
      return filePath;
    }

    it('strips a UTF-8 BOM', async () => {
      const filePath = write('bom.ts', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("const a = 'é';\n")]));
      assert.deepEqual(await read(filePath, LIMIT), { ok: true, text: "const a = 'é';\n", invalidUtf8: false });
    });

    it('decodes UTF-16 LE with a BOM, including characters outside the BMP', async () => {
      const text = "const model = 'gpt-4o'; // café 😀\r\n";
      const filePath = write('le.ts', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      assert.deepEqual(await read(filePath, LIMIT), { ok: true, text, invalidUtf8: false });
    });

    it('decodes UTF-16 BE with a BOM', async () => {
      const text = "import OpenAI from 'openai'; // ü😀\n";
      const filePath = write('be.ts', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
      assert.deepEqual(await read(filePath, LIMIT), { ok: true, text, invalidUtf8: false });
    });

    it('leaves CRLF and lone CR line endings untouched', async () => {
      const text = 'const a = 1;\r\nconst b = 2;\rconst c = 3;\r\n';
      assert.deepEqual(await read(write('crlf.ts', text), LIMIT), { ok: true, text, invalidUtf8: false });
    });

    it('decodes invalid UTF-8 with replacement characters and flags it', async () => {
      const bytes = Buffer.concat([Buffer.from("const a = '"), Buffer.from([0xff, 0xc3]), Buffer.from("';\n")]);
      const outcome = await read(write('latin1.ts', bytes), LIMIT);
      assert.deepEqual(outcome, { ok: true, text: "const a = '\uFFFD\uFFFD';\n", invalidUtf8: true });
    });

    it('skips a file with a NUL byte in its first 8 KiB as binary', async () => {
      const bytes = Buffer.concat([Buffer.from('x'.repeat(8000)), Buffer.from([0]), Buffer.from('rest')]);
      assert.deepEqual(await read(write('image.ts', bytes), LIMIT), {
        ok: false,
        notice: 'skipped-binary',
        message: 'binary file (contains NUL bytes); skipped',
      });
    });

    it('reads a file whose first NUL byte comes after 8 KiB as text', async () => {
      const text = `${'x'.repeat(8192)}\0`;
      assert.deepEqual(await read(write('late-nul.ts', text), LIMIT), { ok: true, text, invalidUtf8: false });
    });

    it('skips a file larger than the limit, with both sizes in the message', async () => {
      // Sparse: 50 MB on paper, no blocks on disk. Reading it whole would still take a 50 MB buffer.
      const filePath = write('huge.min.js', '');
      fs.truncateSync(filePath, 50 * MIB);
      assert.deepEqual(await read(filePath, LIMIT), {
        ok: false,
        notice: 'skipped-large',
        message: '50 MB is larger than the 1 MB limit (maxFileSizeKB); skipped',
      });
    });

    it('rounds sizes to one decimal', async () => {
      const filePath = write('large.js', '');
      fs.truncateSync(filePath, Math.round(2.4 * MIB));
      assert.deepEqual(await read(filePath, LIMIT), {
        ok: false,
        notice: 'skipped-large',
        message: '2.4 MB is larger than the 1 MB limit (maxFileSizeKB); skipped',
      });
    });

    it('reads a file of exactly the limit', async () => {
      const text = 'a'.repeat(2048);
      assert.deepEqual(await read(write('exact.js', text), 2048), { ok: true, text, invalidUtf8: false });
    });

    it('gives exact byte counts when rounding would make size and limit look equal', async () => {
      const filePath = write('just-over.js', 'a'.repeat(LIMIT + 1));
      assert.deepEqual(await read(filePath, LIMIT), {
        ok: false,
        notice: 'skipped-large',
        message: '1,048,577 bytes is larger than the 1,048,576-byte limit (maxFileSizeKB); skipped',
      });
    });

    it('reports a file that vanished after it was listed', async () => {
      write('gone.ts', 'export {};\n');
      const [listed] = fs.readdirSync(dir);
      fs.rmSync(path.join(dir, listed));
      assert.deepEqual(await read(path.join(dir, listed), LIMIT), {
        ok: false,
        notice: 'vanished',
        message: 'the file was deleted or moved before it could be read',
      });
    });

    it('reports a path below a file as unreadable with the system message (ENOTDIR)', async () => {
      const filePath = write('not-a-folder.ts', 'export {};\n');
      assert.deepEqual(await read(path.join(filePath, 'child.ts'), LIMIT), {
        ok: false,
        notice: 'unreadable',
        message: 'not a directory',
      });
    });

    it('reports a folder passed as a file as unreadable', async () => {
      fs.mkdirSync(path.join(dir, 'folder.ts'));
      assert.deepEqual(await read(path.join(dir, 'folder.ts'), LIMIT), {
        ok: false,
        notice: 'unreadable',
        message: 'is a folder, not a file',
      });
    });

    it('reports a FIFO as unreadable instead of waiting for a writer', async function () {
      if (process.platform === 'win32') this.skip();
      const fifoPath = path.join(dir, 'pipe.ts');
      execFileSync('mkfifo', [fifoPath]);
      assert.deepEqual(await read(fifoPath, LIMIT), { ok: false, notice: 'unreadable', message: 'not a regular file' });
    });

    // As root (this project's CI container) chmod 000 does not stop reads, so this test skips itself there;
    // the ENOTDIR and folder tests above exercise the same unreadable path with errors root cannot bypass.
    it('reports a file without read permission as unreadable', async function () {
      if (!chmodBlocksReads(dir)) this.skip();
      const filePath = write('secret.ts', 'export {};\n');
      fs.chmodSync(filePath, 0o000);
      assert.deepEqual(await read(filePath, LIMIT), { ok: false, notice: 'unreadable', message: 'permission denied' });
    });
  });
}

describe('files/read: decodeSource', () => {
  it('flags UTF-16 with an odd trailing byte as invalid and keeps the text before it', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x41])]);
    assert.deepEqual(decodeSource(bytes), { text: 'ab\uFFFD', invalidUtf8: true });
  });

  it('treats a NUL code unit in UTF-16 text as binary', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\0b', 'utf16le')]);
    assert.deepEqual(decodeSource(bytes), { binary: true });
  });

  it('decodes an empty file to empty text', () => {
    assert.deepEqual(decodeSource(new Uint8Array(0)), { text: '', invalidUtf8: false });
  });
});

describe('files/read: sniffSource', () => {
  it('keeps UTF-8 as bytes without the BOM, flags invalid bytes, and detects binary', () => {
    const sniffed = sniffSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('const a = 1;\n')]));
    assert.ok(!('binary' in sniffed) && Buffer.isBuffer(sniffed.source));
    assert.equal(sniffed.source.toString(), 'const a = 1;\n');
    assert.equal(sniffed.invalidUtf8, false);
    const invalid = sniffSource(Buffer.from([0x61, 0xff, 0x62]));
    assert.ok(!('binary' in invalid) && invalid.invalidUtf8);
    assert.deepEqual(sniffSource(Buffer.from([0x61, 0, 0x62])), { binary: true });
  });

  it('decodes UTF-16 files, which cannot be searched as UTF-8 bytes', () => {
    const sniffed = sniffSource(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("import 'openai';", 'utf16le')]));
    assert.deepEqual(sniffed, { source: "import 'openai';", invalidUtf8: false });
  });
});
