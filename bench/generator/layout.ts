/**
 * The plan of the synthetic monorepo: packages, every file's path, kind and main export, which files
 * import which, and where the vendor-coupled code and the traps go. Content is written from this plan.
 */
import * as path from 'node:path';
import { Names, pascal, plural } from './names';
import { Random } from './random';
import { GENERATED_MENTION, MENTION_STYLES, TRAP_STYLES, trapNeedsTestFile, type TrapStyle } from './trap-code';
import { VENDOR_STYLES, type VendorStyle } from './vendor-code';
import type { SiblingExport } from './builder';

export type FileKind = 'index' | 'service' | 'component' | 'hook' | 'util' | 'route' | 'types' | 'test' | 'script';

export interface PlannedFile {
  index: number;
  /** Relative to the tree root, with forward slashes. */
  path: string;
  packageIndex: number;
  kind: FileKind;
  /** The export other files import; absent for tests, scripts and package indexes. */
  exportName?: string;
  /** Size the content grows to (the last block may overshoot a little). */
  targetLines: number;
  /** Exports of other files this one may import (it imports those its code ends up using). */
  siblings: SiblingExport[];
  vendor?: VendorStyle;
  trap?: TrapStyle;
  /** For consumers of a package's shared client: where they import it from, and how. */
  sharedClient?: SharedClientImport;
  /** A module between a shared client and its consumers (a barrel, a factory): plain code that passes the client on. */
  relay?: RelayStyle;
  /** Large generated code (an API client, types): `// Code generated … DO NOT EDIT.` */
  generated?: boolean;
}

/** `import { <name> } from '<specifier>'`, then `<name>.chat…` or, for a factory, `<name>().chat…`. */
export interface SharedClientImport {
  specifier: string;
  name: string;
  factory: boolean;
}

export type RelayStyle = 'client-barrel' | 'client-factory';

export interface PackagePlan {
  name: string;
  dir: string;
}

export interface TreePlan {
  packages: PackagePlan[];
  files: PlannedFile[];
}

/** Share of source files with vendor-coupled code, with look-alike traps, and that only mention a vendor. */
const VENDOR_SHARE = 0.03;
const TRAP_SHARE = 0.004;
const MENTION_SHARE = 0.025;
/** One large generated file per this many files, of these many lines; every other one mentions a vendor. */
const FILES_PER_GENERATED = 1000;
const GENERATED_LINES = [3000, 8000] as const;
const FILES_PER_PACKAGE = 250;
/** Packages that share one client module (`src/lib/openai.ts`) between several files. */
const SHARED_CLIENT_PACKAGE_SHARE = 0.15;
/**
 * Of those, the share whose consumers reach the client through a chain, as apps do: a barrel
 * (`lib/ai/index.ts` re-exporting it), and sometimes a factory behind the barrel (`aiClient()`).
 */
const CLIENT_CHAIN_SHARE = 0.5;
/** Of the chains, the share with a factory behind the barrel. */
const FACTORY_SHARE = 0.5;

const KIND_WEIGHTS: ReadonlyArray<readonly [Exclude<FileKind, 'index'>, number]> = [
  ['service', 16],
  ['component', 18],
  ['hook', 5],
  ['util', 15],
  ['route', 9],
  ['types', 12],
  ['test', 17],
  ['script', 8],
];

const STYLE_WEIGHTS: ReadonlyArray<readonly [VendorStyle, number]> = [
  ['openai-default', 14],
  ['openai-class-stream', 8],
  ['openai-inline-key', 4],
  ['openai-namespace', 5],
  ['openai-dynamic-import', 4],
  ['azure-openai-v4', 9],
  ['azure-sdk-chat', 7],
  ['azure-sdk-embeddings', 4],
  ['langchain', 8],
  ['ai-sdk', 9],
  ['rest-fetch', 7],
  ['openai-v3-require', 5],
  ['openai-require', 5],
];

