import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../src/hardware/index.js';
import { NEURONLINK_HOP_LATENCY_S } from '../../src/hardware/index.js';
import { closedFormTimeS, ringAllReduceClosedFormS, simulateCollective } from '../../src/collectives/index.js';
import type { CollectiveParams } from '../../src/collectives/index.js';
import { GB, MiB, US } from '../../src/units.js';

// trn2.48xlarge at LNC=2: chips 0..3 are the x ring at y = 0 (Neuron docs trn2-arch.rst); one rank per chip
const system = buildSystem({ preset: 'trn2.48xlarge' });
const ranks = [0, 4, 8, 12];
const B = 256 * GB; // one X link, per-link split of the chip figure (derived, estimate)
const SIGMA = 5 * US;
// make the links the bottleneck: no launch, DMA far faster than a link
const params: Partial<CollectiveParams> = { launchOverheadPerRoundS: 0, ringStepOverheadS: SIGMA, dmaEfficiency: 1000 };

describe('ring all-reduce over uncontended neighbour links', () => {
  for (const p of [2, 4]) {
    for (const S of [4096, 64 * MiB]) {
      const group = ranks.slice(0, p);
      // T = 2(p-1) alpha + 2(p-1)/p S / B, alpha = step overhead + one NeuronLink hop
      const expected = ringAllReduceClosedFormS(p, S, SIGMA + NEURONLINK_HOP_LATENCY_S, B);
      it(`p=${p}, S=${S}: alpha-beta mode equals the closed form exactly`, () => {
        const r = simulateCollective(system, { op: 'all-reduce', ranks: group, sizeBytes: S, algorithm: 'ring' }, { mode: 'alpha-beta', params });
        expect(r.timeS / expected).toBeCloseTo(1, 12);
        expect(closedFormTimeS(system, { op: 'all-reduce', ranks: group, sizeBytes: S, algorithm: 'ring' }, { params }) / expected).toBeCloseTo(1, 12);
        expect(r.steps).toBe(2 * (p - 1));
      });
      it(`p=${p}, S=${S}: flow mode within 1% of the closed form`, () => {
        const r = simulateCollective(system, { op: 'all-reduce', ranks: group, sizeBytes: S, algorithm: 'ring' }, { mode: 'flow', params });
        expect(Math.abs(r.timeS / expected - 1)).toBeLessThan(0.01);
      });
    }
  }

  it('reduce-scatter plus all-gather equals all-reduce (in-graph: no launch to double count)', () => {
    const req = { ranks, sizeBytes: 32 * MiB, algorithm: 'ring' as const, issue: 'in-graph' as const };
    const ar = simulateCollective(system, { ...req, op: 'all-reduce' }).timeS;
    const rs = simulateCollective(system, { ...req, op: 'reduce-scatter' }).timeS;
    const ag = simulateCollective(system, { ...req, op: 'all-gather' }).timeS;
    expect((rs + ag) / ar).toBeCloseTo(1, 9);
  });

  it('in-graph issue saves exactly the stand-alone launch', () => {
    const all = Array.from({ length: 16 }, (_, i) => i);
    const sa = simulateCollective(system, { op: 'all-reduce', ranks: all, sizeBytes: 4, algorithm: 'mesh' });
    const ig = simulateCollective(system, { op: 'all-reduce', ranks: all, sizeBytes: 4, algorithm: 'mesh', issue: 'in-graph' });
    expect(sa.timeS).toBeGreaterThan(ig.timeS);
    // 16 ranks: launch = 4 rounds; in-graph steps are cheaper too (12.6 us vs the stand-alone step)
    expect(ig.timeS).toBeLessThan(60 * US);
  });
});
