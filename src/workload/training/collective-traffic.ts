/**
 * The communication one training step issues, as traffic: for each pipeline stage, every kind of
 * collective with its group, its bytes per transfer and how often it runs per step (mirroring what
 * step-graph.ts times: per layer and micro-batch TP / CP / EP collectives, pipeline sends, the DP
 * gradient reduction and ZeRO gathers). For energy and the link heatmap, not for timing: each
 * collective's bytes are those of its ring (all-reduce 2(p-1)/p x S per member, all-gather and
 * reduce-scatter (p-1)/p x S, all-to-all S/p to every peer, a send S), routed along the topology:
 * a "ring-equivalent" estimate of the bytes on the wire, whatever algorithm Neuron picks.
 */
import type { System } from '../../hardware/types.js';
import type { TrainingWorkload } from '../types.js';
import { ACTIVATION_BYTES, WEIGHT_BYTES } from '../calibration.js';
import { GRAD_BYTES } from './calibration.js';
import { localWidths, matmulTokens, normTokens } from '../ops.js';
import { layerParamsPerRank, shardShape, stageParamsPerRank } from './memory.js';
import { chunksPerStage, coordsOf, cpGroup, dpGroup, epGroup, layersPerChunk, microBatches, rankOf, tpGroup, type Coordinates } from './parallelism.js';
import { pipelineBytes } from './stage-costs.js';

export type TrafficKind = 'tp' | 'pp' | 'dp' | 'ep' | 'cp';

/** ring: member i sends `bytes` to member i+1; all-to-all: every member sends `bytes` to every other; pair: ranks[0] sends to ranks[1]. */
export type TrafficPattern = 'ring' | 'all-to-all' | 'pair';

export interface StepTraffic {
  readonly kind: TrafficKind;
  readonly stage: number;
  readonly pattern: TrafficPattern;
  /** The group of the stage's representative rank (TP, CP and DP index 0), in group order. */
  readonly ranks: readonly number[];
  /** Bytes per edge per issue. */
  readonly bytes: number;
  /** Issues per step. */
  readonly perStep: number;
  /** Builds the same group for any member coordinates (the heatmap walks every group of a unit). */
  readonly groupOf: (c: Coordinates) => readonly number[];
}

/** Coordinates of a rank (parallelism.ts coordsOf: the inverse of rankOf, whatever the order). */
export function coordinatesOf(w: TrainingWorkload, rank: number): Coordinates {
  return coordsOf(w.parallelism, rank);
}

