/**
 * Makes `editor.codeActionsOnSave: { "source.fixAll.aidlint": … }` apply every time.
 *
 * VS Code gives up on a save's code action request when any extension registers (or removes) a code action
 * provider while the request runs: `getCodeActions` (vs/editor/contrib/codeAction/browser/codeAction.ts)
 * cancels on every change of the provider registry, comparing all providers of the file with the ones it
 * asked, which differ as soon as another extension (TypeScript's) provides code actions for it. Extensions
 * activating as files are opened (JSON, Markdown) make this happen, mostly in the first seconds of a session.
 * Nothing is logged, and one of two things follows:
 * - the answer had already left the extension host: the editor drops it, and writes the file without the fix;
 * - it had not: the request is cancelled, the cancellation cancels the save, and the file stays unsaved.
 *
 * So the fix-all answered to a save is not cancelled with the editor's request, and is kept. If the editor
 * gave up on it before it arrived, or saves the document at the version it was made for (applying it would
 * have changed the version), the text is still the one it was made for: it is applied then, and the document
 * saved (again).
 */
import { setTimeout as delay } from 'node:timers/promises';
import * as vscode from 'vscode';
import { CancellationToken, type Middleware } from 'vscode-languageclient/node';
import { FIX_ALL_KIND } from '../server/protocol';

const SAVE_RETRY_MS = 300;

interface Answer {
  version: number;
  edit: vscode.WorkspaceEdit;
  /** What the editor runs after the edit (the install notice of a dependency the fix added). */
  command?: vscode.Command;
}

export class FixOnSave implements vscode.Disposable {
  /** By document URI: the fix-all answered to the last save request, and the version it was made for. */
  private readonly answered = new Map<string, Answer>();
  /** Documents this class is fixing and saving (their own save must not start another round). */
  private readonly applying = new Set<string>();
  private readonly listener: vscode.Disposable;
  private readonly fixAllKind = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.listener = vscode.workspace.onDidSaveTextDocument((document) => {
      const answer = this.answered.get(document.uri.toString());
      this.answered.delete(document.uri.toString());
      if (answer?.version === document.version) void this.apply(document, answer, 'saved it without that edit');
    });
  }

  readonly middleware: Middleware = {
    provideCodeActions: async (document, range, context, token, next) => {
      if (!this.isSaveFixAll(context)) return next(document, range, context, token);
      const { version } = document;
      const actions = await next(document, range, context, CancellationToken.None);
      const fixAll = actions?.find((action): action is vscode.CodeAction => action instanceof vscode.CodeAction && !!action.edit && !!action.kind && this.fixAllKind.contains(action.kind));
      // Only an edit that changes the document shows in its version whether the editor applied it.
      if (!fixAll?.edit || !changesDocument(fixAll.edit, document.uri)) return actions;
      const answer = { version, edit: fixAll.edit, command: fixAll.command };
      if (!token.isCancellationRequested) {
        this.answered.set(document.uri.toString(), answer);
        return actions;
      }
      // The editor stopped waiting; unless the text changed meanwhile (then a new save comes), apply it here.
      if (document.version === version && !document.isClosed) void this.apply(document, answer, 'stopped waiting for it');
      return undefined;
    },
  };

  dispose(): void {
    this.listener.dispose();
  }

  /** A save's request for fix-all: automatic, and asking for a kind that includes ours. */
  private isSaveFixAll(context: vscode.CodeActionContext): boolean {
    return context.triggerKind === vscode.CodeActionTriggerKind.Automatic && !!context.only?.contains(this.fixAllKind);
  }

  private async apply(document: vscode.TextDocument, answer: Answer, what: string): Promise<void> {
    const key = document.uri.toString();
    if (this.applying.has(key)) return;
    const name = vscode.workspace.asRelativePath(document.uri);
    this.log.info(`Fix on save: the editor asked for the fix-all of ${name} (version ${answer.version}), then ${what}; applying it and saving.`);
    this.applying.add(key);
    try {
      if (!(await vscode.workspace.applyEdit(answer.edit))) {
        this.log.warn(`Fix on save: the editor refused the fix-all edit for ${name}.`);
        return;
      }
      // Not awaited: a notice waits for the user, the save must not.
      if (answer.command) void vscode.commands.executeCommand(answer.command.command, ...(answer.command.arguments ?? []));
      if (!(await save(document))) this.log.warn(`Fix on save: ${name} could not be saved.`);
    } finally {
      this.applying.delete(key);
    }
  }
}

function changesDocument(edit: vscode.WorkspaceEdit, uri: vscode.Uri): boolean {
  return edit.get(uri).some((change) => !change.range.isEmpty || change.newText !== '');
}

/** Saves the document; a save refused because another one is running (an auto save) is tried again once it is over. */
async function save(document: vscode.TextDocument): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    if ((await document.save()) || !document.isDirty) return true;
    await delay(SAVE_RETRY_MS);
    if (!document.isDirty) return true;
  }
  return false;
}

