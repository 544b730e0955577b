import { describe, it, expect } from 'vitest';
import { Simulator, type QueueKind } from '../../src/engine/index.js';
import { UserInputError } from '../../src/user-input-error.js';

/** A simulator with one recording kind; trace entries are [time, a]. */
function recorder(options = {}) {
  const sim = new Simulator(options);
  const trace: Array<[number, number]> = [];
  const rec = sim.registerKind((a) => trace.push([sim.now, a]), 'record');
  return { sim, trace, rec };
}

describe('Simulator: run boundaries', () => {
  it('runs events at exactly untilS, leaves later ones, and sets the clock to untilS', () => {
    const { sim, trace, rec } = recorder();
    sim.schedule(1, rec, 1);
    sim.schedule(2, rec, 2);
    sim.schedule(2.0000001, rec, 3);
    const r = sim.run({ untilS: 2 });
    expect(trace).toEqual([[1, 1], [2, 2]]);
    expect(r).toEqual({ reason: 'until', events: 2, nowS: 2 });
    expect(sim.pending).toBe(1);
    // `until` is accepted as an alias; the clock moves to until even past the last event
    const r2 = sim.run({ until: 10 });
    expect(r2).toEqual({ reason: 'until', events: 1, nowS: 10 });
    expect(sim.run()).toEqual({ reason: 'empty', events: 0, nowS: 10 });
  });

  it('stops after maxEvents, then continues where it left off', () => {
    const { sim, trace, rec } = recorder();
    for (let i = 0; i < 5; i++) sim.schedule(i + 1, rec, i);
    expect(sim.run({ maxEvents: 2 })).toEqual({ reason: 'maxEvents', events: 2, nowS: 2 });
    expect(sim.run({ maxEvents: 0 })).toEqual({ reason: 'maxEvents', events: 0, nowS: 2 });
    // maxEvents reached exactly as the queue empties: the reason is 'empty'
    expect(sim.run({ maxEvents: 3 })).toEqual({ reason: 'empty', events: 3, nowS: 5 });
    expect(trace.map(([, a]) => a)).toEqual([0, 1, 2, 3, 4]);
    expect(sim.eventsProcessed).toBe(5);
  });

  it('counts and stops exactly across the dispatch loop re-entries of a long run (every 8192 events)', () => {
    const sim = new Simulator();
    let left = 30_000;
    const tick = sim.registerKind(() => {
      if (--left > 0) sim.schedule(1, tick);
    });
    sim.schedule(1, tick);
    // maxEvents not a multiple of the slice, then until in the middle of a slice, then to empty
    expect(sim.run({ maxEvents: 10_000 })).toEqual({ reason: 'maxEvents', events: 10_000, nowS: 10_000 });
    expect(sim.run({ untilS: 25_000.5 })).toEqual({ reason: 'until', events: 15_000, nowS: 25_000.5 });
    expect(sim.run()).toEqual({ reason: 'empty', events: 5_000, nowS: 30_000 });
    expect(sim.eventsProcessed).toBe(30_000);
    // stop() in a later slice ends the run there
    const s2 = new Simulator();
    let n = 0;
    const k = s2.registerKind(() => {
      if (++n === 20_000) s2.stop();
      s2.schedule(0.5, k);
    });
    s2.schedule(0, k);
    expect(s2.run()).toEqual({ reason: 'stopped', events: 20_000, nowS: 9_999.5 });
  });

  it('stop() from a handler returns after that event; step() dispatches one event', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const k = sim.registerKind((a) => {
      seen.push(a);
      if (a === 2) sim.stop();
    });
    for (let i = 1; i <= 4; i++) sim.schedule(i, k, i);
    expect(sim.run()).toEqual({ reason: 'stopped', events: 2, nowS: 2 });
    expect(sim.step()).toBe(true);
    expect(seen).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3);
    sim.stop(); // not running: no effect on the next run
    expect(sim.run().events).toBe(1);
    expect(sim.step()).toBe(false);
  });

  it('never moves the clock backwards, and a handler sees now = its event time', () => {
    const sim = new Simulator({ seed: 3 });
    const r = sim.rng('delays');
    let last = 0;
    let count = 0;
    const k = sim.registerKind((a) => {
      expect(sim.now).toBeGreaterThanOrEqual(last);
      expect(sim.now).toBe(a); // a carries the scheduled time
      last = sim.now;
      if (++count < 2000) {
        const d = r.int(3) * 0.5; // zero delays and ties included
        sim.schedule(d, k, sim.now + d);
      }
    });
    for (let i = 0; i < 10; i++) sim.schedule(i * 0.25, k, i * 0.25);
    sim.run();
    expect(count).toBe(2000 + 9);
  });
});

