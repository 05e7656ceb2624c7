// Bundles with esbuild into dist/, for the two packages built from this repository (neither ships
// node_modules: what the code needs is inside the bundles):
// - the VS Code extension (.vsix, allowlist in .vscodeignore): client.js (the VS Code side), server.js (the
//   language server with the engine inside), deep-stack-worker.js (loaded next to the engine for
//   pathologically nested files), typescript.js (the parser, one copy that the server, the worker and the
//   CLI load through V8's code cache), and a copy of the config schema for `jsonValidation`;
// - the npm package (allowlist in .npmignore): the bins aidlint.js (which runs the CLI's bundle,
//   aidlint-cli.js, through V8's code cache) and aidlint-language-server.js (which starts server.js), with
//   the same server.js, deep-stack-worker.js, typescript.js and schema.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const esbuild = loadEsbuild();
const dist = path.join(root, 'dist');
const entryPoints = {
  client: 'client/extension.ts',
  server: 'server/main.ts',
  'deep-stack-worker': 'rules/engine/deep-stack-worker.ts',
  'aidlint-cli': 'bin/aidlint.js',
  aidlint: 'bin/aidlint-bundled.js',
  'aidlint-language-server': 'bin/aidlint-language-server.js',
  typescript: 'node_modules/typescript/lib/typescript.js',
};
fs.rmSync(dist, { recursive: true, force: true });

/**
 * The bins run tsc's output (`require('../out/…')`) in the repository. Bundled, they take the same modules
 * from the TypeScript sources, and a module that is itself an entry point is required as its bundle.
 */
const binsFromSources = {
  name: 'bins-from-sources',
  setup(build) {
    const bundleOfSource = new Map(Object.entries(entryPoints).map(([name, source]) => [path.join(root, source), `./${name}.js`]));
    build.onResolve({ filter: /^\.\.\/out\// }, ({ path: request, resolveDir }) => {
      const compiled = path.relative(path.join(root, 'out'), path.resolve(resolveDir, request));
      const source = path.join(root, compiled.replace(/\.js$/, '.ts'));
      const bundle = bundleOfSource.get(source);
      return bundle ? { path: bundle, external: true } : { path: source };
    });
  },
};

/** The other bundles require the shipped TypeScript (`rules/engine/parse.ts` loads it through the code cache). */
const sharedTypescript = {
  name: 'shared-typescript',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.js', external: true }));
  },
};

await esbuild.build({
  absWorkingDir: root,
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow (the bundle would need
  // ./impl/format at run time); its `module` build bundles completely.
  mainFields: ['module', 'main'],
  external: ['vscode'],
  plugins: [binsFromSources, sharedTypescript],
  minify: true,
  sourcemap: false,
  legalComments: 'linked',
  logLevel: 'warning',
  // TypeScript's optional requires (source maps, inspector) are not needed at run time.
  logOverride: { 'require-resolve-not-external': 'silent', 'commonjs-variable-in-esm': 'silent' },
});
fs.copyFileSync(path.join(root, 'rules/config/aidlint.schema.json'), path.join(dist, 'aidlint.schema.json'));
console.log(`Bundled the extension and the npm package's bins into ${path.relative(process.cwd(), dist) || 'dist'}/`);

/**
 * npm installs a git dependency's devDependencies before its `prepare`, except in a global install
 * (npm/cli#8440), which is how pre-commit 4.6.1 and later installs a hook: then install them here first.
 */
function loadEsbuild() {
  const require = createRequire(path.join(root, 'package.json'));
  try {
    return require('esbuild');
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
  }
  console.log('The devDependencies are missing (a global install from git): installing them to bundle.');
  const windows = process.platform === 'win32';
  const install = spawnSync(
    windows ? 'npm.cmd' : 'npm',
    ['install', '--global=false', `--prefix=${root}`, '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'],
    { cwd: root, stdio: 'inherit', shell: windows },
  );
  if (install.status !== 0) throw new Error(`npm install of the devDependencies failed (exit code ${install.status})`);
  return require('esbuild');
}
