/** Small syntax helpers shared by the evaluator, the static-value readers and the fixes. */
import type * as TS from 'typescript';
import { typescript } from './parse';

/** Strips parentheses, `await`, `as`, `satisfies`, `!` and `<T>` casts. */
export function skipOuterExpressions(node: TS.Expression): TS.Expression {
  const ts = typescript();
  let current = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAwaitExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

export function isFallbackOperator(kind: TS.SyntaxKind): boolean {
  const ts = typescript();
  return (
    kind === ts.SyntaxKind.QuestionQuestionToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandToken
  );
}

/** `require('x')` or `import('x')` → 'x'. */
export function moduleSpecifierOfCall(call: TS.CallExpression): string | undefined {
  const ts = typescript();
  const [first] = call.arguments;
  if (!first || !ts.isStringLiteralLike(first)) return undefined;
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword) return first.text;
  if (ts.isIdentifier(call.expression) && call.expression.text === 'require') return first.text;
  return undefined;
}
