/**
 * Static object shapes and URL fragments, following identifiers to their initializers, fallbacks
 * (`a ?? 'b'`), concatenations and templates. Whole literals with their origins: `literal-origins.ts`.
 */
import type * as TS from 'typescript';
import { isFallbackOperator, skipOuterExpressions } from './syntax';
import { typescript } from './parse';
import type { Scopes } from './scope';

export interface PropertyValue {
  name: string;
  value: TS.Expression;
}

const MAX_DEPTH = 8;

/** Stands for a piece of a URL that is not known statically (`https://${resource}.openai.azure.com`). */
export const UNKNOWN_FRAGMENT = '*';

export class StaticValues {
  private readonly ts = typescript();

  constructor(private readonly scopes: Scopes) {}

  /** Every literal text fragment a URL expression is built from (`BASE + '/chat'`, templates, `new URL`). */
  fragments(node: TS.Expression, depth = 0): string[] {
    const ts = this.ts;
    if (depth > MAX_DEPTH) return [UNKNOWN_FRAGMENT];
    const inner = skipOuterExpressions(node);
    if (ts.isStringLiteralLike(inner)) return [inner.text];
    if (ts.isTemplateExpression(inner)) {
      return [inner.head.text, ...inner.templateSpans.flatMap((span) => [...this.fragments(span.expression, depth + 1), span.literal.text])];
    }
    if (ts.isBinaryExpression(inner) && (inner.operatorToken.kind === ts.SyntaxKind.PlusToken || isFallbackOperator(inner.operatorToken.kind))) {
      return [...this.fragments(inner.left, depth + 1), ...this.fragments(inner.right, depth + 1)];
    }
    if (ts.isConditionalExpression(inner)) return [...this.fragments(inner.whenTrue, depth + 1), ...this.fragments(inner.whenFalse, depth + 1)];
    if (ts.isNewExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'URL') {
      return (inner.arguments ?? []).flatMap((argument) => this.fragments(argument, depth + 1));
    }
    const init = this.initializerOf(inner);
    const parts = init ? this.fragments(init, depth + 1) : [];
    // A variable holding '' is a blank to fill in (`const resourceName = ''; // your resource`): unknown.
    return parts.join('') ? parts : [UNKNOWN_FRAGMENT];
  }

  /** Properties of an object literal (directly or through a variable), spreads included. */
  properties(node: TS.Expression, depth = 0): PropertyValue[] {
    const ts = this.ts;
    if (depth > MAX_DEPTH) return [];
    const inner = skipOuterExpressions(node);
    if (!ts.isObjectLiteralExpression(inner)) {
      const init = this.initializerOf(inner);
      return init ? this.properties(init, depth + 1) : [];
    }
    const found: PropertyValue[] = [];
    for (const property of inner.properties) {
      if (ts.isPropertyAssignment(property)) {
        const name = propertyNameText(property.name);
        if (name !== undefined) found.push({ name, value: property.initializer });
      } else if (ts.isShorthandPropertyAssignment(property)) {
        found.push({ name: property.name.text, value: property.name });
      } else if (ts.isSpreadAssignment(property)) {
        found.push(...this.properties(property.expression, depth + 1));
      }
    }
    return found;
  }

  /** Initializer of a plain (non-destructured) variable an identifier refers to. */
  private initializerOf(node: TS.Expression): TS.Expression | undefined {
    if (!this.ts.isIdentifier(node)) return undefined;
    const binding = this.scopes.resolve(node);
    return binding && binding.kind === 'variable' && binding.path.length === 0 ? binding.init : undefined;
  }
}

export function propertyNameText(name: TS.PropertyName): string | undefined {
  const ts = typescript();
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}
