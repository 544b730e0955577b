import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulator } from '../../src/engine/index.js';
import { alphaBetaTransferS, createFlowNetwork } from '../../src/network/index.js';
import { isUserInputError } from '../../src/user-input-error.js';
import { ExplicitTopology, lineTopology, starTopology, type FixtureLink } from './fixtures.js';

function expectRel(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

/** Line with heterogeneous links: link bandwidth and latency vary per hop. */
function unevenLine(bws: number[], lats: number[]): ExplicitTopology {
  const links: FixtureLink[] = bws.map((bw, i) => ({ src: i, dst: i + 1, bytesPerSecond: bw, latencyS: lats[i]! }));
  return new ExplicitTopology(bws.length + 1, bws.length + 1, links, (s, d) => {
    if (d <= s) throw new Error('forward only');
    return Array.from({ length: d - s }, (_, i) => s + i);
  });
}

describe('alphaBetaTransferS', () => {
  it('is latency sum + bytes / bottleneck bandwidth', () => {
    const topo = unevenLine([100e9, 25e9, 50e9], [1e-6, 2e-6, 3e-6]);
    // 0 -> 3: latency 6 us, bottleneck 25 GB/s
    expectRel(alphaBetaTransferS(topo, 0, 3, 1e8), 6e-6 + 1e8 / 25e9);
    expectRel(alphaBetaTransferS(topo, 2, 3, 1e8), 3e-6 + 1e8 / 50e9);
    expect(alphaBetaTransferS(topo, 1, 1, 1e8)).toBe(0);
    expectRel(alphaBetaTransferS(topo, 0, 2, 0), 3e-6);
  });

  it('names the bad argument', () => {
    const topo = lineTopology(3, 1e9, 0);
    expect(() => alphaBetaTransferS(topo, 0, 5, 1)).toThrow(/dst must be a chip index in 0\.\.2, got 5/);
    expect(() => alphaBetaTransferS(topo, 0, 1, -1)).toThrow(/bytes must be a finite number >= 0/);
  });
});

describe('alpha-beta vs flow mode', () => {
  it('agree exactly when nothing is shared (flows one after another, random sizes and paths)', () => {
    const topo = unevenLine([100e9, 25e9, 50e9, 12.5e9, 200e9], [1e-6, 2e-6, 0.5e-6, 4e-6, 0.1e-6]);
    fc.assert(
      fc.property(
        fc.array(fc.record({ src: fc.nat(4), len: fc.integer({ min: 1, max: 5 }), bytes: fc.integer({ min: 0, max: 1e9 }) }), {
          minLength: 1,
          maxLength: 10,
        }),
        (specs) => {
          const ends: Record<string, number[]> = {};
          for (const mode of ['flow', 'alpha-beta'] as const) {
            const sim = new Simulator();
            const net = createFlowNetwork(sim, topo, { mode });
            const out: number[] = [];
            let i = 0;
            // each flow starts when the previous one has been notified: never two at once
            const kind = sim.registerKind(() => {
              out.push(sim.now);
              next();
            }, 'done');
            const next = () => {
              const s = specs[i++];
              if (!s) return;
              const dst = Math.min(5, s.src + s.len);
              const f = net.startFlow(s.src, dst, s.bytes, kind);
              const alone = alphaBetaTransferS(topo, s.src, dst, s.bytes);
              if (mode === 'alpha-beta') expectRel(net.flowEndS(f), net.flowStartS(f) + alone);
            };
            next();
            sim.run();
            ends[mode] = out;
          }
          expect(ends['flow']!.length).toBe(specs.length);
          ends['flow']!.forEach((t, k) => expectRel(t, ends['alpha-beta']![k]!));
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });

  it('alpha-beta ignores contention: N flows on one link each take the lone-flow time', () => {
    const bw = 1e9, lat = 1e-6, n = 5, bytes = 1e6;
    const sim = new Simulator();
    const times: number[] = [];
    const kind = sim.registerKind(() => times.push(sim.now), 'done');
    const net = createFlowNetwork(sim, lineTopology(2, bw, lat), { mode: 'alpha-beta' });
    for (let i = 0; i < n; i++) net.startFlow(0, 1, bytes, kind);
    expect(net.activeFlowCount).toBe(n);
    sim.run();
    expect(times.length).toBe(n);
    for (const t of times) expectRel(t, lat + bytes / bw);
    expect(net.activeFlowCount).toBe(0);
    expectRel(net.linkBytesCarried(0), n * bytes);
    // the n intervals coincide: the union is one interval of bytes / bw
    expectRel(net.linkBusyS(0), bytes / bw);
    expect(net.touchedLinks()).toEqual([0]);
    expect(net.counters().flowsCompleted).toBe(n);
  });

  it('alpha-beta reports each flow at its bottleneck rate until its last byte has left', () => {
    const topo = unevenLine([100e9, 25e9], [1e-6, 1e-6]);
    const sim = new Simulator();
    const kind = sim.registerKind(() => {}, 'done');
    const net = createFlowNetwork(sim, topo, { mode: 'alpha-beta' });
    const f = net.startFlow(0, 2, 25e6, kind); // 1 ms of bytes at 25 GB/s, then 2 us of latency
    expect(net.flowRateBytesPerSecond(f)).toBe(25e9);
    sim.run({ untilS: 0.5e-3 });
    expectRel(net.linkBusyS(1), 0.5e-3);
    sim.run({ untilS: 1.001e-3 }); // bytes gone, notification 2 us after 1 ms still pending
    expect(net.flowRateBytesPerSecond(f)).toBe(0);
    sim.run();
    expectRel(net.flowEndS(f), 1e-3 + 2e-6);
    expectRel(net.linkBusyS(0), 1e-3);
  });
});

describe('network input errors', () => {
  const sim = new Simulator();
  const kind = sim.registerKind(() => {}, 'done');
  const net = createFlowNetwork(sim, starTopology(4, 1e9, 1e-6, [3]));

  function errorOf(fn: () => unknown): Error {
    try {
      fn();
    } catch (e) {
      return e as Error;
    }
    throw new Error('expected a throw');
  }

  it('names the argument and the valid range', () => {
    const e = errorOf(() => net.startFlow(0, 9, 10, kind));
    expect(isUserInputError(e)).toBe(true);
    expect(e.message).toMatch(/startFlow: dst must be a chip index in 0\.\.3, got 9/);
    expect(errorOf(() => net.startFlow(0, 1, NaN, kind)).message).toMatch(/bytes must be a finite number >= 0, got NaN/);
    expect(errorOf(() => net.startFlow(0, 1, 1, 99)).message).toMatch(/notifyKind 99 is not a registered event kind/);
    expect(errorOf(() => net.flowEndS(1234)).message).toMatch(/unknown flow id 1234/);
    expect(errorOf(() => net.linkBusyS(-1)).message).toMatch(/link must be a link id in 0\.\.7, got -1/);
    expect(errorOf(() => createFlowNetwork(sim, starTopology(2, 1, 0), { mode: 'packet' as never })).message).toMatch(
      /options\.mode must be 'flow' or 'alpha-beta', got "packet"/,
    );
  });

  it('reports a partitioned fabric as a clear user error', () => {
    const e = errorOf(() => net.startFlow(3, 0, 10, kind));
    expect(isUserInputError(e)).toBe(true);
    expect(e.message).toMatch(/no route from chip 3 to chip 0: the fabric is partitioned \(chip 3 has no working uplink\)/);
    // the failed call left no flow behind
    expect(net.counters().flowsStarted).toBe(0);
  });
});
