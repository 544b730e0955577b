/**
 * Parallelism checks and layouts: degrees against the system's ranks, layers per pipeline stage,
 * micro-batches per step, and the placement of groups onto ranks.
 *
 * Placement (docs/model.md "Placement"): the rank grid's axes in `parallelism.order`, innermost
 * first; by default rank = ((pp_i x dp + dp_i) x cp + cp_i) x tp + tp_i, i.e. TP innermost on
 * consecutive ranks (inside a chip, then a server), then CP, then DP, with PP outermost, as Megatron
 * and NxD order their groups. Ranks are filled chip by chip (System.rankToChip). EP groups are ep
 * consecutive DP indices.
 */
import type { System } from '../../hardware/types.js';
import type { ParallelAxis, Parallelism, TrainingWorkload } from '../types.js';
import { workloadErrors } from '../errors.js';
import {
  dataParallelDegree,
  describeRanks,
  expertParallelProblem,
  globalBatchProblem,
  interleavedBatchProblem,
  layersPerStageProblem,
  sequenceSplitProblem,
  tensorParallelProblem,
} from './parallelism-rules.js';

export interface Coordinates {
  readonly tp: number;
  readonly cp: number;
  readonly dp: number;
  readonly pp: number;
}

/** NxD's and Megatron's rank order, innermost axis first. */
export const DEFAULT_ORDER: readonly ParallelAxis[] = ['tp', 'cp', 'dp', 'pp'];

export function rankOf(p: Parallelism, c: Coordinates): number {
  const order = p.order ?? DEFAULT_ORDER;
  let r = 0;
  for (let i = order.length - 1; i >= 0; i--) {
    const a = order[i]!;
    r = r * p[a] + c[a];
  }
  return r;
}

/** Coordinates of a rank (the inverse of rankOf). */
export function coordsOf(p: Parallelism, rank: number): Coordinates {
  const order = p.order ?? DEFAULT_ORDER;
  const c = { tp: 0, cp: 0, dp: 0, pp: 0 };
  let r = rank;
  for (const a of order) {
    c[a] = r % p[a];
    r = Math.floor(r / p[a]);
  }
  return c;
}

/** Whether `order` lists tp, cp, dp and pp once each. */
export function isRankOrder(order: unknown): order is readonly ParallelAxis[] {
  return Array.isArray(order) && order.length === 4 && DEFAULT_ORDER.every((a) => order.includes(a));
}

/** The ranks along one axis through coordinates c: rankOf is linear, so they step by the axis's stride. */
function along(p: Parallelism, c: Coordinates, axis: ParallelAxis, count: number, from = 0): number[] {
  const r0 = rankOf(p, { ...c, [axis]: from });
  const stride = count > 1 ? rankOf(p, { ...c, [axis]: from + 1 }) - r0 : 0;
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = r0 + i * stride;
  return out;
}

/** Ranks of the TP group containing coordinates c (tp varies). */
export function tpGroup(p: Parallelism, c: Coordinates): number[] {
  return along(p, c, 'tp', p.tp);
}

export function cpGroup(p: Parallelism, c: Coordinates): number[] {
  return along(p, c, 'cp', p.cp);
}

export function dpGroup(p: Parallelism, c: Coordinates): number[] {
  return along(p, c, 'dp', p.dp);
}

/** EP group: ep consecutive DP indices sharing the block of c.dp. */
export function epGroup(p: Parallelism, c: Coordinates): number[] {
  return along(p, c, 'dp', p.ep, Math.floor(c.dp / p.ep) * p.ep);
}

function isPosInt(v: number): boolean {
  return Number.isInteger(v) && v > 0;
}

/** Checks degrees, divisibility and batch arithmetic; throws UserInputError naming the field. */
export function checkParallelism(system: System, w: TrainingWorkload): void {
  const p = w.parallelism;
  for (const f of ['tp', 'pp', 'dp', 'cp', 'ep', 'virtualStages'] as const) {
    if (!isPosInt(p[f])) throw workloadErrors.badField(`workload.parallelism.${f}`, p[f], 'a positive integer');
  }
  if (!(Number.isInteger(p.zero) && p.zero >= 0 && p.zero <= 3)) throw workloadErrors.badField('workload.parallelism.zero', p.zero, '0, 1, 2 or 3');
  if (p.schedule !== '1f1b' && p.schedule !== 'interleaved') throw workloadErrors.badField('workload.parallelism.schedule', p.schedule, '"1f1b" or "interleaved"');
  for (const f of ['sequenceLength', 'globalBatch', 'microBatch'] as const) {
    if (!isPosInt(w[f])) throw workloadErrors.badField(`workload.${f}`, w[f], 'a positive integer');
  }
  if (w.precision !== 'bf16' && w.precision !== 'fp8') throw workloadErrors.badField('workload.precision', w.precision, '"bf16" or "fp8"');
  if (w.recompute !== 'none' && w.recompute !== 'selective' && w.recompute !== 'full') {
    throw workloadErrors.badField('workload.recompute', w.recompute, '"none", "selective" or "full"');
  }
  if (p.order !== undefined && !isRankOrder(p.order)) throw workloadErrors.badField('workload.parallelism.order', p.order, 'tp, cp, dp and pp once each, innermost first (default [tp, cp, dp, pp])');
  const m = w.model;
  const systemText = describeRanks(system.count, system.preset, system.chipCount, system.ranksPerChip, system.lnc);
  const dp = dataParallelDegree([['tp', p.tp], ['pp', p.pp], ['cp', p.cp]], p.dp, system.rankCount, systemText, false);
  if ('problem' in dp) throw workloadErrors.rule(dp.problem);
  const problem =
    tensorParallelProblem(p.tp, m.heads, m.ffn) ??
    expertParallelProblem(p.ep, p.dp, m.experts, m.name) ??
    sequenceSplitProblem(w.sequenceLength, p.cp, p.tp, p.sequenceParallel) ??
    globalBatchProblem(w.globalBatch, p.dp, w.microBatch) ??
    layersPerStageProblem(m.layers, p.pp, p.schedule === 'interleaved' ? p.virtualStages : 1) ??
    (p.schedule === 'interleaved' ? interleavedBatchProblem(w.globalBatch, p.dp, w.microBatch, p.pp) : undefined);
  if (problem) throw workloadErrors.rule(problem);
}

/** Micro-batches each data-parallel replica runs per step: globalBatch / (dp x microBatch). */
export function microBatches(w: TrainingWorkload): number {
  return w.globalBatch / (w.parallelism.dp * w.microBatch);
}

/** Model chunks per stage: virtualStages for interleaved, else 1. */
export function chunksPerStage(p: Parallelism): number {
  return p.schedule === 'interleaved' && p.pp > 1 ? p.virtualStages : 1;
}

/**
 * Layers of each (stage, chunk): virtual stage vs = chunk x pp + stage holds a contiguous run of
 * layers; when layers do not divide evenly, the first virtual stages hold one more (the last stage
 * also computes the logits).
 */
export function layersPerChunk(layers: number, pp: number, chunks: number): number[][] {
  const n = pp * chunks;
  const base = Math.floor(layers / n);
  const extra = layers % n;
  const out: number[][] = [];
  for (let s = 0; s < pp; s++) {
    const row: number[] = [];
    for (let c = 0; c < chunks; c++) row.push(base + (c * pp + s < extra ? 1 : 0));
    out.push(row);
  }
  return out;
}
