import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FolderListings } from '../../rules/files/listings';

describe('files/listings', () => {
  const folder = path.resolve('/project/src');
  const listings = new FolderListings();
  listings.note(folder, ['index.ts', 'Client.ts', 'lib', 'modèle.ts']);

  const cases: Array<[string, string, boolean | undefined]> = [
    ['a listed name', path.join(folder, 'index.ts'), true],
    ['a listed folder (the caller decides what it is)', path.join(folder, 'lib'), true],
    ['a name the folder lacks', path.join(folder, 'tsconfig.json'), false],
    // A case-insensitive file system finds it; only the disk can tell.
    ['a listed name in other case', path.join(folder, 'client.ts'), undefined],
    // A file system may normalise Unicode (NFD against NFC).
    ['a missing name that is not ASCII', path.join(folder, 'modele\u0300.ts'), undefined],
    ['a listed name that is not ASCII', path.join(folder, 'modèle.ts'), true],
    ['a name in a folder not listed', path.join(folder, 'lib', 'index.ts'), undefined],
    ['a name in the parent, not listed', path.resolve('/project/package.json'), undefined],
  ];
  for (const [what, filePath, expected] of cases) {
    it(`${what}: ${expected}`, () => assert.equal(listings.holds(filePath), expected));
  }
});