describe('Simulator: closure API and cancellation', () => {
  it('runs at/after closures in (time, insertion) order, mixed with kinds', () => {
    const { sim, trace, rec } = recorder();
    const order: string[] = [];
    sim.at(2, () => order.push('at2'));
    sim.after(1, () => order.push('after1'));
    sim.schedule(1, rec, 9);
    sim.after(1, () => {
      order.push('after1b');
      sim.after(0, () => order.push('nested0'));
    });
    sim.run();
    expect(order).toEqual(['after1', 'after1b', 'nested0', 'at2']);
    expect(trace).toEqual([[1, 9]]);
  });

  it('cancels kind events and closures by handle; a stale handle is refused', () => {
    const { sim, trace, rec } = recorder();
    const h1 = sim.schedule(1, rec, 1);
    sim.schedule(2, rec, 2);
    let ran = false;
    const hc = sim.after(1.5, () => (ran = true));
    expect(sim.cancel(h1)).toBe(true);
    expect(sim.cancel(hc)).toBe(true);
    expect(sim.cancel(hc)).toBe(false);
    expect(sim.pending).toBe(1);
    sim.run();
    expect(ran).toBe(false);
    expect(trace).toEqual([[2, 2]]);
    expect(sim.cancel(h1)).toBe(false);
  });
});

describe('Simulator: hooks', () => {
  it('calls hooks after each event with (time, kind, a, b) and stops after removal', () => {
    const { sim, rec } = recorder();
    const seen: number[][] = [];
    const off = sim.onEvent((t, kind, a, b) => seen.push([t, kind, a, b]));
    sim.schedule(1, rec, 5, 6);
    sim.schedule(2, rec, 7, 8);
    sim.run({ maxEvents: 1 });
    off();
    sim.run();
    expect(seen).toEqual([[1, rec, 5, 6]]);
  });

  it('takes a hook added or removed by a handler into account from the next event', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    let off: () => void = () => {};
    const k = sim.registerKind((a) => {
      if (a === 1) off = sim.onEvent((_t, _k, x) => seen.push(x));
      if (a === 3) off();
    });
    for (let i = 1; i <= 4; i++) sim.schedule(i, k, i);
    expect(sim.run()).toEqual({ reason: 'empty', events: 4, nowS: 4 });
    expect(seen).toEqual([2]); // added during event 1: from event 2 on; removed during event 3: not for 3
  });
});

