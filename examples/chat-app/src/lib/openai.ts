import OpenAI from 'openai';

// One client for the whole process, so retries and the connection pool are shared by every route.
export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
