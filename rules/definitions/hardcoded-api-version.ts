import { defineRule, usesAsRelated } from '../engine/rule';

export default defineRule<Record<string, never>, 'apiVersion'>({
  meta: {
    id: 'hardcoded-api-version',
    docs: { description: 'An Azure OpenAI `apiVersion` / `api-version=` literal.' },
    defaultSeverity: 'info',
    presets: { recommended: 'info', strict: 'warning' },
    fixable: true,
    appliesInSeam: false,
    requiresSuppressionReason: false,
    messages: {
      apiVersion: "Azure OpenAI API version '{{value}}' is hard-coded; move it to the seam's configuration.",
    },
    defaultOptions: {},
  },
  create(context) {
    return {
      'api-version-literal'(fact) {
        context.report({ span: fact.span, messageId: 'apiVersion', data: { value: fact.value }, related: usesAsRelated(fact.uses) });
      },
    };
  },
});
