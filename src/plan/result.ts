/**
 * Turns the search's evaluations into the plan's answer: the Pareto frontier over every feasible
 * plan, the best plan of each system, the counts of why the rest lost, and when nothing is
 * feasible, what came closest and why it failed.
 */
import { paretoFilter } from './frontier.js';
import type { Evaluated } from './evaluation.js';
import type { ClosestMiss, PlanEntry } from './types.js';

export const REASON_DOMINATED = 'dominated';

export interface Outcome {
  readonly pareto: PlanEntry[];
  readonly bestBySystem: Record<string, PlanEntry | null>;
  readonly feasible: number;
  readonly lost: Record<string, number>;
  readonly closest?: ClosestMiss;
}

function compareBest(byCost: boolean) {
  return (a: Evaluated, b: Evaluated): number => {
    const [ta, ca] = a.objectives as [number, number, number];
    const [tb, cb] = b.objectives as [number, number, number];
    const first = byCost ? ca - cb || ta - tb : ta - tb || ca - cb;
    return (Number.isNaN(first) ? 0 : first) || a.objectives[2]! - b.objectives[2]! || a.candidate.id - b.candidate.id;
  };
}

/**
 * @param systemLabels every system of the plan, in order (each gets a bestBySystem key)
 * @param cheapestIsBest with a deadline the best plan of a system is its cheapest feasible one; else its fastest
 */
export function planOutcome(evaluated: readonly Evaluated[], failures: number, systemLabels: readonly string[], cheapestIsBest: boolean): Outcome {
  const lost: Record<string, number> = {};
  const add = (k: string, n = 1): void => void (lost[k] = (lost[k] ?? 0) + n);
  const feasible = evaluated.filter((e) => e.failure === undefined);
  for (const e of evaluated) if (e.failure !== undefined) add(e.failure);
  if (failures > 0) add('simulation failed', failures);
  const front = paretoFilter(feasible, (e) => e.objectives, (e) => e.candidate.id).sort(compareBest(false));
  // equal objectives to a frontier plan count as dominated (the frontier keeps one of them)
  if (feasible.length > front.length) add(REASON_DOMINATED, feasible.length - front.length);
  const bestBySystem: Record<string, PlanEntry | null> = {};
  for (const label of systemLabels) {
    const mine = feasible.filter((e) => e.entry.system === label).sort(compareBest(cheapestIsBest));
    bestBySystem[label] = mine[0]?.entry ?? null;
  }
  let closest: ClosestMiss | undefined;
  if (feasible.length === 0 && evaluated.length > 0) {
    const best = [...evaluated].sort((a, b) => a.violation - b.violation || a.candidate.id - b.candidate.id)[0]!;
    closest = { why: best.failure ?? 'infeasible', entry: best.entry };
  }
  const sortedLost = Object.fromEntries(Object.entries(lost).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { pareto: front.map((e) => e.entry), bestBySystem, feasible: feasible.length, lost: sortedLost, ...(closest ? { closest } : {}) };
}
