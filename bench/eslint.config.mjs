// ESLint's side of the benchmark: typescript-eslint's parser on every TS/JS file, and restricted imports
// and syntax equivalent to aidlint's detections. The options come from the vendor table, compiled by `tsc -b`.
import tsParser from '@typescript-eslint/parser';
import lintConfigs from '../out/bench/lint-configs.js';

export default [
  // aidlint's default excludes (ESLint skips node_modules and .git itself), so both lint the same files.
  { ignores: lintConfigs.ignoredGlobs() },
  {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-imports': ['error', lintConfigs.restrictedImportsOptions()],
      'no-restricted-syntax': ['error', ...lintConfigs.restrictedSyntax()],
    },
  },
];
