/**
 * The seam's adapters are written against the `openai` SDK v4.104 or later: AzureOpenAI came in 4.41, the
 * Responses API in 4.87, and the Responses types the adapters name (`OpenAI.Responses.Response` …) are laid
 * out as they use them from the 4.x line the seam is tested on (4.87 does not compile; measured on a public
 * Azure sample at openai 4.57, whose fixed project type-checked only once openai was raised).
 * A new seam therefore needs that package: a project that does not depend on `openai` at all (one on
 * `@azure/openai` only) gets it added to its package.json; an older 4.x gets its range raised within the
 * major (compatible by semver); a project on `openai` v3 (OpenAIApi) cannot get a seam until it upgrades,
 * because the two majors cannot both be `openai` in one install.
 */
import * as path from 'node:path';
import { modify, parse as parseJsonc } from 'jsonc-parser';
import type { FixHost } from './seam-plan';
import type { FileChange } from './types';

const SEAM_SDK = { name: 'openai', range: '^6.49.0', minimum: { major: 4, minor: 104 } } as const;
/** Within the minimum's major, the range an older one is raised to: the 4.x the seam is tested against (its minimum). */
const SAME_MAJOR_RANGE = '^4.104.0';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * `refused` with `upgrade`: an older major (v3), which only a move of the whole project can raise (the
 * "Move this project off openai v3" fix, v3-move.ts); `upgrade` is the package.json edit it makes.
 */
export type SeamDependency = { refused: string; upgrade: FileChange } | { change?: FileChange };

/** The project's package.json: its path, text and parsed object; undefined when absent or not an object. */
function readManifest(projectRoot: string, host: FixHost): { manifestPath: string; text: string; manifest: Record<string, unknown> } | undefined {
  const manifestPath = path.join(projectRoot, 'package.json');
  const text = host.readFile(manifestPath);
  const manifest: unknown = text === undefined ? undefined : parseJsonc(text, [], { allowTrailingComma: true });
  return text !== undefined && isObject(manifest) ? { manifestPath, text, manifest } : undefined;
}

/** Whether the project's package.json declares `name` (in any dependency field). */
export function declaresDependency(projectRoot: string, name: string, host: FixHost): boolean {
  const read = readManifest(projectRoot, host);
  return read !== undefined && dependencyField(read.manifest, name) !== undefined;
}

export function seamDependency(projectRoot: string, host: FixHost): SeamDependency {
  const read = readManifest(projectRoot, host);
  if (!read) return {};
  const { manifestPath, text, manifest } = read;
  const field = dependencyField(manifest, SEAM_SDK.name);
  const declared = field === undefined ? undefined : ((manifest[field] as Record<string, unknown>)[SEAM_SDK.name] as string);
  const notice = (what: string) => {
    const install = installCommand(projectRoot, host);
    return { message: `The seam needs ${SEAM_SDK.name} ${SEAM_SDK.minimum.major}.${SEAM_SDK.minimum.minor} or later: ${what} in ${manifestPath}; run \`${install}\` to install it.`, run: { command: install, cwd: projectRoot } };
  };
  if (declared === undefined) {
    return { change: { ...manifestEdit(text, manifestPath, ['dependencies', SEAM_SDK.name], SEAM_SDK.range), notice: notice(`${SEAM_SDK.name} ${SEAM_SDK.range} was added`) } };
  }
  // The installed version, else the lowest the range allows; a range without one (`latest`) is taken as recent.
  const installed = host.readFile(path.join(projectRoot, 'node_modules', SEAM_SDK.name, 'package.json'));
  const installedVersion = installed === undefined ? undefined : (parseJsonc(installed) as { version?: unknown } | undefined)?.version;
  const version = /(\d+)\.(\d+)/.exec(typeof installedVersion === 'string' ? installedVersion : declared);
  const { major, minor } = SEAM_SDK.minimum;
  if (!version || Number(version[1]) > major || (Number(version[1]) === major && Number(version[2]) >= minor)) return {};
  // An older 4.x: a newer release of the same major is compatible, so the range is raised.
  if (Number(version[1]) === major) {
    return { change: { ...manifestEdit(text, manifestPath, [field!, SEAM_SDK.name], SAME_MAJOR_RANGE), notice: notice(`${SEAM_SDK.name} ${declared} was raised to ${SAME_MAJOR_RANGE}`) } };
  }
  return {
    refused: `the seam's adapters need ${SEAM_SDK.name} ${major}.${minor} or later and this project depends on ${SEAM_SDK.name} ${declared}; upgrade it first (the fix on its \`new OpenAIApi(…)\` moves the whole project when every v3 use can go)`,
    upgrade: { ...manifestEdit(text, manifestPath, [field!, SEAM_SDK.name], SEAM_SDK.range), notice: notice(`${SEAM_SDK.name} ${declared} was raised to ${SEAM_SDK.range}`) },
  };
}

/** The dependency field of package.json that declares a package, if any. */
export function dependencyField(manifest: unknown, name: string): string | undefined {
  return isObject(manifest) ? DEPENDENCY_FIELDS.find((field) => isObject(manifest[field]) && typeof manifest[field][name] === 'string') : undefined;
}

/** The minimal edit that sets a value in package.json, in the file's own indentation and line ends. */
export function manifestEdit(text: string, manifestPath: string, jsonPath: string[], value: string): FileChange {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const edits = modify(text, jsonPath, value, {
    formattingOptions: { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' },
  });
  return { filePath: manifestPath, changes: edits.map((edit) => ({ start: edit.offset, end: edit.offset + edit.length, newText: edit.content })) };
}

/** How the project installs what package.json declares: by the lockfile it has, npm without one. */
export function installCommand(projectRoot: string, host: FixHost): string {
  const managers: Array<[string, string]> = [
    ['pnpm-lock.yaml', 'pnpm install'],
    ['yarn.lock', 'yarn install'],
    ['bun.lock', 'bun install'],
    ['bun.lockb', 'bun install'],
  ];
  return managers.find(([lockfile]) => host.fileExists(path.join(projectRoot, lockfile)))?.[1] ?? 'npm install';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
