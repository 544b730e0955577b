import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/index.js';
import { createFlowNetwork, alphaBetaTransferS } from '../../src/network/index.js';
import type { FlowNetwork } from '../../src/network/index.js';
import { UserInputError } from '../../src/user-input-error.js';
import { lineTopology, starTopology, textbookTopology, TEXTBOOK } from './fixtures.js';
import type { Topology } from '../../src/hardware/types.js';

const REL = 1e-12;
function expectRel(actual: number, expected: number, rel = REL): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

/** A simulator + network recording each notification time by flow id. */
function harness(topology: Topology, mode: 'flow' | 'alpha-beta' = 'flow') {
  const sim = new Simulator({ seed: 7 });
  const doneAt = new Map<number, number>();
  const tags = new Map<number, number>();
  const kind = sim.registerKind((a, flow) => {
    doneAt.set(flow, sim.now);
    tags.set(flow, a);
  }, 'test.done');
  const net = createFlowNetwork(sim, topology, { mode });
  return { sim, net, kind, doneAt, tags };
}

describe('flow network: single flows', () => {
  it('one flow completes at latency x hops + bytes / bandwidth, exactly', () => {
    const bw = 100e9, lat = 1.5e-6, bytes = 123_456_789;
    const { sim, net, kind, doneAt } = harness(lineTopology(5, bw, lat));
    const f = net.startFlow(0, 4, bytes, kind, 42);
    sim.run();
    // t = 4 hops x 1.5 us + bytes / 100 GB/s
    const expected = 4 * lat + bytes / bw;
    expectRel(doneAt.get(f)!, expected);
    expectRel(net.flowEndS(f), expected);
    expect(net.flowStartS(f)).toBe(0);
    expect(net.flowBytes(f)).toBe(bytes);
    expect(net.activeFlowCount).toBe(0);
  });

  it('passes notifyA and the flow id to the notification', () => {
    const { sim, net, kind, tags } = harness(lineTopology(3, 1e9, 0));
    const f = net.startFlow(2, 0, 1000, kind, 17);
    sim.run();
    expect(tags.get(f)).toBe(17);
  });

  it('a flow started later is timed from its start', () => {
    const bw = 50e9, lat = 2e-6, bytes = 1e6;
    const { sim, net, kind, doneAt } = harness(lineTopology(3, bw, lat));
    let f = -1;
    sim.at(1e-3, () => (f = net.startFlow(0, 2, bytes, kind)));
    sim.run();
    expectRel(doneAt.get(f)!, 1e-3 + 2 * lat + bytes / bw);
    expect(net.flowStartS(f)).toBe(1e-3);
  });

  it('zero bytes and src === dst complete after the path latency only', () => {
    const { sim, net, kind, doneAt } = harness(lineTopology(4, 1e9, 3e-6));
    const a = net.startFlow(0, 3, 0, kind);
    const b = net.startFlow(2, 2, 1e9, kind);
    sim.run();
    expectRel(doneAt.get(a)!, 9e-6);
    expect(doneAt.get(b)).toBe(0);
  });
});

