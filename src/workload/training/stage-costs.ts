/**
 * Durations of the compute segments and collectives of one pipeline stage of one lockstep block
 * (blocks.ts), computed once per (stage, block) (all layers of a model are alike) and reused by
 * every micro-batch. A block's ranks wait for one another at every collective, so its compute runs
 * at its slowest chip's speed and each collective takes the longest of the block's groups of that
 * kind; the DP reductions join every block of the stage and take the longest of the stage's DP
 * groups.
 */
import type { ChipSpec, System } from '../../hardware/types.js';
import type { TrainingWorkload } from '../types.js';
import { HBM_EFFICIENCY_PER_OP, ACTIVATION_BYTES, WEIGHT_BYTES } from '../calibration.js';
import { OPTIMIZER_STEP_BYTES_PER_PARAM, GRAD_BYTES } from './calibration.js';
import { backwardOf, embeddingForwardOps, layerForwardOps, localWidths, logitsForwardOps, matmulTokens, normTokens, type Op } from '../ops.js';
import { opTimeS, rankCompute, type RankCompute } from '../roofline.js';
import { layerParamsPerRank, shardShape, stageParamsPerRank } from './memory.js';
import { cpGroup, dpGroup, epGroup, rankOf, tpGroup } from './parallelism.js';
import { blockDpIndices, blockRanks } from './blocks.js';
import type { CollectiveRequest } from '../../collectives/types.js';
import type { CollectiveTimer } from '../../collectives/cost.js';

export interface SegmentTimes {
  readonly preAttention: number;
  readonly attention: number;
  readonly preFfn: number;
  readonly ffn: number;
}

export interface StageCosts {
  readonly fwd: SegmentTimes;
  readonly bwd: SegmentTimes;
  readonly embeddingFwdS: number;
  readonly embeddingBwdS: number;
  readonly logitsFwdS: number;
  readonly logitsBwdS: number;
  readonly optimizerS: number;
  /** Tensor-parallel collectives on the stage's TP group (0 when tp = 1; all-gather / reduce-scatter only with SP, all-reduce only without). */
  readonly tpAllGatherS: number;
  readonly tpReduceScatterS: number;
  readonly tpAllReduceS: number;
  /** Ring-attention KV exchange of one layer, forward (backward moves twice the bytes). */
  readonly cpFwdS: number;
  readonly cpBwdS: number;
  /** One all-to-all (dispatch or combine) of an MoE layer. */
  readonly epAllToAllS: number;
  /** Gradient reduction of one layer's parameters over DP (all-reduce for ZeRO-0, else reduce-scatter). */
  readonly dpLayerGradS: number;
  /** Gradient reduction of the stage's embedding / output parameters over DP. */
  readonly dpEmbeddingGradS: number;
  /** ZeRO-1/2: all-gather of the updated BF16 parameters after the optimizer step. */
  readonly dpParamAllGatherS: number;
  /** ZeRO-3: all-gather of one layer's parameters before its forward and its backward. */
  readonly dpLayerParamGatherS: number;
}

function sum(ops: readonly Op[], rc: RankCompute, backward: boolean): number {
  let t = 0;
  for (const op of ops) t += opTimeS(backward ? backwardOf(op) : op, rc);
  return t;
}

/**
 * The slowest chip holding ranks of block `block` on pipeline stage `stage`. A step is
 * synchronous: a straggler (a chip override or fault with less compute or HBM bandwidth) slows
 * its block at every collective, and through the pipeline and the DP reduction the whole step.
 */
export function slowestChipOfBlock(system: System, w: TrainingWorkload, stage: number, block = 0): ChipSpec {
  const flops = (c: ChipSpec): number => {
    const f = c.peakFlopsPerSecond;
    return w.precision === 'fp8' ? (f.fp8 ?? f.bf16 ?? 0) : (f.bf16 ?? 0);
  };
  // slower compute first, then less HBM bandwidth
  const slower = (a: ChipSpec, b: ChipSpec): boolean =>
    flops(a) < flops(b) || (flops(a) === flops(b) && a.hbmBytesPerSecond < b.hbmBytesPerSecond);
  let worst: ChipSpec | undefined;
  let prevChip = -1;
  for (const r of blockRanks(w.parallelism, block, stage)) {
    const chip = system.rankToChip(r);
    if (chip === prevChip) continue;
    prevChip = chip;
    const c = system.chipAt(chip);
    if (worst === undefined || (c !== worst && slower(c, worst))) worst = c;
  }
  return worst ?? system.chip;
}

export function rankComputeOf(system: System, w: TrainingWorkload, stage = 0, block = 0): RankCompute {
  return rankCompute(slowestChipOfBlock(system, w, stage, block), system.ranksPerChip, w.precision);
}

