/**
 * Calibration of the inference model: the few named constants every inference scenario shares
 * (docs/inference.md "Calibration" explains each value and why it is plausible). All are estimates:
 * no AWS page publishes them. They were set once, from physical arguments, and checked against the
 * public case I3 (reference/hardware.md §5.2); none is specific to one case.
 */
import { HBM_EFFICIENCY_STREAMING, HBM_RESERVED_FRACTION_BEYOND_KV } from '../calibration.js';

/**
 * Fraction of the chip's dense peak that TensorE matmuls reach on full 128x128 tiles (estimate).
 * Per-core TensorE peak is 8 x 79 = 629 of the 667 TFLOPS chip figure (hardware.md §1.2, 94%);
 * NxDI's NKI kernels for QKV, attention and MLP (the tutorials' --qkv/--attn/--mlp-kernel-enabled)
 * with weight streaming and PSUM evacuation sustain about two thirds of that. Shape effects come on
 * top via tile fill (see `tileFill`), modelling-notes.md 5.
 */
export const NKI_KERNEL_MATMUL_EFFICIENCY = 0.6;

/**
 * Fixed cost of one small on-chip operation inside a compiled step (estimate): engine semaphore
 * wait, instruction issue, DMA descriptor (a DGE DMA instruction is "about 600 ns", hardware.md
 * §1.2) and pipeline fill of an op that is too small to hide them.
 */
export const SMALL_OP_OVERHEAD_S = 2e-6;

/** Ops per decoder layer that pay SMALL_OP_OVERHEAD_S: 2 RMSNorm, QKV, RoPE, KV write, QK, softmax, PV, O, gate/up, SiLU x mul, down, 2 residual adds. */
export const OPS_PER_LAYER = 14;

/**
 * Fixed cost per forward pass (estimate): host-side scheduling of the serving loop (vLLM/NxDI),
 * graph launch, on-device sampling and returning the token ids to the host.
 */
export const STEP_OVERHEAD_S = 1e-3;

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
