/**
 * Calibration of the inference model: the few named constants every inference scenario shares
 * (docs/inference.md "Calibration" explains each value and why it is plausible). All are estimates:
 * no AWS page publishes them. They were set once, from physical arguments, and checked against the
 * public case I3 (reference/hardware.md §5.2); none is specific to one case.
 */

/**
 * Fraction of the chip's dense peak that TensorE matmuls reach on full 128x128 tiles (estimate).
 * Per-core TensorE peak is 8 x 79 = 629 of the 667 TFLOPS chip figure (hardware.md §1.2, 94%);
 * large NKI/compiler matmuls with weight streaming and PSUM evacuation typically sustain half of it.
 * Shape effects come on top via tile fill (see `tileFill`), modelling-notes.md 5.
 */
export const MATMUL_EFFICIENCY = 0.5;

/** Fraction of HBM bandwidth that weight and KV streaming sustains (estimate; typical 85-95% for long sequential DMA). */
export const HBM_EFFICIENCY = 0.9;

/**
 * Fixed cost of one small on-chip operation inside a compiled step (estimate): engine semaphore
 * wait, instruction issue, DMA descriptor (a DGE DMA instruction is "about 600 ns", hardware.md
 * §1.2) and pipeline fill of an op that is too small to hide them.
 */
export const OP_OVERHEAD_S = 1e-6;

/** Ops per decoder layer that pay OP_OVERHEAD_S: 2 RMSNorm, QKV, RoPE, KV write, QK, softmax, PV, O, gate/up, SiLU x mul, down, 2 residual adds. */
export const OPS_PER_LAYER = 14;

/**
 * Fixed cost per forward pass (estimate): the host side of the serving loop (vLLM's scheduler and
 * output streaming, the NxDI model wrapper), graph launch, on-device sampling and token ids back
 * to the host. Set from the two published NxDI batch-1 decodes on a trn2.48xlarge at TP 64
 * (docs/inference.md "Calibration"): Llama-3.1-405B's TPOT exceeds Llama-3.3-70B's by 18.3 ms,
 * about what its extra weight bytes cost alone, so per-layer latency is small and ~11 ms per step
 * is fixed. This is the serving stack of those measurements (vLLM 0.6 Neuron fork + NxDI); newer
 * stacks report lower per-token floors (docs/inference.md).
 */
export const STEP_OVERHEAD_S = 11e-3;

/**
 * Latency of one step of an in-graph collective between ranks (estimate): a NeuronLink hop,
 * "about 1-2 us (HBM load dependent)" (hardware.md §3.1), plus ~1 us of semaphore and DMA-descriptor
 * synchronisation driven by the CC cores. An in-graph all-reduce of a small buffer runs
 * ceil(log2 p) such steps (recursive doubling) with no stand-alone launch overhead
 * (modelling-notes.md 2): 15 us on 64 ranks.
 */
export const IN_GRAPH_COLLECTIVE_STEP_S = 2.5e-6;

/**
 * Bus bandwidth of the prefill's TP all-reduces (100-400 MB on a whole server), bytes/s (estimate).
 * C3 (hardware.md §5.3) measures the bus bandwidth growing with size on 16 Trn2 ranks: 22.8 GB/s at
 * 32 MiB, 103.9 GB/s at 512 MiB; 66 GB/s lies between, where these messages fall, and is what the
 * two NxDI prefills (70B and 405B at TP 64) imply when the collectives bound the prefill
 * (docs/inference.md "Calibration"). Used until the collectives layer answers in-graph requests.
 */
export const ALL_REDUCE_BUS_BYTES_PER_SECOND = 66e9;

/**
 * Passes of at least this many tokens pipeline their TP collectives with the matmuls (NxDI's
 * sequence-parallel prefill with collective pipelining, `--cc-pipeline-tiling-factor`; CC cores run
 * collectives beside the compute engines, hardware.md §4): a layer then takes max(compute, comm).
 * Smaller passes (decode) wait for each all-reduce. Estimate: a few 128-token tiles per chunk.
 */
export const CC_PIPELINE_MIN_TOKENS = 512;

/** HBM held back from the KV cache for activations, runtime scratch and fragmentation (like vLLM's gpu_memory_utilization = 0.9). */
export const HBM_RESERVE_FRACTION = 0.1;

/**
 * Default speculative-decoding acceptance rate per draft token when the scenario gives none
 * (estimate: Llama-3.2-1B drafting for Llama-3 70B/405B under greedy sampling; the NxDI fused
 * speculation results imply 0.78-0.85 under this model, docs/inference.md). Prompt-dependent:
 * sweep it.
 */
export const DEFAULT_ACCEPTANCE_RATE = 0.8;

/** KV cache element size: BF16 whatever the weight precision (NxDI default). */
export const KV_BYTES_PER_ELEMENT = 2;

/** Activation element size (BF16). */
export const ACTIVATION_BYTES_PER_ELEMENT = 2;

/** TensorE systolic array edge: 128 x 128 PEs (hardware.md §1.2). */
export const TENSOR_TILE = 128;

/** The constants as one record (docs, `trnsim run --json` provenance, tests). */
export const INFERENCE_CALIBRATION = {
  matmulEfficiency: MATMUL_EFFICIENCY,
  hbmEfficiency: HBM_EFFICIENCY,
  opOverheadS: OP_OVERHEAD_S,
  opsPerLayer: OPS_PER_LAYER,
  stepOverheadS: STEP_OVERHEAD_S,
  inGraphCollectiveStepS: IN_GRAPH_COLLECTIVE_STEP_S,
  allReduceBusBytesPerSecond: ALL_REDUCE_BUS_BYTES_PER_SECOND,
  ccPipelineMinTokens: CC_PIPELINE_MIN_TOKENS,
  hbmReserveFraction: HBM_RESERVE_FRACTION,
  defaultAcceptanceRate: DEFAULT_ACCEPTANCE_RATE,
} as const;