/** Bytes sent point to point between pipeline stages per micro-batch (a TP rank's SP slice). */
export function pipelineBytes(w: TrainingWorkload): number {
  const s = shardShape(w);
  return ACTIVATION_BYTES * normTokens(s) * w.model.hidden;
}

/** The DP reductions of one stage (they join every block; the longest DP group of the stage). */
export interface DpCosts {
  readonly dpLayerGradS: number;
  readonly dpEmbeddingGradS: number;
  readonly dpParamAllGatherS: number;
  readonly dpLayerParamGatherS: number;
}

/** Longest time of `op` over the groups, one timer call per group. */
function longest(timer: CollectiveTimer, op: CollectiveRequest['op'], groups: readonly (readonly number[])[], sizeBytes: number): number {
  let t = 0;
  for (const ranks of groups) t = Math.max(t, timer({ op, ranks, sizeBytes }));
  return t;
}

/**
 * The stage's DP groups, one per chip position: a group's sibling groups on the same chips (TP
 * indices sharing the chips) are folded into it by the timer, so one TP index per chip suffices.
 */
function stageDpGroups(system: System, w: TrainingWorkload, stage: number): number[][] {
  const p = w.parallelism;
  const out: number[][] = [];
  const seen = new Set<number>();
  for (let cp = 0; cp < p.cp; cp++) {
    for (let tp = 0; tp < p.tp; tp++) {
      const chip = system.rankToChip(rankOf(p, { tp, cp, dp: 0, pp: stage }));
      if (system.ranksPerChip > 1 && seen.has(chip)) continue;
      seen.add(chip);
      out.push(dpGroup(p, { tp, cp, dp: 0, pp: stage }));
    }
  }
  return out;
}

export function dpCosts(system: System, w: TrainingWorkload, stage: number, timer: CollectiveTimer): DpCosts {
  const p = w.parallelism;
  if (p.dp <= 1) return { dpLayerGradS: 0, dpEmbeddingGradS: 0, dpParamAllGatherS: 0, dpLayerParamGatherS: 0 };
  const m = w.model;
  const groups = stageDpGroups(system, w, stage);
  const layerParams = layerParamsPerRank(m, p.tp, p.ep);
  const stageParams = stageParamsPerRank(w, stage);
  const first = stage === 0;
  const last = stage === p.pp - 1;
  const table = (m.vocab * m.hidden) / p.tp;
  // input table on the first stage, output projection on the last (one table when tied on one stage)
  const embedParams = (first ? table : 0) + (last && !(first && m.tiedEmbeddings) ? table : 0);
  const dpOp = p.zero === 0 ? 'all-reduce' : 'reduce-scatter';
  return {
    dpLayerGradS: longest(timer, dpOp, groups, layerParams * GRAD_BYTES),
    dpEmbeddingGradS: embedParams > 0 ? longest(timer, dpOp, groups, embedParams * GRAD_BYTES) : 0,
    dpParamAllGatherS: p.zero === 1 || p.zero === 2 ? longest(timer, 'all-gather', groups, stageParams * WEIGHT_BYTES) : 0,
    dpLayerParamGatherS: p.zero === 3 ? longest(timer, 'all-gather', groups, layerParams * WEIGHT_BYTES) : 0,
  };
}

/** Pipeline sends from block b's stage s to its next stage: the longest of its ranks' sends (one per chip). */
export function pipelineSendS(system: System, w: TrainingWorkload, stage: number, block: number, timer: CollectiveTimer): number {
  const p = w.parallelism;
  if (p.pp <= 1) return 0;
  const next = (stage + 1) % p.pp;
  const bytes = pipelineBytes(w);
  let t = 0;
  let prevChip = -1;
  for (const dp of blockDpIndices(p, block)) {
    for (let cp = 0; cp < p.cp; cp++) {
      for (let tp = 0; tp < p.tp; tp++) {
        const from = rankOf(p, { tp, cp, dp, pp: stage });
        const chip = system.rankToChip(from);
        if (chip === prevChip) continue; // the chip's other ranks are this send's siblings
        prevChip = chip;
        t = Math.max(t, timer({ op: 'send-recv', ranks: [from, rankOf(p, { tp, cp, dp, pp: next })], sizeBytes: bytes }));
      }
    }
  }
  return t;
}

