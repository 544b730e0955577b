/**
 * Builds the task graph of one training step for one representative rank per pipeline stage
 * (docs/model.md "Symmetry"): TP ranks of a group, DP replicas and CP/EP peers run the same
 * program on identically shaped groups, so one rank per stage stands for all of them; collectives
 * are still timed on the representative's actual group placement.
 *
 * Streams per stage: compute, TP collectives, pipeline sends, DP collectives, EP all-to-all, CP
 * ring exchange. Program order follows the pipeline schedule (schedule.ts); dependencies follow the
 * data: TP collectives sit between the segments of a layer, pipeline sends carry a micro-batch to
 * the next (virtual) stage, gradient reduction of a layer starts when its last backward is done
 * and overlaps the remaining backward.
 */
import type { System } from '../hardware/types.js';
import type { TrainingWorkload } from './types.js';
import { TaskCategory, TaskGraph } from './task-graph.js';
import { TP_COMM_OVERLAP } from './calibration.js';
import { chunksPerStage, layersPerChunk, microBatches, rankOf } from './parallelism.js';
import { stageProgram } from './schedule.js';
import { pipelineBytes, stageCosts, type StageCosts } from './stage-costs.js';
import type { CollectiveTimer } from './comm.js';

export const STREAMS_PER_STAGE = 6;
const S_COMPUTE = 0;
const S_TP = 1;
const S_PP = 2;
const S_DP = 3;
const S_EP = 4;
const S_CP = 5;

export interface StepGraph {
  readonly graph: TaskGraph;
  readonly stages: number;
  readonly costs: readonly StageCosts[];
  /** Sum of DP collective time issued by each stage (for reporting). */
  readonly microBatches: number;
}

export function buildStepGraph(system: System, w: TrainingWorkload, timer: CollectiveTimer): StepGraph {
  const p = w.parallelism;
  const pp = p.pp;
  const v = chunksPerStage(p);
  const m = microBatches(w);
  const g = new TaskGraph();
  const costs: StageCosts[] = [];
  for (let s = 0; s < pp; s++) costs.push(stageCosts(system, w, s, timer));
  const layers = layersPerChunk(w.model.layers, pp, v);
  const totalV = pp * v;
  // pipeline send time between consecutive virtual stages (vs -> vs + 1 sits on stage vs % pp)
  const ppSend: number[] = [];
  for (let s = 0; s < pp; s++) {
    const next = (s + 1) % pp;
    ppSend.push(pp > 1 ? timer({ op: 'send-recv', ranks: [rankOf(p, { tp: 0, cp: 0, dp: 0, pp: s }), rankOf(p, { tp: 0, cp: 0, dp: 0, pp: next })], sizeBytes: pipelineBytes(w) }) : 0);
  }
  // per (virtual stage, micro-batch): entry task of forward/backward unit and its send task
  const size = totalV * m;
  const fwdEntry = new Int32Array(size).fill(-1);
  const bwdEntry = new Int32Array(size).fill(-1);
  const fwdSend = new Int32Array(size).fill(-1);
  const bwdSend = new Int32Array(size).fill(-1);
  const tpOn = p.tp > 1;
  const sp = p.sequenceParallel;
  const split = tpOn || p.ep > 1 || p.cp > 1;

  for (let s = 0; s < pp; s++) {
    const c = costs[s]!;
    const base = s * STREAMS_PER_STAGE;
    let entry = -1;
    const task = (stream: number, cat: TaskCategory, d: number, deps: number[]): number => {
      const id = g.addTask(base + stream, cat, d, deps);
      if (entry < 0) entry = id;
      return id;
    };
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

    const layerForward = (prev: number, fetch: boolean): number => {
      const ag = fetch ? gatherParams() : -1;
      const f = c.fwd;
      if (!split) return compute(f.preAttention + f.attention + f.preFfn + f.ffn, [prev, ag]);
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
    const layerBackward = (prev: number): number => {
      let start = prev;
      if (w.recompute === 'full') start = layerForward(prev, false);
      const ag = gatherParams();
      const b = c.bwd;
      if (!split) return compute(b.preAttention + b.attention + b.preFfn + b.ffn, [start, ag]);
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

    const dpTasks: number[] = [];
    const everyMicroBatch = p.zero >= 2;
    for (const unit of stageProgram(s, pp, m, v)) {
      const vs = unit.chunk * pp + s;
      const idx = vs * m + unit.microBatch;
      const lastMb = unit.microBatch === m - 1;
      entry = -1;
      let prev = -1;
      if (unit.forward) {
        if (vs === 0) prev = compute(c.embeddingFwdS, []);
        if (vs === 0 && tpOn) prev = tpComm(sp ? c.tpReduceScatterS : c.tpAllReduceS, [prev]);
        for (let l = 0; l < layers[s]![unit.chunk]!; l++) prev = layerForward(prev, true);
        if (vs === totalV - 1) {
          if (tpOn && sp) prev = tpComm(c.tpAllGatherS, [prev]);
          prev = compute(c.logitsFwdS, [prev]);
        } else {
          fwdSend[idx] = task(S_PP, TaskCategory.Pp, ppSend[s]!, [prev]);
        }
        fwdEntry[idx] = entry;
      } else {
        if (vs === totalV - 1) prev = compute(c.logitsBwdS, []);
        if (vs === totalV - 1 && tpOn && sp) prev = tpComm(c.tpReduceScatterS, [prev]);
        for (let l = 0; l < layers[s]![unit.chunk]!; l++) {
          prev = layerBackward(prev);
          if (c.dpLayerGradS > 0 && (lastMb || everyMicroBatch)) dpTasks.push(g.addTask(base + S_DP, TaskCategory.Dp, c.dpLayerGradS, [prev]));
        }
        if (vs === 0) {
          if (tpOn) prev = tpComm(sp ? c.tpAllGatherS : c.tpAllReduceS, [prev]);
          prev = compute(c.embeddingBwdS, [prev]);
        }
        if ((vs === 0 || vs === totalV - 1) && c.dpEmbeddingGradS > 0 && (lastMb || everyMicroBatch)) {
          dpTasks.push(g.addTask(base + S_DP, TaskCategory.Dp, c.dpEmbeddingGradS, [prev]));
        }
        if (vs > 0) bwdSend[idx] = task(S_PP, TaskCategory.Pp, ppSend[(s - 1 + pp) % pp]!, [prev]);
        bwdEntry[idx] = entry;
      }
    }
    // optimizer step on the stage's (ZeRO-sharded) parameters after every gradient is reduced,
    // then ZeRO-1/2 all-gather the updated parameters
    const opt = compute(c.optimizerS, dpTasks);
    if (c.dpParamAllGatherS > 0) g.addTask(base + S_DP, TaskCategory.Dp, c.dpParamAllGatherS, [opt]);
  }
  // cross-stage edges: a forward unit needs the previous virtual stage's send of the same
  // micro-batch; a backward unit needs the next virtual stage's gradient send
  for (let vs = 0; vs < totalV; vs++) {
    for (let mb = 0; mb < m; mb++) {
      const idx = vs * m + mb;
      if (vs > 0) g.addEdge(fwdSend[idx - m]!, fwdEntry[idx]!);
      if (vs < totalV - 1) g.addEdge(bwdSend[idx + m]!, bwdEntry[idx]!);
    }
  }
  return { graph: g, stages: pp, costs, microBatches: m };
}

/** Stream id of a stage's compute stream. */
export function computeStream(stage: number): number {
  return stage * STREAMS_PER_STAGE + S_COMPUTE;
}
