/**
 * Builds the coupling report from a scan: findings by vendor, rule, severity and folder; the AI calls of
 * the application (direct, or through the seam) with the providers each can reach, giving seam coverage
 * per package and concentration; and the AI inventory.
 */
import * as path from 'node:path';
import { relativePosix } from '../config/globs';
import type { ConfigResolver } from '../config/resolve';
import type { Fact } from '../engine/facts';
import type { FileResult, Severity } from '../engine/types';
import type { WorkspaceIndex } from '../engine/workspace-index';
import { CLIENT_CONNECTIONS } from '../vendors/connection-table';
import { constructionIsAiCall, factsOf, reportVendorLabel, vendorOfFact, type FileFacts } from './facts';
import { buildInventory, compareLocations } from './inventory';
import { packageFolders, vendorPackages, type PackageFolder } from './packages';
import { Seams } from './seam';
import { allSteps, pausedSteps, type Steps } from './steps';
import { REPORT_FORMAT, REPORT_VERSION, type AiCall, type Concentration, type Count, type CouplingReport, type Coverage, type FolderEntry, type ReportFinding } from './types';

export interface ReportInput {
  /** The folder the report is about; paths in the report are relative to it. */
  root: string;
  results: readonly FileResult[];
  /** The index the scan used (scan() returns it), holding the analysed files' facts. */
  index: WorkspaceIndex;
  configs: ConfigResolver;
  toolVersion: string;
  generatedAt?: Date;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
/** A key is never part of a report, not even redacted: the finding says only that there is one. */
const SECRET_MESSAGE = 'An API key is written in the code (not shown in reports); revoke it and read it from an environment variable.';

export function buildReport(input: ReportInput): CouplingReport {
  return allSteps(reportSteps(input));
}

/** The report, pausing after each file or folder as `pause` asks (the language server's scan pause). */
export function buildReportPaused(input: ReportInput, pause: () => Promise<void> | undefined): Promise<CouplingReport> {
  return pausedSteps(reportSteps(input), pause);
}

function* reportSteps(input: ReportInput): Steps<CouplingReport> {
  const { root, results, index, configs } = input;
  const files = yield* factsOf(results, index, root);
  const texts = new Map<string, string>();
  const textOf = (filePath: string) => texts.get(filePath) ?? (texts.set(filePath, index.readFile(filePath) ?? ''), texts.get(filePath)!);

  const findings = yield* collectFindings(results, files, root);
  const notes: string[] = [];
  const note = (problem: string) => notes.push(problem);
  const seams = new Seams(root, configs, note);
  const seamCalls = yield* seams.calls(results, index);
  const folders = yield* packageFolders(root, new Set(results.map((result) => path.dirname(result.filePath))));

  const aiCalls: AiCall[] = [
    ...files.filter((file) => !seams.isInSeam(file.filePath)).flatMap(directCalls),
    ...seamCalls.map((call) => ({ ...call.location, through: 'seam' as const, what: call.factory, model: call.model, providers: call.seam.routing.providersOf(call.model, call.factory) })),
  ].sort(compareLocations);

  const coverage = packageCoverage(aiCalls, folders, root);
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    tool: { name: 'aidlint', version: input.toolVersion },
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    root,
    project: folders.find((folder) => folder.dir === root)?.name ?? path.basename(root),
    totals: {
      files: results.length,
      filesWithFindings: new Set(findings.map((finding) => finding.file)).size,
      findings: findings.length,
      notices: results.reduce((sum, result) => sum + result.messages.filter((message) => message.ruleId === null).length, 0),
    },
    byVendor: counted(findings.flatMap((finding) => (finding.vendor ? [finding.vendor] : [])), reportVendorLabel),
    byRule: counted(findings.map((finding) => finding.rule), (rule) => rule),
    bySeverity: SEVERITIES.map((severity) => ({ key: severity, label: severity, count: findings.filter((finding) => finding.severity === severity).length })),
    folders: rankFolders(findings),
    seamCoverage: { overall: coverageOf('.', 'all packages', aiCalls), packages: coverage },
    concentration: concentrationOf(aiCalls),
    aiCalls,
    inventory: buildInventory(files, seams.all(), seamCalls, vendorPackages(root, folders, note), textOf),
    notes,
  };
}

