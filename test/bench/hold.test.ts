import { describe, it, expect } from 'vitest';
import { Mulberry32 } from '../../bench/mulberry32.js';
import { runHold } from '../../bench/hold.js';

// Test vectors from ../shared/peers/README.md ("RNG" and "endTime"), seed 12345.
describe('Mulberry32 (the peers RNG)', () => {
  it('reproduces the README next_u32 vectors', () => {
    const r = new Mulberry32(12345);
    expect([r.nextU32(), r.nextU32(), r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([
      4207900869, 1317490944, 2079646450, 3513001552, 2187978186,
    ]);
  });

  it('reproduces the README expo vectors (within 1e-15 relative: Math.log may differ by an ulp)', () => {
    const r = new Mulberry32(12345);
    const want = [0.020480023442242288, 1.181714812806861, 0.725246037427276];
    for (const w of want) expect(Math.abs(r.expo() - w)).toBeLessThanOrEqual(1e-15 * w);
  });
});

describe('HOLD on the engine', () => {
  it.each([
    [3, 10, 1.8379950630261976],
    [1000, 1_000_000, 999.6260283958469],
    [100_000, 1_000_000, 9.995343376246389],
  ])('N=%i M=%i ends at the peers endTime (|a-b| <= 1e-12 |b|)', (n, m, endTime) => {
    const r = runHold(n, m, 12345);
    expect(Math.abs(r.endTime - endTime)).toBeLessThanOrEqual(1e-12 * endTime);
    expect(r.eventsPerSecond).toBeGreaterThan(0);
  });

  it('is off by far more than 1e-12 with one hold too many (the check can fail)', () => {
    const r = runHold(1000, 1_000_001, 12345);
    expect(Math.abs(r.endTime - 999.6260283958469) / 999.6260283958469).toBeGreaterThan(1e-9);
  });
});
