/** Progress of a long `trnsim run` (issue 19): quiet for two seconds, then a line in place on a terminal, or a plain line every ten seconds in a batch log. */
import { describe, expect, it } from 'vitest';
import { progressText, runProgress } from '../../src/cli/run-progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, s: { isTTY, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream };
}
const at = (elapsedS: number, events = 2_500_000) => ({ events, estimatedEvents: 10_000_000, elapsedS });

describe('run progress', () => {
  it('writes plain lines every ten seconds when stderr is not a terminal', () => {
    const { written, s } = stream(false);
    const p = runProgress(s);
    for (const t of [0.5, 1.9, 2.1, 5, 11, 12.2, 25]) p.onProgress(at(t));
    p.stop();
    expect(written).toEqual([
      'trnsim: simulating: 2.5M events (25% of the estimate, ~10.0M), 2 s\n',
      'trnsim: simulating: 2.5M events (25% of the estimate, ~10.0M), 12 s\n',
      'trnsim: simulating: 2.5M events (25% of the estimate, ~10.0M), 25 s\n',
    ]);
  });

  it('rewrites one line on a terminal and clears it at the end; --no-progress writes nothing', () => {
    const tty = stream(true);
    const p = runProgress(tty.s);
    p.onProgress(at(1));
    p.onProgress(at(3));
    p.onProgress(at(4, 20_000_000));
    p.stop();
    expect(tty.written).toEqual([`\r${progressText(at(3))}\x1b[K`, '\rtrnsim: simulating: 20.0M events (past the estimate of ~10.0M), 4 s\x1b[K', '\r\x1b[K']);
    const off = stream(true);
    const q = runProgress(off.s, false);
    q.onProgress(at(30));
    q.stop();
    expect(off.written).toEqual([]);
  });
});
