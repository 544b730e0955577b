import { describe, expect, it } from 'vitest';
import { buildSystem, TorusFabric } from '../../src/hardware/index.js';
import { GB } from '../../src/units.js';
import { adjacency, bfsDistances, checkedRoute } from './graph-helpers.js';

// ring distance on a k-ring: min(d, k - d)
const ring = (a: number, b: number, k: number): number => Math.min((b - a + k) % k, (a - b + k) % k);

describe('trn2.48xlarge: 4x4 2D torus with wraparound', () => {
  const sys = buildSystem({ preset: 'trn2.48xlarge' });
  const t = sys.topology;

  it('has degree 4, 64 directed links of 256 GB/s (1,024 GB/s / 4), each with its reverse', () => {
    expect(t.chipCount).toBe(16);
    expect(t.linkCount).toBe(16 * 4);
    const adj = adjacency(t);
    for (let c = 0; c < 16; c++) expect(adj[c]!.length).toBe(4);
    for (let l = 0; l < t.linkCount; l++) {
      expect(t.linkBytesPerSecond(l)).toBe(256 * GB);
      expect(t.linkKind(l)).toBe('neuronlink');
      const rev = adj[t.linkDst(l)]!.some((m) => t.linkDst(m) === t.linkSrc(l));
      expect(rev).toBe(true);
    }
  });

  it('wraps around: chip (3, y) x+ reaches (0, y), (x, 0) y- reaches (x, 3)', () => {
    const xPlus = sys.linkIndex('s0.c3.x+');
    expect(t.linkSrc(xPlus)).toBe(3);
    expect(t.linkDst(xPlus)).toBe(0);
    const yMinus = sys.linkIndex('s0.c1.y-');
    expect(t.linkDst(yMinus)).toBe(1 + 4 * 3);
    expect(t.link(xPlus).name).toBe('s0.c3.x+');
  });

  it('hop distance is the sum of ring distances, equals BFS, and routes are valid shortest paths', () => {
    const adj = adjacency(t);
    for (let a = 0; a < 16; a++) {
      const dist = bfsDistances(t, adj, a);
      for (let b = 0; b < 16; b++) {
        const closed = ring(a % 4, b % 4, 4) + ring(a >> 2, b >> 2, 4);
        expect(t.hopCount(a, b)).toBe(closed);
        expect(dist[b]).toBe(closed);
        expect(checkedRoute(t, a, b).length).toBe(closed);
        expect(checkedRoute(t, a, b, 3).length).toBe(closed);
      }
    }
  });

  it('has diameter 2 + 2 = 4 and bisection 2 x 4 rings x 256 GB/s = 2.048 TB/s', () => {
    expect(t.diameter()).toBe(4);
    // cutting the X rings in half severs 2 links per ring (one is the wraparound), 4 rings
    expect(t.bisectionBytesPerSecond()).toBe(2 * 4 * 256 * GB);
  });

  it('places ranks chip by chip: 4 per chip at LNC=2, 8 at LNC=1', () => {
    expect(sys.rankCount).toBe(64);
    expect(sys.rankToChip(0)).toBe(0);
    expect(sys.rankToChip(3)).toBe(0);
    expect(sys.rankToChip(4)).toBe(1);
    expect(sys.rankToChip(63)).toBe(15);
    const lnc1 = buildSystem({ preset: 'trn2.48xlarge', lnc: 1 });
    expect(lnc1.rankCount).toBe(128);
    expect(lnc1.rankToChip(127)).toBe(15);
  });
});

