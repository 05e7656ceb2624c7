/**
 * Wrap coverage on real code (issue 12's yardstick): for every `vendor-call` finding of a repository, is the
 * wrap fix offered, refused (and why, by kind), or is the call an OpenAI-only product the seam has no
 * neutral form for? Computed in-process with the same fix engine the CLI and the server use, over the
 * checkout as it is (nothing is written).
 */
import * as path from 'node:path';
import { ConfigResolver } from '../rules/config/resolve';
import { diskIndexHost } from '../rules/engine/disk-host';
import { WorkspaceIndex } from '../rules/engine/workspace-index';
import { type FixInput, fixesForFile } from '../rules/fixes/file-fixes';
import { projectRootOf } from '../rules/fixes/seam-plan';
import { projectMoveFor } from '../rules/fixes/v3-move';
import { OPENAI_V3 } from '../rules/vendors/wrap-table';
import { readSourceFileSync } from '../rules/files/read';
import { listFiles } from '../rules/scan/scan';
import { inScope } from './labels';
import type { RepoRun } from './repositories';

/** Refusal reasons by kind, first match wins; `vendor-only` is the hard lock-in a lead must see. */
const REASON_KINDS: Array<[kind: string, pattern: RegExp]> = [
  ['vendor-only', /OpenAI-only feature|Azure-only feature|no neutral equivalent/],
  ['openai v3', /upgrade it first/],
  ['runtime model', /chosen at run time|model is not a literal|model .*computed/],
  ['request options', /more than the request argument|request options/],
  ['request not inline', /not written inline|spread or computed|messages .*(?:cannot be checked|built elsewhere)/],
  ['not wrapped yet', /is not wrapped yet/],
  ['option', /has no equivalent in the provider-neutral interface/],
  ['result escapes', /returned|passed on|escapes|is exported|not followed/],
  ['connection', /endpoint and credentials|connection|cannot carry|client's .* is computed at run time|client is changed|client option|which client a call uses|client construction the fix can follow|used other than called|shows which client|follow to the client's construction/],
  ['seam unreachable', /cannot import the TypeScript seam|no seam can be made/],
];

export interface WrapCoverage {
  calls: number;
  offered: number;
  vendorOnly: number;
  /** Refusals (vendor-only aside) by kind. */
  refused: Map<string, number>;
  /** Every refusal with its place and reason, for reading. */
  details: string[];
}

export async function wrapCoverage(run: RepoRun): Promise<WrapCoverage> {
  const root = run.checkout;
  const configs = new ConfigResolver({ workspaceRoot: root });
  const host = diskIndexHost((file) => configs.configFor(file));
  const index = new WorkspaceIndex(host);
  const projectFiles = await listFiles([root], configs);
  const coverage: WrapCoverage = { calls: 0, offered: 0, vendorOnly: 0, refused: new Map(), details: [] };
  const moves = new ProjectMoves();
  for (const report of run.results) {
    const calls = report.messages.filter((message) => message.ruleId === 'vendor-call');
    if (calls.length === 0 || !inScope(run.set, report.filePath)) continue;
    const filePath = path.join(root, report.filePath);
    const config = configs.configFor(filePath);
    const read = readSourceFileSync(filePath, config.maxFileSize);
    if (!read.ok) continue;
    const lines = lineStarts(read.text);
    const input: FixInput = { filePath, text: read.text, config, index, host, workspaceRoot: root, projectFiles: () => projectFiles };
    const fixes = fixesForFile(input).filter((fix) => fix.kind === 'wrap-call');
    for (const call of calls) {
      coverage.calls++;
      const offset = lines[call.line - 1] + call.column - 1;
      const wrap = fixes.find((fix) => fix.span.start === offset);
      const reason = wrap ? wrap.disabledReason : 'no wrap fix computed for this call';
      if (reason === undefined) {
        coverage.offered++;
        continue;
      }
      const kind = REASON_KINDS.find(([, pattern]) => pattern.test(reason))?.[0] ?? 'other';
      // A v3 call is wrapped by the project's move when that is offered.
      if (kind === 'openai v3' && moves.offered(input)) {
        coverage.offered++;
        continue;
      }
      if (kind === 'vendor-only') coverage.vendorOnly++;
      else coverage.refused.set(kind, (coverage.refused.get(kind) ?? 0) + 1);
      coverage.details.push(`${report.filePath}:${call.line} [${kind}] ${reason}`);
    }
  }
  return coverage;
}

/** Whether "Move this project off openai v3" is offered, per project (decided on the first file that makes a v3 client). */
class ProjectMoves {
  private readonly byProject = new Map<string, boolean>();

  offered(input: FixInput): boolean {
    const project = projectRootOf(input.filePath, input.workspaceRoot, input.host);
    if (!this.byProject.has(project)) {
      const files = (input.projectFiles?.() ?? []).filter((file) => projectRootOf(file, input.workspaceRoot, input.host) === project);
      const move = files
        .map((filePath) => ({ filePath, text: input.host.readFile(filePath) ?? '' }))
        .filter(({ text }) => text.includes(OPENAI_V3.client))
        .map(({ filePath, text }) => projectMoveFor({ ...input, filePath, text }))
        .find((fix) => fix !== undefined);
      this.byProject.set(project, move !== undefined && move.disabledReason === undefined);
    }
    return this.byProject.get(project)!;
  }
}

/** The share of calls with a neutral equivalent (vendor-only aside) that the wrap is offered for. */
export function offeredShare(coverage: WrapCoverage): number {
  const neutral = coverage.calls - coverage.vendorOnly;
  return neutral === 0 ? 1 : coverage.offered / neutral;
}

export function refusalSummary(coverage: WrapCoverage): string {
  return [...coverage.refused].sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${kind} ${count}`).join(', ') || '—';
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}
