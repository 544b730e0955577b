/**
 * runScenario: load (when given a path or an object), then run-resolved.ts's runLoadedScenario:
 * resolve, build the system, run the workload, attach cost and energy and `meta` (wall time,
 * events simulated, host, version): the only part of a result allowed to differ between
 * identical runs.
 */
import { loadScenario } from './load.js';
import { checkRunOptions } from './check-options.js';
import { isLoadedScenario, missingFiguresError, runLoadedScenario, type DetailedRun, type RunOptions, type ScenarioResult, type ScenarioSource } from './run-resolved.js';

export {
  buildScenarioSystem,
  runResolved,
  runLoadedScenario,
  isLoadedScenario,
  IncompleteResultError,
  missingFiguresError,
} from './run-resolved.js';
export type { RunOptions, ResolvedRunOptions, StepOptions, ScenarioResult, ScenarioSource, DetailedRun, SimulatedResult } from './run-resolved.js';

/**
 * Loads (if needed), resolves and runs a scenario. Bad input of any kind is one UserInputError
 * naming the file; the result carries `meta` unless `omitMeta`. A price or power figure nobody
 * gives is an IncompleteResultError carrying the rest of the result.
 */
export function runScenario(source: ScenarioSource, options: RunOptions = {}): ScenarioResult {
  const run = runScenarioDetailed(source, options);
  if (run.economics.missing.length > 0) throw missingFiguresError(run.scenario.origin, run.economics.missing, run.result);
  return run.result;
}

/** runScenario with the scenario, system and price/power model, and no error for missing figures. */
export function runScenarioDetailed(source: ScenarioSource, options: RunOptions = {}): DetailedRun {
  checkRunOptions(options);
  return runLoadedScenario(isLoadedScenario(source) ? source : loadScenario(source, options), options);
}
