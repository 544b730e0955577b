/**
 * The reliability seam of the planner: the fraction of wall time that is useful training work.
 * Time to train = steps x step time / goodput.
 *
 * Issue 13 (long-job mode with a `reliability:` section) has not landed: the scenario schema has
 * no reliability section yet, so every plan assumes goodput 1 and, when the plan gives a
 * `reliability:` section, says so in a warning. When it lands, `goodputOf` reads the simulated
 * `reliability.goodput` of the candidate's run (the plan copies its section into every scenario),
 * and `GOODPUT_BOUND` stays 1 (no job does better than all of its time useful).
 */
import type { Json } from '../sweep/types.js';

/** Upper bound of goodput, for lower bounds on time to train. */
export const GOODPUT_BOUND = 1;

/** Goodput of a simulated candidate: its result's `reliability.goodput` when present, else 1. */
export function goodputOf(result: Json | undefined): number {
  if (result !== null && typeof result === 'object' && !Array.isArray(result)) {
    const rel = (result as { reliability?: { goodput?: unknown } }).reliability;
    if (rel && typeof rel.goodput === 'number' && rel.goodput > 0 && rel.goodput <= 1) return rel.goodput;
  }
  return 1;
}
