/**
 * "Move this project off openai v3 into the seam": on a fixture project on openai 3.3.0 (real SDK types,
 * checkJs), the one fix on its `new OpenAIApi(…)` wraps every v3 call of the project, deletes the module
 * that only made the client, raises openai; the project then type-checks against the seam's openai and
 * prints the same lines and sends the same requests to the fake server as before. Offered disabled,
 * naming what stays, when a v3 use cannot go.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigResolver } from '../../rules/config/resolve';
import { diskIndexHost } from '../../rules/engine/disk-host';
import { WorkspaceIndex } from '../../rules/engine/workspace-index';
import { fixesForFile } from '../../rules/fixes/file-fixes';
import { applyChanges } from '../../rules/fixes/text-changes';
import type { Fix } from '../../rules/fixes/types';
import { runCli } from '../cli/run-cli';
import { Editor } from '../support/lsp-editor';
import { type RecordedRequest, useFakeOpenAI } from '../support/fake-openai-server';
import { fakeOpenAIEnv, linkDependencies, prepareFixture, removeFixture, runMain, typecheck } from '../support/run-fixture';

const MOVE = 'Move this project off openai v3 into the seam (wrap every v3 call, raise openai)';

/** The fix offered on the project's `new OpenAIApi(…)` in `file`, as the project is on disk now. */
function moveFix(dir: string, file: string): Fix {
  const configs = new ConfigResolver({ workspaceRoot: dir });
  const host = diskIndexHost((filePath) => configs.configFor(filePath));
  const filePath = path.join(dir, file);
  const projectFiles = fs.readdirSync(path.join(dir, 'src'), { recursive: true, encoding: 'utf8' }).map((name) => path.join(dir, 'src', name)).filter((name) => /\.js$/.test(name));
  const fixes = fixesForFile({ filePath, text: fs.readFileSync(filePath, 'utf8'), config: configs.configFor(filePath), index: new WorkspaceIndex(host), host, workspaceRoot: dir, projectFiles: () => projectFiles });
  const move = fixes.find((fix) => fix.kind === 'move-off-v3');
  assert.ok(move, `the move is offered in ${file} (offered: ${fixes.map((fix) => fix.title).join('; ')})`);
  assert.equal(move.title, MOVE);
  return move;
}

/** Applies a fix as an editor applies its WorkspaceEdit: creations, deletions and edits. */
function apply(fix: Fix): void {
  for (const change of fix.changes) {
    if (change.remove) fs.rmSync(change.filePath);
    else if (change.create) {
      fs.mkdirSync(path.dirname(change.filePath), { recursive: true });
      fs.writeFileSync(change.filePath, change.create.content, { flag: 'wx' });
    } else fs.writeFileSync(change.filePath, applyChanges(fs.readFileSync(change.filePath, 'utf8'), change.changes));
  }
}

function route(request: RecordedRequest): string {
  return `${request.method} ${request.path} ${String((request.body as { model?: unknown } | undefined)?.model)}`;
}

