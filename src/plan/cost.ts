/**
 * The cost and energy seam of the planner: what a plan costs in USD and joules, and lower bounds of
 * both for a lower bound on its time. The figures are the cost and energy model of the reports
 * (src/workload/cost, docs/reports.md): the system's price per hour (catalogue, or the plan's
 * `price` / `pricing`), and the power that follows the simulated activity (the result's
 * `energy.averagePowerW`). A plan's cost is that price over its time to train (or serving
 * duration), its energy that average power over the same time.
 * Bounds: cost is linear in time; power is at least every chip's idle power (the model adds
 * compute, HBM, link, host and facility draw above it), so energy >= chips x idle W x time.
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
}

export interface CostAndEnergy {
  readonly costUsd: number | null;
  readonly energyJ: number;
  readonly usdPerHour: number | null;
}

export function costBasis(system: System, pricing: PricingOverrides | undefined, power: PowerOverrides | undefined): CostBasis {
  const price = systemPrice(system, pricing ?? {});
  const p = powerSettings(system, power ?? {});
  const chipIdle = isMissing(p) ? (system.chip.idlePowerW ?? 0) : p.chip.idleW;
  const chipLoad = isMissing(p) ? (system.chip.powerW ?? 0) : p.chip.loadW;
  return {
    usdPerHour: isMissing(price) ? undefined : price.usdPerHour,
    idleFloorW: system.chipCount * chipIdle,
    fullLoadW: system.chipCount * chipLoad,
  };
}

/** Cost and energy of running the candidate for `timeS` seconds, from its simulated result. */
export function costAndEnergy(basis: CostBasis, timeS: number, result?: Json): CostAndEnergy {
  const r = (result ?? {}) as { cost?: { usdPerHour?: number }; energy?: { averagePowerW?: number } };
  const usdPerHour = r.cost?.usdPerHour ?? basis.usdPerHour ?? null;
  const watts = r.energy?.averagePowerW ?? basis.fullLoadW;
  return { costUsd: usdPerHour === null ? null : (usdPerHour * timeS) / 3600, energyJ: watts * timeS, usdPerHour };
}

/** Lower bounds of cost and energy for a lower bound on the time (valid for any result). */
export function costAndEnergyBound(basis: CostBasis, timeBoundS: number): CostAndEnergy {
  const usdPerHour = basis.usdPerHour ?? null;
  return { costUsd: usdPerHour === null ? null : (usdPerHour * timeBoundS) / 3600, energyJ: basis.idleFloorW * timeBoundS, usdPerHour };
}
