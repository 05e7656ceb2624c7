/** The starter aidlint.json written by `aidlint --init` and the editor's "Create aidlint.json" command. */
import schema from './aidlint.schema.json';

const SCHEMA_URL = 'https://raw.githubusercontent.com/aidlint/aidlint/main/rules/config/aidlint.schema.json';

/** Commented JSONC that spells out the defaults, so the lead's first edit starts from what is in force. */
export function initialConfigText(): string {
  const seam = JSON.stringify(schema.properties.seam.default);
  return `// aidlint: finds code hard-wired to one AI vendor. Hover a key for its meaning.
{
  "$schema": "${SCHEMA_URL}",
  // "recommended" reports vendor coupling as warnings and API keys as errors; "strict" reports more, louder.
  "extends": "recommended",
  // The seam: the only code allowed to use vendor AI SDKs directly (globs relative to this file).
  "seam": ${seam},
  // Per rule: "error", "warn", "info" or "off"; or [severity, options]. Every rule takes
  // "allow": globs of files where it is off.
  "rules": {
    "hardcoded-secret": "error"
    // "vendor-call": ["warn", { "allow": ["scripts/**"] }]
  }
}
`;
}
