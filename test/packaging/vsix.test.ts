/**
 * The .vsix as users get it: built and packaged exactly as `npm run package` does, listed, unpacked
 * outside the repository (so no node_modules can be found), and its bundled server run over stdio.
 * Plus the manifest checks that `vsce` does not make: settings, commands, trust, engine, one schema.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { TestClient } from '../server/lsp-client';
import { run, withoutMinifiedLines } from './commands';
import { DEEP_FILE, VENDOR_CALL } from './vendor-sources';

const ROOT = path.resolve(__dirname, '../../..');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as ExtensionManifest;
/** code-server 4.100.3, the editor the extension must run in, ships VS Code 1.100.3. */
const OLDEST_TARGET_VSCODE = '1.100.3';

/** vsce renames README.md and CHANGELOG.md to lower case and LICENSE to LICENSE.txt. */
const EXPECTED_ENTRIES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/images/icon.png',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/deep-stack-worker.js',
  'extension/dist/typescript.js',
  'extension/dist/aidlint.schema.json',
];
/** esbuild's `legalComments: 'linked'` writes the bundled libraries' licence notices next to a bundle. */
const LEGAL_NOTICE = /^extension\/dist\/(client|server|deep-stack-worker|typescript)\.js\.LEGAL\.txt$/;

/**
 * Requires the client bundle the way the extension host does, with a stand-in for the `vscode` module
 * (any property is another stand-in that can be called, constructed and extended), so a module the
 * bundle failed to include shows up as "Cannot find module".
 */
const LOAD_CLIENT_WITH_VSCODE_STUB = `
  const Module = require('node:module');
  const stub = () => new Proxy(function () {}, { get: (target, key) => key === 'prototype' ? target.prototype : key === Symbol.toPrimitive ? undefined : stub() });
  const vscode = stub();
  const load = Module._load;
  Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
  const client = require(process.argv[1]);
  process.stdout.write('activate: ' + typeof client.activate + ', deactivate: ' + typeof client.deactivate);`;

/** Folders that hold dependencies or generated files, not the repository's sources. */
const GENERATED_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test', '.bench']);


interface ExtensionManifest {
  version: string;
  engines: { vscode: string };
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited' } };
  contributes: {
    commands: Array<{ command: string; title?: string }>;
    configuration: { properties: Record<string, { scope?: string; description?: string; markdownDescription?: string }> };
    jsonValidation: Array<{ fileMatch: string; url: string }>;
  };
}

