/**
 * What VS Code runs inside the extension host (`--extensionTestsPath`): the suite under mocha. The counts
 * go to the file named by AIDLINT_VSCODE_RESULTS, for scripts/test-vscode.mjs to report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResults {
  passed: number;
  failed: number;
  skipped: number;
}

/** The compiled suite files; the runner also loads them (outside VS Code) to count the tests. */
export function suiteFiles(): string[] {
  const suite = path.join(__dirname, 'suite');
  return fs
    .readdirSync(suite)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(suite, name));
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  for (const file of suiteFiles()) mocha.addFile(file);
  const results = await new Promise<SuiteResults>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, skipped: runner.stats?.pending ?? 0 }));
  });
  const target = process.env.AIDLINT_VSCODE_RESULTS;
  if (target) fs.writeFileSync(target, JSON.stringify(results));
  if (results.failed > 0) throw new Error(`${results.failed} VS Code test(s) failed`);
}
