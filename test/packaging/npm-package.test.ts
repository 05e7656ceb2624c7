/**
 * The npm package `aidlint` as a team installs it: packed from the repository, installed into a fresh
 * project (see packed-package.ts), its bins run through npx on a copy of the bundled example and as a
 * language server over stdio, as Neovim, Helix or Emacs start it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, brief, workspaceFrom } from '../server/lsp-client';
import { removeTempDir } from '../files/temp';
import { run, runStatus } from './commands';
import { MANIFEST, PROJECT_VERSION, type PackageJson, ROOT, packedPackage } from './packed-package';
import { DEEP_FILE, VENDOR_CALL } from './vendor-sources';

/** npm adds package.json, README.md and LICENSE itself; .npmignore lets in the rest. */
const EXPECTED_FILES = [
  'package/package.json',
  'package/README.md',
  'package/LICENSE',
  'package/CHANGELOG.md',
  'package/dist/aidlint.js',
  'package/dist/aidlint-cli.js',
  'package/dist/aidlint-language-server.js',
  'package/dist/server.js',
  'package/dist/deep-stack-worker.js',
  'package/dist/typescript.js',
  'package/dist/aidlint.schema.json',
];
const LEGAL_NOTICE = /^package\/dist\/[a-z-]+\.js\.LEGAL\.txt$/;
const MAX_TARBALL_BYTES = 5 * 1024 * 1024;

