/**
 * Build and run a resolved scenario: the part of runScenario that needs neither the schema (zod)
 * nor the YAML reader, so worker threads that receive already-loaded scenarios (sweeps, plans)
 * import only this, resolve.ts and the layers below (a smaller import graph: faster start-up).
 */
import { hostname } from 'node:os';
import { buildSystem } from '../hardware/index.js';
import type { System } from '../hardware/types.js';
import { runTraining } from '../workload/index.js';
import { runInference } from '../workload/inference/index.js';
import type { InferenceResult, TrainingResult } from '../workload/types.js';
import { isUserInputError, UserInputError } from '../user-input-error.js';
import { version } from '../version.js';
import { oneLine } from './errors.js';
import type { Scenario } from './load.js';
import { resolveScenario, type ResolvedScenario } from './resolve.js';
import { runLongJob, type StepRunner } from './run-long-job.js';

export type ScenarioResult = TrainingResult | InferenceResult;

/** Prefixes a lower layer's user error with the scenario's origin, so the file is always named. */
export function withOrigin(origin: string, e: unknown): unknown {
  if (!isUserInputError(e)) return e;
  if (e.message.startsWith(`${origin}:`)) return e;
  return new UserInputError(oneLine(`${origin}: ${e.message}`), e.exitCode);
}

/** Builds the system of a resolved scenario (hardware layer). */
export function buildScenarioSystem(resolved: ResolvedScenario, origin = 'scenario'): System {
  try {
    return buildSystem(resolved.system);
  } catch (e) {
    throw withOrigin(origin, e);
  }
}

/**
 * Runs a resolved scenario on a built system; no meta of its own beyond what the workload gives.
 * A training scenario with a long job (`job:` + `reliability:`) then simulates the job and adds
 * `reliability` to the result (its events are counted in the meta's eventsSimulated).
 */
export function runResolved(resolved: ResolvedScenario, system: System, origin = 'scenario'): ScenarioResult {
  const options = { seed: resolved.seed, name: resolved.name };
  try {
    const w = resolved.workload;
    if (w.kind !== 'training') return runInference(system, w, options);
    const step = runTraining(system, w, options);
    if (resolved.longJob === undefined) return step;
    const runStep: StepRunner = (request) => {
      const r = runTraining(buildSystem(request), w, options);
      return { stepTimeS: r.stepTimeS, events: r.meta?.eventsSimulated ?? 0 };
    };
    const { reliability, events } = runLongJob(resolved, resolved.longJob, system, step, runStep, origin);
    const meta = step.meta ? { ...step.meta, eventsSimulated: step.meta.eventsSimulated + events } : undefined;
    return { ...step, reliability, ...(meta ? { meta } : {}) };
  } catch (e) {
    throw withOrigin(origin, e);
  }
}

export interface RunLoadedOptions {
  /** Replaces the scenario's seed (sweep replications). */
  seed?: number;
  /** Replaces the scenario's name in the result. */
  name?: string;
  /** Leave out `meta`, for byte-identical comparisons. */
  omitMeta?: boolean;
  /** A system already built for this scenario's system request (plans reuse one per worker). */
  system?: System;
}

/** Whether a value is an already-loaded Scenario (runScenario then skips loading). */
export function isLoadedScenario(s: unknown): s is Scenario {
  return typeof s === 'object' && s !== null && 'origin' in s && 'document' in s && typeof (s as Scenario).origin === 'string';
}

/** Resolves, builds and runs an already-loaded scenario; the result carries `meta` unless `omitMeta`. */
export function runLoadedScenario(scenario: Scenario, options: RunLoadedOptions = {}): ScenarioResult {
  const start = performance.now();
  const resolved0 = resolveScenario(scenario);
  const resolved: ResolvedScenario = {
    ...resolved0,
    seed: options.seed ?? resolved0.seed,
    name: options.name ?? resolved0.name,
  };
  const system = options.system ?? buildScenarioSystem(resolved, scenario.origin);
  const result = runResolved(resolved, system, scenario.origin);
  const { meta: workloadMeta, ...rest } = result;
  if (options.omitMeta) return rest as ScenarioResult;
  const meta = {
    wallTimeS: (performance.now() - start) / 1000,
    eventsSimulated: workloadMeta?.eventsSimulated ?? 0,
    host: hostname(),
    version,
  };
  return { ...rest, meta } as ScenarioResult;
}
