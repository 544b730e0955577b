import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LadderEventQueue } from '../../src/engine/ladder-queue.js';
import { BinaryEventQueue } from '../../src/engine/heap-queue.js';
import { Simulator } from '../../src/engine/index.js';
import type { PendingEventQueue } from '../../src/engine/pending-queue.js';

/**
 * The ladder queue must pop exactly what the binary heap pops, in the same order, for any
 * sequence of operations: the heap is itself checked against a sorted reference in
 * event-queue.test.ts. Time distributions are chosen to reach every tier and fallback: smooth
 * (exponential), ties (all equal, a coarse grid), tiny gaps (denormal-scale), huge spreads and
 * far outliers (a degenerate rung), and bursts large enough to pass the bottom's rebuild limit.
 */
const DISTS = ['exp', 'equal', 'grid', 'tiny', 'huge', 'outlier', 'mixed'] as const;
type Dist = (typeof DISTS)[number];

function delay(dist: Dist, x: number, i: number): number {
  switch (dist) {
    case 'exp':
      return -Math.log(1 - x);
    case 'equal':
      return 0;
    case 'grid':
      return Math.floor(x * 8) / 4;
    case 'tiny':
      return x * 1e-300;
    case 'huge':
      return x * 1e300;
    case 'outlier':
      return i % 97 === 0 ? 1e12 : x;
    case 'mixed':
      return [0, x, x * 1e-9, x * 1e9, 1][i % 5]!;
  }
}

type Op =
  | { t: 'burst'; dist: Dist; count: number; seed: number }
  | { t: 'pop'; count: number }
  | { t: 'cancel'; which: number }
  | { t: 'peek' }
  | { t: 'clear' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('burst' as const), dist: fc.constantFrom(...DISTS), count: fc.integer({ min: 1, max: 1500 }), seed: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('pop' as const), count: fc.integer({ min: 1, max: 1500 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('cancel' as const), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('peek' as const) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'clear' as const }) },
);

/** Applies ops to a queue and records everything observable. */
function replay(q: PendingEventQueue, ops: readonly Op[]): unknown[] {
  const out: unknown[] = [];
  const handles: number[] = [];
  let id = 0;
  for (const o of ops) {
    if (o.t === 'burst') {
      let x = o.seed >>> 0;
      for (let i = 0; i < o.count; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        // pushes never go below the clock, as in a simulation
        handles.push(q.push(q.nowS + delay(o.dist, x / 2 ** 32, i), 1 + (i % 3), id++, i));
      }
    } else if (o.t === 'pop') {
      for (let i = 0; i < o.count; i++) {
        const s = q.popSlot();
        if (s < 0) break;
        out.push([q.nowS, q.kindOf(s), q.aOf(s), q.bOf(s)]);
      }
    } else if (o.t === 'cancel') {
      if (handles.length > 0) out.push(['cancel', q.cancel(handles[o.which % handles.length]!)]);
    } else if (o.t === 'peek') out.push(['peek', q.peekTime()]);
    else q.clear();
    out.push(['length', q.length]);
  }
  for (let s = q.popSlot(); s >= 0; s = q.popSlot()) out.push([q.nowS, q.kindOf(s), q.aOf(s), q.bOf(s)]);
  return out;
}

