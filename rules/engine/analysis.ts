/** Parse one file and derive everything the rules and the index need from it; the tree is then dropped. */
import { type Directive, findDirectives } from './directives';
import type { ModuleHost } from './evaluate';
import type { ModuleExports } from './exports';
import { extractFacts } from './extract';
import type { Fact, ForeignFact } from './facts';
import type { ExportedLiterals, LiteralHost } from './literal-origins';
import { NestingTooDeepError, type SyntaxProblem, firstSyntaxError, parseSource } from './parse';

export interface Analysis {
  facts: Fact[];
  /** Facts about literals written in other files that this file's vendor slots use. */
  foreignFacts: ForeignFact[];
  exports: ModuleExports;
  literals: ExportedLiterals;
  directives: Directive[];
  syntaxError?: SyntaxProblem;
}

/** Throws NestingTooDeepError when the file nests deeper than the current stack allows. */
export function analyzeSource(filePath: string, text: string, host: ModuleHost & LiteralHost, configuredHosts: readonly string[]): Analysis {
  const sourceFile = parseSource(filePath, text);
  try {
    const { facts, foreignFacts, exports, literals } = extractFacts(sourceFile, host, { configuredHosts });
    return { facts, foreignFacts, exports, literals, directives: findDirectives(sourceFile), syntaxError: firstSyntaxError(sourceFile) };
  } catch (error) {
    if (error instanceof RangeError) throw new NestingTooDeepError(filePath);
    throw error;
  }
}
