import { defineRule } from '../engine/rule';
import { vendorLabel } from '../vendors/table';

export default defineRule<Record<string, never>, 'leak'>({
  meta: {
    id: 'vendor-type-leak',
    docs: { description: 'An exported declaration whose signature names a vendor SDK type, outside the seam.' },
    defaultSeverity: 'info',
    presets: { recommended: 'info', strict: 'warning' },
    fixable: false,
    appliesInSeam: false,
    requiresSuppressionReason: false,
    messages: {
      leak: "Exported '{{exportName}}' exposes the {{vendor}} type '{{typeName}}'; use the seam's neutral types in exported signatures.",
    },
    defaultOptions: {},
  },
  create(context) {
    return {
      'type-leak'(fact) {
        context.report({
          span: fact.span,
          messageId: 'leak',
          data: { exportName: fact.exportName, vendor: vendorLabel(fact.vendor), typeName: fact.typeName },
        });
      },
    };
  },
});
