/**
 * Memory per chip of a training step (docs/model.md "Memory"): weights, gradients, optimizer
 * state (AdamW: FP32 master + 2 moments, sharded over DP by ZeRO stage), activations (by recompute
 * mode, SP, and the micro-batches a pipeline stage holds in flight). A chip holds ranksPerChip
 * ranks, all on the same pipeline stage under the placement of parallelism.ts, so a chip's memory
 * is ranksPerChip x the rank's. The reported figure is the chip of the most loaded stage.
 */
import type { System } from '../../hardware/types.js';
import type { ModelConfig, TrainingResult, TrainingWorkload } from '../types.js';
import { ACTIVATION_BYTES, HBM_RUNTIME_RESERVED_FRACTION, LOGIT_BYTES, WEIGHT_BYTES } from '../calibration.js';
import { GRAD_BYTES, OPTIMIZER_BYTES } from './calibration.js';
import { layerNormParams, routerParams } from '../models.js';
import { localWidths, matmulTokens, normTokens, type ShardShape } from '../ops.js';
import { chunksPerStage, layersPerChunk, microBatches } from './parallelism.js';
import { workloadErrors } from '../errors.js';
import { GiB } from '../../units.js';

/** Bytes per chip by kind: the `memoryBytesPerChip` of a TrainingResult. */
export type MemoryBreakdown = TrainingResult['memoryBytesPerChip'];

/** Parameters of one layer held by one rank (TP-sharded matrices, EP-sharded experts, replicated norms). */
export function layerParamsPerRank(m: ModelConfig, tp: number, ep: number): number {
  const w = localWidths(m, tp);
  const attn = m.hidden * (w.q + 2 * w.kv) + w.q * m.hidden;
  const expert = (m.gatedFfn ? 3 : 2) * m.hidden * w.ffn;
  return attn + (m.experts / ep) * expert + routerParams(m) + layerNormParams(m);
}

/** Parameters held by a rank of stage `stage` (first stage: input embedding; last: final norm and output projection). */
export function stageParamsPerRank(w: TrainingWorkload, stage: number): number {
  const p = w.parallelism;
  const m = w.model;
  const layers = layersPerChunk(m.layers, p.pp, chunksPerStage(p))[stage]!.reduce((a, b) => a + b, 0);
  let n = layers * layerParamsPerRank(m, p.tp, p.ep);
  const embed = (m.vocab * m.hidden) / p.tp + (m.learnedPositions ? (m.maxPositions ?? 2048) * m.hidden : 0);
  if (stage === 0) n += embed;
  if (stage === p.pp - 1) {
    n += m.hidden;
    // tied embeddings share the table when first and last stage are the same rank; otherwise the last stage keeps a copy
    if (!m.tiedEmbeddings || p.pp > 1) n += (m.vocab * m.hidden) / p.tp;
  }
  return n;
}

/**
 * Activation bytes one layer stores for backward, per rank and micro-batch (docs/model.md):
 * norm inputs/outputs on SP-sharded tokens, Q/K/V and context on local heads, FFN intermediates on
 * local columns; 'none' also keeps the softmax probabilities (heads x s x T), which 'selective'
 * recomputes; 'full' keeps only the layer input.
 */
export function layerActivationBytes(w: TrainingWorkload): number {
  const p = w.parallelism;
  const m = w.model;
  const s = shardShape(w);
  const t = matmulTokens(s);
  const tn = normTokens(s);
  const lw = localWidths(m, p.tp);
  if (w.recompute === 'full') return ACTIVATION_BYTES * tn * m.hidden;
  const ffnCols = (m.gatedFfn ? 3 : 2) * lw.ffn * m.topK;
  let elems = 4 * tn * m.hidden + t * (lw.q + 2 * lw.kv) + t * lw.q + t * ffnCols;
  if (w.recompute === 'none') elems += (m.heads / p.tp) * w.sequenceLength * t;
  return ACTIVATION_BYTES * elems;
}

export function shardShape(w: TrainingWorkload): ShardShape {
  const p = w.parallelism;
  return { microBatch: w.microBatch, sequenceLength: w.sequenceLength, tp: p.tp, cp: p.cp, ep: p.ep, sequenceParallel: p.sequenceParallel };
}

/**
 * Micro-batches whose activations a stage holds at its peak. 1F1B: min(pp - stage, m).
 * Interleaved (Megatron, Narayanan et al. 2021): the first stage holds pp x (1 + (pp - 1) / (pp x v))
 * micro-batches' worth of its layers.
 */
export function inFlightMicroBatches(w: TrainingWorkload, stage: number): number {
  const p = w.parallelism;
  const m = microBatches(w);
  const v = chunksPerStage(p);
  if (v === 1) return Math.min(p.pp - stage, m);
  return Math.min(m, p.pp - stage) * (1 + (p.pp - 1 - stage) / (p.pp * v));
}

