/**
 * Read-only access to what a scan learned: the facts of each analysed file (from the scan's index, which
 * keeps them cached), with positions, and which vendor a fact or finding belongs to.
 */
import { relativePosix } from '../config/globs';
import type { Fact } from '../engine/facts';
import { LineMap } from '../engine/text';
import type { FileResult, NoticeKind, VendorId } from '../engine/types';
import type { WorkspaceIndex } from '../engine/workspace-index';
import { VENDOR_IDS, vendorSpec } from '../vendors/table';
import type { Steps } from './steps';
import type { Location, ProviderId, ReportVendor } from './types';

/** Files the scan could not read: asking the index about them would read them again. */
const UNREAD: ReadonlySet<NoticeKind> = new Set(['skipped-large', 'skipped-binary', 'unreadable', 'vanished', 'symlink-loop']);

export interface FileFacts {
  filePath: string;
  facts: Fact[];
  /** Position of an offset in the file, as a report location. */
  locate(offset: number): Location;
}

export function wasRead(result: FileResult): boolean {
  return !result.messages.some((message) => message.notice !== undefined && UNREAD.has(message.notice));
}

/** The facts of every file the scan analysed (only files that mention a vendor, or import one, were). */
export function* factsOf(results: readonly FileResult[], index: WorkspaceIndex, root: string): Steps<FileFacts[]> {
  const files: FileFacts[] = [];
  for (const result of results) {
    yield;
    if (!wasRead(result)) continue;
    const facts = cachedFacts(result.filePath, index);
    if (facts.length === 0) continue;
    const text = index.readFile(result.filePath) ?? '';
    files.push({ filePath: result.filePath, facts, locate: locator(root, result.filePath, text) });
  }
  return files;
}

function cachedFacts(filePath: string, index: WorkspaceIndex): Fact[] {
  try {
    return index.needsAnalysis(filePath) ? (index.analysis(filePath)?.facts ?? []) : [];
  } catch {
    // The lint already reported this file's failure (too deep, analysis failed); the report goes on without it.
    return [];
  }
}

export function locator(root: string, filePath: string, text: string): (offset: number) => Location {
  const file = relativePosix(root, filePath) ?? filePath;
  let lineMap: LineMap | undefined;
  return (offset) => {
    lineMap ??= new LineMap(text);
    const { line, character } = lineMap.positionAt(offset);
    return { file, line: line + 1, column: character + 1 };
  };
}

/** The vendor a fact is about: API versions are Azure OpenAI's; a key, the vendor of its format. */
export function vendorOfFact(fact: Fact): ReportVendor {
  if ('vendor' in fact) return fact.vendor;
  if (fact.kind === 'secret-literal') return fact.keyKind === 'azure-key' ? 'azure-openai' : 'openai';
  return 'azure-openai';
}

/** The name a chart or a tree shows for a vendor, or for a seam provider the vendor table does not know. */
export function reportVendorLabel(vendor: ReportVendor | ProviderId): string {
  if (vendor === 'configured') return 'Configured endpoints';
  return VENDOR_IDS.includes(vendor as VendorId) ? vendorSpec(vendor as VendorId).label : vendor;
}

/**
 * Constructions that stand for the calls made with them: the AI SDK's bound models (`openai('gpt-4o')`)
 * and clients whose methods the engine does not follow (LangChain's `ChatOpenAI` …, no call patterns).
 */
export function constructionIsAiCall(fact: Fact): boolean {
  if (fact.kind !== 'client-construction') return false;
  if (fact.role === 'model') return true;
  if (fact.role !== 'client') return false;
  return vendorSpec(fact.vendor).modules.some((module) => {
    const role = module.exports[fact.name];
    return role?.role === 'client' && role.callPatterns.length === 0;
  });
}
