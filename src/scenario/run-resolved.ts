/**
 * Build and run an already-loaded scenario: the part of runScenario that needs neither the schema
 * (zod) nor the YAML reader, so worker threads that receive loaded scenarios (sweeps, plans)
 * import only this, resolve.ts and the layers below (a smaller import graph: faster start-up).
 * run.ts adds loading on top.
 */
import { hostname } from 'node:os';
import { buildSystem } from '../hardware/index.js';
import type { System } from '../hardware/types.js';
import { runTraining } from '../workload/index.js';
import type { StepGraph } from '../workload/training/step-graph.js';
import { runInference } from '../workload/inference/index.js';
import type { InferenceResult, TrainingResult } from '../workload/types.js';
import { UserInputError } from '../user-input-error.js';
import { version } from '../version.js';
import { oneLine, withOrigin } from './errors.js';
import type { LoadOptions, Scenario } from './load.js';
import { resolveScenario, type ResolvedScenario } from './resolve.js';
import { withConstants } from '../workload/fitted-constants.js';
import { economicsOf, withCostEnergy, type Economics } from './economics.js';
import type { Missing } from '../workload/cost/index.js';
import { runLongJob, type StepRunner } from './run-long-job.js';
import { guardedRun } from './run-guard.js';
import type { RunProgress } from './work-limits.js';

export type ScenarioResult = TrainingResult | InferenceResult;

export interface RunOptions extends LoadOptions {
  /** Replaces the scenario's seed (sweep replications). */
  seed?: number;
  /** Replaces the scenario's name in the result. */
  name?: string;
  /** Leave out `meta`, for byte-identical comparisons. */
  omitMeta?: boolean;
  /** Training: called with the step graph after it ran (traces, HTML reports). */
  onStepGraph?: (step: StepGraph) => void;
  /** Training: simulate every rank, no symmetry reduction (`trnsim run --exact`; runTraining's `exact`). */
  exact?: boolean;
  /**
   * Engine events the run may take (default 1e9): a larger estimate is refused before the run
   * starts, and a run past it is stopped (WorkLimitError, a UserInputError). docs/scenarios.md "Work limits".
   */
  maxEvents?: number;
  /** Bytes the run may allocate (default 4 GiB, or V8's heap limit when lower); a larger estimate is refused. */
  maxMemoryBytes?: number;
  /** Called about twice a second while the run simulates, with events so far and the estimate. */
  onProgress?: (progress: RunProgress) => void;
  /** Called with each warning (e.g. a sequence longer than the model's context window). Default: none. */
  onWarning?: (message: string) => void;
}

/** How runResolved runs the step (RunOptions' part for the workload). */
export interface StepOptions {
  readonly onStepGraph?: (step: StepGraph) => void;
  readonly exact?: boolean;
}

/**
 * Bad input found once the results exist (a price or power figure neither the catalogue nor the
 * scenario gives): the message names the field; `partialResult` holds everything computed.
 */
export class IncompleteResultError extends UserInputError {
  constructor(
    message: string,
    readonly partialResult: ScenarioResult,
  ) {
    super(message);
  }
}

/** A run with what the reports need besides its result. */
export interface DetailedRun {
  readonly result: ScenarioResult;
  readonly scenario: Scenario;
  readonly resolved: ResolvedScenario;
  readonly system: System;
  readonly economics: Economics;
}

/** The one error for figures a run's cost or energy needed but nobody gave. */
export function missingFiguresError(origin: string, missing: readonly Missing[], result: ScenarioResult): IncompleteResultError {
  const text = missing.map((m) => `${m.missing}: ${m.why}`).join('; ');
  return new IncompleteResultError(oneLine(`${origin}: ${text} (the run's other results are complete)`), result);
}

/** Something already loaded, or what loadScenario takes. */
export type ScenarioSource = Scenario | string | Record<string, unknown>;

/** Whether a value is an already-loaded Scenario (runScenario then skips loading). */
export function isLoadedScenario(s: unknown): s is Scenario {
  return typeof s === 'object' && s !== null && 'origin' in s && 'document' in s && typeof (s as Scenario).origin === 'string';
}

