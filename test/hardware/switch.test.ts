import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../src/hardware/index.js';
import { GB, TB } from '../../src/units.js';
import { adjacency, bfsDistances, checkedRoute } from './graph-helpers.js';

/** Checks every chip pair; `expected` gives the closed-form hop count. Mismatches are collected. */
function allPairs(preset: string, expected: (a: number, b: number) => number): void {
  const t = buildSystem({ preset }).topology;
  const adj = adjacency(t);
  const bad: string[] = [];
  for (let a = 0; a < t.chipCount; a++) {
    const dist = bfsDistances(t, adj, a);
    for (let b = 0; b < t.chipCount; b++) {
      const h = t.hopCount(a, b);
      const r0 = checkedRoute(t, a, b).length;
      const r1 = checkedRoute(t, a, b, 1).length;
      const e = expected(a, b);
      if (h !== e || r0 !== h || r1 !== h || dist[b] !== h) bad.push(`${a}->${b}: hops ${h}, routes ${r0}/${r1}, bfs ${dist[b]}, closed form ${e}`);
    }
  }
  expect(bad.slice(0, 5)).toEqual([]);
}

describe('h100-8x: 8 GPUs on NVSwitch', () => {
  it('every GPU pair is 2 hops through the switch at 450 GB/s each way (900 GB/s both directions)', () => {
    const t = buildSystem({ preset: 'h100-8x' }).topology;
    expect(t.nodeCount).toBe(9);
    expect(t.linkBytesPerSecond(0)).toBe(450 * GB);
    expect(t.linkKind(0)).toBe('nvlink');
    allPairs('h100-8x', (a, b) => (a === b ? 0 : 2));
    expect(t.diameter()).toBe(2);
    // half the GPUs' switch links: 4 x 450 GB/s
    expect(t.bisectionBytesPerSecond()).toBe(1.8 * TB);
  });
});

describe('Trn3 Gen1 (64 chips): NeuronSwitch per half plus direct links s <-> s+2', () => {
  it('same half 2 hops, the partner (chip i of server s+2) 1 hop, other chips of the other half 3; all shortest', () => {
    allPairs('trn3-ultraserver-64', (a, b) => {
      const sameHalf = a < 32 === b < 32;
      return a === b ? 0 : sameHalf ? 2 : Math.abs(a - b) === 32 ? 1 : 3;
    });
    const sys = buildSystem({ preset: 'trn3-ultraserver-64' });
    const direct = sys.linkIndex('us0.s0.c5.direct');
    expect(sys.topology.linkDst(direct)).toBe(2 * 16 + 5);
    expect(sys.topology.diameter()).toBe(3);
  });

  it('splits the 2.56 TB/s per chip 9/11 to the switch and 2/11 direct (estimate); bisection = 32 direct links', () => {
    const sys = buildSystem({ preset: 'trn3-ultraserver-64' });
    const t = sys.topology;
    const up = t.linkBytesPerSecond(sys.linkIndex('us0.s1.c2.nl.up'));
    const direct = t.linkBytesPerSecond(sys.linkIndex('us0.s1.c2.direct'));
    expect(up + direct).toBeCloseTo(2.56 * TB, 0);
    expect(direct / (up + direct)).toBeCloseTo(2 / 11, 12);
    expect(t.bisectionBytesPerSecond()).toBeCloseTo(32 * direct, 0);
  });
});

describe('Trn3 Gen2 (144 chips): switch per 4-chip server, two second-level switches, direct links k <-> k+18', () => {
  it('same server 2, same half 4, partner 1, partner server 3, otherwise 5 hops; all shortest', () => {
    allPairs('trn3-ultraserver-144', (a, b) => {
      const half = (c: number): boolean => c < 72;
      const server = (c: number): number => Math.floor(c / 4);
      if (a === b) return 0;
      if (half(a) === half(b)) return server(a) === server(b) ? 2 : 4;
      if (Math.abs(a - b) === 72) return 1;
      return server(a + (a < 72 ? 72 : -72)) === server(b) ? 3 : 5;
    });
    expect(buildSystem({ preset: 'trn3-ultraserver-144' }).topology.diameter()).toBe(5);
  });

  it('names first-level switch links by server: us0.sw5.up goes from server 5 switch to its second level', () => {
    const sys = buildSystem({ preset: 'trn3-ultraserver-144' });
    const l = sys.linkIndex('us0.sw5.up');
    expect(l).toBeGreaterThanOrEqual(0);
    expect(sys.topology.link(l).name).toBe('us0.sw5.up');
    expect(sys.topology.linkKind(l)).toBe('switch');
  });
});
