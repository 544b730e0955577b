/**
 * The default point runner, which workers import by URL and in-process sweeps use too: runs a
 * point's scenario, which the parent has already loaded (scenario-adapter preparePointScenario),
 * through the scenario layer's runLoadedScenario. It imports only resolve + run-resolved and the
 * layers below them, not the schema (zod), the YAML reader or mathjs: a worker starts in about a
 * third of the time that the whole scenario layer takes to import (docs/performance.md "Sweeps").
 * A plain document (a custom prepare step that returns one) is loaded on demand, paying that import then.
 */
import { isLoadedScenario, missingFiguresError, runLoadedScenario, type DetailedRun } from '../scenario/run-resolved.js';
import { pointOrigin } from './point-origin.js';
import { withUncertainty } from '../report/uncertainty-query.js';
import type { JsonObject, PointContext } from './types.js';

/** A point's result as runScenario gives it, plus the error band of its nearest validated class (docs/validation.md "Error bands"). */
function pointResult(run: DetailedRun): unknown {
  // as runScenario: a price or power figure nobody gives fails the point, naming the field
  if (run.economics.missing.length > 0) throw missingFiguresError(run.scenario.origin, run.economics.missing, run.result);
  return withUncertainty(run);
}

/** Runs one point; the sweep's work limits, when it was given any, hold for each point (run-guard.ts). */
export function runPoint(scenario: JsonObject, point: PointContext): unknown {
  if (isLoadedScenario(scenario)) return pointResult(runLoadedScenario(scenario, point.limits ?? {}));
  return import('../scenario/run.js').then((m) => pointResult(m.runScenarioDetailed(scenario, { origin: pointOrigin(point), ...(point.limits ?? {}) })));
}