describe('flow network: sharing', () => {
  it('N flows on one link each get 1/N of it (same path: one class)', () => {
    const bw = 10e9, lat = 1e-6, bytes = 5e6, n = 7;
    const { sim, net, kind, doneAt } = harness(lineTopology(2, bw, lat));
    const ids = Array.from({ length: n }, () => net.startFlow(0, 1, bytes, kind));
    sim.run({ untilS: 1e-9 });
    for (const f of ids) expectRel(net.flowRateBytesPerSecond(f), bw / n);
    sim.run();
    // each flow at bw / n: t = lat + bytes / (bw / n)
    for (const f of ids) expectRel(doneAt.get(f)!, lat + (n * bytes) / bw);
    expect(net.counters().activeClasses).toBe(0);
  });

  it('N flows from different sources into one chip share its downlink (different classes)', () => {
    const bw = 25e9, lat = 0.5e-6, bytes = 2e6, n = 6;
    const { sim, net, kind, doneAt } = harness(starTopology(n + 1, bw, lat));
    const ids = Array.from({ length: n }, (_, i) => net.startFlow(i + 1, 0, bytes, kind));
    sim.run();
    // the switch -> chip 0 link is the bottleneck: each flow gets bw / n; 2 hops of latency
    for (const f of ids) expectRel(doneAt.get(f)!, 2 * lat + (n * bytes) / bw);
    expect(net.counters().recomputations).toBeLessThanOrEqual(2); // one arrival batch, one completion batch
  });

  it('rates change when a second flow arrives and when the first leaves', () => {
    const bw = 1e9, b1 = 3e6, b2 = 2e6, t1 = 1e-3;
    const { sim, net, kind, doneAt } = harness(lineTopology(2, bw, 0));
    const f1 = net.startFlow(0, 1, b1, kind);
    let f2 = -1;
    sim.at(t1, () => (f2 = net.startFlow(0, 1, b2, kind)));
    sim.run();
    // f1 alone until t1 (sends bw t1), then bw/2: ends at T1 = t1 + 2 (b1 - bw t1) / bw
    const T1 = t1 + (2 * (b1 - bw * t1)) / bw;
    // f2 sends (T1 - t1) bw / 2 while sharing, the rest at bw: T2 = T1 + (b2 - (T1 - t1) bw / 2) / bw
    const T2 = T1 + (b2 - ((T1 - t1) * bw) / 2) / bw;
    expectRel(doneAt.get(f1)!, T1);
    expectRel(doneAt.get(f2)!, T2);
  });

  it('reproduces the textbook three-link, four-flow max-min rates', () => {
    const { sim, net, kind } = harness(textbookTopology());
    const ids = [0, 1, 2, 3].map((i) => net.startFlow(i, i + 4, 10, kind));
    sim.run({ untilS: 1e-9 });
    ids.forEach((f, i) => expectRel(net.flowRateBytesPerSecond(f), TEXTBOOK.rates[i]!));
    TEXTBOOK.loads.forEach((load, l) => expectRel(net.linkLoadBytesPerSecond(l), load));
  });

  it('textbook example runs to the closed-form completion times', () => {
    const { sim, net, kind, doneAt } = harness(textbookTopology());
    // A, B at 0.5 on link 0; C, D at 0.75 on link 2. Sizes: A, B 1 byte -> done at 2 s.
    // C, D 3 bytes: 0.75 x 2 = 1.5 sent by t = 2; then link 1 has only C (cap 2 left) and
    // link 2 still splits 0.75 / 0.75 -> C, D finish at 2 + 1.5 / 0.75 = 4 s.
    const ids = [1, 1, 3, 3].map((b, i) => net.startFlow(i, i + 4, b, kind));
    sim.run();
    expectRel(doneAt.get(ids[0]!)!, 2);
    expectRel(doneAt.get(ids[1]!)!, 2);
    expectRel(doneAt.get(ids[2]!)!, 4);
    expectRel(doneAt.get(ids[3]!)!, 4);
  });

  it('a fast flow leaving raises the rates above it and leaves the slower ones alone', () => {
    const { sim, net, kind, doneAt } = harness(textbookTopology());
    // rates at t = 0: A = B = 0.5 (link 0), C = D = 0.75 (link 2). D (1.5 bytes) leaves at 2 s.
    // Then C is limited by link 1 (2 - 0.5 for A = 1.5) and link 2 (1.5): C = 1.5, and A, B (below
    // the departing level 0.75) keep 0.5. C has 10 - 1.5 left: ends at 2 + 8.5 / 1.5.
    // A and B end at 10 / 0.5 = 20 s.
    const ids = [10, 10, 10, 1.5].map((b, i) => net.startFlow(i, i + 4, b, kind));
    sim.run({ untilS: 3 });
    expectRel(net.flowRateBytesPerSecond(ids[2]!), 1.5);
    expectRel(net.flowRateBytesPerSecond(ids[0]!), 0.5);
    sim.run();
    expectRel(doneAt.get(ids[3]!)!, 2);
    expectRel(doneAt.get(ids[2]!)!, 2 + 8.5 / 1.5);
    expectRel(doneAt.get(ids[0]!)!, 20);
    expectRel(doneAt.get(ids[1]!)!, 20);
    // arrivals, D leaves, C leaves, A and B leave: four recomputations. Classes re-solved: 4 at the
    // arrivals, then only C when D leaves (A and B sit below the departing level 0.75), none after
    const c = net.counters();
    expect(c.recomputations).toBe(4);
    expect(c.classesSolved).toBe(5);
  });

  it('batches completions at one instant into one recomputation', () => {
    const { sim, net, kind } = harness(starTopology(9, 1e9, 1e-6));
    for (let i = 0; i < 1000; i++) net.startFlow(i % 8, 8, 1e4, kind);
    sim.run();
    const c = net.counters();
    expect(c.flowsCompleted).toBe(1000);
    // one arrival batch at t = 0, one completion batch (every flow gets 1e9 / 1000)
    expect(c.recomputations).toBe(2);
    expect(c.networkEvents).toBe(2);
  });
});

