/**
 * The named calibration constants of the training model: one set for every scenario, fitted once
 * (docs/model.md "Calibration" explains each and how it was chosen). Never a constant per
 * validation case. All are estimates unless a hardware.md section is cited.
 */

/** TensorE is a 128 x 128 systolic array: matrix dims are processed in tiles of 128 partitions (hardware.md §1.2). */
export const TILE_PARTITIONS = 128;

/**
 * Fraction of the chip's dense peak that a large, tile-aligned matmul sustains on one rank
 * (estimate). Covers instruction issue, PSUM accumulation/evacuation and the gap between the
 * chip-level figure and 8 x per-core TensorE peak (hardware.md §1.2: 629 vs 667 TFLOPS on Trn2).
 */
export const MATMUL_EFFICIENCY_MAX = 0.55;

/**
 * Rows (tokens) per rank at which a matmul's efficiency is halved by fixed per-tile costs
 * (matmul init ~64 TensorE cycles per tile, hardware.md §1.2; estimate). Efficiency factor
 * M / (M + MATMUL_ROWS_HALF).
 */
export const MATMUL_ROWS_HALF = 64;

/**
 * Core attention (QK^T, softmax, PV, flash-style in SBUF) relative to matmul efficiency: the
 * softmax runs on ScalarE/VectorE at a fraction of TensorE's rate (estimate).
 */
export const ATTENTION_EFFICIENCY_FACTOR = 0.6;

/**
 * Fraction of the s x s score matrix a causal flash-attention kernel computes (blocks above the
 * diagonal are skipped). Timing only: MFU counts the full 12 x L x h x s (reference/models.md).
 */
export const ATTENTION_CAUSAL_FRACTION = 0.5;

/** Flash attention's backward recomputes the scores: 5 matmuls against 2 in forward (2.5x). */
export const ATTENTION_BACKWARD_FACTOR = 2.5;

/** Sustained fraction of HBM bandwidth for streaming (elementwise, optimizer) ops (estimate). */
export const HBM_EFFICIENCY = 0.8;

/** Fixed cost per compute op (instruction issue, semaphores between engines), seconds (estimate). */
export const OP_OVERHEAD_S = 3e-6;

/**
 * Fraction of each tensor-parallel collective the Neuron compiler hides behind independent compute
 * (CC cores run asynchronously, hardware.md §4; but SP's all-gather / reduce-scatter sit on the
 * data path of the next matmul, modelling-notes.md 4). Estimate.
 */
export const TP_COMM_OVERLAP = 0.3;

/** Bytes per gradient element held and reduced over DP: FP32 gradient accumulation (mixed precision, FP32 optimizer). */
export const GRAD_BYTES = 4;

/** Bytes per weight element held on the chip (BF16 weights; FP8 training casts in the matmul, keeps BF16 weights). */
export const WEIGHT_BYTES = 2;

/** AdamW state bytes per parameter: FP32 master weight + two FP32 moments (reference: mixed-precision Adam). */
export const OPTIMIZER_BYTES = 12;

/** HBM bytes the AdamW step moves per local parameter: read master, m, v, grad (+ grad-norm read), write master, m, v, BF16 weight. */
export const OPTIMIZER_STEP_BYTES_PER_PARAM = 34;

/** Activations are BF16. */
export const ACTIVATION_BYTES = 2;

/** Logits / loss kept in FP32 on the last stage. */
export const LOGIT_BYTES = 4;

/**
 * HBM reserved by the runtime and compiler (scratch, collectives buffers, fragmentation), fraction
 * of capacity not available to the model (estimate).
 */
export const HBM_RESERVED_FRACTION = 0.05;
