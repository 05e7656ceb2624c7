/**
 * How a project writes its modules, so the generated seam looks like the rest of its code: TypeScript or
 * JavaScript, ES modules or CommonJS, which suffix relative imports carry, and whether type-only imports
 * must say so. Read from package.json `type`, tsconfig.json (following `extends`) and a sample of the
 * project's source files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { findExtendedConfig } from '../../engine/module-resolver';

export interface ProjectStyle {
  language: 'ts' | 'js';
  module: 'esm' | 'cjs';
  /** Appended to relative import specifiers: '' where the resolver adds extensions, else the emitted extension. */
  importSuffix: '' | '.js' | '.mjs' | '.cjs';
  /** `import type` and `type` modifiers (verbatimModuleSyntax); plain imports otherwise. */
  typeImports: boolean;
  /** Extension of the generated files; by default `.ts` for TypeScript and `.js` for JavaScript. */
  fileExtension?: '.ts' | '.js' | '.mjs' | '.cjs';
  /** tsconfig `allowJs`: the project's JavaScript files are compiled with its TypeScript, so they may import it. */
  compilesJavaScript?: boolean;
  /** tsconfig `noPropertyAccessFromIndexSignature`: environment variables and connection settings are read as `process.env['NAME']`. */
  indexedEnvAccess?: boolean;
  /** TypeScript compiled to CommonJS under node16/nodenext resolution, where a package typed as ES modules only cannot be imported (TS1479). */
  commonJsNodeResolution?: boolean;
}

interface CompilerOptions {
  module?: string;
  moduleResolution?: string;
  verbatimModuleSyntax?: boolean;
  allowJs?: boolean;
  noPropertyAccessFromIndexSignature?: boolean;
}

const NODE_RESOLUTION = new Set(['node16', 'node18', 'node20', 'nodenext']);
const COMMONJS_MODULES = new Set(['commonjs', 'umd', 'amd', 'system', 'none']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);
const SAMPLE_LIMIT = 2000;
const SNIFFED_FILES = 20;

export function detectProjectStyle(projectRoot: string, tsconfigPath = path.join(projectRoot, 'tsconfig.json')): ProjectStyle {
  const typeModule = readJson(path.join(projectRoot, 'package.json'))?.type === 'module';
  const files = sampleSourceFiles(projectRoot);
  const count = (pattern: RegExp): number => files.filter((file) => pattern.test(file)).length;
  const options = readCompilerOptions(tsconfigPath, new Set());
  // Checked JavaScript is held to the flag too.
  const envAccess = options.noPropertyAccessFromIndexSignature === true ? { indexedEnvAccess: true } : {};

  if (count(/(?<!\.d)\.[mc]?tsx?$/) > 0) {
    const module = options.module?.toLowerCase();
    const nodeResolution = NODE_RESOLUTION.has((options.moduleResolution ?? module ?? '').toLowerCase());
    const esm = nodeResolution ? typeModule : module ? !COMMONJS_MODULES.has(module) : typeModule;
    return {
      language: 'ts',
      module: esm ? 'esm' : 'cjs',
      importSuffix: nodeResolution && esm ? '.js' : '',
      typeImports: options.verbatimModuleSyntax === true,
      fileExtension: '.ts',
      compilesJavaScript: options.allowJs === true,
      ...envAccess,
      ...(nodeResolution && !esm ? { commonJsNodeResolution: true } : {}),
    };
  }

  const plainJs = files.filter((file) => /\.jsx?$/.test(file));
  if (typeModule) {
    // Only `.cjs` files in an ES module package: the project writes CommonJS.
    const commonJsOnly = count(/\.cjs$/) > 0 && plainJs.length + count(/\.mjs$/) === 0;
    return { ...(commonJsOnly ? javaScript('cjs', '.cjs') : javaScript('esm', '.js')), ...envAccess };
  }
  if (count(/\.mjs$/) > plainJs.length) return { ...javaScript('esm', '.mjs'), ...envAccess };
  // ES module syntax in `.js` files without `"type": "module"`: a bundler project (webpack, Next.js…).
  const esmSyntax = plainJs.slice(0, SNIFFED_FILES).some((file) => /^\s*(?:import\s*[\w{*'"]|export\s)/m.test(readText(file)));
  return { ...(esmSyntax ? javaScript('esm', '.js') : javaScript('cjs', '.js')), ...envAccess };
}

/**
 * Code text with reads of index signatures in the project's style: `process.env.NAME` and a connection's
 * `settings.name` become `process.env['NAME']` and `settings['name']` under noPropertyAccessFromIndexSignature.
 */
export function indexReadsInStyle(text: string, style: ProjectStyle): string {
  return style.indexedEnvAccess ? text.replace(/\b(process\.env|settings)\.([A-Za-z_$][\w$]*)/g, "$1['$2']") : text;
}

function javaScript(module: 'esm' | 'cjs', fileExtension: '.js' | '.mjs' | '.cjs'): ProjectStyle {
  const importSuffix = module === 'esm' || fileExtension === '.cjs' ? fileExtension : '';
  return { language: 'js', module, importSuffix, typeImports: false, fileExtension };
}

/** The options that decide the module style, from a tsconfig and the configs it extends. */
function readCompilerOptions(configFile: string, seen: Set<string>): CompilerOptions {
  if (seen.has(configFile)) return {};
  seen.add(configFile);
  const config = readJson(configFile);
  if (!config) return {};
  let inherited: CompilerOptions = {};
  for (const parent of [config.extends ?? []].flat()) {
    const parentFile = typeof parent === 'string' ? findExtendedConfig(path.dirname(configFile), parent, fs.existsSync) : undefined;
    if (parentFile) inherited = { ...inherited, ...readCompilerOptions(parentFile, seen) };
  }
  const own = isObject(config.compilerOptions) ? config.compilerOptions : {};
  const pick = <T>(value: unknown, type: string): T | undefined => (typeof value === type ? (value as T) : undefined);
  return {
    module: pick<string>(own.module, 'string') ?? inherited.module,
    moduleResolution: pick<string>(own.moduleResolution, 'string') ?? inherited.moduleResolution,
    verbatimModuleSyntax: pick<boolean>(own.verbatimModuleSyntax, 'boolean') ?? inherited.verbatimModuleSyntax,
    allowJs: pick<boolean>(own.allowJs, 'boolean') ?? inherited.allowJs,
    noPropertyAccessFromIndexSignature: pick<boolean>(own.noPropertyAccessFromIndexSignature, 'boolean') ?? inherited.noPropertyAccessFromIndexSignature,
  };
}

/** Up to SAMPLE_LIMIT source files, breadth first, skipping dependencies, output and hidden folders. */
function sampleSourceFiles(projectRoot: string): string[] {
  const files: string[] = [];
  const folders = [projectRoot];
  while (folders.length > 0 && files.length < SAMPLE_LIMIT) {
    const folder = folders.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const entryPath = path.join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) folders.push(entryPath);
      else if (entry.isFile() && /\.[mc]?[jt]sx?$/.test(entry.name)) files.push(entryPath);
    }
  }
  return files;
}

function readJson(filePath: string): Record<string, unknown> | undefined {
  const value: unknown = parseJsonc(readText(filePath), [], { allowTrailingComma: true });
  return isObject(value) ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readText(filePath: string): string {
  try {
    return fs.readFileSync(filePath, 'utf8');
  } catch {
    return '';
  }
}
