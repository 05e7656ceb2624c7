import * as assert from 'node:assert/strict';
import { lintProject, runRuleTests } from '../rule-tester';

runRuleTests('vendor-env', {
  valid: [
    // Other variables, including ones that merely contain the vendor's name.
    "const port = process.env.PORT;\nconst key = process.env.MY_OPENAI_KEY;\nconst vite = import.meta.env.VITE_OPENAI_KEY;",
    "const bare = process.env.OPENAI;\nconst { PORT, HOST } = process.env;\nconst vendor = 'openai';",
    // A local `process` is not the environment.
    "const process = { env: { OPENAI_API_KEY: 'placeholder' } };\nconst key = process.env.OPENAI_API_KEY;",
    'function read(process: { env: Record<string, string> }) { return process.env.OPENAI_API_KEY; }',
    // The seam reads the settings.
    { code: 'export const apiKey = process.env.OPENAI_API_KEY;', filename: 'src/ai/config.ts' },
  ],
  invalid: [
    {
      code: 'const key = «process.env.OPENAI_API_KEY»;',
      errors: [{ message: "Reads OpenAI setting 'OPENAI_API_KEY' outside the seam" }],
    },
    {
      code: "const endpoint = «process.env['AZURE_OPENAI_ENDPOINT']»;",
      errors: [{ message: "Reads Azure OpenAI setting 'AZURE_OPENAI_ENDPOINT'" }],
    },
    { code: 'const key = «process.env[`OPENAI_API_KEY`]»;' },
    { code: 'const key = «process?.env?.OPENAI_API_KEY»;' },
    { code: 'const base = «import.meta.env.OPENAI_BASE_URL»;', filename: 'src/app/file.mts' },
    // Destructuring: the range is the variable's name as written in the environment.
    { code: 'const { «OPENAI_API_KEY», PORT } = process.env;' },
    { code: 'const { «AZURE_OPENAI_API_KEY»: azureKey, «OPENAI_ORG_ID» = "org" } = process.env;' },
  ],
});

describe('vendor-env (presets)', () => {
  const code = 'const key = process.env.OPENAI_API_KEY;';

  it('is info in recommended (the default)', () => {
    const { messages } = lintProject({ code });
    assert.deepEqual(
      messages.map((message) => [message.ruleId, message.severity]),
      [['vendor-env', 'info']],
    );
  });

  it('is info in strict', () => {
    const { messages } = lintProject({ code, config: { extends: 'strict' } });
    assert.deepEqual(
      messages.map((message) => [message.ruleId, message.severity]),
      [['vendor-env', 'info']],
    );
  });
});