function rankMemory(w: TrainingWorkload, stage: number): Omit<MemoryBreakdown, 'capacity'> {
  const p = w.parallelism;
  const params = stageParamsPerRank(w, stage);
  const dp = p.dp;
  const weights = (params * WEIGHT_BYTES) / (p.zero >= 3 ? dp : 1);
  // ZeRO-3 gathers a layer's full weights before use: two layers resident (current + prefetch)
  const gathered = p.zero >= 3 ? 2 * layerParamsPerRank(w.model, p.tp, p.ep) * WEIGHT_BYTES : 0;
  const gradients = (params * GRAD_BYTES) / (p.zero >= 2 ? dp : 1);
  const optimizer = (params * OPTIMIZER_BYTES) / (p.zero >= 1 ? dp : 1);
  const layers = layersPerChunk(w.model.layers, p.pp, chunksPerStage(p))[stage]!.reduce((a, b) => a + b, 0);
  const perLayer = layerActivationBytes(w);
  let activations = layers * perLayer * inFlightMicroBatches(w, stage);
  const s = shardShape(w);
  if (w.recompute === 'full') {
    // the layer being recomputed holds its full activations during its backward
    activations += layerActivationBytes({ ...w, recompute: 'selective' });
  }
  if (stage === p.pp - 1) {
    // FP32 logits and their gradient for one micro-batch (vocab split over TP)
    activations += 2 * LOGIT_BYTES * matmulTokens(s) * (w.model.vocab / p.tp);
  }
  const total = weights + gathered + gradients + optimizer + activations;
  return { weights: weights + gathered, gradients, optimizer, activations, total };
}

/** smallestHbm per built system (a System's chips do not change after it is built). */
const smallestHbmCache = new WeakMap<System, number>();

/** HBM of the smallest chip (a chip override may give one chip less). */
function smallestHbm(system: System): number {
  const cached = smallestHbmCache.get(system);
  if (cached !== undefined) return cached;
  let min = system.chip.hbmBytes;
  // scanning a million-chip system costs ~ms (a planner asks thousands of times per system, hence
  // the cache); overrides are rare but must not be missed
  for (let c = 0; c < system.chipCount; c++) min = Math.min(min, system.chipAt(c).hbmBytes);
  smallestHbmCache.set(system, min);
  return min;
}

/** Memory per chip of the most loaded pipeline stage. */
export function memoryPerChip(system: System, w: TrainingWorkload): MemoryBreakdown & { readonly stage: number } {
  const k = system.ranksPerChip;
  let best = rankMemory(w, 0);
  let bestStage = 0;
  for (let s = 1; s < w.parallelism.pp; s++) {
    const r = rankMemory(w, s);
    if (r.total > best.total) {
      best = r;
      bestStage = s;
    }
  }
  return {
    weights: best.weights * k,
    gradients: best.gradients * k,
    optimizer: best.optimizer * k,
    activations: best.activations * k,
    total: best.total * k,
    capacity: smallestHbm(system),
    stage: bestStage,
  };
}

function gib(b: number): string {
  return `${(b / GiB).toFixed(1)} GiB`;
}

/** Throws a UserInputError naming what overflows, by how much, and what would help. */
export function checkMemoryFits(system: System, w: TrainingWorkload, mem = memoryPerChip(system, w)): void {
  const usable = mem.capacity * (1 - HBM_RUNTIME_RESERVED_FRACTION);
  if (mem.total <= usable) return;
  const p = w.parallelism;
  const parts: Array<[string, number]> = [
    ['weights', mem.weights],
    ['gradients', mem.gradients],
    ['optimizer state', mem.optimizer],
    ['activations', mem.activations],
  ];
  parts.sort((a, b) => b[1] - a[1]);
  const hints: string[] = [];
  for (const [name] of parts.slice(0, 2)) {
    if (name === 'activations') {
      if (w.recompute !== 'full') hints.push(`recompute: ${w.recompute === 'none' ? 'selective or full' : 'full'}`);
      if (w.microBatch > 1) hints.push('a smaller microBatch');
      hints.push('more tp or cp (splits activations)');
    } else if (p.dp > 1 && name === 'optimizer state' && p.zero < 1) hints.push(`zero: 1 (shards the optimizer over dp = ${p.dp})`);
    else if (p.dp > 1 && name === 'gradients' && p.zero < 2) hints.push(`zero: 2 or 3 (shards gradients over dp = ${p.dp})`);
    else if (p.dp > 1 && name === 'weights' && p.zero < 3) hints.push(`zero: 3 (shards weights over dp = ${p.dp})`);
  }
  if (p.dp === 1 && (parts[0]![0] !== 'activations')) hints.push('with dp = 1 ZeRO cannot shard anything: add chips so dp > 1 and use zero 1-3');
  hints.push('more tp or pp (fewer parameters per chip), or more chips');
  const unique = [...new Set(hints)];
  throw workloadErrors.doesNotFit(
    `memory per chip does not fit: pipeline stage ${mem.stage} needs ${gib(mem.total)} per ${system.chip.displayName} chip ` +
      `(${parts.map(([n, b]) => `${n} ${gib(b)}`).join(', ')}) but the chip has ${gib(mem.capacity)} of HBM, ${gib(usable)} usable ` +
      `after ${Math.round(HBM_RUNTIME_RESERVED_FRACTION * 100)}% reserved for the runtime; over by ${gib(mem.total - usable)}, mostly ${parts[0]![0]}. ` +
      `Try: ${unique.join('; ')}.`,
  );
}
