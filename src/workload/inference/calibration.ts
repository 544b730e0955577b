/**
 * Calibration of the inference model: the few named constants every inference scenario shares
 * (docs/inference.md "Calibration" explains each value and why it is plausible). All are estimates:
 * no AWS page publishes them. They were set once, from physical arguments, and checked against the
 * public case I3 (docs/sources.md "Validation cases", [nsdk-nxdi-llama70b]); none is specific to one case.
 */
import { HBM_EFFICIENCY_STREAMING, HBM_RESERVED_FRACTION_BEYOND_KV } from '../calibration.js';

/**
 * Fraction of the chip's dense peak that TensorE matmuls reach on full 128x128 tiles (estimate).
 * Per-core TensorE peak is 8 x 79 = 629 of the 667 TFLOPS chip figure ([nsdk-nki-arch], 94%);
 * NxDI's NKI kernels for QKV, attention and MLP (the tutorials' --qkv/--attn/--mlp-kernel-enabled)
 * with weight streaming and PSUM evacuation sustain about two thirds of that. Shape effects come on
 * top via tile fill (see `tileFill`), docs/sources.md O5.
 */
export let NKI_KERNEL_MATMUL_EFFICIENCY = 0.94;

/**
 * Fixed cost of one small on-chip operation inside a compiled step (estimate): engine semaphore
 * wait, instruction issue, DMA descriptor (a DGE DMA instruction is "about 600 ns",
 * [nsdk-nki-arch]) and pipeline fill of an op that is too small to hide them.
 */
export let SMALL_OP_OVERHEAD_S = 2e-6;

/** Ops per decoder layer that pay SMALL_OP_OVERHEAD_S: 2 RMSNorm, QKV, RoPE, KV write, QK, softmax, PV, O, gate/up, SiLU x mul, down, 2 residual adds. */
export const OPS_PER_LAYER = 14;

/**
 * Fixed cost per forward pass (estimate): host-side scheduling of the serving loop (vLLM/NxDI),
 * graph launch, on-device sampling and returning the token ids to the host.
 */
export let STEP_OVERHEAD_S = 0.00151;

/**
 * Context encoding (prefill) structure, docs/inference.md "Prefill". A context-encoding pass runs a
 * compiled graph for a fixed prompt length: the prompt is padded to the next compiled bucket
 * (`contextBucketTokens`: powers of two from 128, capped at the workload's maxContextTokens, as
 * NxDI's and Transformers NeuronX's default buckets), and pays on top of the decode-pass costs:
 */

/** Fixed cost of one context-encoding pass on top of STEP_OVERHEAD_S (switch to the context-encoding graph, prompt and position upload, KV-cache scatter set-up); estimate, fitted. */
export let PREFILL_PASS_OVERHEAD_S = 0.000896;

/**
 * Rows (prompt tokens of the pass) at which the prefill matmuls' efficiency is halved: the weights
 * stream through TensorE once per pass whatever its rows, so a short prompt pays the same weight
 * loads and PSUM evacuations for fewer FLOPs (efficiency x tokens / (tokens + this)); estimate, fitted.
 */
export let PREFILL_ROWS_HALF = 58.9;

/**
 * Matmul efficiency of context encoding on NeuronCore-v2 (Trn1, Inf2): the public Trn1/Inf2
 * latency tables ran Transformers NeuronX, whose context-encoding graphs are compiler-generated,
 * not NxDI's NKI kernels (NKI_KERNEL_MATMUL_EFFICIENCY, NeuronCore-v3 and later); fitted on the
 * Trn1 table alone, so Trn1 does not borrow the Trn2 figure.
 */
export let PREFILL_MATMUL_EFFICIENCY_NC_V2 = 0.68;

/**
 * Seconds per attention-score element per rank and layer of a context-encoding pass on
 * NeuronCore-v2 (Transformers NeuronX): the scores of every query-key pair of the padded prompt
 * (the full square, masked after) are materialised, soft-maxed on the vector/scalar engines and
 * re-read for the PV product, instead of a fused flash kernel; it is what makes Trn1 TTFT grow
 * faster than the prompt. NeuronCore-v3+ (NxDI flash-attention kernel) pays only the attention
 * FLOPs. Estimate, fitted on the Trn1 table.
 */
export let MATERIALISED_SCORE_S_NC_V2 = 3.38e-10;

/**
 * Seconds per attended KV position per query head per rank and layer of a decode step on
 * NeuronCore-v2 (Transformers NeuronX token generation): a single query row cannot fill the
 * 128-wide PE array, and the step attends over its whole compiled context bucket. Estimate,
 * fitted on the Trn1 table.
 */
