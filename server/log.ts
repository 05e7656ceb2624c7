/** Logging through the connection's console (the client's output channel); keys are always redacted. */
import type { Connection } from 'vscode-languageserver';
import { redactText } from '../rules/vendors/patterns';

export interface Log {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export function connectionLog(connection: Connection): Log {
  return {
    info: (message) => connection.console.info(redactText(message)),
    error: (message, error) => {
      const detail = error instanceof Error ? (error.stack ?? error.message) : error === undefined ? '' : String(error);
      connection.console.error(redactText(detail ? `${message}\n${detail}` : message));
    },
  };
}
