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
import { escapeRegExp } from '../vendors/patterns';
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

  /**
   * Propagates taint to its fixed point; call once, after every seed and flow was recorded. A flow fires
   * when its source text mentions a tainted name as a whole word (`[\w$]` runs, comments and strings
   * included). The file's words are listed once, each flow is indexed by the words inside it, and taint
   * spreads along that index: linear in the text, where testing every flow against an alternation of all
   * names on each round was not (measured: a seventh of a real repository's scan).
   */
  settle(sourceFile: TS.SourceFile, keepWords = false): void {
    if (!this.flows.length) return;
    const text = sourceFile.text;
    const flowsByWord = new Map<string, number[]>();
    // Only names tainted already or targets of a flow can ever be tainted: the other words need no index.
    const taintable = new Set(this.names);
    for (const { targets } of this.flows) for (const target of targets) taintable.add(target);
    const spans = this.flows.map(({ source }, flow) => {
      const start = source.getStart(sourceFile);
      for (const word of wordsOf(source, text, start, keepWords)) {
        if (!taintable.has(word)) continue;
        let flows = flowsByWord.get(word);
        if (!flows) flowsByWord.set(word, (flows = []));
        if (flows[flows.length - 1] !== flow) flows.push(flow);
      }
      return { start, end: source.end };
    });
    const fired = new Uint8Array(this.flows.length);
    const pending = [...this.names];
    const taint = (name: string) => {
      if (this.names.has(name)) return;
      this.names.add(name);
      pending.push(name);
    };
    while (pending.length) {
      const name = pending.pop()!;
      let flows: Iterable<number> | undefined = flowsByWord.get(name);
      if (!PLAIN_WORD.test(name)) {
        // Not a plain word (`#field`, a quoted property name): looked for in each flow's text.
        const mention = new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`);
        flows = spans.flatMap(({ start, end }, flow) => (fired[flow] || !mention.test(text.slice(start, end)) ? [] : [flow]));
      }
      for (const flow of flows ?? []) {
        if (fired[flow]) continue;
        fired[flow] = 1;
        for (const target of this.flows[flow].targets) taint(target);
      }
    }
  }

  /** Every name that can hold a vendor value (after `settle`), sorted. */
  sorted(): string[] {
    return [...this.names].sort();
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

const baseTokens = new WeakMap<TS.ClassLikeDeclaration, string>();
let baseTokenCount = 0;

/**
 * The name a class's `super(…)` arguments flow to: not an identifier, so no name in the code can taint
 * it. Named after the class, so an edit inside the class (which makes the parser build a new class node)
 * leaves the file's vendor names as they were and the other statements' passes stand; two classes of one
 * name share it, which only makes more calls be evaluated precisely. An anonymous class gets one per node,
 * not per position: the incremental parser reuses a class an edit above it moves, and the records
 * carried over with it keep the name they were made with.
 */
export function baseToken(owner: TS.ClassLikeDeclaration): string {
  if (owner.name) return `super#${owner.name.text}`;
  let token = baseTokens.get(owner);
  if (token === undefined) baseTokens.set(owner, (token = `super#${++baseTokenCount}`));
  return token;
}

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

const PLAIN_WORD = /^[\w$]+$/;

/**
 * The distinct words (maximal `[\w$]` runs, what the word boundaries of `(?<![\w$])name(?![\w$])`
 * delimit) of a node's text. Kept per node (`keep`) for a file being edited: the incremental parser reuses
 * the nodes an edit did not touch, and their text is what it was, so a keystroke lists the words of the
 * statements it changed only. A scan keeps nothing: its trees are analysed once.
 */
const nodeWords = new WeakMap<TS.Node, readonly string[]>();

function wordsOf(node: TS.Node, text: string, start: number, keep: boolean): readonly string[] {
  let words = nodeWords.get(node);
  if (!words) {
    words = [...new Set(text.slice(start, node.end).match(/[\w$]+/g))];
    if (keep) nodeWords.set(node, words);
  }
  return words;
}
