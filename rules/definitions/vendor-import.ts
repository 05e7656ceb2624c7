import { defineRule } from '../engine/rule';
import { vendorLabel } from '../vendors/table';

export interface VendorImportOptions {
  /** Type-only imports (`import type`) are not reported when true. */
  allowTypeImports: boolean;
}

export default defineRule<VendorImportOptions, 'import' | 'reExport'>({
  meta: {
    id: 'vendor-import',
    docs: { description: 'An import or require of a vendor AI SDK module outside the seam.' },
    defaultSeverity: 'warning',
    presets: { recommended: 'warning', strict: 'error' },
    fixable: false,
    appliesInSeam: false,
    requiresSuppressionReason: false,
    messages: {
      import: "'{{module}}' ({{vendor}}) is imported outside the seam; use the project's provider-neutral AI module instead.",
      reExport: "'{{module}}' ({{vendor}}) is re-exported outside the seam, which spreads the vendor SDK to every importer; export the provider-neutral AI module instead.",
    },
    defaultOptions: { allowTypeImports: false },
  },
  create(context) {
    return {
      'vendor-import'(fact) {
        if (fact.typeOnly && context.options.allowTypeImports) return;
        context.report({
          span: fact.span,
          messageId: fact.form === 're-export' ? 'reExport' : 'import',
          data: { module: fact.module, vendor: vendorLabel(fact.vendor) },
        });
      },
    };
  },
});
