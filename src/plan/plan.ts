/**
 * plan(): the capacity planner (issue 15; docs/planning.md). Which system, how many units, which
 * parallelism, how long and at what cost: enumerate the search space, prune by closed forms
 * (divisibility, memory, lower bounds against the deadline and budget), simulate the survivors
 * best-first in worker threads, and report the Pareto frontier, the best plan per system and why
 * the rest lost.
 */
import { checkOptions } from '../check-options.js';
import { availableParallelism, hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadPlanSpec, loadScenario, resolveScenario, type PlanSpec } from '../scenario/index.js';
import { affinityPoolExecutor, compiledModuleUrl, inProcessExecutor, type AffinityExecutor } from '../sweep/index.js';
import type { ModelConfig } from '../workload/types.js';
import { UserInputError } from '../user-input-error.js';
import { version } from '../version.js';
import type { Evaluated } from './evaluation.js';
import { planAnswer } from './answer.js';
import { planOutcome } from './result.js';
import { bestFirst, REASON_DOMINATED_BOUND, type SearchOutcome } from './search.js';
import { planSystems, type PlanSystemContext } from './systems.js';
import { trainingJob } from './training-job.js';
import { trainingSpace } from './training-space.js';
import { servingJob } from './serving-job.js';
import { servingSpace } from './serving-space.js';
import type { Candidate, PlanOptions, PlanResult } from './types.js';
import type { PlanJob } from './evaluation.js';

/** The model of a plan as the workload layer takes it (resolved by the scenario layer, as in a scenario). */
function planModel(spec: PlanSpec, sys: PlanSystemContext): ModelConfig {
  const doc = {
    system: { preset: sys.preset, count: 1 },
    workload: { kind: 'training', model: spec.model, sequenceLength: 1, globalBatch: sys.ranksPerUnit, parallelism: { tp: 1, dp: sys.ranksPerUnit } },
  };
  const resolved = resolveScenario(loadScenario(doc, { origin: `${spec.origin}: model` }));
  return resolved.workload.model;
}

function runnerUrl(): string {
  return import.meta.url.endsWith('.ts') ? new URL('./candidate-runner.ts', import.meta.url).href : new URL('./candidate-runner.js', import.meta.url).href;
}

function mergeCounts(into: Map<string, number>, key: string, n: number): void {
  if (n !== 0) into.set(key, (into.get(key) ?? 0) + n);
}

/**
 * Plans a training job or a serving deployment. `source`: a plan file, a plan object (the file's
 * fields) or a loaded PlanSpec. Bad input is one UserInputError; an answer that no plan meets every
 * constraint is a result (with `closest`), not an error.
 */
export async function plan(source: string | Record<string, unknown> | PlanSpec, options: PlanOptions = {}): Promise<PlanResult> {
  const t0 = performance.now();
  checkOptions('plan', options, { workers: 'non-negative integer', onProgress: 'function', origin: 'string', exhaustive: 'boolean' });
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 0) throw new UserInputError(`workers: expected a non-negative integer (0 simulates in-process), got ${String(options.workers)}`);
  // the worker threads start first: their start-up (threads, imports) overlaps the parent's loading
  // of the plan and its enumeration instead of following them
  const pool = workers > 0 ? affinityPoolExecutor(workers, compiledModuleUrl('plan/candidate-runner.js').href, true) : undefined;
  try {
    return await planWith(source, options, workers, pool, t0);
  } finally {
    await pool?.close();
  }
}

