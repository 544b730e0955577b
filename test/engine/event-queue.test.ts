import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createEventQueue } from '../../src/engine/create-queue.js';
import { QUEUE_KINDS, type PendingEventQueue } from '../../src/engine/pending-queue.js';

/** Pops everything, returning [time, a] pairs. */
function drain(q: PendingEventQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let s = q.popSlot(); s >= 0; s = q.popSlot()) out.push([q.nowS, q.aOf(s)]);
  return out;
}

describe.each(QUEUE_KINDS)('EventQueue (%s)', (kind) => {
  it('pops equal times in insertion order', () => {
    const q = createEventQueue(kind, 16);
    for (let i = 0; i < 100; i++) q.push(i % 3 === 0 ? 1 : 2, 1, i, 0);
    const got = drain(q).map(([, a]) => a);
    const expected = [...Array(100).keys()].filter((i) => i % 3 === 0).concat([...Array(100).keys()].filter((i) => i % 3 !== 0));
    expect(got).toEqual(expected);
  });

  it('pops random schedules in (time, seq) order, with interleaved pops, pushes and cancellations', () => {
    // ops: push a time from a small set (forces ties), pop one, or cancel a previous handle
    const op = fc.oneof(
      fc.record({ t: fc.constant('push' as const), time: fc.integer({ min: 0, max: 20 }).map((x) => x / 4) }),
      fc.record({ t: fc.constant('pop' as const) }),
      fc.record({ t: fc.constant('cancel' as const), which: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = createEventQueue(kind, 16); // small: exercises growth
        // reference: live entries as {time, seq, id}; pops must follow the sorted order
        const ref: Array<{ time: number; seq: number; id: number }> = [];
        const handles: Array<{ h: number; id: number }> = [];
        let seq = 0;
        let floor = 0; // pushes never go below the last popped time, as in a simulation
        for (const o of ops) {
          if (o.t === 'push') {
            const time = floor + o.time;
            const id = seq;
            handles.push({ h: q.push(time, 1, id, 0), id });
            ref.push({ time, seq: seq++, id });
          } else if (o.t === 'pop') {
            ref.sort((x, y) => x.time - y.time || x.seq - y.seq);
            const want = ref.shift();
            const s = q.popSlot();
            if (want === undefined) expect(s).toBe(-1);
            else {
              expect(s).toBeGreaterThanOrEqual(0);
              expect([q.nowS, q.aOf(s)]).toEqual([want.time, want.id]);
              floor = want.time;
            }
          } else if (handles.length > 0) {
            const { h, id } = handles[o.which % handles.length]!;
            const i = ref.findIndex((r) => r.id === id);
            expect(q.cancel(h)).toBe(i >= 0); // true only while pending
            if (i >= 0) ref.splice(i, 1);
          }
          expect(q.length).toBe(ref.length);
        }
        ref.sort((x, y) => x.time - y.time || x.seq - y.seq);
        expect(drain(q)).toEqual(ref.map((r) => [r.time, r.id]));
        expect(q.length).toBe(0);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('cancels lazily: a cancelled event never pops, a stale or repeated cancel returns false', () => {
    const q = createEventQueue(kind);
    const h1 = q.push(1, 1, 1, 0);
    const h2 = q.push(2, 1, 2, 0);
    const h3 = q.push(3, 1, 3, 0);
    expect(q.cancel(h2)).toBe(true);
    expect(q.cancel(h2)).toBe(false);
    expect(q.length).toBe(2);
    const s = q.popSlot();
    expect(q.aOf(s)).toBe(1);
    expect(q.cancel(h1)).toBe(false); // already popped
    // the popped slot is reused by the next push: the old handle must not cancel the new event
    const h4 = q.push(2.5, 1, 4, 0);
    expect(h4).not.toBe(h1);
    expect(q.cancel(h1)).toBe(false);
    expect(q.cancel(-1)).toBe(false);
    expect(q.cancel(1.5)).toBe(false);
    expect(q.cancel(Number.NaN)).toBe(false);
    expect(drain(q).map(([, a]) => a)).toEqual([4, 3]);
    expect(q.cancel(h3)).toBe(false);
  });

  it('drops cancelled entries at the top for peekTime and respects untilS in popSlot', () => {
    const q = createEventQueue(kind);
    const h = q.push(1, 1, 1, 0);
    q.push(5, 1, 5, 0);
    q.cancel(h);
    expect(q.peekTime()).toBe(5);
    expect(q.popSlot(4.999)).toBe(-1);
    expect(q.length).toBe(1);
    const s = q.popSlot(5);
    expect(q.aOf(s)).toBe(5);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('grows past its initial capacity and keeps order (10 000 random events)', () => {
    const q = createEventQueue(kind, 16);
    let x = 12345;
    const times: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const t = x / 2 ** 32;
      times.push(t);
      q.push(t, 1, i, 0);
    }
    const popped = drain(q).map(([t]) => t);
    expect(popped).toEqual([...times].sort((p, r) => p - r));
  });

  it('clear() empties the queue and invalidates handles', () => {
    const q = createEventQueue(kind);
    const h = q.push(1, 1, 0, 0);
    q.push(2, 1, 0, 0);
    q.clear();
    expect(q.length).toBe(0);
    expect(q.cancel(h)).toBe(false);
    expect(q.popSlot()).toBe(-1);
    q.push(3, 1, 7, 0);
    expect(drain(q)).toEqual([[3, 7]]);
  });
});
