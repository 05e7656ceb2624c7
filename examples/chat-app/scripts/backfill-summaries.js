#!/usr/bin/env node
// Backfills one-line summaries for tickets exported from the old helpdesk:
//   node scripts/backfill-summaries.js export.json > summaries.jsonl
// Still written against the v3 SDK (Configuration / OpenAIApi), which openai v4 removed: it needs
// `openai@3` until someone migrates it.
const fs = require('node:fs');
const { Configuration, OpenAIApi } = require('openai');

// FAKE key for the aidlint demo; never a real one
const configuration = new Configuration({ apiKey: 'sk-proj-FAKE0aidlint0Demo0Key0NotReal0x7Qm2Lp9Rt4Vw8Zy3A' });
const openai = new OpenAIApi(configuration);

async function summarize(ticket) {
  const response = await openai.createChatCompletion({
    model: 'gpt-3.5-turbo',
    messages: [
      { role: 'system', content: 'Summarise this support ticket in one sentence.' },
      { role: 'user', content: ticket.messages.map((message) => `${message.author}: ${message.body}`).join('\n') },
    ],
  });
  return response.data.choices[0].message.content;
}

async function main() {
  const [exportFile] = process.argv.slice(2);
  if (!exportFile) {
    console.error('usage: node scripts/backfill-summaries.js <export.json>');
    process.exit(2);
  }
  const tickets = JSON.parse(fs.readFileSync(exportFile, 'utf8'));
  for (const ticket of tickets) {
    process.stdout.write(`${JSON.stringify({ id: ticket.id, summary: await summarize(ticket) })}\n`);
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
