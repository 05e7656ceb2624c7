/**
 * The npm package as a user gets it: `npm pack` in the repository (its `prepare` bundles dist/), then
 * the tarball installed into a fresh project outside the repository, offline (it has no dependencies).
 * Done once per test run and shared by the packaging tests; removed when mocha ends.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './commands';

export const ROOT = path.resolve(__dirname, '../../..');
export const EXAMPLE = path.join(ROOT, 'examples/chat-app');
export const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
/** The fresh project's own version: a CLI that read the wrong package.json would print it. */
export const PROJECT_VERSION = '9.9.9';

export interface PackageJson {
  name: string;
  version: string;
  license?: string;
  private?: boolean;
  main?: string;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
  repository?: { url: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface PackedPackage {
  work: string;
  /** What `npm pack` printed on standard output. */
  packStdout: string;
  tarball: string;
  /** The tarball unpacked (its files under `package/`). */
  unpacked: string;
  /** The fresh project with the tarball installed; `chat-app/` in it is a copy of the bundled example. */
  project: string;
}

let packed: PackedPackage | undefined;

export function packedPackage(): PackedPackage {
  packed ??= packAndInstall();
  return packed;
}

after(() => {
  if (packed) fs.rmSync(packed.work, { recursive: true, force: true });
});

function packAndInstall(): PackedPackage {
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-npm-')));
  const packStdout = run('npm', ['pack', '--pack-destination', work], { cwd: ROOT });
  const tarball = path.join(work, `${MANIFEST.name}-${MANIFEST.version}.tgz`);
  const unpacked = path.join(work, 'unpacked');
  fs.mkdirSync(unpacked);
  run('tar', ['-xzf', tarball, '-C', unpacked]);

  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'fresh-project', version: PROJECT_VERSION, private: true }, null, 2));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', tarball], { cwd: project });
  fs.cpSync(EXAMPLE, path.join(project, 'chat-app'), { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  return { work, packStdout, tarball, unpacked, project };
}
