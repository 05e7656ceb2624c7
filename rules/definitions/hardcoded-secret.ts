import { defineRule, usesAsRelated } from '../engine/rule';

export default defineRule<Record<string, never>, 'openaiKey' | 'azureKey'>({
  meta: {
    id: 'hardcoded-secret',
    docs: { description: 'An OpenAI or Azure OpenAI API key written in the code (checked inside the seam too).' },
    defaultSeverity: 'error',
    presets: { recommended: 'error', strict: 'error' },
    fixable: true,
    appliesInSeam: true,
    requiresSuppressionReason: true,
    messages: {
      openaiKey: 'OpenAI API key {{redacted}} is written in the code; revoke it and read it from an environment variable.',
      azureKey: 'Azure OpenAI API key {{redacted}} is written in the code; revoke it and read it from an environment variable.',
    },
    defaultOptions: {},
  },
  create(context) {
    return {
      'secret-literal'(fact) {
        context.report({
          span: fact.span,
          messageId: fact.keyKind === 'openai-key' ? 'openaiKey' : 'azureKey',
          data: { redacted: fact.redacted },
          related: usesAsRelated(fact.uses),
        });
      },
    };
  },
});
