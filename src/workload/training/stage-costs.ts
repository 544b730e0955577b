/**
 * Durations of the compute segments and collectives of one pipeline stage's representative rank,
 * computed once per stage (all layers of a model are alike) and reused by every micro-batch.
 */
import type { ChipSpec, System } from '../../hardware/types.js';
import type { TrainingWorkload } from '../types.js';
import { HBM_EFFICIENCY_PER_OP, ACTIVATION_BYTES, WEIGHT_BYTES } from '../calibration.js';
import { OPTIMIZER_STEP_BYTES_PER_PARAM, GRAD_BYTES } from './calibration.js';
import { backwardOf, embeddingForwardOps, layerForwardOps, localWidths, logitsForwardOps, matmulTokens, normTokens, type Op } from '../ops.js';
import { opTimeS, rankCompute, type RankCompute } from '../roofline.js';
import { layerParamsPerRank, shardShape, stageParamsPerRank } from './memory.js';
import { cpGroup, dpGroup, epGroup, rankOf, tpGroup, type Coordinates } from './parallelism.js';
import type { CollectiveTimer } from '../../collectives/types.js';

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
 * The slowest chip holding ranks of pipeline stage `stage` (placement: a stage's ranks are one
 * contiguous block). A step is synchronous: a straggler (a chip override with computeScale < 1,
 * or less HBM bandwidth) slows its TP group, and through the pipeline and the DP reduction the
 * whole step, so the stage's representative rank runs at the slowest chip's speed.
 */
export function slowestChipOfStage(system: System, w: TrainingWorkload, stage: number): ChipSpec {
  const perStage = system.rankCount / w.parallelism.pp;
  const firstChip = system.rankToChip(stage * perStage);
  const lastChip = system.rankToChip((stage + 1) * perStage - 1);
  const flops = (c: ChipSpec): number => {
    const f = c.peakFlopsPerSecond;
    return w.precision === 'fp8' ? (f.fp8 ?? f.bf16 ?? 0) : (f.bf16 ?? 0);
  };
  // slower compute first, then less HBM bandwidth
  const slower = (a: ChipSpec, b: ChipSpec): boolean =>
    flops(a) < flops(b) || (flops(a) === flops(b) && a.hbmBytesPerSecond < b.hbmBytesPerSecond);
  let worst = system.chipAt(firstChip);
  for (let chip = firstChip + 1; chip <= lastChip; chip++) {
    const c = system.chipAt(chip);
    if (c !== worst && slower(c, worst)) worst = c;
  }
  return worst;
}

export function rankComputeOf(system: System, w: TrainingWorkload, stage = 0): RankCompute {
  return rankCompute(slowestChipOfStage(system, w, stage), system.ranksPerChip, w.precision);
}

/** Bytes sent point to point between pipeline stages per micro-batch (a TP rank's SP slice). */
export function pipelineBytes(w: TrainingWorkload): number {
  const s = shardShape(w);
  return ACTIVATION_BYTES * normTokens(s) * w.model.hidden;
}

export function stageCosts(system: System, w: TrainingWorkload, stage: number, timer: CollectiveTimer): StageCosts {
  const p = w.parallelism;
  const m = w.model;
  const rc = rankComputeOf(system, w, stage);
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
  const c: Coordinates = { tp: 0, cp: 0, dp: 0, pp: stage };
  const tp = tpGroup(p, c);
  const act = ACTIVATION_BYTES * matmulTokens(shape) * m.hidden;
  const tpOn = p.tp > 1;
  const lw = localWidths(m, p.tp);
  const kvBytes = ACTIVATION_BYTES * matmulTokens(shape) * 2 * lw.kv;
  const cpPair = cpGroup(p, c).slice(0, 2);
  const cpStep = p.cp > 1 ? timer({ op: 'send-recv', ranks: cpPair, sizeBytes: kvBytes }) : 0;
  const ep = epGroup(p, c);
  const dp = dpGroup(p, c);
  const layerParams = layerParamsPerRank(m, p.tp, p.ep);
  const stageParams = stageParamsPerRank(w, stage);
  const first = stage === 0;
  const last = stage === p.pp - 1;
  const table = (m.vocab * m.hidden) / p.tp;
  // input table on the first stage, output projection on the last (one table when tied on one stage)
  const embedParams = (first ? table : 0) + (last && !(first && m.tiedEmbeddings) ? table : 0);
  const dpOp = p.zero === 0 ? 'all-reduce' : 'reduce-scatter';
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
    tpAllGatherS: tpOn && p.sequenceParallel ? timer({ op: 'all-gather', ranks: tp, sizeBytes: act }) : 0,
    tpReduceScatterS: tpOn && p.sequenceParallel ? timer({ op: 'reduce-scatter', ranks: tp, sizeBytes: act }) : 0,
    tpAllReduceS: tpOn && !p.sequenceParallel ? timer({ op: 'all-reduce', ranks: tp, sizeBytes: act }) : 0,
    cpFwdS: (p.cp - 1) * cpStep,
    cpBwdS: 2 * (p.cp - 1) * cpStep,
    epAllToAllS: p.ep > 1 ? timer({ op: 'all-to-all', ranks: ep, sizeBytes: ACTIVATION_BYTES * normTokens(shape) * m.topK * m.hidden }) : 0,
    dpLayerGradS: p.dp > 1 ? timer({ op: dpOp, ranks: dp, sizeBytes: layerParams * GRAD_BYTES }) : 0,
    dpEmbeddingGradS: p.dp > 1 && embedParams > 0 ? timer({ op: dpOp, ranks: dp, sizeBytes: embedParams * GRAD_BYTES }) : 0,
    dpParamAllGatherS: p.dp > 1 && (p.zero === 1 || p.zero === 2) ? timer({ op: 'all-gather', ranks: dp, sizeBytes: stageParams * WEIGHT_BYTES }) : 0,
    dpLayerParamGatherS: p.dp > 1 && p.zero === 3 ? timer({ op: 'all-gather', ranks: dp, sizeBytes: layerParams * WEIGHT_BYTES }) : 0,
  };
}

/** Representative rank of stage s (TP, CP and DP index 0). */
export function representativeRank(w: TrainingWorkload, stage: number): number {
  return rankOf(w.parallelism, { tp: 0, cp: 0, dp: 0, pp: stage });
}
