/**
 * Quick fixes from the fix engine as LSP code actions: one per fixable diagnostic (offered disabled, with
 * the reason, when the fix cannot keep the program correct), and `source.fixAll.aidlint`, which works with
 * `editor.codeActionsOnSave`. Edits are WorkspaceEdits with file creations for a new seam, never commands;
 * a command only follows an edit that needs the user's step (installing a dependency it added).
 */
import * as fs from 'node:fs';
import {
  type CodeAction,
  CodeActionKind,
  type Command,
  type CreateFile,
  type DeleteFile,
  type Diagnostic,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isRuleId, rules } from '../rules/definitions';
import { fixFile } from '../rules/fixes/fix-all';
import { type FixInput, fixesForFile } from '../rules/fixes/file-fixes';
import type { SeamPlan } from '../rules/fixes/seam-plan';
import { minimalChange } from '../rules/fixes/text-changes';
import type { FileChange } from '../rules/fixes/types';
import type { DiagnosticData } from './diagnostics';
import { CLIENT_COMMANDS, FIX_ALL_KIND } from './protocol';
import { uriOf } from './uris';

export interface FixContext {
  input: FixInput;
  document: TextDocument;
  /** The open document of a file, if any (its version goes into the edit). */
  openDocument(filePath: string): TextDocument | undefined;
  /** The file operations the client's workspace edits can make (with versioned document edits). */
  fileOperations: { create: boolean; delete: boolean };
}

export function quickFixes(context: FixContext, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const fixable = diagnostics.filter((diagnostic) => {
    const ruleId = (diagnostic.data as DiagnosticData | undefined)?.ruleId;
    return diagnostic.source === 'aidlint' && !!ruleId && isRuleId(ruleId) && rules[ruleId].meta.fixable;
  });
  if (fixable.length === 0) return [];
  const fixes = fixesForFile(context.input);
  const actions: CodeAction[] = [];
  for (const diagnostic of fixable) {
    const start = context.document.offsetAt(diagnostic.range.start);
    const end = context.document.offsetAt(diagnostic.range.end);
    for (const fix of fixes.filter((candidate) => candidate.ruleId === diagnostic.code && candidate.span.start === start && candidate.span.end === end)) {
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.kind === 'wrap-call' };
      const creates = fix.changes.some((change) => change.create);
      const removes = fix.changes.some((change) => change.remove);
      if (fix.disabledReason) action.disabled = { reason: fix.disabledReason };
      else if (creates && !context.fileOperations.create) action.disabled = { reason: 'This editor cannot create the seam files through LSP; run `aidlint --fix` instead.' };
      else if (removes && !context.fileOperations.delete) action.disabled = { reason: 'This editor cannot delete files through LSP, and this fix deletes a module it leaves empty.' };
      else {
        action.edit = workspaceEdit(fix.changes, context.openDocument, context.input.filePath);
        action.command = afterFixCommand(fix.changes);
      }
      actions.push(action);
    }
  }
  return actions;
}

/** The fix-all action (none when nothing applies), and what was applied and left, for the log. */
export function fixAllAction(context: FixContext): { action?: CodeAction; applied: number; skipped: string[] } {
  const seams = new Map<string, SeamPlan>();
  const result = fixFile(context.input, seams);
  const outcome = { applied: result.applied.length, skipped: result.skipped.map(({ fix, reason }) => `${fix.title}: ${reason}`) };
  if (result.text === undefined) return outcome;
  const seamChanges = [...seams.values()].flatMap((plan) => plan.changes());
  if (seamChanges.some((change) => change.create) && !context.fileOperations.create) {
    return { applied: 0, skipped: [...outcome.skipped, 'the seam would have to be created, and this editor cannot create files through LSP'] };
  }
  const changes: FileChange[] = [{ filePath: context.input.filePath, changes: [minimalChange(context.input.text, result.text)] }, ...(result.otherFiles ?? []), ...seamChanges];
  return { ...outcome, action: { title: 'Fix all aidlint problems', kind: FIX_ALL_KIND, edit: workspaceEdit(changes, context.openDocument, context.input.filePath), command: afterFixCommand(changes) } };
}

/** The client's command that tells the user what to do after the edit (install an added dependency), if anything. */
function afterFixCommand(changes: readonly FileChange[]): Command | undefined {
  const notices = changes.flatMap((change) => (change.notice ? [change.notice] : []));
  return notices.length ? { title: 'What to do after this fix', command: CLIENT_COMMANDS.afterFix, arguments: notices } : undefined;
}

/** The file changes as one WorkspaceEdit; only \`versionedFile\`'s open document is version-checked. */
export function workspaceEdit(changes: readonly FileChange[], openDocument: FixContext['openDocument'], versionedFile?: string): WorkspaceEdit {
  const documentChanges: Array<TextDocumentEdit | CreateFile | DeleteFile> = [];
  for (const change of changes) {
    const uri = uriOf(change.filePath);
    if (change.remove) {
      documentChanges.push({ kind: 'delete', uri, options: { ignoreIfNotExists: false } });
      continue;
    }
    if (change.create) {
      documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
      documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: change.create.content }] });
      continue;
    }
    const open = openDocument(change.filePath);
    const document = open ?? TextDocument.create(uri, 'typescript', 0, readText(change.filePath));
    const edits: TextEdit[] = change.changes.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText }));
    // Only the document the action is for is version-checked: other open files (the seam's config, just
    // created by a previous fix) may be reloaded by the editor meanwhile, and a stale version there would
    // make the editor reject the whole edit.
    const version = open && change.filePath === versionedFile ? open.version : null;
    documentChanges.push({ textDocument: { uri, version }, edits });
  }
  return { documentChanges };
}

function readText(filePath: string): string {
  try {
    return fs.readFileSync(filePath, 'utf8');
  } catch {
    return '';
  }
}
