/**
 * `textEdit`: the single edit between two texts that the incremental parser and the records per statement
 * are told about. It must turn the old text into the new one and be the smallest such edit (longest common
 * prefix, then longest common suffix of the rest), or the parser reuses nodes the edit touched.
 */
import * as assert from 'node:assert/strict';
import { textEdit } from '../../rules/engine/text';

function check(before: string, after: string): void {
  const { start, oldEnd, newLength } = textEdit(before, after);
  assert.equal(before.slice(0, start) + after.slice(start, start + newLength) + before.slice(oldEnd), after, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  const limit = Math.min(before.length, after.length);
  // Smallest: the prefix cannot grow, and neither can the suffix within what the prefix left.
  assert.ok(start === limit || before[start] !== after[start], `prefix ends at ${start}`);
  const suffix = before.length - oldEnd;
  assert.ok(suffix === limit - start || before[oldEnd - 1] !== after[start + newLength - 1], `suffix starts at ${oldEnd}`);
}

describe('textEdit: the smallest single edit between two texts', () => {
  const cases: Array<[string, string, string, { start: number; oldEnd: number; newLength: number }]> = [
    ['identical texts', 'model: "gpt-4o"', 'model: "gpt-4o"', { start: 15, oldEnd: 15, newLength: 0 }],
    ['a character typed in the middle', "model: 'gpt-4o'", "model: 'gpt-4ox'", { start: 14, oldEnd: 14, newLength: 1 }],
    ['a character deleted', "model: 'gpt-4ox'", "model: 'gpt-4o'", { start: 14, oldEnd: 15, newLength: 0 }],
    ['a word replaced', 'const a = openai;', 'const a = azure;', { start: 10, oldEnd: 16, newLength: 5 }],
    ['typed at the start', 'x', 'yx', { start: 0, oldEnd: 0, newLength: 1 }],
    ['typed at the end', 'x', 'xy', { start: 1, oldEnd: 1, newLength: 1 }],
    ['a run of equal characters grown: the edit is placed after the common prefix', 'aaaa', 'aaaaa', { start: 4, oldEnd: 4, newLength: 1 }],
    ['everything deleted', 'abc', '', { start: 0, oldEnd: 3, newLength: 0 }],
    ['from nothing', '', 'abc', { start: 0, oldEnd: 0, newLength: 3 }],
    ['astral characters compared as UTF-16 code units', 'a😀b', 'a😃b', { start: 2, oldEnd: 3, newLength: 1 }],
  ];
  for (const [title, before, after, expected] of cases) {
    it(title, () => {
      assert.deepEqual(textEdit(before, after), expected);
      check(before, after);
    });
  }

  it('is the smallest edit for seeded random edits of a large text (prefix and suffix found by halving)', () => {
    let seed = 7;
    const random = (below: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % below);
    const alphabet = 'ab \n{}';
    let text = Array.from({ length: 5000 }, () => alphabet[random(alphabet.length)]).join('');
    for (let edit = 0; edit < 300; edit++) {
      const start = random(text.length + 1);
      const end = Math.min(text.length, start + random(20));
      const inserted = Array.from({ length: random(20) }, () => alphabet[random(alphabet.length)]).join('');
      const next = text.slice(0, start) + inserted + text.slice(end);
      check(text, next);
      text = next;
    }
  });
});
