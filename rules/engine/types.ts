/**
 * Types shared by every stage of the engine: text → parse → facts → findings → output.
 * Nothing here imports `typescript`, so consumers (CLI formatters, the server) stay light.
 */

export type VendorId = 'openai' | 'azure-openai' | 'langchain-openai' | 'ai-sdk-openai';

export type RuleId =
  | 'vendor-import'
  | 'vendor-client'
  | 'vendor-call'
  | 'vendor-rest-call'
  | 'hardcoded-model'
  | 'hardcoded-endpoint'
  | 'hardcoded-api-version'
  | 'hardcoded-secret'
  | 'vendor-type-leak'
  | 'vendor-env';

/** Severity of a reported message. */
export type Severity = 'error' | 'warning' | 'info';
/** Severity as configured: a message severity or `off`. */
export type SeveritySetting = Severity | 'off';

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** One problem in one file, ready for any output (diagnostic, CLI, report). */
export interface LintMessage {
  /** Rule id, or null for file-level notices (unreadable file, syntax error, unused directive). */
  ruleId: RuleId | null;
  severity: Severity;
  /** Final text; never contains an unredacted key. */
  message: string;
  range: Range;
  /** UTF-16 offsets of the range in the analysed text. */
  offset: { start: number; end: number };
  /** Kind of file-level notice when ruleId is null. */
  notice?: NoticeKind;
  /** Machine-readable details for fixes and reports (vendor, model name, call path ...). */
  data?: Record<string, string>;
  /** Other places that explain the finding (where a constant reported at its definition is used). */
  related?: RelatedLocation[];
}

export interface RelatedLocation {
  /** Absolute path. */
  filePath: string;
  range: Range;
  message: string;
}

export type NoticeKind =
  | 'syntax-error'
  | 'unused-directive'
  | 'directive-problem'
  | 'skipped-large'
  | 'skipped-binary'
  | 'invalid-utf8'
  | 'unreadable'
  | 'vanished'
  | 'symlink-loop'
  | 'analysis-failed'
  | 'config-problem';

/** The result for one file. */
export interface FileResult {
  /** Absolute path. */
  filePath: string;
  messages: LintMessage[];
  /** The text the ranges refer to, when it was read (kept only where an output needs it). */
  source?: string;
}

/** A glob with the directory it is relative to (the folder of the config file that declared it). */
export interface Glob {
  pattern: string;
  base: string;
}

export interface RuleSetting {
  severity: SeveritySetting;
  /** Options after defaults were applied. */
  options: Record<string, unknown>;
  /** Folder of the config file that set this rule; `allow` globs are relative to it. */
  base: string;
}

/** The configuration that applies to one file, after presets, `extends` and cascading were merged. */
export interface ResolvedConfig {
  /** Config files that contributed, outermost first (empty when only defaults apply). */
  sources: string[];
  seam: Glob[];
  include: Glob[];
  exclude: Glob[];
  rules: Record<RuleId, RuleSetting>;
  vendors: Record<VendorId, boolean>;
  /** Extra endpoint hosts (lower case) to treat like vendor endpoints. */
  endpoints: string[];
  fix: { seamDir: string };
  reportUnusedDisableDirectives: SeveritySetting;
  /** Files larger than this (bytes) are skipped with one info notice. */
  maxFileSize: number;
}

/** A problem in a config file, with a precise position (1-based line/column as humans read them). */
export interface ConfigProblem {
  file: string;
  message: string;
  /** Zero-based range in the config file's text. */
  range: Range;
}
