/**
 * `aidlint/addProvider`: adds a provider to a workspace folder's seam by the edits of
 * rules/fixes/add-provider, sent to the client as one WorkspaceEdit (`workspace/applyEdit`), so open
 * buffers, unsaved text and undo behave as for any edit.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { AddProviderError, addProvider } from '../rules/fixes/add-provider';
import { projectRootOf } from '../rules/fixes/seam-plan';
import { workspaceEdit } from './fix-actions';
import { ADD_PROVIDER_REQUEST, type AddProviderAnswer, type AddProviderParams } from './protocol';
import { pathOf } from './uris';
import type { Workspaces } from './workspaces';

export function listenForAddProvider(connection: Connection, workspaces: Workspaces): void {
  connection.onRequest(ADD_PROVIDER_REQUEST, async ({ folderUri, provider }: AddProviderParams): Promise<AddProviderAnswer> => {
    const root = pathOf(folderUri);
    if (!root) return { error: `not a folder on disk: ${folderUri}` };
    const workspace = workspaces.forFile(path.join(root, 'package.json'));
    const seamDir = workspace.configs().configFor(path.join(root, 'index.ts')).fix.seamDir;
    let result;
    try {
      result = addProvider(provider, seamDir, projectRootOf(path.join(seamDir, 'index.ts'), root, workspace.host), workspace.host);
    } catch (error) {
      if (error instanceof AddProviderError) return { error: error.message };
      throw error;
    }
    if (result.changes.length === 0) return { done: [`the seam has the '${provider}' provider already; nothing changed`] };
    const edit = workspaceEdit(result.changes, (filePath) => workspaces.openDocument(filePath));
    const applied = await connection.workspace.applyEdit({ label: `Add ${provider} to the AI seam`, edit });
    return applied.applied ? { done: result.done } : { error: applied.failureReason ?? 'the editor did not apply the edit' };
  });
}