describe('the move off openai v3 (fixture project openai-v3-move)', function () {
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let dir: string;
  let original: { lines: string; routes: string[] };

  before(async () => {
    dir = await prepareFixture('openai-v3-move');
    fake().requests.length = 0;
    original = { lines: await runMain(dir, fakeOpenAIEnv(fake().url)), routes: fake().requests.map(route) };
  });

  after(() => removeFixture(dir));

  it('before: six v3 calls, each printed, each sent; the retired model answered with the server\'s error', () => {
    assert.equal(original.lines.trimEnd().split('\n').length, 6);
    assert.deepEqual(original.routes, [
      'POST /v1/chat/completions gpt-3.5-turbo',
      'POST /v1/completions gpt-3.5-turbo-instruct',
      'POST /v1/moderations text-moderation-latest',
      'POST /v1/embeddings text-embedding-ada-002',
      'POST /v1/completions gpt-3.5-turbo-instruct',
      'POST /v1/completions retired-davinci-003',
    ]);
    assert.match(original.lines, /^quickstart\.retired: HTTP 404 \{"error":\{"message":"The model `retired-davinci-003` does not exist or you do not have access to it\.","type":"invalid_request_error","code":"model_not_found"\}\} \(model_not_found\)$/m);
  });

  it('is disabled, naming the use that would stay, while a v3 value is read outside a call', () => {
    const file = path.join(dir, 'src', 'helpdesk.js');
    const original = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, `${original}\nconst { Configuration } = require('openai');\nmodule.exports.defaults = new Configuration({});\n`);
      assert.equal(
        moveFix(dir, 'src/llm.js').disabledReason,
        "Cannot move this project off openai v3: src/helpdesk.js line 57 still uses openai v3 once its calls are wrapped (`module.exports.defaults = new Configuration({});`).",
      );
      const moderate = "  const moderation = await llm.createModeration({ model: 'text-moderation-latest', input: text });\n  return moderation.data.results[0].flagged;\n";
      assert.ok(original.includes(moderate));
      fs.writeFileSync(file, original.replace(moderate, `  try {\n  ${moderate.replace('\n  return', '\n    return')}  } catch (error) {\n    console.error(/** @type {any} */ (error).response?.headers);\n    throw error;\n  }\n`));
      assert.equal(
        moveFix(dir, 'src/llm.js').disabledReason,
        'Cannot move this project off openai v3: line 38 of src/helpdesk.js reads `(error).response?.headers` of the error of a v3 call, in the shape of openai v3\'s HTTP library (axios); errors of openai 4 and later carry `status` and `error` themselves.',
      );
      fs.writeFileSync(file, original.replace("max_tokens: 20,", "max_tokens: 20,\n  }, {\n    responseType: 'stream',"));
      assert.match(moveFix(dir, 'src/llm.js').disabledReason ?? '', /^Cannot move this project off openai v3: the call on line 8 of src\/helpdesk\.js cannot be wrapped \(/);
      fs.writeFileSync(file, original);
      fs.writeFileSync(path.join(dir, 'src', 'status.js'), "const { llm } = require('./llm');\n\nmodule.exports = { ready: () => llm !== undefined };\n");
      assert.equal(
        moveFix(dir, 'src/llm.js').disabledReason,
        "Cannot move this project off openai v3: src/llm.js line 11 still uses openai v3 once its calls are wrapped (it makes the client that status.js line 1 imports).",
      );
    } finally {
      fs.writeFileSync(file, original);
      fs.rmSync(path.join(dir, 'src', 'status.js'), { force: true });
    }
  });

  it('moves the whole project in one fix: calls wrapped, the client module deleted, openai raised', () => {
    const move = moveFix(dir, 'src/llm.js');
    assert.equal(move.disabledReason, undefined);
    const touched = move.changes.map((change) => `${change.remove ? 'delete' : change.create ? 'create' : 'edit'} ${path.relative(dir, change.filePath)}`);
    assert.ok(touched.includes('edit src/helpdesk.js'), touched.join(', '));
    assert.ok(touched.includes('delete src/llm.js'), touched.join(', '));
    assert.ok(touched.includes('edit package.json'), touched.join(', '));
    assert.ok(touched.includes('create src/ai/config.js'), touched.join(', '));
    const manifest = move.changes.find((change) => change.filePath === path.join(dir, 'package.json'))!;
    assert.match(manifest.notice?.message ?? '', /openai 3\.3\.0 was raised to \^6\.49\.0/);
    apply(move);
    const helpdesk = fs.readFileSync(path.join(dir, 'src', 'helpdesk.js'), 'utf8');
    assert.doesNotMatch(helpdesk, /require\('\.\/llm'\)|\.data\b|createChatCompletion/);
    assert.match(helpdesk, /require\('\.\/ai'\)/);
    // The quickstart's shape: the key checked where it is read, the error read as openai 4 and later carry it.
    const quickstart = fs.readFileSync(path.join(dir, 'src', 'quickstart.js'), 'utf8');
    assert.doesNotMatch(quickstart, /Configuration|OpenAIApi|\.response\b|\.data\b/);
    assert.match(quickstart, /^ {2}if \(!process\.env\.OPENAI_API_KEY\) return 'no key configured';$/m);
    assert.match(quickstart, /^ {4}return error\.status \? `HTTP \$\{error\.status\}` : `no answer: \$\{error\.message\}`;$/m);
    assert.match(quickstart, /^ {6}return `HTTP \$\{error\.status\} \$\{JSON\.stringify\(\{ error: error\.error \}\)\} \(\$\{error\.error\.code\}\)`;$/m);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies.openai, '^6.49.0');
  });

  it('after: type-checks against the seam openai and prints the same lines, sending the same requests', async () => {
    // The test installs the exact release the seam is tested on (the range the fix wrote allows it).
    const manifestPath = path.join(dir, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    manifest.devDependencies.openai = '6.49.0';
    fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    await linkDependencies(dir);
    assert.equal(await typecheck(dir), '');
    fake().requests.length = 0;
    assert.equal(await runMain(dir, fakeOpenAIEnv(fake().url)), original.lines);
    assert.deepEqual(fake().requests.map(route), original.routes);
  });
});

