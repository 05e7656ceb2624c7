/**
 * Module specifiers a file imports (`from '…'`, `require('…')`, `import('…')`, `import '…'`), found
 * without parsing and without decoding the whole file: only a short window after each keyword is read.
 */
import { type RawSource, codeAt, isWordCode } from '../vendors/patterns';

const KEYWORDS = ['from', 'require', 'import'];
const SPECIFIER = /^(?:from|require\s*\(|import\s*\(|import)\s*(['"])([^'"\n]+)\1/;
/** Long enough for a keyword, some spacing and any realistic specifier. */
const WINDOW = 300;

export function importSpecifiers(source: RawSource): string[] {
  const found: string[] = [];
  for (const keyword of KEYWORDS) {
    for (let at = source.indexOf(keyword); at !== -1; at = source.indexOf(keyword, at + keyword.length)) {
      if (at > 0 && isWordCode(codeAt(source, at - 1))) continue;
      const window = typeof source === 'string' ? source.slice(at, at + WINDOW) : source.toString('latin1', at, at + WINDOW);
      const match = SPECIFIER.exec(window);
      if (match) found.push(match[2]);
    }
  }
  return found;
}
