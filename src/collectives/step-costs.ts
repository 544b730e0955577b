/**
 * What each step of a collective costs besides its flows: the stand-alone launch, per-step
 * overheads (local, barrier, ring, EFA), the pipelined ring's latency credit, KangaRing's set-up and
 * a rank's DMA rate. Shared by the runner and the closed form (docs/collectives.md "The cost model").
 */
import type { System } from '../hardware/types.js';
import type { AlgorithmName, CollectiveRequest } from './types.js';
import type { CollectiveParams } from './params.js';
import type { GroupPlacement } from './group.js';
import type { Schedule, Step } from './schedule.js';

/** Seconds of the stand-alone launch for p ranks: a dissemination barrier of ceil(log2 p) rounds. */
export function launchOverheadS(params: CollectiveParams, ranks: number): number {
  return ranks <= 1 ? 0 : params.launchOverheadPerRoundS * Math.ceil(Math.log2(ranks));
}

/** Whether the step moves any bytes between servers (EFA). */
function crossesServers(st: Step, g: GroupPlacement): boolean {
  if (g.serverCount <= 1) return false;
  if (st.allPairsBytes > 0) return true;
  for (let t = 0; t < st.count; t++) if (g.serverOf[st.from[t]!] !== g.serverOf[st.to[t]!]) return true;
  return false;
}

/** Per-step overhead of a group: local when it sits on one chip (the in-graph rule, and stand-alone barrier steps). */
export function groupStepOverheadS(params: CollectiveParams, g: GroupPlacement, issue: 'standalone' | 'in-graph'): number {
  if (g.chips.length <= 1) return params.localStepOverheadS;
  return issue === 'in-graph' ? params.inGraphStepOverheadS : params.standaloneStepOverheadS;
}

const RING_FAMILY: ReadonlySet<AlgorithmName> = new Set<AlgorithmName>(['ring', 'bidir-ring', 'torus', 'hierarchical', 'kangaring']);

/** Whether the step moves any bytes between distinct chips. */
function crossesChips(st: Step, g: GroupPlacement): boolean {
  if (st.allPairsBytes > 0 && g.chips.length > 1) return true;
  for (let t = 0; t < st.count; t++) if (g.chipOf[st.from[t]!] !== g.chipOf[st.to[t]!]) return true;
  return false;
}

/**
 * The overhead paid before each step of a schedule. In-graph: `groupStepOverheadS` for every step.
 * Stand-alone: a step that stays on each chip pays the local overhead; a cross-chip step of a
 * ring-family algorithm the ring-step overhead; any other cross-chip step the barrier overhead.
 * Every step of a Trainium group that spans servers adds the EFA step overhead (other chips: the
 * steps that cross servers).
 */
export function scheduleStepOverheadsS(system: System, params: CollectiveParams, schedule: Schedule, g: GroupPlacement, issue: 'standalone' | 'in-graph'): Float64Array {
  const out = new Float64Array(schedule.steps.length);
  const groupLevel = groupStepOverheadS(params, g, issue);
  const ring = RING_FAMILY.has(schedule.algorithm);
  // the Neuron runtime's proxies step every step of a multi-server schedule; elsewhere (NCCL on
  // H100) a proxy thread serves only the network transfers
  const proxiedSteps = g.serverCount > 1 && system.chip.vendor === 'aws';
  schedule.steps.forEach((st, i) => {
    if (issue === 'in-graph') out[i] = groupLevel;
    else if (!crossesChips(st, g)) out[i] = params.localStepOverheadS;
    else out[i] = ring ? params.ringStepOverheadS : params.standaloneStepOverheadS;
    // docs/validation.md change 2: on Trainium a group that spans servers runs one schedule that
    // the host proxies step together, so every step pays the proxy's synchronisation, the steps
    // inside a server too (AR64N2: 64 hierarchical steps at 1 KiB cost 0.64 of the 126 ring steps
    // at 64 KiB, not the 0.3 that paying it on the two EFA steps alone gives)
    if (proxiedSteps || crossesServers(st, g)) out[i] += params.efaStepOverheadS;
  });
  return out;
}

/**
 * Seconds of hop latency each repeated copy of a ring-family step does not pay again
 * (params.ringLatencyExposure): (1 - exposure) x (slowest transfer's path latency - mean path
 * latency over the step's transfers). A ring phase of k copies then pays the slowest hop once and
 * the ring's mean hop latency for the rest (chunk pipelining). A step with a transfer between
 * servers gets the whole difference (exposure 0 for it: docs/validation.md change 2). Zero
 * for other algorithms.
 */
export function ringLatencyCreditsS(system: System, params: CollectiveParams, schedule: Schedule, g: GroupPlacement): Float64Array {
  const out = new Float64Array(schedule.steps.length);
  const exposure = Math.min(1, Math.max(0, params.ringLatencyExposure));
  if (!RING_FAMILY.has(schedule.algorithm) || (exposure >= 1 && g.serverCount <= 1)) return out;
  const topo = system.topology;
  const buf = new Int32Array(Math.max(64, topo.diameter() + 8));
  const byPair = new Map<number, number>();
  const pathLatencyS = (a: number, b: number): number => {
    if (a === b) return 0;
    const key = a * system.chipCount + b;
    let lat = byPair.get(key);
    if (lat === undefined) {
      const hops = topo.route(a, b, buf);
      lat = 0;
      for (let h = 0; h < hops; h++) lat += topo.linkLatencyS(buf[h]!);
      byPair.set(key, lat);
    }
    return lat;
  };
  schedule.steps.forEach((st, i) => {
    if (st.repeat <= 1 || st.count === 0) return;
    let max = 0;
    let sum = 0;
    for (let t = 0; t < st.count; t++) {
      const lat = pathLatencyS(g.chipOf[st.from[t]!]!, g.chipOf[st.to[t]!]!);
      sum += lat;
      if (lat > max) max = lat;
    }
    // a step with an EFA hop: the proxy posts its transfers ahead (many in flight), so the EFA
    // hop's latency is paid once, at the pipeline's fill, and each copy pays the mean hop latency
    out[i] = (crossesServers(st, g) ? 1 : 1 - exposure) * (max - sum / st.count);
  });
  return out;
}

/** One-time set-up of the algorithm in a stand-alone call (KangaRing only), seconds. */
export function algorithmSetupS(params: CollectiveParams, algorithm: AlgorithmName, issue: 'standalone' | 'in-graph'): number {
  return issue === 'standalone' && algorithm === 'kangaring' ? params.kangaringSetupS : 0;
}

/** Bytes/s of one rank's collective DMA work (params.ts dmaEfficiency; send-recv: p2pDmaEfficiency). */
export function rankDmaBytesPerSecond(system: System, params: CollectiveParams, op?: CollectiveRequest['op']): number {
  const dma = system.chip.dmaBytesPerSecond ?? system.chip.hbmBytesPerSecond;
  const eff = op === 'send-recv' ? params.p2pDmaEfficiency : params.dmaEfficiency;
  return (eff * dma) / system.ranksPerChip;
}