function* collectFindings(results: readonly FileResult[], files: readonly FileFacts[], root: string): Steps<ReportFinding[]> {
  const factsByFile = new Map(files.map((file) => [file.filePath, file.facts]));
  const findings: ReportFinding[] = [];
  for (const result of results) {
    yield;
    const facts = factsByFile.get(result.filePath) ?? [];
    const file = relativePosix(root, result.filePath) ?? result.filePath;
    for (const message of result.messages) {
      if (message.ruleId === null) continue;
      const fact = facts.find((candidate) => candidate.span.start === message.offset.start && candidate.span.end === message.offset.end);
      findings.push({
        file,
        line: message.range.start.line + 1,
        column: message.range.start.character + 1,
        rule: message.ruleId,
        severity: message.severity,
        ...(fact ? { vendor: vendorOfFact(fact) } : {}),
        message: message.ruleId === 'hardcoded-secret' ? SECRET_MESSAGE : message.message,
      });
    }
  }
  return findings;
}

/** Vendor calls, raw HTTP to vendor endpoints, and constructions that stand for calls; each reaches one provider. */
function directCalls({ facts, locate }: FileFacts): AiCall[] {
  return facts.flatMap((fact: Fact): AiCall[] => {
    if (fact.kind === 'vendor-call') return [{ ...locate(fact.span.start), through: 'direct', what: fact.method, providers: [CLIENT_CONNECTIONS[fact.client]?.provider ?? fact.vendor] }];
    if (fact.kind === 'rest-call') return [{ ...locate(fact.span.start), through: 'direct', what: `${fact.library} ${fact.host}`, providers: [fact.vendor] }];
    if (fact.kind === 'client-construction' && constructionIsAiCall(fact)) return [{ ...locate(fact.span.start), through: 'direct', what: fact.name, providers: [fact.vendor] }];
    return [];
  });
}

function concentrationOf(calls: readonly AiCall[]): Concentration {
  const groups = new Map<string, { providers: string[]; calls: number }>();
  for (const call of calls) {
    const providers = [...call.providers].sort();
    const key = providers.join('\n');
    const group = groups.get(key) ?? { providers, calls: 0 };
    group.calls++;
    groups.set(key, group);
  }
  const singleVendor = calls.filter((call) => call.providers.length === 1).length;
  return {
    aiCalls: calls.length,
    singleVendor,
    share: calls.length === 0 ? null : singleVendor / calls.length,
    byProviders: [...groups.values()].sort((a, b) => b.calls - a.calls || a.providers.join().localeCompare(b.providers.join())),
  };
}

/** Coverage of each package that makes AI calls: a call belongs to the nearest folder with a package.json. */
function packageCoverage(calls: readonly AiCall[], folders: readonly PackageFolder[], root: string): Coverage[] {
  const byPackage = new Map<string, { name: string; calls: AiCall[] }>();
  for (const call of calls) {
    const owner = folders.filter((folder) => isWithin(relativePosix(root, folder.dir) ?? '', call.file)).at(-1);
    const key = owner ? (relativePosix(root, owner.dir) ?? '') : '';
    const entry = byPackage.get(key) ?? { name: owner?.name ?? (key || path.basename(root)), calls: [] };
    entry.calls.push(call);
    byPackage.set(key, entry);
  }
  return [...byPackage.entries()].map(([dir, { name, calls: own }]) => coverageOf(dir || '.', name, own)).sort((a, b) => a.path.localeCompare(b.path));
}

function coverageOf(dir: string, name: string, calls: readonly AiCall[]): Coverage {
  const seamCalls = calls.filter((call) => call.through === 'seam').length;
  const directCalls = calls.length - seamCalls;
  return { path: dir, name, seamCalls, directCalls, share: calls.length === 0 ? null : seamCalls / calls.length };
}

function isWithin(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

function rankFolders(findings: readonly ReportFinding[]): FolderEntry[] {
  const folders = new Map<string, Map<string, ReportFinding[]>>();
  for (const finding of findings) {
    const folder = path.posix.dirname(finding.file);
    const files = folders.get(folder) ?? new Map<string, ReportFinding[]>();
    files.set(finding.file, [...(files.get(finding.file) ?? []), finding]);
    folders.set(folder, files);
  }
  const byCount = <T extends { path: string }>(count: (entry: T) => number) => (a: T, b: T) => count(b) - count(a) || a.path.localeCompare(b.path);
  return [...folders.entries()]
    .map(([folder, files]) => ({
      path: folder,
      findings: [...files.values()].reduce((sum, list) => sum + list.length, 0),
      files: [...files.entries()].map(([file, list]) => ({ path: file, findings: list })).sort(byCount((file) => file.findings.length)),
    }))
    .sort(byCount((folder) => folder.findings));
}

function counted<K extends string>(keys: readonly K[], label: (key: K) => string): Array<Count<K>> {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()].map(([key, count]) => ({ key, label: label(key), count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
