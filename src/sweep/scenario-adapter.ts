/**
 * The sweep layer's view of the scenario layer: load a scenario (with `extends`) as the plain
 * document axis values are written into, check a point's document, and the JSON Schema that axis
 * paths are checked against. Kept in one file so the rest of sweep/ does not depend on scenario
 * internals.
 */
import { loadScenario } from '../scenario/load.js';
import { scenarioJsonSchema } from '../scenario/json-schema.js';
import { isUserInputError } from '../user-input-error.js';
import type { JsonObject } from './types.js';

/** The merged document of a scenario file or object, with its name filled in. */
export function loadSweepDocument(source: string | Record<string, unknown>): JsonObject {
  const scenario = loadScenario(source);
  const document = structuredClone(scenario.document) as JsonObject;
  if (document.name === undefined) document.name = scenario.name;
  return document;
}

/** Problems of a point's scenario document (empty when it is valid). */
export function validatePointDocument(document: JsonObject): string[] {
  try {
    loadScenario(document, { origin: 'point' });
    return [];
  } catch (e) {
    if (isUserInputError(e)) return [e.message];
    throw e;
  }
}

export function scenarioSchema(): object {
  return scenarioJsonSchema();
}
