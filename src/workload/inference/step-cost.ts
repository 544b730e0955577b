/**
 * Time of one forward pass (a prefill or a decode step) of one model replica, from its per-layer op
 * graph: each op takes the roofline max(FLOPs / (peak x efficiency), HBM bytes / (HBM bytes/s x
 * efficiency)) on one rank, ops run one after another (the compiler overlaps an op's DMA with its own
 * compute, not with the next op's), two TP all-reduces per layer take their in-graph time, and each
 * layer and step pays its fixed overheads (calibration.ts). All ranks of a TP group run the same
 * ops, so one rank's time is the step's time; the slowest chip of the group sets it.
 *
 * Hot path: called once per simulated step; no allocation (results go to fields).
 */
import { ACTIVATION_BYTES, HBM_EFFICIENCY_STREAMING, TENSOR_TILE_PARTITIONS } from '../calibration.js';
import {
  DECODE_SCORE_S_NC_V2,
  MATERIALISED_SCORE_S_NC_V2,
  NKI_KERNEL_MATMUL_EFFICIENCY,
  OPS_PER_LAYER,
  PREFILL_MATMUL_EFFICIENCY_NC_V2,
  PREFILL_PASS_OVERHEAD_S,
  PREFILL_ROWS_HALF,
  SMALL_OP_OVERHEAD_S,
  STEP_OVERHEAD_S,
  contextBucketTokens,
} from './calibration.js';
import type { RankShape } from './model-shape.js';
/** Seconds of the replica's in-graph TP all-reduce of a buffer (collectives/cost.ts sizeTimer). */
export type TpAllReduceTime = (sizeBytes: number) => number;

/** Fraction of a TensorE tile a dimension fills: x / (128 x ceil(x / 128)) (modelling-notes.md 5). */
export function tileFill(x: number): number {
  if (x <= 0) return 1;
  return x / (TENSOR_TILE_PARTITIONS * Math.ceil(x / TENSOR_TILE_PARTITIONS));
}

/** What one rank of a replica can do (the slowest chip of the group, divided among its ranks). */
export interface RankRates {
  /** Dense peak FLOP/s of one rank in the compute datatype. */
  readonly flopsPerSecond: number;
  /** HBM bytes/s of one rank. */
  readonly hbmBytesPerSecond: number;
  /**
   * NeuronCore-v2 (Trn1, Inf2): the serving stack of the public tables (Transformers NeuronX)
   * materialises attention scores (calibration.ts MATERIALISED_SCORE_S_NC_V2, DECODE_SCORE_S_NC_V2)
   * and its context encoding runs at PREFILL_MATMUL_EFFICIENCY_NC_V2.
   */
  readonly neuronCoreV2?: boolean;
  /** The workload's maxContextTokens: caps the compiled context buckets. */
  readonly maxContextTokens?: number;
  /** The workload's compiled context buckets (default: powers of two). */
  readonly contextBuckets?: readonly number[];
}

export class StepCost {
  /** FLOPs one rank executed in the last pass. */
  lastFlopsPerRank = 0;
  /** HBM bytes one rank moved in the last pass. */
  lastHbmBytesPerRank = 0;
  /** Time of the last pass spent in TP collectives, seconds. */
  lastCollectiveS = 0;

  private readonly flopRate: number;
  private readonly byteRate: number;
  // per-op efficiencies (tile fill of the weight dimensions) and per-token constants, precomputed
  private readonly qkvCols: number;
  private readonly effQkv: number;
  private readonly effO: number;
  private readonly effUp: number;
  private readonly effDown: number;
  private readonly effAttn: number;
  private readonly effLm: number;
  private readonly kvBytesPerTokenPerLayer: number;
  private readonly layerOverheadS: number;
  private readonly prefillFlopRate: number;
  private readonly ncV2: boolean;
  private readonly maxContextTokens: number | undefined;
  private readonly contextBuckets: readonly number[] | undefined;
  private readonly prefillPassS: number;
  private readonly prefillRowsHalf: number;
  private readonly prefillScoreS: number;
  private readonly decodeScoreS: number;
  private readonly stepOverheadS: number;