const ROLE_OF_KIND: Partial<Record<FileKind, SiblingExport['role']>> = {
  service: 'class',
  component: 'component',
  hook: 'hook',
  util: 'function',
  route: 'router',
  types: 'type',
};

const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase()).replace(/^-/, '');

/** Sizes 20–400 lines, most files small: a power curve puts the median near 100 lines. */
function targetLines(random: Random): number {
  return 20 + Math.floor(380 * random.float() ** 2.2);
}

export function planTree(seed: number, fileCount: number): TreePlan {
  const random = Random.derived(seed, -1);
  const names = new Names(random);
  const packages = planPackages(random, names, fileCount);
  const counts = allocate(random, fileCount, packages.length);
  const files: PlannedFile[] = [];
  packages.forEach((pkg, packageIndex) => planPackageFiles(random, names, pkg, packageIndex, counts[packageIndex], files));
  placeGeneratedFiles(random, files, Math.max(1, Math.round(fileCount / FILES_PER_GENERATED)));
  placeSharedClients(random, packages, files);
  placeVendorCode(random, files, Math.round(fileCount * VENDOR_SHARE));
  placeTraps(random, files, TRAP_STYLES, Math.round(fileCount * TRAP_SHARE));
  placeTraps(random, files, MENTION_STYLES, Math.round(fileCount * MENTION_SHARE));
  linkSiblings(random, packages, files);
  return { packages, files };
}

function planPackages(random: Random, names: Names, fileCount: number): PackagePlan[] {
  const count = Math.max(1, Math.round(fileCount / FILES_PER_PACKAGE));
  const used = new Set<string>();
  const packages: PackagePlan[] = [];
  while (packages.length < count) {
    let name = `${names.noun()}-${random.pick(['api', 'web', 'core', 'worker', 'admin', 'sdk', 'jobs', 'ui', 'service'])}`;
    for (let suffix = 2; used.has(name); suffix++) name = `${name.replace(/-\d+$/, '')}-${suffix}`;
    used.add(name);
    packages.push({ name: `@acme/${name}`, dir: `packages/${name}` });
  }
  return packages;
}

/** Splits `total` files over `parts` packages of uneven size (each gets at least one file). */
function allocate(random: Random, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.4 + random.float() * 1.2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((weight) => Math.max(1, Math.floor((total * weight) / sum)));
  // Hand out (or take back) what rounding lost, one file per package in turn.
  let difference = total - counts.reduce((a, b) => a + b, 0);
  for (let index = 0; difference !== 0; index = (index + 1) % parts) {
    if (difference > 0) {
      counts[index]++;
      difference--;
    } else if (counts[index] > 1) {
      counts[index]--;
      difference++;
    }
  }
  return counts;
}

