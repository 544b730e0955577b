/**
 * Evaluator of the public training cases (data/validation/training.json): builds the case's
 * system, runs one training step with the shared calibration and returns the simulated value of
 * the case's metric. No constant is fitted per case (docs/validation.md "## Training").
 */
import { buildSystem } from '../../hardware/index.js';
import type { SystemRequest } from '../../hardware/types.js';
import { resolveModel, type InlineModel } from '../../workload/models.js';
import { runTraining, type TrainingResultDetail } from '../../workload/training/run-training.js';
import type { TrainingWorkload } from '../../workload/types.js';
import { UserInputError } from '../../user-input-error.js';
import type { Evaluator, ValidationCase } from '../types.js';

export interface TrainingCase {
  readonly id: string;
  readonly kind: 'training';
  /** A numeric field of TrainingResult: sequencesPerSecond, tokensPerSecond, stepTimeS or mfu. */
  readonly metric: 'sequencesPerSecond' | 'tokensPerSecond' | 'stepTimeS' | 'mfu';
  readonly published: number;
  readonly source: string;
  readonly release?: string;
  readonly notes?: string;
  readonly system: SystemRequest;
  readonly workload: Omit<TrainingWorkload, 'kind' | 'model'> & { readonly model: string | InlineModel };
}

export interface TrainingEvaluation {
  readonly id: string;
  readonly metric: string;
  readonly published: number;
  readonly simulated: number;
  /** (simulated - published) / published. */
  readonly relError: number;
  readonly source: string;
  readonly result: TrainingResultDetail;
}

export const kind = 'training';

/** Runs one training case; throws UserInputError on a malformed case. */
export function evaluate(c: TrainingCase): TrainingEvaluation {
  if (!c || c.kind !== 'training' || !c.workload || !c.system) {
    throw new UserInputError(`data/validation/training.json: case ${JSON.stringify(c?.id)} needs kind "training", system and workload; add the missing fields.`);
  }
  const system = buildSystem(c.system);
  const workload: TrainingWorkload = { kind: 'training', ...c.workload, model: resolveModel(c.workload.model) };
  const result = runTraining(system, workload, { seed: 1, name: c.id });
  const simulated = result[c.metric];
  if (typeof simulated !== 'number') throw new UserInputError(`data/validation/training.json: case ${c.id}: unknown metric "${String(c.metric)}"; use sequencesPerSecond, tokensPerSecond, stepTimeS or mfu.`);
  return { id: c.id, metric: c.metric, published: c.published, simulated, relError: (simulated - c.published) / c.published, source: c.source, result };
}

/** The suite's entry point (src/validation/types.ts): evaluates a case of data/validation/training.json. */
export const evaluator: Evaluator = {
  evaluate: (c: ValidationCase) => evaluate(c as unknown as TrainingCase),
};