async function planWith(source: string | Record<string, unknown> | PlanSpec, options: PlanOptions, workers: number, pool: AffinityExecutor | undefined, t0: number): Promise<PlanResult> {
  const spec: PlanSpec =
    typeof source === 'object' && 'origin' in source ? (source as PlanSpec) : loadPlanSpec(source as string | Record<string, unknown>, options.origin !== undefined ? { origin: options.origin } : {});
  const systems = planSystems(spec);
  const model = planModel(spec, systems[0]!);
  const warnings: string[] = [];
  for (const s of systems) {
    if (s.counts.length === 0) warnings.push(`${s.label}: one unit has ${s.chipsPerUnit} chips, more than maxChips (${spec.maxChips}): no plan on it was considered`);
    if (s.usdPerUnitHour === undefined) {
      warnings.push(`${s.label} has no published price: its plans count as costing more than any priced plan; give systems: [{ preset: ${s.preset}, price: <USD per hour of one unit> }] (CLI --price ${s.preset}=<USD/h>)`);
    }
  }

  options.onProgress?.({ phase: 'enumerate', candidates: 0, toSimulate: 0, simulated: 0, skipped: 0, elapsedS: 0 });
  const training = spec.train !== undefined;
  const space = training ? trainingSpace(spec, model, systems) : servingSpace(spec, model, systems);
  const job = (training ? trainingJob(spec, (space as ReturnType<typeof trainingSpace>).steps) : servingJob(spec)) as PlanJob<Candidate>;
  const pruned = new Map(space.pruned);
  const executor: AffinityExecutor = pool ?? inProcessExecutor(runnerUrl(), true);
  let search: SearchOutcome;
  const fallbackRun: Evaluated[] = [];
  let fallbackFailures = 0;
  try {
    const common = { job, executor, seed: spec.seed, onProgress: options.onProgress, totalCandidates: space.candidates, t0 } as const;
    search = await bestFirst({ ...common, candidates: space.survivors as Candidate[], prune: options.exhaustive !== true });
    // nothing feasible: simulate what the bounds say comes closest, to say how close it came
    if (!search.evaluated.some((e) => e.failure === undefined)) {
      const done = new Set(search.evaluated.map((e) => e.candidate.id));
      const extra = space.fallback.filter((f) => !done.has(f.candidate.id));
      if (extra.length > 0) {
        const more = await bestFirst({ ...common, candidates: extra.map((f) => f.candidate) as Candidate[], prune: false });
        for (const f of extra) if (f.prunedAs !== undefined) mergeCounts(pruned, f.prunedAs, -1);
        fallbackRun.push(...more.evaluated);
        fallbackFailures = more.failures.length;
        search.warnings.push(...more.warnings);
      }
    }
  } finally {
    if (executor !== pool) await executor.close();
  }
  mergeCounts(pruned, REASON_DOMINATED_BOUND, search.skipped);
  const evaluated = [...search.evaluated, ...fallbackRun];
  for (const f of search.failures.slice(0, 3)) warnings.push(`candidate ${f.candidate.id} failed: ${f.error}`);
  warnings.push(...search.warnings);
  const deadlineGiven = training ? spec.train!.deadlineS !== undefined : true;
  const outcome = planOutcome(evaluated, search.failures.length + fallbackFailures, systems.map((s) => s.label), deadlineGiven);
  const wallTimeS = (performance.now() - t0) / 1000;
  const prunedSorted = Object.fromEntries([...pruned.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : 1)));
  const result: Omit<PlanResult, 'answer' | 'meta'> = {
    name: spec.name,
    kind: training ? 'training' : 'serving',
    candidates: space.candidates,
    evaluated: evaluated.length + search.failures.length + fallbackFailures,
    feasible: outcome.feasible,
    pruned: prunedSorted,
    lost: outcome.lost,
    pareto: outcome.pareto,
    bestBySystem: outcome.bestBySystem,
    points: evaluated.map((e) => ({ system: e.entry.system, count: e.entry.count, timeS: e.objectives[0]!, costUsd: e.entry.costUsd, energyJ: e.entry.energyJ, feasible: e.failure === undefined })),
    ...(outcome.closest ? { closest: outcome.closest } : {}),
    warnings,
  };
  options.onProgress?.({ phase: 'done', candidates: space.candidates, toSimulate: space.survivors.length, simulated: result.evaluated, skipped: search.skipped, elapsedS: wallTimeS });
  return {
    ...result,
    answer: planAnswer(spec, result, space.closestMemory?.message),
    meta: {
      wallTimeS,
      workers,
      candidatesPerSecond: space.candidates / Math.max(wallTimeS, 1e-9),
      simulationsPerSecond: result.evaluated / Math.max(wallTimeS, 1e-9),
      host: hostname(),
      version,
    },
  };
}
