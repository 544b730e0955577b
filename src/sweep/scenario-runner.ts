/**
 * The default point runner: a point's scenario document through the scenario layer
 * (loadScenario + resolveScenario + runScenario). Workers import this module by URL; its exports
 * follow PointRunnerModule.
 */
import { runScenario } from '../scenario/index.js';
import { pointOrigin, validatePointDocument } from './scenario-adapter.js';
import type { JsonObject, PointContext } from './types.js';

export function runPoint(scenario: JsonObject, point: PointContext): unknown {
  return runScenario(scenario, { origin: pointOrigin(point) });
}

export const validatePoint = validatePointDocument;