describe('Simulator: bad input', () => {
  const cases: Array<[string, (s: Simulator, k: number) => unknown, RegExp]> = [
    ['negative delay', (s, k) => s.schedule(-1, k), /schedule: delay .* got -1/],
    ['NaN delay', (s, k) => s.schedule(Number.NaN, k), /schedule: delay .* got NaN/],
    ['infinite delay', (s, k) => s.schedule(Infinity, k), /schedule: delay .* got Infinity/],
    ['string delay', (s, k) => s.schedule('1' as unknown as number, k), /schedule: delay .* got the string "1"/],
    ['time before now', (s, k) => s.scheduleAt(0.5, k), /scheduleAt: time .* >= now \(1\), got 0.5/],
    ['NaN time', (s, k) => s.scheduleAt(Number.NaN, k), /scheduleAt: time .* got NaN/],
    ['infinite time', (s) => s.at(Infinity, () => {}), /at: time .* got Infinity/],
    ['unknown kind', (s) => s.schedule(1, 99), /schedule: unknown event kind 99 \(registered kinds: 1\.\.1\); register a handler/],
    ['closure kind 0', (s) => s.schedule(1, 0), /schedule: unknown event kind 0/],
    ['fractional kind', (s) => s.scheduleAt(2, 1.5), /scheduleAt: unknown event kind 1.5/],
    ['negative after', (s) => s.after(-2, () => {}), /after: delay .* got -2/],
    ['non-function closure', (s) => s.after(1, 5 as unknown as () => void), /after: expected a function, got 5/],
    ['until before now', (s) => s.run({ untilS: 0 }), /run\(\{until\}\): until .* >= now \(1\).* got 0/],
    ['NaN until', (s) => s.run({ until: Number.NaN }), /run\(\{until\}\): .* got NaN/],
    ['negative maxEvents', (s) => s.run({ maxEvents: -1 }), /run\(\{maxEvents\}\): .* got -1/],
    ['fractional maxEvents', (s) => s.run({ maxEvents: 1.5 }), /run\(\{maxEvents\}\): .* got 1.5/],
    ['non-function handler', (s) => s.registerKind(null as unknown as () => void), /registerKind: expected a function, got null/],
    ['empty stream name', (s) => s.rng(''), /rng\(name\): expected a non-empty string/],
  ];

  it.each(cases)('%s: throws a UserInputError naming the call and value, queue intact', (_name, call, message) => {
    const { sim, trace, rec } = recorder();
    sim.schedule(1, rec, 1);
    sim.run({ maxEvents: 1 }); // now = 1
    sim.schedule(1, rec, 2);
    sim.schedule(2, rec, 3);
    let err: unknown;
    try {
      call(sim, rec);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as Error).message).toMatch(message);
    expect(sim.pending).toBe(2);
    expect(sim.now).toBe(1);
    sim.run();
    expect(trace).toEqual([[1, 1], [2, 2], [3, 3]]);
  });

  it('refuses nested run() and step() from a handler', () => {
    const sim = new Simulator();
    const errors: string[] = [];
    const k = sim.registerKind(() => {
      for (const f of [() => sim.run(), () => sim.step()]) {
        try {
          f();
        } catch (e) {
          errors.push((e as Error).message);
        }
      }
    });
    sim.schedule(1, k);
    sim.run();
    expect(errors).toEqual([expect.stringMatching(/^run\(\): the simulator is already running/), expect.stringMatching(/^step\(\): /)]);
  });

  it('rejects a bad queue, queueArity or seed at construction', () => {
    expect(() => new Simulator({ queueArity: 3 as 2 })).toThrow(/queueArity.*expected 2 or 4, got 3/);
    expect(() => new Simulator({ queue: 'calendar' as 'ladder' })).toThrow(
      /new Simulator\(\{ queue \}\): expected 'ladder', 'binary-heap' or '4-ary-heap', got the string "calendar"/,
    );
    expect(new Simulator().queueKind).toBe('ladder');
    expect(new Simulator({ queueArity: 4 }).queueKind).toBe('4-ary-heap');
    expect(new Simulator({ queue: 'binary-heap', queueArity: 4 }).queueKind).toBe('binary-heap');
    expect(() => new Simulator({ seed: Number.NaN })).toThrow(/seed.*got NaN/);
  });
});

describe('Simulator: determinism', () => {
  function trace(seed: number, queue: QueueKind): string {
    const sim = new Simulator({ seed, queue });
    const arr = sim.rng('arrivals');
    const svc = sim.rng('service');
    const out: string[] = [];
    const k = sim.registerKind((a, b) => {
      out.push(`${sim.now}:${a}:${b}`);
      if (sim.eventsProcessed < 3000) sim.schedule(arr.exponential(2), k, a + 1, svc.int(5));
      if (a % 7 === 0) sim.schedule(svc.next(), k, a + 2, 0);
    });
    sim.schedule(0, k, 0, 0);
    sim.run();
    return out.join('\n');
  }

  it('gives the same trace for the same seed (any queue kind), another for another seed', () => {
    const t1 = trace(11, 'ladder');
    expect(trace(11, 'ladder')).toBe(t1);
    expect(trace(11, 'binary-heap')).toBe(t1);
    expect(trace(11, '4-ary-heap')).toBe(t1);
    expect(trace(12, 'ladder')).not.toBe(t1);
  });

  it('draws the same numbers from a named stream whatever other streams exist or were created first', () => {
    const a = new Simulator({ seed: 5 });
    const xs = [a.rng('faults').next(), a.rng('faults').next()];
    const b = new Simulator({ seed: 5 });
    b.rng('arrivals').next();
    b.rng('other').exponential(3);
    const ys = [b.rng('faults').next(), b.rng('faults').next()];
    expect(ys).toEqual(xs);
    expect(new Simulator({ seed: 6 }).rng('faults').next()).not.toBe(xs[0]);
  });
});
