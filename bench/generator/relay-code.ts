/**
 * Modules between a package's shared client (`src/lib/openai.ts`) and the files that call it: plain code
 * that passes the client on, so only following imports across files finds the calls behind them.
 */
import type { RelayStyle } from './layout';

const RELAYS: Record<RelayStyle, string[]> = {
  // src/lib/ai/index.ts
  'client-barrel': ["export { openai } from '../openai';"],
  // src/lib/ai/client.ts
  'client-factory': [
    "import { openai } from './index';",
    '',
    '/** The client every feature uses; tests replace the module. */',
    'export function aiClient() {',
    '  return openai;',
    '}',
  ],
};

export function relayContent(style: RelayStyle): string {
  return `${RELAYS[style].join('\n')}\n`;
}
