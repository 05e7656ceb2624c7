/**
 * Environment reads: `process.env.X`, `process.env['X']`, `import.meta.env.X`, Cloudflare-style bindings
 * (`env.X`, `c.env.X`) and project helpers (`getEnvironmentVariable('X')`, `env('X')`), and which of
 * them feed an expression (a vendor client's options), through constants and object literals.
 */
import type * as TS from 'typescript';
import { typescript } from './parse';
import type { Scopes } from './scope';
import { propertyNameText } from './strings';
import { isFallbackOperator, skipOuterExpressions } from './syntax';

export interface EnvRead {
  name: string;
  node: TS.Node;
  /** `process.env` / `import.meta.env`: the environment for sure; other forms are recognised by shape. */
  direct: boolean;
}

/** A helper that reads one variable: its name says env, its one argument is a variable name. */
const ENV_HELPER = /env/i;
const VARIABLE_NAME = /^[A-Z][A-Z0-9_]*$/;
const MAX_DEPTH = 6;

export class EnvReads {
  private readonly ts = typescript();

  constructor(private readonly scopes: Scopes) {}

  /** The variable an expression reads, if it is an environment read. */
  readOf(node: TS.Expression): EnvRead | undefined {
    const ts = this.ts;
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
      if (name === undefined) return undefined;
      if (this.isEnvObject(node.expression)) return { name, node, direct: true };
      return this.isBindingsObject(node.expression) && VARIABLE_NAME.test(name) ? { name, node, direct: false } : undefined;
    }
    if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]) && VARIABLE_NAME.test(node.arguments[0].text)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      // `getEnvironmentVariable('X')`, `env('X')`, and Deno's `Deno.env.get('X')`.
      const envGet = ts.isPropertyAccessExpression(callee) && name === 'get' && ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'env';
      if (ENV_HELPER.test(name) || envGet) return { name: node.arguments[0].text, node, direct: envGet };
    }
    return undefined;
  }

  /**
   * Whether a value reads the same wherever it is written, and reading it does nothing else: a literal, a
   * direct environment read (\`process.env.X\`), or fallbacks and templates of those.
   */
  readsSameAnywhere(expression: TS.Expression): boolean {
    const ts = this.ts;
    const inner = skipOuterExpressions(expression);
    if (ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner) || inner.kind === ts.SyntaxKind.TrueKeyword || inner.kind === ts.SyntaxKind.FalseKeyword || inner.kind === ts.SyntaxKind.NullKeyword) return true;
    if (this.readOf(inner)?.direct) return true;
    if (ts.isBinaryExpression(inner) && isFallbackOperator(inner.operatorToken.kind)) return this.readsSameAnywhere(inner.left) && this.readsSameAnywhere(inner.right);
    return ts.isTemplateExpression(inner) && inner.templateSpans.every((span) => this.readsSameAnywhere(span.expression));
  }

  /** Environment reads whose value flows into `expression` (options objects, constants, fallbacks). */
  readsIn(expression: TS.Expression, depth = 0): EnvRead[] {
    const ts = this.ts;
    if (depth > MAX_DEPTH) return [];
    const inner = skipOuterExpressions(expression);
    const read = this.readOf(inner);
    if (read) return [read];
    if (ts.isConditionalExpression(inner)) return [...this.readsIn(inner.whenTrue, depth + 1), ...this.readsIn(inner.whenFalse, depth + 1)];
    if (ts.isBinaryExpression(inner) && (isFallbackOperator(inner.operatorToken.kind) || inner.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
      return [...this.readsIn(inner.left, depth + 1), ...this.readsIn(inner.right, depth + 1)];
    }
    if (ts.isTemplateExpression(inner)) return inner.templateSpans.flatMap((span) => this.readsIn(span.expression, depth + 1));
    if (ts.isObjectLiteralExpression(inner)) {
      return inner.properties.flatMap((property) => {
        if (ts.isPropertyAssignment(property) && propertyNameText(property.name) !== undefined) return this.readsIn(property.initializer, depth + 1);
        if (ts.isShorthandPropertyAssignment(property)) return this.readsIn(property.name, depth + 1);
        if (ts.isSpreadAssignment(property)) return this.readsIn(property.expression, depth + 1);
        return [];
      });
    }
    if (ts.isNewExpression(inner)) {
      // `new AzureKeyCredential(key)`, `new URL(process.env.X)`: the arguments feed the value. A call's
      // arguments do not: `createProvider(region)` is the project's own configuration.
      return (inner.arguments ?? []).flatMap((argument) => this.readsIn(argument, depth + 1));
    }
    if (ts.isIdentifier(inner)) {
      const binding = this.scopes.resolve(inner);
      return binding?.kind === 'variable' && binding.init && binding.path.length === 0 ? this.readsIn(binding.init, depth + 1) : [];
    }
    return [];
  }

  /** `process.env` (with `process` not shadowed) or `import.meta.env`. */
  isEnvObject(node: TS.Expression): boolean {
    const ts = this.ts;
    const inner = ts.isNonNullExpression(node) ? node.expression : node;
    if (!ts.isPropertyAccessExpression(inner) || inner.name.text !== 'env') return false;
    const owner = inner.expression;
    if (ts.isIdentifier(owner)) {
      if (owner.text !== 'process') return false;
      // The global, or `import process from 'node:process'`; a local `process` is something else.
      const binding = this.scopes.resolve(owner);
      return !binding || (binding.kind === 'import' && ['process', 'node:process'].includes(binding.origin!.specifier));
    }
    return ts.isMetaProperty(owner) && owner.keywordToken === ts.SyntaxKind.ImportKeyword;
  }

  /** Cloudflare Workers / Hono bindings: a parameter or variable named `env`, or `c.env`, `this.env`. */
  private isBindingsObject(node: TS.Expression): boolean {
    const ts = this.ts;
    if (ts.isIdentifier(node)) return node.text === 'env';
    // `process.env` of a local `process` is not the environment, nor a bindings object.
    return ts.isPropertyAccessExpression(node) && node.name.text === 'env' && !(ts.isIdentifier(node.expression) && node.expression.text === 'process');
  }
}
