/**
 * The cost and energy seam of the planner: what a plan costs in USD and joules, and lower bounds of
 * both for a lower bound on its time. The figures are the cost and energy model of the reports
 * (src/workload/cost, docs/reports.md): the system's price per hour (catalogue, or the plan's
 * `price` / `pricing`), and the power that follows the simulated activity (the result's
 * `energy.averagePowerW`). A plan's cost is that price over its time to train (or serving
 * duration), its energy that average power over the same time.
 * Bounds: cost is linear in time; power is at least every chip idling plus the hosts, times the
 * PUE (the model adds compute, HBM and link draw above that), so energy >= that floor x time.
 * For training, the compute and HBM terms follow from the step bound's compute busy time and the
 * workload's HBM bytes per step (the same closed forms the energy model's activity uses).
 */
import type { System } from '../hardware/types.js';
import { isMissing, powerSettings, systemPrice, type PowerOverrides, type PricingOverrides } from '../workload/cost/index.js';
import type { Json } from '../sweep/types.js';

/** What cost and energy need to know about a candidate's system, before it is simulated. */
export interface CostBasis {
  /** USD per hour of the whole system; undefined when no price is known. */
  readonly usdPerHour: number | undefined;
  /** Power of the system with every chip idle, W (the floor of its average power). */
  readonly idleFloorW: number;
  /** Every chip at full load, W: the energy of a result without an energy figure. */
  readonly fullLoadW: number;
  /** Dynamic power above idle of all chips with compute (HBM) fully busy, times PUE, W. */
  readonly computeW: number;
  readonly hbmW: number;
  /** HBM bytes/s of one chip: the denominator of the model's HBM utilisation. */
  readonly hbmBytesPerSecond: number;
}

/** What a training step must do at least, for the energy bound (per chip, per step). */
export interface StepActivityBound {
  readonly steps: number;
  readonly stepS: number;
  readonly computeBusyS: number;
  readonly hbmBytes: number;
}

export interface CostAndEnergy {
  readonly costUsd: number | null;
  readonly energyJ: number;
  readonly usdPerHour: number | null;
}

export function costBasis(system: System, pricing: PricingOverrides | undefined, power: PowerOverrides | undefined): CostBasis {
  const price = systemPrice(system, pricing ?? {});
  const p = powerSettings(system, power ?? {});
  const chipLoad = isMissing(p) ? (system.chip.powerW ?? 0) : p.chip.loadW;
  // the energy model's terms that do not depend on activity: every chip idling and the hosts, times PUE
  const floorW = isMissing(p) ? 0 : (p.chips * p.chip.idleW + p.servers * p.hostWPerServer) * p.pue;
  return {
    usdPerHour: isMissing(price) ? undefined : price.usdPerHour,
    idleFloorW: floorW,
    fullLoadW: system.chipCount * chipLoad,
    computeW: isMissing(p) ? 0 : p.chips * p.chip.computeW * p.pue,
    hbmW: isMissing(p) ? 0 : p.chips * p.chip.hbmW * p.pue,
    hbmBytesPerSecond: isMissing(p) ? Infinity : p.hbmBytesPerSecond,
  };
}

/** Cost and energy of running the candidate for `timeS` seconds, from its simulated result. */
export function costAndEnergy(basis: CostBasis, timeS: number, result?: Json): CostAndEnergy {
  const r = (result ?? {}) as { cost?: { usdPerHour?: number }; energy?: { averagePowerW?: number } };
  const usdPerHour = r.cost?.usdPerHour ?? basis.usdPerHour ?? null;
  const watts = r.energy?.averagePowerW ?? basis.fullLoadW;
  return { costUsd: usdPerHour === null ? null : (usdPerHour * timeS) / 3600, energyJ: watts * timeS, usdPerHour };
}

/**
 * Lower bounds of cost and energy for a lower bound on the time (valid for any result). With the
 * step's activity bound, the model's compute and HBM terms (power x min(busy, step) per step, which
 * only grow with the real step and the real busy time) are added to the floor.
 */
export function costAndEnergyBound(basis: CostBasis, timeBoundS: number, activity?: StepActivityBound): CostAndEnergy {
  const usdPerHour = basis.usdPerHour ?? null;
  let energyJ = basis.idleFloorW * timeBoundS;
  if (activity !== undefined) {
    const a = activity;
    energyJ += a.steps * (basis.computeW * Math.min(a.computeBusyS, a.stepS) + basis.hbmW * Math.min(a.hbmBytes / basis.hbmBytesPerSecond, a.stepS));
  }
  return { costUsd: usdPerHour === null ? null : (usdPerHour * timeBoundS) / 3600, energyJ, usdPerHour };
}
