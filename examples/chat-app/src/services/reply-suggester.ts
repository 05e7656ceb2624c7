import OpenAI from 'openai';
import { transcript, type Ticket } from '../data/store';

/** Drafts reply options for the agent to pick from; an agent always reviews a draft before it is sent. */
export class ReplySuggester {
  constructor(private readonly client: OpenAI) {}

  async suggest(ticket: Ticket, count = 3): Promise<string[]> {
    const completion = await this.client.chat.completions.create({
      model: 'gpt-4o-mini',
      n: count,
      temperature: 0.7,
      messages: [
        { role: 'system', content: 'You are a friendly support agent. Draft a short reply to the customer.' },
        { role: 'user', content: transcript(ticket) },
      ],
    });
    return completion.choices.map((choice) => choice.message.content ?? '');
  }
}
