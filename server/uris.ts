/** file: URIs ↔ paths. Maps inside the server are keyed by path; URIs are only for the protocol. */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function uriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}
