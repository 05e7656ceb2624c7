/**
 * Suppression comments: `// aidlint-disable-next-line <ids> -- reason`, `// aidlint-disable-line <ids>`,
 * `/* aidlint-disable <ids> *\/ … /* aidlint-enable <ids> *\/` and a file-wide `/* aidlint-disable *\/`.
 * Only real comments count: the same words inside a string or template are not directives.
 */
import type * as TS from 'typescript';
import type { Span } from './facts';
import { typescript } from './parse';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids as written; empty means every rule. */
  ruleIds: string[];
  reason?: string;
  /** The whole comment. */
  span: Span;
}

const DIRECTIVE = /^\s*aidlint-(disable-next-line|disable-line|disable|enable)(?=\s|$)([\s\S]*)$/;

export function findDirectives(sourceFile: TS.SourceFile): Directive[] {
  const text = sourceFile.text;
  if (!text.includes('aidlint-')) return [];
  const comments = new Map<number, Span>();
  for (const match of text.matchAll(/aidlint-/g)) {
    const comment = commentAt(sourceFile, match.index!);
    if (comment) comments.set(comment.start, comment);
  }
  const directives: Directive[] = [];
  for (const span of comments.values()) {
    const directive = parseDirective(text, span);
    if (directive) directives.push(directive);
  }
  return directives.sort((a, b) => a.span.start - b.span.start);
}

function parseDirective(text: string, span: Span): Directive | undefined {
  const raw = text.slice(span.start, span.end);
  const body = raw.startsWith('//') ? raw.slice(2) : raw.slice(2, raw.endsWith('*/') ? -2 : undefined);
  const match = DIRECTIVE.exec(body);
  if (!match) return undefined;
  const [idsText, ...reasonParts] = match[2].split(/\s--\s|\s--$/);
  const reason = reasonParts.join(' -- ').trim();
  const ruleIds = idsText.split(/[\s,]+/).filter(Boolean);
  return { kind: match[1] as DirectiveKind, ruleIds, reason: reason || undefined, span };
}

/** The comment containing an offset, found through the syntax tree so string contents never count. */
function commentAt(sourceFile: TS.SourceFile, offset: number): Span | undefined {
  const ts = typescript();
  let node: TS.Node = sourceFile;
  for (;;) {
    let next: TS.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (!next && child.pos <= offset && offset < child.end) next = child;
    });
    // The end-of-file token holds trailing comments but is not visited by forEachChild.
    if (!next && node === sourceFile && offset >= sourceFile.endOfFileToken.pos) next = sourceFile.endOfFileToken;
    if (!next) break;
    node = next;
  }
  const text = sourceFile.text;
  const start = node === sourceFile ? 0 : node.getStart(sourceFile);
  if (offset < start || node.kind === ts.SyntaxKind.EndOfFileToken) {
    // Trailing comments (same line as the previous token) are not among the leading ones.
    const trivia = [...(ts.getTrailingCommentRanges(text, node.pos) ?? []), ...(ts.getLeadingCommentRanges(text, node.pos) ?? [])];
    return findComment(trivia, offset);
  }
  if (isLiteralLike(node)) return undefined;
  // Between a node's own tokens (before a `)` or `}`): scan just that gap, which holds no nested nodes.
  let gapStart = start;
  let gapEnd = node.end;
  ts.forEachChild(node, (child) => {
    if (child.end <= offset) gapStart = Math.max(gapStart, child.end);
    else if (child.pos > offset) gapEnd = Math.min(gapEnd, child.pos);
  });
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sourceFile.languageVariant, text);
  scanner.resetTokenState(gapStart);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken && scanner.getTokenStart() < gapEnd; kind = scanner.scan()) {
    const tokenStart = scanner.getTokenStart();
    const tokenEnd = scanner.getTokenEnd();
    if (tokenStart <= offset && offset < tokenEnd) {
      const isComment = kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia;
      return isComment ? { start: tokenStart, end: tokenEnd } : undefined;
    }
  }
  return undefined;
}

function findComment(ranges: readonly TS.CommentRange[], offset: number): Span | undefined {
  const range = ranges.find((candidate) => candidate.pos <= offset && offset < candidate.end);
  return range && { start: range.pos, end: range.end };
}

function isLiteralLike(node: TS.Node): boolean {
  const ts = typescript();
  return (
    ts.isStringLiteralLike(node) ||
    ts.isTemplateLiteralToken(node) ||
    ts.isRegularExpressionLiteral(node) ||
    ts.isJsxText(node) ||
    ts.isIdentifier(node)
  );
}
