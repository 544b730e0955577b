import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../src/hardware/index.js';
import { buildSchedule, closedFormTimeS, placeGroup, resolveAlgorithm, DEFAULT_COLLECTIVE_PARAMS } from '../../src/collectives/index.js';

const trn2 = buildSystem({ preset: 'trn2.48xlarge' });
const ranks = (p: number) => Array.from({ length: p }, (_, i) => i);

describe('recursive doubling (rd)', () => {
  it('runs log2 p steps, each member exchanging its whole buffer with the partner at distance 2^j', () => {
    const s = buildSchedule('rd', 'all-reduce', placeGroup(trn2, ranks(16)), 1000, DEFAULT_COLLECTIVE_PARAMS);
    expect(s.steps.length).toBe(4);
    s.steps.forEach((st, j) => {
      expect(st.count).toBe(16);
      for (let t = 0; t < st.count; t++) {
        expect(st.to[t]).toBe(st.from[t]! ^ (1 << j));
        expect(st.bytes[t]).toBe(1000);
      }
    });
  });

  it('is an all-reduce algorithm only, on power-of-two groups', () => {
    expect(() => buildSchedule('rd', 'all-gather', placeGroup(trn2, ranks(16)), 1000, DEFAULT_COLLECTIVE_PARAMS)).toThrow(/rd/);
    expect(() => buildSchedule('rd', 'all-reduce', placeGroup(trn2, ranks(12)), 1000, DEFAULT_COLLECTIVE_PARAMS)).toThrow(/power-of-two/);
  });
});

describe('in-graph selection', () => {
  const candidates = ['mesh', 'rd', 'rdh', 'torus'] as const;
  for (const size of [4, 16384, 131072, 2 ** 20, 8 * 2 ** 20]) {
    it(`picks the cheapest small/mid-size algorithm for a 64-rank in-graph all-reduce of ${size} B`, () => {
      const req = { op: 'all-reduce' as const, ranks: ranks(64), sizeBytes: size, issue: 'in-graph' as const };
      const chosen = resolveAlgorithm(trn2, req);
      const t = closedFormTimeS(trn2, req);
      for (const c of candidates) expect(t).toBeLessThanOrEqual(closedFormTimeS(trn2, { ...req, algorithm: c }) + 1e-15);
      expect(candidates).toContain(chosen);
    });
  }

  it('keeps the 128 KiB decode all-reduce of 64 ranks off the mesh, and stand-alone calls on the switch points (C3)', () => {
    const req = { op: 'all-reduce' as const, ranks: ranks(64), sizeBytes: 131072 };
    expect(resolveAlgorithm(trn2, { ...req, issue: 'in-graph' })).toBe('rd');
    expect(resolveAlgorithm(trn2, req)).toBe('mesh'); // C3: mesh at 128 KiB
    expect(resolveAlgorithm(trn2, { ...req, sizeBytes: 2 ** 21, ranks: ranks(16) })).toBe('rdh'); // C3: rdh at 2 MiB
    expect(resolveAlgorithm(trn2, { ...req, sizeBytes: 2 ** 25, issue: 'in-graph' })).toBe('kangaring'); // large: KangaRing either way
  });
});
