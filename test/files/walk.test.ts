import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NoticeKind } from '../../rules/engine/types';
import { walkFiles, type WalkOptions } from '../../rules/files/walk';
import { chmodBlocksReads, makeTempDir, removeTempDir } from './temp';

interface Notice {
  filePath: string;
  kind: NoticeKind;
  message: string;
}

describe('files/walk', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => {
    for (const locked of lockedFolders.splice(0)) fs.chmodSync(locked, 0o755);
    removeTempDir(dir);
  });
  const lockedFolders: string[] = [];

  /** Creates files (content = path) and folders (trailing `/`) below the temp dir. */
  function tree(...entries: string[]): void {
    for (const entry of entries) {
      const target = path.join(dir, entry);
      if (entry.endsWith('/')) {
        fs.mkdirSync(target, { recursive: true });
      } else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, entry);
      }
    }
  }

  function link(linkName: string, target: string): void {
    fs.symlinkSync(target, path.join(dir, linkName));
  }

  const at = (...parts: string[]): string => path.join(dir, ...parts);

  async function walk(roots: string[], overrides: Partial<WalkOptions> = {}): Promise<{ files: string[]; notices: Notice[] }> {
    const notices: Notice[] = [];
    const files = await walkFiles({
      roots,
      isExcludedDirectory: (dirPath) => path.basename(dirPath) === 'node_modules',
      isCandidateFile: (filePath) => filePath.endsWith('.ts'),
      onNotice: (filePath, kind, message) => notices.push({ filePath, kind, message }),
      ...overrides,
    });
    return { files, notices };
  }

  it('returns candidate files below a folder as sorted absolute paths', async () => {
    tree('src/b.ts', 'src/a.ts', 'src/nested/deep/c.ts', 'src/readme.md', 'z.ts');
    const { files, notices } = await walk([dir]);
    assert.deepEqual(files, [at('src/a.ts'), at('src/b.ts'), at('src/nested/deep/c.ts'), at('z.ts')]);
    assert.deepEqual(notices, []);
  });

  it('resolves relative roots against the working directory', async () => {
    tree('src/a.ts');
    const { files } = await walk([path.relative(process.cwd(), at('src'))]);
    assert.deepEqual(files, [at('src/a.ts')]);
  });

  it('skips excluded folders, listing only their top (for their own config) and nothing below', async () => {
    tree('src/a.ts', 'node_modules/openai/index.ts', 'node_modules/openai/lib/deep/x.ts');
    const asked: string[] = [];
    const listed: string[] = [];
    const { files } = await walk([dir], {
      onListed: (dirPath) => listed.push(dirPath),
      isExcludedDirectory: (dirPath) => {
        asked.push(dirPath);
        return path.basename(dirPath) === 'node_modules';
      },
      isCandidateFile: (filePath) => {
        asked.push(filePath);
        return filePath.endsWith('.ts');
      },
    });
    assert.deepEqual(files, [at('src/a.ts')]);
    // Nothing inside node_modules was offered to a callback or listed.
    assert.deepEqual([...asked, ...listed].filter((asked) => asked.startsWith(at('node_modules') + path.sep)), []);
    assert.ok(asked.includes(at('node_modules')));
    assert.deepEqual(listed.sort(), [dir, at('node_modules'), at('src')]);
  });

  it("tells each folder's names before asking whether the folder is excluded", async () => {
    tree('src/aidlint.json', 'src/a.ts', 'src/lib/b.ts');
    const events: string[] = [];
    await walk([dir], {
      onListed: (dirPath, names) => events.push(`listed ${path.relative(dir, dirPath)}: ${[...names].sort().join(',')}`),
      isExcludedDirectory: (dirPath) => {
        events.push(`excluded? ${path.relative(dir, dirPath)}`);
        return false;
      },
    });
    assert.deepEqual(events, ['listed : src', 'listed src: a.ts,aidlint.json,lib', 'excluded? src', 'listed src/lib: b.ts', 'excluded? src/lib']);
  });

  it('returns explicitly named files even when they are not candidates, once each', async () => {
    tree('scripts/setup.txt', 'src/a.ts');
    const { files, notices } = await walk([at('scripts/setup.txt'), at('src'), at('src/a.ts')]);
    assert.deepEqual(files, [at('scripts/setup.txt'), at('src/a.ts')]);
    assert.deepEqual(notices, []);
  });

  it('reports a missing root and still walks the others', async () => {
    tree('src/a.ts');
    const { files, notices } = await walk([at('missing'), at('src')]);
    assert.deepEqual(files, [at('src/a.ts')]);
    assert.deepEqual(notices, [{ filePath: at('missing'), kind: 'unreadable', message: 'no such file or folder' }]);
  });

  it('walks nested roots once, in either order, without notices', async () => {
    tree('src/a.ts', 'src/lib/b.ts', 'c.ts');
    for (const roots of [[dir, at('src')], [at('src'), dir]]) {
      const offered: string[] = [];
      const { files, notices } = await walk(roots, {
        isCandidateFile: (filePath) => {
          offered.push(filePath);
          return true;
        },
      });
      assert.deepEqual(files, [at('c.ts'), at('src/a.ts'), at('src/lib/b.ts')]);
      assert.deepEqual(offered.sort(), files, 'each file is listed once');
      assert.deepEqual(notices, []);
    }
  });

  it('follows links to files and to folders outside the tree', async () => {
    tree('outside/shared/util.ts', 'outside/config.ts', 'project/src/a.ts');
    link('project/src/shared', at('outside/shared'));
    link('project/src/config.ts', at('outside/config.ts'));
    const { files, notices } = await walk([at('project')]);
    assert.deepEqual(files, [at('project/src/a.ts'), at('project/src/config.ts'), at('project/src/shared/util.ts')]);
    assert.deepEqual(notices, []);
  });

  it('skips a symlink loop (a → ., b → a) with one notice per link', async () => {
    tree('src/a.ts');
    link('src/a', '.');
    link('src/b', 'a');
    const { files, notices } = await walk([at('src')]);
    assert.deepEqual(files, [at('src/a.ts')]);
    const message = `loops back to its parent folder ${at('src')} through a symbolic link; not followed`;
    assert.deepEqual(notices, [
      { filePath: at('src/a'), kind: 'symlink-loop', message },
      { filePath: at('src/b'), kind: 'symlink-loop', message },
    ]);
  });

  it('walks a folder reached by two links once, under the first link in sorted order', async () => {
    tree('outside/shared/util.ts', 'project/a.ts');
    link('project/link-2', at('outside/shared'));
    link('project/link-1', at('outside/shared'));
    const { files, notices } = await walk([at('project')]);
    assert.deepEqual(files, [at('project/a.ts'), at('project/link-1/util.ts')]);
    assert.deepEqual(notices, [
      {
        filePath: at('project/link-2'),
        kind: 'symlink-loop',
        message: `folder already scanned as ${at('project/link-1')}, reached again through a symbolic link; not followed`,
      },
    ]);
  });

  it('prefers the plain folder over a link to it, whichever is listed first', async () => {
    tree('project/real/x.ts');
    link('project/a-link', 'real');
    const { files, notices } = await walk([at('project')]);
    assert.deepEqual(files, [at('project/real/x.ts')]);
    assert.deepEqual(notices.map((notice) => [notice.filePath, notice.kind]), [[at('project/a-link'), 'symlink-loop']]);
  });

  it('stops below a link to a folder above the root where it reaches the root again', async () => {
    tree('project/package.ts', 'project/src/a.ts');
    link('project/src/up', '..');
    const { files, notices } = await walk([at('project/src')]);
    assert.deepEqual(files, [at('project/src/a.ts'), at('project/src/up/package.ts')]);
    assert.deepEqual(notices, [
      {
        filePath: at('project/src/up/src'),
        kind: 'symlink-loop',
        message: `loops back to its parent folder ${at('project/src')} through a symbolic link; not followed`,
      },
    ]);
  });

  it('reports a link that resolves to itself and a broken link to a candidate file', async () => {
    tree('src/a.ts');
    link('src/self.ts', 'self.ts');
    link('src/broken.ts', 'missing.ts');
    link('src/broken-other', 'missing');
    const { files, notices } = await walk([at('src')]);
    assert.deepEqual(files, [at('src/a.ts')]);
    assert.deepEqual(
      notices.sort((a, b) => a.filePath.localeCompare(b.filePath)),
      [
        { filePath: at('src/broken.ts'), kind: 'unreadable', message: 'symbolic link to a file or folder that does not exist' },
        { filePath: at('src/self.ts'), kind: 'symlink-loop', message: 'symbolic link resolves to itself; not followed' },
      ],
    );
  });

  it('ignores a folder that vanishes between being listed and being read', async () => {
    tree('src/a.ts', 'src/gone/b.ts');
    const { files, notices } = await walk([at('src')], {
      // Called after `src` was listed and before `gone` is: the moment a concurrent delete would hit.
      onListed: (dirPath) => {
        if (dirPath === at('src')) fs.rmSync(at('src/gone'), { recursive: true });
      },
    });
    assert.deepEqual(files, [at('src/a.ts')]);
    assert.deepEqual(notices, []);
  });

  // As root (this project's CI container) chmod 000 does not stop listing, so this test skips itself there.
  it('reports an unreadable folder and continues the walk', async function () {
    if (!chmodBlocksReads(dir)) this.skip();
    tree('src/a.ts', 'src/locked/b.ts');
    fs.chmodSync(at('src/locked'), 0o000);
    lockedFolders.push(at('src/locked'));
    const { files, notices } = await walk([at('src')]);
    assert.deepEqual(files, [at('src/a.ts')]);
    assert.deepEqual(notices, [{ filePath: at('src/locked'), kind: 'unreadable', message: 'permission denied' }]);
  });

  it('reports nothing for an unreadable folder that is excluded', async function () {
    if (!chmodBlocksReads(dir)) this.skip();
    tree('src/a.ts', 'node_modules/x/b.ts');
    fs.chmodSync(at('node_modules'), 0o000);
    lockedFolders.push(at('node_modules'));
    const { files, notices } = await walk([dir]);
    assert.deepEqual(files, [at('src/a.ts')]);
    assert.deepEqual(notices, []);
  });
});
