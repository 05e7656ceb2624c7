/**
 * Import cycles: a module asked about while it is being analysed answers a placeholder; what used a
 * wrong placeholder is computed again, what used a right one stands. The findings of a project must not
 * depend on the order its files are analysed in (a scan's walk order, an editor's open order).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ConfigResolver } from '../../rules/config/resolve';
import { CycleGuard } from '../../rules/engine/cycle-guard';
import { lintTextSync } from '../../rules/engine/lint-file';
import { WorkspaceIndex } from '../../rules/engine/workspace-index';

describe('CycleGuard', () => {
  /** A guard whose forgotten keys are collected. */
  function guard(): { cycles: CycleGuard; forgotten: string[] } {
    const forgotten: string[] = [];
    return { cycles: new CycleGuard((key) => forgotten.push(key)), forgotten };
  }
  const store = () => undefined;

  it('keeps what used a placeholder that proved right, and forgets what used a wrong one', () => {
    for (const realAnswer of [false, true]) {
      const { cycles, forgotten } = guard();
      cycles.run('barrel', () => cycles.run('module', () => cycles.ask('barrel', 'exports', () => realAnswer), store), store);
      assert.deepEqual(forgotten, realAnswer ? ['module'] : []);
    }
  });

  it('asks nothing of a key that is not being computed', () => {
    const { cycles } = guard();
    assert.equal(cycles.ask('barrel', 'exports', () => true), false);
  });

  it('forgets a result that used the vendor exports of a provisional result, not one that used only its literals', () => {
    const { cycles, forgotten } = guard();
    cycles.run(
      'barrel',
      () => {
        cycles.run('module', () => cycles.ask('barrel', 'exports', () => true), store);
        cycles.run('uses-exports', () => cycles.used('module', 'exports'), store);
        cycles.run('uses-literals', () => cycles.used('module', 'literals'), store);
      },
      store,
    );
    assert.deepEqual(forgotten.sort(), ['module', 'uses-exports']);
  });

  it('passes a right placeholder of a provisional result on to what that result waits for', () => {
    for (const outerAnswer of [false, true]) {
      const { cycles, forgotten } = guard();
      const inner = () => {
        cycles.ask('outer', 'exports', () => outerAnswer);
        // Right about `inner`, whose own answer waits for `outer`.
        cycles.run('module', () => cycles.ask('inner', 'exports', () => false), store);
      };
      cycles.run('outer', () => cycles.run('inner', inner, store), store);
      assert.deepEqual(forgotten.sort(), outerAnswer ? ['inner', 'module'] : []);
    }
  });

  it('forgets what waited for a computation that failed', () => {
    const { cycles, forgotten } = guard();
    assert.throws(() =>
      cycles.run(
        'barrel',
        () => {
          cycles.run('module', () => cycles.ask('barrel', 'exports', () => false), store);
          throw new Error('unreadable');
        },
        store,
      ),
    );
    assert.deepEqual(forgotten, ['module']);
  });
});

describe('import cycles in the workspace index', () => {
  const ROOT = path.resolve('/virtual/cycles');
  // A barrel that re-exports a client factory and the modules that import the factory through it.
  const files: Record<string, string> = {
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["./src/*"] } } }',
    'src/api/index.ts': "export { verifyKey } from './verify';\nexport { listModels } from './models';\nexport { createClient } from './client';\nexport const label = 'api';\n",
    'src/api/client.ts': "import OpenAI from 'openai';\nimport { label } from '@app/api';\nexport async function createClient(): Promise<OpenAI> { return new OpenAI({ defaultHeaders: { 'x-app': label } }); }\n",
    'src/api/verify.ts': "import { createClient } from '@app/api';\nexport async function verifyKey() { const openai = await createClient(); return openai.models.list(); }\n",
    'src/api/models.ts': "import { createClient, label } from '@app/api';\nexport async function listModels() { const client = await createClient(); console.log(label); return client.models.list(); }\n",
    'src/app.ts': "import { listModels, verifyKey } from './api';\nexport const start = () => Promise.all([verifyKey(), listModels()]);\n",
  };
  const sources = Object.keys(files).filter((name) => name.endsWith('.ts'));

  /** vendor-call findings (`file:line`) of every file, after analysing the files in `order` with one index. */
  function findingsAfter(order: string[]): string[] {
    const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
    const configs = new ConfigResolver({ workspaceRoot: ROOT, readFile: (file) => texts.get(file) });
    const index = new WorkspaceIndex({ readFile: (file) => texts.get(file), fileExists: (file) => texts.has(file), configuredHosts: () => [] });
    for (const name of order) if (index.needsAnalysis(path.join(ROOT, name))) index.analysis(path.join(ROOT, name));
    return sources.flatMap((name) => {
      const filePath = path.join(ROOT, name);
      return lintTextSync({ filePath, text: texts.get(filePath)!, config: configs.configFor(filePath), index })
        .filter((message) => message.ruleId === 'vendor-call')
        .map((message) => `${name}:${message.range.start.line + 1}`);
    });
  }

  it('finds the calls through the factory whatever file is analysed first', () => {
    const expected = ['src/api/verify.ts:2', 'src/api/models.ts:2'];
    for (const first of sources) {
      const order = [first, ...sources.filter((name) => name !== first)];
      assert.deepEqual(findingsAfter(order), expected, `analysed first: ${first}`);
      assert.deepEqual(findingsAfter([...order].reverse()), expected, `analysed last: ${first}`);
    }
  });
});
