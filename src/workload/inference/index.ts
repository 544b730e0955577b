/** Public surface of the inference workload (issue 8; docs/inference.md). */
export { runInference } from './run-inference.js';
export type { InferenceOptions, InferenceRunResult } from './run-inference.js';
export { INFERENCE_CALIBRATION } from './calibration.js';
export { kvCapacity } from './kv-cache.js';
export type { KvCapacity } from './kv-cache.js';
export { rankShape, weightBytesPerElement } from './model-shape.js';
export type { RankShape } from './model-shape.js';
export { StepCost, tileFill } from './step-cost.js';
export type { RankRates } from './step-cost.js';
export { latencyPercentiles, quantileSorted } from './percentiles.js';
