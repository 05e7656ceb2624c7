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

/** `a ?? b`, `a || b`, `a && b`, and their assignments (`a ??= b` is `a` or `b`, the lazy initialisation idiom). */
export function isFallbackOperator(kind: TS.SyntaxKind): boolean {
  const ts = typescript();
  return (
    kind === ts.SyntaxKind.QuestionQuestionToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken
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

/** The outermost node that `accept` takes whose text is exactly `span` (start without trivia, end). */
export function nodeAtSpan<T extends TS.Node>(sourceFile: TS.SourceFile, span: { start: number; end: number }, accept: (node: TS.Node) => node is T): T | undefined {
  const ts = typescript();
  let found: T | undefined;
  const visit = (node: TS.Node): void => {
    if (found || node.end < span.start || node.pos > span.end) return;
    if (accept(node) && node.getStart(sourceFile) === span.start && node.end === span.end) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
