import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ConfigResolver } from '../../rules/config/resolve';
import { lintFile } from '../../rules/engine/lint-file';
import { NestingTooDeepError } from '../../rules/engine/parse';
import type { LintMessage } from '../../rules/engine/types';
import { WorkspaceIndex } from '../../rules/engine/workspace-index';
import { makeTempDir, removeTempDir } from '../files/temp';
import { lintProject, PROJECT_ROOT } from '../rule-tester';
import { briefResults, scanFolder, writeFiles } from '../scan/workspace';

const MIB = 1024 * 1024;

/** Rule (or notice) and the exact text each message covers. */
function covered(messages: LintMessage[], text: string): Array<[string, string]> {
  return messages.map((message) => [message.ruleId ?? message.notice ?? 'notice', text.slice(message.offset.start, message.offset.end)]);
}

/** lintFile over an in-memory project (absolute path → text) sharing one index; `readFile` is the index's reader. */
function memoryProject(files: Map<string, string>, readFile = (filePath: string) => files.get(filePath)) {
  const configs = new ConfigResolver({ workspaceRoot: PROJECT_ROOT, readFile: (filePath) => files.get(filePath) });
  const index = new WorkspaceIndex({ readFile, fileExists: (filePath) => files.has(filePath), configuredHosts: () => [] });
  return {
    lint: (relative: string, text: string) => {
      const filePath = path.join(PROJECT_ROOT, relative);
      return lintFile({ filePath, text, config: configs.configFor(filePath), index });
    },
  };
}

