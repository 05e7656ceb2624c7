import { beforeEach, describe, expect, it, vi } from 'vitest';

const { create } = vi.hoisted(() => ({ create: vi.fn() }));

// The SDK is replaced as a whole, so this test never talks to OpenAI.
vi.mock('openai', () => ({
  default: class {
    chat = { completions: { create } };
  },
}));

import { summarizeTicket } from '../src/routes/tickets';

describe('summarizeTicket', () => {
  beforeEach(() => {
    create.mockReset();
  });

  it('sends the whole conversation and returns the completion', async () => {
    create.mockResolvedValue({ choices: [{ message: { content: '- printer shows offline' } }] });

    const completion = await summarizeTicket({
      id: 't-1',
      subject: 'Printer',
      customerLocale: 'en',
      messages: [{ author: 'customer', body: 'My printer is offline since the update.' }],
    });

    expect(completion.choices[0]?.message.content).toBe('- printer shows offline');
    expect(create.mock.calls[0][0].messages[1].content).toContain('My printer is offline since the update.');
  });
});