export function stageCosts(system: System, w: TrainingWorkload, stage: number, timer: CollectiveTimer, block = 0, dp: DpCosts = dpCosts(system, w, stage, timer)): StageCosts {
  const p = w.parallelism;
  const m = w.model;
  const rc = rankComputeOf(system, w, stage, block);
  const shape = shardShape(w);
  const seg = layerForwardOps(m, shape);
  const seqSeg = (backward: boolean): SegmentTimes => ({
    preAttention: sum(seg.preAttention, rc, backward),
    attention: sum(seg.attention, rc, backward),
    preFfn: sum(seg.preFfn, rc, backward),
    ffn: sum(seg.ffn, rc, backward),
  });
  const fwd = seqSeg(false);
  let bwd = seqSeg(true);
  // each micro-batch's weight gradients are added into the FP32 accumulation buffer (read + write)
  const gradAccumulateS = (params: number): number => (params * 2 * GRAD_BYTES) / (rc.hbmBytesPerSecond * HBM_EFFICIENCY_PER_OP);
  bwd = { ...bwd, ffn: bwd.ffn + gradAccumulateS(layerParamsPerRank(m, p.tp, p.ep)) };
  if (w.recompute === 'selective') {
    // core attention is recomputed before its backward (Korthikanti et al. 2022; NxD selective checkpointing)
    const core = seg.attention.filter((o) => o.kind === 'attention');
    bwd = { ...bwd, attention: bwd.attention + sum(core, rc, false) };
  }
  // the block's groups of each kind (TP per replica and CP index, CP per replica and TP index, EP per TP and CP index)
  const dps = blockDpIndices(p, block);
  const tpGroups: number[][] = [];
  const cpPairs: number[][] = [];
  const epGroups: number[][] = [];
  for (const d of dps) for (let c = 0; c < p.cp; c++) tpGroups.push(tpGroup(p, { tp: 0, cp: c, dp: d, pp: stage }));
  if (p.cp > 1) for (const d of dps) for (let t = 0; t < p.tp; t++) cpPairs.push(cpGroup(p, { tp: t, cp: 0, dp: d, pp: stage }).slice(0, 2));
  if (p.ep > 1) for (let c = 0; c < p.cp; c++) for (let t = 0; t < p.tp; t++) epGroups.push(epGroup(p, { tp: t, cp: c, dp: dps[0]!, pp: stage }));
  const act = ACTIVATION_BYTES * matmulTokens(shape) * m.hidden;
  const tpOn = p.tp > 1;
  const lw = localWidths(m, p.tp);
  const kvBytes = ACTIVATION_BYTES * matmulTokens(shape) * 2 * lw.kv;
  const cpStep = p.cp > 1 ? longest(timer, 'send-recv', cpPairs, kvBytes) : 0;
  const stageParams = stageParamsPerRank(w, stage);
  const first = stage === 0;
  const last = stage === p.pp - 1;
  const table = (m.vocab * m.hidden) / p.tp;
  const optimizerParams = stageParams / (p.zero >= 1 ? p.dp : 1);
  return {
    fwd,
    bwd,
    embeddingFwdS: first ? sum(embeddingForwardOps(m, shape), rc, false) : 0,
    embeddingBwdS: first ? sum(embeddingForwardOps(m, shape), rc, true) + gradAccumulateS(table) : 0,
    logitsFwdS: last ? sum(logitsForwardOps(m, shape), rc, false) : 0,
    logitsBwdS: last ? sum(logitsForwardOps(m, shape), rc, true) + (first && m.tiedEmbeddings ? 0 : gradAccumulateS(table)) : 0,
    optimizerS: (optimizerParams * OPTIMIZER_STEP_BYTES_PER_PARAM) / (rc.hbmBytesPerSecond * HBM_EFFICIENCY_PER_OP),
    // with SP a layer uses all-gather / reduce-scatter, without it all-reduce: time only what is used
    tpAllGatherS: tpOn && p.sequenceParallel ? longest(timer, 'all-gather', tpGroups, act) : 0,
    tpReduceScatterS: tpOn && p.sequenceParallel ? longest(timer, 'reduce-scatter', tpGroups, act) : 0,
    tpAllReduceS: tpOn && !p.sequenceParallel ? longest(timer, 'all-reduce', tpGroups, act) : 0,
    cpFwdS: (p.cp - 1) * cpStep,
    cpBwdS: 2 * (p.cp - 1) * cpStep,
    epAllToAllS: p.ep > 1 ? longest(timer, 'all-to-all', epGroups, ACTIVATION_BYTES * normTokens(shape) * m.topK * m.hidden) : 0,
    ...dp,
  };
}

/** Representative rank of stage s (TP, CP and DP index 0). */
export function representativeRank(w: TrainingWorkload, stage: number): number {
  return rankOf(w.parallelism, { tp: 0, cp: 0, dp: 0, pp: stage });
}
