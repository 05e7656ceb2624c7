import { defineRule } from '../engine/rule';
import { vendorLabel } from '../vendors/table';

export default defineRule<Record<string, never>, 'client' | 'credential' | 'provider' | 'model'>({
  meta: {
    id: 'vendor-client',
    docs: { description: 'Construction of a vendor client, credential or provider factory outside the seam.' },
    defaultSeverity: 'warning',
    presets: { recommended: 'warning', strict: 'error' },
    fixable: true,
    appliesInSeam: false,
    requiresSuppressionReason: false,
    messages: {
      client: '{{name}} client ({{vendor}}) is constructed outside the seam; get a provider-neutral model from the seam\'s factory instead.',
      credential: '{{name}} ({{vendor}}) is created outside the seam; credentials belong in the seam\'s provider configuration.',
      provider: '{{name}} provider ({{vendor}}) is created outside the seam; create providers in the seam and expose neutral models.',
      model: '{{name}}(…) binds a model to {{vendor}} outside the seam; take the model from the seam\'s factory instead.',
    },
    defaultOptions: {},
  },
  create(context) {
    return {
      'client-construction'(fact) {
        context.report({
          span: fact.span,
          messageId: fact.role,
          data: { name: fact.name, vendor: vendorLabel(fact.vendor) },
        });
      },
    };
  },
});
