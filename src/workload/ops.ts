/**
 * The ops of a transformer layer with their FLOPs, HBM bytes and matmul shapes, per rank and per
 * micro-batch, sharded by TP (heads and FFN columns), SP (norms and residuals on 1/tp of the
 * tokens), CP (1/cp of the sequence's queries) and EP (experts spread over ep ranks).
 * Formulas: docs/model.md "Ops". FLOPs count a multiply-add as 2.
 */
import type { ModelConfig } from './types.js';
import { ACTIVATION_BYTES, ATTENTION_BACKWARD_FACTOR, ATTENTION_CAUSAL_FRACTION, LOGIT_BYTES, WEIGHT_BYTES } from './calibration.js';

export type OpKind = 'matmul' | 'attention' | 'elementwise';

export interface Op {
  readonly name: string;
  readonly kind: OpKind;
  readonly flops: number;
  readonly bytes: number;
  /** Matmul shape per rank: M rows (tokens) x K (contraction) by K x N. Zero for elementwise ops. */
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

/** How one rank's share of a micro-batch is cut. */
export interface ShardShape {
  /** Sequences per micro-batch. */
  readonly microBatch: number;
  /** Full sequence length (keys each query attends to). */
  readonly sequenceLength: number;
  readonly tp: number;
  readonly cp: number;
  readonly ep: number;
  readonly sequenceParallel: boolean;
}

/** Tokens a rank's matmuls process per micro-batch: b x s / cp. */
export function matmulTokens(s: ShardShape): number {
  return (s.microBatch * s.sequenceLength) / s.cp;
}

/** Tokens a rank's norms and residuals process: 1/tp of them with SP. */
export function normTokens(s: ShardShape): number {
  return s.sequenceParallel ? matmulTokens(s) / s.tp : matmulTokens(s);
}

function matmul(name: string, m: number, k: number, n: number, weightElems: number): Op {
  return {
    name,
    kind: 'matmul',
    flops: 2 * m * k * n,
    bytes: WEIGHT_BYTES * weightElems + ACTIVATION_BYTES * (m * k + m * n),
    m,
    k,
    n,
  };
}

function elementwise(name: string, elems: number, bytesPerElem = ACTIVATION_BYTES): Op {
  return { name, kind: 'elementwise', flops: 0, bytes: elems * bytesPerElem, m: 0, k: 0, n: 0 };
}

/** Local (per-TP-rank) query and KV widths; KV heads are replicated when kvHeads < tp. */
export function localWidths(model: ModelConfig, tp: number): { q: number; kv: number; ffn: number } {
  const q = (model.heads * model.headDim) / tp;
  const kv = Math.max(model.kvHeads / tp, 1) * model.headDim;
  return { q, kv, ffn: model.ffn / tp };
}

/** The four forward segments of a layer, split where tensor-parallel communication sits. */
export interface LayerSegments {
  /** Residual add of the previous layer + attention norm (on SP-sharded tokens). */
  readonly preAttention: readonly Op[];
  /** QKV projection, rotary, core attention, output projection. */
  readonly attention: readonly Op[];
  /** Residual add + FFN norm. */
  readonly preFfn: readonly Op[];
  /** FFN (dense) or router + experts (MoE). */
  readonly ffn: readonly Op[];
}

export function layerForwardOps(model: ModelConfig, s: ShardShape): LayerSegments {
  const t = matmulTokens(s);
  const tn = normTokens(s);
  const h = model.hidden;
  const w = localWidths(model, s.tp);
  // residual add (read 2, write 1) + norm (read 1, write 1): 5 elements per token x hidden
  const preAttention = [elementwise('residual+attn-norm', 5 * tn * h)];
  const qkv = w.q + 2 * w.kv;
  // core attention (flash-style): QK^T and PV, 2 x 2 x T x s x qLocal, causal blocks skipped;
  // bytes: read Q, K, V (whole sequence's K, V with CP), write context
  const attnFlops = 4 * t * s.sequenceLength * w.q * ATTENTION_CAUSAL_FRACTION;
  const attnBytes = ACTIVATION_BYTES * (2 * t * w.q + 2 * s.microBatch * s.sequenceLength * w.kv);
  const attention = [
    matmul('qkv-proj', t, h, qkv, h * qkv),
    elementwise('rotary', 2 * t * (w.q + w.kv)),
    { name: 'core-attention', kind: 'attention' as const, flops: attnFlops, bytes: attnBytes, m: t, k: model.headDim, n: s.sequenceLength },
    matmul('out-proj', t, w.q, h, w.q * h),
  ];
  const preFfn = [elementwise('residual+ffn-norm', 5 * tn * h)];
  const ffn: Op[] = [];
  const upCols = (model.gatedFfn ? 2 : 1) * w.ffn;
  if (model.experts > 1) {
    ffn.push(matmul('router', t, h, model.experts, h * model.experts));
    // balanced routing: t x topK token-expert pairs spread over the local experts
    const localExperts = model.experts / s.ep;
    const rowsPerExpert = Math.max(1, (t * model.topK) / localExperts);
    const up = matmul('expert-up', rowsPerExpert, h, upCols, h * upCols);
    const down = matmul('expert-down', rowsPerExpert, w.ffn, h, w.ffn * h);
    ffn.push(scale(up, localExperts, 'experts-up'));
    ffn.push(elementwise('experts-act', (model.gatedFfn ? 3 : 2) * t * model.topK * w.ffn));
    ffn.push(scale(down, localExperts, 'experts-down'));
  } else {
    ffn.push(matmul(model.gatedFfn ? 'ffn-gate-up' : 'ffn-up', t, h, upCols, h * upCols));
    // SwiGLU: read gate and up, write product (3); GELU: read, write (2)
    ffn.push(elementwise('ffn-act', (model.gatedFfn ? 3 : 2) * t * w.ffn));
    ffn.push(matmul('ffn-down', t, w.ffn, h, w.ffn * h));
  }
  return { preAttention, attention, preFfn, ffn };
}

function scale(op: Op, times: number, name: string): Op {
  return { ...op, name, flops: op.flops * times, bytes: op.bytes * times };
}

/** Backward of an op: dgrad + wgrad for matmuls (2x), flash-attention backward (2.5x), 2x bytes for elementwise. */
export function backwardOf(op: Op): Op {
  if (op.kind === 'matmul') return { ...op, name: `${op.name}.bwd`, flops: 2 * op.flops, bytes: 2 * op.bytes };
  if (op.kind === 'attention') return { ...op, name: `${op.name}.bwd`, flops: ATTENTION_BACKWARD_FACTOR * op.flops, bytes: 2 * op.bytes };
  return { ...op, name: `${op.name}.bwd`, bytes: 2 * op.bytes };
}

/** Embedding lookup on the first stage (vocab-parallel table; read rows, write activations). */
export function embeddingForwardOps(model: ModelConfig, s: ShardShape): Op[] {
  const t = matmulTokens(s);
  return [elementwise('embedding', 2 * t * model.hidden)];
}

/** Final norm, logits projection (vocab split over TP) and FP32 softmax cross-entropy on the last stage. */
export function logitsForwardOps(model: ModelConfig, s: ShardShape): Op[] {
  const t = matmulTokens(s);
  const v = model.vocab / s.tp;
  return [
    elementwise('final-norm', 2 * normTokens(s) * model.hidden),
    matmul('logits', t, model.hidden, v, model.hidden * v),
    // FP32 logits: write, read for max/sum, write probabilities (3 passes)
    elementwise('cross-entropy', 3 * t * v, LOGIT_BYTES),
  ];
}

/**
 * Forward FLOPs per token of the whole model's matmuls and attention, unsharded and without causal
 * skipping: 2 x (matmul params touched) + 4 x layers x s x heads x headDim. Used by tests to tie
 * the op list to the 6N + attention closed form of docs/validation.md "MFU".
 */
export function forwardFlopsPerTokenFull(model: ModelConfig, sequenceLength: number): number {
  const shape: ShardShape = { microBatch: 1, sequenceLength, tp: 1, cp: 1, ep: 1, sequenceParallel: false };
  const seg = layerForwardOps(model, shape);
  let layer = 0;
  for (const op of [...seg.preAttention, ...seg.attention, ...seg.preFfn, ...seg.ffn]) layer += op.flops;
  layer += 4 * sequenceLength * sequenceLength * model.heads * model.headDim * (1 - ATTENTION_CAUSAL_FRACTION); // undo causal skip
  let logits = 0;
  for (const op of logitsForwardOps(model, shape)) logits += op.flops;
  return (model.layers * layer + logits) / sequenceLength;
}
