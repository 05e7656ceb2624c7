import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// Read at run time: package.json lies outside the `rules` project, and this file runs from out/rules/cli/.
const PACKAGE_JSON = path.join(__dirname, '..', '..', '..', 'package.json');

let version: string | undefined;

export function aidlintVersion(): string {
  version ??= (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
  return version;
}
