import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { type CodeAction, type Command, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { removeTempDir } from '../files/temp';
import { TestClient, brief, workspaceFrom } from './lsp-client';

const APP = [
  "import OpenAI from 'openai';",
  'const client = new OpenAI();',
  '',
  'export async function ask(question: string) {',
  "  const answer = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });",
  '  return answer.choices[0].message.content;',
  '}',
  '',
].join('\n');

const DOCS = 'https://github.com/aidlint/aidlint/blob/main/docs/rules/vendor-call.md';

/** Applies a code action's WorkspaceEdit to the document's text exactly as an editor would. */
function applyAction(action: CodeAction, documentUri: string, text: string): string {
  const edits = action.edit?.changes?.[documentUri];
  assert.ok(edits?.length, `${action.title} edits ${documentUri}`);
  return TextDocument.applyEdits(TextDocument.create(documentUri, 'typescript', 1, text), edits);
}

function titled(actions: Array<Command | CodeAction>, title: string): CodeAction {
  const action = actions.find((candidate) => candidate.title === title);
  assert.ok(action && 'kind' in action, `no code action "${title}" in ${JSON.stringify(actions.map((candidate) => candidate.title))}`);
  return action;
}

describe('language server: code actions', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;
  let documentUri: string;
  let text: string;

  beforeEach(async () => {
    root = workspaceFrom();
    client = new TestClient({ root });
    await client.initialize();
    text = APP;
    documentUri = await client.open(path.join(root, 'src/app.ts'), text);
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  async function diagnostic(code: string): Promise<Diagnostic> {
    const found = (await client.pullFull(documentUri)).items.find((item) => item.code === code);
    assert.ok(found, `a ${code} diagnostic`);
    return found;
  }

  /** Applies the action, sends the new text, and returns the findings after a pull. */
  async function apply(action: CodeAction): Promise<string[]> {
    text = applyAction(action, documentUri, text);
    await client.change(documentUri, text);
    return brief((await client.pullFull(documentUri)).items);
  }

  it('offers disable-for-line, disable-for-file and documentation for a finding', async () => {
    const call = await diagnostic('vendor-call');
    // Fixes (wrap behind the seam...) are offered too; they are tested with the fix engine.
    const actions = (await client.codeActions(documentUri, [call])).filter((action) => /^(Disable|Show documentation) /.test(action.title));
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Disable vendor-call for this line', 'Disable vendor-call for the entire file', 'Show documentation for vendor-call'],
    );
    for (const action of actions) {
      assert.equal((action as CodeAction).kind, 'quickfix');
      assert.deepEqual((action as CodeAction).diagnostics, [call]);
    }
    assert.deepEqual((actions[2] as CodeAction).command, { title: 'Show documentation for vendor-call', command: 'aidlint.server.showDocumentation', arguments: [DOCS] });
  });

  it('offers nothing for diagnostics of other tools where it finds nothing itself', async () => {
    const line5 = { start: { line: 5, character: 2 }, end: { line: 5, character: 8 } };
    const foreign: Diagnostic = { range: line5, message: 'Unexpected return', source: 'eslint', code: 'no-return' };
    assert.deepEqual(await client.codeActions(documentUri, [foreign]), []);
    await client.sync();
    assert.deepEqual(client.logs.filter((line) => line.startsWith('No code actions')), [], 'nothing of ours there: nothing to log');
  });

  it('answers from its own analysis of the current version, whatever diagnostics the editor sends along', async () => {
    // The editor still shows the diagnostics of the first version; the call moved one line down since.
    const stale = await diagnostic('vendor-call');
    text = `// Answers questions.\n${APP}`;
    await client.change(documentUri, text);
    const moved = { start: { line: 5, character: 23 }, end: { line: 5, character: 53 } };
    const actions = await client.codeActions(documentUri, [stale], moved);
    assert.ok(actions.some((action) => action.title === 'Wrap behind the provider-neutral interface'), JSON.stringify(actions.map((action) => action.title)));
    const disable = titled(actions, 'Disable vendor-call for this line');
    assert.deepEqual(disable.diagnostics?.map((item) => item.range), [moved], 'the action names the diagnostic of the current text');
    assert.equal(applyAction(disable, documentUri, text).split('\n')[5], '  // aidlint-disable-next-line vendor-call -- TODO: explain why');
  });

  it('logs a request answered with nothing although diagnostics of ours cover its range, with the reason', async () => {
    text = `// aidlint-disable-next-line hardcoded-model -- the demo pins it\nexport const nothing = 1;\n`;
    await client.change(documentUri, text);
    const [notice] = (await client.pullFull(documentUri)).items;
    assert.equal(notice?.code, 'unused-directive');
    assert.deepEqual(await client.codeActions(documentUri, [notice]), []);
    const stale = { ...notice, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } }, code: 'vendor-call', data: { ruleId: 'vendor-call' } };
    assert.deepEqual(await client.codeActions(documentUri, [stale]), []);
    await client.sync();
    assert.deepEqual(client.logs.filter((line) => line.startsWith('No code actions')), [
      'No code actions for src/app.ts 1:1-1:65 (version 2), although unused-directive cover it: they are notices, which have no fixes or directives.',
      "No code actions for src/app.ts 2:1-2:7 (version 2), although vendor-call cover it: the editor's diagnostics are older than the text, which has none there.",
    ]);
  });

  it('disables a rule for one line, then merges a second rule into the same directive', async () => {
    const findings = await apply(titled(await client.codeActions(documentUri, [await diagnostic('vendor-call')]), 'Disable vendor-call for this line'));
    assert.equal(text.split('\n')[4], '  // aidlint-disable-next-line vendor-call -- TODO: explain why', 'inserted above, with the line indent');
    assert.deepEqual(findings, ['vendor-import 0:19-0:27', 'vendor-client 1:19-1:25', 'hardcoded-model 5:63-5:71']);

    const merged = await apply(titled(await client.codeActions(documentUri, [await diagnostic('hardcoded-model')]), 'Disable hardcoded-model for this line'));
    assert.equal(text.split('\n')[4], '  // aidlint-disable-next-line vendor-call, hardcoded-model -- TODO: explain why', 'one directive, both rules');
    assert.equal(text.split('\n').length, APP.split('\n').length + 1, 'no second comment line');
    assert.deepEqual(merged, ['vendor-import 0:19-0:27', 'vendor-client 1:19-1:25']);
  });

  it('disables a rule for the file, then merges a second rule into the same directive', async () => {
    const findings = await apply(titled(await client.codeActions(documentUri, [await diagnostic('vendor-call')]), 'Disable vendor-call for the entire file'));
    assert.equal(text.split('\n')[0], '/* aidlint-disable vendor-call -- TODO: explain why */');
    assert.deepEqual(findings, ['vendor-import 1:19-1:27', 'vendor-client 2:19-2:25', 'hardcoded-model 5:63-5:71']);

    const merged = await apply(titled(await client.codeActions(documentUri, [await diagnostic('vendor-import')]), 'Disable vendor-import for the entire file'));
    assert.equal(text.split('\n')[0], '/* aidlint-disable vendor-call, vendor-import -- TODO: explain why */');
    assert.deepEqual(merged, ['vendor-client 2:19-2:25', 'hardcoded-model 5:63-5:71']);
  });

  it('keeps a shebang first and CRLF line ends when inserting a directive', async () => {
    text = `#!/usr/bin/env node\r\n${APP.replace(/\n/g, '\r\n')}`;
    await client.change(documentUri, text);
    const findings = await apply(titled(await client.codeActions(documentUri, [await diagnostic('vendor-call')]), 'Disable vendor-call for the entire file'));
    assert.deepEqual(text.split('\r\n').slice(0, 2), ['#!/usr/bin/env node', '/* aidlint-disable vendor-call -- TODO: explain why */']);
    assert.ok(!/[^\r]\n/.test(text), 'every line still ends in CRLF');
    assert.ok(!findings.some((finding) => finding.startsWith('vendor-call')));
  });

  it('opens the documentation through window/showDocument, externally', async () => {
    const actions = await client.codeActions(documentUri, [await diagnostic('vendor-call')]);
    const { command } = titled(actions, 'Show documentation for vendor-call');
    await client.executeCommand(command!.command, command!.arguments);
    assert.deepEqual(client.shownDocuments, [{ uri: DOCS, external: true }]);
  });
});

