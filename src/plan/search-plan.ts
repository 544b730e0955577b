/**
 * From a prepared plan and an executor to the plan's result (everything but `meta`): the
 * best-first search over the survivors, the fallback simulations when nothing is feasible (what
 * came closest), the frontier, the best plan per system, the counts and the answer. The executor
 * decides where results come from: worker threads or in-process for `plan()`, the shards' lines
 * for a merge (plan-merge.ts), which therefore computes exactly what one process would.
 */
import { performance } from 'node:perf_hooks';
import type { AffinityExecutor } from '../sweep/index.js';
import { planAnswer } from './answer.js';
import type { Evaluated } from './evaluation.js';
import type { PreparedPlan } from './prepare.js';
import { planOutcome } from './result.js';
import { bestFirst, REASON_DOMINATED_BOUND } from './search.js';
import type { Candidate, PlanProgress, PlanResult } from './types.js';

export type PlanBody = Omit<PlanResult, 'meta'>;

function mergeCounts(into: Map<string, number>, key: string, n: number): void {
  if (n !== 0) into.set(key, (into.get(key) ?? 0) + n);
}

export interface SearchPlanOptions {
  readonly exhaustive?: boolean;
  readonly onProgress?: (p: PlanProgress) => void;
  /** performance.now() when the plan started (progress times). */
  readonly t0: number;
}

export async function searchPlan(prepared: PreparedPlan, executor: AffinityExecutor, options: SearchPlanOptions): Promise<PlanBody> {
  const { spec, space, job, training } = prepared;
  const warnings = [...prepared.warnings];
  const pruned = new Map(space.pruned);
  const fallbackRun: Evaluated[] = [];
  let fallbackFailures = 0;
  const common = { job, executor, seed: spec.seed, onProgress: options.onProgress, totalCandidates: space.candidates, t0: options.t0 } as const;
  const search = await bestFirst({ ...common, candidates: space.survivors as Candidate[], prune: options.exhaustive !== true });
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
  mergeCounts(pruned, REASON_DOMINATED_BOUND, search.skipped);
  const evaluated = [...search.evaluated, ...fallbackRun];
  for (const f of search.failures.slice(0, 3)) warnings.push(`candidate ${f.candidate.id} failed: ${f.error}`);
  warnings.push(...search.warnings);
  const deadlineGiven = training ? spec.train!.deadlineS !== undefined : true;
  const outcome = planOutcome(evaluated, search.failures.length + fallbackFailures, prepared.systems.map((s) => s.label), deadlineGiven);
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
  options.onProgress?.({ phase: 'done', candidates: space.candidates, toSimulate: space.survivors.length, simulated: result.evaluated, skipped: search.skipped, elapsedS: (performance.now() - options.t0) / 1000 });
  return { ...result, answer: planAnswer(spec, result, space.closestMemory?.message) };
}
