/**
 * `checkSeam` (aidlint seam check) on config and registry texts, with the environment it is given: the
 * route of each model, what AI_PROVIDER and AI_FALLBACK pass over and why, and the problems the seam would
 * refuse at load (unmapped ids, a fallback that cannot serve, mixing embedding spaces, unknown connections).
 */
import * as assert from 'node:assert/strict';
import { checkSeam, formatSeamCheck } from '../../rules/fixes/seam-check';

const REGISTRY = `export const adapters: Record<string, Adapter | undefined> = {
  openai: { connect: openAIProvider, capabilities: ['chat', 'streaming', 'tools', 'json', 'candidateCount', 'embeddings', 'dimensions', 'moderation'], openAIModelNames: true },
  'azure-openai': { connect: azureOpenAIProvider, capabilities: ['chat', 'streaming', 'tools', 'json', 'candidateCount', 'embeddings', 'dimensions'], openAIModelNames: true },
  anthropic: { connect: anthropicProvider, capabilities: ['chat', 'streaming', 'tools'], openAIModelNames: false },
  google: { connect: googleProvider, capabilities: ['chat', 'streaming', 'tools', 'json', 'candidateCount', 'embeddings', 'dimensions'], openAIModelNames: false },
};`;

const config = (extra = '') => `const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
export const connections: Record<string, Connection> = {
  openai: { provider: 'openai' },
  azure: { provider: 'azure-openai', options: () => ({ endpoint: process.env.AZURE_OPENAI_ENDPOINT }) },
  anthropic: { provider: 'anthropic' },
  google: { provider: 'google' },
};
export const connectionOverride = env('AI_PROVIDER', '');
export const models = {
  gpt4oMini: env('AI_MODEL_GPT_4O_MINI', 'gpt-4o-mini'),
  gpt4o: env('AI_MODEL_GPT_4O', 'gpt-4o'),
  textEmbedding3Small: env('AI_MODEL_TEXT_EMBEDDING_3_SMALL', 'text-embedding-3-small'),
};
export const modelConnections: Partial<Record<ModelName, string>> = {
  gpt4oMini: 'openai',
  gpt4o: 'azure',
  textEmbedding3Small: 'openai',
};
export const modelNeeds: Partial<Record<ModelName, Capability[]>> = {
  gpt4oMini: ['chat', 'json'],
  gpt4o: ['chat', 'streaming'],
  textEmbedding3Small: ['embeddings'],
};
export const providerModels: Record<string, Partial<Record<ModelName, string>>> = {
  anthropic: {
    gpt4o: env('AI_MODEL_GPT_4O_ANTHROPIC', ''),
  },
  google: {
    gpt4oMini: env('AI_MODEL_GPT_4O_MINI_GOOGLE', ''),
    gpt4o: env('AI_MODEL_GPT_4O_GOOGLE', 'gemini-2.5-pro'),
    textEmbedding3Small: env('AI_MODEL_TEXT_EMBEDDING_3_SMALL_GOOGLE', 'gemini-embedding-001'),
  },
};
export const defaultFallbacks = env('AI_FALLBACK', '');
${extra}`;