describe('the packaged extension (.vsix)', function () {
  this.timeout(120_000);
  let work: string;
  let entries: Map<string, Buffer>;
  let extensionDir: string;

  before(function () {
    // esbuild, then vsce: about 15 s on two cores.
    this.timeout(180_000);
    work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-vsix-')));
    const vsix = path.join(work, 'aidlint.vsix');
    runNode(['scripts/bundle.mjs']);
    runNode(['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--out', vsix]);
    entries = readZip(fs.readFileSync(vsix));
    extensionDir = path.join(work, 'unpacked', 'extension');
    for (const [name, data] of entries) {
      const target = path.join(work, 'unpacked', name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data);
    }
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('contains exactly the allowlisted files: bundles, schema, manifest, readme, changelog, licence, icon', () => {
    const names = [...entries.keys()];
    assert.deepEqual(names.filter((name) => !LEGAL_NOTICE.test(name)).sort(), [...EXPECTED_ENTRIES].sort());
    assert.deepEqual(names.filter((name) => /node_modules|\.(ts|map)$|(^|\/)(test|client|server|rules|src)\//.test(name)), []);
  });

  it('has the version of package.json, the version the npm package gets', () => {
    const packaged = JSON.parse(entries.get('extension/package.json')!.toString('utf8')) as ExtensionManifest;
    assert.equal(packaged.version, MANIFEST.version);
    assert.match(entries.get('extension.vsixmanifest')!.toString('utf8'), new RegExp(`Version="${MANIFEST.version.replaceAll('.', '\\.')}"`));
  });

  it('ships the configuration schema byte for byte, where contributes.jsonValidation points', () => {
    assert.deepEqual(MANIFEST.contributes.jsonValidation, [{ fileMatch: 'aidlint.json', url: './dist/aidlint.schema.json' }]);
    const packaged = entries.get('extension/dist/aidlint.schema.json');
    assert.ok(packaged, 'the schema is in the package');
    assert.ok(packaged.equals(fs.readFileSync(path.join(ROOT, 'rules/config/aidlint.schema.json'))), 'packaged schema differs from rules/config/aidlint.schema.json');
  });

  it('keeps one schema in the repository (the packaged copy is generated into dist/)', () => {
    assert.deepEqual(filesNamed('aidlint.schema.json', ROOT), [path.join(ROOT, 'rules/config/aidlint.schema.json')]);
  });

  it('loads client.js outside the repository with only the vscode API provided', () => {
    const output = runNode(['-e', LOAD_CLIENT_WITH_VSCODE_STUB, path.join(extensionDir, 'dist/client.js')], work);
    assert.equal(output, 'activate: function, deactivate: function');
  });

  it('runs the bundled server from the unpacked extension and reports a vendor call', async () => {
    const { codes } = await lintWithBundledServer(extensionDir, VENDOR_CALL);
    assert.deepEqual(codes, ['hardcoded-model', 'vendor-call', 'vendor-client', 'vendor-import']);
  });

  it('lints a file nested 50,000 deep on the bundled deep-stack worker next to server.js', async () => {
    const { codes } = await lintWithBundledServer(extensionDir, DEEP_FILE);
    assert.deepEqual(codes, ['hardcoded-model', 'vendor-call', 'vendor-client', 'vendor-import']);
  });

  it('needs that worker: without deep-stack-worker.js the deep file becomes an analysis-failed notice', async () => {
    const withoutWorker = path.join(work, 'without-worker');
    fs.cpSync(extensionDir, withoutWorker, { recursive: true });
    fs.rmSync(path.join(withoutWorker, 'dist/deep-stack-worker.js'));
    const { codes, messages } = await lintWithBundledServer(withoutWorker, DEEP_FILE);
    assert.deepEqual(codes, ['analysis-failed']);
    assert.match(messages[0], /deep-stack-worker\.js/);
  });
});

describe('the extension manifest (package.json)', () => {
  const { contributes, capabilities, engines } = MANIFEST;

  it('describes every setting and scopes it per resource (trace.server per window)', () => {
    const problems = Object.entries(contributes.configuration.properties).flatMap(([name, setting]) => {
      const expectedScope = name === 'aidlint.trace.server' ? 'window' : 'resource';
      return [
        ...(setting.description || setting.markdownDescription ? [] : [`${name} has no description`]),
        ...(setting.scope === expectedScope ? [] : [`${name} has scope ${setting.scope}, expected ${expectedScope}`]),
      ];
    });
    assert.deepEqual(problems, []);
    assert.ok('aidlint.trace.server' in contributes.configuration.properties, 'aidlint.trace.server is contributed');
  });

  it('gives every command a title', () => {
    assert.ok(contributes.commands.length > 0);
    assert.deepEqual(contributes.commands.filter((command) => !command.title?.trim()), []);
  });

  it('supports untrusted workspaces', () => {
    assert.equal(capabilities.untrustedWorkspaces.supported, true);
  });

  it(`accepts VS Code ${OLDEST_TARGET_VSCODE} (code-server 4.100.3)`, () => {
    assert.ok(satisfiesEngine(engines.vscode, OLDEST_TARGET_VSCODE), `engines.vscode ${engines.vscode} excludes ${OLDEST_TARGET_VSCODE}`);
  });
});

function runNode(args: string[], cwd = ROOT): string {
  return run(process.execPath, args, { cwd });
}

/** Source files named `name` under `dir`, skipping dependencies and build output. */
function filesNamed(name: string, dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) return GENERATED_DIRS.has(entry.name) ? [] : filesNamed(name, entryPath);
    return entry.name === name ? [entryPath] : [];
  });
}

/** Opens `text` as src/app.ts in a fresh workspace with the server at `extensionDir`/dist/server.js. */
async function lintWithBundledServer(extensionDir: string, text: string): Promise<{ codes: string[]; messages: string[] }> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-vsix-ws-')));
  const client = new TestClient({ root, serverPath: path.join(extensionDir, 'dist/server.js') });
  // A server that dies (a module missing from the bundle) fails the test at once, with its error.
  const exited = client.exited.then((code): never => {
    throw new Error(`the bundled server exited with ${code}:\n${withoutMinifiedLines(client.stderr)}`);
  });
  exited.catch(() => undefined);
  try {
    const { items } = await Promise.race([exited, client.initialize().then(async () => client.pullFull(await client.open(path.join(root, 'src/app.ts'), text)))]);
    assert.equal(await client.shutdown(), 0);
    return { codes: items.map((item) => String(item.code)).sort(), messages: items.map((item) => (typeof item.message === 'string' ? item.message : item.message.value)) };
  } finally {
    client.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * A .vsix is a zip: read the central directory, then each entry's data after its local header
 * (vsce writes stored or deflated entries, no zip64 at this size).
 */
function readZip(zip: Buffer): Map<string, Buffer> {
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(endOfDirectory >= 0, 'not a zip file');
  const count = zip.readUInt16LE(endOfDirectory + 10);
  let at = zip.readUInt32LE(endOfDirectory + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const trailerLength = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    assert.ok(method === 0 || method === 8, `${name}: compression method ${method}`);
    entries.set(name, method === 8 ? zlib.inflateRawSync(data) : data);
    at += 46 + nameLength + trailerLength;
  }
  return entries;
}

/** The engine ranges VS Code extensions use: `^x.y.z` (same major, at least x.y.z) or `>=x.y.z`. */
function satisfiesEngine(range: string, version: string): boolean {
  const match = /^(\^|>=)(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  assert.ok(match, `unsupported engines.vscode range ${range}`);
  const [, operator, ...minimum] = match;
  const [major, minor, patch] = minimum.map(Number);
  const [vMajor, vMinor, vPatch] = version.split('.').map(Number);
  const atLeast = vMajor !== major ? vMajor > major : vMinor !== minor ? vMinor > minor : vPatch >= patch;
  return atLeast && (operator === '>=' || vMajor === major);
}
