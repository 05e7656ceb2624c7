/**
 * Load: a 3,000-line service file, 2,000 keystrokes sent as fast as the pipe takes them (incremental
 * changes, as VS Code sends while typing) with a few pulls in between. The server must stay responsive,
 * keep its memory bounded, and end with exactly what a fresh lint of the final text gives.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from '../../server/diagnostics';
import { removeTempDir } from '../files/temp';
import { lintProject } from '../rule-tester';
import { TestClient, workspaceFrom } from './lsp-client';

const LINES = 3_000;
const KEYSTROKES = 2_000;
const PULL_EVERY = 400;
const FILE = 'src/services/tickets.ts';
/** Typed line after line in the middle of the file: half-typed calls, strings and brackets along the way. */
const TYPED = "  const extra = await client.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: prompt }] });\n";

/** One block of a ticket service; every 7th calls the chat API, every 11th embeddings, every 13th a raw endpoint. */
function block(i: number): string[] {
  const vendorWork =
    i % 7 === 0
      ? "    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });"
      : i % 11 === 0
        ? "    const completion = await client.embeddings.create({ model: 'text-embedding-3-small', input: prompt });"
        : i % 13 === 0
          ? "    const completion = await fetch('https://api.openai.com/v1/moderations', { method: 'POST', body: prompt });"
          : '    const completion = await queue.push({ kind: "summary", prompt });';
  return [
    `export interface Ticket${i} { id: string; title: string; body: string; priority: number; tags: string[] }`,
    '',
    `/** Summarises ticket kind ${i} for the support dashboard. */`,
    `export async function summarizeTicket${i}(ticket: Ticket${i}): Promise<string> {`,
    '  const prompt = `Summarize: ${ticket.title}\\n${ticket.body}`;',
    '  if (ticket.priority > 3) {',
    vendorWork,
    '    return String(completion);',
    '  }',
    '  return prompt.slice(0, 200);',
    '}',
    '',
    `export function formatTicket${i}(ticket: Ticket${i}): string {`,
    '  const parts = [ticket.id, ticket.title.trim(), String(ticket.priority), ...ticket.tags];',
    "  return parts.filter(Boolean).join(' | ');",
    '}',
    '',
  ];
}

function serviceFile(): string {
  const lines = ["import OpenAI from 'openai';", "import { queue } from '../queue';", '', 'const client = new OpenAI();', ''];
  for (let i = 1; lines.length < LINES; i++) lines.push(...block(i));
  return lines.slice(0, LINES).join('\n') + '\n';
}

/** The keystrokes, as single-character incremental changes starting at `line`. */
function keystrokes(line: number): TextDocumentContentChangeEvent[] {
  const changes: TextDocumentContentChangeEvent[] = [];
  let character = 0;
  for (let i = 0; i < KEYSTROKES; i++) {
    const typed = TYPED[i % TYPED.length];
    const at = { line, character };
    changes.push({ range: { start: at, end: at }, text: typed });
    if (typed === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  return changes;
}

describe('language server under load', function () {
  this.timeout(180_000);
  let root: string;
  let client: TestClient;

  before(async () => {
    root = workspaceFrom();
    client = new TestClient({ root });
    await client.initialize();
  });
  after(() => {
    client.dispose();
    removeTempDir(root);
  });

  it(`stays responsive and bounded through ${KEYSTROKES} keystrokes in a ${LINES}-line file, and ends exact`, async () => {
    const text = serviceFile();
    assert.equal(text.split('\n').length - 1, LINES);
    const documentUri = await client.open(path.join(root, FILE), text);
    const firstStarted = Date.now();
    const first = await client.pullFull(documentUri);
    const firstLint = Date.now() - firstStarted;
    assert.ok(first.items.length > 100, `${first.items.length} findings in the original file`);
    const rssBefore = client.residentMB();

    // The middle of the file, at the start of a `return prompt.slice(0, 200);` line.
    const insertLine = text.split('\n').findIndex((line, index) => index > LINES / 2 && line === '  return prompt.slice(0, 200);');
    let mirror = TextDocument.create(documentUri, 'typescript', 1, text);
    const pulls: Array<Promise<number>> = [];
    const burstStarted = Date.now();
    for (const [i, change] of keystrokes(insertLine).entries()) {
      const version = await client.edit(documentUri, [change]);
      mirror = TextDocument.update(mirror, [change], version);
      if ((i + 1) % PULL_EVERY === 0) {
        const started = Date.now();
        pulls.push(client.pull(documentUri).then(() => Date.now() - started));
      }
    }
    const burst = Date.now() - burstStarted;
    const lastStarted = Date.now();
    const last = await client.pullFull(documentUri);
    const lastPull = Date.now() - lastStarted;
    const pullTimes = await Promise.all(pulls);
    const rssAfter = client.residentMB();

    console.log(
      `      ${LINES} lines, ${KEYSTROKES} keystrokes sent in ${burst} ms; first lint ${firstLint} ms; ` +
        `pulls during the burst ${pullTimes.join(', ')} ms (${client.cancelledPulls} cancelled and retried); ` +
        `pull after the burst ${lastPull} ms; server RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB`,
    );
    assert.ok(lastPull < 5_000, `the pull after the burst took ${lastPull} ms`);
    assert.ok(rssAfter < 400, `server RSS ${rssAfter.toFixed(0)} MB`);

    // What a fresh engine makes of the final text, in process.
    const { messages } = lintProject({ code: mirror.getText(), filename: FILE });
    assert.deepEqual(last.items, messages.map(toDiagnostic));
    assert.ok(last.items.length > first.items.length, 'the typed calls are reported too');
  });
});
