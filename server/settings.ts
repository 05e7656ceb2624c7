/**
 * Editor settings (`aidlint.*`), fetched per resource with `workspace/configuration` and its `scopeUri`,
 * so folder and language overrides apply. Answers are kept only until the next change notification.
 */
import type { Connection } from 'vscode-languageserver';
import type { SeveritySetting } from '../rules/engine/types';
import type { Log } from './log';
import type { SuppressedFindings } from './bulk-suppressions';

export type CustomSeverity = SeveritySetting | 'warn' | 'default' | 'downgrade' | 'upgrade';

export interface RuleCustomization {
  /** A rule id or a glob over rule ids (`vendor-*`); a leading `!` applies it to every other rule. */
  rule: string;
  severity: CustomSeverity;
}

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** A config file to use instead of discovering aidlint.json (relative to the workspace folder). */
  configFile: string;
  rules: { customizations: RuleCustomization[] };
  /** How findings suppressed by aidlint-suppressions.json are shown: as hints, or not at all. */
  suppressedFindings: SuppressedFindings;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', configFile: '', rules: { customizations: [] }, suppressedFindings: 'hint' };

export class SettingsCache {
  private readonly byResource = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly clientHasConfiguration: boolean,
    private readonly log: Log,
  ) {}

  /**
   * Never rejects: a client that fails the request gets the defaults (logged, asked again next time). A
   * diagnostic pull that failed instead would make VS Code forget the pull it owes for later edits.
   */
  get(resource: string): Promise<Settings> {
    if (!this.clientHasConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.byResource.get(resource);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: resource, section: 'aidlint' }).then(
        (value: Partial<Settings> | null) => normalize(value ?? {}),
        (error: unknown) => {
          this.log.error(`The editor did not answer workspace/configuration for ${resource}; using the default settings`, error);
          this.byResource.delete(resource);
          return DEFAULT_SETTINGS;
        },
      );
      this.byResource.set(resource, settings);
    }
    return settings;
  }

  /** `workspace/didChangeConfiguration`: ask again next time. */
  clear(): void {
    this.byResource.clear();
  }
}

function normalize(value: Partial<Settings>): Settings {
  return {
    enable: value.enable ?? DEFAULT_SETTINGS.enable,
    run: value.run === 'onSave' ? 'onSave' : 'onType',
    configFile: typeof value.configFile === 'string' ? value.configFile : '',
    rules: { customizations: Array.isArray(value.rules?.customizations) ? value.rules.customizations.filter(isCustomization) : [] },
    suppressedFindings: value.suppressedFindings === 'hide' ? 'hide' : 'hint',
  };
}

const CUSTOM_SEVERITIES = new Set<unknown>(['error', 'warning', 'warn', 'info', 'off', 'default', 'downgrade', 'upgrade'] satisfies CustomSeverity[]);

/** Settings are user input: an entry without a rule pattern or a known severity is skipped, not fatal to every lint. */
function isCustomization(entry: unknown): entry is RuleCustomization {
  const { rule, severity } = (entry ?? {}) as Partial<Record<keyof RuleCustomization, unknown>>;
  return typeof rule === 'string' && CUSTOM_SEVERITIES.has(severity);
}