  constructor(
    private readonly shape: RankShape,
    rates: RankRates,
    private readonly allReduceS: TpAllReduceTime,
  ) {
    this.flopRate = rates.flopsPerSecond * NKI_KERNEL_MATMUL_EFFICIENCY;
    this.ncV2 = rates.neuronCoreV2 === true;
    this.maxContextTokens = rates.maxContextTokens;
    this.contextBuckets = rates.contextBuckets;
    this.prefillFlopRate = this.ncV2 ? rates.flopsPerSecond * PREFILL_MATMUL_EFFICIENCY_NC_V2 : this.flopRate;
    // the constants in force when the run starts (a calibration applies for the whole run)
    this.prefillPassS = PREFILL_PASS_OVERHEAD_S;
    this.prefillRowsHalf = PREFILL_ROWS_HALF;
    this.prefillScoreS = this.ncV2 ? MATERIALISED_SCORE_S_NC_V2 : 0;
    this.decodeScoreS = this.ncV2 ? DECODE_SCORE_S_NC_V2 : 0;
    this.stepOverheadS = STEP_OVERHEAD_S;
    this.byteRate = rates.hbmBytesPerSecond * HBM_EFFICIENCY_STREAMING;
    const s = shape;
    this.qkvCols = (s.headsPerRank + 2 * s.kvHeadsPerRank) * s.headDim;
    const fillD = tileFill(s.hidden);
    this.effQkv = fillD * tileFill(this.qkvCols);
    this.effO = tileFill(s.headsPerRank * s.headDim) * fillD;
    this.effUp = fillD * tileFill(s.ffnPerRank);
    this.effDown = tileFill(s.ffnPerRank) * fillD;
    this.effAttn = tileFill(s.headDim);
    this.effLm = fillD * tileFill(s.vocabPerRank);
    this.kvBytesPerTokenPerLayer = s.kvBytesPerTokenPerRank / s.layers;
    this.layerOverheadS = OPS_PER_LAYER * SMALL_OP_OVERHEAD_S;
  }

