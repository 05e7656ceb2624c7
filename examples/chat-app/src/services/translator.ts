import { azure } from '../lib/azure';

/** Translates agent text into the customer's language. Runs on Azure so EU ticket text stays in the EU. */
export async function translate(text: string, locale: string): Promise<string> {
  if (locale.startsWith('en')) return text;
  const completion = await azure.chat.completions.create({
    model: 'gpt-4o-support',
    temperature: 0,
    messages: [
      { role: 'system', content: `Translate the user's text into the language of the locale ${locale}. Keep the tone.` },
      { role: 'user', content: text },
    ],
  });
  return completion.choices[0]?.message.content ?? text;
}