describe('flow network: accounting and determinism', () => {
  /** Random flows at random times; returns [src, dst, bytes] per flow in start order. */
  function randomWorkload(net: FlowNetwork, sim: Simulator, kind: number, n: number, chips: number) {
    const rng = sim.rng('workload');
    const flows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < n; i++) {
      const at = rng.next() * 1e-3;
      const src = Math.floor(rng.next() * chips);
      let dst = Math.floor(rng.next() * chips);
      if (dst === src) dst = (dst + 1) % chips;
      const bytes = 1 + Math.floor(rng.next() * 1e6);
      flows.push([at, src, dst, bytes]);
    }
    flows.sort((x, y) => x[0] - y[0]);
    for (const [at, src, dst, bytes] of flows) sim.at(at, () => net.startFlow(src, dst, bytes, kind));
    return flows.map(([, src, dst, bytes]) => [src, dst, bytes] as const);
  }

  it('conserves bytes: sum over links of bytes carried = sum over flows of bytes x hops', () => {
    const topo = lineTopology(6, 10e9, 1e-6);
    const { sim, net, kind } = harness(topo);
    const flows = randomWorkload(net, sim, kind, 300, 6);
    sim.run();
    let carried = 0;
    for (let l = 0; l < topo.linkCount; l++) carried += net.linkBytesCarried(l);
    let expected = 0;
    for (const [src, dst, bytes] of flows) expected += bytes * topo.hopCount(src, dst);
    expect(net.counters().flowsCompleted).toBe(300);
    // integrated rate x time: equal up to floating-point rounding of the integration
    expectRel(carried, expected, 1e-9);
  });

  it('is deterministic: the same workload and seed give identical end times', () => {
    const run = () => {
      const { sim, net, kind } = harness(starTopology(8, 10e9, 1e-6));
      randomWorkload(net, sim, kind, 400, 8);
      sim.run();
      return Array.from({ length: 400 }, (_, f) => net.flowEndS(f));
    };
    const a = run(), b = run();
    expect(a).toEqual(b);
    expect(a.every((t) => Number.isFinite(t))).toBe(true);
  });

  it('keeps exact times through many class creations and frees (path pool compaction)', () => {
    const topo = lineTopology(20, 10e9, 1e-6);
    const { sim, net, kind } = harness(topo);
    const rng = sim.rng('pairs');
    // two overlapping waves of 3,000 flows with fresh paths: classes are created and freed
    // continuously, so the path pool fills and is compacted while classes are live
    const specs: Array<[number, number, number]> = [];
    for (let i = 0; i < 3000; i++) {
      const src = rng.int(20);
      const dst = (src + 1 + rng.int(19)) % 20;
      specs.push([src, dst, 1 + rng.int(1e6)]);
    }
    const ids: number[] = [];
    specs.forEach(([src, dst, bytes], i) => sim.at(i * 1e-5, () => ids.push(net.startFlow(src, dst, bytes, kind))));
    sim.run();
    expect(net.counters().flowsCompleted).toBe(3000);
    // up to 0.1 ms of transfer per flow, arrivals 10 us apart: about ten flows overlap; check
    // conservation and that every flow took at least its lone-flow time
    let carried = 0, expected = 0;
    for (let l = 0; l < topo.linkCount; l++) carried += net.linkBytesCarried(l);
    specs.forEach(([src, dst, bytes], i) => {
      expected += bytes * topo.hopCount(src, dst);
      const alone = alphaBetaTransferS(topo, src, dst, bytes);
      expect(net.flowEndS(ids[i]!) - net.flowStartS(ids[i]!)).toBeGreaterThanOrEqual(alone * (1 - 1e-9));
    });
    expectRel(carried, expected, 1e-9);
  });

  it('busy time of a link equals the span during which it carried flows', () => {
    const bw = 1e9;
    const { sim, net, kind } = harness(lineTopology(3, bw, 0));
    net.startFlow(0, 1, 1e6, kind); // link 0 busy [0, 1 ms)
    sim.at(2e-3, () => net.startFlow(0, 2, 1e6, kind)); // links 0, 2 busy [2, 3 ms)
    sim.run();
    expectRel(net.linkBusyS(0), 2e-3);
    expectRel(net.linkBusyS(2), 1e-3);
    expect(net.linkBusyS(1)).toBe(0);
    expectRel(net.linkBytesCarried(0), 2e6);
  });
});
