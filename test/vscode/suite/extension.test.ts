/**
 * The extension in a real VS Code: activation, diagnostics from the bundled server, the "disable for this
 * line" quick fix through VS Code's own code action API, and the `aidlint.enable` setting. The workspace
 * is a temporary copy of test/fixtures/vscode-workspace (scripts/test-vscode.mjs opens it), so edits and
 * settings written here never touch the repository.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'aidlint.aidlint';
const FIXTURE_FILE = 'src/chat.ts';
const EXPECTED_CODES = ['hardcoded-model', 'vendor-call', 'vendor-client', 'vendor-import'];
/** The server starts, parses and answers well within this on a slow machine; only a broken path waits it out. */
const WAIT_MS = 30_000;

describe('aidlint in VS Code', function () {
  this.timeout(2 * WAIT_MS);
  let document: vscode.TextDocument;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the fixture workspace is open');
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, FIXTURE_FILE));
    await vscode.window.showTextDocument(document);
  });

  it('activates on a TypeScript file and registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the extension host`);
    await waitFor('the extension to activate', () => extension.isActive || undefined);
    const contributed = (extension.packageJSON.contributes.commands as Array<{ command: string }>).map((entry) => entry.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), []);
  });

  it('shows the vendor coupling as aidlint diagnostics with rule codes', async () => {
    assert.deepEqual(await waitForCodes(document.uri, (codes) => codes.length >= EXPECTED_CODES.length), EXPECTED_CODES);
  });

  it('"Disable vendor-call for this line" inserts a directive and the vendor-call diagnostic goes away', async () => {
    await waitForCodes(document.uri, (codes) => codes.includes('vendor-call'));
    const call = aidlintDiagnostics(document.uri).find((diagnostic) => codeOf(diagnostic) === 'vendor-call')!;
    const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
      'vscode.executeCodeActionProvider',
      document.uri,
      call.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const disable = actions.find((action): action is vscode.CodeAction => action.title === 'Disable vendor-call for this line');
    assert.ok(disable?.edit, `offered: ${actions.map((action) => action.title).join(', ')}`);
    assert.equal(await vscode.workspace.applyEdit(disable.edit), true);

    assert.equal(document.lineAt(call.range.start.line).text.trim(), '// aidlint-disable-next-line vendor-call -- TODO: explain why');
    const remaining = await waitForCodes(document.uri, (codes) => codes.length > 0 && !codes.includes('vendor-call'));
    assert.deepEqual(remaining, EXPECTED_CODES.filter((code) => code !== 'vendor-call'));
  });

  it('aidlint.enable = false removes the diagnostics; resetting it brings them back', async () => {
    const before = await waitForCodes(document.uri, (codes) => codes.length > 0);
    const settings = vscode.workspace.getConfiguration('aidlint', document.uri);
    await settings.update('enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepEqual(await waitForCodes(document.uri, (codes) => codes.length === 0), []);
    } finally {
      await settings.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.deepEqual(await waitForCodes(document.uri, (codes) => codes.length === before.length), before);
  });
});

function aidlintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'aidlint');
}

/** A diagnostic with a documentation link carries its code as `{ value, target }`. */
function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** The sorted aidlint codes on `uri`, once `ready` accepts them. */
function waitForCodes(uri: vscode.Uri, ready: (codes: string[]) => boolean): Promise<string[]> {
  let last: string[] = [];
  return waitFor(
    () => `aidlint diagnostics on ${vscode.workspace.asRelativePath(uri)} (last seen: [${last.join(', ')}])`,
    () => {
      last = aidlintDiagnostics(uri).map(codeOf).sort();
      return ready(last) ? last : undefined;
    },
  );
}

/** Polls `probe` every 100 ms until it returns a value; fails after WAIT_MS saying what it waited for. */
async function waitFor<T>(what: string | (() => string), probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
