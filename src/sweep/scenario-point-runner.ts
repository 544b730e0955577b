/**
 * The point runner a sweep worker imports by default: runs a point's scenario, which the parent
 * has already loaded (scenario-adapter preparePointScenario), through the scenario layer's
 * runLoadedScenario. It imports only resolve + run-resolved and the layers below them, not the
 * schema (zod), the YAML reader or mathjs: a worker starts in about a third of the time that the
 * whole scenario layer takes to import (docs/performance.md "Sweeps"). A plain document (a custom
 * prepare step that returns one) is loaded on demand, paying that import then.
 */
import { isLoadedScenario, missingFiguresError, runLoadedScenario } from '../scenario/run-resolved.js';
import { pointOrigin } from './point-origin.js';
import { resultUncertainty } from '../report/uncertainty-query.js';
import type { JsonObject, PointContext } from './types.js';

export function runPoint(scenario: JsonObject, point: PointContext): unknown {
  if (isLoadedScenario(scenario)) {
    // as runScenario: a price or power figure nobody gives fails the point, naming the field
    // the sweep's work limits, when it was given any, hold for each point (run-guard.ts)
    const run = runLoadedScenario(scenario, point.limits ?? {});
    if (run.economics.missing.length > 0) throw missingFiguresError(run.scenario.origin, run.economics.missing, run.result);
    // each point carries the error band of its nearest validated class (docs/validation.md "Error bands")
    const uncertainty = resultUncertainty(run.system, run.resolved.workload);
    return uncertainty ? { ...run.result, uncertainty } : run.result;
  }
  return import('../scenario/run.js').then((m) => {
    const run = m.runScenarioDetailed(scenario, { origin: pointOrigin(point), ...(point.limits ?? {}) });
    if (run.economics.missing.length > 0) throw m.missingFiguresError(run.scenario.origin, run.economics.missing, run.result);
    const uncertainty = resultUncertainty(run.system, run.resolved.workload);
    return uncertainty ? { ...run.result, uncertainty } : run.result;
  });
}
