/**
 * The default point runner: a point's scenario through the scenario layer (runScenario: resolve,
 * build the system, run). The parent has already loaded it (preparePoint), so runPoint receives a
 * loaded Scenario; given a plain document it loads it first. Workers import this module by URL;
 * its exports follow PointRunnerModule.
 */
import { loadScenario, resolveScenario, runScenario } from '../scenario/index.js';
import type { Scenario } from '../scenario/index.js';
import { buildSystem } from '../hardware/index.js';
import { resultUncertainty } from '../report/index.js';
import { pointOrigin, preparePointScenario, validatePointDocument } from './scenario-adapter.js';
import type { JsonObject, PointContext } from './types.js';

function isLoaded(s: unknown): s is Scenario {
  return typeof s === 'object' && s !== null && 'origin' in s && 'document' in s;
}

export function runPoint(scenario: JsonObject, point: PointContext): unknown {
  const origin = pointOrigin(point);
  const loaded = isLoaded(scenario) ? scenario : loadScenario(scenario, { origin });
  const result = runScenario(loaded, { origin, ...(point.limits ?? {}) });
  // each point carries the error band of its nearest validated class (docs/validation.md "Error bands")
  const resolved = resolveScenario(loaded);
  const uncertainty = resultUncertainty(buildSystem(resolved.system), resolved.workload);
  return uncertainty ? { ...(result as object), uncertainty } : result;
}

export const validatePoint = validatePointDocument;
export const preparePoint = preparePointScenario;
