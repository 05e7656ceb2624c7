/**
 * Loads the TypeScript compiler (one 9 MB CommonJS file) through V8's code cache, which Node 22 offers as
 * `module.enableCompileCache()` and Node 20 only through `vm.Script`'s `cachedData`: compiling that file
 * is a large part of a scan's start (measured 0.75–1.1 s on a loaded 2-core machine, 0.25–0.4 s with the
 * cache). The cache is written when a run ends, so it also holds the functions that run compiled lazily;
 * it lives in the temporary folder, keyed by the file, its size and time, and Node's version, and V8
 * rejects data that does not fit (then the module compiles as usual and the cache is written again).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** `require(file)` through the code cache. */
export function requireWithCodeCache(file: string): unknown {
  const cacheFile = codeCacheFile(file);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // First run, or the cache was cleaned: compile as usual and write it at exit.
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const loaded = new Module(file, module);
  loaded.filename = file;
  loaded.paths = (Module as unknown as { _nodeModulePaths(folder: string): string[] })._nodeModulePaths(path.dirname(file));
  (script.runInThisContext() as (...args: unknown[]) => void).call(loaded.exports, loaded.exports, createRequire(file), loaded, file, path.dirname(file));
  loaded.loaded = true;
  // Later `require`s of the same file get this instance.
  require.cache[file] = loaded;
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCodeCache(cacheFile, script));
  return loaded.exports;
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
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
  } catch {
    // A read-only or full temporary folder: the next run compiles as usual.
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing to clean up.
    }
  }
}
