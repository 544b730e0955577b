/**
 * plan(): the capacity planner (issue 15; docs/planning.md). Which system, how many units, which
 * parallelism, how long and at what cost: enumerate the search space, prune by closed forms
 * (divisibility, memory, lower bounds against the deadline and budget), simulate the survivors
 * best-first in worker threads, and report the Pareto frontier, the best plan per system and why
 * the rest lost. The same plan across many machines: plan-shard.ts and plan-merge.ts.
 */
import { checkOptions } from '../check-options.js';
import { availableParallelism, hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { affinityPoolExecutor, compiledModuleUrl, inProcessExecutor, type AffinityExecutor } from '../sweep/index.js';
import { UserInputError } from '../user-input-error.js';
import { version } from '../version.js';
import { preparePlan, type PlanSource } from './prepare.js';
import { searchPlan, type PlanBody } from './search-plan.js';
import type { PlanOptions, PlanResult } from './types.js';

/** Progress at the start of the enumeration. */
export const ENUMERATE = { phase: 'enumerate', candidates: 0, toSimulate: 0, simulated: 0, skipped: 0, elapsedS: 0 } as const;

export function runnerUrl(): string {
  return import.meta.url.endsWith('.ts') ? new URL('./candidate-runner.ts', import.meta.url).href : new URL('./candidate-runner.js', import.meta.url).href;
}

export function checkWorkers(workers: unknown): number {
  const w = workers ?? availableParallelism();
  if (typeof w !== 'number' || !Number.isInteger(w) || w < 0) throw new UserInputError(`workers: expected a non-negative integer (0 simulates in-process), got ${String(workers)}.`);
  return w;
}

/**
 * Where candidates are simulated: `workers` threads (started at once, so that their start-up
 * overlaps the parent's loading and enumeration), or in-process for 0.
 */
export function candidateExecutor(workers: number): AffinityExecutor {
  return workers > 0 ? affinityPoolExecutor(workers, compiledModuleUrl('plan/candidate-runner.js').href, true) : inProcessExecutor(runnerUrl(), true);
}

export function planMeta(body: PlanBody, t0: number, workers: number): PlanResult['meta'] {
  const wallTimeS = (performance.now() - t0) / 1000;
  return {
    wallTimeS,
    workers,
    candidatesPerSecond: body.candidates / Math.max(wallTimeS, 1e-9),
    simulationsPerSecond: body.evaluated / Math.max(wallTimeS, 1e-9),
    host: hostname(),
    version,
  };
}

/**
 * Plans a training job or a serving deployment. `source`: a plan file, a plan object (the file's
 * fields) or a loaded PlanSpec. Bad input is one UserInputError; an answer that no plan meets every
 * constraint is a result (with `closest`), not an error.
 */
export async function plan(source: PlanSource, options: PlanOptions = {}): Promise<PlanResult> {
  const t0 = performance.now();
  checkOptions('plan', options, { workers: 'non-negative integer', onProgress: 'function', origin: 'string', exhaustive: 'boolean' });
  const workers = checkWorkers(options.workers);
  const executor = candidateExecutor(workers);
  try {
    const prepared = preparePlan(source, { ...(options.origin !== undefined ? { origin: options.origin } : {}), onEnumerate: () => options.onProgress?.(ENUMERATE) });
    const body = await searchPlan(prepared, executor, { t0, ...(options.exhaustive ? { exhaustive: true } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    return { ...body, meta: planMeta(body, t0, workers) };
  } finally {
    await executor.close();
  }
}
