/**
 * The layer-level tasks of a training step (step-graph.ts strings them together): the streams of
 * a stage, the detailed forward and backward of one layer with its TP, CP and EP collectives and
 * the compiler's partial TP overlap (docs/model.md "Overlap"), and a chain of n layers simulated
 * once on its own as a macro task (a ChainProfile: its duration and how it splits by category).
 */
import { Simulator } from '../../engine/index.js';
import type { TrainingWorkload } from '../types.js';
import { CATEGORY_COUNT, TaskCategory, TaskGraph } from '../task-graph.js';
import { TP_COMM_OVERLAP } from './calibration.js';
import type { StageCosts } from './stage-costs.js';

export const STREAMS_PER_STAGE = 6;
export const S_COMPUTE = 0;
export const S_TP = 1;
export const S_PP = 2;
export const S_DP = 3;
export const S_EP = 4;
export const S_CP = 5;

/** A chain of work collapsed into one task: its duration and how it splits by category. */
export interface ChainProfile {
  readonly durationS: number;
  /** CATEGORY_COUNT numbers: compute, then exposed tp, pp, dp, ep, cp; they sum to durationS. */
  readonly split: Float64Array;
}

/** Emits the detailed forward / backward of one layer onto the streams of `g` starting at `base`. */
export function layerEmitters(g: TaskGraph, w: TrainingWorkload, c: StageCosts, base = 0) {
  const p = w.parallelism;
  const tpOn = p.tp > 1;
  const sp = p.sequenceParallel;
  const task = (stream: number, cat: TaskCategory, d: number, deps: number[]): number => g.addTask(base + stream, cat, d, deps);
  const compute = (d: number, deps: number[]): number => task(S_COMPUTE, TaskCategory.Compute, d, deps);
  // a TP collective: the part the compiler cannot hide blocks the next segment; the rest keeps the
  // TP stream busy (TP_COMM_OVERLAP, docs/model.md "Overlap")
  const tpComm = (d: number, deps: number[]): number => {
    const exposed = task(S_TP, TaskCategory.Tp, d * (1 - TP_COMM_OVERLAP), deps);
    if (TP_COMM_OVERLAP > 0) g.addTask(base + S_TP, TaskCategory.Tp, d * TP_COMM_OVERLAP);
    return exposed;
  };
  const side = (stream: number, cat: TaskCategory, d: number, deps: number[]): number => (d > 0 ? task(stream, cat, d, deps) : -1);
  const gatherParams = (): number => (c.dpLayerParamGatherS > 0 ? g.addTask(base + S_DP, TaskCategory.Dp, c.dpLayerParamGatherS) : -1);
  const tpAfter = (): number => (sp ? c.tpReduceScatterS : c.tpAllReduceS);
  const forward = (prev: number, fetch: boolean): number => {
    const ag = fetch ? gatherParams() : -1;
    const f = c.fwd;
    const a = compute(f.preAttention, [prev, ag]);
    const x = tpOn && sp ? tpComm(c.tpAllGatherS, [a]) : a;
    const b = compute(f.attention, [x]);
    const kv = side(S_CP, TaskCategory.Cp, c.cpFwdS, [x]);
    const y = tpOn ? tpComm(tpAfter(), [b, kv]) : kv >= 0 ? kv : b;
    const cc = compute(f.preFfn, [y, b]);
    const z = tpOn && sp ? tpComm(c.tpAllGatherS, [cc]) : cc;
    const e1 = side(S_EP, TaskCategory.Ep, c.epAllToAllS, [z]);
    const d = compute(f.ffn, [e1 >= 0 ? e1 : z]);
    const e2 = side(S_EP, TaskCategory.Ep, c.epAllToAllS, [d]);
    return tpOn ? tpComm(tpAfter(), [e2 >= 0 ? e2 : d]) : e2 >= 0 ? e2 : d;
  };
  const backward = (prev: number): number => {
    // full recompute: the layer's forward (with its collectives) runs again before its backward
    const start = w.recompute === 'full' ? forward(prev, false) : prev;
    const ag = gatherParams();
    const b = c.bwd;
    const x = tpOn && sp ? tpComm(c.tpAllGatherS, [start]) : start;
    const e1 = side(S_EP, TaskCategory.Ep, c.epAllToAllS, [x]);
    const d = compute(b.ffn, [e1 >= 0 ? e1 : x, ag]);
    const e2 = side(S_EP, TaskCategory.Ep, c.epAllToAllS, [d]);
    const y = tpOn ? tpComm(tpAfter(), [e2 >= 0 ? e2 : d]) : e2 >= 0 ? e2 : d;
    const cc = compute(b.preFfn, [y]);
    const z = tpOn && sp ? tpComm(c.tpAllGatherS, [cc]) : cc;
    const at = compute(b.attention, [z]);
    const kv = side(S_CP, TaskCategory.Cp, c.cpBwdS, [z]);
    const u = tpOn ? tpComm(tpAfter(), [at, kv]) : kv >= 0 ? kv : at;
    return compute(b.preAttention, [u, at]);
  };
  return { forward, backward, compute, tpComm };
}

/**
 * Simulates a chain of n layers (forward or backward) of one stage on its own and returns its
 * duration (until the chain's output is ready) and the split into compute and exposed
 * communication (walked back along last-finishing dependencies, as breakdown.ts does).
 */
export function profileChain(w: TrainingWorkload, c: StageCosts, n: number, forward: boolean): ChainProfile & { events: number } {
  const split = new Float64Array(CATEGORY_COUNT);
  if (n === 0) return { durationS: 0, split, events: 0 };
  const g = new TaskGraph();
  const emit = layerEmitters(g, w, c);
  let prev = -1;
  for (let l = 0; l < n; l++) prev = forward ? emit.forward(prev, true) : emit.backward(prev);
  const sim = new Simulator();
  g.run(sim);
  const end = g.endS[prev]!;
  // compute-stream busy time and the gaps between, attributed to the communication that caused them
  let computeS = 0;
  let cursor = 0;
  const s = S_COMPUTE;
  const attribute = (from: number, until: number, dep: number): void => {
    let cur = until;
    let d = dep;
    let lastCat = TaskCategory.Compute as number;
    while (d >= 0 && cur > from) {
      const cat = g.category[d]!;
      if (cat === TaskCategory.Compute) break;
      const lo = Math.max(from, g.startS[d]!);
      if (cur > lo) split[cat]! += cur - lo;
      cur = Math.min(cur, lo);
      lastCat = cat;
      d = g.lastDep[d]!;
    }
    if (cur > from) split[lastCat]! += cur - from;
  };
  for (let i = g.streamStart[s]!; i < g.streamStart[s + 1]!; i++) {
    const t = g.streamTasks[i]!;
    if (g.startS[t]! > cursor) attribute(cursor, g.startS[t]!, g.lastDep[t]!);
    computeS += g.endS[t]! - g.startS[t]!;
    cursor = g.endS[t]!;
  }
  if (end > cursor) attribute(cursor, end, prev);
  split[TaskCategory.Compute]! += computeS;
  return { durationS: end, split, events: sim.eventsProcessed };
}

export function addSplit(into: Float64Array, from: ArrayLike<number>, scale = 1): void {
  for (let k = 0; k < CATEGORY_COUNT; k++) into[k]! += from[k]! * scale;
}
