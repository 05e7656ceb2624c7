/**
 * Quick fixes available on every aidlint diagnostic, returned as edits (not commands): disable the rule
 * for this line or for the file — merging into a directive that is already there, with a `-- reason`
 * placeholder — and open the rule's documentation.
 */
import { type CodeAction, CodeActionKind, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl } from '../rules/engine/rule';
import type { RuleId } from '../rules/engine/types';
import { isRuleId } from '../rules/definitions';
import type { DiagnosticData } from './diagnostics';
import { COMMANDS } from './protocol';

export const REASON_PLACEHOLDER = 'TODO: explain why';

const NEXT_LINE_DIRECTIVE = /^(\s*)\/\/\s*aidlint-disable-next-line\s+([^\n]*?)(\s+--\s+.*)?\s*$/;
const FILE_DIRECTIVE = /^\/\*\s*aidlint-disable\s+([^*]*?)(\s+--\s+[^*]*?)?\s*\*\/\s*$/;

export function codeActionsFor(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const ruleId = (diagnostic.data as DiagnosticData | undefined)?.ruleId;
    if (diagnostic.source !== 'aidlint' || !ruleId || !isRuleId(ruleId)) continue;
    const line = diagnostic.range.start.line;
    const add = (key: string, action: CodeAction) => {
      if (seen.has(key)) return;
      seen.add(key);
      actions.push({ ...action, diagnostics: [diagnostic] });
    };
    add(`line:${ruleId}:${line}`, {
      title: `Disable ${ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [document.uri]: [disableForLine(document, line, ruleId)] } },
    });
    add(`file:${ruleId}`, {
      title: `Disable ${ruleId} for the entire file`,
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [document.uri]: [disableForFile(document, ruleId)] } },
    });
    add(`docs:${ruleId}`, {
      title: `Show documentation for ${ruleId}`,
      kind: CodeActionKind.QuickFix,
      command: { title: `Show documentation for ${ruleId}`, command: COMMANDS.showDocumentation, arguments: [ruleDocsUrl(ruleId)] },
    });
  }
  return actions;
}

function disableForLine(document: TextDocument, line: number, ruleId: RuleId): TextEdit {
  const previous = line > 0 ? lineText(document, line - 1) : '';
  const existing = NEXT_LINE_DIRECTIVE.exec(previous);
  if (existing) {
    const [, indent, ids, reason] = existing;
    return replaceLine(document, line - 1, `${indent}// aidlint-disable-next-line ${mergeIds(ids, ruleId)}${reason ?? ` -- ${REASON_PLACEHOLDER}`}`);
  }
  const indent = /^\s*/.exec(lineText(document, line))![0];
  return insertLine(document, line, `${indent}// aidlint-disable-next-line ${ruleId} -- ${REASON_PLACEHOLDER}`);
}

function disableForFile(document: TextDocument, ruleId: RuleId): TextEdit {
  // A shebang must stay the first line.
  const first = lineText(document, 0).startsWith('#!') ? 1 : 0;
  const existing = FILE_DIRECTIVE.exec(lineText(document, first));
  if (existing) {
    const [, ids, reason] = existing;
    return replaceLine(document, first, `/* aidlint-disable ${mergeIds(ids, ruleId)}${reason ?? ` -- ${REASON_PLACEHOLDER}`} */`);
  }
  return insertLine(document, first, `/* aidlint-disable ${ruleId} -- ${REASON_PLACEHOLDER} */`);
}

function mergeIds(ids: string, ruleId: RuleId): string {
  const list = ids.split(/[\s,]+/).filter(Boolean);
  return (list.includes(ruleId) ? list : [...list, ruleId]).join(', ');
}

function lineText(document: TextDocument, line: number): string {
  if (line >= document.lineCount) return '';
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

function replaceLine(document: TextDocument, line: number, text: string): TextEdit {
  return { range: { start: { line, character: 0 }, end: { line, character: lineText(document, line).length } }, newText: text };
}

function insertLine(document: TextDocument, line: number, text: string): TextEdit {
  const eol = document.getText().includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text + eol };
}
