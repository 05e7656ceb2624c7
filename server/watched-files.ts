/**
 * Files changed outside the editor (`workspace/didChangeWatchedFiles`): a changed aidlint.json or
 * tsconfig re-validates everything; a changed source file drops what the index knew about it and about
 * its importers, and its workspace-scan result is recomputed, so scan results last until files change.
 */
import * as path from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../rules/config/resolve';
import { lintFile } from '../rules/engine/lint-file';
import { readSourceFileSync } from '../rules/files/read';
import { applyEditorSuppressions } from './bulk-suppressions';
import { customize } from './diagnostics';
import type { SettingsCache } from './settings';
import { pathOf, uriOf } from './uris';
import type { Workspace, Workspaces } from './workspaces';

const COMPILER_CONFIG = /^[jt]sconfig(?:\..*)?\.json$/;

/** Returns whether open documents' diagnostics may have changed (the caller then refreshes them). */
export async function filesChanged(changes: readonly FileEvent[], workspaces: Workspaces, settings: SettingsCache): Promise<boolean> {
  let refresh = false;
  for (const change of changes) {
    const filePath = pathOf(change.uri);
    if (!filePath) continue;
    const workspace = workspaces.forFile(filePath);
    const name = path.basename(filePath);
    if (name === CONFIG_FILE_NAME) {
      workspace.configChanged();
      refresh = true;
    } else if (COMPILER_CONFIG.test(name)) {
      workspace.index.invalidateAll();
      refresh = true;
    } else {
      if (change.type !== FileChangeType.Changed) {
        workspace.filesAddedOrRemoved();
        refresh = true;
      }
      const affected = workspace.index.invalidate(filePath);
      if (affected.some((file) => file !== filePath && workspaces.isOpen(file))) refresh = true;
      if (workspace.scanned) refresh = (await rescan(workspace, filePath, change.type, settings)) || refresh;
    }
  }
  return refresh;
}

/** Recomputes one file's workspace-scan result from disk. */
async function rescan(workspace: Workspace, filePath: string, type: FileChangeType, settings: SettingsCache): Promise<boolean> {
  const had = workspace.scanResults.has(filePath);
  const { configFile, rules, suppressedFindings } = await settings.get(uriOf(workspace.root));
  const config = workspace.configs(configFile).configFor(filePath);
  const read = type === FileChangeType.Deleted ? undefined : readSourceFileSync(filePath, config.maxFileSize);
  const messages = read?.ok ? customize(applyEditorSuppressions(workspace.root, filePath, await lintFile({ filePath, text: read.text, config, index: workspace.index }), suppressedFindings), rules.customizations) : [];
  workspace.setScanResult(filePath, messages);
  return had || messages.length > 0;
}
