/**
 * Server fuzzing: for each seed, thousands of random edits to an open document of a small project (typing,
 * deletions, pastes of vendor code, undo-like reverts, renames and deletions of files on disk, the open
 * document renamed as an editor renames it) go to the real server over stdio, from an editor that pulls as
 * VS Code does. At quiet points (random, every few dozen operations) the diagnostics it shows must equal what
 * the CLI reports for the same text and the same files, the server must be running, and its memory flat.
 *
 * A seed that fails is kept in fuzz-regressions.json and runs every time. More seeds:
 * `AIDLINT_FUZZ_SEEDS=7,8,9` (or `AIDLINT_FUZZ_RANDOM_SEEDS=20`), longer runs: `AIDLINT_FUZZ_OPERATIONS=5000`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { type Diagnostic, DiagnosticSeverity, FileChangeType, type FileEvent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticData } from '../../server/diagnostics';
import { runCli } from '../cli/run-cli';
import { makeTempDir, removeTempDir } from '../files/temp';
import { seededRandom } from '../support/seeded-random';
import { TestClient, uri, workspaceFrom } from './lsp-client';
import { PullingEditor } from './pulling-editor';

const REGRESSIONS: Array<{ seed: number; found: string }> = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'server', 'fuzz-regressions.json'), 'utf8'));
const OPERATIONS = Number(process.env.AIDLINT_FUZZ_OPERATIONS ?? 1_000);
/** Quiet points after warm-up whose memory is the baseline, and how much the server may grow beyond it. */
const WARM_UP_QUIET_POINTS = 4;
const MEMORY_GROWTH_LIMIT_MB = 60;

const CLIENT_MODULE = "import OpenAI from 'openai';\n\nexport const openai = new OpenAI();\n";
const NEUTRAL_MODULE = "export const openai = { chat: { completions: { create: async (request: object) => request } } };\n";
const START = [
  "import { openai } from '../lib/openai';",
  "import { MODEL } from '../lib/models';",
  '',
  'export async function reply(question: string) {',
  "  const answer = await openai.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: question }] });",
  '  return answer;',
  '}',
  '',
].join('\n');

/** What gets pasted: vendor code of every kind the rules know, and some that only looks like it. */
const PASTES = [
  "import OpenAI from 'openai';\n",
  "import { AzureOpenAI } from 'openai';\n",
  "const client = new OpenAI({ apiKey: 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCD' });\n",
  "const azure = new AzureOpenAI({ endpoint: 'https://my-resource.openai.azure.com', apiVersion: '2024-10-21', deployment: 'gpt-4o' });\n",
  "await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });\n",
  "await openai.embeddings.create({ model: 'text-embedding-3-small', input: question });\n",
  "await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: '{}' });\n",
  'const key = process.env.OPENAI_API_KEY;\n',
  "// aidlint-disable-next-line hardcoded-model -- pinned for the demo\n",
  '/* aidlint-disable vendor-call */\n',
  "export type Completion = import('openai').OpenAI.Chat.ChatCompletion;\n",
  'const text = `model ${MODEL} at https://api.openai.com`;\n',
  "function make() { return new OpenAI(); }\n",
];
/** What gets typed, a few characters at a time. */
const KEYS = "abcxyz_ (){}[];:.,'\"`=>\n\r\n/*-+\\é😀0123456789";

interface Operation {
  name: string;
  run(): Promise<void>;
  /** Changes files on disk: a quiet point follows half the time, so refreshes are checked (no edit pulls after them). */
  onDisk?: true;
}

/** Diagnostics as the CLI's JSON describes messages: rule, level, message, 1-based range with exclusive end. */
function described(diagnostics: readonly Diagnostic[]): string[] {
  const levels: Record<number, string> = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning', [DiagnosticSeverity.Information]: 'info' };
  return diagnostics
    .map(({ data, severity, message, range: { start, end } }) => `${(data as DiagnosticData).ruleId} ${levels[severity!]} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${message}`)
    .sort();
}

/** The offset, moved forward when it falls between the two halves of a surrogate pair. */
function characterBoundary(text: string, offset: number): number {
  const splitsPair = offset > 0 && offset < text.length && /[\uD800-\uDBFF]/.test(text[offset - 1]) && /[\uDC00-\uDFFF]/.test(text[offset]);
  return splitsPair ? offset + 1 : offset;
}

