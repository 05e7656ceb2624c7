/**
 * Real folders for the scan tests: files are written to a temp dir at test time and scanned by the real
 * scan(), so reading, walking and the two-phase index are exercised exactly as the CLI runs them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { relativePosix } from '../../rules/config/globs';
import { ConfigResolver } from '../../rules/config/resolve';
import type { LintMessage } from '../../rules/engine/types';
import { scan, type ScanOptions, type ScanResult } from '../../rules/scan/scan';

/** Relative path → content; parent folders are created as needed. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    const filePath = path.join(root, name);
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    fs.writeFileSync(filePath, content);
  }
}

/** Scans `root` (or the given paths) with the aidlint.json files found on disk, as the CLI does. */
export function scanFolder(root: string, options: Partial<ScanOptions> = {}): Promise<ScanResult> {
  return scan({ paths: ['.'], cwd: root, configs: new ConfigResolver({ workspaceRoot: root }), ...options });
}

/** `vendor-call 3:7` (one-based, as editors show) or the notice kind for file-level notices. */
export function brief(message: LintMessage): string {
  if (message.ruleId === null) return message.notice ?? 'notice';
  return `${message.ruleId} ${message.range.start.line + 1}:${message.range.start.character + 1}`;
}

/** Results keyed by path relative to `root` (forward slashes), each file's messages in brief form. */
export function briefResults(root: string, { results }: ScanResult): Record<string, string[]> {
  return Object.fromEntries(results.map((result) => [relativePosix(root, result.filePath) ?? result.filePath, result.messages.map(brief)]));
}
