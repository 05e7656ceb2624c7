/**
 * Lints one open document with the settings of its resource and the configuration and index of its
 * workspace. `aidlint.json` documents get their configuration problems instead. Never throws: a failure
 * is logged and shown as one notice on the file, and the server carries on.
 */
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { matchesAnyGlob } from '../rules/config/globs';
import { CONFIG_FILE_NAME } from '../rules/config/resolve';
import { analysisFailed, lintFile } from '../rules/engine/lint-file';
import type { LintMessage } from '../rules/engine/types';
import { applyEditorSuppressions } from './bulk-suppressions';
import { customize } from './diagnostics';
import type { Log } from './log';
import type { SettingsCache } from './settings';
import { slowLintForTests } from './test-hooks';
import { pathOf } from './uris';
import type { Workspace, Workspaces } from './workspaces';

export class DocumentLinter {
  constructor(
    private readonly workspaces: Workspaces,
    private readonly settings: SettingsCache,
    private readonly log: Log,
  ) {}

  /** Lints the document's text as it is when called (it may change while the settings are fetched). */
  async lint(document: TextDocument): Promise<LintMessage[]> {
    const text = document.getText();
    const filePath = pathOf(document.uri);
    if (!filePath) return [];
    const settings = await this.settings.get(document.uri);
    if (!settings.enable) return [];
    const workspace = this.workspaces.forFile(filePath);
    const configs = workspace.configs(settings.configFile);
    if (path.basename(filePath) === CONFIG_FILE_NAME) return configProblems(workspace, filePath);
    try {
      const config = configs.configFor(filePath);
      if (!matchesAnyGlob(filePath, config.include) || matchesAnyGlob(filePath, config.exclude)) return [];
      slowLintForTests();
      const messages = await lintFile({ filePath, text, config, index: workspace.index });
      return customize(applyEditorSuppressions(workspace.root, filePath, messages, settings.suppressedFindings, this.log), settings.rules.customizations);
    } catch (error) {
      this.log.error(`aidlint could not lint ${filePath}`, error);
      return [analysisFailed(text, error)];
    }
  }
}

/** Problems of a config file, on the offending key or value; the last good configuration stays in force. */
export function configProblems(workspace: Workspace, configFile: string): LintMessage[] {
  const configs = workspace.configs();
  configs.invalidate();
  configs.configFor(path.join(path.dirname(configFile), 'file'));
  return configs
    .problems()
    .filter((problem) => problem.file === configFile)
    .map((problem) => ({
      ruleId: null,
      severity: 'error',
      message: problem.message,
      notice: 'config-problem',
      range: problem.range,
      offset: { start: 0, end: 0 },
    }));
}
