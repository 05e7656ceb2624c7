import { defineRule } from '../engine/rule';
import { vendorLabel } from '../vendors/table';

export default defineRule<Record<string, never>, 'endpoint' | 'configured'>({
  meta: {
    id: 'hardcoded-endpoint',
    docs: { description: 'A vendor AI endpoint URL or host written as a literal.' },
    defaultSeverity: 'warning',
    presets: { recommended: 'warning', strict: 'error' },
    fixable: true,
    appliesInSeam: false,
    requiresSuppressionReason: false,
    messages: {
      endpoint: "Endpoint '{{host}}' ({{vendor}}) is hard-coded; read it from the seam's environment-backed configuration.",
      configured: "Endpoint '{{host}}' (listed in aidlint.json `endpoints`) is hard-coded; read it from configuration.",
    },
    defaultOptions: {},
  },
  create(context) {
    return {
      'endpoint-literal'(fact) {
        if (fact.vendor === 'configured') {
          context.report({ span: fact.span, messageId: 'configured', data: { host: fact.host } });
          return;
        }
        context.report({
          span: fact.span,
          messageId: 'endpoint',
          data: { host: fact.host, vendor: vendorLabel(fact.vendor) },
        });
      },
    };
  },
});