describe('engine robustness', () => {
  describe('syntax errors', () => {
    it('reports findings before and after the error, and one info notice where the error is', () => {
      const code = [
        "import OpenAI from 'openai';",
        'const client = new OpenAI();',
        'const settings = { retries: 3,, };',
        "export const url = 'https://api.openai.com/v1';",
        "client.chat.completions.create({ model: 'gpt-4o' });",
      ].join('\n');
      const { messages, text } = lintProject({ code });
      assert.deepEqual(covered(messages, text), [
        ['syntax-error', ','],
        ['vendor-import', "'openai'"],
        ['vendor-client', 'OpenAI'],
        ['hardcoded-endpoint', "'https://api.openai.com/v1'"],
        ['vendor-call', 'client.chat.completions.create'],
        ['hardcoded-model', "'gpt-4o'"],
      ]);
      const notice = messages[0];
      assert.equal(notice.severity, 'info');
      assert.equal(notice.ruleId, null);
      assert.deepEqual(notice.range, { start: { line: 2, character: 30 }, end: { line: 2, character: 31 } });
      assert.match(notice.message, /Property assignment expected/);
    });

    it('gives one notice for the first of several errors', () => {
      const code = "import OpenAI from 'openai';\nconst a = ;\nconst b = );\nlet 1x = 2;\nexport const client = new OpenAI();\n";
      const { messages, text } = lintProject({ code });
      assert.deepEqual(covered(messages, text), [
        ['syntax-error', ';'],
        ['vendor-import', "'openai'"],
        ['vendor-client', 'OpenAI'],
      ]);
      assert.deepEqual(messages[0].range.start, { line: 1, character: 10 });
    });

    it('survives a file that ends inside an unterminated template literal', () => {
      const code = "import OpenAI from 'openai';\nconst s = `unterminated ${ new OpenAI(\n";
      const { messages, text } = lintProject({ code });
      assert.deepEqual(covered(messages, text), [
        ['syntax-error', ''],
        ['vendor-import', "'openai'"],
        ['vendor-client', 'OpenAI'],
      ]);
      assert.deepEqual(messages[0].range.start, { line: 2, character: 0 }, 'at the end of the text');
    });
  });

  describe('nesting 50,000 deep', () => {
    const DEPTH = 50_000;
    // The endpoint makes every literal of the file worth checking for a host, as in a real bundle.
    const HEAD = "import OpenAI from 'openai';\nconst c = new OpenAI({ baseURL: 'https://api.openai.com/v1' });\nconst r = ";
    const CALL = "c.chat.completions.create({ model: 'gpt-4o' })";
    /** Far above the ~1.5 s these take once linear; only a hang or quadratic work reaches it. */
    const BUDGET_MS = 30_000;

    const shapes: Record<string, string> = {
      parentheses: '('.repeat(DEPTH) + CALL + ')'.repeat(DEPTH),
      arrays: '['.repeat(DEPTH) + CALL + ']'.repeat(DEPTH),
      calls: 'wrap('.repeat(DEPTH) + CALL + ')'.repeat(DEPTH),
      // Generated code concatenates long lists of strings; each `+` nests the tree one level deeper.
      'string concatenation': "'x' + ".repeat(DEPTH) + CALL,
      'template literals': '`${'.repeat(DEPTH) + CALL + '}`'.repeat(DEPTH),
    };

    /**
     * lintFile in a fresh process with the default stack, as the CLI runs it. A child process, so a case
     * that takes minutes is stopped at the budget instead of holding the test run (and its worker) hostage.
     */
    function lintInChildProcess(text: string): LintMessage[] {
      const script = `
        const { ConfigResolver } = require(${JSON.stringify(require.resolve('../../rules/config/resolve'))});
        const { lintFile } = require(${JSON.stringify(require.resolve('../../rules/engine/lint-file'))});
        const { WorkspaceIndex } = require(${JSON.stringify(require.resolve('../../rules/engine/workspace-index'))});
        const [root, filePath] = process.argv.slice(1);
        const configs = new ConfigResolver({ workspaceRoot: root, readFile: () => undefined });
        const index = new WorkspaceIndex({ readFile: () => undefined, fileExists: () => false, configuredHosts: () => [] });
        const text = require('node:fs').readFileSync(0, 'utf8');
        lintFile({ filePath, text, config: configs.configFor(filePath), index }).then((messages) => process.stdout.write(JSON.stringify(messages)));`;
      const filePath = path.join(PROJECT_ROOT, 'src/app/deep.ts');
      try {
        const output = execFileSync(process.execPath, ['-e', script, PROJECT_ROOT, filePath], {
          input: text,
          encoding: 'utf8',
          timeout: BUDGET_MS,
          maxBuffer: 64 * MIB,
        });
        return JSON.parse(output) as LintMessage[];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new Error(`linting did not finish within ${BUDGET_MS / 1000} s`);
        throw error;
      }
    }

    it('is too deep for the default stack (so the cases below exercise the retry on a large stack)', () => {
      assert.throws(() => lintProject({ code: HEAD + shapes.parentheses + ';\n' }), NestingTooDeepError);
    });

    for (const [shape, nested] of Object.entries(shapes)) {
      it(`reports the vendor call inside ${DEPTH.toLocaleString('en-US')} nested ${shape}`, function () {
        this.timeout(BUDGET_MS + 10_000);
        const text = HEAD + nested + ';\n';
        const messages = lintInChildProcess(text);
        assert.deepEqual(covered(messages, text), [
          ['vendor-import', "'openai'"],
          ['vendor-client', 'OpenAI'],
          ['hardcoded-endpoint', "'https://api.openai.com/v1'"],
          ['vendor-call', 'c.chat.completions.create'],
          ['hardcoded-model', "'gpt-4o'"],
        ]);
        const call = messages[3];
        assert.deepEqual(call.range.start, { line: 2, character: text.indexOf(CALL) - HEAD.lastIndexOf('\n') - 1 });
      });
    }
  });

  describe('a minified multi-megabyte bundle on one line', () => {
    let bundle: string;
    let root: string;
    before(() => (bundle = minifiedBundle(3 * MIB)));
    beforeEach(() => {
      root = makeTempDir();
      writeFiles(root, {
        'static/js/app.min.js': bundle,
        'src/app/chat.ts': "import OpenAI from 'openai';\nexport const client = new OpenAI();\n",
      });
    });
    afterEach(() => removeTempDir(root));

    const VENDOR_FINDINGS = [
      ['vendor-import', '"openai"'],
      ['vendor-client', 'oa.OpenAI'],
      ['vendor-call', 'cl.chat.completions.create'],
      ['hardcoded-model', '"gpt-4o"'],
    ];

    it('is skipped by a scan with one info notice under the default 1,024 KB limit', async () => {
      const scanned = await scanFolder(root);
      assert.deepEqual(briefResults(root, scanned), {
        'src/app/chat.ts': ['vendor-import 1:20', 'vendor-client 2:27'],
        'static/js/app.min.js': ['skipped-large'],
      });
      const [notice] = scanned.results[1].messages;
      assert.equal(notice.severity, 'info');
      assert.equal(notice.message, '3 MB is larger than the 1 MB limit (maxFileSizeKB); skipped');
    });

    // Mocha prints this test's duration: the time to read and lint the bundle (not asserted).
    it('is linted by a scan when maxFileSizeKB allows it, with exact positions on its one line', async function () {
      this.timeout(120_000);
      writeFiles(root, { 'aidlint.json': JSON.stringify({ maxFileSizeKB: 8192 }) });
      const scanned = await scanFolder(root);
      const { messages } = scanned.results.find((result) => result.filePath.endsWith('app.min.js'))!;
      assert.deepEqual(covered(messages, bundle), VENDOR_FINDINGS);
      for (const message of messages) assert.deepEqual(message.range.start, { line: 0, character: message.offset.start });
      assert.deepEqual(briefResults(root, scanned)['src/app/chat.ts'], ['vendor-import 1:20', 'vendor-client 2:27']);
    });

    it('is linted by lintFile, which has no size limit of its own', async function () {
      this.timeout(120_000);
      const { lint } = memoryProject(new Map());
      assert.deepEqual(covered(await lint('static/js/app.min.js', bundle), bundle), VENDOR_FINDINGS);
    });
  });

  describe('an analysis that throws', () => {
    const at = (relative: string) => path.join(PROJECT_ROOT, relative);
    const KEY = 'sk-proj-Ab12Cd34Ef56Gh78Ij90KlMn';
    const files = new Map([
      [at('src/lib/llm.ts'), "import OpenAI from 'openai';\nexport const llm = new OpenAI();\n"],
      [at('src/lib/broken.ts'), 'export const llm = null;\n'],
    ]);
    // A network drive failing mid-read, say; the error text carries a key to prove it is redacted.
    const readFile = (filePath: string) => {
      if (filePath === at('src/lib/broken.ts')) throw new Error(`EIO: i/o error, read (while loading ${KEY})`);
      return files.get(filePath);
    };
    const route = (from: string) => `import { llm } from '${from}';\nexport const ask = () => llm.chat.completions.create({ model: 'gpt-4o' });\n`;

    it('becomes one analysis-failed notice for that file, with the reason and any key redacted', async () => {
      const { lint } = memoryProject(files, readFile);
      const messages = await lint('src/routes/broken.ts', route('../lib/broken'));
      assert.deepEqual(covered(messages, ''), [['analysis-failed', '']]);
      assert.equal(messages[0].severity, 'warning');
      assert.match(messages[0].message, /EIO: i\/o error/);
      assert.ok(!messages[0].message.includes(KEY), messages[0].message);
      assert.match(messages[0].message, /sk-proj-…KlMn/);
    });

    it('leaves other files linted with the same index untouched', async () => {
      const { lint } = memoryProject(files, readFile);
      await lint('src/routes/broken.ts', route('../lib/broken'));
      const text = route('../lib/llm');
      assert.deepEqual(covered(await lint('src/routes/ask.ts', text), text), [
        ['vendor-call', 'llm.chat.completions.create'],
        ['hardcoded-model', "'gpt-4o'"],
      ]);
    });

    // The editor lints the same text again on save, or when another file changes.
    for (const [kind, text] of [
      ['a route', route('../lib/broken')],
      ['a file naming the vendor', `import OpenAI from 'openai';\n${route('../lib/broken')}`],
    ]) {
      it(`is reported again when ${kind} is linted again, not remembered as clean`, async () => {
        const { lint } = memoryProject(files, readFile);
        const first = await lint('src/routes/broken.ts', text);
        assert.equal(first.at(-1)?.notice, 'analysis-failed');
        assert.deepEqual(await lint('src/routes/broken.ts', text), first);
      });
    }
  });
});

