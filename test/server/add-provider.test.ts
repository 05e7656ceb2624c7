/**
 * `aidlint/addProvider` through the real server over stdio: the server sends the seam's edit as
 * `workspace/applyEdit` (applied here as an editor does, the open config buffer included), answers with
 * what it did, and a second request changes nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApplyWorkspaceEditRequest } from 'vscode-languageserver-protocol';
import { generateSeam } from '../../rules/fixes/seam';
import type { AddProviderAnswer } from '../../server/protocol';
import { Editor } from '../support/lsp-editor';
import { uri } from './lsp-client';

describe('server: aidlint/addProvider', function () {
  this.timeout(60_000);
  let root: string;
  let editor: Editor;
  const applied: string[] = [];

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-add-provider-')));
    fs.writeFileSync(path.join(root, 'package.json'), '{\n  "name": "app",\n  "dependencies": {}\n}\n');
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{ "compilerOptions": { "module": "commonjs" } }\n');
    for (const file of generateSeam({ language: 'ts', module: 'cjs', importSuffix: '', typeImports: false, fileExtension: '.ts' })) {
      fs.mkdirSync(path.dirname(path.join(root, 'src', 'ai', file.relativePath)), { recursive: true });
      fs.writeFileSync(path.join(root, 'src', 'ai', file.relativePath), file.text);
    }
    editor = new Editor(root);
    await editor.start();
    editor.client.connection.onRequest(ApplyWorkspaceEditRequest.type, async ({ label, edit }) => {
      applied.push(label ?? '');
      await editor.apply(edit);
      return { applied: true };
    });
  });

  after(async () => {
    await editor.client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const request = (provider: string): Promise<AddProviderAnswer> => editor.client.connection.sendRequest('aidlint/addProvider', { folderUri: uri(root), provider });

  it('edits the seam through the editor, the open config buffer included, and says what it did', async () => {
    const config = await editor.openFile('src/ai/config.ts');
    const answer = await request('anthropic');
    assert.ok('done' in answer, JSON.stringify(answer));
    assert.deepEqual(applied, ['Add anthropic to the AI seam']);
    assert.match(answer.done.join('\n'), /added the connection 'anthropic' \(AI_PROVIDER=anthropic selects it\)/);
    assert.match(editor.text(config), /^ {2}anthropic: \{ provider: 'anthropic'|^ {2}anthropic: \{\n {4}provider: 'anthropic',/m);
    assert.match(fs.readFileSync(path.join(root, 'src', 'ai', 'providers', 'anthropic.ts'), 'utf8'), /export function anthropicProvider\(connection: Connection\): Provider/);
    assert.match(fs.readFileSync(path.join(root, 'src', 'ai', 'providers', 'registry.ts'), 'utf8'), /anthropic: \{ connect: anthropicProvider,/);
    assert.match(fs.readFileSync(path.join(root, 'package.json'), 'utf8'), /"@anthropic-ai\/sdk": "1\.17\.0"/);
  });

  it('changes nothing the second time, and refuses an unknown provider with the reason', async () => {
    assert.deepEqual(await request('anthropic'), { done: ["the seam has the 'anthropic' provider already; nothing changed"] });
    assert.equal(applied.length, 1);
    const unknown = await request('mistral');
    assert.ok('error' in unknown && /unknown provider 'mistral'/.test(unknown.error));
  });
});