describe('language server: code actions that come before the analysis (each lint holds the server 300 ms)', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = workspaceFrom();
    client = new TestClient({ root, env: { AIDLINT_TEST_LINT_DELAY_MS: '300' } });
    await client.initialize();
  });
  afterEach(() => {
    client.dispose();
    removeTempDir(root);
  });

  const CALL = { start: { line: 4, character: 23 }, end: { line: 4, character: 53 } };

  it('waits for the analysis of a document just opened, instead of answering with nothing', async () => {
    const documentUri = await client.open(path.join(root, 'src/app.ts'), APP);
    // Straight after didOpen, before any pull: the editor has no diagnostics to send along yet.
    const actions = await client.codeActions(documentUri, [], { start: { line: 4, character: 40 }, end: { line: 4, character: 40 } });
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Wrap behind the provider-neutral interface', 'Disable vendor-call for this line', 'Disable vendor-call for the entire file', 'Show documentation for vendor-call'],
    );
    assert.deepEqual((actions[0] as CodeAction).diagnostics?.map((diagnostic) => diagnostic.range), [CALL]);
  });

  it('answers for the version the request was made on when an edit arrived just before it', async () => {
    const documentUri = await client.open(path.join(root, 'src/app.ts'), APP);
    const [stale] = (await client.pullFull(documentUri)).items.filter((item) => item.code === 'vendor-call');
    await client.change(documentUri, APP.replace("'gpt-4o'", "'gpt-4.1'"));
    const wholeLine = { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } };
    const actions = await client.codeActions(documentUri, [stale], wholeLine);
    const model = titled(actions, 'Disable hardcoded-model for this line');
    assert.match(JSON.stringify(model.diagnostics), /'gpt-4\.1'/, 'the diagnostic of the edited text, not the one the editor sent');
  });
});
