import type OpenAI from 'openai';
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { openai } from '../lib/openai';
import { findTicket, saveTicket, transcript, type Ticket } from '../data/store';
import { detectLanguage } from '../services/language';
import { TicketClassifier } from '../services/ticket-classifier';

export const ticketsRouter = Router();
const classifier = new TicketClassifier();

export async function summarizeTicket(ticket: Ticket): Promise<OpenAI.Chat.ChatCompletion> {
  return openai.chat.completions.create({
    model: 'gpt-4o-mini',
    temperature: 0.2,
    messages: [
      { role: 'system', content: 'Summarise this support ticket in three bullet points for the next agent.' },
      { role: 'user', content: transcript(ticket) },
    ],
  });
}

ticketsRouter.post('/tickets', async (req, res) => {
  const subject = String(req.body?.subject ?? '');
  const body = String(req.body?.body ?? '');
  const ticket: Ticket = {
    id: randomUUID(),
    subject,
    customerLocale: await detectLanguage(`${subject}\n${body}`),
    messages: [{ author: 'customer', body }],
  };
  saveTicket(ticket);
  res.status(201).json(ticket);
});

ticketsRouter.post('/tickets/:id/summary', async (req, res) => {
  const ticket = findTicket(req.params.id);
  if (!ticket) {
    res.status(404).json({ error: 'ticket not found' });
    return;
  }
  const completion = await summarizeTicket(ticket);
  res.json({ summary: completion.choices[0]?.message.content ?? '' });
});

ticketsRouter.post('/tickets/:id/triage', async (req, res) => {
  const ticket = findTicket(req.params.id);
  if (!ticket) {
    res.status(404).json({ error: 'ticket not found' });
    return;
  }
  res.json(await classifier.classify(ticket));
});
