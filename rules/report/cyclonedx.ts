/**
 * The AI inventory as a CycloneDX 1.6 bill of materials (JSON), the format security teams already read:
 * SDK packages are `library` components (purl, the lockfile's version, where they are declared), models
 * and deployments are `machine-learning-model` components (where the code names them, as evidence
 * occurrences), endpoints are `services`, and API versions and environment variables are properties.
 */
import { randomUUID } from 'node:crypto';
import { reportVendorLabel } from './facts';
import type { CouplingReport, Location } from './types';

const PROPERTY_PREFIX = 'aidlint:';

interface Property {
  name: string;
  value: string;
}

export function toCycloneDx(report: CouplingReport): string {
  const { inventory } = report;
  const property = (name: string, value: string | undefined): Property[] => (value ? [{ name: PROPERTY_PREFIX + name, value }] : []);

  const libraries = inventory.packages.flatMap((entry) => {
    const byVersion = new Map<string, typeof entry.declarations>();
    for (const declaration of entry.declarations) {
      const key = declaration.locked ?? '';
      byVersion.set(key, [...(byVersion.get(key) ?? []), declaration]);
    }
    return [...byVersion.entries()].map(([version, declarations]) => {
      const { group, name } = splitScope(entry.name);
      const purl = `pkg:npm/${group ? `${encodeURIComponent(group)}/` : ''}${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
      return {
        type: 'library',
        'bom-ref': purl,
        ...(group ? { group } : {}),
        name,
        ...(version ? { version } : {}),
        purl,
        evidence: { occurrences: declarations.map((declaration) => occurrence(declaration.manifest)) },
        properties: [
          ...property('vendor', entry.vendor),
          ...[...new Set(declarations.map((declaration) => declaration.range))].flatMap((range) => property('declared-range', range)),
          ...declarations.flatMap((declaration) => property('lockfile', declaration.lockfile && where(declaration.lockfile))),
        ],
      };
    });
  });

  const models = inventory.models.map((model) => ({
    type: 'machine-learning-model',
    'bom-ref': `model:${model.kind}:${model.name}`,
    name: model.name,
    ...(model.vendors.length === 1 ? { publisher: reportVendorLabel(model.vendors[0]) } : {}),
    evidence: { occurrences: model.locations.map(occurrence) },
    properties: [
      ...property('kind', model.kind),
      ...model.vendors.flatMap((vendor) => property('vendor', vendor)),
      ...property('config-key', model.configKey),
      ...property('env-var', model.envVar),
    ],
  }));

  const services = inventory.endpoints.map((endpoint) => ({
    'bom-ref': `endpoint:${endpoint.url}`,
    provider: { name: reportVendorLabel(endpoint.vendor) },
    name: endpoint.host,
    endpoints: [endpoint.url],
    properties: [
      ...property('vendor', endpoint.vendor),
      ...property('azure-resource', endpoint.azureResource),
      ...property('env-var', endpoint.envVar),
      ...endpoint.locations.flatMap((location) => property('location', where(location))),
    ],
  }));

  const listed = (kind: string, entries: Array<{ value: string; locations: Location[] }>) =>
    entries.flatMap((entry) => [...property(kind, entry.value), ...property(`${kind}:${entry.value}:locations`, entry.locations.map(where).join(' '))]);

  const bom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: report.generatedAt,
      tools: { components: [{ type: 'application', 'bom-ref': 'tool:aidlint', name: 'aidlint', version: report.tool.version }] },
      component: { type: 'application', 'bom-ref': 'project', name: report.project },
    },
    components: [...libraries, ...models],
    services,
    dependencies: [{ ref: 'project', dependsOn: [...libraries.map((library) => library['bom-ref']), ...services.map((service) => service['bom-ref'])] }],
    properties: [
      ...listed('api-version', inventory.apiVersions.map((entry) => ({ value: entry.version, locations: entry.locations }))),
      ...listed('env-var', inventory.envVars.map((entry) => ({ value: entry.name, locations: entry.locations }))),
    ],
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}

function splitScope(packageName: string): { group?: string; name: string } {
  const match = /^(@[^/]+)\/(.+)$/.exec(packageName);
  return match ? { group: match[1], name: match[2] } : { name: packageName };
}

function occurrence(location: Location): { location: string; line: number } {
  return { location: location.file, line: location.line };
}

function where(location: Location): string {
  return `${location.file}:${location.line}`;
}