  /**
   * One forward pass over `tokens` new tokens (summed over the sequences of the batch).
   * @param attendedPairs query-key pairs of attention summed over sequences (decode: sum of contexts;
   *   a prefill of T tokens after P cached ones: T x P + T (T + 1) / 2, causal)
   * @param kvReadTokens cached tokens whose K and V are read from HBM
   * @param logitTokens tokens that need logits (prefill: one per sequence; decode: all)
   */
  forwardS(tokens: number, attendedPairs: number, kvReadTokens: number, logitTokens: number, ownStep = true, prefill = false): number {
    const s = this.shape;
    const d = s.hidden;
    const wb = s.weightBytesPerElement;
    const ab = ACTIVATION_BYTES;
    // context encoding: its own efficiency, ramped by the rows of the pass (calibration.ts "Prefill")
    const fr = prefill ? (this.prefillFlopRate * tokens) / (tokens + this.prefillRowsHalf) : this.flopRate;
    const br = this.byteRate;
    const actIn = tokens * d * ab;
    // MoE: experts whose weights a pass streams (all of them once enough tokens route)
    const touched = s.experts > 1 ? Math.min(s.experts, tokens * s.activeExperts) : 1;
    const tokenExperts = s.activeExperts;

    // QKV projection
    let f = 2 * tokens * d * this.qkvCols;
    let b = d * this.qkvCols * wb + actIn + tokens * this.qkvCols * ab;
    let flops = f, bytes = b;
    let t = Math.max(f / (fr * this.effQkv), b / br);
    // attention (QK^T and PV): 4 x heads x headDim per attended pair; K and V read and the new ones written
    f = 4 * s.headsPerRank * s.headDim * attendedPairs;
    b = (kvReadTokens + tokens) * this.kvBytesPerTokenPerLayer;
    flops += f; bytes += b;
    t += Math.max(f / (fr * this.effAttn), b / br);
    // output projection
    const oK = s.headsPerRank * s.headDim;
    f = 2 * tokens * oK * d;
    b = oK * d * wb + tokens * oK * ab + actIn;
    flops += f; bytes += b;
    t += Math.max(f / (fr * this.effO), b / br);
    // FFN: gate and up (or up), then down
    const upMats = s.ffnMatrices - 1;
    f = 2 * tokens * tokenExperts * d * upMats * s.ffnPerRank;
    b = touched * upMats * d * s.ffnPerRank * wb + actIn + tokens * tokenExperts * upMats * s.ffnPerRank * ab;
    flops += f; bytes += b;
    t += Math.max(f / (fr * this.effUp), b / br);
    f = 2 * tokens * tokenExperts * s.ffnPerRank * d;
    b = touched * s.ffnPerRank * d * wb + tokens * tokenExperts * s.ffnPerRank * ab + actIn;
    flops += f; bytes += b;
    t += Math.max(f / (fr * this.effDown), b / br);

    // NeuronCore-v2 attention (calibration.ts): prefill materialises the full square of scores of
    // the padded prompt (2 x causal pairs - tokens); decode attends over the compiled bucket
    if (prefill) t += this.prefillScoreS * s.headsPerRank * (2 * attendedPairs - tokens);
    else if (this.decodeScoreS > 0 && tokens > 0) {
      const perSeq = contextBucketTokens(Math.ceil(attendedPairs / tokens), this.maxContextTokens);
      t += this.decodeScoreS * s.headsPerRank * perSeq * tokens;
    }
    const arS = actIn > 0 ? 2 * this.allReduceS(actIn) : 0;
    // each all-reduce waits for the op before it and the next op for its result (NxDI's tutorials
    // run --cc-pipeline-tiling-factor 1: no pipelining of collectives with the matmuls)
    const layerS = t + arS + this.layerOverheadS;

    // LM head over the vocabulary shard (the logits gather and sampling are in STEP_OVERHEAD_S)
    const lf = 2 * logitTokens * d * s.vocabPerRank;
    const lb = s.lmHeadBytesPerRank + logitTokens * d * ab;
    const lmS = Math.max(lf / (fr * this.effLm), lb / br);

    this.lastFlopsPerRank = s.layers * flops + lf;
    this.lastHbmBytesPerRank = s.layers * bytes + lb;
    this.lastCollectiveS = s.layers * arS;
    return (ownStep ? this.stepOverheadS + (prefill ? this.prefillPassS : 0) : 0) + s.layers * layerS + lmS;
  }

  /** A decode step of `batch` sequences whose contexts (cached tokens before this step) sum to `contextTokens`. */
  decodeS(batch: number, contextTokens: number): number {
    // each new token attends to the cached context and itself
    return this.forwardS(batch, contextTokens + batch, contextTokens, batch);
  }

  /** A draft decode step inside a fused speculative pass: no per-pass overhead of its own. */
  fusedDraftS(batch: number, contextTokens: number): number {
    return this.forwardS(batch, contextTokens + batch, contextTokens, batch, false);
  }

  /**
   * Speculative verification: `batch` sequences each score `perSequence` tokens (k drafts + 1) in one
   * pass; contexts before the pass sum to `contextTokens`.
   */
  verifyS(batch: number, perSequence: number, contextTokens: number): number {
    const tokens = batch * perSequence;
    const pairs = perSequence * contextTokens + (batch * perSequence * (perSequence + 1)) / 2;
    return this.forwardS(tokens, pairs, contextTokens, tokens);
  }

  /** The compiled context bucket a prompt of `tokens` is padded to (calibration.ts contextBucketTokens). */
  bucketTokens(tokens: number): number {
    return contextBucketTokens(tokens, this.maxContextTokens, this.contextBuckets);
  }

  /** A prefill of one sequence of `tokens` new tokens after `cached` ones (attention causal), padded to its bucket. */
  prefillS(tokens: number, cached = 0): number {
    const t = cached === 0 ? this.bucketTokens(tokens) : tokens;
    return this.forwardS(t, t * cached + (t * (t + 1)) / 2, cached, 1, true, true);
  }
}
