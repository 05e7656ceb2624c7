/** The built-in presets, derived from each rule's `meta.presets` so a rule states its own severities once. */
import { rules, ruleIds } from '../definitions/index';
import type { RuleId, SeveritySetting } from '../engine/types';

export type PresetName = 'recommended' | 'strict';

export const PRESET_NAMES: readonly PresetName[] = ['recommended', 'strict'];

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

export function presetSeverities(name: PresetName): Record<RuleId, SeveritySetting> {
  return Object.fromEntries(ruleIds.map((id) => [id, rules[id].meta.presets[name]])) as Record<RuleId, SeveritySetting>;
}
