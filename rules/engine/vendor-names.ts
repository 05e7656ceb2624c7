/**
 * Which local names can hold a vendor value at all? A name-based over-approximation, computed on source
 * text in a few regex passes: seeds are names imported from vendor, HTTP or workspace modules (plus
 * `require`, `import` and the HTTP globals), and a name becomes tainted when the code that defines it
 * (initializer, assigned value, declared type, function body) mentions a tainted name. Only calls and
 * constructions whose receiver starts with a tainted name are evaluated precisely, which skips the
 * scope resolution and data-flow work for the bulk of a file's calls.
 */
import type * as TS from 'typescript';
import { HTTP_GLOBALS } from '../vendors/table';
import { enclosingClass } from './literal-origins';
import { skipOuterExpressions } from './syntax';
import { typescript } from './parse';

const ALWAYS = ['require', 'import', 'globalThis', 'window', 'self', ...HTTP_GLOBALS];

export class VendorNames {
  private readonly names = new Set<string>(ALWAYS);
  private readonly flows: Array<{ targets: string[]; source: TS.Node }> = [];

  seed(name: string): void {
    this.names.add(name);
  }

  /** `targets` receive whatever `source` (an expression, type or body) evaluates to. */
  flow(targets: string[], source: TS.Node | undefined): void {
    if (source && targets.length) this.flows.push({ targets, source });
  }

  /** A class whose `super(…)` call passes `source`: any `this.x` in it may read that back from the base class. */
  passedToBase(owner: TS.ClassLikeDeclaration | undefined, source: TS.Node): void {
    if (owner) this.flow([baseToken(owner)], source);
  }

  /** Propagates taint to a fixed point; call once, after every seed and flow was recorded. */
  settle(sourceFile: TS.SourceFile): void {
    const pending = this.flows.map((flow) => ({ ...flow, text: flow.source.getText(sourceFile) }));
    for (let changed = true; changed && pending.length; ) {
      changed = false;
      const pattern = new RegExp(`(?<![\\w$])(?:${[...this.names].map(escape).join('|')})(?![\\w$])`);
      for (let i = pending.length - 1; i >= 0; i--) {
        if (!pattern.test(pending[i].text)) continue;
        for (const target of pending[i].targets) {
          if (this.names.has(target)) continue;
          this.names.add(target);
          changed = true;
        }
        pending.splice(i, 1);
      }
    }
  }

  /** Can the receiver of this callee (`a` of `a.b.c`, `m` of `this.m.x`) hold a vendor value? */
  mayHoldVendor(callee: TS.Expression): boolean {
    const root = receiverName(callee);
    if (root === undefined || this.names.has(root)) return true;
    const owner = startsWithThis(callee) ? enclosingClass(callee) : undefined;
    return !!owner && this.names.has(baseToken(owner));
  }
}

/** The first name of a callee chain, or undefined when the chain starts with something else. */
function receiverName(callee: TS.Expression): string | undefined {
  const ts = typescript();
  let node: TS.Expression = callee;
  for (;;) {
    node = skipOuterExpressions(node);
    if (ts.isIdentifier(node)) return node.text;
    if (node.kind === ts.SyntaxKind.ImportKeyword) return 'import';
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) {
        return ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
      }
      node = node.expression;
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      node = node.expression;
    } else {
      return undefined;
    }
  }
}

/** Not an identifier, so no name in the code can taint it. */
const baseToken = (owner: TS.ClassLikeDeclaration) => `super#${owner.pos}`;

function startsWithThis(callee: TS.Expression): boolean {
  const ts = typescript();
  let node = skipOuterExpressions(callee);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) node = skipOuterExpressions(node.expression);
  return node.kind === ts.SyntaxKind.ThisKeyword;
}

/** Names bound by a declaration name or binding pattern. */
export function boundNames(name: TS.BindingName): string[] {
  const ts = typescript();
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

const escape = (text: string) => text.replace(/\$/g, '\\$');