export let DECODE_SCORE_S_NC_V2 = 3.41e-09;

/**
 * Default speculative-decoding acceptance rate per draft token when the scenario gives none
 * (estimate). A workload parameter, not a hardware one: 0.9 is what the two NxDI fused-speculation
 * results (Llama-3.2-1B drafting 7 tokens for Llama 3 70B / 405B, greedy sampling on LLMPerf's
 * prompts) imply under this model (docs/inference.md); sampled decoding accepts less (0.6-0.8).
 * Sweep it.
 */
export const DEFAULT_ACCEPTANCE_RATE = 0.9;

/** KV cache element size: BF16 whatever the weight precision (NxDI default). */
export const KV_BYTES_PER_ELEMENT = 2;

/** Sets one of the fitted inference constants (src/workload/fitted-constants.ts). */
export function setInferenceConstant(name: InferenceConstantName, value: number): void {
  switch (name) {
    case 'nkiKernelMatmulEfficiency': NKI_KERNEL_MATMUL_EFFICIENCY = value; break;
    case 'smallOpOverheadS': SMALL_OP_OVERHEAD_S = value; break;
    case 'stepOverheadS': STEP_OVERHEAD_S = value; break;
    case 'prefillPassOverheadS': PREFILL_PASS_OVERHEAD_S = value; break;
    case 'prefillRowsHalf': PREFILL_ROWS_HALF = value; break;
    case 'prefillMatmulEfficiencyNcV2': PREFILL_MATMUL_EFFICIENCY_NC_V2 = value; break;
    case 'materialisedScoreSNcV2': MATERIALISED_SCORE_S_NC_V2 = value; break;
    case 'decodeScoreSNcV2': DECODE_SCORE_S_NC_V2 = value; break;
  }
}

export type InferenceConstantName =
  | 'nkiKernelMatmulEfficiency'
  | 'smallOpOverheadS'
  | 'stepOverheadS'
  | 'prefillPassOverheadS'
  | 'prefillRowsHalf'
  | 'prefillMatmulEfficiencyNcV2'
  | 'materialisedScoreSNcV2'
  | 'decodeScoreSNcV2';

/** The current value of a fitted inference constant. */
export function inferenceConstant(name: InferenceConstantName): number {
  switch (name) {
    case 'nkiKernelMatmulEfficiency': return NKI_KERNEL_MATMUL_EFFICIENCY;
    case 'smallOpOverheadS': return SMALL_OP_OVERHEAD_S;
    case 'stepOverheadS': return STEP_OVERHEAD_S;
    case 'prefillPassOverheadS': return PREFILL_PASS_OVERHEAD_S;
    case 'prefillRowsHalf': return PREFILL_ROWS_HALF;
    case 'prefillMatmulEfficiencyNcV2': return PREFILL_MATMUL_EFFICIENCY_NC_V2;
    case 'materialisedScoreSNcV2': return MATERIALISED_SCORE_S_NC_V2;
    case 'decodeScoreSNcV2': return DECODE_SCORE_S_NC_V2;
  }
}

/** Smallest compiled context bucket (NxDI / Transformers NeuronX default buckets start at 128). */
export const MIN_CONTEXT_BUCKET_TOKENS = 128;

/**
 * The compiled bucket a prompt of `tokens` runs in: the smallest of `buckets` that holds it (a
 * prompt longer than every bucket runs unpadded), or by default the next power of two from 128,
 * capped at `maxContextTokens`.
 */
export function contextBucketTokens(tokens: number, maxContextTokens?: number, buckets?: readonly number[]): number {
  if (tokens <= 0) return 0;
  if (buckets && buckets.length > 0) {
    let best = Infinity;
    for (const b of buckets) if (b >= tokens && b < best) best = b;
    return Number.isFinite(best) ? best : tokens;
  }
  let b = MIN_CONTEXT_BUCKET_TOKENS;
  while (b < tokens) b *= 2;
  if (maxContextTokens !== undefined && b > maxContextTokens) b = Math.max(tokens, maxContextTokens);
  return b;
}

/** The constants as one record (docs, `trnsim run --json` provenance, tests). */
export const INFERENCE_CALIBRATION = {
  matmulEfficiency: NKI_KERNEL_MATMUL_EFFICIENCY,
  hbmEfficiency: HBM_EFFICIENCY_STREAMING,
  opOverheadS: SMALL_OP_OVERHEAD_S,
  opsPerLayer: OPS_PER_LAYER,
  stepOverheadS: STEP_OVERHEAD_S,
  hbmReserveFraction: HBM_RESERVED_FRACTION_BEYOND_KV,
  defaultAcceptanceRate: DEFAULT_ACCEPTANCE_RATE,
} as const;