async function cliReport(root: string, file: string, text: string): Promise<string[]> {
  const mirror = makeTempDir();
  try {
    fs.cpSync(root, mirror, { recursive: true });
    fs.mkdirSync(path.dirname(path.join(mirror, file)), { recursive: true });
    fs.writeFileSync(path.join(mirror, file), text);
    const run = await runCli(['--format', 'json', file], mirror);
    assert.ok(run.exitCode === 0 || run.exitCode === 1, `the CLI ran: ${run.stderr}`);
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; level: string; message: string; line: number; column: number; endLine: number; endColumn: number }> }>;
    return (result?.messages ?? []).map(({ ruleId, level, message, line, column, endLine, endColumn }) => `${ruleId} ${level} ${line}:${column}-${endLine}:${endColumn} ${message}`).sort();
  } finally {
    removeTempDir(mirror);
  }
}

function seeds(): number[] {
  const listed = process.env.AIDLINT_FUZZ_SEEDS?.split(',').map(Number).filter(Number.isInteger) ?? [];
  const random = Array.from({ length: Number(process.env.AIDLINT_FUZZ_RANDOM_SEEDS ?? 0) }, () => Math.floor(Math.random() * 2 ** 31));
  return [...new Set([...REGRESSIONS.map((regression) => regression.seed), ...(listed.length > 0 ? listed : [1, 2]), ...random])];
}

