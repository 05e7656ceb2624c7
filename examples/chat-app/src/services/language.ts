/** The part of the chat completions response this module reads. */
interface ChatCompletionResponse {
  choices: Array<{ message: { content: string | null } }>;
}

/**
 * Detects the language of a new ticket. Written before the team adopted the SDK and kept because it has
 * no dependencies; the model comes from the environment so ops can change it without a deploy.
 */
export async function detectLanguage(text: string): Promise<string> {
  const response = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${process.env.OPENAI_API_KEY}`,
    },
    body: JSON.stringify({
      model: process.env.OPENAI_LANGUAGE_MODEL,
      messages: [
        { role: 'system', content: 'Reply with the BCP 47 language tag of the text and nothing else.' },
        { role: 'user', content: text },
      ],
    }),
  });
  if (!response.ok) throw new Error(`language detection failed: HTTP ${response.status}`);
  const body = (await response.json()) as ChatCompletionResponse;
  return body.choices[0]?.message.content?.trim() || 'en';
}
