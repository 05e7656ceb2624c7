import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { initialConfigText } from '../../rules/config/init';
import { parseConfigText } from '../../rules/config/load';
import { FIXTURES } from './helpers';
import { runCli } from './run-cli';

const PROJECT = path.join(FIXTURES, 'project');
const BAD_CONFIG = path.join(FIXTURES, 'bad-config');
const GOLDEN = path.join(FIXTURES, 'golden');

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; level: string }>;
  warningCount: number;
}

/** Compares with a committed file; `UPDATE_GOLDEN=1` rewrites it (review the diff before committing). */
function assertGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'));
}

async function jsonReport(argv: string[], cwd = PROJECT): Promise<JsonResult[]> {
  const run = await runCli(['--format', 'json', ...argv], cwd);
  return JSON.parse(run.stdout);
}

const ruleIdsIn = (report: JsonResult[]) => report.flatMap((result) => result.messages.map((message) => message.ruleId));

function withTempDir(test: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aidlint-cli-'));
    try {
      await test(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

describe('aidlint command', function () {
  this.timeout(20000);

  describe('reports', () => {
    it('matches the stylish golden output', async () => {
      const run = await runCli([], PROJECT);
      assert.equal(run.stderr, '');
      assertGolden('project.stylish.txt', run.stdout);
    });

    it('matches the json golden output', async () => {
      const run = await runCli(['-f', 'json'], PROJECT);
      const portable = run.stdout.split(PROJECT).join('<project>');
      assertGolden('project.json', `${JSON.stringify(JSON.parse(portable), null, 2)}\n`);
    });

    it('lints a folder outside the current one with the default configuration anchored there', withTempDir(async (dir) => {
      const app = path.join(dir, 'app');
      mkdirSync(path.join(app, 'src', 'ai'), { recursive: true });
      const code = "import OpenAI from 'openai';\n\nexport const client = new OpenAI();\n";
      writeFileSync(path.join(app, 'src', 'client.ts'), code);
      writeFileSync(path.join(app, 'src', 'ai', 'index.ts'), code); // the default seam: silent
      const elsewhere = path.join(dir, 'elsewhere');
      mkdirSync(elsewhere);
      const fromOutside = await jsonReport([app], elsewhere);
      const fromInside = await jsonReport([], app);
      assert.deepEqual(ruleIdsIn(fromOutside), ['vendor-import', 'vendor-client']);
      assert.deepEqual(ruleIdsIn(fromOutside), ruleIdsIn(fromInside));
    }));

    it('writes the report to --output-file, creating folders, and nothing to stdout', withTempDir(async (dir) => {
      const file = path.join(dir, 'reports', 'ci', 'aidlint.json');
      const toStdout = await runCli(['-f', 'json'], PROJECT);
      const toFile = await runCli(['-f', 'json', '-o', file], PROJECT);
      assert.equal(toFile.exitCode, toStdout.exitCode);
      assert.equal(toFile.stdout, '');
      assert.equal(readFileSync(file, 'utf8'), toStdout.stdout);
    }));

    it('colours stylish output for a terminal unless NO_COLOR or --no-color says otherwise', async () => {
      const coloured = await runCli([], PROJECT, { isTTY: true });
      assert.notEqual(stripVTControlCharacters(coloured.stdout), coloured.stdout);
      assert.equal(stripVTControlCharacters(coloured.stdout), readFileSync(path.join(GOLDEN, 'project.stylish.txt'), 'utf8'));
      for (const [argv, overrides] of [
        [[], { isTTY: true, env: { NO_COLOR: '1' } }],
        [['--no-color'], { isTTY: true }],
        [[], { isTTY: false }],
      ] as const) {
        const run = await runCli([...argv], PROJECT, overrides);
        assert.equal(stripVTControlCharacters(run.stdout), run.stdout, JSON.stringify({ argv, overrides }));
      }
      const forced = await runCli(['--color'], PROJECT, { isTTY: false });
      assert.notEqual(stripVTControlCharacters(forced.stdout), forced.stdout);
    });

    it('never colours a report written to a file unless --color asks', withTempDir(async (dir) => {
      const file = path.join(dir, 'report.txt');
      await runCli(['-o', file], PROJECT, { isTTY: true });
      const text = readFileSync(file, 'utf8');
      assert.notEqual(text, '');
      assert.equal(stripVTControlCharacters(text), text);
    }));
  });

  describe('exit codes', () => {
    it('exits 0 and prints nothing for a clean file', async () => {
      assert.deepEqual(await runCli(['src/clean.ts'], PROJECT), { exitCode: 0, stdout: '', stderr: '' });
    });

    it('exits 0 when there are warnings but no errors', async () => {
      const run = await runCli([], PROJECT);
      assert.equal(run.exitCode, 0);
      assert.match(run.stdout, /^✖ \d+ problems? \(0 errors, [1-9]\d* warnings?, \d+ infos?\)$/m);
    });

    it('exits 1 when a rule reports an error (--rule raises a rule to error)', async () => {
      const run = await runCli(['--rule', 'hardcoded-model:error'], PROJECT);
      assert.equal(run.exitCode, 1);
      assert.match(run.stdout, /error .*hardcoded-model$/m);
    });

    it('exits 1 with more warnings than --max-warnings allows, 0 at the limit', async () => {
      const warnings = (await jsonReport([])).reduce((sum, result) => sum + result.warningCount, 0);
      assert.ok(warnings > 0, 'the fixture project has warnings');
      const over = await runCli(['--max-warnings', String(warnings - 1)], PROJECT);
      assert.equal(over.exitCode, 1);
      assert.match(over.stderr, new RegExp(`too many warnings \\(maximum: ${warnings - 1}\\)`));
      assert.equal((await runCli(['--max-warnings', String(warnings)], PROJECT)).exitCode, 0);
    });

    it('still counts warnings hidden by --quiet against --max-warnings', async () => {
      const run = await runCli(['--quiet', '--max-warnings', '0'], PROJECT);
      assert.equal(run.exitCode, 1);
      assert.equal(run.stdout, '');
    });

    it('exits 2 and prints file:line:column for a broken config', async () => {
      const run = await runCli([], BAD_CONFIG);
      assert.equal(run.exitCode, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, new RegExp(`^${escapeRegExp(path.join(BAD_CONFIG, 'aidlint.json'))}:3:5: .*no-such-rule`, 'm'));
    });

    it('exits 2 for an unknown option, with a pointer to --help', async () => {
      const run = await runCli(['--no-such-option'], PROJECT);
      assert.equal(run.exitCode, 2);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, "aidlint: Unknown option '--no-such-option'.\nRun 'aidlint --help' for usage.\n");
    });

    it('exits 2 for a path that does not exist', async () => {
      const run = await runCli(['src/missing.ts'], PROJECT);
      assert.equal(run.exitCode, 2);
      assert.match(run.stderr, /No such file or folder: src\/missing\.ts/);
    });
  });

  describe('rule selection', () => {
    it('--quiet shows errors only', async () => {
      assert.equal((await runCli(['--quiet'], PROJECT)).stdout, '');
      const all = ruleIdsIn(await jsonReport(['--rule', 'hardcoded-model:error']));
      const quiet = await jsonReport(['--quiet', '--rule', 'hardcoded-model:error']);
      const models = all.filter((id) => id === 'hardcoded-model').length;
      assert.ok(models > 0 && all.length > models, 'the fixture has model literals and other findings');
      assert.deepEqual(ruleIdsIn(quiet), Array(models).fill('hardcoded-model'));
    });

    it('--rule id:off silences a rule', async () => {
      assert.ok(ruleIdsIn(await jsonReport([])).includes('vendor-import'));
      assert.ok(!ruleIdsIn(await jsonReport(['--rule', 'vendor-import:off'])).includes('vendor-import'));
    });

    it('--config uses the given file (strict turns vendor-env on)', async () => {
      assert.ok(!ruleIdsIn(await jsonReport([])).includes('vendor-env'));
      const strict = await jsonReport(['--config', path.join('..', 'configs', 'strict.json')]);
      assert.ok(ruleIdsIn(strict).includes('vendor-env'));
    });
  });

  describe('sharding', () => {
    it('--shard I/N splits the files: the shards are disjoint and together equal the full run', async () => {
      const full = await jsonReport([]);
      const shards = [await jsonReport(['--shard', '1/2']), await jsonReport(['--shard', '2/2'])];
      const files = (report: JsonResult[]) => report.map((result) => result.filePath);
      assert.ok(shards.every((shard) => shard.length > 0), 'each shard lints some files');
      assert.deepEqual([...files(shards[0]), ...files(shards[1])].sort(), files(full).sort());
      assert.deepEqual(shards.flat().sort((a, b) => a.filePath.localeCompare(b.filePath)), [...full].sort((a, b) => a.filePath.localeCompare(b.filePath)));
    });

    it('rejects a malformed --shard with exit code 2', async () => {
      for (const bad of ['0/2', '3/2', '1', 'a/b']) {
        const run = await runCli(['--shard', bad], PROJECT);
        assert.equal(run.exitCode, 2, bad);
        assert.match(run.stderr, /--shard needs I\/N/);
      }
    });
  });

  describe('--fix across files', () => {
    const ask = `import { openai } from './client';

export async function ask(question: string) {
  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
}
`;
    const write = (dir: string, files: Record<string, string>) => {
      for (const [name, text] of Object.entries({
        'package.json': '{ "private": true, "dependencies": { "openai": "6.49.0" } }\n',
        'tsconfig.json': '{ "compilerOptions": { "module": "commonjs", "strict": true } }\n',
        'src/lib/client.ts': "import OpenAI from 'openai';\n\nexport const openai = new OpenAI();\n",
        'src/lib/ask.ts': ask,
        ...files,
      })) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
    };

    it('given one file, still rewrites the callers of its function in the rest of the project', withTempDir(async (dir) => {
      const show = "import { ask } from '../lib/ask';\n\nexport async function show(): Promise<string> {\n  return (await ask('hi')).choices[0].message.content ?? '';\n}\n";
      write(dir, { 'src/routes/show.ts': show });
      const run = await runCli(['--fix', 'src/lib/ask.ts'], dir);
      assert.equal(run.exitCode, 0, run.stderr);
      assert.match(readFileSync(path.join(dir, 'src/lib/ask.ts'), 'utf8'), /return chatModel\('gpt4oMini'\)\.complete\(/);
      assert.equal(readFileSync(path.join(dir, 'src/routes/show.ts'), 'utf8'), show.replace('.choices[0].message.content', '.text'));
    }));

    it('a caller whose file has fixes of its own: the caller is rewritten first, then its own call is wrapped', withTempDir(async (dir) => {
      const show = [
        "import { ask } from '../lib/ask';",
        "import { openai } from '../lib/client';",
        '',
        'export async function show(): Promise<string | null> {',
        "  const first = await ask('hi');",
        "  const second = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: first.choices[0].message.content ?? '' }] });",
        '  return second.choices[0].message.content;',
        '}',
        '',
      ].join('\n');
      write(dir, { 'src/routes/show.ts': show });
      const run = await runCli(['--fix', '.'], dir);
      assert.equal(run.exitCode, 0, run.stderr);
      assert.equal(
        readFileSync(path.join(dir, 'src/routes/show.ts'), 'utf8'),
        [
          "import { ask } from '../lib/ask';",
          "import { chatModel } from '../ai';",
          '',
          'export async function show(): Promise<string | null> {',
          "  const first = await ask('hi');",
          "  const second = await chatModel('gpt4o').complete({ messages: [{ role: 'user', content: first.text ?? '' }] });",
          '  return second.text;',
          '}',
          '',
        ].join('\n'),
      );
    }));
  });

  describe('other commands', () => {
    it('--print-config prints the configuration for a file as JSON, with --rule applied', async () => {
      const plain = await runCli(['--print-config', 'src/app.ts'], PROJECT);
      const raised = await runCli(['--print-config', 'src/app.ts', '--rule', 'vendor-env:error'], PROJECT);
      assert.equal(plain.exitCode, 0);
      assert.deepEqual(Object.keys(JSON.parse(plain.stdout)), Object.keys(JSON.parse(raised.stdout)));
      assert.notEqual(raised.stdout, plain.stdout);
      assert.match(raised.stdout, /"vendor-env"[^}]*"error"/);
    });

    it('--print-config exits 2 on a broken config', async () => {
      const run = await runCli(['--print-config', 'src/app.ts'], BAD_CONFIG);
      assert.equal(run.exitCode, 2);
      assert.match(run.stderr, /aidlint\.json:3:5: /);
    });

    it('--init writes a valid aidlint.json and refuses to overwrite it', withTempDir(async (dir) => {
      const file = path.join(dir, 'aidlint.json');
      const created = await runCli(['--init'], dir);
      assert.equal(created.exitCode, 0);
      assert.equal(readFileSync(file, 'utf8'), initialConfigText());
      assert.deepEqual(parseConfigText(file, readFileSync(file, 'utf8')).problems, []);

      writeFileSync(file, '{ "root": true }\n');
      const again = await runCli(['--init'], dir);
      assert.equal(again.exitCode, 2);
      assert.match(again.stderr, /already exists/);
      assert.equal(readFileSync(file, 'utf8'), '{ "root": true }\n');
    }));

    it('--version prints the package version and --help the usage', async () => {
      const { version } = JSON.parse(readFileSync(path.join(FIXTURES, '..', '..', '..', 'package.json'), 'utf8'));
      assert.deepEqual(await runCli(['--version'], PROJECT), { exitCode: 0, stdout: `${version}\n`, stderr: '' });
      const help = await runCli(['--help'], PROJECT);
      assert.equal(help.exitCode, 0);
      assert.match(help.stdout, /^Usage: aidlint \[paths…\]/);
      assert.match(help.stdout, /--max-warnings N/);
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
