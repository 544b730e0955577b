/**
 * runScenario: load (when given a path or an object), then runLoadedScenario (run-resolved.ts):
 * resolve, build the system, run the workload, and attach `meta` (wall time, events simulated,
 * host, version): the only part of a result allowed to differ between identical runs.
 */
import { loadScenario, type LoadOptions, type Scenario } from './load.js';
import { isLoadedScenario, runLoadedScenario, type ScenarioResult } from './run-resolved.js';

export { buildScenarioSystem, runResolved, runLoadedScenario, isLoadedScenario } from './run-resolved.js';
export type { RunLoadedOptions } from './run-resolved.js';
export type { ScenarioResult } from './run-resolved.js';

export interface RunOptions extends LoadOptions {
  /** Replaces the scenario's seed (sweep replications). */
  seed?: number;
  /** Replaces the scenario's name in the result. */
  name?: string;
  /** Leave out `meta`, for byte-identical comparisons. */
  omitMeta?: boolean;
}

/** Something already loaded, or what loadScenario takes. */
export type ScenarioSource = Scenario | string | Record<string, unknown>;


/**
 * Loads (if needed), resolves and runs a scenario. Bad input of any kind is one UserInputError
 * naming the file; the result carries `meta` unless `omitMeta`.
 */
export function runScenario(source: ScenarioSource, options: RunOptions = {}): ScenarioResult {
  const scenario = isLoadedScenario(source) ? source : loadScenario(source, options);
  return runLoadedScenario(scenario, options);
}
