import * as assert from 'node:assert/strict';
import { lintProject, onlyRule, runRuleTests } from '../rule-tester';

// Fake keys, assembled at run time so that this file holds no key-shaped literal for secret scanners
// (aidlint's own included).
const BODY = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';
const KEYS = {
  legacy: { key: `sk-${BODY}Q7rT`, redacted: 'sk-…Q7rT' },
  project: { key: `sk-proj-${BODY}AbCd`, redacted: 'sk-proj-…AbCd' },
  serviceAccount: { key: `sk-svcacct-${BODY}Sv01`, redacted: 'sk-svcacct-…Sv01' },
  admin: { key: `sk-admin-${BODY}Ad02`, redacted: 'sk-admin-…Ad02' },
  marker: { key: `${BODY.slice(0, 16)}T3Blbk${'FJ'}${BODY.slice(16)}Mk03`, redacted: '…Mk03' },
};
const AZURE_KEY = `0123456789abcdef${'0123456789ABCDEF'}`;
const PROJECT_KEY = KEYS.project.key;

runRuleTests('hardcoded-secret', {
  valid: [
    // Dash-joined words are not keys.
    "const className = 'sk-button-primary-large';\nconst other = 'sk-button-primary-large-and-wide';",
    // Documentation placeholders.
    "// export OPENAI_API_KEY=sk-...\nconst placeholder = 'sk-...';\nconst example = 'sk-xxxxxxxxxxxxxxxxxxxxxxxx';\nconst hint = 'sk-your-api-key-goes-here';",
    "const sample = 'sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX';",
    // A 32-hex digest in a property that is not a key (the file mentions the vendor, so it is parsed).
    "import OpenAI from 'openai';\nconst file = { etag: 'd41d8cd98f00b204e9800998ecf8427e', checksum: '0123456789abcdef0123456789abcdef' };",
    "import OpenAI from 'openai';\nconst md5 = 'd41d8cd98f00b204e9800998ecf8427e';",
    // Words that end in "sk-" are not a key prefix.
    `const task = 'task-${BODY}';\nconst risk = 'risk-${BODY}';`,
    // Keys read from the environment.
    "import OpenAI from 'openai';\nnew OpenAI({ apiKey: process.env.OPENAI_API_KEY });",

    // 32 hex characters under a generic `apiKey` are some other service's key outside an Azure OpenAI file
    // (an Algolia search key in a docusaurus config, a Mapbox or analytics key).
    "export default { themeConfig: { algolia: { appId: 'X1Y2Z3', apiKey: 'ef8f3e604a1e7ed3afa4dbaeeecfa5f2', indexName: 'docs' } } };",
    "const map = new MapClient({ apiKey: '0123456789abcdef0123456789abcdef' });",
  ],
  invalid: [
    { code: `const key = '«${KEYS.legacy.key}»';`, errors: [{ message: `OpenAI API key ${KEYS.legacy.redacted} is written in the code` }] },
    { code: `const key = '«${KEYS.project.key}»';`, errors: [{ message: KEYS.project.redacted }] },
    { code: `const key = '«${KEYS.serviceAccount.key}»';`, errors: [{ message: KEYS.serviceAccount.redacted }] },
    { code: `const key = '«${KEYS.admin.key}»';`, errors: [{ message: KEYS.admin.redacted }] },
    { code: `const key = '«${KEYS.marker.key}»';`, errors: [{ message: KEYS.marker.redacted }] },
    // In templates, client options and comments.
    { code: `const header = \`Bearer «${PROJECT_KEY}»\`;` },
    { code: `const header = \`\${scheme} «${PROJECT_KEY}»\`;` },
    { code: `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '«${PROJECT_KEY}»' });` },
    { code: `// old key: «${PROJECT_KEY}»\nexport {};` },
    { code: `/**\n * Rotated on Monday: «${PROJECT_KEY}»\n */\nexport {};` },
    // Inside the seam too.
    { code: `export const apiKey = '«${PROJECT_KEY}»';`, filename: 'src/ai/config.ts' },
    // 32-hex Azure keys where they reach `apiKey`, a credential constructor or an `api-key` header.
    {
      code: `import { AzureOpenAI } from 'openai';\nnew AzureOpenAI({ apiKey: '«${AZURE_KEY}»', endpoint });`,
      errors: [{ message: 'Azure OpenAI API key …CDEF is written in the code' }],
    },
    { code: `import { OpenAIClient, AzureKeyCredential } from '@azure/openai';\nnew OpenAIClient(endpoint, new AzureKeyCredential('«${AZURE_KEY}»'));` },
    { code: `import { AzureKeyCredential } from '@azure/openai';\nconst KEY = '«${AZURE_KEY}»';\nexport const credential = new AzureKeyCredential(KEY);` },
    { code: `await fetch('https://contoso.openai.azure.com/openai/models', { headers: { 'api-key': '«${AZURE_KEY}»' } });` },
    // The header alone makes it a key, whether or not the file names the vendor elsewhere.
    { code: `await fetch(process.env.CHAT_URL!, { method: 'POST', headers: { 'api-key': '«${AZURE_KEY}»' } });` },

    // The same under `apiKey` in a file about Azure OpenAI.
    { code: `const settings = { endpoint: 'https://contoso.openai.azure.com', apiKey: '«${AZURE_KEY}»' };` },
    { code: `// AZURE_OPENAI_API_KEY for local runs\nexport const config = { apiKey: '«${AZURE_KEY}»' };` },
  ],
});

describe('hardcoded-secret (redaction and severity)', () => {
  for (const [kind, { key, redacted }] of Object.entries(KEYS)) {
    it(`shows a ${kind} key only as ${redacted}`, () => {
      const { messages } = lintProject({ code: `const key = '${key}';` }, onlyRule('hardcoded-secret'));
      assert.equal(messages.length, 1);
      assert.ok(messages[0].message.includes(redacted), messages[0].message);
      assertNoKeyPiece(JSON.stringify(messages[0]), key);
    });
  }

  it('shows an Azure key only by its last four characters', () => {
    const { messages } = lintProject({ code: `import { AzureOpenAI } from 'openai';\nnew AzureOpenAI({ apiKey: '${AZURE_KEY}' });` }, onlyRule('hardcoded-secret'));
    assert.equal(messages.length, 1);
    assertNoKeyPiece(JSON.stringify(messages[0]), AZURE_KEY);
  });

  it('keeps keys out of the other rules\' messages', () => {
    const code = `import OpenAI from 'openai';\nconst client = new OpenAI();\nawait client.chat.completions.create({ model: '${PROJECT_KEY}', messages: [] });`;
    const { messages } = lintProject({ code }, { 'hardcoded-model': 'warning', 'vendor-call': 'warning' });
    assert.ok(messages.some((message) => message.ruleId === 'hardcoded-model'));
    for (const message of messages) assertNoKeyPiece(message.message, PROJECT_KEY);
  });

  it('is an error by default', () => {
    const { messages } = lintProject({ code: `const key = '${PROJECT_KEY}';` });
    assert.deepEqual(
      messages.map((message) => [message.ruleId, message.severity]),
      [['hardcoded-secret', 'error']],
    );
  });
});

/** No run of 8 characters of the key's secret part (after its `sk-…-` prefix) may appear in `text`. */
function assertNoKeyPiece(text: string, key: string): void {
  const secret = key.replace(/^sk-(?:proj-|svcacct-|admin-)?/, '');
  for (let start = 0; start + 8 <= secret.length; start++) {
    const piece = secret.slice(start, start + 8);
    assert.ok(!text.includes(piece), `"${piece}" of the key leaked into: ${text}`);
  }
}