/**
 * A bundle as minifiers emit it: one line of module wrappers, short names, `!0` and `void 0`, with the one
 * module that uses the SDK (kept as an external `require`, as bundlers do for server code) in the middle.
 */
function minifiedBundle(bytes: number): string {
  const chunk = (i: number) =>
    `${i}:function(e,t,n){"use strict";var r=n(${i + 1}),o=r&&r.__esModule?r:{default:r};function a${i}(s,c){for(var u=0,l=[];u<s.length;u++)l.push(c(s[u],u));return l}` +
    `t.default={name:"module-${i}",run:function(s){return a${i}(s,function(c,u){return o.default(c)+u*${i % 97}})},label:\`item \${e.id}-${i}\`,flags:[!0,!1,null,void 0,${i}e3]}},`;
  const vendorModule =
    'openai:function(e,t){"use strict";var oa=require("openai"),cl=new oa.OpenAI({apiKey:process.env.K});' +
    't.ask=function(q){return cl.chat.completions.create({model:"gpt-4o",messages:[{role:"user",content:q}]})}},';
  const parts = ['!function(m){var c={};function n(i){if(c[i])return c[i].exports;var e=c[i]={exports:{}};return m[i].call(e.exports,e,e.exports,n),e.exports}n(0)}({'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    let next = chunk(i);
    if (size < bytes / 2 && size + next.length >= bytes / 2) next += vendorModule;
    parts.push(next);
    size += next.length;
  }
  parts.push('});');
  return parts.join('');
}
