/** Small real runs shared by the report tests (fast: one trn2.48xlarge, Llama 3.1 8B). */
import { runScenarioDetailed, type DetailedRun } from '../../src/scenario/index.js';
import type { StepGraph } from '../../src/workload/training/step-graph.js';

export const TRAINING = {
  name: 'llama-3.1-8b-pp2',
  system: { preset: 'trn2.48xlarge', count: 2 },
  workload: { kind: 'training', model: 'llama-3.1-8b', sequenceLength: 4096, globalBatch: 32, parallelism: { tp: 8, pp: 2 } },
};

export const INFERENCE = {
  name: 'llama-3.1-8b-serving',
  system: { preset: 'trn2.48xlarge' },
  workload: {
    kind: 'inference',
    model: 'llama-3.1-8b',
    parallelism: { tp: 8 },
    batching: { maxBatch: 8 },
    requests: { count: 64, inputTokens: 512, outputTokens: 64 },
  },
};

export function trainingRun(doc: Record<string, unknown> = TRAINING): { run: DetailedRun; step: StepGraph } {
  let step: StepGraph | undefined;
  const run = runScenarioDetailed(doc, { omitMeta: true, onStepGraph: (s) => (step = s) });
  return { run, step: step! };
}

export function inferenceRun(): DetailedRun {
  return runScenarioDetailed(INFERENCE, { omitMeta: true });
}