describe('the npm package', function () {
  this.timeout(60_000);
  let project: string;
  let files: string[];
  let packed: PackageJson;

  before(function () {
    // npm pack (bundling with esbuild in `prepare`) and an offline install: about 10 s on two cores.
    this.timeout(180_000);
    ({ project } = packedPackage());
    const { unpacked } = packedPackage();
    files = listFiles(unpacked).map((file) => path.relative(unpacked, file).split(path.sep).join('/'));
    packed = JSON.parse(fs.readFileSync(path.join(unpacked, 'package/package.json'), 'utf8')) as PackageJson;
  });

  describe('the tarball', () => {
    it('contains exactly the bundles, the schema, the manifest and the docs (no sources, tests, fixtures or VS Code client)', () => {
      assert.deepEqual(files.filter((file) => !LEGAL_NOTICE.test(file)).sort(), [...EXPECTED_FILES].sort());
      assert.ok(files.some((file) => LEGAL_NOTICE.test(file)), 'the licence notices of the bundled libraries are shipped');
    });

    it('carries the TypeScript parser once, in dist/typescript.js, which the CLI, the server and the worker require', () => {
      const bundles = ['aidlint-cli.js', 'server.js', 'deep-stack-worker.js', 'typescript.js'];
      const text = (name: string) => fs.readFileSync(path.join(packedPackage().unpacked, 'package/dist', name), 'utf8');
      // One of the parser's own messages: where it appears, the parser is inside.
      const withParser = bundles.filter((name) => text(name).includes('Unterminated string literal.'));
      assert.deepEqual(withParser, ['typescript.js']);
      for (const name of bundles.slice(0, 3)) assert.ok(text(name).includes('require("./typescript.js")'), `${name} requires it`);
    });

    it(`stays under ${MAX_TARBALL_BYTES / 1024 / 1024} MB`, () => {
      const { size } = fs.statSync(packedPackage().tarball);
      assert.ok(size < MAX_TARBALL_BYTES, `the tarball has ${size} bytes`);
    });

    it('is what `npm pack` names alone on standard output (pre-commit before 4.6.1 reads that line)', () => {
      assert.equal(packedPackage().packStdout, `${path.basename(packedPackage().tarball)}\n`);
    });

    it('is publishable: not private, versioned as the repository, with licence, repository and Node engine', () => {
      assert.equal(packed.private, undefined);
      assert.equal(packed.name, 'aidlint');
      assert.equal(packed.version, MANIFEST.version);
      assert.equal(packed.license, 'MIT');
      assert.match(packed.repository?.url ?? '', /^git\+https:\/\/github\.com\/.+\.git$/);
      assert.equal(packed.engines?.node, '>=20');
      assert.deepEqual(packed.bin, { aidlint: 'dist/aidlint.js', 'aidlint-language-server': 'dist/aidlint-language-server.js' });
    });

    it('passes `npm publish --dry-run` with nothing to correct (the login it asks for aside)', () => {
      const { status, stdout, stderr } = runStatus('npm', ['publish', '--dry-run', '--ignore-scripts'], { cwd: ROOT });
      assert.equal(status, 0, stderr);
      assert.equal(stdout, `+ aidlint@${MANIFEST.version}\n`);
      const warnings = stderr.split('\n').filter((line) => line.startsWith('npm warn') && !/requires you to be logged in/.test(line));
      assert.deepEqual(warnings, []);
    });

    it('has no runtime dependencies: the bundles carry what the CLI and the server need', () => {
      assert.equal(packed.dependencies, undefined);
      const installed = fs.readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
      assert.deepEqual(installed, ['aidlint']);
    });

    it('offers no module to require (the manifest `main` is the VS Code client, which is not in the package)', () => {
      const { stderr, status } = runStatus(process.execPath, ['-e', "require('aidlint')"], { cwd: project });
      assert.equal(status, 1);
      assert.match(stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
    });
  });

  describe('npx aidlint', () => {
    it('prints the same findings on the bundled example as the repository CLI, and exits 1', () => {
      const installed = runStatus('npx', ['aidlint', 'chat-app'], { cwd: project });
      const repository = runStatus(process.execPath, [path.join(ROOT, 'bin/aidlint.js'), 'chat-app'], { cwd: project });
      assert.equal(installed.stderr, '');
      assert.equal(installed.stdout, repository.stdout);
      assert.equal(repository.status, 1);
      assert.equal(installed.status, 1);
      assert.match(installed.stdout, /chat-app\/src\/lib\/openai\.ts\n/);
      assert.match(installed.stdout, /✖ \d+ problems \(1 error, /);
    });

    it('runs its CLI bundle through V8\'s code cache: the first run writes it, the next ones use it as it is', () => {
      const tmp = fs.mkdtempSync(path.join(project, 'tmp-'));
      const env = { ...process.env, TMPDIR: tmp };
      const cacheFiles = () => fs.readdirSync(tmp, { recursive: true, encoding: 'utf8' }).filter((name) => /(^|\/)aidlint-cli-[0-9a-f]{16}\.bin$/.test(name));
      const first = runStatus('npx', ['aidlint', 'chat-app'], { cwd: project, env });
      const [cacheFile] = cacheFiles().map((name) => path.join(tmp, name));
      assert.ok(cacheFile, 'written when the first run ended');
      const written = fs.statSync(cacheFile);
      fs.utimesSync(cacheFile, new Date(0), new Date(0));
      const second = runStatus('npx', ['aidlint', 'chat-app'], { cwd: project, env });
      assert.deepEqual(second, first);
      const used = fs.statSync(cacheFile);
      assert.equal(used.ino, written.ino, 'V8 accepted it: not written again');
      assert.ok(used.mtimeMs > 0, 'touched as used');
      assert.deepEqual(cacheFiles(), [path.relative(tmp, cacheFile)]);
    });

    it('lints a file nested 50,000 deep on the deep-stack worker shipped next to the CLI', () => {
      const deep = path.join(project, 'deep');
      fs.mkdirSync(deep, { recursive: true });
      fs.writeFileSync(path.join(deep, 'app.ts'), DEEP_FILE);
      const { stdout } = runStatus('npx', ['aidlint', 'deep', '--format', 'json'], { cwd: project });
      const [file] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string | null }> }>;
      assert.deepEqual(file.messages.map((message) => message.ruleId).sort(), ['hardcoded-model', 'vendor-call', 'vendor-client', 'vendor-import']);
    });

    it("prints the package's version, not the project's", () => {
      assert.equal(run('npx', ['aidlint', '--version'], { cwd: project }), `${MANIFEST.version}\n`);
      assert.notEqual(MANIFEST.version, PROJECT_VERSION);
    });
  });

  describe('npx aidlint-language-server', () => {
    it('answers initialize over stdio and publishes diagnostics for an opened file', async () => {
      const root = workspaceFrom();
      const client = new TestClient({ root, pull: false, command: { file: 'npx', args: ['aidlint-language-server', '--stdio'], cwd: project } });
      try {
        const { capabilities, serverInfo } = await client.initialize({ textDocument: { publishDiagnostics: {} } });
        assert.equal(serverInfo?.name, 'aidlint');
        assert.ok(capabilities.codeActionProvider, 'code actions are offered');
        const documentUri = await client.open(path.join(root, 'src/app.ts'), VENDOR_CALL);
        await client.until(() => client.pushed.has(documentUri), 'publishDiagnostics for src/app.ts', 30_000);
        assert.deepEqual(brief(client.pushed.get(documentUri)!.diagnostics), [
          'vendor-import 0:19-0:27',
          'vendor-client 1:14-1:20',
          'vendor-call 2:0-2:25',
          'hardcoded-model 2:35-2:43',
        ]);
        assert.equal(await client.shutdown(), 0);
      } finally {
        client.dispose();
        client.process.stdin?.end();
        removeTempDir(root);
      }
    });

    it('explains how to start it when no transport is given, and exits 2', () => {
      const { status, stderr, stdout } = runStatus('npx', ['aidlint-language-server'], { cwd: project });
      assert.equal(status, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /^Usage: aidlint-language-server --stdio\n/);
    });
  });
});

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const entryPath = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(entryPath) : [entryPath];
  });
}
