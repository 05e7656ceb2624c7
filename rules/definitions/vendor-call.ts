import { defineRule } from '../engine/rule';
import { vendorLabel } from '../vendors/table';
import { vendorOnlyProduct } from '../vendors/wrap-table';

export default defineRule<Record<string, never>, 'call' | 'callViaModule' | 'vendorOnly'>({
  meta: {
    id: 'vendor-call',
    docs: { description: 'A call to a vendor AI API through a vendor SDK client, outside the seam.' },
    defaultSeverity: 'warning',
    presets: { recommended: 'warning', strict: 'error' },
    fixable: true,
    appliesInSeam: false,
    requiresSuppressionReason: false,
    messages: {
      call: "Calls {{vendor}} '{{method}}' directly through an {{client}} client; wrap it behind the provider-neutral interface.",
      callViaModule:
        "Calls {{vendor}} '{{method}}' through the {{client}} client from '{{module}}'; wrap it behind the provider-neutral interface.",
      vendorOnly:
        "Calls {{vendor}} '{{method}}' ({{product}}), which only {{vendor}} offers: no provider-neutral equivalent, a lock-in the seam cannot take away.",
    },
    defaultOptions: {},
  },
  create(context) {
    return {
      'vendor-call'(fact) {
        const product = vendorOnlyProduct(fact.client, fact.method);
        context.report({
          span: fact.span,
          messageId: product ? 'vendorOnly' : fact.viaModule ? 'callViaModule' : 'call',
          data: {
            vendor: vendorLabel(fact.vendor),
            method: fact.method,
            client: fact.client,
            module: fact.viaModule ?? '',
            ...(product && { product }),
          },
        });
      },
    };
  },
});
