/** The version a lockfile pins for a declared package: npm (v1 and v2/v3, nested and hoisted), yarn v1 and Berry, pnpm v5–v9. */
import * as assert from 'node:assert/strict';
import { lockedVersion } from '../../rules/report/packages';

const lock = (file: string, text: string) => ({ file: `/repo/${file}`, text });

describe('report: versions from lockfiles', () => {
  it('package-lock.json v3: the package folder\'s own node_modules before the hoisted one; v1 dependencies', () => {
    const v3 = lock('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/openai': { version: '6.49.0' }, 'packages/old/node_modules/openai': { version: '4.104.0' } } }, null, 2));
    assert.deepEqual(lockedVersion(v3, '', 'openai', '^6.0.0'), { version: '6.49.0', line: 4 });
    assert.deepEqual(lockedVersion(v3, 'packages/old', 'openai', '^4.0.0'), { version: '4.104.0', line: 7 });
    assert.equal(lockedVersion(v3, '', '@azure/openai', '1.0.0-beta.12'), undefined);
    const v1 = lock('package-lock.json', JSON.stringify({ lockfileVersion: 1, dependencies: { openai: { version: '3.3.0' } } }, null, 2));
    assert.equal(lockedVersion(v1, '', 'openai', '^3.2.0')?.version, '3.3.0');
    assert.equal(lockedVersion(lock('package-lock.json', '{ broken'), '', 'openai', '*'), undefined);
  });

  it('yarn.lock v1 and Berry: the entry whose descriptor holds the declared range', () => {
    const v1 = ['# yarn lockfile v1', '', 'openai@^3.0.0:', '  version "3.3.0"', '', 'openai@^4.0.0, openai@^4.20.0:', '  version "4.104.0"', '  resolved "https://registry.example/openai-4.104.0.tgz"', '', '"@azure/openai@1.0.0-beta.12":', '  version "1.0.0-beta.12"', ''].join('\n');
    assert.deepEqual(lockedVersion(lock('yarn.lock', v1), '', 'openai', '^4.20.0'), { version: '4.104.0', line: 6 });
    assert.deepEqual(lockedVersion(lock('yarn.lock', v1), '', 'openai', '^3.0.0'), { version: '3.3.0', line: 3 });
    assert.deepEqual(lockedVersion(lock('yarn.lock', v1), '', '@azure/openai', '1.0.0-beta.12'), { version: '1.0.0-beta.12', line: 10 });
    const berry = ['__metadata:', '  version: 8', '', '"openai@npm:^6.49.0":', '  version: 6.49.0', '  resolution: "openai@npm:6.49.0"', ''].join('\n');
    assert.deepEqual(lockedVersion(lock('yarn.lock', berry), '', 'openai', '^6.49.0'), { version: '6.49.0', line: 4 });
  });

  it('pnpm-lock.yaml: the importer of the package folder (v6–v9), or the top-level dependencies (v5), never the specifiers', () => {
    const v9 = [
      "lockfileVersion: '9.0'",
      '',
      'importers:',
      '',
      '  .:',
      '    dependencies:',
      '      openai:',
      '        specifier: ^6.49.0',
      '        version: 6.49.0(zod@3.25.76)',
      '',
      '  packages/old:',
      '    dependencies:',
      '      openai:',
      '        specifier: ^4.0.0',
      '        version: 4.104.0',
      '',
      'packages:',
      '',
      '  openai@6.49.0:',
      '    resolution: {integrity: sha512-x}',
    ].join('\n');
    assert.deepEqual(lockedVersion(lock('pnpm-lock.yaml', v9), '', 'openai', '^6.49.0'), { version: '6.49.0', line: 7 });
    assert.deepEqual(lockedVersion(lock('pnpm-lock.yaml', v9), 'packages/old', 'openai', '^4.0.0'), { version: '4.104.0', line: 13 });
    assert.equal(lockedVersion(lock('pnpm-lock.yaml', v9), 'packages/none', 'openai', '*'), undefined);
    const v5 = ['lockfileVersion: 5.4', '', 'specifiers:', '  openai: ^3.2.0', '', 'dependencies:', '  openai: 3.3.0', ''].join('\n');
    assert.deepEqual(lockedVersion(lock('pnpm-lock.yaml', v5), '', 'openai', '^3.2.0'), { version: '3.3.0', line: 7 });
  });
});
