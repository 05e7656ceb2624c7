// What scripts/test-e2e.mjs prepared for the suite, passed through the environment: the code-server
// install, playwright-core, the browser, the extensions folder holding the installed .vsix, and where
// artifacts go. Read lazily, so mocha can load (and count) the tests before anything is installed.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'e2e-workspace');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite with \`npm run test:e2e\` (scripts/test-e2e.mjs prepares it)`);
  return value;
}

export const environment = {
  /** code-server's entry script, in the cache folder that holds code-server and playwright-core. */
  codeServerEntry: () => path.join(required('AIDLINT_E2E_TOOLS_DIR'), 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  /** An extensions folder into which the packaged .vsix was installed. */
  extensionsDir: () => required('AIDLINT_E2E_EXTENSIONS_DIR'),
  chromium: () => required('AIDLINT_E2E_CHROMIUM'),
  /** Screenshots and logs of failed tests. */
  outputDir: () => required('AIDLINT_E2E_OUTPUT'),
  /** Where the README pictures are written (docs/images with --update-screenshots). */
  screenshotsDir: () => required('AIDLINT_E2E_SCREENSHOTS'),
  /** `--trace`: code-server logs at trace level, the LSP messages are traced, and every test keeps its logs. */
  trace: () => process.env.AIDLINT_E2E_TRACE === '1',
  /** playwright-core, installed next to code-server (never a dependency of the project). */
  playwright: () => createRequire(path.join(required('AIDLINT_E2E_TOOLS_DIR'), 'package.json'))('playwright-core'),
};
