/**
 * The reliability seam of the planner: the fraction of wall time that is useful training work.
 * Time to train = steps x step time / goodput.
 *
 * With a `reliability:` section in the plan, every candidate's scenario is a long job over the
 * plan's tokens (`job: { tokens }` plus the section, docs/reliability.md), and its result carries
 * the goodput simulated event by event between failures; without one, goodput is 1. No job does
 * better than all of its time useful, so the bounds on time to train use GOODPUT_BOUND = 1.
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