function planPackageFiles(random: Random, names: Names, pkg: PackagePlan, packageIndex: number, count: number, files: PlannedFile[]): void {
  const usedPaths = new Set<string>();
  const add = (kind: FileKind, relativePath: string, exportName?: string) => {
    const extension = path.posix.extname(relativePath);
    const stem = relativePath.slice(0, -extension.length);
    let unique = relativePath;
    let suffix = 1;
    while (usedPaths.has(unique)) unique = `${stem}-${++suffix}${extension}`;
    usedPaths.add(unique);
    const uniqueExport = exportName && suffix > 1 ? `${exportName}${suffix}` : exportName;
    files.push({
      index: files.length,
      path: `${pkg.dir}/${unique}`,
      packageIndex,
      kind,
      exportName: uniqueExport,
      targetLines: targetLines(random),
      siblings: [],
    });
  };
  add('index', 'src/index.ts');
  for (let planned = 1; planned < count; planned++) {
    const kind = random.weighted(KIND_WEIGHTS);
    const noun = names.noun();
    const adjective = names.adjective();
    const base = random.chance(0.4) ? `src/modules/${plural(noun)}` : 'src';
    switch (kind) {
      case 'service':
        add(kind, `${base}/services/${adjective}-${noun}-service.ts`, `${pascal(adjective)}${pascal(noun)}Service`);
        break;
      case 'component': {
        const name = `${pascal(adjective)}${pascal(noun)}${random.pick(['Card', 'List', 'Panel', 'Dialog', 'Table', 'Form'])}`;
        add(kind, `${base}/components/${noun}/${name}.tsx`, name);
        break;
      }
      case 'hook':
        add(kind, `${base}/hooks/use${pascal(adjective)}${pascal(plural(noun))}.ts`, `use${pascal(adjective)}${pascal(plural(noun))}`);
        break;
      case 'util': {
        const name = names.functionName();
        add(kind, `${base}/utils/${kebab(name)}.ts`, name);
        break;
      }
      case 'route':
        add(kind, `${base}/routes/${adjective}-${plural(noun)}.ts`, `${adjective}${pascal(noun)}Router`);
        break;
      case 'types': {
        const name = names.typeName();
        add(kind, `${base}/types/${kebab(name)}.ts`, name);
        break;
      }
      case 'test':
        add(kind, `${base}/__tests__/${adjective}-${noun}.test.ts`);
        break;
      case 'script':
        add(kind, `scripts/${kebab(names.functionName())}.js`);
        break;
    }
  }
}

function siblingFrom(importer: PlannedFile, exporter: PlannedFile): SiblingExport {
  let specifier = path.posix.relative(path.posix.dirname(importer.path), exporter.path).replace(/\.tsx?$/, '');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  return { name: exporter.exportName!, role: ROLE_OF_KIND[exporter.kind]!, specifier };
}

const isPlain = (file: PlannedFile) => file.vendor === undefined && file.trap === undefined && file.relay === undefined && !file.generated;
const CODE_KINDS: readonly FileKind[] = ['service', 'route', 'util', 'hook', 'component'];

function placeSharedClients(random: Random, packages: PackagePlan[], files: PlannedFile[]): void {
  packages.forEach((pkg, packageIndex) => {
    // The first package always has the longest chain, so the smallest tree (CI's) has one too.
    const first = packageIndex === 0;
    if (!first && !random.chance(SHARED_CLIENT_PACKAGE_SHARE)) return;
    const own = files.filter((file) => file.packageIndex === packageIndex && isPlain(file));
    const utils = random.sample(own.filter((file) => file.kind === 'util'), 3);
    const host = utils.pop();
    if (!host) return;
    const moveTo = (file: PlannedFile, relativePath: string) => {
      file.path = `${pkg.dir}/${relativePath}`;
      file.exportName = undefined;
    };
    moveTo(host, 'src/lib/openai.ts');
    host.vendor = 'shared-client';
    // Consumers import from the end of the chain: the client module itself, its barrel, or the factory behind that.
    let end = { file: host, name: 'openai', factory: false };
    const barrel = first || random.chance(CLIENT_CHAIN_SHARE) ? utils.pop() : undefined;
    if (barrel) {
      moveTo(barrel, 'src/lib/ai/index.ts');
      barrel.relay = 'client-barrel';
      end = { file: barrel, name: 'openai', factory: false };
      const factory = first || random.chance(FACTORY_SHARE) ? utils.pop() : undefined;
      if (factory) {
        moveTo(factory, 'src/lib/ai/client.ts');
        factory.relay = 'client-factory';
        end = { file: factory, name: 'aiClient', factory: true };
      }
    }
    const consumers = random.sample(own.filter((file) => isPlain(file) && ['service', 'route', 'util'].includes(file.kind)), random.int(3, 10));
    for (const consumer of consumers) {
      consumer.vendor = 'shared-client-consumer';
      consumer.sharedClient = { specifier: siblingFrom(consumer, { ...end.file, exportName: end.name }).specifier, name: end.name, factory: end.factory };
    }
  });
}

