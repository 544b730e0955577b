/**
 * The point runner of plan workers: a candidate's loaded scenario through runLoadedScenario, on a
 * System kept per worker for the few systems last used. Candidates of one system share their
 * built topology and the collectives layer's per-system cache of collective times, which the
 * step of a fresh system would simulate again; the cache answers exactly what a fresh simulation
 * gives (same inputs, deterministic), so a plan's step time is what `trnsim run` of its scenario
 * gives (tested). Imports the lean scenario entry only (no zod, YAML or mathjs in workers).
 */
import type { System } from '../hardware/types.js';
import { resolveScenario } from '../scenario/resolve.js';
import { buildScenarioSystem, isLoadedScenario, runLoadedScenario } from '../scenario/run-resolved.js';
import type { JsonObject, PointContext } from '../sweep/types.js';

/** Systems a worker keeps built (least recently used dropped first). */
const SYSTEMS_KEPT = 4;
const systems = new Map<string, System>();

function systemFor(key: string, build: () => System): System {
  let s = systems.get(key);
  if (s !== undefined) {
    systems.delete(key);
    systems.set(key, s);
    return s;
  }
  s = build();
  systems.set(key, s);
  if (systems.size > SYSTEMS_KEPT) systems.delete(systems.keys().next().value!);
  return s;
}

export function runPoint(scenario: JsonObject, point: PointContext): unknown {
  if (!isLoadedScenario(scenario)) throw new Error(`plan candidate ${point.index}: expected a loaded scenario`);
  const resolved = resolveScenario(scenario);
  const system = systemFor(JSON.stringify(resolved.system), () => buildScenarioSystem(resolved, scenario.origin));
  // without a price (or power) figure the result has no cost (energy) field: the plan counts its
  // cost as unknown instead of failing the candidate
  return runLoadedScenario(scenario, { resolved, system }).result;
}
