import { defineRule } from '../engine/rule';
import { vendorLabel } from '../vendors/table';

export default defineRule<Record<string, never>, 'rest'>({
  meta: {
    id: 'vendor-rest-call',
    docs: { description: 'Raw HTTP (fetch, axios, got, ky, node:https) to a vendor AI endpoint.' },
    defaultSeverity: 'warning',
    presets: { recommended: 'warning', strict: 'error' },
    fixable: false,
    appliesInSeam: false,
    requiresSuppressionReason: false,
    messages: {
      rest: "Sends raw HTTP with {{library}} to {{vendor}} ({{host}}); route the request through the provider-neutral interface.",
    },
    defaultOptions: {},
  },
  create(context) {
    return {
      'rest-call'(fact) {
        context.report({
          span: fact.span,
          messageId: 'rest',
          data: { library: fact.library, vendor: vendorLabel(fact.vendor), host: fact.host },
        });
      },
    };
  },
});
