/**
 * Constants shared by the workload models (training and inference), and those of the shared op and
 * roofline model (ops.ts, roofline.ts). Per-workload constants live beside their workload:
 * training/calibration.ts and inference/calibration.ts. One set for every scenario, fitted once
 * (docs/model.md "Calibration", docs/inference.md "Calibration"); never a constant per validation
 * case. All are estimates unless a source is cited.
 */

/** TensorE is a 128 x 128 systolic array: matrix dims are processed in tiles of 128 partitions (Neuron docs, NKI architecture guides [nsdk-nki-arch]). */
export const TENSOR_TILE_PARTITIONS = 128;

/** Activations (and the BF16 copy of the weights both workloads hold) are BF16: 2 bytes per element. */
export const ACTIVATION_BYTES = 2;

/** Bytes per weight element held on the chip (BF16 weights; FP8 training casts in the matmul, keeps BF16 weights). */
export const WEIGHT_BYTES = 2;

/** Logits / loss kept in FP32 on the last stage. */
export const LOGIT_BYTES = 4;

/**
 * Sustained fraction of HBM bandwidth. Two values on purpose, because the access patterns differ:
 * - the op roofline (training's elementwise, norm, optimizer and grad-accumulate ops): many
 *   medium-sized ops, each paying DMA ramp-up and drain, so 0.8 (estimate);
 * - inference's weight and KV-cache streaming: one long sequential DMA per layer, typical 85-95 %
 *   of peak for long transfers, so 0.9 (estimate).
 */
export const HBM_EFFICIENCY_PER_OP = 0.8;
export const HBM_EFFICIENCY_STREAMING = 0.9;

/**
 * HBM not available to the model's own tensors. Two values on purpose:
 * - training counts weights, gradients, optimizer state and activations explicitly, so only the
 *   runtime's and compiler's own scratch, collective buffers and fragmentation are held back: 0.05;
 * - inference counts weights and KV cache only, so the reserve also covers activations and
 *   scratch, like vLLM's gpu_memory_utilization = 0.9: 0.1 (estimates).
 */
export const HBM_RUNTIME_RESERVED_FRACTION = 0.05;
export const HBM_RESERVED_FRACTION_BEYOND_KV = 0.1;

/**
 * Fraction of the chip's dense peak that a large, tile-aligned matmul sustains on one rank in a
 * compiled training graph (estimate). Covers instruction issue, PSUM accumulation/evacuation and
 * the gap between the chip-level figure and 8 x per-core TensorE peak ([nsdk-nki-arch]: 629 vs
 * 667 TFLOPS on Trn2). Inference's hand-written NKI kernels reach more (inference/calibration.ts).
 */
export let MATMUL_EFFICIENCY_MAX = 0.546;

/**
 * Rows (tokens) per rank at which a matmul's efficiency is halved by fixed per-tile costs
 * (matmul init ~64 TensorE cycles per tile, [nsdk-nki-arch]; estimate). Efficiency factor
 * M / (M + MATMUL_ROWS_HALF).
 */
export let MATMUL_ROWS_HALF = 64;

/**
 * Core attention (QK^T, softmax, PV, flash-style in SBUF) relative to matmul efficiency: the
 * softmax runs on ScalarE/VectorE at a fraction of TensorE's rate (estimate).
 */
export let ATTENTION_EFFICIENCY_FACTOR = 0.6;

/**
 * Fraction of the s x s score matrix a causal flash-attention kernel computes (blocks above the
 * diagonal are skipped). Timing only: MFU counts the full 12 x L x h x s (docs/validation.md "MFU").
 */
export const ATTENTION_CAUSAL_FRACTION = 0.5;

/** Flash attention's backward recomputes the scores: 5 matmuls against 2 in forward (2.5x). */
export const ATTENTION_BACKWARD_FACTOR = 2.5;

/**
 * Fixed cost per op of the roofline model (instruction issue, semaphores between engines), seconds
 * (estimate). Inference prices its small decode ops with its own figure (inference/calibration.ts
 * SMALL_OP_OVERHEAD_S), counted per layer rather than per op of this list.
 */
export const ROOFLINE_OP_OVERHEAD_S = 3e-6;

export type SharedConstantName = 'matmulEfficiencyMax' | 'matmulRowsHalf' | 'attentionEfficiencyFactor';

/** Sets one of the fitted shared constants (src/workload/fitted-constants.ts). */
export function setSharedConstant(name: SharedConstantName, value: number): void {
  if (name === 'matmulEfficiencyMax') MATMUL_EFFICIENCY_MAX = value;
  else if (name === 'matmulRowsHalf') MATMUL_ROWS_HALF = value;
  else ATTENTION_EFFICIENCY_FACTOR = value;
}

export function sharedConstant(name: SharedConstantName): number {
  return name === 'matmulEfficiencyMax' ? MATMUL_EFFICIENCY_MAX : name === 'matmulRowsHalf' ? MATMUL_ROWS_HALF : ATTENTION_EFFICIENCY_FACTOR;
}
