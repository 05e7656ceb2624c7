/**
 * Loads a large CommonJS file through V8's code cache, which Node 22 offers as `module.enableCompileCache()`
 * and Node 20 only through `vm.Script`'s `cachedData`. Two files are loaded so: the TypeScript compiler
 * (9 MB; bundled, `dist/typescript.js`), and the npm package's CLI bundle, which `dist/aidlint.js` loads.
 * Compiling such a file is a large part of a run's start (TypeScript: measured 0.75–1.1 s on a loaded
 * 2-core machine, 0.25–0.4 s with the cache). The cache is written when a run ends,
 * so it also holds the functions that ran compiled lazily; it lives in the temporary folder, keyed by the
 * file, its size and time, and Node's version, and V8 rejects data that does not fit (then the module
 * compiles as usual and the cache is written again). A cache file is touched when used, and one unused
 * for a month is removed when another is written, so installs that are gone do not fill the folder.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

const UNUSED_FOR_MS = 30 * 24 * 60 * 60 * 1000;

/** `require(file)` through the code cache. */
export function requireWithCodeCache(file: string): unknown {
  const cacheFile = codeCacheFile(file);
  const usable = isOwnFolder(path.dirname(cacheFile));
  let cachedData: Buffer | undefined;
  try {
    if (usable) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // First run, or the cache was cleaned: compile as usual and write it at exit.
  }
  const script = new vm.Script(Module.wrap(withoutHashbang(fs.readFileSync(file, 'utf8'))), { filename: file, cachedData });
  const loaded = new Module(file, module);
  loaded.filename = file;
  loaded.paths = (Module as unknown as { _nodeModulePaths(folder: string): string[] })._nodeModulePaths(path.dirname(file));
  (script.runInThisContext() as (...args: unknown[]) => void).call(loaded.exports, loaded.exports, createRequire(file), loaded, file, path.dirname(file));
  loaded.loaded = true;
  // Later `require`s of the same file get this instance.
  require.cache[file] = loaded;
  if (usable && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeCodeCache(cacheFile, script));
  else if (cachedData) touch(cacheFile);
  return loaded.exports;
}

/** A bin's `#!` line is valid only at the very start of a script, not inside the module wrapper; kept as a comment so lines stay. */
function withoutHashbang(source: string): string {
  return source.startsWith('#!') ? `//${source}` : source;
}

function codeCacheFile(file: string): string {
  const stats = fs.statSync(file);
  const key = createHash('sha1').update(`${file}\0${stats.size}\0${stats.mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  const user = typeof process.getuid === 'function' ? process.getuid() : os.userInfo().username;
  return path.join(os.tmpdir(), `aidlint-code-cache-${user}`, `${path.basename(file, '.js')}-${key}.bin`);
}

function writeCodeCache(cacheFile: string, script: vm.Script): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
    removeUnused(path.dirname(cacheFile));
  } catch {
    // A read-only or full temporary folder: the next run compiles as usual.
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing to clean up.
    }
  }
}

/**
 * V8 runs cached code without checking it, so the folder must be the user's alone: in a shared temporary
 * folder another user could have made it first. Missing is fine (it is made private when written).
 */
function isOwnFolder(folder: string): boolean {
  const stats = fs.statSync(folder, { throwIfNoEntry: false });
  if (!stats || typeof process.getuid !== 'function') return true;
  return stats.isDirectory() && stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

function touch(cacheFile: string): void {
  try {
    const now = new Date();
    fs.utimesSync(cacheFile, now, now);
  } catch {
    // Read-only: it may be removed as unused one day, and written again then.
  }
}

/** Cache files of installs or Node versions unused for a month. */
function removeUnused(folder: string): void {
  const before = Date.now() - UNUSED_FOR_MS;
  for (const name of fs.readdirSync(folder)) {
    const file = path.join(folder, name);
    const stats = fs.statSync(file, { throwIfNoEntry: false });
    if (stats?.isFile() && stats.mtimeMs < before) fs.rmSync(file, { force: true });
  }
}
