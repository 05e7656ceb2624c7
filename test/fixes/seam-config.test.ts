/**
 * The seam config's entries: names and environment variables, and `addConfigEntry`'s minimal edits to
 * generated and user-edited config files.
 */
import * as assert from 'node:assert/strict';
import { addConfigEntry, type ConfigSection, configEntryName, envVarName, generateSeam } from '../../rules/fixes/seam';
import { applyChanges } from '../../rules/fixes/text-changes';

const GENERATED_CONFIG = generateSeam({ language: 'ts', module: 'esm', importSuffix: '', typeImports: false }).find(
  (file) => file.relativePath === 'config.ts',
)!.text;

/** Adds the entry and returns the new text, failing when the result is not an edit. */
function added(text: string, section: ConfigSection, key: string, envVar: string, value: string): { text: string; key: string; envVar: string } {
  const result = addConfigEntry(text, section, key, envVar, value);
  assert.ok(result && 'change' in result, `expected an edit, got ${JSON.stringify(result)}`);
  return { text: applyChanges(text, [result.change]), key: result.key, envVar: result.envVar };
}

/** The lines of `after` that are not in `before`, and whether every line of `before` is still there. */
function diffLines(before: string, after: string): { addedLines: string[]; kept: boolean } {
  const remaining = after.split('\n');
  let kept = true;
  for (const line of before.split('\n')) {
    const index = remaining.indexOf(line);
    if (index >= 0) remaining.splice(index, 1);
    else kept = false;
  }
  return { addedLines: remaining, kept };
}

describe('fixes/seam: configuration entry names', () => {
  it('models: camelCase keys and AI_MODEL_ variables from the literal', () => {
    const cases: Array<[string, string, string]> = [
      ['gpt-4o-mini', 'gpt4oMini', 'AI_MODEL_GPT_4O_MINI'],
      ['text-embedding-3-small', 'textEmbedding3Small', 'AI_MODEL_TEXT_EMBEDDING_3_SMALL'],
      ['gpt-3.5-turbo', 'gpt35Turbo', 'AI_MODEL_GPT_3_5_TURBO'],
      ['o3-mini', 'o3Mini', 'AI_MODEL_O3_MINI'],
      ['4o-deployment', 'model4oDeployment', 'AI_MODEL_4O_DEPLOYMENT'],
      ['Contoso_GPT4o', 'contosoGpt4o', 'AI_MODEL_CONTOSO_GPT4O'],
    ];
    for (const [literal, key, envVar] of cases) {
      assert.deepEqual([configEntryName(literal, 'model'), envVarName(literal, 'model')], [key, envVar], literal);
    }
  });

  it('endpoints by vendor host (each Azure resource its own), API versions by Azure OpenAI', () => {
    const cases: Array<[string, string, string]> = [
      // Never the SDK's shared AZURE_OPENAI_ENDPOINT: set for one resource, it would move another resource's calls.
      ['https://contoso.openai.azure.com/', 'contoso', 'AZURE_OPENAI_ENDPOINT_CONTOSO'],
      ['https://contoso-eu.cognitiveservices.azure.com', 'contosoEu', 'AZURE_OPENAI_ENDPOINT_CONTOSO_EU'],
      ['https://api.openai.com/v1', 'openAI', 'OPENAI_BASE_URL'],
      ['https://api.openai.com', 'openAI', 'OPENAI_BASE_URL'],
      // Request URLs (a raw fetch) must never fill the base URL that the adapters prefix to every call.
      ['https://api.openai.com/v1/chat/completions', 'openAIChatCompletions', 'OPENAI_CHAT_COMPLETIONS_URL'],
      ['https://contoso.openai.azure.com/openai/deployments/gpt4o/embeddings?api-version=2024-10-21', 'contosoDeploymentsGpt4oEmbeddings', 'AZURE_OPENAI_ENDPOINT_CONTOSO_DEPLOYMENTS_GPT4O_EMBEDDINGS'],
      ['http://localhost:8080/v1', 'localhost8080', 'AI_ENDPOINT_LOCALHOST_8080'],
      ['llm-proxy.internal.example', 'llmProxyInternalExample', 'AI_ENDPOINT_LLM_PROXY_INTERNAL_EXAMPLE'],
    ];
    for (const [literal, key, envVar] of cases) {
      assert.deepEqual([configEntryName(literal, 'endpoint'), envVarName(literal, 'endpoint')], [key, envVar], literal);
    }
    assert.deepEqual([configEntryName('2024-02-01', 'apiVersion'), envVarName('2024-02-01', 'apiVersion')], ['azureOpenAI', 'AZURE_OPENAI_API_VERSION']);
  });
});

