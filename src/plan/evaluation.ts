/**
 * What one simulated candidate came to: its plan entry, its objectives (all minimised: time or
 * latency, cost, energy) and whether it met every constraint, with the reason when it did not.
 */
import type { Json, JsonObject } from '../sweep/types.js';
import type { Candidate, PlanEntry } from './types.js';

export interface Evaluated {
  readonly candidate: Candidate;
  readonly entry: PlanEntry;
  readonly objectives: readonly number[];
  /** undefined when feasible; else why not (a `lost` key). */
  readonly failure?: string;
  /** How far it is from feasible: max over constraints of value / limit (<= 1 when feasible). */
  readonly violation: number;
}

/** How a kind of plan (training or serving) turns candidates into scenarios and results into entries. */
export interface PlanJob<C extends Candidate> {
  scenario(c: C): JsonObject;
  evaluate(c: C, scenario: JsonObject, outputs: Json): Evaluated;
  /** Lower bounds of the objectives (same order as Evaluated.objectives). */
  boundObjectives(c: C): readonly number[];
  /** The simulated step time, for checking it against the candidate's bound (training only). */
  boundCheck?(c: C, outputs: Json): string | undefined;
}

/** Objectives with an unknown cost as +Infinity (worse than any known cost). */
export function objectiveVector(timeS: number, costUsd: number | null, energyJ: number): number[] {
  return [timeS, costUsd ?? Infinity, energyJ];
}
