import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../src/hardware/index.js';
import { simulateCollective, simulateConcurrent } from '../../src/collectives/index.js';
import { GiB, MiB } from '../../src/units.js';

// LNC=2: 4 ranks per chip; rank 4c sits on chip c. Rows of the 4x4 torus: chips 0-3 (y=0), 4-7 (y=1).
const row0 = [0, 4, 8, 12];
const row1 = [16, 20, 24, 28];

describe('collectives on the flow network', () => {
  const healthy = buildSystem({ preset: 'trn2.48xlarge' });
  // chip 0's x+ link (to chip 1) at 5 % of its bandwidth
  const degraded = buildSystem({ preset: 'trn2.48xlarge', overrides: { links: { 's0.c0.x+': { scale: 0.05 } } } });
  const ring = (ranks: number[]) => ({ op: 'all-reduce' as const, ranks, sizeBytes: 1 * GiB, algorithm: 'ring' as const });

  it('a degraded link slows exactly the collectives that cross it', () => {
    const a0 = simulateCollective(healthy, ring(row0)).timeS;
    const a1 = simulateCollective(degraded, ring(row0)).timeS;
    const b0 = simulateCollective(healthy, ring(row1)).timeS;
    const b1 = simulateCollective(degraded, ring(row1)).timeS;
    expect(a1).toBeGreaterThan(2 * a0); // the ring 0 -> 1 -> 2 -> 3 crosses s0.c0.x+
    expect(b1).toBe(b0); // row 1 never touches it
    // the same holds when both run at once on one network
    const [ca, cb] = simulateConcurrent(degraded, [ring(row0), ring(row1)]);
    expect(ca!.timeS).toBeCloseTo(a1, 12);
    expect(cb!.timeS).toBeCloseTo(b0, 12);
  });

  it('concurrent collectives on shared links contend', () => {
    // four send-recv pairs between chips 0 and 1 (ranks 0-3 -> 4-7) share the x link of chip 0
    const pairs = [0, 1, 2, 3].map((i) => ({ op: 'send-recv' as const, ranks: [i, 4 + i], sizeBytes: 256 * MiB, algorithm: 'mesh' as const }));
    // DMA not binding (send-recv's own DMA rate, p2pDmaEfficiency, would otherwise mask the link)
    const options = { params: { p2pDmaEfficiency: 1 } };
    const alone = simulateCollective(healthy, pairs[0]!, options).timeS;
    const together = simulateConcurrent(healthy, pairs, options).map((r) => r.timeS);
    for (const t of together) expect(t).toBeGreaterThan(1.3 * alone);
  });

  it('all-to-all conserves bytes: link bytes = sum over pairs of S/p x hops', () => {
    const sys = buildSystem({ preset: 'trn2.48xlarge', lnc: 2 });
    const ranks = Array.from({ length: 16 }, (_, c) => 4 * c); // one rank on each of the 16 chips
    const S = 16 * MiB;
    const r = simulateCollective(sys, { op: 'all-to-all', ranks, sizeBytes: S, algorithm: 'mesh' });
    let expected = 0;
    for (const i of ranks) for (const j of ranks) if (i !== j) expected += (S / 16) * sys.topology.hopCount(sys.rankToChip(i), sys.rankToChip(j));
    const carried = r.linkBytes!.reduce((a, l) => a + l.bytes, 0);
    expect(carried / expected).toBeCloseTo(1, 9);
  });

  it('is deterministic: the same request gives the same time and link bytes', () => {
    const req = { op: 'all-reduce' as const, ranks: Array.from({ length: 64 }, (_, i) => i), sizeBytes: 64 * MiB };
    const a = simulateCollective(healthy, req);
    const b = simulateCollective(healthy, req);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('hierarchical all-reduce across two servers pays EFA and beats a flat ring there', () => {
    const two = buildSystem({ preset: 'trn2.48xlarge', count: 2 });
    const ranks = Array.from({ length: 128 }, (_, i) => i);
    const h = simulateCollective(two, { op: 'all-reduce', ranks, sizeBytes: 256 * MiB, issue: 'in-graph' });
    expect(h.algorithm).toBe('hierarchical');
    const one = simulateCollective(healthy, { op: 'all-reduce', ranks: ranks.slice(0, 64), sizeBytes: 256 * MiB, issue: 'in-graph', algorithm: 'ring' });
    expect(h.timeS).toBeGreaterThan(0);
    expect(h.linkBytes!.some((l) => l.name.includes('efa'))).toBe(true);
    expect(one.linkBytes!.some((l) => l.name.includes('efa'))).toBe(false);
  });
});
