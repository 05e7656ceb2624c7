/**
 * A monorepo whose report numbers are known by construction (written to a temp folder at test time):
 * `packages/legacy` calls OpenAI directly (3 AI calls: two SDK calls, one raw fetch); `packages/app` has
 * the seam aidlint generates (`src/ai/`, with `gpt4oMini` on an OpenAI connection and `supportDeployment`
 * on an Azure OpenAI one), 3 calls through it and 1 direct Azure OpenAI call; a script holds a key.
 * Each line that produces a finding says so.
 */
import { addConfigEntry, addConnectionEntry, addObjectEntry, type ConfigSection, generateSeam } from '../../rules/fixes/seam';
import { applyChanges } from '../../rules/fixes/text-changes';

/** The key in scripts/leak.js; it must never appear in a report, not even redacted. */
export const FIXTURE_KEY = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8x';
export const REDACTED_KEY = 'sk-proj-…Vw8x';

export function seamConfig(): string {
  let text = generateSeam({ language: 'ts', module: 'esm', importSuffix: '', typeImports: false }).find((file) => file.relativePath === 'config.ts')!.text;
  const add = (section: ConfigSection, key: string, envVar: string, value: string) => {
    const result = addConfigEntry(text, section, key, envVar, value, (existing) => existing === key);
    if (!result || !('change' in result)) throw new Error(`cannot add ${key} to the seam config`);
    text = applyChanges(text, [result.change]);
  };
  text = withConnection(text, 'openai', 'openai');
  text = withConnection(text, 'support', 'azure-openai');
  add('models', 'gpt4oMini', 'AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini');
  add('models', 'supportDeployment', 'AI_MODEL_SUPPORT', 'gpt-4o-support');
  add('modelConnections', 'gpt4oMini', 'AI_MODEL_GPT_4O_MINI_CONNECTION', 'openai');
  add('modelConnections', 'supportDeployment', 'AI_MODEL_SUPPORT_CONNECTION', 'support');
  return text;
}

function withConnection(config: string, name: string, provider: string): string {
  const result = addConnectionEntry(config, name, provider, []);
  if (!result) throw new Error(`cannot add the connection ${name}`);
  return applyChanges(config, [result.change]);
}

/** Failover in the generated config: `gpt4oMini` falls back to an Azure connection; optionally AI_FALLBACK's default for every chat model. */
export function withFallbacks(config: string, fallbackForAll?: string): string {
  const connected = withConnection(config, 'azureBackup', 'azure-openai');
  const fallback = addObjectEntry(connected, ['fallbacks'], 'gpt4oMini', "['azureBackup']");
  if (!fallback) throw new Error('the generated config has no `fallbacks` object');
  const withFallback = applyChanges(connected, [fallback]);
  return fallbackForAll === undefined ? withFallback : withFallback.replace("env('AI_FALLBACK', '')", `env('AI_FALLBACK', '${fallbackForAll}')`);
}

export function monorepo(config = seamConfig()): Record<string, string> {
  const seam = Object.fromEntries(
    generateSeam({ language: 'ts', module: 'esm', importSuffix: '', typeImports: false }).map((file) => [`packages/app/src/ai/${file.relativePath}`, file.relativePath === 'config.ts' ? config : file.text]),
  );
  return {
    'package.json': JSON.stringify({ name: 'acme-monorepo', private: true, workspaces: ['packages/*'] }, null, 2),
    'package-lock.json': JSON.stringify(
      {
        name: 'acme-monorepo',
        lockfileVersion: 3,
        packages: {
          '': { name: 'acme-monorepo', workspaces: ['packages/*'] },
          'node_modules/openai': { version: '6.49.0' },
          'node_modules/@azure/openai': { version: '1.0.0-beta.12' },
          'packages/legacy/node_modules/openai': { version: '4.104.0' },
        },
      },
      null,
      2,
    ),
    'packages/legacy/package.json': JSON.stringify({ name: '@acme/legacy', dependencies: { openai: '^4.100.0' } }, null, 2),
    'packages/legacy/src/client.ts': [
      "import OpenAI from 'openai'; // vendor-import",
      'export const openai = new OpenAI(); // vendor-client',
    ].join('\n'),
    'packages/legacy/src/summarize.ts': [
      "import { openai } from './client';",
      'export async function summarize(text: string) {',
      "  const answer = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] }); // vendor-call, hardcoded-model",
      "  const vectors = await openai.embeddings.create({ model: 'text-embedding-3-small', input: text }); // vendor-call, hardcoded-model",
      '  return [answer, vectors];',
      '}',
    ].join('\n'),
    'packages/legacy/src/raw.ts': "export const ping = () => fetch('https://api.openai.com/v1/models'); // vendor-rest-call, hardcoded-endpoint\n",
    'packages/app/package.json': JSON.stringify({ name: '@acme/app', dependencies: { openai: '^6.49.0', '@azure/openai': '1.0.0-beta.12' } }, null, 2),
    'packages/app/aidlint.json': JSON.stringify({ seam: ['src/ai/**'], fix: { seamDir: 'src/ai' } }),
    ...seam,
    'packages/app/src/routes/chat.ts': [
      "import { chatModel, embeddingModel } from '../ai/index';",
      "export const ask = (question: string) => chatModel('gpt4oMini').complete({ messages: [{ role: 'user', content: question }] });",
      "export const support = (question: string) => chatModel('supportDeployment').stream({ messages: [{ role: 'user', content: question }] });",
      "export const embed = (text: string) => embeddingModel('gpt4oMini').embed({ input: text });",
    ].join('\n'),
    'packages/app/src/routes/direct.ts': [
      "import { AzureOpenAI } from 'openai'; // vendor-import",
      'const azure = new AzureOpenAI({ // vendor-client',
      "  endpoint: 'https://acme-eu.openai.azure.com', // hardcoded-endpoint",
      "  apiVersion: '2024-10-21', // hardcoded-api-version (info)",
      '  apiKey: process.env.AZURE_OPENAI_API_KEY,',
      '});',
      "export const reply = () => azure.chat.completions.create({ model: 'gpt-4o-support', messages: [] }); // vendor-call, hardcoded-model",
    ].join('\n'),
    'packages/app/scripts/leak.js': `const key = '${FIXTURE_KEY}'; // hardcoded-secret (error)\nmodule.exports = { key };\n`,
  };
}