describe('fixes/seam: addConfigEntry on the generated config', () => {
  it('fills the empty models object with one line, keeping its braces', () => {
    const first = added(GENERATED_CONFIG, 'models', 'gpt4oMini', 'AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini');
    assert.match(first.text, /export const models = \{\n {2}gpt4oMini: env\('AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini'\),\n\};/);

    const second = added(first.text, 'models', 'textEmbedding3Small', 'AI_MODEL_TEXT_EMBEDDING_3_SMALL', 'text-embedding-3-small');
    assert.deepEqual(diffLines(first.text, second.text), {
      addedLines: ["  textEmbedding3Small: env('AI_MODEL_TEXT_EMBEDDING_3_SMALL', 'text-embedding-3-small'),"],
      kept: true,
    });
  });

  it('re-uses the entry that already has the value, under any key', () => {
    const withModel = added(GENERATED_CONFIG, 'models', 'gpt4oMini', 'AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini').text;
    assert.deepEqual(addConfigEntry(withModel, 'models', 'gpt4oMini', 'AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini'), { existingKey: 'gpt4oMini' });
    assert.deepEqual(addConfigEntry(withModel, 'models', 'other', 'AI_MODEL_OTHER', 'gpt-4o-mini'), { existingKey: 'gpt4oMini' });
    const withVersion = added(GENERATED_CONFIG, 'apiVersions', 'azureOpenAI', 'AZURE_OPENAI_API_VERSION', '2024-10-21').text;
    assert.deepEqual(addConfigEntry(withVersion, 'apiVersions', 'azureOpenAI', 'AZURE_OPENAI_API_VERSION', '2024-10-21'), { existingKey: 'azureOpenAI' });
  });

  it('fills a placeholder entry (empty default) instead of adding a second one', () => {
    const placeholder = GENERATED_CONFIG.replace('export const endpoints = {};', "export const endpoints = {\n  contoso: env('AZURE_OPENAI_ENDPOINT_CONTOSO', ''),\n};");
    const result = added(placeholder, 'endpoints', 'contoso', 'AZURE_OPENAI_ENDPOINT_CONTOSO', 'https://contoso.openai.azure.com/');
    assert.equal(result.key, 'contoso');
    assert.deepEqual(diffLines(placeholder, result.text).addedLines, ["  contoso: env('AZURE_OPENAI_ENDPOINT_CONTOSO', 'https://contoso.openai.azure.com/'),"]);
  });

  it('numbers the key and the variable when another value holds them', () => {
    const first = added(GENERATED_CONFIG, 'apiVersions', 'azureOpenAI', 'AZURE_OPENAI_API_VERSION', '2024-10-21').text;
    const result = added(first, 'apiVersions', 'azureOpenAI', 'AZURE_OPENAI_API_VERSION', '2024-02-01');
    assert.deepEqual([result.key, result.envVar], ['azureOpenAI2', 'AZURE_OPENAI_API_VERSION_2']);
    assert.match(result.text, /azureOpenAI: env\('AZURE_OPENAI_API_VERSION', '2024-10-21'\),\n {2}azureOpenAI2: env\('AZURE_OPENAI_API_VERSION_2', '2024-02-01'\),\n\};/);
    const third = added(result.text, 'apiVersions', 'azureOpenAI', 'AZURE_OPENAI_API_VERSION', '2025-01-01-preview');
    assert.deepEqual([third.key, third.envVar], ['azureOpenAI3', 'AZURE_OPENAI_API_VERSION_3']);
  });

  it('is idempotent: adding the same value again changes nothing', () => {
    const once = added(GENERATED_CONFIG, 'models', 'gpt4o', 'AI_MODEL_GPT_4O', 'gpt-4o');
    assert.deepEqual(addConfigEntry(once.text, 'models', 'gpt4o', 'AI_MODEL_GPT_4O', 'gpt-4o'), { existingKey: 'gpt4o' });
  });
});

