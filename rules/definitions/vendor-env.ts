import { defineRule } from '../engine/rule';
import { vendorLabel } from '../vendors/table';

export default defineRule<Record<string, never>, 'env'>({
  meta: {
    id: 'vendor-env',
    docs: { description: 'A read of a vendor environment variable (`OPENAI_*`, `AZURE_OPENAI_*`), or of any variable that configures a vendor client, outside the seam.' },
    defaultSeverity: 'off',
    presets: { recommended: 'off', strict: 'info' },
    fixable: false,
    appliesInSeam: false,
    requiresSuppressionReason: false,
    messages: {
      env: "Reads {{vendor}} setting '{{name}}' outside the seam; let the seam's configuration read it.",
    },
    defaultOptions: {},
  },
  create(context) {
    return {
      'env-read'(fact) {
        context.report({ span: fact.span, messageId: 'env', data: { name: fact.name, vendor: vendorLabel(fact.vendor) } });
      },
    };
  },
});
