/**
 * The project's seams as a report sees them: their config (routing of models to providers, and the
 * models, endpoints, API versions and environment variables it holds, with lines) and the application's
 * calls through them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchesAnyGlob, relativePosix } from '../config/globs';
import type { ConfigResolver } from '../config/resolve';
import type { FileResult } from '../engine/types';
import type { WorkspaceIndex } from '../engine/workspace-index';
import { configEntries, type ConfigSection } from '../fixes/seam';
import { wasRead, locator } from './facts';
import { findSeamCalls } from './seam-calls';
import { readSeamRouting, type SeamRouting } from './seam-routing';
import type { Steps } from './steps';
import type { Location } from './types';

const CONFIG_MODULE = 'config';
const MODULE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

export interface Seam {
  dir: string;
  routing: SeamRouting;
  config?: SeamConfigFile;
}

export interface SeamConfigFile {
  location: Location;
  /** An entry of a section (`models`, `endpoints`, `apiVersions`) with its line. */
  entries(section: ConfigSection): Array<{ key: string; envVar?: string; value?: string; location: Location }>;
  /** Every environment variable the config reads (`env('X', …)`, `process.env.X`). */
  envVars: Array<{ name: string; location: Location }>;
}

export interface SeamCallSite {
  location: Location;
  factory: string;
  model?: string;
  seam: Seam;
  filePath: string;
}

/** The seam a file belongs to, by the seam folder (`fix.seamDir`) of its configuration; seams are read once. */
export class Seams {
  private readonly byDir = new Map<string, Seam>();

  constructor(
    private readonly root: string,
    private readonly configs: ConfigResolver,
    private readonly note: (problem: string) => void = () => undefined,
  ) {}

  isInSeam(filePath: string): boolean {
    return matchesAnyGlob(filePath, this.configs.configFor(filePath).seam);
  }

  seamOf(filePath: string): Seam {
    const dir = this.configs.configFor(filePath).fix.seamDir;
    let seam = this.byDir.get(dir);
    if (!seam) this.byDir.set(dir, (seam = this.read(dir)));
    return seam;
  }

  /** Seams seen so far (those of the seam calls found, and of the seam files the scan listed). */
  all(): Seam[] {
    return [...this.byDir.values()];
  }

  /** Calls of the seam's model factories in files outside the seam; only files that import a seam module are parsed. */
  *calls(results: readonly FileResult[], index: WorkspaceIndex): Steps<SeamCallSite[]> {
    let anySeamFile = false;
    for (const result of results) {
      yield;
      if (!this.isInSeam(result.filePath)) continue;
      this.seamOf(result.filePath);
      anySeamFile = true;
    }
    if (!anySeamFile) return [];
    const sites: SeamCallSite[] = [];
    for (const result of results) {
      yield;
      if (!wasRead(result) || this.isInSeam(result.filePath)) continue;
      const specifiers = index.summary(result.filePath)?.specifiers ?? [];
      const resolve = (specifier: string) => {
        const target = index.resolveModule(result.filePath, specifier);
        return target && this.isInSeam(target) ? target : undefined;
      };
      if (!specifiers.some((specifier) => resolve(specifier))) continue;
      const text = index.readFile(result.filePath);
      if (text === undefined) continue;
      const locate = locator(this.root, result.filePath, text);
      try {
        for (const call of findSeamCalls(result.filePath, text, resolve)) {
          sites.push({ location: locate(call.offset), factory: call.factory, model: call.model, seam: this.seamOf(call.seamModule), filePath: result.filePath });
        }
      } catch {
        // Too deeply nested to parse here: the lint reported the file already.
      }
    }
    return sites;
  }

  private read(dir: string): Seam {
    const file = MODULE_EXTENSIONS.map((extension) => path.join(dir, CONFIG_MODULE + extension)).find((candidate) => fs.existsSync(candidate));
    let text: string | undefined;
    try {
      text = file && fs.readFileSync(file, 'utf8');
    } catch (error) {
      this.note(`${file} could not be read (${(error as Error).message}); its calls are counted as going to the default provider.`);
    }
    if (file === undefined || text === undefined) return { dir, routing: readSeamRouting(undefined) };
    return { dir, routing: readSeamRouting(text), config: configFile(this.root, file, text) };
  }
}

function configFile(root: string, file: string, text: string): SeamConfigFile {
  const locate = locator(root, file, text);
  const envVars = [...text.matchAll(/\benv\(\s*['"]([A-Za-z_][\w]*)['"]|\bprocess\.env(?:\.([A-Za-z_]\w*)|\[\s*['"]([A-Za-z_]\w*)['"]\s*\])/g)].map((match) => ({
    name: match[1] ?? match[2] ?? match[3],
    location: locate(match.index),
  }));
  return {
    location: { file: relativePosix(root, file) ?? file, line: 1, column: 1 },
    envVars,
    entries(section) {
      const sectionAt = new RegExp(`\\b${section}\\s*(?::[^=]*)?=`).exec(text)?.index ?? 0;
      return (configEntries(text, section) ?? []).map((entry) => {
        const keyPattern = new RegExp(`(^|[\\s{,])['"]?${entry.key.replace(/[$]/g, '\\$')}['"]?\\s*:`, 'g');
        keyPattern.lastIndex = sectionAt;
        const match = keyPattern.exec(text);
        return { ...entry, location: locate(match ? match.index + match[1].length : sectionAt) };
      });
    },
  };
}
