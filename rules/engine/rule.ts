/**
 * The rule contract, modelled on ESLint rules: declarative `meta` plus a small `create(context)` that
 * returns handlers for the fact kinds the rule cares about.
 */
import type { FactKind, FactOfKind, Span } from './facts';
import type { RuleId, Severity, SeveritySetting } from './types';

export const DOCS_BASE_URL = 'https://github.com/aidlint/aidlint/blob/main/docs/rules/';

export function ruleDocsUrl(id: RuleId): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

export interface RuleMeta<MessageIds extends string = string> {
  id: RuleId;
  docs: {
    /** One sentence: what the rule finds. */
    description: string;
  };
  /** Severity in the `recommended` preset; also what the rule's doc page states as default. */
  defaultSeverity: SeveritySetting;
  presets: { recommended: SeveritySetting; strict: SeveritySetting };
  /** Whether aidlint can fix what the rule reports (quick fix / `--fix`). */
  fixable: boolean;
  /** Vendor rules are silent inside the seam; `hardcoded-secret` is not. */
  appliesInSeam: boolean;
  /** Only suppressible by a directive that gives a reason (`-- reason`). */
  requiresSuppressionReason: boolean;
  /** Message templates; `{{name}}` placeholders are filled from report data. */
  messages: Record<MessageIds, string>;
  /** Option defaults; the option schema lives in `config/aidlint.schema.json` (the single source). */
  defaultOptions: Record<string, unknown>;
}

export interface Report<MessageIds extends string = string> {
  span: Span;
  messageId: MessageIds;
  data?: Record<string, string>;
  /** Related locations (`file`: absolute path, `span` in that file's text). */
  related?: Array<{ file: string; span: Span; message: string }>;
}

export interface RuleContext<Options, MessageIds extends string = string> {
  readonly options: Options;
  /** Absolute path of the file being linted. */
  readonly filePath: string;
  report(report: Report<MessageIds>): void;
}

/** A literal's uses as related locations of a report made at its definition. */
export function usesAsRelated(uses: ReadonlyArray<{ file: string; span: Span }> | undefined): Report['related'] {
  return uses?.map((use) => ({ file: use.file, span: use.span, message: 'The value is used here.' }));
}

export type FactHandlers = { [K in FactKind]?: (fact: FactOfKind<K>) => void };

export interface Rule<Options = Record<string, unknown>, MessageIds extends string = string> {
  meta: RuleMeta<MessageIds>;
  create(context: RuleContext<Options, MessageIds>): FactHandlers;
}

/** Identity helper that keeps a rule's option and message types checked at its definition. */
export function defineRule<Options, MessageIds extends string>(
  rule: Rule<Options, MessageIds>,
): Rule<Options, MessageIds> {
  return rule;
}

export type { Severity };
