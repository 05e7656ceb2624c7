import * as assert from 'node:assert/strict';
import { parseCliArgs, UsageError } from '../../rules/cli/args';

describe('command-line arguments', () => {
  it('lints the current folder in stylish format by default', () => {
    assert.deepEqual(parseCliArgs([]), {
      paths: ['.'],
      format: 'stylish',
      outputFile: undefined,
      maxWarnings: undefined,
      configFile: undefined,
      ruleOverrides: {},
      quiet: false,
      color: undefined,
      printConfig: undefined,
      fix: false,
      fixDryRun: false,
      shard: undefined,
      suppressAll: false,
      pruneSuppressions: false,
      cache: false,
      cacheLocation: undefined,
      cacheStrategy: 'metadata',
      init: false,
      help: false,
      version: false,
    });
  });

  it('reads the cache flags', () => {
    const options = parseCliArgs(['--cache', '--cache-location', '.cache/', '--cache-strategy', 'content']);
    assert.deepEqual([options.cache, options.cacheLocation, options.cacheStrategy], [true, '.cache/', 'content']);
    assert.throws(() => parseCliArgs(['--cache-strategy', 'hash']), (error: Error) => error instanceof UsageError && /--cache-strategy needs metadata or content/.test(error.message));
  });

  it('reads the ratchet flags, and refuses both at once', () => {
    assert.equal(parseCliArgs(['--suppress-all']).suppressAll, true);
    assert.equal(parseCliArgs(['--prune-suppressions']).pruneSuppressions, true);
    assert.throws(() => parseCliArgs(['--suppress-all', '--prune-suppressions']), (error: Error) => error instanceof UsageError && /cannot be used together/.test(error.message));
  });

  it('reads paths and every option, long and short', () => {
    const options = parseCliArgs([
      'src',
      'lib/a.ts',
      '-f',
      'sarif',
      '-o',
      'out/report.sarif',
      '--max-warnings',
      '3',
      '-c',
      'ci/aidlint.json',
      '--rule',
      'hardcoded-model:error',
      '--rule=vendor-call:off',
      '--quiet',
      '--print-config',
      'src/app.ts',
    ]);
    assert.deepEqual(options.paths, ['src', 'lib/a.ts']);
    assert.equal(options.format, 'sarif');
    assert.equal(options.outputFile, 'out/report.sarif');
    assert.equal(options.maxWarnings, 3);
    assert.equal(options.configFile, 'ci/aidlint.json');
    assert.deepEqual(options.ruleOverrides, { 'hardcoded-model': 'error', 'vendor-call': 'off' });
    assert.equal(options.quiet, true);
    assert.equal(options.printConfig, 'src/app.ts');
    assert.equal(parseCliArgs(['--format=json']).format, 'json');
    assert.equal(parseCliArgs(['-h']).help, true);
    assert.equal(parseCliArgs(['-v']).version, true);
    assert.equal(parseCliArgs(['--init']).init, true);
  });

  it('accepts warn as well as warning, as config files do', () => {
    assert.deepEqual(parseCliArgs(['--rule', 'vendor-env:warn', '--rule', 'vendor-call:warning', '--rule', 'vendor-import:info']).ruleOverrides, {
      'vendor-env': 'warning',
      'vendor-call': 'warning',
      'vendor-import': 'info',
    });
  });

  it('lets the last of --color and --no-color win', () => {
    assert.equal(parseCliArgs(['--no-color']).color, false);
    assert.equal(parseCliArgs(['--color']).color, true);
    assert.equal(parseCliArgs(['--color', '--no-color']).color, false);
    assert.equal(parseCliArgs(['--no-color', '--color']).color, true);
  });

  const rejected: Array<[string[], RegExp]> = [
    [['--fixx'], /^Unknown option '--fixx'\.$/],
    [['-x'], /^Unknown option '-x'\.$/],
    [['--format', 'html'], /Unknown format 'html'; use one of stylish, json, sarif/],
    [['--format'], /--format/],
    [['--max-warnings=-1'], /--max-warnings needs a whole number of 0 or more, not '-1'/],
    [['--max-warnings', 'many'], /--max-warnings needs a whole number of 0 or more, not 'many'/],
    [['--rule', 'hardcoded-model'], /--rule needs ID:SEVERITY/],
    [['--rule', 'no-such-rule:error'], /Unknown rule 'no-such-rule'.*vendor-import/],
    [['--rule', 'hardcoded-model:fatal'], /Unknown severity 'fatal'/],
    [['--quiet=yes'], /does not take an argument/],
  ];
  for (const [argv, message] of rejected) {
    it(`rejects ${argv.join(' ')} with a clear message`, () => {
      assert.throws(() => parseCliArgs(argv), (error: unknown) => error instanceof UsageError && message.test(error.message));
    });
  }
});
