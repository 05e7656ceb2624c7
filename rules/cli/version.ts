import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

let version: string | undefined;

/**
 * Read at run time from the nearest package.json above this file: the repository's when it runs from
 * out/rules/cli/, the installed package's when it runs bundled in dist/ (npm package or .vsix). A fixed
 * number of `..` would reach the user's project from node_modules/aidlint/dist/.
 */
export function aidlintVersion(): string {
  version ??= (JSON.parse(readFileSync(nearestPackageJson(__dirname), 'utf8')) as { version: string }).version;
  return version;
}

function nearestPackageJson(dir: string): string {
  const candidate = path.join(dir, 'package.json');
  if (existsSync(candidate)) return candidate;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
  return nearestPackageJson(parent);
}
