/**
 * `aidlint seam add-provider <name>` and the editor's "Add a provider to the AI seam": adds a provider to
 * an existing seam by minimal edits, each skipped when it is there already (so running it twice changes
 * nothing and user edits stay):
 * - the adapter module (providers/<name>), rendered in the project's style;
 * - its entry in providers/registry (import and `adapters` line, with the provider's capabilities);
 * - a connection named after the provider in config (its key and base URL read from the environment);
 * - per model the code uses for chat, an empty id in `providerModels[<name>]` with the variable that sets it;
 * - the SDK, pinned exactly, in package.json.
 */
import * as path from 'node:path';
import { findSeamModule } from '../config/seam-files';
import { parseSource } from '../engine/parse';
import { ADDABLE_PROVIDERS, type SeamProvider, seamProvider } from '../vendors/seam-providers';
import { addImport } from './imports';
import { addConnectionEntry, addObjectEntry, configEntries, detectProjectStyle, indexReadsInStyle, objectKeys, objectLists, upperSnakeCase, usesEnvHelper } from './seam';
import { parse as parseJsonc } from 'jsonc-parser';
import { dependencyField, installCommand, manifestEdit } from './seam-dependency';
import { renderModule } from './seam/render';
import { PROVIDER_SOURCES } from './seam/provider-sources';
import { registryEntry } from './seam/sources';
import type { FixHost } from './seam-plan';
import { applyChanges, minimalChange } from './text-changes';
import type { FileChange } from './types';


/** Why the provider cannot be added (the seam is missing, or lacks what this needs). */
export class AddProviderError extends Error {}

export interface AddProviderResult {
  changes: FileChange[];
  /** What was done, one line each, for the CLI and the editor. */
  done: string[];
}

export function addProvider(name: string, seamDir: string, projectRoot: string, host: FixHost): AddProviderResult {
  const provider = seamProvider(name);
  if (!provider || !ADDABLE_PROVIDERS.includes(provider)) {
    throw new AddProviderError(`unknown provider '${name}': one of ${ADDABLE_PROVIDERS.map((known) => known.name).join(', ')}`);
  }
  const find = (module: string) => findSeamModule(seamDir, module, (file) => host.fileExists(file));
  const config = find('config');
  const registry = find('providers/registry');
  if (!config || !find('index')) throw new AddProviderError(`no seam in ${seamDir} (the wrap fix creates it; set fix.seamDir in aidlint.json if it lives elsewhere)`);
  if (!registry) throw new AddProviderError(`the seam in ${seamDir} has no providers/registry module (made by an earlier aidlint): generate a new seam and move your edits into it`);

  const extension = path.extname(registry);
  // Rendered in the language of the seam's own files.
  const style = { ...detectProjectStyle(projectRoot), language: /\.[mc]?ts$/.test(extension) ? ('ts' as const) : ('js' as const) };
  const commonJs = style.language === 'js' && style.module === 'cjs';
  if (provider.sdk?.esmTypes && style.language === 'ts' && style.commonJsNodeResolution) {
    throw new AddProviderError(
      `${provider.sdk.name} is typed as ES modules, which this project's TypeScript, compiled to CommonJS under node16/nodenext module resolution, cannot import (TS1479): the seam would not compile. Add it in an ES module package ("type": "module") or one resolved for a bundler.`,
    );
  }
  const changes: FileChange[] = [];
  const done: string[] = [];

  const adapterFile = path.join(seamDir, ...provider.module.split('/')) + extension;
  if (!host.fileExists(adapterFile)) {
    changes.push({ filePath: adapterFile, create: { content: renderModule(PROVIDER_SOURCES[provider.name], style) }, changes: [] });
    done.push(`created ${path.relative(projectRoot, adapterFile)}`);
  }

  const registryText = host.readFile(registry) ?? '';
  const configText = host.readFile(config) ?? '';
  let newRegistry = registryText;
  const line = registryEntry(provider, declaredCapabilities(configText));
  const entry = addObjectEntry(newRegistry, ['adapters'], provider.name, line.slice(line.indexOf(':') + 2));
  if (entry) {
    newRegistry = applyChanges(newRegistry, [entry]);
    const specifier = `./${provider.module.slice('providers/'.length)}${style.importSuffix}`;
    newRegistry = applyChanges(newRegistry, addImport(parseSource('registry.ts', newRegistry), { specifier, names: [provider.factory], typeNames: [], commonJs }));
    done.push(`registered the '${provider.name}' adapter in ${path.relative(projectRoot, registry)}`);
  } else if (!objectKeys(newRegistry, ['adapters'])) {
    throw new AddProviderError(`${path.relative(projectRoot, registry)} has no \`adapters\` object to register the adapter in`);
  }
  if (newRegistry !== registryText) changes.push({ filePath: registry, changes: [minimalChange(registryText, newRegistry)] });

  const newConfig = indexReadsInStyle(extendConfig(configText, provider, done), style);
  if (newConfig !== configText) changes.push({ filePath: config, changes: [minimalChange(configText, newConfig)] });

  const manifest = provider.sdk && pinDependency(projectRoot, provider.sdk, host);
  if (manifest) {
    changes.push(manifest);
    done.push(`added ${provider.sdk!.name}@${provider.sdk!.version} to package.json (run \`${manifest.notice!.run!.command}\`)`);
  }
  return { changes, done };
}

