/**
 * The trend against an earlier report: findings added and removed (matched by file, rule and message,
 * not by line, so code moving down a file is not a change), inventory entries that came or went, and
 * the headline figures before and after.
 */
import { REPORT_FORMAT, REPORT_VERSION, type CouplingReport, type InventoryChange, type ReportFinding, type Trend } from './types';

export class NotAReportError extends Error {}

/** Parses an earlier `--format json` report; throws NotAReportError with the reason otherwise. */
export function parseReport(text: string, source: string): CouplingReport {
  let parsed: Partial<CouplingReport>;
  try {
    parsed = JSON.parse(text) as Partial<CouplingReport>;
  } catch (error) {
    throw new NotAReportError(`${source} is not JSON: ${(error as Error).message}`);
  }
  if (parsed?.format !== REPORT_FORMAT || parsed.version !== REPORT_VERSION || !Array.isArray(parsed.folders) || !parsed.inventory) {
    throw new NotAReportError(`${source} is not an aidlint report (make one with \`aidlint report --format json\`)`);
  }
  return parsed as CouplingReport;
}

export function compareReports(current: CouplingReport, earlier: CouplingReport): Trend {
  const before = allFindings(earlier);
  const after = allFindings(current);
  const inventoryBefore = inventoryKeys(earlier);
  const inventoryAfter = inventoryKeys(current);
  return {
    against: { generatedAt: earlier.generatedAt },
    findings: { before: before.length, after: after.length, added: difference(after, before, findingKey), removed: difference(before, after, findingKey) },
    inventory: { added: difference(inventoryAfter, inventoryBefore, changeKey), removed: difference(inventoryBefore, inventoryAfter, changeKey) },
    seamCoverage: { before: earlier.seamCoverage.overall.share, after: current.seamCoverage.overall.share },
    concentration: { before: earlier.concentration.share, after: current.concentration.share },
  };
}

function allFindings(report: CouplingReport): ReportFinding[] {
  return report.folders.flatMap((folder) => folder.files.flatMap((file) => file.findings));
}

function findingKey(finding: ReportFinding): string {
  return `${finding.file}\n${finding.rule}\n${finding.message}`;
}

function changeKey(change: InventoryChange): string {
  return `${change.kind}\n${change.value}`;
}

function inventoryKeys({ inventory }: CouplingReport): InventoryChange[] {
  return [
    ...inventory.models.map((model) => ({ kind: 'model' as const, value: model.name })),
    ...inventory.endpoints.map((endpoint) => ({ kind: 'endpoint' as const, value: endpoint.url })),
    ...inventory.apiVersions.map((entry) => ({ kind: 'api-version' as const, value: entry.version })),
    ...inventory.envVars.map((entry) => ({ kind: 'env-var' as const, value: entry.name })),
    ...inventory.packages.map((entry) => ({ kind: 'package' as const, value: entry.name })),
  ];
}

/** Items of `from` not matched one-to-one by an item of `other` with the same key (a multiset difference). */
function difference<T>(from: readonly T[], other: readonly T[], key: (item: T) => string): T[] {
  const available = new Map<string, number>();
  for (const item of other) available.set(key(item), (available.get(key(item)) ?? 0) + 1);
  return from.filter((item) => {
    const left = available.get(key(item)) ?? 0;
    if (left > 0) available.set(key(item), left - 1);
    return left === 0;
  });
}
