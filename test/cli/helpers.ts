/** Shared by the CLI tests: the fixture folder and lint messages located in real text. */
import * as path from 'node:path';
import { LineMap } from '../../rules/engine/text';
import type { LintMessage, NoticeKind, RuleId, Severity } from '../../rules/engine/types';

/** test/fixtures/cli, seen from out/test/cli where the compiled tests run. */
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'cli');

interface MessageSpec {
  ruleId: RuleId | null;
  severity: Severity;
  message: string;
  notice?: NoticeKind;
}

/** A message on the first occurrence of `needle` in `source`. */
export function messageAt(source: string, needle: string, spec: MessageSpec): LintMessage {
  const start = source.indexOf(needle);
  if (start < 0) throw new Error(`'${needle}' is not in the source`);
  const end = start + needle.length;
  return { ...spec, range: new LineMap(source).rangeOf(start, end), offset: { start, end } };
}
