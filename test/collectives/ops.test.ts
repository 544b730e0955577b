import { describe, expect, it } from 'vitest';
import { buildSystem, NEURONLINK_HOP_LATENCY_S } from '../../src/hardware/index.js';
import { simulateCollective } from '../../src/collectives/index.js';
import type { CollectiveParams } from '../../src/collectives/index.js';
import { GB, MiB, US } from '../../src/units.js';

const system = buildSystem({ preset: 'trn2.48xlarge' });
const B = 256 * GB; // X/Y link, hardware.md §2.2 (derived, estimate)
const SIGMA = 5 * US;
const params: Partial<CollectiveParams> = { launchOverheadPerRoundS: 0, standaloneStepOverheadS: SIGMA, dmaEfficiency: 1000, p2pDmaEfficiency: 1000 };
const alpha = SIGMA + NEURONLINK_HOP_LATENCY_S;

describe('other ops, link-bound closed forms (alpha-beta mode)', () => {
  const S = 64 * MiB;
  const run = (op: 'send-recv' | 'broadcast' | 'all-to-all', ranks: number[], algorithm: 'mesh' | 'ring' | 'rdh') =>
    simulateCollective(system, { op, ranks, sizeBytes: S, algorithm }, { mode: 'alpha-beta', params }).timeS;

  it('send-recv between neighbour chips: alpha + S/B', () => {
    expect(run('send-recv', [0, 4], 'mesh') / (alpha + S / B)).toBeCloseTo(1, 12);
  });
  it('broadcast as a binomial tree on a 4-chip ring: 2 steps of S; 0 -> 2 is two hops', () => {
    // step 1: 0 -> 1 (one hop); step 2: 0 -> 2 (two hops, latency 2 x hop) and 1 -> 3 (two hops)
    const expected = SIGMA + NEURONLINK_HOP_LATENCY_S + S / B + SIGMA + 2 * NEURONLINK_HOP_LATENCY_S + S / B;
    expect(run('broadcast', [0, 4, 8, 12], 'rdh') / expected).toBeCloseTo(1, 12);
  });
  it('all-to-all pairwise exchange takes p-1 steps, mesh one', () => {
    const ranks = [0, 4, 8, 12];
    const ring = simulateCollective(system, { op: 'all-to-all', ranks, sizeBytes: S, algorithm: 'ring' }, { mode: 'alpha-beta', params });
    const mesh = simulateCollective(system, { op: 'all-to-all', ranks, sizeBytes: S, algorithm: 'mesh' }, { mode: 'alpha-beta', params });
    expect(ring.steps).toBe(3);
    expect(mesh.steps).toBe(1);
    expect(ring.busbwGiBps / ring.algbwGiBps).toBeCloseTo(3 / 4, 12);
  });
  it('rejects unknown calibration constants by name', () => {
    expect(() => simulateCollective(system, { op: 'send-recv', ranks: [0, 4], sizeBytes: 1 }, { params: { launchOverhead: 1 } as never })).toThrow(/options\.params\.launchOverhead: unknown calibration constant; valid: launchOverheadPerRoundS/);
  });
});
