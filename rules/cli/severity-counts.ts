import type { LintMessage, Severity } from '../engine/types';

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(messages: readonly LintMessage[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const message of messages) counts[message.severity]++;
  return counts;
}
