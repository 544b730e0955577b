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
export let TP_COMM_OVERLAP = 0.306;

/**
 * ZeRO-1 gradient reduction timing (docs/model.md "DP reduction"). true: a stage's gradients are
 * reduce-scattered over DP once its last backward of the step has finished, inside the optimizer
 * step, as NxD's ZeRO-1 optimizer and neuronx-nemo-megatron's distributed optimizer run it under
 * XLA (the reduction is its own graph after gradient accumulation); false: each layer's
 * reduction starts as soon as that layer's last backward is done (per-layer bucketed overlap, the
 * model before issue 16). A modelling choice, not a fitted number.
 */
export let DP_REDUCE_AFTER_BACKWARD = true;

/** Sets DP_REDUCE_AFTER_BACKWARD (tests compare the two structures). */
export function setDpReduceAfterBackward(value: boolean): void {
  DP_REDUCE_AFTER_BACKWARD = value;
}

/** Bytes per gradient element held and reduced over DP: FP32 gradient accumulation (mixed precision, FP32 optimizer). */
export const GRAD_BYTES = 4;

/** AdamW state bytes per parameter: FP32 master weight + two FP32 moments (reference: mixed-precision Adam). */
export const OPTIMIZER_BYTES = 12;

/** HBM bytes the AdamW step moves per local parameter: read master, m, v, grad (+ grad-norm read), write master, m, v, BF16 weight. */
export const OPTIMIZER_STEP_BYTES_PER_PARAM = 34;

/** Sets the fitted TP overlap (src/workload/fitted-constants.ts). */
export function setTpCommOverlap(value: number): void {
  TP_COMM_OVERLAP = value;
}
