/**
 * Evaluator of the public inference cases (data/validation/inference.json): builds the case's
 * system, runs the serving simulation with the shared inference calibration and returns the
 * simulated value of the case's metric, a dotted path into InferenceResult ("ttftS.p50",
 * "tpotS.p50", ...), in seconds. A case may give `metricScale`, the factor between trnsim's metric
 * and what the published tool reported (LLMPerf counting tokens with another tokenizer: I4). No
 * constant is fitted per case (docs/inference.md "Calibration").
 */
import { buildSystem } from '../../hardware/index.js';
import type { SystemRequest } from '../../hardware/types.js';
import { resolveModel, type InlineModel } from '../../workload/models.js';
import { runInference } from '../../workload/inference/index.js';
import type { InferenceWorkload, Precision, TokenLength } from '../../workload/types.js';
import type { Evaluator, ValidationCase } from '../types.js';

interface InferenceCaseWorkload {
  readonly model: string | InlineModel;
  readonly precision: Precision;
  readonly parallelism: { readonly tp: number; readonly dp: number; readonly pp: number };
  readonly batching: { readonly maxBatch: number; readonly policy: 'continuous' | 'static' };
  readonly requests: {
    readonly count: number;
    readonly inputTokens: number | TokenLength;
    readonly outputTokens: number | TokenLength;
    readonly concurrency?: number;
    readonly arrivalRatePerSecond?: number;
  };
  readonly maxContextTokens?: number;
  readonly contextBuckets?: readonly number[];
  readonly speculation?: { readonly draft: string | InlineModel; readonly tokens: number; readonly acceptanceRate?: number };
}

const length = (v: number | TokenLength): TokenLength => (typeof v === 'number' ? { kind: 'fixed', tokens: v } : v);

/** The case's workload as runInference takes it. */
export function inferenceCaseWorkload(w: InferenceCaseWorkload): InferenceWorkload {
  return {
    kind: 'inference',
    model: resolveModel(w.model),
    precision: w.precision,
    parallelism: w.parallelism,
    batching: w.batching,
    requests: { ...w.requests, inputTokens: length(w.requests.inputTokens), outputTokens: length(w.requests.outputTokens) },
    ...(w.maxContextTokens !== undefined ? { maxContextTokens: w.maxContextTokens } : {}),
    ...(w.contextBuckets !== undefined ? { contextBuckets: w.contextBuckets } : {}),
    ...(w.speculation ? { speculation: { ...w.speculation, draft: resolveModel(w.speculation.draft) } } : {}),
  };
}

function metricValue(result: unknown, path: string, id: string): number {
  let v: unknown = result;
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  if (typeof v !== 'number') {
    throw new Error(`case ${id}: metric "${path}" is not a number of the inference result (e.g. ttftS.p50, tpotS.p50, e2eLatencyS.p50, outputTokensPerSecond)`);
  }
  return v;
}

export const evaluator: Evaluator = {
  evaluate(c: ValidationCase): number {
    const system = c.system as SystemRequest | undefined;
    const workload = c.workload as InferenceCaseWorkload | undefined;
    if (!system || !workload) throw new Error(`case ${c.id}: needs system and workload`);
    if (c.unit !== 's') throw new Error(`case ${c.id}: unit must be "s" (inference metrics are seconds or per-second rates in SI)`);
    const result = runInference(buildSystem(system), inferenceCaseWorkload(workload), { seed: 1, name: c.id });
    const scale = typeof c.metricScale === 'number' ? c.metricScale : 1;
    return metricValue(result, c.metric, c.id) * scale;
  },
};
