/** ESLint's default look: problems grouped by file, aligned columns, one summary line. */
import * as path from 'node:path';
import { styleText } from 'node:util';
import type { LintMessage, Severity } from '../../engine/types';
import { countBySeverity } from '../severity-counts';
import { oneBased, type Formatter } from './formatter';

type Style = Parameters<typeof styleText>[0];
type SingleStyle = Exclude<Style, unknown[]>;
type Paint = (style: Style, text: string) => string;

const SEVERITY_STYLE: Record<Severity, SingleStyle> = { error: 'red', warning: 'yellow', info: 'blue' };

interface Row {
  line: string;
  column: string;
  severity: Severity;
  message: string;
  ruleId: string;
}

export const stylish: Formatter = (results, { cwd, color }) => {
  // styleText would otherwise look at process.stdout itself; whether to colour is the caller's decision.
  const paint: Paint = color ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
  const counts = countBySeverity(results.flatMap((result) => result.messages));
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return '';

  let output = '\n';
  for (const result of results) {
    if (result.messages.length === 0) continue;
    output += `${paint('underline', path.relative(cwd, result.filePath))}\n`;
    output += `${formatTable(result.messages.map(toRow), paint)}\n\n`;
  }
  const summaryStyle = SEVERITY_STYLE[counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'info'];
  const summary =
    `✖ ${pluralize(total, 'problem')} ` +
    `(${pluralize(counts.error, 'error')}, ${pluralize(counts.warning, 'warning')}, ${pluralize(counts.info, 'info')})`;
  // Calls of vendor-only products are the lock-in no fix removes: counted apart.
  const vendorOnly = results.flatMap((result) => result.messages).filter((message) => message.data?.product !== undefined && message.ruleId === 'vendor-call').length;
  const lockIn = vendorOnly ? `\n${pluralize(vendorOnly, 'call')} of vendor-only features (no neutral equivalent)` : '';
  return `${output}${paint([summaryStyle, 'bold'], summary)}${lockIn}\n`;
};

function toRow(message: LintMessage): Row {
  const { line, column } = oneBased(message.range);
  return {
    line: String(line),
    column: String(column),
    severity: message.severity,
    // As ESLint does: a closing full stop adds nothing in a table.
    message: message.message.replace(/([^ ])\.$/u, '$1'),
    ruleId: message.ruleId ?? '',
  };
}

/** Pads before painting, so colour codes never upset the alignment. */
function formatTable(rows: Row[], paint: Paint): string {
  const width = (key: keyof Row) => Math.max(...rows.map((row) => row[key].length));
  const lineWidth = width('line');
  const columnWidth = width('column');
  const severityWidth = width('severity');
  const messageWidth = width('message');
  return rows
    .map((row) => {
      const position = paint('dim', `${row.line.padStart(lineWidth)}:${row.column}`) + ' '.repeat(columnWidth - row.column.length);
      const severity = paint(SEVERITY_STYLE[row.severity], row.severity) + ' '.repeat(severityWidth - row.severity.length);
      const ruleId = row.ruleId === '' ? '' : paint('dim', row.ruleId);
      return `  ${position}  ${severity}  ${row.message.padEnd(messageWidth)}  ${ruleId}`.trimEnd();
    })
    .join('\n');
}

function pluralize(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
