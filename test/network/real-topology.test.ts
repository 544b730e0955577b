import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/index.js';
import { buildSystem, SYSTEM_PRESET_NAMES } from '../../src/hardware/index.js';
import type { Topology } from '../../src/hardware/types.js';
import { alphaBetaTransferS, createFlowNetwork, maxMinShares } from '../../src/network/index.js';
import { isUserInputError } from '../../src/user-input-error.js';

function expectRel(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

function routeNames(t: Topology, src: number, dst: number): string[] {
  const out = new Int32Array(256);
  const n = t.route(src, dst, out);
  return Array.from(out.subarray(0, n), (l) => t.link(l).name);
}

function setup(topology: Topology, mode: 'flow' | 'alpha-beta' = 'flow') {
  const sim = new Simulator();
  const done = new Map<number, number>();
  const kind = sim.registerKind((_a, f) => done.set(f, sim.now), 'done');
  return { sim, kind, done, net: createFlowNetwork(sim, topology, { mode }) };
}

describe('network on the hardware catalogue', () => {
  it.each(SYSTEM_PRESET_NAMES)('%s x2: a lone flow takes the alpha-beta time; random traffic conserves bytes', (preset) => {
    const topo = buildSystem({ preset, count: 2 }).topology;
    const last = topo.chipCount - 1;
    const bytes = 64 * 1024 * 1024;
    {
      const { sim, kind, done, net } = setup(topo);
      const f = net.startFlow(0, last, bytes, kind);
      sim.run();
      expectRel(done.get(f)!, alphaBetaTransferS(topo, 0, last, bytes));
    }
    const { sim, kind, net } = setup(topo);
    let expected = 0;
    const rng = sim.rng('pairs');
    for (let i = 0; i < 200; i++) {
      const src = rng.int(topo.chipCount);
      const dst = rng.int(topo.chipCount);
      const b = 1024 + rng.int(1 << 20);
      net.startFlow(src, dst, b, kind, 0, i);
      const out = new Int32Array(256);
      expected += b * topo.route(src, dst, out, i);
    }
    sim.run();
    expect(net.activeFlowCount).toBe(0);
    let carried = 0;
    for (let l = 0; l < topo.linkCount; l++) carried += net.linkBytesCarried(l);
    expectRel(carried, expected, 1e-9);
    // the touched links hold every byte
    let touched = 0;
    for (const l of net.touchedLinks()) touched += net.linkBytesCarried(l);
    expect(touched).toBe(carried);
  });

  it('two flows on one NeuronLink of a trn2.48xlarge each get half of it', () => {
    const topo = buildSystem({ preset: 'trn2.48xlarge' }).topology;
    const { sim, kind, done, net } = setup(topo);
    const [l] = (() => {
      const out = new Int32Array(8);
      topo.route(0, 1, out);
      return [out[0]!];
    })();
    const bw = topo.linkBytesPerSecond(l!), lat = topo.linkLatencyS(l!), bytes = 1e8;
    const a = net.startFlow(0, 1, bytes, kind);
    const b = net.startFlow(0, 1, bytes, kind);
    sim.run();
    // one hop, each at bw / 2: t = lat + 2 bytes / bw
    expectRel(done.get(a)!, lat + (2 * bytes) / bw);
    expectRel(done.get(b)!, lat + (2 * bytes) / bw);
    expectRel(net.linkBytesCarried(l!), 2 * bytes, 1e-12);
  });

  it('reroutes around a removed link (trn2.48xlarge: 0 -> 1 goes the long way round the ring)', () => {
    const base = buildSystem({ preset: 'trn2.48xlarge' });
    const direct = routeNames(base.topology, 0, 1);
    expect(direct).toEqual(['s0.c0.x+']);
    const system = buildSystem({ preset: 'trn2.48xlarge', overrides: { links: { 's0.c0.x+': { removed: true } } } });
    const topo = system.topology;
    const out = new Int32Array(16);
    const hops = topo.route(0, 1, out);
    expect(hops).toBe(3);
    const bytes = 1e8;
    const { sim, kind, done, net } = setup(topo);
    const f = net.startFlow(0, 1, bytes, kind);
    sim.run();
    let lat = 0, bw = Infinity;
    for (let i = 0; i < hops; i++) {
      lat += topo.linkLatencyS(out[i]!);
      bw = Math.min(bw, topo.linkBytesPerSecond(out[i]!));
    }
    expectRel(done.get(f)!, lat + bytes / bw);
    expect(net.linkBytesCarried(system.linkIndex('s0.c0.x+'))).toBe(0);
    for (let i = 0; i < hops; i++) expectRel(net.linkBytesCarried(out[i]!), bytes, 1e-12);
  });

  it('a degraded link slows the flows crossing it to its scaled bandwidth', () => {
    const base = buildSystem({ preset: 'trn2.48xlarge' }).topology;
    const slow = buildSystem({ preset: 'trn2.48xlarge', overrides: { links: { 's0.c0.x+': { scale: 0.25 } } } }).topology;
    const bytes = 1e8;
    const lat = base.linkLatencyS(0);
    const bw = base.linkBytesPerSecond(0);
    const { sim, kind, done, net } = setup(slow);
    const f = net.startFlow(0, 1, bytes, kind);
    sim.run();
    expectRel(done.get(f)!, lat + bytes / (0.25 * bw));
  });

  it('a chip cut off from the fabric is a clear user error', () => {
    const links = Object.fromEntries(['x+', 'x-', 'y+', 'y-'].map((d) => [`s0.c0.${d}`, { removed: true }]));
    const topo = buildSystem({ preset: 'trn2.48xlarge', overrides: { links } }).topology;
    const { kind, net } = setup(topo);
    let err: unknown;
    try {
      net.startFlow(0, 5, 1e6, kind);
    } catch (e) {
      err = e;
    }
    expect(isUserInputError(err)).toBe(true);
    expect((err as Error).message).toMatch(/^network: no route from chip 0 to chip 5: the fabric is partitioned/);
  });

  it('creates a network on a 1M-chip cluster cheaply and touches only the links flows use', () => {
    const topo = buildSystem({ preset: 'trn2-ultraserver', count: 16384 }).topology;
    expect(topo.chipCount).toBe(1_048_576);
    const { sim, kind, done, net } = setup(topo);
    const f = net.startFlow(0, topo.chipCount - 1, 1e9, kind);
    const g = net.startFlow(12345, 987654, 1e9, kind);
    sim.run();
    expectRel(done.get(f)!, alphaBetaTransferS(topo, 0, topo.chipCount - 1, 1e9));
    expect(Number.isFinite(done.get(g)!)).toBe(true);
    // the work is that of two flows, whatever the size of the cluster: one update and one
    // completion each, two one-class solves, and link state for the 8 links of the two paths only
    const c = net.counters();
    expect(c.linksTouched).toBe(8);
    expect(c.networkEvents).toBe(2);
    expect(c.recomputations).toBe(2);
    expect(c.classesSolved).toBe(2);
    expect(sim.eventsProcessed).toBe(4);
  });
});

describe('incremental max-min against a from-scratch solve', () => {
  it('matches maxMinShares over all active flows after every recomputation (trn2.48xlarge x2, random traffic)', () => {
    const topo = buildSystem({ preset: 'trn2.48xlarge', count: 2 }).topology;
    const sim = new Simulator({ seed: 3 });
    const kind = sim.registerKind(() => {}, 'done');
    const net = createFlowNetwork(sim, topo);
    const rng = sim.rng('traffic');
    const paths = new Map<number, number[]>();
    for (let i = 0; i < 300; i++) {
      const at = rng.next() * 2e-3;
      const src = rng.int(topo.chipCount);
      const dst = (src + 1 + rng.int(topo.chipCount - 1)) % topo.chipCount;
      const bytes = 1e5 + rng.int(2e7);
      sim.at(at, () => {
        const f = net.startFlow(src, dst, bytes, kind);
        const out = new Int32Array(64);
        paths.set(f, Array.from(out.subarray(0, topo.route(src, dst, out, f))));
      });
    }
    let checks = 0;
    let fullSolve = 0; // classes a from-scratch re-solve of everything active would have seen
    sim.onEvent((_t, k) => {
      const name = sim.kindName(k);
      if (name !== 'network.update' && name !== 'network.completion') return;
      const active = [...paths.keys()].filter((f) => Number.isNaN(net.flowEndS(f)));
      if (active.length === 0) return;
      // from scratch: every active flow its own class on local link indices
      const local = new Map<number, number>();
      const caps: number[] = [];
      const lp = active.map((f) =>
        paths.get(f)!.map((l) => {
          if (!local.has(l)) {
            local.set(l, caps.length);
            caps.push(topo.linkBytesPerSecond(l));
          }
          return local.get(l)!;
        }),
      );
      const ref = maxMinShares({ capacitiesBytesPerSecond: caps, paths: lp });
      active.forEach((f, i) => expectRel(net.flowRateBytesPerSecond(f), ref.rateBytesPerSecond[i]!, 1e-9));
      for (const [l, i] of local) expectRel(net.linkLoadBytesPerSecond(l), ref.linkLoadBytesPerSecond[i]!, 1e-9);
      fullSolve += new Set(active.map((f) => paths.get(f)!.join(','))).size;
      checks++;
    });
    sim.run();
    expect(net.activeFlowCount).toBe(0);
    expect(checks).toBeGreaterThan(300);
    // components and the restart level skip work: about a third of a full re-solve at every event
    const c = net.counters();
    expect(c.classesSolved).toBeLessThan(0.5 * fullSolve);
  });
});
