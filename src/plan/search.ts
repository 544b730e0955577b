/**
 * The best-first search over the candidates that passed the closed forms: in order of their lower
 * bound on time (ties by enumeration order), each is either simulated or skipped because its
 * lower bounds are already beaten, objective by objective, by a feasible plan of the same system
 * (then the plan it would be is dominated too). Pruning within a system keeps both the global
 * frontier and each system's best plan exact.
 *
 * Determinism whatever the worker count: the decision for the k-th candidate uses exactly the
 * results of candidates 0 .. k - DECISION_LAG - 1 (it waits for them), never "whatever has finished
 * by now", so the same plan simulates the same candidates and reports the same counts on 0, 1 or
 * 8 workers. The lag is what lets that many simulations run at once.
 */
import { performance } from 'node:perf_hooks';
import type { AffinityExecutor } from '../sweep/index.js';
import type { Json, PointOutcome } from '../sweep/types.js';
import { loadScenario } from '../scenario/index.js';
import { ParetoSet } from './frontier.js';
import type { Evaluated, PlanJob } from './evaluation.js';
import type { Candidate, PlanProgress } from './types.js';

/** Results that may still be outstanding when a candidate is decided (>= candidates in flight). */
export const DECISION_LAG = 32;

export const REASON_DOMINATED_BOUND = 'dominated (bound)';
export const REASON_FAILED = 'simulation failed';

export interface SearchOutcome {
  readonly evaluated: Evaluated[];
  readonly skipped: number;
  readonly failures: { readonly candidate: Candidate; readonly error: string }[];
  readonly warnings: string[];
}

export interface SearchInput<C extends Candidate> {
  readonly candidates: readonly C[];
  readonly job: PlanJob<C>;
  readonly executor: AffinityExecutor;
  readonly seed: number;
  /** Skip by bound (false: simulate every candidate: the brute force the tests compare with). */
  readonly prune: boolean;
  readonly onProgress?: (p: PlanProgress) => void;
  readonly totalCandidates: number;
  readonly t0: number;
  /** Hears each candidate's simulation outcome as it arrives (a sharded plan writes its line). */
  readonly onOutcome?: (c: C, outcome: PointOutcome) => void;
  /** Hears each candidate skipped by bound. */
  readonly onSkipped?: (c: C) => void;
}

export async function bestFirst<C extends Candidate>(input: SearchInput<C>): Promise<SearchOutcome> {
  const { job, executor } = input;
  const order = [...input.candidates].sort((a, b) => a.bound.timeS - b.bound.timeS || a.id - b.id);
  const n = order.length;
  const settled: Array<Evaluated | 'skipped' | 'failed' | undefined> = new Array(n);
  const frontiers = new Map<number, ParetoSet<number>>();
  const evaluated: Evaluated[] = [];
  const failures: SearchOutcome['failures'] = [];
  const warnings: string[] = [];
  let skipped = 0;
  let simulated = 0;
  let decided = 0;
  let applied = 0;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  let failure: unknown;

  const progress = (): void =>
    input.onProgress?.({ phase: 'simulate', candidates: input.totalCandidates, toSimulate: n, simulated, skipped, elapsedS: (performance.now() - input.t0) / 1000 });

  const frontierOf = (c: Candidate): ParetoSet<number> => {
    let f = frontiers.get(c.system.index);
    if (f === undefined) frontiers.set(c.system.index, (f = new ParetoSet<number>()));
    return f;
  };

  const settle = (k: number, c: C, scenario: ReturnType<PlanJob<C>['scenario']>, status: string, outputs: Json | undefined, error: string | undefined): void => {
    inFlight--;
    simulated++;
    try {
      if (status === 'ok' && outputs !== undefined) {
        const w = job.boundCheck?.(c, outputs);
        if (w !== undefined) warnings.push(w);
        settled[k] = job.evaluate(c, scenario, outputs);
      } else {
        settled[k] = 'failed';
        failures.push({ candidate: c, error: error ?? 'unknown error' });
      }
      progress();
    } catch (e) {
      failure ??= e;
    }
    wake?.();
  };

  const hear = (c: C, o: PointOutcome): void => {
    try {
      input.onOutcome?.(c, o);
    } catch (e) {
      failure ??= e;
    }
  };

  const waitForSettle = (): Promise<void> => new Promise<void>((r) => (wake = r));

  for (;;) {
    if (failure !== undefined) throw failure;
    let blocked = false;
    while (decided < n && inFlight < executor.capacity) {
      // the frontier this decision may use: every result before decided - DECISION_LAG, applied in order
      const need = decided - DECISION_LAG;
      while (applied < need && settled[applied] !== undefined) {
        const r = settled[applied]!;
        if (typeof r === 'object' && r.failure === undefined) frontierOf(r.candidate).add(r.objectives, r.candidate.id);
        applied++;
      }
      if (applied < need) {
        blocked = true;
        break;
      }
      const k = decided++;
      const c = order[k]!;
      if (input.prune && frontierOf(c).dominated(job.boundObjectives(c))) {
        settled[k] = 'skipped';
        skipped++;
        input.onSkipped?.(c);
        continue;
      }
      const scenario = job.scenario(c);
      const loaded = loadScenario(scenario, { origin: `plan candidate ${c.id}` });
      inFlight++;
      // candidates of one system go to the worker that holds that system (and its caches)
      void executor.run({ index: c.id, seed: input.seed, replication: 0, scenario: loaded as unknown as ReturnType<PlanJob<C>['scenario']> }, `${c.system.index}|${c.count}`).then(
        (o) => {
          hear(c, o);
          settle(k, c, scenario, o.status, o.status === 'ok' ? o.outputs : undefined, o.status === 'ok' ? undefined : o.error);
        },
        (e: unknown) => {
          const error = e instanceof Error ? e.message : String(e);
          hear(c, { status: 'error', error, wallTimeS: 0, worker: 0 });
          settle(k, c, scenario, 'error', undefined, error);
        },
      );
    }
    if (decided >= n && inFlight === 0) break;
    if (inFlight === 0 && blocked) throw new Error('plan search: blocked with nothing running');
    await waitForSettle();
    wake = undefined;
  }
  for (const r of settled) if (typeof r === 'object') evaluated.push(r);
  return { evaluated, skipped, failures, warnings };
}
