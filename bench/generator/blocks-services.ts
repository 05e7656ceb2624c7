/** Application services: classes with injected dependencies, async data access, configuration. */
import type { FileBuilder } from './builder';
import { pascal, plural } from './names';

type MethodTemplate = (b: FileBuilder, entity: string) => string[];

const findById: MethodTemplate = (_b, entity) => [
  `  async findById(id: string): Promise<${entity} | undefined> {`,
  '    const cached = this.cache.get(id);',
  '    if (cached) return cached;',
  '    const found = await this.repository.findOne({ where: { id } });',
  '    if (found) this.cache.set(id, found);',
  '    return found ?? undefined;',
  '  }',
];

const list: MethodTemplate = (b, entity) => [
  `  async list(filter: Partial<${entity}> = {}, page = 1, pageSize = ${b.random.pick([20, 25, 50, 100])}): Promise<${entity}[]> {`,
  '    const offset = (page - 1) * pageSize;',
  "    this.logger.debug('listing', { filter, page, pageSize });",
  '    return this.repository.find({ where: filter, skip: offset, take: pageSize });',
  '  }',
];

const save: MethodTemplate = (_b, entity) => [
  `  async save(entity: ${entity}): Promise<void> {`,
  '    await this.repository.save(entity);',
  '    this.cache.set(entity.id, entity);',
  "    this.logger.info('saved', { id: entity.id });",
  '  }',
];

const remove: MethodTemplate = (b, entity) => [
  `  /** Soft-deletes the ${entity.toLowerCase()}; a nightly job removes it for good. */`,
  '  async remove(id: string): Promise<boolean> {',
  '    const existing = await this.findById(id);',
  '    if (!existing) return false;',
  `    await this.repository.update({ id }, { ${b.names.adjective()}: false, deletedAt: new Date() });`,
  '    this.cache.delete(id);',
  '    return true;',
  '  }',
];

const invalidate: MethodTemplate = () => [
  '  invalidate(id?: string): void {',
  '    if (id === undefined) this.cache.clear();',
  '    else this.cache.delete(id);',
  '  }',
];

const bulk: MethodTemplate = (b, entity) => [
  `  async ${b.names.verb()}Many(ids: readonly string[]): Promise<Map<string, ${entity}>> {`,
  `    const results = new Map<string, ${entity}>();`,
  '    const settled = await Promise.allSettled(ids.map((id) => this.findById(id)));',
  '    settled.forEach((outcome, index) => {',
  "      if (outcome.status === 'fulfilled' && outcome.value) results.set(ids[index], outcome.value);",
  "      else if (outcome.status === 'rejected') this.logger.warn('lookup failed', { id: ids[index], reason: outcome.reason });",
  '    });',
  '    return results;',
  '  }',
];

const METHODS: readonly MethodTemplate[] = [list, save, remove, invalidate, bulk];

export function serviceClassBlock(b: FileBuilder, requestedName?: string): string[] {
  const name = b.declare(requestedName ?? `${pascal(b.names.noun())}Service`);
  const entityType = b.takeSibling('type')?.name ?? `${pascal(b.names.noun())}Entity`;
  const repository = b.useNamed('typeorm', 'Repository', true);
  const dependency = b.random.chance(0.4) ? b.takeSibling('class') : undefined;
  const extraParameter = dependency ? [`    private readonly ${dependency.name[0].toLowerCase()}${dependency.name.slice(1)}: ${dependency.name},`] : [];
  const methods = [findById, ...b.random.sample(METHODS, b.random.int(1, METHODS.length))];
  return [
    `export class ${name} {`,
    `  private readonly cache = new Map<string, ${entityType}>();`,
    '',
    '  constructor(',
    `    private readonly repository: ${repository}<${entityType}>,`,
    `    private readonly logger: Pick<Console, 'debug' | 'info' | 'warn'> = console,`,
    ...extraParameter,
    '  ) {}',
    '',
    ...methods.flatMap((method, index) => [...(index > 0 ? [''] : []), ...method(b, entityType)]),
    '}',
  ];
}

export function asyncFunctionBlock(b: FileBuilder): string[] {
  const noun = b.names.noun();
  const name = b.declare(`${b.names.verb()}${pascal(plural(noun))}`);
  const helper = b.takeSibling('function');
  const transform = helper ? `${helper.name}(item)` : '{ ...item, syncedAt: new Date() }';
  return [
    `export async function ${name}(baseUrl: string, ids: readonly string[], signal?: AbortSignal) {`,
    '  const results = [];',
    '  for (const id of ids) {',
    '    try {',
    `      const response = await fetch(\`\${baseUrl}/${plural(noun)}/\${encodeURIComponent(id)}\`, { signal });`,
    '      if (!response.ok) throw new Error(`HTTP ${response.status} for ' + noun + ' ${id}`);',
    '      const item = await response.json();',
    `      results.push(${transform});`,
    '    } catch (error) {',
    "      if (signal?.aborted) throw error;",
    `      console.warn('skipping ${noun}', id, error);`,
    '    }',
    '  }',
    '  return results;',
    '}',
  ];
}

export function configBlock(b: FileBuilder): string[] {
  const name = b.declare(`${b.names.noun()}Config`);
  const service = b.names.noun().toUpperCase();
  return [
    '// Read once at startup; tests override through the environment.',
    `export const ${name} = {`,
    `  databaseUrl: process.env.DATABASE_URL ?? 'postgres://localhost:5432/${b.names.noun()}s',`,
    `  ${b.names.noun()}TimeoutMs: Number(process.env.${service}_TIMEOUT_MS ?? ${b.random.pick([1000, 5000, 15000, 30000])}),`,
    `  pageSize: ${b.random.pick([20, 50, 100])},`,
    `  featureFlags: (process.env.FEATURE_FLAGS ?? '').split(',').filter(Boolean),`,
    '} as const;',
  ];
}
