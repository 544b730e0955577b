import { describe, expect, it } from 'vitest';
import { latencyPercentiles, quantileSorted } from '../../../src/workload/inference/index.js';

describe('percentiles over requests (type 7, as numpy and llmperf)', () => {
  it('interpolates linearly between order statistics', () => {
    const x = new Float64Array([1, 2, 3, 4]);
    // h = (n - 1) q: q = 0.5 -> 1.5 -> 2.5; q = 0.9 -> 2.7 -> 3.7; q = 0.99 -> 2.97 -> 3.97
    expect(quantileSorted(x, 0.5)).toBeCloseTo(2.5, 12);
    expect(quantileSorted(x, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted(x, 0.99)).toBeCloseTo(3.97, 12);
    expect(quantileSorted(x, 0)).toBe(1);
    expect(quantileSorted(x, 1)).toBe(4);
  });

  it('sorts a copy and uses only the first n values', () => {
    const v = new Float64Array([5, 1, 3, 99, 99]);
    const p = latencyPercentiles(v, 3);
    expect(p.p50).toBe(3);
    expect(p.mean).toBe(3);
    expect(Array.from(v)).toEqual([5, 1, 3, 99, 99]);
    expect(latencyPercentiles(v, 0)).toEqual({ p50: 0, p90: 0, p99: 0, mean: 0 });
  });
});
