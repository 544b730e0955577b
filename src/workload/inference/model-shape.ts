/**
 * The per-rank shape of a decoder under tensor parallelism, as NxD Inference shards it: attention
 * heads and FFN columns split across the TP ranks; KV heads split too, and replicated when TP
 * exceeds the KV head count (each rank keeps at least one KV head); embedding and LM head sharded
 * over the vocabulary. Pure arithmetic, no simulation.
 */
import type { ModelConfig, Precision } from '../types.js';
import { KV_BYTES_PER_ELEMENT } from './calibration.js';

export interface RankShape {
  readonly layers: number;
  readonly hidden: number;
  readonly headDim: number;
  /** Query heads per rank (ceil: padded heads when tp does not divide them). */
  readonly headsPerRank: number;
  /** KV heads per rank: ceil(kvHeads / tp), at least 1 (replicated when tp > kvHeads). */
  readonly kvHeadsPerRank: number;
  /** FFN columns per rank (per expert). */
  readonly ffnPerRank: number;
  /** 3 for SwiGLU, 2 for plain GELU. */
  readonly ffnMatrices: number;
  readonly vocabPerRank: number;
  /** Experts that one token visits (dense: 1). */
  readonly activeExperts: number;
  readonly experts: number;
  readonly weightBytesPerElement: number;
  /** Weight bytes one rank holds. */
  readonly weightBytesPerRank: number;
  /** Weight bytes one rank streams from HBM per forward pass of one layer (dense; MoE: active experts at batch 1). */
  readonly layerWeightBytesPerRank: number;
  /** LM head weight bytes per rank. */
  readonly lmHeadBytesPerRank: number;
  /** KV bytes one token occupies on one rank: 2 x layers x kvHeadsPerRank x headDim x 2 bytes. */
  readonly kvBytesPerTokenPerRank: number;
}

export function weightBytesPerElement(precision: Precision): number {
  return precision === 'fp8' ? 1 : 2;
}

export function rankShape(model: ModelConfig, tp: number, precision: Precision): RankShape {
  const headDim = model.headDim;
  const headsPerRank = Math.ceil(model.heads / tp);
  const kvHeadsPerRank = Math.max(1, Math.ceil(model.kvHeads / tp));
  const ffnPerRank = Math.ceil(model.ffn / tp);
  const ffnMatrices = model.gatedFfn ? 3 : 2;
  const vocabPerRank = Math.ceil(model.vocab / tp);
  const wb = weightBytesPerElement(precision);
  const experts = Math.max(1, model.experts);
  const activeExperts = experts > 1 ? Math.max(1, model.topK) : 1;
  // attention: QKV (hidden x (q + 2 kv) heads x headDim) and O (q heads x headDim x hidden)
  const attnParams = model.hidden * (headsPerRank + 2 * kvHeadsPerRank) * headDim + headsPerRank * headDim * model.hidden;
  const ffnParamsPerExpert = ffnMatrices * model.hidden * ffnPerRank;
  const layerParams = attnParams + experts * ffnParamsPerExpert;
  const layerStreamedParams = attnParams + activeExperts * ffnParamsPerExpert;
  const embedParams = vocabPerRank * model.hidden;
  const positionParams = model.learnedPositions ? (model.maxPositions ?? 0) * model.hidden : 0;
  const lmHeadParams = vocabPerRank * model.hidden;
  const totalParams = model.layers * layerParams + embedParams + (model.tiedEmbeddings ? 0 : lmHeadParams) + positionParams;
  return {
    layers: model.layers,
    hidden: model.hidden,
    headDim,
    headsPerRank,
    kvHeadsPerRank,
    ffnPerRank,
    ffnMatrices,
    vocabPerRank,
    activeExperts,
    experts,
    weightBytesPerElement: wb,
    weightBytesPerRank: totalParams * wb,
    layerWeightBytesPerRank: layerStreamedParams * wb,
    lmHeadBytesPerRank: lmHeadParams * wb,
    kvBytesPerTokenPerRank: 2 * model.layers * kvHeadsPerRank * headDim * KV_BYTES_PER_ELEMENT,
  };
}
