/** Parse one file and derive everything the rules and the index need from it; the tree is then dropped. */
import { type Directive, findDirectives } from './directives';
import type { ModuleHost } from './evaluate';
import type { HeldMembers } from './class-members';
import type { ModuleExports } from './exports';
import type * as TS from 'typescript';
import { type ExtractOptions, type ExtractionState, extractFacts } from './extract';
import type { Fact, ForeignFact } from './facts';
import type { ExportedLiterals, LiteralHost } from './literal-origins';
import { NestingTooDeepError, type SyntaxProblem, firstSyntaxError, parseSource, reparse } from './parse';

export interface Analysis {
  facts: Fact[];
  /** Facts about literals written in other files that this file's vendor slots use. */
  foreignFacts: ForeignFact[];
  exports: ModuleExports;
  literals: ExportedLiterals;
  /** Exported classes that keep constructor arguments (base classes followed from `super(…)`). */
  classes: Map<string, HeldMembers>;
  directives: Directive[];
  syntaxError?: SyntaxProblem;
}

/** Throws NestingTooDeepError when the file nests deeper than the current stack allows. */
export function analyzeSource(filePath: string, text: string, host: ModuleHost & LiteralHost, configuredHosts: readonly string[]): Analysis {
  return analyzeTree(parseSource(filePath, text), host, { configuredHosts }).analysis;
}

/**
 * What an analysis of a file being edited keeps for the next one: its tree, which the incremental parser
 * updates (`ts.updateSourceFile`, reusing every node the edit did not touch), and the records per
 * top-level statement of its extraction (undefined when files it depended on changed).
 */
export interface EditableAnalysis {
  sourceFile: TS.SourceFile;
  extraction?: ExtractionState;
}

/**
 * Analyses `text`, the edited text of the file `previous` was made from, with the work of `previous`
 * reused where the edit left it valid; the result is the same as `analyzeSource`'s. `previous` is spent
 * (its tree now belongs to the new one). Throws NestingTooDeepError like `analyzeSource`.
 */
export function analyzeEdited(
  filePath: string,
  text: string,
  host: ModuleHost & LiteralHost,
  configuredHosts: readonly string[],
  previous: EditableAnalysis | undefined,
): { analysis: Analysis; editable: EditableAnalysis } {
  const sourceFile = previous ? reparse(previous.sourceFile, text) : parseSource(filePath, text);
  const { analysis, extraction } = analyzeTree(sourceFile, host, { configuredHosts, incremental: { previous: previous?.extraction } });
  return { analysis, editable: { sourceFile, extraction } };
}

function analyzeTree(sourceFile: TS.SourceFile, host: ModuleHost & LiteralHost, options: ExtractOptions): { analysis: Analysis; extraction?: ExtractionState } {
  try {
    const { facts, foreignFacts, exports, literals, classes, state } = extractFacts(sourceFile, host, options);
    const analysis = { facts, foreignFacts, exports, literals, classes, directives: findDirectives(sourceFile), syntaxError: firstSyntaxError(sourceFile) };
    return { analysis, extraction: state };
  } catch (error) {
    if (error instanceof RangeError) throw new NestingTooDeepError(sourceFile.fileName);
    throw error;
  }
}
