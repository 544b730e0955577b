import { describe, it, expect } from 'vitest';
import { Simulator } from '../../src/engine/index.js';
import { createEventQueue } from '../../src/engine/create-queue.js';
import { QUEUE_KINDS } from '../../src/engine/pending-queue.js';

describe.each(QUEUE_KINDS)('handles and growth (%s)', (queue) => {
  it('grows while a run is dispatching and keeps (time, insertion) order', () => {
    // each event at depth d < 9 schedules two children at +1 and +2: 2^10 - 1 events in all, far
    // past the initial capacity of 16, so the heap grows in the middle of run()
    const sim = new Simulator({ initialCapacity: 16, queue });
    const seen: Array<[number, number]> = [];
    const SPLIT = sim.registerKind((depth, id) => {
      seen.push([sim.now, id]);
      if (depth < 9) {
        sim.schedule(1, SPLIT, depth + 1, 2 * id + 1);
        sim.schedule(2, SPLIT, depth + 1, 2 * id + 2);
      }
    });
    sim.schedule(0, SPLIT, 0, 0);
    const r = sim.run();
    expect(r).toEqual({ reason: 'empty', events: 1023, nowS: 18 }); // deepest: 9 steps of +2
    // times never decrease, and equal times run in the order they were scheduled
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
    // every node of the binary tree ran exactly once
    expect(seen.map(([, id]) => id).sort((a, b) => a - b)).toEqual([...Array(1023).keys()]);
  });

  it('cancels a handle older than the time ring (2^15 pushes) by scanning the heap', () => {
    const sim = new Simulator({ queue });
    const ran: number[] = [];
    const REC = sim.registerKind((a) => ran.push(a));
    let left = 40_000;
    const TICK = sim.registerKind(() => {
      if (--left > 0) sim.schedule(1e-3, TICK);
    });
    const far = sim.schedule(1e6, REC, 7);
    const farToo = sim.schedule(2e6, REC, 8);
    const farCancelled = sim.schedule(3e6, REC, 9);
    expect(sim.cancel(farCancelled)).toBe(true); // while recent: flagged in the ring
    sim.schedule(0, TICK);
    sim.run({ untilS: 100 }); // 40 000 ticks: the handles are now older than the ring
    expect(sim.pending).toBe(2);
    expect(sim.cancel(farCancelled)).toBe(false); // its ring cell was reused: found among the cancelled keys
    expect(sim.cancel(far)).toBe(true);
    expect(sim.cancel(far)).toBe(false);
    expect(sim.pending).toBe(1);
    sim.run();
    expect(ran).toEqual([8]);
    expect(sim.cancel(farToo)).toBe(false); // ran
  });

  it('cancels across every growth of the ring (1,024 to 2^15 cells), as a reference model says', () => {
    // pushes at pseudo-random times, each step cancelling one earlier handle (recent or old, some
    // twice, some already popped), across the ring's doublings at seqs 1,024 ... 16,384 and past
    // 2^15: every cancel answers as a plain set of pending handles does, and the run pops exactly
    // the live events in (time, seq) order
    const q = createEventQueue(queue, 16);
    const live = new Set<number>();
    let x = 12345;
    const rand = (): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let popped = 0;
    for (let i = 0; i < 40_000; i++) {
      const h = q.push(q.nowS + rand() * 10, 1, i, 0);
      live.add(h);
      const victim = Math.floor(rand() * (h + 1));
      expect(q.cancel(victim)).toBe(live.delete(victim));
      if (i % 3 === 0 && q.popSlot() >= 0) {
        const a = q.aOf();
        expect(live.has(a)).toBe(true); // the seq of push i is i
        live.delete(a);
        popped++;
      }
    }
    expect(q.length).toBe(live.size);
    let last = -Infinity;
    while (q.popSlot() >= 0) {
      expect(q.nowS).toBeGreaterThanOrEqual(last);
      last = q.nowS;
      expect(live.delete(q.aOf())).toBe(true);
      popped++;
    }
    expect(live.size).toBe(0);
    expect(popped).toBeGreaterThan(10_000);
  });

  it('refuses a second cancel of an entry already discarded from the top, and handles after clear', () => {
    const q = createEventQueue(queue);
    const h1 = q.push(1, 1, 1, 0);
    const h2 = q.push(2, 1, 2, 0);
    expect(q.cancel(h1)).toBe(true);
    expect(q.peekTime()).toBe(2); // discards h1's entry
    expect(q.cancel(h1)).toBe(false);
    // an event pushed before the discarded one's time is still cancellable (the clock is at 0)
    const h3 = q.push(0.5, 1, 3, 0);
    expect(q.cancel(h3)).toBe(true);
    expect(q.length).toBe(1);
    q.clear();
    expect(q.cancel(h2)).toBe(false);
    const h4 = q.push(3, 1, 4, 0);
    expect(q.cancel(h4)).toBe(true);
    expect(q.popSlot()).toBe(-1);
  });

  it('a handle cancels only its own event among many at the same time', () => {
    const sim = new Simulator({ queue });
    const ran: number[] = [];
    const REC = sim.registerKind((a) => ran.push(a));
    const handles = [...Array(50).keys()].map((i) => sim.schedule(5, REC, i));
    for (const i of [3, 17, 49, 0]) expect(sim.cancel(handles[i]!)).toBe(true);
    sim.run();
    expect(ran).toEqual([...Array(50).keys()].filter((i) => ![3, 17, 49, 0].includes(i)));
  });

  it('dispatches the highest kind with its payload and refuses kinds beyond the packing limit', () => {
    const sim = new Simulator({ queue });
    const got: number[][] = [];
    let last = 0;
    // kind 0 is the closure API's; kinds 1..4095 fit the packed (seq, kind) key
    for (let i = 1; i < 4096; i++) last = sim.registerKind((a, b) => got.push([i, a, b]));
    expect(last).toBe(4095);
    expect(() => sim.registerKind(() => {})).toThrow(/registerKind: a simulator takes at most 4095 event kinds/);
    sim.schedule(1, 4095, 2.5, -7);
    sim.schedule(1, 1, 1e300, 0.125);
    sim.run();
    expect(got).toEqual([[4095, 2.5, -7], [1, 1e300, 0.125]]);
  });
});