describe('fixes/seam-check: the seam’s routing, read statically', () => {
  it('routes each model to its own connection without AI_PROVIDER, and shows it', () => {
    const check = checkSeam(config(), REGISTRY, {});
    assert.deepEqual(check.problems, []);
    assert.equal(
      formatSeamCheck(check),
      [
        'gpt4oMini [chat, json]: openai (openai: gpt-4o-mini)',
        'gpt4o [chat, streaming]: azure (azure-openai: gpt-4o)',
        'textEmbedding3Small [embeddings]: openai (openai: text-embedding-3-small)',
        '',
      ].join('\n'),
    );
  });

  it('AI_PROVIDER moves what the provider can serve, under its mapped id; passes over embeddings of another space', () => {
    const check = checkSeam(config(), REGISTRY, { AI_PROVIDER: 'google', AI_MODEL_GPT_4O_MINI_GOOGLE: 'gemini-2.5-flash' });
    assert.deepEqual(check.problems, []);
    const byModel = new Map(check.models.map((model) => [model.model, model]));
    assert.deepEqual(byModel.get('gpt4o')?.route, [{ connection: 'google', provider: 'google', modelId: 'gemini-2.5-pro' }]);
    assert.deepEqual(byModel.get('textEmbedding3Small')?.route.map((step) => step.connection), ['openai']);
    assert.match(byModel.get('textEmbedding3Small')!.notes.join('\n'), /another embedding space; list it in crossSpaceEmbeddings/);
  });

  it('an unmapped or empty model id where AI_PROVIDER sends a model is a problem naming the entry', () => {
    const google = checkSeam(config(), REGISTRY, { AI_PROVIDER: 'google' });
    const anthropic = checkSeam(config(), REGISTRY, { AI_PROVIDER: 'anthropic' });
    assert.deepEqual(google.problems, [
      "model 'gpt4oMini' has no model id for google (connection 'google'): providerModels['google'].gpt4oMini in the seam's config is empty: set AI_MODEL_GPT_4O_MINI_GOOGLE or write the id there",
    ]);
    const withoutEntry = checkSeam(config().replace("  anthropic: {\n    gpt4o: env('AI_MODEL_GPT_4O_ANTHROPIC', ''),\n  },\n", ''), REGISTRY, { AI_PROVIDER: 'anthropic' });
    assert.deepEqual(withoutEntry.problems, ["model 'gpt4o' has no model id for anthropic (connection 'anthropic'): add providerModels['anthropic'].gpt4o in the seam's config"]);
    assert.deepEqual(anthropic.problems, [
      "model 'gpt4o' has no model id for anthropic (connection 'anthropic'): providerModels['anthropic'].gpt4o in the seam's config is empty: set AI_MODEL_GPT_4O_ANTHROPIC or write the id there",
    ]);
    assert.match(anthropic.models[0].notes.join('\n'), /AI_PROVIDER=anthropic passes it over \(anthropic cannot do json\): it stays on 'openai'/);
    assert.deepEqual(checkSeam(config(), REGISTRY, { AI_PROVIDER: 'anthropic', AI_MODEL_GPT_4O_ANTHROPIC: 'claude-sonnet-4-5' }).problems, []);
  });

  it('AI_FALLBACK adds connections behind every chat model that they can serve; per-model fallbacks must serve theirs', () => {
    const check = checkSeam(config(), REGISTRY, { AI_FALLBACK: 'anthropic,openai', AI_MODEL_GPT_4O_ANTHROPIC: 'claude-sonnet-4-5' });
    assert.deepEqual(check.problems, []);
    const routes = Object.fromEntries(check.models.map((model) => [model.model, model.route.map((step) => step.connection)]));
    assert.deepEqual(routes, { gpt4oMini: ['openai'], gpt4o: ['azure', 'anthropic', 'openai'], textEmbedding3Small: ['openai'] });
    assert.match(check.models[0].notes.join('\n'), /AI_FALLBACK passes over 'anthropic' \(anthropic cannot do json\)/);
    const explicit = checkSeam(config("export const fallbacks: Partial<Record<ModelName, string[]>> = {\n  gpt4oMini: ['anthropic'],\n};\n"), REGISTRY, {});
    assert.deepEqual(explicit.problems, ["model 'gpt4oMini': fallbacks lists 'anthropic', which cannot serve it (anthropic cannot do json)"]);
  });

  it('an embedding model falls back to its own model elsewhere, never to another embedding space unless crossSpaceEmbeddings lists it', () => {
    const fallbacks = "export const fallbacks: Partial<Record<ModelName, string[]>> = {\n  textEmbedding3Small: ['azure', 'google'],\n};\n";
    const mixed = checkSeam(config(fallbacks), REGISTRY, {});
    assert.deepEqual(mixed.problems, ["model 'textEmbedding3Small': falling back to 'google' would mix embedding spaces (another embedding model); list the model in crossSpaceEmbeddings to allow it"]);
    assert.deepEqual(mixed.models[2].route.map((step) => `${step.connection}: ${step.modelId}`), ['openai: text-embedding-3-small', 'azure: text-embedding-3-small']);
    const allowed = checkSeam(config(`${fallbacks}export const crossSpaceEmbeddings: ModelName[] = ['textEmbedding3Small'];\n`), REGISTRY, {});
    assert.deepEqual(allowed.problems, []);
    assert.deepEqual(allowed.models[2].route.map((step) => `${step.connection}: ${step.modelId}`), ['openai: text-embedding-3-small', 'azure: text-embedding-3-small', 'google: gemini-embedding-001']);
  });

  it('names unknown connections and providers without an adapter', () => {
    const check = checkSeam(config().replace("google: { provider: 'google' },", "google: { provider: 'google' },\n  mistral: { provider: 'mistral' },"), REGISTRY, { AI_PROVIDER: 'mistral', AI_FALLBACK: 'nowhere' });
    assert.deepEqual(check.problems, [
      "AI_PROVIDER: connection 'mistral' names the provider 'mistral', which has no adapter in providers/registry",
      "AI_FALLBACK: there is no AI connection 'nowhere' in config (there are: openai, azure, anthropic, google, mistral)",
    ]);
  });
});