/** Builds the system of a resolved scenario (hardware layer). */
export function buildScenarioSystem(resolved: ResolvedScenario, origin = 'scenario'): System {
  try {
    return buildSystem(resolved.system);
  } catch (e) {
    throw withOrigin(origin, e);
  }
}

/** A result as the workload returns it: without `meta`, with the engine events it took. */
export type SimulatedResult = ScenarioResult & { readonly eventsSimulated: number };

/**
 * Runs a resolved scenario on a built system: the workload's result and its events (no `meta`:
 * runLoadedScenario adds it around the whole run). A training scenario with a long job (`job:` +
 * `reliability:`) then simulates the job and adds `reliability` to the result and its events to
 * the count. `onStepGraph` receives the step graph of the training step (traces, HTML reports).
 */
export function runResolved(resolved: ResolvedScenario, system: System, origin = 'scenario', stepOptions: StepOptions = {}): SimulatedResult {
  const { onStepGraph, exact } = stepOptions;
  const options = { seed: resolved.seed, name: resolved.name, ...(exact ? { exact } : {}) };
  try {
    const w = resolved.workload;
    if (w.kind !== 'training') return runInference(system, w, options);
    const step = runTraining(system, w, { ...options, ...(onStepGraph ? { onStepGraph } : {}) });
    if (resolved.longJob === undefined) return step;
    const runStep: StepRunner = (request) => {
      const r = runTraining(buildSystem(request), w, options);
      return { stepTimeS: r.stepTimeS, events: r.eventsSimulated };
    };
    const { reliability, events } = runLongJob(resolved, resolved.longJob, system, step, runStep, origin);
    return { ...step, reliability, eventsSimulated: step.eventsSimulated + events };
  } catch (e) {
    throw withOrigin(origin, e);
  }
}

/** What a caller that already has them passes on, so nothing is resolved or built twice. */
export interface ResolvedRunOptions extends RunOptions {
  /** The scenario resolved already (resolveScenario of this scenario). */
  readonly resolved?: ResolvedScenario;
  /** A system already built for this scenario's system request (plans keep one per worker). */
  readonly system?: System;
}

/**
 * Resolves (once) and runs an already-loaded scenario, with its system and price/power model, and
 * no error for missing figures. `resolved` and `system`: when the caller has them already.
 */
export function runLoadedScenario(scenario: Scenario, options: ResolvedRunOptions = {}): DetailedRun {
  const start = performance.now();
  const resolved0 = options.resolved ?? resolveScenario(scenario);
  const resolved: ResolvedScenario = {
    ...resolved0,
    seed: options.seed ?? resolved0.seed,
    name: options.name ?? resolved0.name,
  };
  const system = options.system ?? buildScenarioSystem(resolved, scenario.origin);
  let economics: Economics;
  try {
    economics = economicsOf(resolved, system);
  } catch (e) {
    throw withOrigin(scenario.origin, e);
  }
  // the scenario's calibration (calibrate's constants, calibration.ts) holds for this run only
  const stepOptions = { ...(options.onStepGraph ? { onStepGraph: options.onStepGraph } : {}), ...(options.exact ? { exact: true } : {}) };
  // the work is estimated and checked against the limits first, then metered as it runs (run-guard.ts)
  const raw = withConstants(scenario.calibration, () =>
    withCostEnergy(guardedRun(resolved, system, scenario.origin, options, () => runResolved(resolved, system, scenario.origin, stepOptions)), resolved, system, economics),
  );
  // meta is made here, once, around the whole run: the only part of a result allowed to differ
  const { eventsSimulated, ...rest } = raw;
  const meta = {
    wallTimeS: (performance.now() - start) / 1000,
    eventsSimulated,
    host: hostname(),
    version,
  };
  const result = (options.omitMeta ? rest : { ...rest, meta }) as ScenarioResult;
  return { result, scenario, resolved, system, economics };
}
