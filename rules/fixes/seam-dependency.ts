/**
 * The seam's adapters are written against the `openai` SDK v4.41 or later (the version with AzureOpenAI).
 * A new seam therefore needs that package: a project that does not depend on `openai` at all (one on
 * `@azure/openai` only) gets it added to its package.json; a project on an older `openai` (v3's OpenAIApi)
 * cannot get a seam until it upgrades, because the two majors cannot both be `openai` in one install.
 */
import * as path from 'node:path';
import { modify, parse as parseJsonc } from 'jsonc-parser';
import type { FixHost } from './seam-plan';
import type { FileChange } from './types';

const SEAM_SDK = { name: 'openai', range: '^6.49.0', minimum: { major: 4, minor: 41 } } as const;

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

export type SeamDependency = { refused: string } | { change?: FileChange };

export function seamDependency(projectRoot: string, host: FixHost): SeamDependency {
  const manifestPath = path.join(projectRoot, 'package.json');
  const text = host.readFile(manifestPath);
  if (text === undefined) return {};
  if (!isObject(parseJsonc(text, [], { allowTrailingComma: true }))) return {};
  const declared = declaredRange(text, SEAM_SDK.name);
  if (declared === undefined) return { change: addDependency(manifestPath, text, SEAM_SDK.name, SEAM_SDK.range) };
  // The installed version, else the lowest the range allows; a range without one (`latest`) is taken as recent.
  const installed = host.readFile(path.join(projectRoot, 'node_modules', SEAM_SDK.name, 'package.json'));
  const installedVersion = installed === undefined ? undefined : (parseJsonc(installed) as { version?: unknown } | undefined)?.version;
  const version = /(\d+)\.(\d+)/.exec(typeof installedVersion === 'string' ? installedVersion : declared);
  const { major, minor } = SEAM_SDK.minimum;
  if (version && (Number(version[1]) < major || (Number(version[1]) === major && Number(version[2]) < minor))) {
    return { refused: `the seam's adapters need ${SEAM_SDK.name} ${major}.${minor} or later and this project depends on ${SEAM_SDK.name} ${declared}; upgrade it first` };
  }
  return {};
}

/** The edit of package.json's text that adds \`name\` at \`range\` to \`dependencies\`, in the file's own layout. */
export function addDependency(manifestPath: string, text: string, name: string, range: string): FileChange {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const edits = modify(text, ['dependencies', name], range, {
    formattingOptions: { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' },
  });
  return { filePath: manifestPath, changes: edits.map((edit) => ({ start: edit.offset, end: edit.offset + edit.length, newText: edit.content })) };
}

/** The range a project's package.json declares for a package, in any dependency field. */
export function declaredRange(text: string, name: string): string | undefined {
  const manifest: unknown = parseJsonc(text, [], { allowTrailingComma: true });
  if (!isObject(manifest)) return undefined;
  return DEPENDENCY_FIELDS.map((field) => manifest[field])
    .filter(isObject)
    .map((dependencies) => dependencies[name])
    .find((range): range is string => typeof range === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
