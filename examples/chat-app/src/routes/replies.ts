import { Router } from 'express';
import { findTicket, transcript } from '@/data/store';
import { openai } from '@/lib/openai';
import { ReplySuggester } from '@/services/reply-suggester';
import { translate } from '@/services/translator';
import { copy } from '@/ui/copy';

export const repliesRouter = Router();
const suggester = new ReplySuggester(openai);

repliesRouter.post('/tickets/:id/replies', async (req, res) => {
  const ticket = findTicket(req.params.id);
  if (!ticket) {
    res.status(404).json({ error: 'ticket not found' });
    return;
  }
  try {
    const drafts = await suggester.suggest(ticket);
    const localized = await Promise.all(drafts.map((draft) => translate(draft, ticket.customerLocale)));
    res.json({ drafts: localized, disclosure: copy.draftDisclosure });
  } catch {
    res.status(503).json({ error: copy.draftsUnavailable });
  }
});

// Streams one draft token by token, so the agent can start reading while it is written.
repliesRouter.post('/tickets/:id/replies/stream', async (req, res) => {
  const ticket = findTicket(req.params.id);
  if (!ticket) {
    res.status(404).json({ error: 'ticket not found' });
    return;
  }
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    stream: true,
    messages: [
      { role: 'system', content: 'You are a friendly support agent. Draft a short reply to the customer.' },
      { role: 'user', content: transcript(ticket) },
    ],
  });
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  for await (const chunk of stream) {
    res.write(chunk.choices[0]?.delta.content ?? '');
  }
  res.end();
});