describe('Trn2 UltraServer: 4x4x4 3D torus, Z ring across the 4 servers', () => {
  const sys = buildSystem({ preset: 'trn2-ultraserver' });
  const t = sys.topology;

  it('has degree 6; X/Y links 256 GB/s, Z links 128 GB/s (256 GB/s / 2) joining the same (x, y) of each server', () => {
    const adj = adjacency(t);
    for (let c = 0; c < 64; c++) expect(adj[c]!.length).toBe(6);
    const z = sys.linkIndex('us0.s3.c5.z+');
    expect(t.linkBytesPerSecond(z)).toBe(128 * GB);
    expect(t.linkSrc(z)).toBe(3 * 16 + 5);
    expect(t.linkDst(z)).toBe(5); // wraps round to server 0, same chip position
    expect(t.linkBytesPerSecond(sys.linkIndex('us0.s3.c5.y-'))).toBe(256 * GB);
  });

  it('hop distances equal the closed form and BFS; diameter 6; every route is a valid shortest path', () => {
    const adj = adjacency(t);
    let max = 0;
    for (let a = 0; a < 64; a++) {
      const dist = bfsDistances(t, adj, a);
      for (let b = 0; b < 64; b++) {
        const closed = ring(a % 4, b % 4, 4) + ring((a >> 2) % 4, (b >> 2) % 4, 4) + ring(a >> 4, b >> 4, 4);
        expect(t.hopCount(a, b)).toBe(closed);
        expect(dist[b]).toBe(closed);
        expect(checkedRoute(t, a, b, a + b).length).toBe(closed);
        max = Math.max(max, closed);
      }
    }
    expect(max).toBe(6);
    expect(t.diameter()).toBe(6);
  });

  it('reports its torus shape for placement: dims [4, 4, 4], local chip = x + 4y + 16z', () => {
    expect(sys.unitFabric).toEqual({ kind: 'torus', dims: [4, 4, 4] });
    expect(buildSystem({ preset: 'trn2.48xlarge' }).unitFabric).toEqual({ kind: 'torus', dims: [4, 4] });
    expect(buildSystem({ preset: 'trn2.3xlarge' }).unitFabric).toEqual({ kind: 'single' });
    expect(buildSystem({ preset: 'h100-8x' }).unitFabric).toEqual({ kind: 'switch' });
  });

  it('bisection is the Z cut: 2 x 16 rings x 128 GB/s = 4.096 TB/s (the X/Y cuts give 8.192 TB/s)', () => {
    expect(t.bisectionBytesPerSecond()).toBe(2 * 16 * 128 * GB);
  });

  it('routes dimension-order: x first, then y, then z', () => {
    const links = checkedRoute(t, 0, 1 + 4 + 16);
    expect(links.map((l) => t.link(l).name)).toEqual(['us0.s0.c0.x+', 'us0.s0.c1.y+', 'us0.s0.c5.z+']);
  });

  it('breaks a tie (distance 2 on a 4-ring) by the salt: + by default, - with the bit set', () => {
    expect(checkedRoute(t, 0, 2, 0).map((l) => t.link(l).name)).toEqual(['us0.s0.c0.x+', 'us0.s0.c1.x+']);
    expect(checkedRoute(t, 0, 2, 1).map((l) => t.link(l).name)).toEqual(['us0.s0.c0.x-', 'us0.s0.c3.x-']);
  });
});

describe('TorusFabric closed forms on other shapes', () => {
  it('a 2-ring has both links to the same neighbour and bisection N x B; an 8-ring diameter 4', () => {
    const two = new TorusFabric([{ size: 2, bytesPerSecond: 1, latencyS: 0 }], 't');
    expect(two.linkDst(0)).toBe(1);
    expect(two.linkDst(1)).toBe(1);
    expect(two.bisectionBytesPerSecond()).toBe(2);
    const eight = new TorusFabric([{ size: 8, bytesPerSecond: 1, latencyS: 0 }], 't');
    expect(eight.diameter()).toBe(4);
    expect(eight.hopCount(1, 7)).toBe(2);
  });

  it('trn1.32xlarge is a 4x4 torus of 96 GiB/s links (384 GiB/s / 4)', () => {
    const t = buildSystem({ preset: 'trn1.32xlarge' }).topology;
    expect(t.diameter()).toBe(4);
    expect(t.linkBytesPerSecond(0)).toBe((384 * 1024 ** 3) / 4);
  });
});
