/**
 * How test programs reach each seam provider (AI_PROVIDER) on the fake server, per provider: its environment
 * (the fake's URL, the ids there of the models `gpt4oMini` and `deepseekReasoner`), those ids, and the id the
 * fake gives a tool call.
 */
export const PROVIDER_RUNS: Record<string, { env: (url: string) => Record<string, string>; model: string; reasoner: string; callId: string }> = {
  openai: { env: () => ({}), model: 'gpt-4o-mini', reasoner: 'deepseek-reasoner', callId: 'call_1' },
  anthropic: {
    env: (url) => ({ ANTHROPIC_API_KEY: 'test-anthropic-key', ANTHROPIC_BASE_URL: url, AI_MODEL_GPT4O_MINI_ANTHROPIC: 'claude-haiku-4-5', AI_MODEL_DEEPSEEK_REASONER_ANTHROPIC: 'claude-sonnet-4-5' }),
    model: 'claude-haiku-4-5',
    reasoner: 'claude-sonnet-4-5',
    callId: 'toolu_1',
  },
  google: {
    env: (url) => ({ GEMINI_API_KEY: 'test-gemini-key', GOOGLE_GEMINI_BASE_URL: url, AI_MODEL_GPT4O_MINI_GOOGLE: 'gemini-2.5-flash', AI_MODEL_DEEPSEEK_REASONER_GOOGLE: 'gemini-2.5-pro' }),
    model: 'gemini-2.5-flash',
    reasoner: 'gemini-2.5-pro',
    callId: 'call_1',
  },
  'openai-compatible': {
    env: (url) => ({ OPENAI_COMPATIBLE_BASE_URL: `${url}/v1`, AI_MODEL_GPT4O_MINI_OPENAI_COMPATIBLE: 'llama3.1', AI_MODEL_DEEPSEEK_REASONER_OPENAI_COMPATIBLE: 'deepseek-reasoner' }),
    model: 'llama3.1',
    reasoner: 'deepseek-reasoner',
    callId: 'call_1',
  },
};
