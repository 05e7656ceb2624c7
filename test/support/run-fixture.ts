/**
 * The quick-fix fixture projects (test/fixtures/fix-projects/<name>): copied to a temp folder with their
 * pinned dependencies linked from the shared SDK cache, type-checked with their own `tsc`, and run against
 * the fake OpenAI server. No fixture keeps a node_modules of its own.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FakeOpenAI, RecordedRequest } from './fake-openai-server';
import { installPackages } from './sdk-install';

/** test/fixtures/fix-projects, seen from out/test/support where the compiled tests run. */
export const FIX_PROJECTS = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'fix-projects');

/** A temp copy of the fixture with its dependencies linked; remove it with `removeFixture`. */
export async function prepareFixture(name: string): Promise<string> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `aidlint-fixture-${name}-`)));
  fs.cpSync(path.join(FIX_PROJECTS, name), dir, { recursive: true });
  await linkDependencies(dir);
  return dir;
}

export function removeFixture(dir: string): void {
  // Removes the node_modules link, never the shared cache behind it.
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Points `<dir>/node_modules` at a cached install of the exact versions in the project's package.json
 * (dependencies and devDependencies); call it again after a change to package.json.
 */
export async function linkDependencies(dir: string): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const specs = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).map(([name, version]) => `${name}@${version}`);
  const nodeModules = await installPackages(specs);
  const link = path.join(dir, 'node_modules');
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(nodeModules, link, 'dir');
}

/** `tsc --noEmit` with the project's own TypeScript (plus `flags`): the diagnostics, '' when the project is clean. */
export async function typecheck(dir: string, flags: readonly string[] = []): Promise<string> {
  const result = await run(process.execPath, [tscOf(dir), '--noEmit', '--pretty', 'false', ...flags, '-p', dir], dir);
  const output = `${result.stdout}${result.stderr}`.trim();
  return output || (result.code === 0 ? '' : `tsc exited with ${result.code}`);
}

/**
 * Runs the project's `main` and returns its stdout: a TypeScript project (src/main.ts) is compiled into
 * `dist/` first (cleared, so files a fix deleted cannot linger); a JavaScript project runs src/main.js.
 * Throws with the program's stderr when it fails.
 */
export async function runMain(dir: string, env: Record<string, string>): Promise<string> {
  let entry = path.join(dir, 'src', 'main.js');
  if (fs.existsSync(path.join(dir, 'src', 'main.ts'))) {
    const outDir = path.join(dir, 'dist');
    fs.rmSync(outDir, { recursive: true, force: true });
    const compiled = await run(process.execPath, [tscOf(dir), '--pretty', 'false', '-p', dir, '--outDir', outDir], dir);
    if (compiled.code !== 0) throw new Error(`compiling ${dir} failed:\n${compiled.stdout}${compiled.stderr}`);
    entry = path.join(outDir, 'main.js');
  }
  return runProgram(dir, [entry], env);
}

/**
 * Runs `node <args>` in `dir` with `programEnv(env)` and returns its stdout; throws with the program's
 * stderr when it exits with another code than 0.
 */
/** Runs the project's \`main\` against the fake server: its output lines and the requests the run made. */
export async function runRecorded(dir: string, fake: FakeOpenAI, env: Record<string, string>): Promise<{ lines: string[]; requests: RecordedRequest[] }> {
  const first = fake.requests.length;
  const lines = (await runMain(dir, env)).trimEnd().split('\n');
  return { lines, requests: fake.requests.slice(first) };
}

export async function runProgram(dir: string, args: readonly string[], env: Record<string, string>): Promise<string> {
  const result = await runProgramResult(dir, args, env);
  if (result.code !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.code}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Runs `node <args>` as runProgram does; its exit code and both outputs, whatever they are. */
export function runProgramResult(dir: string, args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  return run(process.execPath, [...args], dir, programEnv(env));
}

/** The environment that points every client of a fixture (and of the seam) at the fake server. */
export function fakeOpenAIEnv(url: string): Record<string, string> {
  return {
    OPENAI_BASE_URL: `${url}/v1`,
    OPENAI_API_KEY: 'test-openai-key',
    AZURE_OPENAI_ENDPOINT: url,
    AZURE_OPENAI_API_KEY: 'test-azure-key',
  };
}

/**
 * The parent's environment without anything that could reach a real vendor (the developer's own keys,
 * endpoints, provider choice), plus `env`; the fake server is never sent through a proxy.
 */
function programEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !/^(OPENAI|AZURE|AI|ANTHROPIC|GEMINI|GOOGLE)_/i.test(name));
  return { ...Object.fromEntries(inherited), NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', ...env };
}

function tscOf(dir: string): string {
  return path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: error && !stderr ? error.message : stderr });
    });
  });
}
