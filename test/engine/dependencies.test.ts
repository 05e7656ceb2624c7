import * as assert from 'node:assert/strict';
import { DependencyRecorder, FewStrings, dependencyKeys } from '../../rules/engine/dependencies';

describe('engine/dependencies', () => {
  describe('FewStrings', () => {
    const cases: Array<[string, string[], string[]]> = [
      ['none', [], []],
      ['one', ['a'], ['a']],
      ['one, added again', ['a', 'a'], ['a']],
      ['two', ['a', 'b'], ['a', 'b']],
      ['many with repeats, in the order first added', ['b', 'a', 'b', 'c', 'a'], ['b', 'a', 'c']],
    ];
    for (const [what, added, expected] of cases) {
      it(`${what}: ${JSON.stringify(expected)}`, () => {
        const few = new FewStrings();
        for (const item of added) few.add(item);
        assert.deepEqual([...few], expected);
        assert.deepEqual([...FewStrings.of(added)], expected);
      });
    }
  });

  it('records what each computation read and used, nested computations apart', () => {
    const recorder = new DependencyRecorder();
    const file = dependencyKeys.file('/p/a.ts');
    const resolution = dependencyKeys.resolution('/p', './b');
    recorder.compute(file, () => {
      recorder.read('/p/a.ts');
      recorder.compute(resolution, () => {
        recorder.read('/p/b.ts');
        recorder.read('/p/b.ts');
      });
      recorder.use(resolution);
    });
    const brief = (key: string) => {
      const node = recorder.nodes.get(key)!;
      return { paths: [...node.paths], uses: [...node.uses] };
    };
    assert.deepEqual(brief(file), { paths: ['/p/a.ts'], uses: [resolution] });
    assert.deepEqual(brief(resolution), { paths: ['/p/b.ts'], uses: [] });
  });
});
