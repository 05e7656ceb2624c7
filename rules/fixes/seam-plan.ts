/**
 * What fixes need from the seam, gathered across one or many fixes: the seam's files (created when
 * missing, in the project's style) and new configuration entries, turned into file changes at the end.
 * Existing seam files are only ever extended by minimal edits (user edits stay).
 */
import * as path from 'node:path';
import { addConfigEntry, type ConfigSection, configKeys, configEntryName, detectProjectStyle, envVarName, generateSeam, type ProjectStyle, type SeamProvider } from './seam';
import { type SeamDependency, seamDependency } from './seam-dependency';
import { applyChanges, minimalChange } from './text-changes';
import type { FileChange } from './types';

export interface FixHost {
  readFile(filePath: string): string | undefined;
  fileExists(filePath: string): boolean;
}

const SEAM_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];
const SECTION_KIND = { models: 'model', endpoints: 'endpoint', apiVersions: 'apiVersion' } as const;

export class SeamPlan {
  readonly style: ProjectStyle;
  private readonly existing: { index: string; config: string } | undefined;
  private created: Map<string, string> | undefined;
  private configText: string | undefined;
  private readonly originalConfigText: string | undefined;
  private readonly dependency: SeamDependency;

  constructor(
    readonly seamDir: string,
    projectRoot: string,
    private readonly host: FixHost,
    private readonly provider: SeamProvider,
  ) {
    this.style = detectProjectStyle(projectRoot);
    const index = this.find('index');
    const config = this.find('config');
    this.existing = index && config ? { index, config } : undefined;
    this.originalConfigText = this.existing ? host.readFile(this.existing.config) : undefined;
    this.configText = this.originalConfigText;
    this.dependency = this.existing ? {} : seamDependency(projectRoot, host);
  }

  /** Why no seam can be made in this project (then no fix that needs one applies). */
  get refused(): string | undefined {
    return 'refused' in this.dependency ? this.dependency.refused : undefined;
  }

  /**
   * Why `fromFile` cannot import the seam: plain JavaScript that the project's TypeScript does not compile
   * (no `allowJs`) would load `.ts` files at run time, which Node cannot.
   */
  unreachableFrom(fromFile: string): string | undefined {
    const javaScript = /\.[mc]?jsx?$/.test(fromFile);
    const typeScriptSeam = /\.[mc]?tsx?$/.test(this.file('index'));
    if (!javaScript || !typeScriptSeam || this.style.compilesJavaScript) return undefined;
    return "this JavaScript file is not compiled with the project's TypeScript (no `allowJs` in tsconfig.json), so it cannot import the TypeScript seam";
  }

  /** The seam module's file (index or config), whether it exists yet or not. */
  file(module: 'index' | 'config'): string {
    return this.existing?.[module] ?? path.join(this.seamDir, module + (this.style.fileExtension ?? (this.style.language === 'ts' ? '.ts' : '.js')));
  }

  /** The specifier `fromFile` imports a seam module with. */
  specifier(fromFile: string, module: 'index' | 'config'): string {
    let relative = path.relative(path.dirname(fromFile), this.seamDir).split(path.sep).join('/');
    if (!relative.startsWith('.')) relative = relative ? `./${relative}` : '.';
    if (module === 'index' && !this.style.importSuffix) return relative;
    return `${relative}/${module}${this.style.importSuffix}`;
  }

  /** The key under which `value` is configured in `section` (adding the entry if needed). */
  entry(section: ConfigSection, value: string): string {
    this.ensureSeam();
    const kind = SECTION_KIND[section];
    const result = addConfigEntry(this.configText!, section, configEntryName(value, kind), envVarName(value, kind), value);
    if (!result) throw new Error(`the seam's config has no \`${section}\` object to add to`);
    if ('existingKey' in result) return result.existingKey;
    this.configText = applyChanges(this.configText!, [result.change]);
    return result.key;
  }

  /** Whether `configFile` is this seam's config and has `key` in `section` (a use an earlier fix wrote). */
  hasEntry(configFile: string | undefined, section: ConfigSection, key: string): boolean {
    return this.existing !== undefined && configFile === this.existing.config && configKeys(this.configText!, section).includes(key);
  }

  /** File changes that bring the seam to the planned state. */
  changes(): FileChange[] {
    if (this.created) {
      const configFile = this.file('config');
      const files: FileChange[] = [...this.created].map(([filePath, content]) => ({
        filePath,
        create: { content: filePath === configFile ? this.configText! : content },
        changes: [],
      }));
      return 'change' in this.dependency && this.dependency.change ? [...files, this.dependency.change] : files;
    }
    if (!this.existing || this.configText === this.originalConfigText) return [];
    return [{ filePath: this.existing.config, changes: [minimalChange(this.originalConfigText!, this.configText!)] }];
  }

  private ensureSeam(): void {
    if (this.existing || this.created) return;
    if (this.refused) throw new Error(`no seam can be made: ${this.refused}`);
    this.created = new Map(generateSeam(this.style, { provider: this.provider }).map((file) => [path.join(this.seamDir, ...file.relativePath.split('/')), file.text]));
    this.configText = this.created.get(this.file('config'));
  }

  private find(module: string): string | undefined {
    return SEAM_EXTENSIONS.map((extension) => path.join(this.seamDir, module + extension)).find((file) => this.host.fileExists(file));
  }
}

/** The folder of the nearest package.json (the project a file belongs to), else the workspace root. */
export function projectRootOf(filePath: string, workspaceRoot: string, host: FixHost): string {
  for (let dir = path.dirname(filePath); ; dir = path.dirname(dir)) {
    if (host.fileExists(path.join(dir, 'package.json'))) return dir;
    if (dir === workspaceRoot || path.dirname(dir) === dir) return workspaceRoot;
  }
}