describe('LadderEventQueue against the binary heap', () => {
  it('pops, peeks, cancels and counts exactly like the heap for random operations and time distributions', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        expect(replay(new LadderEventQueue(16), ops)).toEqual(replay(new BinaryEventQueue(16), ops));
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it.each(DISTS)('drains 20 000 events of distribution %s in (time, seq) order', (dist) => {
    const ops: Op[] = [
      { t: 'burst', dist, count: 20_000, seed: 1 },
      { t: 'pop', count: 5_000 },
      { t: 'burst', dist, count: 5_000, seed: 2 },
    ];
    expect(replay(new LadderEventQueue(16), ops)).toEqual(replay(new BinaryEventQueue(16), ops));
  });
});

describe('LadderEventQueue structure', () => {
  it('runs HOLD from buckets, not from one big heap (the ladder is engaged)', () => {
    const q = new LadderEventQueue(16);
    let x = 99;
    const expo = (): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return -Math.log((x + 0.5) / 2 ** 32);
    };
    for (let i = 0; i < 2_000; i++) q.push(expo(), 1, i, 0); // 200 000 holds: ~100 time units
    let last = 0, backwards = 0;
    for (let i = 0; i < 200_000; i++) {
      q.popSlot();
      if (q.nowS < last) backwards++;
      last = q.nowS;
      q.push(q.nowS + expo(), 1, i, 0);
    }
    expect(backwards).toBe(0);
    const st = q.stats();
    // nearly every event passed through a bucket (the rest were pushed straight into the open
    // one), buckets of a few dozen at most, several rungs
    expect(st.eventsOpened).toBeGreaterThanOrEqual(0.95 * 200_000);
    expect(st.eventsOpened / st.bucketsOpened).toBeLessThan(200); // one heap would hold all 2 000
    expect(st.rungsBuilt).toBeGreaterThanOrEqual(3);
    expect(st.rebuckets).toBe(0);
  });

  it('re-buckets a simulation that fans out from one event, and keeps (time, insertion) order', () => {
    const runTree = (queue: 'ladder' | 'binary-heap'): { trace: number[]; sim: Simulator } => {
      const sim = new Simulator({ seed: 3, queue, initialCapacity: 16 });
      const rng = sim.rng('tree');
      const trace: number[] = [];
      const NODE = sim.registerKind((depth, id) => {
        trace.push(sim.now, id);
        // 4 children per node down to depth 8: 87 381 events, most of them pending at once
        if (depth < 8) for (let c = 0; c < 4; c++) sim.schedule(rng.exponential(1), NODE, depth + 1, 4 * id + c + 1);
      });
      sim.schedule(0, NODE, 0, 0);
      sim.run();
      return { trace, sim };
    };
    const ladder = runTree('ladder');
    const heap = runTree('binary-heap');
    expect(ladder.trace.length).toBe(2 * 87_381);
    expect(ladder.trace).toEqual(heap.trace);
  });

  it('counts a rebucket when direct pushes make the bottom heap large', () => {
    const q = new LadderEventQueue(16);
    q.push(0, 1, 0, 0);
    q.popSlot(); // opens a one-event rung; the bottom now takes every push at or before its bucket
    for (let i = 0; i < 5_000; i++) q.push(i * 1e-3, 1, i, 0); // all land at or before bucket 0's end
    expect((q as LadderEventQueue).stats().rebuckets).toBeGreaterThanOrEqual(1);
    const times: number[] = [];
    for (let s = q.popSlot(); s >= 0; s = q.popSlot()) times.push(q.nowS);
    expect(times).toEqual([...Array(5_000).keys()].map((i) => i * 1e-3));
  });

  it('keeps order across growth in the middle of a bucket walk and cancels old handles by scanning', () => {
    const sim = new Simulator({ queue: 'ladder', initialCapacity: 16 });
    const ran: number[] = [];
    const REC = sim.registerKind((a) => ran.push(a));
    const handles = [...Array(50_000).keys()].map((i) => sim.schedule((i * 7919) % 50_000, REC, i));
    // the oldest handles are far outside the time ring: cancel() scans the tiers
    for (const i of [0, 1, 2, 12_345, 49_999]) expect(sim.cancel(handles[i]!)).toBe(true);
    expect(sim.cancel(handles[1]!)).toBe(false);
    sim.run();
    const want = [...Array(50_000).keys()].filter((i) => ![0, 1, 2, 12_345, 49_999].includes(i)).sort((a, b) => ((a * 7919) % 50_000) - ((b * 7919) % 50_000));
    expect(ran).toEqual(want);
  });
});
