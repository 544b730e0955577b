import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSystem } from '../../src/hardware/index.js';
import { adjacency, bfsDistances } from './graph-helpers.js';

// Property: with any set of removed links inside one unit, every route avoids them, is a valid path,
// and is as short as a breadth-first search without them; it throws exactly when BFS finds no path.
function checkUnit(preset: string, linkCount: number): void {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: linkCount - 1 }), { maxLength: 24 }), fc.integer({ min: 0, max: 1000 }), (removedIds, seed) => {
      const links = Object.fromEntries(removedIds.map((l) => [`#${l}`, { removed: true }]));
      const sys = buildSystem({ preset, overrides: { links } });
      const t = sys.topology;
      const removed = new Set(removedIds);
      const adj = adjacency(t, (l) => removed.has(l));
      const out = new Int32Array(512);
      const src = seed % t.chipCount;
      const dist = bfsDistances(t, adj, src);
      for (let dst = 0; dst < t.chipCount; dst++) {
        if (dist[dst] === -1) {
          expect(() => t.route(src, dst, out)).toThrow(/no route/);
          continue;
        }
        const h = t.route(src, dst, out, seed);
        expect(h).toBe(dist[dst]);
        expect(t.hopCount(src, dst)).toBe(h);
        let cur = src;
        for (let i = 0; i < h; i++) {
          const l = out[i]!;
          expect(removed.has(l)).toBe(false);
          expect(t.linkSrc(l)).toBe(cur);
          cur = t.linkDst(l);
        }
        expect(cur).toBe(dst);
      }
    }),
    { numRuns: 40, seed: 7 },
  );
}

describe('routing around removed links', () => {
  it('on a Trn2 UltraServer (4x4x4 torus) routes are shortest detours', () => checkUnit('trn2-ultraserver', 384));
  it('on a trn2.48xlarge (4x4 torus) routes are shortest detours or a partition error', () => checkUnit('trn2.48xlarge', 64));
  it('on a Trn3 Gen2 UltraServer (switches and direct links) routes are shortest detours', () => checkUnit('trn3-ultraserver-144', buildSystem({ preset: 'trn3-ultraserver-144' }).topology.linkCount));
});
