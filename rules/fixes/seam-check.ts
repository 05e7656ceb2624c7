/**
 * `aidlint seam check`: where the seam sends each model, and what cannot work, read from its files (never
 * run) with the environment the check runs in, by the rules the seam's routing module applies when it
 * loads: a model goes to AI_PROVIDER's connection when that provider can do all the model needs (an
 * embedding model only within its embedding space), else to its own connection; then its fallbacks
 * (`fallbacks`, or AI_FALLBACK for chat models). Problems are what the seam would refuse at load.
 */
import { SEAM_PROVIDERS } from '../vendors/seam-providers';
import { configEntries, configSetting, connectionEntries, objectKeys, objectLists, topLevelList } from './seam';

export interface ModelRoute {
  model: string;
  needs: string[] | undefined;
  /** Connections in the order they are tried, with the model id at each. */
  route: Array<{ connection: string; provider: string; modelId: string }>;
  /** Why AI_PROVIDER or an AI_FALLBACK connection passes this model over. */
  notes: string[];
}

export interface SeamCheck {
  models: ModelRoute[];
  problems: string[];
}

interface Adapter {
  capabilities: readonly string[];
  openAIModelNames: boolean;
}

export function checkSeam(configText: string, registryText: string, env: Record<string, string | undefined>): SeamCheck {
  const read = (entry: { envVar?: string; value?: string }) => (entry.envVar !== undefined ? env[entry.envVar] : undefined) ?? entry.value ?? '';
  const table = (section: 'models' | 'modelConnections' | readonly string[]) => new Map((configEntries(configText, section) ?? []).map((entry) => [entry.key, read(entry)]));
  const setting = (name: string) => {
    const found = configSetting(configText, name);
    return found ? read(found) : '';
  };
  const models = table('models');
  const ownConnections = table('modelConnections');
  const providers = new Map((connectionEntries(configText) ?? []).map((entry) => [entry.key, entry.provider ?? '']));
  const needsOf = objectLists(configText, ['modelNeeds']) ?? new Map<string, string[]>();
  const fallbacks = objectLists(configText, ['fallbacks']) ?? new Map<string, string[]>();
  const crossSpace = topLevelList(configText, 'crossSpaceEmbeddings') ?? [];
  const override = setting('connectionOverride');
  const chatFallbacks = setting('defaultFallbacks').split(',').map((name) => name.trim()).filter(Boolean);
  const adapters = new Map((objectKeys(registryText, ['adapters']) ?? []).map((name) => [name, adapterOf(registryText, name)]));
  const problems: string[] = [];

  const connectionProblem = (name: string): string | undefined => {
    const provider = providers.get(name);
    if (provider === undefined) return `there is no AI connection '${name}' in config (there are: ${[...providers.keys()].join(', ')})`;
    if (!adapters.has(provider)) return `connection '${name}' names the provider '${provider}', which has no adapter in providers/registry`;
    return undefined;
  };
  const lacking = (name: string, needs: readonly string[]): string => {
    const provider = providers.get(name) ?? '';
    const missing = needs.filter((need) => !adapters.get(provider)?.capabilities.includes(need));
    return missing.length > 0 ? `${provider} cannot do ${missing.join(', ')}` : '';
  };
  const modelIdAt = (model: string, name: string, found: string[]): string | undefined => {
    if (name === ownConnections.get(model)) return models.get(model);
    const provider = providers.get(name) ?? '';
    const entries = configEntries(configText, ['providerModels', provider]) ?? [];
    const mapped = table(['providerModels', provider]).get(model);
    if (mapped) return mapped;
    if (mapped === undefined && adapters.get(provider)?.openAIModelNames) return models.get(model);
    const entry = `providerModels['${provider}'].${model} in the seam's config`;
    const variable = entries.find((candidate) => candidate.key === model)?.envVar;
    const fix = mapped === undefined ? `add ${entry}` : `${entry} is empty: set ${variable ?? 'its environment variable'} or write the id there`;
    found.push(`model '${model}' has no model id for ${provider} (connection '${name}'): ${fix}`);
    return undefined;
  };
  const sameSpace = (model: string, name: string) => modelIdAt(model, name, []) === models.get(model);

  for (const name of [...(override ? [override] : []), ...chatFallbacks]) {
    const problem = connectionProblem(name);
    if (problem) problems.push(`${name === override ? 'AI_PROVIDER' : 'AI_FALLBACK'}: ${problem}`);
  }

  const routes = [...models.keys()].map((model): ModelRoute => {
    const declared = needsOf.get(model);
    const needs = declared ?? [];
    const result: ModelRoute = { model, needs: declared, route: [], notes: [] };
    const own = ownConnections.get(model);
    const ownProblem = own ? (connectionProblem(own) ?? lacking(own, needs)) : 'no entry in modelConnections';
    if (!own || ownProblem) {
      problems.push(`model '${model}': ${own ? `its connection '${own}' cannot serve it (${ownProblem})` : 'has no entry in modelConnections (config): add the connection that serves it'}`);
      return result;
    }
    const embeds = needs.includes('embeddings');
    let first = own;
    if (override && override !== own && !connectionProblem(override)) {
      const cannot = lacking(override, needs);
      if (cannot) result.notes.push(`AI_PROVIDER=${override} passes it over (${cannot}): it stays on '${own}'`);
      else if (embeds && !sameSpace(model, override) && !crossSpace.includes(model)) result.notes.push(`AI_PROVIDER=${override} passes it over (another embedding space; list it in crossSpaceEmbeddings to move it): it stays on '${own}'`);
      else first = override;
    }
    const explicit = fallbacks.get(model);
    const names = [...new Set([first, ...(explicit ?? (needs.includes('chat') ? chatFallbacks : []))])];
    for (const name of names) {
      const problem = connectionProblem(name) ?? lacking(name, needs);
      if (problem) {
        if (explicit) problems.push(`model '${model}': fallbacks lists '${name}', which cannot serve it (${problem})`);
        else if (!connectionProblem(name)) result.notes.push(`AI_FALLBACK passes over '${name}' (${problem})`);
        continue;
      }
      if (name !== first && embeds && !sameSpace(model, name) && !crossSpace.includes(model)) {
        problems.push(`model '${model}': falling back to '${name}' would mix embedding spaces (another embedding model); list the model in crossSpaceEmbeddings to allow it`);
        continue;
      }
      const modelId = modelIdAt(model, name, declared ? problems : result.notes);
      if (modelId !== undefined) result.route.push({ connection: name, provider: providers.get(name) ?? '', modelId });
    }
    return result;
  });
  return { models: routes, problems: [...new Set(problems)] };
}

/** A registry entry's capabilities as written; whether it takes OpenAI's model names, from the provider table. */
function adapterOf(registryText: string, name: string): Adapter {
  const capabilities = objectLists(registryText, ['adapters', name])?.get('capabilities') ?? [];
  return { capabilities, openAIModelNames: SEAM_PROVIDERS.find((provider) => provider.name === name)?.openAIModelNames ?? false };
}

/** The check as text: one block per model (its route, notes), then the problems. */
export function formatSeamCheck(check: SeamCheck): string {
  const lines = check.models.map((model) => {
    const route = model.route.map((step) => `${step.connection} (${step.provider}: ${step.modelId})`).join(' → ') || '(none)';
    const needs = model.needs ? ` [${model.needs.join(', ')}]` : ' [needs unknown: checked at its first call]';
    return [`${model.model}${needs}: ${route}`, ...model.notes.map((note) => `  note: ${note}`)].join('\n');
  });
  const problems = check.problems.map((problem) => `error: ${problem}`);
  return `${[...lines, ...problems].join('\n')}\n`;
}