describe('language server fuzzing: random edits, files renamed and deleted, the diagnostics always those of the CLI', function () {
  this.timeout(600_000);

  for (const seed of seeds()) {
    it(`seed ${seed}: ${OPERATIONS} operations`, async () => {
      const root = workspaceFrom();
      const client = new TestClient({ root });
      const random = seededRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      const log: string[] = [];
      try {
        fs.mkdirSync(path.join(root, 'src/lib'), { recursive: true });
        fs.writeFileSync(path.join(root, 'src/lib/openai.ts'), CLIENT_MODULE);
        fs.writeFileSync(path.join(root, 'src/lib/models.ts'), "export const MODEL = 'gpt-4o';\n");
        fs.writeFileSync(path.join(root, 'aidlint.json'), JSON.stringify({ extends: 'strict' }));
        await client.initialize();

        let file = 'src/routes/reply.ts';
        let document = TextDocument.create(uri(path.join(root, file)), 'typescript', 1, START);
        await client.open(path.join(root, file), START);
        let editor = new PullingEditor(client, document.uri);
        const snapshots = [START];

        // Edits start and end between characters, as an editor's do: never inside a surrogate pair (such a
        // text could not even be saved as UTF-8 for the CLI to read).
        const edit = async (start: number, end: number, text: string) => {
          const range = { start: document.positionAt(characterBoundary(document.getText(), start)), end: document.positionAt(characterBoundary(document.getText(), end)) };
          const version = await editor.edit([{ range, text }]);
          document = TextDocument.update(document, [{ range, text }], version);
        };
        // As a file watcher reports them; the server asks for a refresh when open documents are affected.
        const disk = (changes: FileEvent[]) => client.filesChanged(changes);
        const operations: Array<[weight: number, Operation]> = [
          [30, { name: 'type', run: async () => {
            let at = Math.floor(random() * (document.getText().length + 1));
            for (let count = 1 + Math.floor(random() * 6); count > 0; count--) {
              const key = pick([...KEYS]);
              await edit(at, at, key);
              at += key.length;
            }
          } }],
          [15, { name: 'delete', run: async () => {
            const length = document.getText().length;
            const at = Math.floor(random() * length);
            await edit(at, Math.min(length, at + 1 + Math.floor(random() * 40)), '');
          } }],
          [15, { name: 'paste', run: async () => {
            const at = Math.floor(random() * (document.getText().length + 1));
            await edit(at, at, pick(PASTES));
          } }],
          [6, { name: 'revert to an earlier text (undo)', run: async () => {
            const earlier = pick(snapshots);
            const text = document.getText();
            let prefix = 0;
            while (prefix < Math.min(text.length, earlier.length) && text[prefix] === earlier[prefix]) prefix++;
            let suffix = 0;
            while (suffix < Math.min(text.length, earlier.length) - prefix && text[text.length - 1 - suffix] === earlier[earlier.length - 1 - suffix]) suffix++;
            await edit(prefix, text.length - suffix, earlier.slice(prefix, earlier.length - suffix));
          } }],
          [4, { name: 'rename the client module on disk', onDisk: true, run: async () => {
            const [from, to] = fs.existsSync(path.join(root, 'src/lib/openai.ts')) ? ['openai.ts', 'client.ts'] : ['client.ts', 'openai.ts'];
            if (!fs.existsSync(path.join(root, 'src/lib', from))) return;
            fs.renameSync(path.join(root, 'src/lib', from), path.join(root, 'src/lib', to));
            await disk([{ uri: uri(path.join(root, 'src/lib', from)), type: FileChangeType.Deleted }, { uri: uri(path.join(root, 'src/lib', to)), type: FileChangeType.Created }]);
          } }],
          [3, { name: 'delete or recreate the client module on disk', onDisk: true, run: async () => {
            const module = path.join(root, 'src/lib/openai.ts');
            const existed = fs.existsSync(module);
            if (existed) fs.rmSync(module);
            else fs.writeFileSync(module, pick([CLIENT_MODULE, NEUTRAL_MODULE]));
            await disk([{ uri: uri(module), type: existed ? FileChangeType.Deleted : FileChangeType.Created }]);
          } }],
          [3, { name: 'rewrite the client module on disk', onDisk: true, run: async () => {
            const module = path.join(root, 'src/lib/openai.ts');
            if (!fs.existsSync(module)) return;
            fs.writeFileSync(module, pick([CLIENT_MODULE, NEUTRAL_MODULE]));
            await disk([{ uri: uri(module), type: FileChangeType.Changed }]);
          } }],
          [2, { name: 'rename the open document (close, move, open)', run: async () => {
            const renamed = file === 'src/routes/reply.ts' ? 'src/routes/answer.ts' : 'src/routes/reply.ts';
            const text = document.getText();
            await client.close(document.uri);
            editor.close();
            const onDisk = fs.existsSync(path.join(root, file));
            if (onDisk) fs.renameSync(path.join(root, file), path.join(root, renamed));
            const [before, after] = [document.uri, uri(path.join(root, renamed))];
            file = renamed;
            document = TextDocument.create(after, 'typescript', 1, text);
            await client.open(path.join(root, file), text);
            editor = new PullingEditor(client, document.uri);
            editor.pull();
            if (onDisk) await disk([{ uri: before, type: FileChangeType.Deleted }, { uri: after, type: FileChangeType.Created }]);
          } }],
          [2, { name: 'save the open document to disk', run: async () => {
            const existed = fs.existsSync(path.join(root, file));
            fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
            fs.writeFileSync(path.join(root, file), document.getText());
            await client.save(document.uri);
            await disk([{ uri: document.uri, type: existed ? FileChangeType.Changed : FileChangeType.Created }]);
          } }],
          [1, { name: 'delete the open document on disk', onDisk: true, run: async () => {
            if (!fs.existsSync(path.join(root, file))) return;
            fs.rmSync(path.join(root, file));
            await disk([{ uri: document.uri, type: FileChangeType.Deleted }]);
          } }],
          [8, { name: 'pause', run: () => delay(pick([5, 30, 130, 250])) }],
        ];
        const totalWeight = operations.reduce((sum, [weight]) => sum + weight, 0);
        const nextOperation = (): Operation => {
          let roll = random() * totalWeight;
          for (const [weight, operation] of operations) if ((roll -= weight) < 0) return operation;
          return operations[0][1];
        };

        const memory: number[] = [];
        let quietIn = 10 + Math.floor(random() * 40);
        let checks = 0;
        let withFindings = 0;
        for (let index = 0; index < OPERATIONS; index++) {
          const operation = nextOperation();
          log.push(`${index}: ${operation.name}`);
          await operation.run();
          if (random() < 0.05) snapshots.push(document.getText());
          if (--quietIn > 0 && index < OPERATIONS - 1 && !(operation.onDisk && random() < 0.5)) continue;
          quietIn = 10 + Math.floor(random() * 40);
          // A quiet point: everything the server sent has arrived (refreshes pull again), and no pull is owed.
          await client.sync();
          await editor.idle();
          assert.equal(client.process.exitCode, null, `the server is running (${client.stderr})`);
          assert.deepEqual(editor.failures, [], 'no pull failed');
          assert.deepEqual(described(editor.shown ?? []), await cliReport(root, file, document.getText()), `after operation ${index}, the diagnostics are the CLI's for:\n${document.getText()}`);
          memory.push(client.residentMB());
          checks++;
          if (editor.shown?.length) withFindings++;
        }
        const baseline = Math.max(...memory.slice(WARM_UP_QUIET_POINTS, WARM_UP_QUIET_POINTS + 3));
        const last = Math.min(...memory.slice(-3));
        console.log(`      ${checks} quiet points (${withFindings} with findings) compared with the CLI; server RSS ${memory[0].toFixed(0)} → ${baseline.toFixed(0)} (warm) → ${last.toFixed(0)} MB`);
        assert.ok(last < baseline + MEMORY_GROWTH_LIMIT_MB, `server memory grew from ${baseline.toFixed(0)} MB to ${last.toFixed(0)} MB`);
        assert.equal(await client.shutdown(), 0);
      } catch (error) {
        const known = REGRESSIONS.some((regression) => regression.seed === seed);
        (error as Error).message += `\nseed ${seed}${known ? ' (a kept regression)' : ' — keep it: add it to test/server/fuzz-regressions.json'}; the last operations:\n${log.slice(-15).join('\n')}`;
        throw error;
      } finally {
        client.dispose();
        removeTempDir(root);
      }
    });
  }
});
