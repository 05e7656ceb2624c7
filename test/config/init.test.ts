import * as assert from 'node:assert/strict';
import { initialConfigText } from '../../rules/config/init';
import { parseConfigText } from '../../rules/config/load';
import { ConfigResolver, describeConfig } from '../../rules/config/resolve';
import { WORKSPACE, at } from './helpers';

describe('config/init: initialConfigText', () => {
  const text = initialConfigText();

  it('parses cleanly, with comments, and names the schema, the preset, the seam and a rule', () => {
    const { config, problems } = parseConfigText(at('aidlint.json'), text);
    assert.deepEqual(problems, []);
    assert.match(text, /^\s*\/\//m, 'explains itself in comments');
    assert.match(String(config?.$schema), /^https:\/\/.+aidlint\.schema\.json$/);
    assert.equal(config?.extends, 'recommended');
    assert.deepEqual(config?.seam, ['src/ai/**']);
    assert.ok(Object.keys(config?.rules ?? {}).length > 0, 'has a rules example');
  });

  it('configures exactly the defaults, so creating it changes no result', () => {
    const withStarter = new ConfigResolver({
      workspaceRoot: WORKSPACE,
      readFile: (filePath) => (filePath === at('aidlint.json') ? text : undefined),
    }).configFor(at('src', 'index.ts'));
    const withNothing = new ConfigResolver({ workspaceRoot: WORKSPACE, readFile: () => undefined }).configFor(at('src', 'index.ts'));
    assert.deepEqual(withStarter.sources, [at('aidlint.json')]);
    assert.deepEqual(
      { ...describeConfig(withStarter, WORKSPACE), sources: [] },
      describeConfig(withNothing, WORKSPACE),
    );
  });
});
