/**
 * What a chip does during one training step, for the energy model: seconds its compute engines
 * are busy (the compute stream of the step graph), bytes it moves to and from HBM (the ops of
 * ops.ts, as stage-costs.ts prices them) and link-hop bytes its collectives put on the wire
 * (collective-traffic.ts). Means over pipeline stages, which hold equal numbers of chips.
 * Collective buffers' own HBM reads and writes are not counted (small next to the ops').
 */
import type { System } from '../../hardware/types.js';
import type { TrainingWorkload } from '../types.js';
import { TaskCategory } from '../task-graph.js';
import { backwardOf, embeddingForwardOps, layerForwardOps, logitsForwardOps, type Op } from '../ops.js';
import { GRAD_BYTES, OPTIMIZER_STEP_BYTES_PER_PARAM } from './calibration.js';
import { layerParamsPerRank, shardShape, stageParamsPerRank } from './memory.js';
import { layersPerChunk, chunksPerStage, microBatches } from './parallelism.js';
import { computeStream, type StepGraph } from './step-graph.js';
import { groupHopBytes, stepTraffic, type TrafficKind } from './collective-traffic.js';

export interface TrainingActivity {
  /** Per chip per step, means over stages. */
  readonly computeBusySPerChip: number;
  readonly hbmBytesPerChip: number;
  readonly linkHopBytesPerChip: number;
  readonly linkHopBytesPerChipByKind: Readonly<Record<TrafficKind, number>>;
}

const bytesOf = (ops: readonly Op[], backward: boolean): number => ops.reduce((a, op) => a + (backward ? backwardOf(op) : op).bytes, 0);

/** HBM bytes one rank of stage `stage` moves per step. */
export function stageHbmBytesPerRank(w: TrainingWorkload, stage: number): number {
  const p = w.parallelism;
  const m = w.model;
  const shape = shardShape(w);
  const seg = layerForwardOps(m, shape);
  const all = [...seg.preAttention, ...seg.attention, ...seg.preFfn, ...seg.ffn];
  const fwd = bytesOf(all, false);
  let bwd = bytesOf(all, true) + layerParamsPerRank(m, p.tp, p.ep) * 2 * GRAD_BYTES;
  if (w.recompute === 'selective') bwd += bytesOf(seg.attention.filter((o) => o.kind === 'attention'), false);
  if (w.recompute === 'full') bwd += fwd;
  const L = layersPerChunk(m.layers, p.pp, chunksPerStage(p))[stage]!.reduce((a, b) => a + b, 0);
  const first = stage === 0;
  const last = stage === p.pp - 1;
  const table = (m.vocab * m.hidden) / p.tp;
  let perMicroBatch = L * (fwd + bwd);
  if (first) perMicroBatch += bytesOf(embeddingForwardOps(m, shape), false) + bytesOf(embeddingForwardOps(m, shape), true) + table * 2 * GRAD_BYTES;
  if (last) {
    const logits = logitsForwardOps(m, shape);
    perMicroBatch += bytesOf(logits, false) + bytesOf(logits, true) + (first && m.tiedEmbeddings ? 0 : table * 2 * GRAD_BYTES);
  }
  const optimizerParams = stageParamsPerRank(w, stage) / (p.zero >= 1 ? p.dp : 1);
  return microBatches(w) * perMicroBatch + optimizerParams * OPTIMIZER_STEP_BYTES_PER_PARAM;
}

/** Busy time of stage `stage`'s compute stream in a run step graph (the compute part of each task). */
export function stageComputeBusyS(step: StepGraph, stage: number): number {
  const g = step.graph;
  const s = computeStream(stage);
  let busy = 0;
  for (let i = g.streamStart[s]!; i < g.streamStart[s + 1]!; i++) busy += g.splitPart(g.streamTasks[i]!, TaskCategory.Compute);
  return busy;
}

export function trainingActivity(system: System, w: TrainingWorkload, step: StepGraph): TrainingActivity {
  const pp = w.parallelism.pp;
  const ranksPerStage = system.rankCount / pp;
  const chipsPerStage = system.chipCount / pp;
  let busy = 0;
  let hbm = 0;
  const byKind: Record<TrafficKind, number> = { tp: 0, pp: 0, dp: 0, ep: 0, cp: 0 };
  for (let s = 0; s < pp; s++) {
    busy += stageComputeBusyS(step, s);
    hbm += stageHbmBytesPerRank(w, s) * system.ranksPerChip;
  }
  for (const t of stepTraffic(w)) {
    // every group of the stage is taken to carry what the representative's does (symmetry)
    const groups = t.pattern === 'pair' ? ranksPerStage : ranksPerStage / t.ranks.length;
    byKind[t.kind] += (groupHopBytes(system, t) * t.perStep * groups) / chipsPerStage;
  }
  let link = 0;
  for (const k of Object.keys(byKind) as TrafficKind[]) {
    byKind[k] /= pp;
    link += byKind[k];
  }
  return { computeBusySPerChip: busy / pp, hbmBytesPerChip: hbm / pp, linkHopBytesPerChip: link, linkHopBytesPerChipByKind: byKind };
}
