import { defineRule, usesAsRelated } from '../engine/rule';
import { vendorLabel } from '../vendors/table';

export interface HardcodedModelOptions {
  /** Model names that may be written inline (exact match). */
  ignore: string[];
}

export default defineRule<HardcodedModelOptions, 'model'>({
  meta: {
    id: 'hardcoded-model',
    docs: {
      description: 'A model or deployment name literal that reaches a vendor call, constructor or factory.',
    },
    defaultSeverity: 'warning',
    presets: { recommended: 'warning', strict: 'error' },
    fixable: true,
    appliesInSeam: false,
    requiresSuppressionReason: false,
    messages: {
      model: "Model '{{value}}' is hard-coded ({{slot}}) for {{vendor}}; move it to the seam's configuration.",
    },
    defaultOptions: { ignore: [] },
  },
  create(context) {
    const ignored = new Set(context.options.ignore);
    return {
      'model-literal'(fact) {
        if (ignored.has(fact.value)) return;
        context.report({
          span: fact.span,
          messageId: 'model',
          data: { value: fact.value, slot: fact.slot, vendor: vendorLabel(fact.vendor) },
          related: usesAsRelated(fact.uses),
        });
      },
    };
  },
});
