/**
 * Checkpoint policy: the checkpoint size a model implies and the Young/Daly optimum interval the
 * simulated goodput is compared with.
 */
import { parameterCounts } from '../models.js';
import { WEIGHT_BYTES } from '../calibration.js';
import { OPTIMIZER_BYTES } from '../training/calibration.js';
import type { ModelConfig } from '../types.js';

/**
 * Bytes of one checkpoint: one copy of the weights and of the optimizer state, as the memory
 * model holds them (BF16 weights + FP32 master and two Adam moments per parameter). Gradients and
 * activations are not saved.
 */
export function checkpointBytes(model: ModelConfig): number {
  return parameterCounts(model).total * (WEIGHT_BYTES + OPTIMIZER_BYTES);
}

/**
 * Young's optimum interval between checkpoints (Young 1974; Daly 2006 to first order):
 * sqrt(2 x checkpoint write time x system MTBF). Infinity without failures.
 */
export function youngDalyIntervalS(writeS: number, systemMtbfS: number): number {
  return Math.sqrt(2 * writeS * systemMtbfS);
}
