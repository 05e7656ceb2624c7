/** The rule registry: every rule aidlint ships, keyed by id. */
import type { Rule } from '../engine/rule';
import type { RuleId } from '../engine/types';
import hardcodedApiVersion from './hardcoded-api-version';
import hardcodedEndpoint from './hardcoded-endpoint';
import hardcodedModel from './hardcoded-model';
import hardcodedSecret from './hardcoded-secret';
import vendorCall from './vendor-call';
import vendorClient from './vendor-client';
import vendorEnv from './vendor-env';
import vendorImport from './vendor-import';
import vendorRestCall from './vendor-rest-call';
import vendorTypeLeak from './vendor-type-leak';

// Rules are generic in their option types; the registry stores them type-erased.
type AnyRule = Rule<any, string>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const rules: Record<RuleId, AnyRule> = {
  'vendor-import': vendorImport,
  'vendor-client': vendorClient,
  'vendor-call': vendorCall,
  'vendor-rest-call': vendorRestCall,
  'hardcoded-model': hardcodedModel,
  'hardcoded-endpoint': hardcodedEndpoint,
  'hardcoded-api-version': hardcodedApiVersion,
  'hardcoded-secret': hardcodedSecret,
  'vendor-type-leak': vendorTypeLeak,
  'vendor-env': vendorEnv,
};

export const ruleIds = Object.keys(rules) as RuleId[];

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(rules, id);
}
