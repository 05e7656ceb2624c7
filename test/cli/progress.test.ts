import * as assert from 'node:assert/strict';
import { createProgress } from '../../rules/cli/progress';

function terminal(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } };
}

describe('progress line', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const { writes, stream } = terminal(false);
    let time = 0;
    const progress = createProgress(stream, () => time);
    for (time = 0; time < 2000; time += 50) progress.update(time, 2000);
    progress.clear();
    assert.deepEqual(writes, []);
  });

  it('overwrites one line at most ten times a second and erases it at the end', () => {
    const { writes, stream } = terminal(true);
    let time = 1000;
    const progress = createProgress(stream, () => time);
    progress.update(1, 20000); // within the first interval: a quick run shows nothing
    time += 100;
    progress.update(1234, 20000);
    time += 40;
    progress.update(1300, 20000); // too soon
    time += 60;
    progress.update(1400, 20000);
    progress.clear();
    assert.deepEqual(writes, ['\r\x1b[Kaidlint: 1234/20000 files', '\r\x1b[Kaidlint: 1400/20000 files', '\r\x1b[K']);
  });

  it('leaves the terminal alone when the run ended before the first update was shown', () => {
    const { writes, stream } = terminal(true);
    const progress = createProgress(stream, () => 0);
    progress.update(5, 10);
    progress.clear();
    assert.deepEqual(writes, []);
  });
});
