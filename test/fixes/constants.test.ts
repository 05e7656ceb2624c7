import * as assert from 'node:assert/strict';
import type * as TS from 'typescript';
import { literalMemberValue, openFile } from '../../rules/fixes/constants';

/** The value `literalMemberValue` gives the last expression statement of `code` (a module `./regions` may be given). */
function valueOf(code: string, regions?: string): string | undefined {
  const file = openFile('/project/src/app.ts', code);
  const last = file.sourceFile.statements.at(-1) as TS.ExpressionStatement;
  const project = { read: (filePath: string) => (filePath === '/project/src/regions.ts' ? regions : undefined), resolve: (_from: string, specifier: string) => (specifier === './regions' ? '/project/src/regions.ts' : undefined) };
  return literalMemberValue(last.expression, file, project);
}

describe('fixes/constants: members of enums and `as const` objects of literals', () => {
  const cases: Array<{ title: string; code: string; regions?: string; expected: string | undefined }> = [
    { title: 'a string enum member', code: "enum Region { EU = 'eu', US = 'us' }\nRegion.US;", expected: "'us'" },
    { title: 'a member TypeScript numbers', code: 'enum Setting { port, endpoint, deployment }\nSetting.deployment;', expected: '2' },
    { title: 'numbered on from a number', code: 'enum Level { low = 5, mid, high = -1, top }\nLevel.mid;', expected: '6' },
    { title: 'numbered after a negative number', code: 'enum Level { low = 5, mid, high = -1, top }\nLevel.top;', expected: '0' },
    { title: 'read by a literal key', code: "enum Region { EU = 'eu' }\nRegion['EU'];", expected: "'eu'" },
    { title: 'an `as const` object', code: "const Region = { EU: 'eu' } as const;\nRegion.EU;", expected: "'eu'" },
    { title: 'an enum another module exports', code: "import { Region } from './regions';\nRegion.EU;", regions: "export enum Region { EU = 'eu' }\n", expected: "'eu'" },
    { title: 'an `as const` object another module exports', code: "import { Region } from './regions';\nRegion.EU;", regions: "export const Region = { EU: 'eu' } as const;\n", expected: "'eu'" },
    { title: 'not: a plain object (its members can be assigned)', code: "const Region = { EU: 'eu' };\nRegion.EU;", expected: undefined },
    { title: 'not: a computed member', code: "enum Region { EU = 'eu'.length }\nRegion.EU;", expected: undefined },
    { title: 'a number after a string member', code: "enum Mixed { a = 'a', b = 1 }\nMixed.b;", expected: '1' },
    { title: 'not: a member the enum lacks', code: "enum Region { EU = 'eu' }\nRegion.US;", expected: undefined },
    { title: 'not: an enum a module does not export', code: "import { Region } from './regions';\nRegion.EU;", regions: "enum Region { EU = 'eu' }\n", expected: undefined },
    { title: 'not: a let', code: "let Region = { EU: 'eu' } as const;\nRegion.EU;", expected: undefined },
  ];
  for (const { title, code, regions, expected } of cases) {
    it(title, () => assert.equal(valueOf(code, regions), expected));
  }
});
