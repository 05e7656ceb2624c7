/**
 * Real packages for tests that type-check and run generated code against them (the `openai` SDK,
 * `typescript`): installed once with npm into a cache folder outside the repository and re-used by every
 * later run. Specs must pin exact versions (`openai@6.49.0`), so a cached folder never goes stale.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const CACHE_ROOT = path.join(os.homedir(), '.cache', 'aidlint-test-sdks');
const EXACT_SPEC = /^(?:@[\w.-]+\/)?[\w.-]+@\d+\.\d+\.\d+(?:-[\w.-]+)?$/;

/** Installs the packages (once) and returns the `node_modules` folder that holds them. */
export async function installPackages(specs: string[]): Promise<string> {
  const inexact = specs.filter((spec) => !EXACT_SPEC.test(spec));
  if (inexact.length > 0) throw new Error(`pin exact versions: ${inexact.join(', ')}`);
  const sorted = [...specs].sort();
  const key = createHash('sha256').update(sorted.join('\n')).digest('hex').slice(0, 16);
  const target = path.join(CACHE_ROOT, key);
  const nodeModules = path.join(target, 'node_modules');
  if (fs.existsSync(target)) return nodeModules;

  // Install into a fresh folder and rename it into place when complete, so a concurrent or interrupted
  // run never sees a half-installed cache.
  fs.mkdirSync(CACHE_ROOT, { recursive: true });
  const staging = fs.mkdtempSync(path.join(CACHE_ROOT, `${key}-staging-`));
  try {
    fs.writeFileSync(path.join(staging, 'package.json'), '{ "private": true }\n');
    await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact', ...sorted], {
      cwd: staging,
      maxBuffer: 16 * 1024 * 1024,
    });
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another run may have finished the same install first.
    if (fs.existsSync(target)) return nodeModules;
    throw error;
  }
  return nodeModules;
}
