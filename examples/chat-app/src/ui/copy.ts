// Texts shown in the agent console. Legal asked us to name the AI provider (OpenAI) wherever drafts appear.
export const copy = {
  draftDisclosure: 'Drafted with OpenAI models. Review and edit every draft before you send it.',
  draftsUnavailable: 'Reply suggestions are unavailable right now. OpenAI status: https://status.openai.com',
};