/** Turns some type modules into large generated ones under `src/generated/`; every other one names a vendor. */
function placeGeneratedFiles(random: Random, files: PlannedFile[], count: number): void {
  const candidates = random.sample(files.filter((file) => isPlain(file) && file.kind === 'types'), count);
  candidates.forEach((file, position) => {
    file.path = `${file.path.slice(0, file.path.indexOf('/src/'))}/src/generated/${kebab(file.exportName!)}-${file.index}.ts`;
    file.targetLines = random.int(...GENERATED_LINES);
    file.generated = true;
    if (position % 2 === 0) file.trap = GENERATED_MENTION;
  });
}

function placeVendorCode(random: Random, files: PlannedFile[], target: number): void {
  const already = files.filter((file) => file.vendor !== undefined).length;
  const candidates = {
    ts: random.sample(files.filter((file) => isPlain(file) && CODE_KINDS.includes(file.kind)), files.length),
    js: random.sample(files.filter((file) => isPlain(file) && file.kind === 'script'), files.length),
  };
  for (let placed = already; placed < target; placed++) {
    const style = random.weighted(STYLE_WEIGHTS);
    const file = candidates[VENDOR_STYLES[style]].pop();
    if (file) file.vendor = style;
  }
}

function placeTraps(random: Random, files: PlannedFile[], styles: readonly TrapStyle[], target: number): void {
  const tests = random.sample(files.filter((file) => isPlain(file) && file.kind === 'test'), files.length);
  const modules = random.sample(files.filter((file) => isPlain(file) && [...CODE_KINDS, 'types'].includes(file.kind)), files.length);
  for (let placed = 0; placed < target; placed++) {
    const style = styles[placed % styles.length];
    const file = (trapNeedsTestFile(style) ? tests : modules).pop();
    if (file) file.trap = style;
  }
}

/**
 * Gives every module a few exports of its package (and, through package names, of other packages) to
 * use, every package index its re-exports, and every test the function or service it exercises.
 */
function linkSiblings(random: Random, packages: PackagePlan[], files: PlannedFile[]): void {
  const exporters = files.filter((file) => file.exportName !== undefined);
  const byPackage = packages.map((_pkg, packageIndex) => exporters.filter((file) => file.packageIndex === packageIndex));
  const indexes = files.filter((file) => file.kind === 'index');
  for (const index of indexes) {
    index.siblings = withDistinctNames(random.sample(byPackage[index.packageIndex], 12), new Set()).map((exporter) => siblingFrom(index, exporter));
  }
  for (const file of files) {
    const own = byPackage[file.packageIndex].filter((exporter) => exporter !== file);
    if (file.kind === 'test') {
      const subjects = own.filter((exporter) => exporter.kind === 'util' || exporter.kind === 'service');
      if (subjects.length > 0) file.siblings = [siblingFrom(file, random.pick(subjects))];
    } else if (file.kind !== 'script' && file.kind !== 'index') {
      // Names stay distinct from each other and from the file's own export, so no import clashes.
      const taken = new Set(file.exportName === undefined ? [] : [file.exportName]);
      file.siblings = withDistinctNames(random.sample(own, 6), taken).map((exporter) => siblingFrom(file, exporter));
      const other = random.int(0, packages.length - 1);
      const reExported = indexes[other].siblings.filter((sibling) => sibling.role !== 'router' && !taken.has(sibling.name));
      if (other !== file.packageIndex && reExported.length > 0 && random.chance(0.3)) {
        file.siblings.push({ ...random.pick(reExported), specifier: packages[other].name });
      }
    }
  }
}

/** Keeps the first exporter of each name not in `taken`, and adds the kept names to `taken`. */
function withDistinctNames(exporters: readonly PlannedFile[], taken: Set<string>): PlannedFile[] {
  return exporters.filter((exporter) => {
    if (taken.has(exporter.exportName!)) return false;
    taken.add(exporter.exportName!);
    return true;
  });
}
