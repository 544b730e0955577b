/**
 * Failure processes of a system: per-component rates from an MTBF or an annual failure rate, and
 * the superposed (system) rate the closed forms use. The simulation draws each process on its own
 * stream; these sums are for the expectation and the Young/Daly optimum only.
 */
import { YEAR_S } from './defaults.js';
import type { FailureProcessSpec } from './types.js';

/** Rate of one component from its MTBF, per second. */
export function rateFromMtbf(mtbfS: number): number {
  return 1 / mtbfS;
}

/**
 * Rate of one component from its annual failure rate, the probability that it fails within a
 * (365-day) year: -ln(1 - afr) / year, so AFR must be in (0, 1).
 */
export function rateFromAfr(afr: number): number {
  return -Math.log1p(-afr) / YEAR_S;
}

/** Failures per second of one process (all its components). */
export function processRatePerSecond(p: FailureProcessSpec): number {
  return p.count * p.ratePerSecond;
}

/** Failures per second of the whole system (superposition of every process). */
export function systemFailureRatePerSecond(processes: readonly FailureProcessSpec[]): number {
  let rate = 0;
  for (const p of processes) rate += processRatePerSecond(p);
  return rate;
}

/** System MTBF, seconds; Infinity without failures. */
export function systemMtbfS(processes: readonly FailureProcessSpec[]): number {
  const rate = systemFailureRatePerSecond(processes);
  return rate > 0 ? 1 / rate : Infinity;
}