describe('the move off openai v3 from the command line (aidlint --fix)', function () {
  this.timeout(300_000);
  let dir: string;

  before(async () => {
    dir = await prepareFixture('openai-v3-move');
  });

  after(() => removeFixture(dir));

  it('--fix-dry-run shows the deletion; --fix moves the project as the editor does and leaves no v3 call', async () => {
    const dry = await runCli(['--fix-dry-run', '.'], dir);
    assert.match(dry.stdout, /^--- a\/src\/llm\.js\n\+\+\+ \/dev\/null$/m);
    assert.ok(fs.existsSync(path.join(dir, 'src', 'llm.js')), 'a dry run writes nothing');
    const fixed = await runCli(['--fix', '--format', 'json', '.'], dir);
    assert.match(fixed.stderr, /openai 3\.3\.0 was raised to \^6\.49\.0/);
    assert.ok(!fs.existsSync(path.join(dir, 'src', 'llm.js')));
    const remaining = (JSON.parse(fixed.stdout) as Array<{ messages: Array<{ ruleId: string }> }>).flatMap((result) => result.messages.map((message) => message.ruleId));
    assert.deepEqual(remaining.filter((ruleId) => ruleId === 'vendor-call' || ruleId === 'vendor-client'), []);
    assert.match(fs.readFileSync(path.join(dir, 'src', 'helpdesk.js'), 'utf8'), /^const \{ chatModel, moderationModel, embeddingModel \} = require\('\.\/ai'\);$/m);
  });
});

describe('the move off openai v3 as a code action (real server over LSP)', function () {
  this.timeout(300_000);
  let dir: string;

  before(async () => {
    dir = await prepareFixture('openai-v3-move');
  });

  after(() => removeFixture(dir));

  /** The move's action on the client construction of src/llm.js, for an editor with these file operations. */
  async function moveAction(editor: Editor) {
    const documentUri = await editor.openFile('src/llm.js');
    const [client] = (await editor.diagnostics(documentUri, 'vendor-client')).filter((diagnostic) => typeof diagnostic.message === 'string' && /OpenAIApi/.test(diagnostic.message));
    assert.ok(client, 'the v3 client is reported');
    const action = (await editor.actions(documentUri, [client])).find((candidate) => candidate.title === MOVE);
    assert.ok(action, 'the move is offered on it');
    return action;
  }

  it('is disabled, saying why, in an editor that cannot delete files', async () => {
    const editor = new Editor(dir, ['create']);
    await editor.start();
    try {
      assert.deepEqual((await moveAction(editor)).disabled, { reason: 'This editor cannot delete files through LSP, and this fix deletes a module it leaves empty.' });
    } finally {
      await editor.client.shutdown();
    }
  });

  it('edits, creates and deletes in one WorkspaceEdit, and no v3 call is left', async () => {
    const editor = new Editor(dir, ['create', 'delete']);
    await editor.start();
    try {
      const action = await moveAction(editor);
      assert.equal(action.disabled, undefined);
      assert.equal(action.command?.command, 'aidlint.afterFix', 'the user is told to install the raised openai');
      const { deleted, changed } = await editor.apply(action.edit!);
      assert.deepEqual(deleted, [path.join(dir, 'src', 'llm.js')]);
      assert.ok(changed.includes(path.join(dir, 'src', 'helpdesk.js')) && changed.includes(path.join(dir, 'package.json')), changed.join(', '));
      const helpdesk = await editor.openFile('src/helpdesk.js');
      assert.deepEqual(await editor.diagnostics(helpdesk, 'vendor-call'), []);
    } finally {
      await editor.client.shutdown();
    }
  });
});