/** Every traffic of one step, per stage; entries with no bytes or no issue are left out. */
export function stepTraffic(w: TrainingWorkload): StepTraffic[] {
  const p = w.parallelism;
  const m = w.model;
  const shape = shardShape(w);
  const v = chunksPerStage(p);
  const mb = microBatches(w);
  const layers = layersPerChunk(m.layers, p.pp, v);
  const totalV = p.pp * v;
  const act = ACTIVATION_BYTES * matmulTokens(shape) * m.hidden;
  const kvBytes = ACTIVATION_BYTES * matmulTokens(shape) * 2 * localWidths(m, p.tp).kv;
  const a2aBytes = ACTIVATION_BYTES * normTokens(shape) * m.topK * m.hidden;
  const layerParams = layerParamsPerRank(m, p.tp, p.ep);
  const sp = p.sequenceParallel;
  const ringShare = (g: number, op: 'all-reduce' | 'gather'): number => (op === 'all-reduce' ? (2 * (g - 1)) / g : (g - 1) / g);
  const out: StepTraffic[] = [];
  const add = (t: Omit<StepTraffic, 'ranks'>, c: Coordinates): void => {
    if (t.bytes > 0 && t.perStep > 0) out.push({ ...t, ranks: t.groupOf(c) });
  };
  for (let s = 0; s < p.pp; s++) {
    const c: Coordinates = { tp: 0, cp: 0, dp: 0, pp: s };
    const L = layers[s]!.reduce((a, b) => a + b, 0);
    const hasFirst = s === 0;
    const hasLast = s === p.pp - 1;
    // layer passes per micro-batch: forward, backward, and the forward again under full recompute
    const passes = 2 + (w.recompute === 'full' ? 1 : 0);
    if (p.tp > 1) {
      const tg = (x: Coordinates) => tpGroup(p, x);
      // per pass: SP 2 all-gathers + 2 reduce-scatters, else 2 all-reduces; embedding and logits add theirs
      const gathers = sp ? mb * (passes * 2 * L + (hasFirst ? 1 : 0) + (hasLast ? 1 : 0)) : 0;
      const rs = sp ? mb * (passes * 2 * L + (hasFirst ? 1 : 0) + (hasLast ? 1 : 0)) : 0;
      const ar = sp ? 0 : mb * (passes * 2 * L + (hasFirst ? 2 : 0));
      add({ kind: 'tp', stage: s, pattern: 'ring', bytes: ringShare(p.tp, 'gather') * act, perStep: gathers + rs, groupOf: tg }, c);
      add({ kind: 'tp', stage: s, pattern: 'ring', bytes: ringShare(p.tp, 'all-reduce') * act, perStep: ar, groupOf: tg }, c);
    }
    if (p.cp > 1) {
      // ring attention: (cp - 1) KV sends per layer forward, twice that backward
      const sends = mb * L * (p.cp - 1) * (1 + 2 + (w.recompute === 'full' ? 1 : 0));
      add({ kind: 'cp', stage: s, pattern: 'ring', bytes: kvBytes, perStep: sends, groupOf: (x) => cpGroup(p, x) }, c);
    }
    if (p.ep > 1) {
      add({ kind: 'ep', stage: s, pattern: 'all-to-all', bytes: a2aBytes / p.ep, perStep: mb * L * 2 * passes, groupOf: (x) => epGroup(p, x) }, c);
    }
    if (p.pp > 1) {
      let fwd = 0;
      let bwd = 0;
      for (let ch = 0; ch < v; ch++) {
        const vs = ch * p.pp + s;
        if (vs !== totalV - 1) fwd += mb;
        if (vs !== 0) bwd += mb;
      }
      const next = (s + 1) % p.pp;
      const prev = (s - 1 + p.pp) % p.pp;
      const pair = (to: number) => (x: Coordinates) => [rankOf(p, x), rankOf(p, { ...x, pp: to })];
      add({ kind: 'pp', stage: s, pattern: 'pair', bytes: pipelineBytes(w), perStep: fwd, groupOf: pair(next) }, c);
      add({ kind: 'pp', stage: s, pattern: 'pair', bytes: pipelineBytes(w), perStep: bwd, groupOf: pair(prev) }, c);
    }
    if (p.dp > 1) {
      const dg = (x: Coordinates) => dpGroup(p, x);
      const table = (m.vocab * m.hidden) / p.tp;
      const embedParams = (hasFirst ? table : 0) + (hasLast && !(hasFirst && m.tiedEmbeddings) ? table : 0);
      const gradShare = ringShare(p.dp, p.zero === 0 ? 'all-reduce' : 'gather');
      // ZeRO-0/1 reduce once per step, ZeRO-2/3 after every micro-batch's backward
      const gradTimes = p.zero >= 2 ? mb : 1;
      add({ kind: 'dp', stage: s, pattern: 'ring', bytes: gradShare * (L * layerParams + embedParams) * GRAD_BYTES, perStep: gradTimes, groupOf: dg }, c);
      if (p.zero === 1 || p.zero === 2) {
        add({ kind: 'dp', stage: s, pattern: 'ring', bytes: ringShare(p.dp, 'gather') * stageParamsPerRank(w, s) * WEIGHT_BYTES, perStep: 1, groupOf: dg }, c);
      }
      if (p.zero === 3) {
        add({ kind: 'dp', stage: s, pattern: 'ring', bytes: ringShare(p.dp, 'gather') * layerParams * WEIGHT_BYTES, perStep: 2 * L * mb, groupOf: dg }, c);
      }
    }
  }
  return out;
}

/** The (src rank, dst rank) edges of one issue of a traffic on `ranks`. */
export function trafficEdges(pattern: TrafficPattern, ranks: readonly number[], visit: (src: number, dst: number) => void): void {
  const g = ranks.length;
  if (pattern === 'pair') {
    if (g >= 2) visit(ranks[0]!, ranks[1]!);
    return;
  }
  if (pattern === 'ring') {
    if (g >= 2) for (let i = 0; i < g; i++) visit(ranks[i]!, ranks[(i + 1) % g]!);
    return;
  }
  for (let i = 0; i < g; i++) for (let j = 0; j < g; j++) if (i !== j) visit(ranks[i]!, ranks[j]!);
}

/**
 * Link-hop bytes of one issue of `t` on its representative group: bytes x hops summed over the
 * edges whose ends sit on different chips (a copy between two cores of a chip uses HBM, no link).
 */
export function groupHopBytes(system: System, t: StepTraffic): number {
  let hops = 0;
  trafficEdges(t.pattern, t.ranks, (a, b) => {
    const ca = system.rankToChip(a);
    const cb = system.rankToChip(b);
    if (ca !== cb) hops += system.topology.hopCount(ca, cb);
  });
  return hops * t.bytes;
}
