/**
 * The sweep layer's view of the scenario layer: load a scenario (with `extends`) as the plain
 * document axis values are written into, check a point's document (schema and the cross-field
 * rules of resolveScenario), and the JSON Schema that axis paths are checked against. Kept in one
 * file so the rest of sweep/ does not depend on scenario internals.
 */
import { buildScenarioSystem, loadScenario, resolveScenario, scenarioJsonSchema, scenarioWorkEstimate, type LoadOptions } from '../scenario/index.js';
import type { WorkEstimate } from '../workload/work-estimate.js';
import { checkMemoryFits, checkParallelism } from '../workload/index.js';
import { isUserInputError } from '../user-input-error.js';
import { pointOrigin } from './point-origin.js';
import type { JsonObject, PointContext } from './types.js';

export { pointOrigin } from './point-origin.js';

/** The merged document of a scenario file or object, with its name filled in. */
export function loadSweepDocument(source: string | Record<string, unknown>, options: LoadOptions = {}): JsonObject {
  const scenario = loadScenario(source, options);
  const document = structuredClone(scenario.document) as JsonObject;
  if (document.name === undefined) document.name = scenario.name;
  return document;
}

/**
 * Problems of a point's scenario document (empty when it is valid): the schema, the cross-field
 * rules of resolveScenario, and for training the parallelism and memory checks, which need only
 * the built system, not a simulation.
 */
export function validatePointDocument(document: JsonObject, point: PointContext): string[] {
  const origin = pointOrigin(point);
  try {
    const resolved = resolveScenario(loadScenario(document, { origin }));
    if (resolved.workload.kind === 'training') {
      const system = buildScenarioSystem(resolved, origin);
      checkParallelism(system, resolved.workload);
      checkMemoryFits(system, resolved.workload);
    }
    return [];
  } catch (e) {
    if (isUserInputError(e)) return [e.message.startsWith(`${origin}: `) ? e.message.slice(origin.length + 2) : e.message];
    throw e;
  }
}

/**
 * Loads a point's document in the parent (schema, defaults, units to SI) so that workers receive a
 * loaded Scenario: runScenario then skips loading, and no worker needs to import mathjs (over a
 * second of CPU) to parse units such as "3.2 Tb/s".
 */
export function preparePointScenario(document: JsonObject, point: PointContext): JsonObject {
  return loadScenario(document, { origin: pointOrigin(point) }) as unknown as JsonObject;
}

/** The work estimate of a point's run (scenario layer), or undefined when the point is invalid. */
export function estimatePointWork(document: JsonObject, point: PointContext): WorkEstimate | undefined {
  const origin = pointOrigin(point);
  try {
    const resolved = resolveScenario(loadScenario(document, { origin }));
    return scenarioWorkEstimate(resolved, buildScenarioSystem(resolved, origin));
  } catch (e) {
    if (isUserInputError(e)) return undefined;
    throw e;
  }
}

/** The JSON Schema of a scenario document (axis paths are checked against it). */
export { scenarioJsonSchema };
