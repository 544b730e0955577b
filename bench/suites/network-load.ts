/**
 * The network benchmark's workload (bench/suites/network.ts runs it on catalogue systems):
 * `flowCount` flows all started at t = 0 between seeded random chip pairs, each with a seeded
 * random size, run to completion on a max-min FlowNetwork. Measures wall time, events and the
 * network's own work counters. Deterministic: the same arguments give the same simulated end.
 */
import { Simulator } from '../../src/engine/index.js';
import type { Topology } from '../../src/hardware/types.js';
import { createFlowNetwork } from '../../src/network/index.js';
import type { NetworkCounters } from '../../src/network/index.js';
import { Mulberry32 } from '../mulberry32.js';

export type SizeDistribution = 'uniform' | 'equal';

export interface NetworkLoadOptions {
  flowCount: number;
  seed?: number;
  /** 'uniform': sizes uniform in [minBytes, maxBytes]; 'equal': every flow maxBytes. */
  sizes?: SizeDistribution;
  minBytes?: number;
  maxBytes?: number;
  mode?: 'flow' | 'alpha-beta';
}

export interface NetworkLoadResult {
  flowCount: number;
  wallS: number;
  /** CPU seconds of the process over the same span (process.cpuUsage: includes V8 compiler and GC helper threads; less sensitive to a busy machine than wall time). */
  cpuS: number;
  simulatedEndS: number;
  engineEvents: number;
  flowsPerSecond: number;
  /** Wall time per network event (an arrival batch or a completion batch). */
  usPerNetworkEvent: number;
  /** Wall time per flow (its arrival and its completion), microseconds. */
  usPerFlow: number;
  /** Mean classes per recomputation (the component the solver saw). */
  meanClassesPerRecompute: number;
  counters: NetworkCounters;
}

export function runNetworkLoad(topology: Topology, o: NetworkLoadOptions): NetworkLoadResult {
  const rng = new Mulberry32(o.seed ?? 1);
  const rand = (): number => rng.uniform();
  const minBytes = o.minBytes ?? 64 * 1024;
  const maxBytes = o.maxBytes ?? 16 * 1024 * 1024;
  const chips = topology.chipCount;
  const sim = new Simulator({ seed: o.seed ?? 1, initialCapacity: o.flowCount + 16 });
  let done = 0;
  const kind = sim.registerKind(() => {
    done++;
  }, 'bench.flow-done');
  const net = createFlowNetwork(sim, topology, { mode: o.mode ?? 'flow' });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < o.flowCount; i++) {
    const src = Math.floor(rand() * chips);
    let dst = Math.floor(rand() * (chips - 1));
    if (dst >= src) dst++;
    const bytes = o.sizes === 'equal' ? maxBytes : Math.round(minBytes + rand() * (maxBytes - minBytes));
    net.startFlow(src, dst, bytes, kind, 0, i);
  }
  sim.run();
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  if (done !== o.flowCount) throw new Error(`network bench: ${done} of ${o.flowCount} flows completed`);
  const c = net.counters();
  return {
    flowCount: o.flowCount,
    wallS,
    cpuS,
    simulatedEndS: sim.now,
    engineEvents: sim.eventsProcessed,
    flowsPerSecond: o.flowCount / wallS,
    usPerNetworkEvent: c.networkEvents > 0 ? (wallS * 1e6) / c.networkEvents : 0,
    usPerFlow: (wallS * 1e6) / o.flowCount,
    meanClassesPerRecompute: c.recomputations > 0 ? c.classesSolved / c.recomputations : 0,
    counters: c,
  };
}
