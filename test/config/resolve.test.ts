import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import schema from '../../rules/config/aidlint.schema.json';
import { formatConfigProblem } from '../../rules/config/load';
import { presetSeverities } from '../../rules/config/presets';
import { ConfigResolver, describeConfig, type ConfigResolverOptions } from '../../rules/config/resolve';
import { ruleIds } from '../../rules/definitions/index';
import type { ConfigProblem, ResolvedConfig } from '../../rules/engine/types';
import { FIXTURES, WORKSPACE, at, memoryFiles, rangeOf, type MemoryFiles } from './helpers';

function resolverFor(files: MemoryFiles, options: Partial<ConfigResolverOptions> = {}): ConfigResolver {
  return new ConfigResolver({ workspaceRoot: WORKSPACE, readFile: files.readFile, ...options });
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function printed(problems: readonly ConfigProblem[]): string[] {
  return problems.map(formatConfigProblem);
}

describe('config/resolve: defaults', () => {
  it('uses the recommended preset and the schema defaults, relative to the workspace root', () => {
    const config = resolverFor(memoryFiles({})).configFor(at('src', 'index.ts'));
    assert.deepEqual(config.sources, []);
    assert.deepEqual(config.seam, [{ pattern: 'src/ai/**', base: WORKSPACE }]);
    assert.deepEqual(config.include, [{ pattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', base: WORKSPACE }]);
    assert.deepEqual(
      config.exclude.map((glob) => glob.pattern),
      ['**/node_modules/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**', '**/.git/**'],
    );
    const recommended = presetSeverities('recommended');
    for (const id of ruleIds) assert.equal(config.rules[id].severity, recommended[id], id);
    assert.deepEqual(config.rules['vendor-import'], { severity: 'warning', options: { allow: [], allowTypeImports: false }, base: WORKSPACE });
    assert.deepEqual(config.rules['hardcoded-model'].options, { allow: [], ignore: [] });
    assert.deepEqual(config.vendors, { openai: true, 'azure-openai': true, 'langchain-openai': true, 'ai-sdk-openai': true });
    assert.deepEqual(config.endpoints, []);
    assert.equal(config.fix.seamDir, at('src', 'ai'));
    assert.equal(config.reportUnusedDisableDirectives, 'info');
    assert.equal(config.maxFileSize, 1024 * 1024);
  });
});

describe('config/resolve: a seam per package where no config file places it', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-packages-'));
    for (const folder of ['', 'packages/api', 'packages/api/tools/cli', 'packages/web']) {
      fs.mkdirSync(path.join(root, folder, 'src'), { recursive: true });
      fs.writeFileSync(path.join(root, folder, 'package.json'), '{}');
    }
    fs.mkdirSync(path.join(root, 'scripts'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("puts each package's seam in its own src/ai, nested packages included, and the rest in the root's", () => {
    const resolver = new ConfigResolver({ workspaceRoot: root });
    const seamOf = (...parts: string[]) => {
      const config = resolver.configFor(path.join(root, ...parts));
      return { seamDir: path.relative(root, config.fix.seamDir), seam: config.seam.map((glob) => path.relative(root, path.join(glob.base, glob.pattern))) };
    };
    const expected = (dir: string) => ({ seamDir: path.join(dir, 'src', 'ai'), seam: [path.join(dir, 'src', 'ai', '**')] });
    assert.deepEqual(seamOf('packages', 'api', 'src', 'chat.ts'), expected(path.join('packages', 'api')));
    assert.deepEqual(seamOf('packages', 'api', 'tools', 'cli', 'src', 'main.ts'), expected(path.join('packages', 'api', 'tools', 'cli')));
    assert.deepEqual(seamOf('packages', 'web', 'src', 'page.ts'), expected(path.join('packages', 'web')));
    assert.deepEqual(seamOf('scripts', 'seed.ts'), expected(''));
    assert.deepEqual(seamOf('src', 'index.ts'), expected(''));
  });

  it('keeps the seam an earlier aidlint made at the workspace root for every package', () => {
    fs.mkdirSync(path.join(root, 'src', 'ai'), { recursive: true });
    for (const module of ['index.ts', 'config.ts']) fs.writeFileSync(path.join(root, 'src', 'ai', module), '');
    try {
      const config = new ConfigResolver({ workspaceRoot: root }).configFor(path.join(root, 'packages', 'api', 'src', 'chat.ts'));
      assert.equal(config.fix.seamDir, path.join(root, 'src', 'ai'));
      assert.deepEqual(config.seam, [{ pattern: 'src/ai/**', base: root }]);
    } finally {
      fs.rmSync(path.join(root, 'src', 'ai'), { recursive: true });
    }
  });

  it('keeps a seam folder and seam globs that a config file sets, for every package below it', () => {
    fs.writeFileSync(path.join(root, 'aidlint.json'), JSON.stringify({ fix: { seamDir: 'shared/ai' } }));
    try {
      const config = new ConfigResolver({ workspaceRoot: root }).configFor(path.join(root, 'packages', 'api', 'src', 'chat.ts'));
      assert.equal(config.fix.seamDir, path.join(root, 'shared', 'ai'));
      // The globs were not set: they stay the package's.
      assert.deepEqual(config.seam, [{ pattern: 'src/ai/**', base: path.join(root, 'packages', 'api') }]);
    } finally {
      fs.rmSync(path.join(root, 'aidlint.json'));
    }
  });
});

describe('config/resolve: discovery in a monorepo (fixture on disk)', () => {
  const root = path.join(FIXTURES, 'monorepo');
  const resolver = new ConfigResolver({ workspaceRoot: root });
  const configAt = (...parts: string[]) => resolver.configFor(path.join(root, ...parts));

  it('applies the root config to a file in a folder without one', () => {
    const config = configAt('tools', 'deep', 'script.ts');
    assert.deepEqual(config.sources, [path.join(root, 'aidlint.json')]);
    assert.deepEqual(config.seam, [{ pattern: 'shared/ai/**', base: root }]);
    assert.equal(config.rules['hardcoded-model'].severity, 'error');
  });

  it('cascades a package config onto the root config', () => {
    const web = path.join(root, 'packages', 'web');
    const config = configAt('packages', 'web', 'src', 'pages', 'chat.tsx');
    assert.deepEqual(config.sources, [path.join(root, 'aidlint.json'), path.join(web, 'aidlint.json')]);
    assert.equal(config.rules['vendor-call'].severity, 'error');
    // The bare severity keeps the root's options, and `allow` stays relative to the root config.
    assert.deepEqual(config.rules['vendor-call'].options.allow, ['scripts/**']);
    assert.equal(config.rules['vendor-call'].base, root);
    assert.equal(config.rules['hardcoded-model'].severity, 'error');
    assert.equal(config.vendors['langchain-openai'], false);
    assert.deepEqual(config.seam, [{ pattern: 'shared/ai/**', base: root }]);
    assert.deepEqual(config.exclude, [{ pattern: 'legacy/**', base: web }]);
  });

  it('stops the walk at a config with "root": true', () => {
    const api = path.join(root, 'packages', 'api');
    const config = configAt('packages', 'api', 'src', 'routes', 'chat.ts');
    assert.deepEqual(config.sources, [path.join(api, 'aidlint.json')]);
    assert.deepEqual(config.seam, [{ pattern: 'src/llm/**', base: api }]);
    assert.equal(config.rules['hardcoded-model'].severity, 'error', 'from strict');
    assert.equal(config.rules['vendor-env'].severity, 'info', 'from strict');
    assert.equal(config.vendors['langchain-openai'], true, 'the monorepo config must not apply');
    assert.deepEqual(config.rules['vendor-call'].options.allow, []);
  });

  it('does not look above the workspace root for files inside it', () => {
    assert.equal(configAt('index.ts').maxFileSize, 1024 * 1024);
  });

  it('walks up to the filesystem root for a file outside the workspace root', () => {
    const config = resolver.configFor(path.join(FIXTURES, 'outside', 'tool.ts'));
    assert.deepEqual(config.sources, [path.join(FIXTURES, 'aidlint.json')]);
    assert.equal(config.maxFileSize, 7 * 1024);
  });

  it('reports no problems for these valid configs', () => {
    assert.deepEqual(resolver.problems(), []);
  });
});

describe('config/resolve: cascade', () => {
  const files = () =>
    memoryFiles({
      [at('aidlint.json')]: json({
        seam: ['shared/ai/**'],
        exclude: ['**/generated/**'],
        rules: { 'vendor-call': ['error', { allow: ['scripts/**'] }], 'hardcoded-model': 'error' },
        vendors: { openai: false },
        endpoints: ['LLM-Gateway.Example'],
        fix: { seamDir: 'shared/ai' },
        maxFileSizeKB: 64,
      }),
      [at('pkg', 'aidlint.json')]: json({
        seam: ['lib/ai/**'],
        rules: { 'vendor-call': 'warn', 'vendor-import': ['info', { allowTypeImports: true }] },
        vendors: { 'azure-openai': false },
        reportUnusedDisableDirectives: 2,
      }),
      [at('pkg', 'sub', 'aidlint.json')]: json({ rules: { 'vendor-call': [0, {}] }, endpoints: [] }),
    });

  it('merges rules and vendors per key, and replaces every other key set nearer', () => {
    const config = resolverFor(files()).configFor(at('pkg', 'src', 'a.ts'));
    assert.deepEqual(config.sources, [at('aidlint.json'), at('pkg', 'aidlint.json')]);
    assert.deepEqual(config.seam, [{ pattern: 'lib/ai/**', base: at('pkg') }]);
    assert.deepEqual(config.exclude, [{ pattern: '**/generated/**', base: WORKSPACE }]);
    assert.deepEqual(config.include, [{ pattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', base: WORKSPACE }]);
    assert.deepEqual(config.rules['vendor-call'], { severity: 'warning', options: { allow: ['scripts/**'] }, base: WORKSPACE });
    assert.deepEqual(config.rules['vendor-import'], {
      severity: 'info',
      options: { allow: [], allowTypeImports: true },
      base: at('pkg'),
    });
    assert.equal(config.rules['hardcoded-model'].severity, 'error');
    assert.deepEqual(config.vendors, { openai: false, 'azure-openai': false, 'langchain-openai': true, 'ai-sdk-openai': true });
    assert.deepEqual(config.endpoints, ['llm-gateway.example']);
    assert.equal(config.fix.seamDir, at('shared', 'ai'));
    assert.equal(config.reportUnusedDisableDirectives, 'error');
    assert.equal(config.maxFileSize, 64 * 1024);
  });

  it('replaces options wholesale when a nearer config gives them, starting from the defaults', () => {
    const config = resolverFor(files()).configFor(at('pkg', 'sub', 'deeper', 'b.ts'));
    assert.deepEqual(config.rules['vendor-call'], { severity: 'off', options: { allow: [] }, base: at('pkg', 'sub') });
    assert.deepEqual(config.endpoints, [], 'an empty list set nearer replaces the farther one');
  });

  const severities: Array<[unknown, string]> = [
    [0, 'off'],
    [1, 'warning'],
    [2, 'error'],
    ['off', 'off'],
    ['info', 'info'],
    ['warn', 'warning'],
    ['warning', 'warning'],
    ['error', 'error'],
    [[1], 'warning'],
    [[2, { allow: [] }], 'error'],
  ];
  for (const [written, expected] of severities) {
    it(`normalizes the severity ${JSON.stringify(written)} to "${expected}"`, () => {
      const resolver = resolverFor(memoryFiles({ [at('aidlint.json')]: json({ rules: { 'vendor-type-leak': written } }) }));
      assert.equal(resolver.configFor(at('a.ts')).rules['vendor-type-leak'].severity, expected);
      assert.deepEqual(resolver.problems(), []);
    });
  }
});

describe('config/resolve: extends', () => {
  it('applies presets in order, then the file\'s own rules', () => {
    const resolver = resolverFor(
      memoryFiles({ [at('aidlint.json')]: json({ extends: ['strict', 'recommended', 'strict'], rules: { 'vendor-env': 'off' } }) }),
    );
    const config = resolver.configFor(at('a.ts'));
    const strict = presetSeverities('strict');
    for (const id of ruleIds) assert.equal(config.rules[id].severity, id === 'vendor-env' ? 'off' : strict[id], id);
  });

  it('a preset in a nearer config overrides severities but keeps farther options', () => {
    const resolver = resolverFor(
      memoryFiles({
        [at('aidlint.json')]: json({ rules: { 'hardcoded-model': ['off', { ignore: ['gpt-4o-mini'] }] } }),
        [at('app', 'aidlint.json')]: json({ extends: 'strict' }),
      }),
    );
    assert.deepEqual(resolver.configFor(at('app', 'x.ts')).rules['hardcoded-model'], {
      severity: 'error',
      options: { allow: [], ignore: ['gpt-4o-mini'] },
      base: WORKSPACE,
    });
  });

  it('resolves extended files relative to the extending file, with their globs relative to their own folder', () => {
    const resolver = resolverFor(
      memoryFiles({
        [at('configs', 'base.json')]: json({ extends: './inner/seam.jsonc', rules: { 'vendor-call': ['error', { allow: ['tools/**'] }] } }),
        [at('configs', 'inner', 'seam.jsonc')]: '// comments are fine here too\n{ "seam": ["ai/**"], "maxFileSizeKB": 10 }',
        [at('app', 'aidlint.json')]: json({ extends: ['../configs/base.json'], maxFileSizeKB: 20 }),
      }),
    );
    const config = resolver.configFor(at('app', 'main.ts'));
    assert.deepEqual(config.sources, [at('configs', 'inner', 'seam.jsonc'), at('configs', 'base.json'), at('app', 'aidlint.json')]);
    assert.deepEqual(config.seam, [{ pattern: 'ai/**', base: at('configs', 'inner') }]);
    assert.equal(config.rules['vendor-call'].base, at('configs'));
    assert.equal(config.maxFileSize, 20 * 1024, "the file's own keys apply after what it extends");
    assert.deepEqual(resolver.problems(), []);
  });

  it('reports a missing extended file on the extends value and falls back to defaults', () => {
    const text = '{\n  "extends": ["recommended", "./nope.json"],\n  "rules": { "vendor-env": "error" }\n}';
    const resolver = resolverFor(memoryFiles({ [at('aidlint.json')]: text }));
    const config = resolver.configFor(at('a.ts'));
    assert.deepEqual(config.sources, []);
    assert.equal(config.rules['vendor-env'].severity, 'off');
    assert.deepEqual(resolver.problems(), [
      {
        file: at('aidlint.json'),
        range: rangeOf(text, '"./nope.json"'),
        message: `Cannot find the extended configuration "./nope.json" (${at('nope.json')}).`,
      },
    ]);
  });

  it('reports a cycle on the extends value that closes it', () => {
    const a = '{ "extends": "./b.json", "seam": ["a/**"] }';
    const b = '{\n  "extends": "./aidlint.json"\n}';
    const resolver = resolverFor(memoryFiles({ [at('aidlint.json')]: a, [at('b.json')]: b }));
    const config = resolver.configFor(at('a.ts'));
    assert.deepEqual(printed(resolver.problems()), [`${at('b.json')}:2:14: Circular "extends": aidlint.json → b.json → aidlint.json.`]);
    assert.deepEqual(resolver.problems()[0].range, rangeOf(b, '"./aidlint.json"'));
    // The broken link contributes nothing; the file that starts the walk still applies.
    assert.deepEqual(config.sources, [at('aidlint.json')]);
    assert.deepEqual(config.seam, [{ pattern: 'a/**', base: WORKSPACE }]);
  });

  it('reports a file that extends itself', () => {
    const text = '{ "extends": "./aidlint.json" }';
    const resolver = resolverFor(memoryFiles({ [at('aidlint.json')]: text }));
    resolver.configFor(at('a.ts'));
    assert.deepEqual(printed(resolver.problems()), [`${at('aidlint.json')}:1:14: Circular "extends": aidlint.json → aidlint.json.`]);
  });

  it('reports a problem in a shared base once, however many packages extend it', () => {
    const files = memoryFiles({
      [at('base.json')]: '{ "seam": 1 }',
      [at('a', 'aidlint.json')]: json({ extends: '../base.json' }),
      [at('b', 'aidlint.json')]: json({ extends: '../base.json' }),
    });
    const resolver = resolverFor(files);
    resolver.configFor(at('a', 'x.ts'));
    resolver.configFor(at('b', 'y.ts'));
    assert.deepEqual(printed(resolver.problems()), [
      `${at('base.json')}:1:11: Invalid value for "seam": got 1. Expected an array of globs, such as ["src/ai/**"].`,
    ]);
  });
});

describe('config/resolve: broken configs keep the last good content', () => {
  const good = json({ seam: ['good/**'] });
  const broken = '{ "seam": ["bad/**"] '; // no closing brace

  it('keeps the last good content while broken, and takes the fix after invalidate()', () => {
    const files = memoryFiles({ [at('aidlint.json')]: good });
    const resolver = resolverFor(files);
    assert.deepEqual(resolver.configFor(at('a.ts')).seam, [{ pattern: 'good/**', base: WORKSPACE }]);

    files.write(at('aidlint.json'), broken);
    resolver.invalidate();
    assert.deepEqual(resolver.configFor(at('a.ts')).seam, [{ pattern: 'good/**', base: WORKSPACE }]);
    assert.deepEqual(printed(resolver.problems()), [`${at('aidlint.json')}:1:22: Expected '}'.`]);

    files.write(at('aidlint.json'), json({ seam: ['fixed/**'] }));
    resolver.invalidate();
    assert.deepEqual(resolver.configFor(at('a.ts')).seam, [{ pattern: 'fixed/**', base: WORKSPACE }]);
    assert.deepEqual(resolver.problems(), []);
  });

  it('uses the defaults (and the farther configs) when a config was never good', () => {
    const files = memoryFiles({ [at('aidlint.json')]: json({ maxFileSizeKB: 5 }), [at('pkg', 'aidlint.json')]: broken });
    const resolver = resolverFor(files);
    const config = resolver.configFor(at('pkg', 'a.ts'));
    assert.deepEqual(config.sources, [at('aidlint.json')]);
    assert.deepEqual(config.seam, [{ pattern: 'src/ai/**', base: WORKSPACE }]);
    assert.equal(config.maxFileSize, 5 * 1024);
    assert.equal(resolver.problems().length, 1);
  });

  it('keeps the last good content when an extended file goes missing', () => {
    const files = memoryFiles({ [at('aidlint.json')]: json({ extends: './base.json' }), [at('base.json')]: json({ seam: ['x/**'] }) });
    const resolver = resolverFor(files);
    resolver.configFor(at('a.ts'));
    files.write(at('aidlint.json'), json({ extends: './renamed.json' }));
    resolver.invalidate();
    assert.deepEqual(resolver.configFor(at('a.ts')).seam, [{ pattern: 'x/**', base: WORKSPACE }]);
    assert.match(resolver.problems()[0].message, /Cannot find the extended configuration "\.\/renamed\.json"/);
  });
});

describe('config/resolve: configFile and ruleOverrides', () => {
  const files = () =>
    memoryFiles({
      [at('aidlint.json')]: json({ rules: { 'vendor-call': 'off' } }),
      [at('ci', 'aidlint.ci.json')]: json({ extends: ['strict', './seam.json'] }),
      [at('ci', 'seam.json')]: json({ seam: ['ai/**'] }),
    });

  it('uses only the given file and what it extends, for every file', () => {
    const tracked = files();
    const resolver = resolverFor(tracked, { configFile: 'ci/aidlint.ci.json' });
    const config = resolver.configFor(at('pkg', 'src', 'a.ts'));
    assert.deepEqual(config.sources, [at('ci', 'seam.json'), at('ci', 'aidlint.ci.json')]);
    assert.equal(config.rules['vendor-call'].severity, 'error');
    assert.deepEqual(config.seam, [{ pattern: 'ai/**', base: at('ci') }]);
    assert.equal(resolver.configFor(at('elsewhere.ts')), config);
    assert.ok(!tracked.reads.includes(at('aidlint.json')), 'no discovery with configFile');
  });

  it('reports a configFile that does not exist', () => {
    const resolver = resolverFor(files(), { configFile: at('missing.json') });
    assert.deepEqual(resolver.configFor(at('a.ts')).sources, []);
    assert.deepEqual(printed(resolver.problems()), [`${at('missing.json')}:1:1: Cannot find this configuration file.`]);
  });

  it('applies ruleOverrides after every config file, keeping options', () => {
    const resolver = resolverFor(
      memoryFiles({ [at('aidlint.json')]: json({ rules: { 'vendor-call': ['error', { allow: ['s/**'] }], 'vendor-env': 'info' } }) }),
      { ruleOverrides: { 'vendor-call': 'off', 'hardcoded-secret': 'warning' } },
    );
    const config = resolver.configFor(at('a.ts'));
    assert.deepEqual(config.rules['vendor-call'], { severity: 'off', options: { allow: ['s/**'] }, base: WORKSPACE });
    assert.equal(config.rules['hardcoded-secret'].severity, 'warning');
    assert.equal(config.rules['vendor-env'].severity, 'info');
    assert.equal(resolver.configFor(at('b.ts')), config, 'overridden configs are memoized too');
  });
});

describe('config/resolve: memoization', () => {
  it('reads each config location once for thousands of files, and again only after invalidate()', () => {
    const files = memoryFiles({
      [at('aidlint.json')]: json({ extends: './base.json' }),
      [at('base.json')]: json({ seam: ['ai/**'] }),
      [at('packages', 'p3', 'aidlint.json')]: json({ rules: { 'vendor-call': 'error' } }),
    });
    const resolver = resolverFor(files);
    const folders = Array.from({ length: 10 }, (_, p) => Array.from({ length: 5 }, (_, d) => at('packages', `p${p}`, `dir${d}`)));
    const filePaths = folders.flat().flatMap((folder) => Array.from({ length: 400 }, (_, f) => path.join(folder, `file${f}.ts`)));
    assert.equal(filePaths.length, 20_000);

    const configs = filePaths.map((filePath) => resolver.configFor(filePath));
    // Each of the 50 leaf folders, 10 packages, `packages` and the root probed once, plus base.json.
    assert.equal(files.reads.length, 50 + 10 + 1 + 1 + 1);
    assert.equal(new Set(files.reads).size, files.reads.length, 'no path read twice');
    assert.equal(new Set(configs).size, 2, 'folders without a config share their parent config object');
    assert.equal(configs[0].rules['vendor-call'].severity, 'warning');
    assert.equal(resolver.configFor(at('packages', 'p3', 'dir0', 'x.ts')).rules['vendor-call'].severity, 'error');

    const readsBefore = files.reads.length;
    for (const filePath of filePaths) resolver.configFor(filePath);
    assert.equal(files.reads.length, readsBefore, 'a second pass reads nothing');

    resolver.invalidate();
    resolver.configFor(filePaths[0]);
    assert.ok(files.reads.length > readsBefore, 'invalidate() drops the caches');
  });
});

describe('config/resolve: reading from disk', () => {
  let dir: string;
  beforeEach(() => (dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-config-')))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('ignores a folder named aidlint.json and reads real files', () => {
    fs.mkdirSync(path.join(dir, 'a', 'aidlint.json'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'aidlint.json'), '{ "maxFileSizeKB": 3 }');
    const resolver = new ConfigResolver({ workspaceRoot: dir });
    assert.equal(resolver.configFor(path.join(dir, 'a', 'x.ts')).maxFileSize, 3 * 1024);
    assert.deepEqual(resolver.problems(), []);
  });

  it('reports a config file it cannot read', function () {
    const file = path.join(dir, 'aidlint.json');
    fs.writeFileSync(file, '{}');
    fs.chmodSync(file, 0o000);
    try {
      fs.closeSync(fs.openSync(file, 'r'));
      this.skip(); // running as root: permissions do not stop reads
    } catch {
      // unreadable, as intended
    }
    const resolver = new ConfigResolver({ workspaceRoot: dir });
    resolver.configFor(path.join(dir, 'x.ts'));
    assert.deepEqual(printed(resolver.problems()), [`${file}:1:1: Cannot read this configuration file (EACCES).`]);
  });
});

describe('config/resolve: describeConfig', () => {
  it('shows globs and paths relative to the workspace root, and absolute outside it', () => {
    const outside = path.resolve('/elsewhere');
    const files = memoryFiles({
      [at('packages', 'api', 'aidlint.json')]: json({
        seam: ['src/llm/**'],
        rules: { 'vendor-call': ['error', { allow: ['scripts/**'] }] },
        fix: { seamDir: 'src/llm' },
        maxFileSizeKB: 256,
        extends: '../../../elsewhere/shared.json',
      }),
      [path.join(outside, 'shared.json')]: json({ include: ['**/*.ts'] }),
    });
    const config: ResolvedConfig = resolverFor(files).configFor(at('packages', 'api', 'src', 'index.ts'));
    const described = JSON.parse(JSON.stringify(describeConfig(config, WORKSPACE)));
    const posixOutside = outside.split(path.sep).join('/');
    assert.deepEqual(described.sources, [`${posixOutside}/shared.json`, 'packages/api/aidlint.json']);
    assert.deepEqual(described.seam, ['packages/api/src/llm/**']);
    assert.deepEqual(described.include, [`${posixOutside}/**/*.ts`]);
    assert.equal(described.exclude[0], '**/node_modules/**');
    assert.deepEqual(described.rules['vendor-call'], ['error', { allow: ['packages/api/scripts/**'] }]);
    assert.deepEqual(described.rules['vendor-import'], ['warning', { allow: [], allowTypeImports: false }]);
    assert.deepEqual(Object.keys(described.rules).sort(), [...ruleIds].sort());
    assert.deepEqual(described.fix, { seamDir: 'packages/api/src/llm' });
    assert.equal(described.maxFileSizeKB, 256);
    assert.equal(described.reportUnusedDisableDirectives, 'info');
    assert.equal(described.vendors.openai, true);
  });

  it('shows the defaults as the schema writes them', () => {
    const config = resolverFor(memoryFiles({})).configFor(at('a.ts'));
    const described = describeConfig(config, WORKSPACE) as Record<string, unknown>;
    const defaults = schema.properties;
    assert.deepEqual(described.sources, []);
    assert.deepEqual(described.seam, defaults.seam.default);
    assert.deepEqual(described.include, defaults.include.default);
    assert.deepEqual(described.exclude, defaults.exclude.default);
    assert.deepEqual(described.fix, defaults.fix.default);
    assert.equal(described.maxFileSizeKB, defaults.maxFileSizeKB.default);
  });
});
