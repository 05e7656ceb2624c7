// Bundles the extension with esbuild: dist/client.js (the VS Code side), dist/server.js (the language
// server with the engine and the TypeScript parser inside), dist/deep-stack-worker.js (loaded by the
// server for pathologically nested files), and a copy of the config schema for `jsonValidation`.
// The .vsix ships these files only, never node_modules.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
fs.rmSync(dist, { recursive: true, force: true });

await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    client: 'client/extension.ts',
    server: 'server/main.ts',
    'deep-stack-worker': 'rules/engine/deep-stack-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow (the bundle would need
  // ./impl/format at run time); its `module` build bundles completely.
  mainFields: ['module', 'main'],
  external: ['vscode'],
  minify: true,
  sourcemap: false,
  legalComments: 'linked',
  logLevel: 'warning',
  // TypeScript's optional requires (source maps, inspector) are not needed at run time.
  logOverride: { 'require-resolve-not-external': 'silent', 'commonjs-variable-in-esm': 'silent' },
});
fs.copyFileSync(path.join(root, 'rules/config/aidlint.schema.json'), path.join(dist, 'aidlint.schema.json'));
console.log(`Bundled the extension into ${path.relative(process.cwd(), dist) || 'dist'}/`);
