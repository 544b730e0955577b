/**
 * The named constants of the training model (docs/model.md "Calibration" explains each and how it
 * was chosen); the op and roofline constants it shares with inference are in ../calibration.ts.
 * All are estimates unless a source is cited.
 */

/**
 * Fraction of each tensor-parallel collective the Neuron compiler hides behind independent compute
 * (CC cores run asynchronously, hardware.md §4; but SP's all-gather / reduce-scatter sit on the
 * data path of the next matmul, modelling-notes.md 4). Estimate.
 */
export const TP_COMM_OVERLAP = 0.3;

/** Bytes per gradient element held and reduced over DP: FP32 gradient accumulation (mixed precision, FP32 optimizer). */
export const GRAD_BYTES = 4;

/** AdamW state bytes per parameter: FP32 master weight + two FP32 moments (reference: mixed-precision Adam). */
export const OPTIMIZER_BYTES = 12;

/** HBM bytes the AdamW step moves per local parameter: read master, m, v, grad (+ grad-norm read), write master, m, v, BF16 weight. */
export const OPTIMIZER_STEP_BYTES_PER_PARAM = 34;
