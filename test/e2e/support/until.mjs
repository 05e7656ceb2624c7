// Polling instead of sleeping: the editor, the extension host and the language server all work
// asynchronously, so every check waits for the state it expects and fails with what it saw last.
import { setTimeout as delay } from 'node:timers/promises';

/** Long enough for a cold language server on a busy two-core machine; only a broken path waits it out. */
export const UI_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 150;

/**
 * Calls `probe` until `accept(value)` holds and returns that value. On timeout, throws naming `what` and
 * the last value seen (or the last error `probe` threw: a widget that is not there yet is not fatal).
 */
export async function until(what, probe, accept = Boolean, timeoutMs = UI_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `last error: ${lastError.message.split('\n')[0]}` : `last seen: ${JSON.stringify(last, null, 1)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${seen}`);
    }
    await delay(POLL_INTERVAL_MS);
  }
}
