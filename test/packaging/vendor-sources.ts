/** Source files the packaging tests lint with a packaged bundle. */

/** One OpenAI import, client, call and model: four findings. */
export const VENDOR_CALL = "import OpenAI from 'openai';\nconst c = new OpenAI();\nc.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";

const DEPTH = 50_000;
/** The same findings inside 50,000 parentheses: only the deep-stack worker next to the bundle can lint it. */
export const DEEP_FILE =
  "import OpenAI from 'openai';\nconst c = new OpenAI();\nconst r = " + '('.repeat(DEPTH) + "c.chat.completions.create({ model: 'gpt-4o' })" + ')'.repeat(DEPTH) + ';\n';
