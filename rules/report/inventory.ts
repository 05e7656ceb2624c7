/**
 * The AI inventory: every model or deployment, endpoint (and Azure resource), API version, environment
 * variable, client and SDK package the project uses, each with where it is. Built from the facts of the
 * whole project (the seam included: it is where these should live) and from the seams' config files.
 */
import { vendorOfHost, vendorSpec } from '../vendors/table';
import { CLIENT_CONNECTIONS } from '../vendors/connection-table';
import type { FileFacts } from './facts';
import type { Seam, SeamCallSite } from './seam';
import type { Inventory, InventoryModel, InventoryPackage, Location, ReportVendor } from './types';

/** Slots whose value names an Azure deployment rather than a model. */
const DEPLOYMENT_SLOT = /deploy/i;

export function buildInventory(files: readonly FileFacts[], seams: readonly Seam[], seamCalls: readonly SeamCallSite[], packages: InventoryPackage[], textOf: (filePath: string) => string): Inventory {
  const models = new Grouped<InventoryModel>();
  const endpoints = new Grouped<Inventory['endpoints'][number]>();
  const apiVersions = new Grouped<Inventory['apiVersions'][number]>();
  const envVars = new Grouped<Inventory['envVars'][number]>();
  const clients = new Grouped<Inventory['clients'][number]>();

  for (const { filePath, facts, locate } of files) {
    for (const fact of facts) {
      const at = locate(fact.span.start);
      switch (fact.kind) {
        case 'model-literal': {
          const kind = DEPLOYMENT_SLOT.test(fact.slot) || CLIENT_CONNECTIONS[fact.client]?.provider === 'azure-openai' ? 'deployment' : 'model';
          models.add(`${kind}\n${fact.value}`, { name: fact.value, kind, vendors: [], locations: [] }, at, (entry) => addVendor(entry.vendors, CLIENT_CONNECTIONS[fact.client]?.provider ?? fact.vendor));
          break;
        }
        case 'endpoint-literal': {
          const url = textOf(filePath).slice(fact.span.start, fact.span.end).replace(/^['"`]|['"`]$/g, '');
          endpoints.add(url, endpointEntry(url, fact.host, fact.vendor), at);
          break;
        }
        case 'api-version-literal':
          apiVersions.add(fact.value, { version: fact.value, locations: [] }, at);
          break;
        case 'env-read':
          envVars.add(fact.name, { name: fact.name, vendor: fact.vendor, locations: [] }, at);
          break;
        case 'client-construction':
          clients.add(`${fact.vendor}\n${fact.name}\n${fact.role}`, { name: fact.name, vendor: fact.vendor, role: fact.role, locations: [] }, at);
          break;
      }
    }
  }

  for (const seam of seams) {
    const config = seam.config;
    if (!config) continue;
    for (const entry of config.entries('models')) {
      if (!entry.value) continue;
      const [provider] = seam.routing.providersOf(entry.key, '');
      const kind = provider === 'azure-openai' ? 'deployment' : 'model';
      const uses = seamCalls.filter((call) => call.seam === seam && call.model === entry.key).map((call) => call.location);
      models.add(`${kind}\n${entry.value}`, { name: entry.value, kind, vendors: [], locations: [] }, entry.location, (model) => {
        addVendor(model.vendors, provider as ReportVendor);
        model.configKey ??= entry.key;
        model.envVar ??= entry.envVar;
        model.locations.push(...uses);
      });
    }
    for (const entry of config.entries('endpoints')) {
      if (!entry.value) continue;
      const host = hostOf(entry.value);
      endpoints.add(entry.value, endpointEntry(entry.value, host, vendorOfHost(host) ?? 'configured'), entry.location, (endpoint) => (endpoint.envVar ??= entry.envVar));
    }
    for (const entry of config.entries('apiVersions')) {
      if (entry.value) apiVersions.add(entry.value, { version: entry.value, locations: [] }, entry.location, (version) => (version.envVar ??= entry.envVar));
    }
    for (const { name, location } of config.envVars) envVars.add(name, { name, locations: [] }, location);
  }

  return {
    models: models.sorted((model) => model.name),
    endpoints: endpoints.sorted((endpoint) => endpoint.url),
    apiVersions: apiVersions.sorted((entry) => entry.version),
    envVars: envVars.sorted((entry) => entry.name),
    clients: clients.sorted((client) => `${client.vendor} ${client.name}`),
    packages,
  };
}

function endpointEntry(url: string, host: string, vendor: ReportVendor): Inventory['endpoints'][number] {
  const resourceSuffix = vendor === 'azure-openai' ? vendorSpec('azure-openai').endpointHosts.find((suffix) => host.endsWith(suffix)) : undefined;
  return { url, host, vendor, ...(resourceSuffix ? { azureResource: host.slice(0, -resourceSuffix.length) } : {}), locations: [] };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

function addVendor(vendors: ReportVendor[], vendor: ReportVendor): void {
  if (!vendors.includes(vendor)) vendors.push(vendor);
}

/** Entries merged by key, each collecting its locations. */
class Grouped<T extends { locations: Location[] }> {
  private readonly entries = new Map<string, T>();

  add(key: string, fresh: T, location: Location, update?: (entry: T) => void): void {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = fresh));
    entry.locations.push(location);
    update?.(entry);
  }

  sorted(by: (entry: T) => string): T[] {
    const entries = [...this.entries.values()];
    for (const entry of entries) entry.locations = uniqueLocations(entry.locations);
    return entries.sort((a, b) => by(a).localeCompare(by(b)));
  }
}

export function compareLocations(a: Location, b: Location): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

function uniqueLocations(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return [...locations].sort(compareLocations).filter((location) => {
    const key = `${location.file}:${location.line}:${location.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
