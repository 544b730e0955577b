import { describe, it, expect } from 'vitest';
import { Simulator } from 'trnsim/engine';

describe('trnsim/engine through the package exports', () => {
  it('runs events in (time, insertion) order and advances the clock', () => {
    const sim = new Simulator({ seed: 7 });
    const seen: number[] = [];
    const k = sim.registerKind((a) => seen.push(a), 'record');
    sim.schedule(2, k, 3);
    sim.schedule(1, k, 1);
    sim.schedule(1, k, 2);
    const r = sim.run();
    expect(seen).toEqual([1, 2, 3]);
    expect(r.reason).toBe('empty');
    expect(sim.now).toBe(2);
    expect(sim.eventsProcessed).toBe(3);
  });
});
