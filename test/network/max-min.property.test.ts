import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maxMinShares } from '../../src/network/index.js';
import { Simulator } from '../../src/engine/index.js';
import { createFlowNetwork } from '../../src/network/index.js';
import { ExplicitTopology, TEXTBOOK, type FixtureLink } from './fixtures.js';

const TOL = 1e-9;

/** Random problem: L links with capacities, K classes with a path of distinct links and a weight. */
const problemArb = fc
  .record({
    capacities: fc.array(fc.double({ min: 0.5, max: 100, noNaN: true }), { minLength: 1, maxLength: 8 }),
    classes: fc.array(
      fc.record({
        picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        weight: fc.integer({ min: 1, max: 5 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map(({ capacities, classes }) => ({
    capacitiesBytesPerSecond: capacities,
    paths: classes.map((c) => [...new Set(c.picks.map((p) => p % capacities.length))]),
    weights: classes.map((c) => c.weight),
  }));

describe('maxMinShares', () => {
  it('reproduces the textbook three-link, four-flow rates', () => {
    const s = maxMinShares({ capacitiesBytesPerSecond: TEXTBOOK.capacities, paths: TEXTBOOK.paths });
    s.rateBytesPerSecond.forEach((r, i) => expect(r).toBeCloseTo(TEXTBOOK.rates[i]!, 14));
    s.linkLoadBytesPerSecond.forEach((l, i) => expect(l).toBeCloseTo(TEXTBOOK.loads[i]!, 14));
  });

  it('never loads a link beyond its capacity', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const s = maxMinShares(p);
        p.capacitiesBytesPerSecond.forEach((cap, l) => {
          let load = 0;
          p.paths.forEach((path, k) => {
            if (path.includes(l)) load += p.weights[k]! * s.rateBytesPerSecond[k]!;
          });
          expect(load).toBeLessThanOrEqual(cap * (1 + TOL));
          expect(Math.abs(load - s.linkLoadBytesPerSecond[l]!)).toBeLessThanOrEqual(cap * TOL);
        });
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('bottlenecks every class on a saturated link where no class gets more (max-min optimality)', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const s = maxMinShares(p);
        const rate = s.rateBytesPerSecond;
        p.paths.forEach((path, k) => {
          const bottleneck = path.some((l) => {
            const cap = p.capacitiesBytesPerSecond[l]!;
            const saturated = s.linkLoadBytesPerSecond[l]! >= cap * (1 - TOL);
            const maximal = p.paths.every((other, j) => !other.includes(l) || rate[j]! <= rate[k]! * (1 + TOL));
            return saturated && maximal;
          });
          expect(bottleneck).toBe(true);
        });
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('rejects a path naming a link that does not exist', () => {
    expect(() => maxMinShares({ capacitiesBytesPerSecond: [1], paths: [[0, 3]] })).toThrow(/paths\[0\]\[1\] = 3/);
  });
});

/** A random small graph topology: chips 0..n-1, each pair routed over a fixed random link subset. */
function randomTopology(caps: number[], routes: number[][][]): ExplicitTopology {
  const links: FixtureLink[] = caps.map((c, i) => ({ src: 0, dst: 0, bytesPerSecond: c, latencyS: i * 1e-7 }));
  const n = routes.length;
  return new ExplicitTopology(n, n, links, (s, d) => routes[s]![d]!);
}

describe('flow network: max-min invariants at every instant', () => {
  it('keeps every link within capacity and every active flow bottlenecked, after each recomputation', () => {
    const arb = fc.record({
      caps: fc.array(fc.double({ min: 1, max: 50, noNaN: true }), { minLength: 2, maxLength: 6 }),
      routeSeeds: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { minLength: 16, maxLength: 16 }),
      flows: fc.array(
        fc.record({ at: fc.double({ min: 0, max: 2, noNaN: true }), src: fc.nat(3), dst: fc.nat(3), bytes: fc.integer({ min: 1, max: 100 }) }),
        { minLength: 1, maxLength: 25 },
      ),
    });
    fc.assert(
      fc.property(arb, ({ caps, routeSeeds, flows }) => {
        const routes = [0, 1, 2, 3].map((s) => [0, 1, 2, 3].map((d) => [...new Set(routeSeeds[s * 4 + d]!.map((x) => x % caps.length))]));
        const topo = randomTopology(caps, routes);
        const sim = new Simulator();
        const kind = sim.registerKind(() => {}, 'done');
        const net = createFlowNetwork(sim, topo);
        const live: Array<{ id: number; src: number; dst: number }> = [];
        for (const f of flows) {
          if (f.src === f.dst) continue;
          sim.at(f.at, () => live.push({ id: net.startFlow(f.src, f.dst, f.bytes, kind), src: f.src, dst: f.dst }));
        }
        let checks = 0;
        sim.onEvent((_t, k) => {
          const name = sim.kindName(k);
          if (name !== 'network.update' && name !== 'network.completion') return;
          checks++;
          for (let l = 0; l < caps.length; l++) expect(net.linkLoadBytesPerSecond(l)).toBeLessThanOrEqual(caps[l]! * (1 + TOL));
          const active = live.filter((f) => Number.isNaN(net.flowEndS(f.id)));
          for (const f of active) {
            const r = net.flowRateBytesPerSecond(f.id);
            const ok = routes[f.src]![f.dst]!.some((l) => {
              const saturated = net.linkLoadBytesPerSecond(l) >= caps[l]! * (1 - TOL);
              const maximal = active.every((g) => !routes[g.src]![g.dst]!.includes(l) || net.flowRateBytesPerSecond(g.id) <= r * (1 + TOL));
              return saturated && maximal;
            });
            expect(ok).toBe(true);
          }
        });
        sim.run();
        expect(net.activeFlowCount).toBe(0);
        if (live.length > 0) expect(checks).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: 21 },
    );
  });
});