describe('fixes/seam: addConfigEntry on a user-edited config', () => {
  const USER_CONFIG = [
    '// Our AI settings (hand-edited).',
    'const fromEnv = (name: string, fallback: string) => process.env[name] || fallback;',
    '',
    'export const apiVersions = { azureOpenAI: "2024-06-01" };',
    '',
    'export const models = {',
    '    // the default chat model',
    '    chat: fromEnv("CHAT_MODEL", "gpt-4o"), // cheap enough',
    '    embed: process.env.EMBED_MODEL ?? "text-embedding-3-large" // no trailing comma',
    '} as const;',
    '',
    'export const endpoints = {',
    '    /* none yet */',
    '};',
    '',
  ].join('\n');

  it('adds a line after the last entry, moving no comment and keeping indentation and quotes', () => {
    const result = added(USER_CONFIG, 'models', 'gpt4oMini', 'AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini');
    assert.equal(
      result.text.split('\n').slice(5, 11).join('\n'),
      [
        'export const models = {',
        '    // the default chat model',
        '    chat: fromEnv("CHAT_MODEL", "gpt-4o"), // cheap enough',
        '    embed: process.env.EMBED_MODEL ?? "text-embedding-3-large", // no trailing comma',
        '    gpt4oMini: process.env.AI_MODEL_GPT_4O_MINI ?? "gpt-4o-mini"',
        '} as const;',
      ].join('\n'),
      'without an `env` helper the entry reads process.env directly',
    );
  });

  it('finds values behind other helpers, `||` and plain literals', () => {
    assert.deepEqual(addConfigEntry(USER_CONFIG, 'models', 'gpt4o', 'AI_MODEL_GPT_4O', 'gpt-4o'), { existingKey: 'chat' });
    assert.deepEqual(addConfigEntry(USER_CONFIG, 'models', 'x', 'X', 'text-embedding-3-large'), { existingKey: 'embed' });
    assert.deepEqual(addConfigEntry(USER_CONFIG, 'apiVersions', 'azureOpenAI', 'AZURE_OPENAI_API_VERSION', '2024-06-01'), { existingKey: 'azureOpenAI' });
  });

  it('keeps a one-line object on one line', () => {
    const result = added(USER_CONFIG, 'apiVersions', 'azureOpenAI', 'AZURE_OPENAI_API_VERSION', '2024-10-21');
    assert.match(result.text, /^export const apiVersions = \{ azureOpenAI: "2024-06-01", azureOpenAI2: process\.env\.AZURE_OPENAI_API_VERSION_2 \?\? "2024-10-21" \};$/m);
  });

  it('adds the first entry of an object that holds only a comment before its closing brace', () => {
    const result = added(USER_CONFIG, 'endpoints', 'azureOpenAI', 'AZURE_OPENAI_ENDPOINT', 'https://contoso.openai.azure.com');
    assert.match(result.text, /export const endpoints = \{\n {4}\/\* none yet \*\/\n {4}azureOpenAI: process\.env\.AZURE_OPENAI_ENDPOINT \?\? "https:\/\/contoso\.openai\.azure\.com",\n\};/);
  });

  it('works on CommonJS JavaScript configs and refuses when the section is gone', () => {
    const commonJs = "const env = (name, fallback) => process.env[name] ?? fallback;\nconst models = {\n  gpt4o: env('AI_MODEL_GPT_4O', 'gpt-4o'),\n};\nmodule.exports = { models };\n";
    const result = added(commonJs, 'models', 'o3Mini', 'AI_MODEL_O3_MINI', 'o3-mini');
    assert.equal(result.text, commonJs.replace("'gpt-4o'),\n", "'gpt-4o'),\n  o3Mini: env('AI_MODEL_O3_MINI', 'o3-mini'),\n"));
    assert.equal(addConfigEntry(commonJs, 'endpoints', 'openAI', 'OPENAI_BASE_URL', 'https://api.openai.com/v1'), undefined);
  });
});
