/**
 * A CommonJS TypeScript project in a temp folder with the generated seam in src/ai, for tests that run
 * programs through the seam: its config is edited with the seam's own edit functions, providers are added
 * with add-provider, as a user's would be.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addProvider } from '../../rules/fixes/add-provider';
import { addConfigEntry, addConnectionEntry, addObjectEntry } from '../../rules/fixes/seam';
import { ADDABLE_PROVIDERS } from '../../rules/vendors/seam-providers';
import { linkDependencies } from './run-fixture';
import { generateSeam } from '../../rules/fixes/seam';
import { applyChanges } from '../../rules/fixes/text-changes';

type ConfigEdit = { change: { start: number; end: number; newText: string } } | { start: number; end: number; newText: string } | undefined;

export interface SeamProject {
  dir: string;
  write(file: string, text: string): void;
  /** Edits src/ai/config.ts: `edit` gets the current text and applies edits one after the other. */
  editConfig(edit: (current: () => string, change: (edit: ConfigEdit) => void) => void): void;
  addProvider(name: string): void;
}

export function seamProject(name: string): SeamProject {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `aidlint-${name}-`)));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const devDependencies = { openai: '6.49.0', typescript: '5.9.3', '@types/node': '20.19.43' };
  write('package.json', JSON.stringify({ name, private: true, dependencies: {}, devDependencies }, null, 2));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] }, include: ['src'] }));
  write('src/main.ts', 'export {};\n');
  for (const file of generateSeam({ language: 'ts', module: 'cjs', importSuffix: '', typeImports: false, fileExtension: '.ts' })) write(`src/ai/${file.relativePath}`, file.text);
  const host = { readFile: (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined), fileExists: (file: string) => fs.existsSync(file) };
  return {
    dir,
    write,
    editConfig(edit) {
      const configFile = path.join(dir, 'src', 'ai', 'config.ts');
      let config = fs.readFileSync(configFile, 'utf8');
      edit(
        () => config,
        (change) => {
          assert.ok(change);
          config = applyChanges(config, ['change' in change ? change.change : change]);
        },
      );
      fs.writeFileSync(configFile, config);
    },
    addProvider(provider) {
      for (const fileChange of addProvider(provider, path.join(dir, 'src', 'ai'), dir, host).changes) {
        write(path.relative(dir, fileChange.filePath), fileChange.create ? fileChange.create.content : applyChanges(fs.readFileSync(fileChange.filePath, 'utf8'), fileChange.changes));
      }
    },
  };
}

/** A connection of the seam's config: its name, provider, options and API (as \`addConnectionEntry\` takes them). */
export type ConnectionEntry = Parameters<typeof addConnectionEntry> extends [unknown, ...infer Rest] ? Rest : never;

/**
 * A seam project with every provider added and one chat model, `gpt4oMini` ('gpt-4o-mini' on an `openai`
 * connection, or on `modelConnection` among `connections` added before that one), whose src/main.ts is
 * `program`, its dependencies linked: the folder.
 */
export async function everyProviderProject(name: string, program: string, connections: ConnectionEntry[] = [], modelConnection = 'openai'): Promise<string> {
  const project = seamProject(name);
  project.editConfig((config, change) => {
    for (const connection of [...connections, ['openai', 'openai', []] as ConnectionEntry]) change(addConnectionEntry(config(), ...connection));
    const entry = addConfigEntry(config(), 'models', 'gpt4oMini', 'AI_MODEL_GPT4O_MINI', 'gpt-4o-mini', (existing) => existing === 'gpt4oMini');
    assert.ok(entry && 'change' in entry);
    change(entry);
    change(addObjectEntry(config(), ['modelConnections'], 'gpt4oMini', `'${modelConnection}'`));
  });
  for (const provider of ADDABLE_PROVIDERS) project.addProvider(provider.name);
  project.write('src/main.ts', program);
  await linkDependencies(project.dir);
  return project.dir;
}
