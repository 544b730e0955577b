/**
 * The default point runner: a point's scenario through the scenario layer (runScenario: resolve,
 * build the system, run). The parent has already loaded it (preparePoint), so runPoint receives a
 * loaded Scenario; given a plain document it loads it first. Workers import this module by URL;
 * its exports follow PointRunnerModule.
 */
import { runScenario } from '../scenario/index.js';
import { pointOrigin, preparePointScenario, validatePointDocument } from './scenario-adapter.js';
import type { JsonObject, PointContext } from './types.js';

export function runPoint(scenario: JsonObject, point: PointContext): unknown {
  return runScenario(scenario, { origin: pointOrigin(point), ...(point.limits ?? {}) });
}

export const validatePoint = validatePointDocument;
export const preparePoint = preparePointScenario;