/** The connection named after the provider, and an empty model id per chat model it can serve. */
function extendConfig(configText: string, provider: SeamProvider, done: string[]): string {
  let text = configText;
  const connections = objectKeys(text, ['connections']);
  if (!connections) throw new AddProviderError("the seam's config has no `connections` object");
  if (!connections.includes(provider.name)) {
    const added = addConnectionEntry(text, provider.name, provider.name, provider.connectionOptions ?? []);
    text = applyChanges(text, [added!.change]);
    done.push(`added the connection '${provider.name}' (AI_PROVIDER=${provider.name} selects it)`);
  }
  if (!objectKeys(text, ['providerModels'])) throw new AddProviderError("the seam's config has no `providerModels` object (made by an earlier aidlint): add `export const providerModels: Record<string, Partial<Record<ModelName, string>>> = {};`");
  const needs = objectLists(text, ['modelNeeds']) ?? new Map<string, string[]>();
  const models = (configEntries(text, 'models') ?? []).filter((model) => servesChat(needs.get(model.key), provider));
  const variable = (model: { key: string; envVar?: string }) => `${model.envVar ?? `AI_MODEL_${upperSnakeCase(model.key)}`}_${upperSnakeCase(provider.name)}`;
  const entryText = (model: { key: string; envVar?: string }) => (usesEnvHelper(text) ? `env('${variable(model)}', '')` : `process.env.${variable(model)} ?? ''`);
  if (!objectKeys(text, ['providerModels', provider.name])) {
    const change = addObjectEntry(text, ['providerModels'], provider.name, (indent) =>
      models.length === 0 ? '{}' : ['{', ...models.map((model) => `${indent}  ${model.key}: ${entryText(model)},`), `${indent}}`].join('\n'),
    );
    if (change) text = applyChanges(text, [change]);
  } else {
    for (const model of models) {
      const change = addObjectEntry(text, ['providerModels', provider.name], model.key, entryText(model));
      if (change) text = applyChanges(text, [change]);
    }
  }
  if (models.length > 0) done.push(`model ids for ${provider.name} (providerModels['${provider.name}']) are empty until you set ${models.map(variable).join(', ')} or write them there`);
  return text;
}

/**
 * The capabilities the seam's config declares (its \`Capability\` type, or JSDoc typedef): a seam from an earlier
 * aidlint knows fewer (no \`jsonSchema\`), and its registry must name only those. Undefined when not found.
 */
function declaredCapabilities(configText: string): string[] | undefined {
  const union = /export type Capability =([^;]*);/.exec(configText)?.[1] ?? /@typedef \{([^}]*)\} Capability\b/.exec(configText)?.[1];
  return union === undefined ? undefined : [...union.matchAll(/'([^']+)'/g)].map((match) => match[1]);
}

/** Whether the provider can take a model as a chat model: its needs (unknown: maybe) are chat needs the provider serves. */
function servesChat(needs: string[] | undefined, provider: SeamProvider): boolean {
  return needs === undefined || (needs.includes('chat') && needs.every((need) => (provider.capabilities as readonly string[]).includes(need)));
}

/** package.json with the SDK pinned exactly, unless the project depends on it already, and what to run then. */
function pinDependency(projectRoot: string, sdk: { name: string; version: string }, host: FixHost): FileChange | undefined {
  const manifestPath = path.join(projectRoot, 'package.json');
  const text = host.readFile(manifestPath);
  if (text === undefined || dependencyField(parseJsonc(text, [], { allowTrailingComma: true }), sdk.name) !== undefined) return undefined;
  const install = installCommand(projectRoot, host);
  const notice = { message: `${sdk.name} ${sdk.version} was added to ${manifestPath}; run \`${install}\` to install it.`, run: { command: install, cwd: projectRoot } };
  return { ...manifestEdit(text, manifestPath, ['dependencies', sdk.name], sdk.version), notice };
}
