/** CommonJS scripts of the kind every monorepo keeps around: build helpers, migrations, one-off jobs. */
import type { FileBuilder } from './builder';
import { pascal, plural } from './names';

export interface LegacyBlock {
  lines: string[];
  /** The function the block declares, for `module.exports`. */
  exported: string;
}

type LegacyTemplate = (b: FileBuilder, name: string) => string[];

const readJsonFiles: LegacyTemplate = (b, name) => {
  b.addImportLine("const fs = require('node:fs/promises');");
  b.addImportLine("const path = require('node:path');");
  return [
    '/**',
    ` * Reads every JSON file of a folder into a map keyed by ${b.names.noun()} id.`,
    ' * @param {string} directory',
    ' * @returns {Promise<Map<string, object>>}',
    ' */',
    `async function ${name}(directory) {`,
    '  const entries = await fs.readdir(directory, { withFileTypes: true });',
    '  const result = new Map();',
    '  for (const entry of entries) {',
    "    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;",
    "    const text = await fs.readFile(path.join(directory, entry.name), 'utf8');",
    "    result.set(path.basename(entry.name, '.json'), JSON.parse(text));",
    '  }',
    '  return result;',
    '}',
  ];
};

const migrateRows: LegacyTemplate = (b, name) => {
  const noun = b.names.noun();
  const column = b.names.adjective();
  return [
    `// Backfills \`${column}\` for old ${plural(noun)}; safe to run twice.`,
    `async function ${name}(db, batchSize = ${b.random.pick([100, 500, 1000])}) {`,
    '  let migrated = 0;',
    '  for (;;) {',
    `    const rows = await db.query('SELECT id FROM ${plural(noun)} WHERE ${column} IS NULL LIMIT $1', [batchSize]);`,
    '    if (rows.length === 0) break;',
    `    await db.query('UPDATE ${plural(noun)} SET ${column} = false WHERE id = ANY($1)', [rows.map((row) => row.id)]);`,
    '    migrated += rows.length;',
    '  }',
    '  return migrated;',
    '}',
  ];
};

const parseArguments: LegacyTemplate = (b, name) => {
  const option = b.names.noun();
  return [
    `function ${name}(argv) {`,
    `  const options = { dryRun: false, ${option}: undefined, verbose: false };`,
    '  for (let index = 0; index < argv.length; index++) {',
    '    const argument = argv[index];',
    "    if (argument === '--dry-run') options.dryRun = true;",
    "    else if (argument === '--verbose' || argument === '-v') options.verbose = true;",
    `    else if (argument === '--${option}') options.${option} = argv[++index];`,
    '    else throw new Error(`unknown argument ${argument}`);',
    '  }',
    '  return options;',
    '}',
  ];
};

const summarize: LegacyTemplate = (b, name) => [
  `function ${name}(records) {`,
  '  return records.reduce(',
  '    (summary, record) => {',
  '      summary.count += 1;',
  `      summary.total += Number(record.${b.names.variableName()} || 0);`,
  '      summary.latest = !summary.latest || record.updatedAt > summary.latest ? record.updatedAt : summary.latest;',
  '      return summary;',
  '    },',
  '    { count: 0, total: 0, latest: null },',
  '  );',
  '}',
];

const TEMPLATES: readonly LegacyTemplate[] = [readJsonFiles, migrateRows, parseArguments, summarize];

export function legacyBlock(b: FileBuilder, requestedName?: string): LegacyBlock {
  const exported = b.declare(requestedName ?? b.names.functionName());
  return { lines: b.pickFresh(TEMPLATES)(b, exported), exported };
}

export function legacyMainBlock(b: FileBuilder, entry: string): string[] {
  return [
    'if (require.main === module) {',
    `  Promise.resolve(${entry}(process.argv.slice(2)))`,
    `    .then((result) => console.log('${pascal(b.names.verb())} done', result))`,
    '    .catch((error) => {',
    '      console.error(error);',
    '      process.exitCode = 1;',
    '    });',
    '}',
  ];
}
