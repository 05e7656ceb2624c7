import * as assert from 'node:assert/strict';
import { isPresetName, presetSeverities } from '../../rules/config/presets';
import { rules, ruleIds } from '../../rules/definitions/index';
import type { RuleId, SeveritySetting } from '../../rules/engine/types';

/** The defaults of SPEC §2, written out independently of the rule definitions. */
const SPEC_RECOMMENDED: Record<RuleId, SeveritySetting> = {
  'vendor-import': 'warning',
  'vendor-client': 'warning',
  'vendor-call': 'warning',
  'vendor-rest-call': 'warning',
  'hardcoded-model': 'warning',
  'hardcoded-endpoint': 'warning',
  'hardcoded-api-version': 'info',
  'hardcoded-secret': 'error',
  'vendor-type-leak': 'info',
  'vendor-env': 'off',
};

describe('config/presets', () => {
  for (const name of ['recommended', 'strict'] as const) {
    it(`${name} takes every rule's severity from its meta.presets`, () => {
      const severities = presetSeverities(name);
      assert.deepEqual(Object.keys(severities).sort(), [...ruleIds].sort());
      for (const id of ruleIds) assert.equal(severities[id], rules[id].meta.presets[name], id);
    });
  }

  it('recommended matches the defaults of the specification', () => {
    assert.deepEqual(presetSeverities('recommended'), SPEC_RECOMMENDED);
  });

  it('strict turns vendor-env on and no rule down', () => {
    const rank: Record<SeveritySetting, number> = { off: 0, info: 1, warning: 2, error: 3 };
    const strict = presetSeverities('strict');
    assert.equal(strict['vendor-env'], 'info');
    for (const id of ruleIds) assert.ok(rank[strict[id]] >= rank[SPEC_RECOMMENDED[id]], id);
  });

  it('recognizes preset names only', () => {
    assert.deepEqual(['recommended', 'strict', 'Strict', './strict.json', ''].map(isPresetName), [true, true, false, false, false]);
  });
});
