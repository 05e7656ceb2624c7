import OpenAI from 'openai';
import { transcript, type Ticket } from '../data/store';

const CLASSIFIER_MODEL = 'gpt-4o-mini';

export interface Triage {
  category: 'billing' | 'bug' | 'how-to' | 'other';
  urgency: 'low' | 'normal' | 'high';
}

/** Sorts new tickets into queues. JSON mode keeps the answer machine-readable. */
export class TicketClassifier {
  private readonly client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, maxRetries: 2 });

  async classify(ticket: Ticket): Promise<Triage> {
    const completion = await this.client.chat.completions.create({
      model: CLASSIFIER_MODEL,
      response_format: { type: 'json_object' },
      messages: [
        {
          role: 'system',
          content:
            'Classify the support ticket. Answer with JSON only: ' +
            '{"category": "billing" | "bug" | "how-to" | "other", "urgency": "low" | "normal" | "high"}',
        },
        { role: 'user', content: transcript(ticket) },
      ],
    });
    return JSON.parse(completion.choices[0]?.message.content ?? '{}') as Triage;
  }
}
