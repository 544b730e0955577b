/**
 * The cost and energy seam of the planner: what a plan costs in USD and joules, and the lower
 * bounds of both for a lower bound on its time. Everything else in plan/ calls only these
 * functions, so the cost and energy model of the reports issue (14) replaces this file alone.
 *
 * Until then (provisional, documented in docs/planning.md):
 * - cost = price of one unit (server or UltraServer) per hour x units x hours; the price is the
 *   plan's `price:` for that system, else the catalogue's (`trnsim hardware`: hardware.md §2.5,
 *   on-demand or Capacity Block prices, some estimates); null when neither exists;
 * - energy = chips x the chip's power at full load (catalogue estimate) x time: an upper figure,
 *   since chips do not draw full power while they wait on communication.
 * Both are linear in time, so the bound of each is its value at the bound on time.
 */
import type { System } from '../hardware/types.js';
import type { Json } from '../sweep/types.js';

/** What cost and energy need to know about a candidate's system. */
export interface CostBasis {
  /** USD per hour of one unit; undefined when no price is known. */
  readonly usdPerUnitHour: number | undefined;
  readonly units: number;
  readonly chips: number;
  /** Power of one chip at full load, W. */
  readonly chipPowerW: number;
}

export interface CostAndEnergy {
  readonly costUsd: number | null;
  readonly energyJ: number;
  readonly usdPerHour: number | null;
}

export function costBasis(system: Pick<System, 'count' | 'chipCount' | 'chip'>, catalogueUsdPerUnitHour: number | undefined, planUsdPerUnitHour: number | undefined): CostBasis {
  return {
    usdPerUnitHour: planUsdPerUnitHour ?? catalogueUsdPerUnitHour,
    units: system.count,
    chips: system.chipCount,
    chipPowerW: system.chip.powerW ?? 0,
  };
}

/**
 * Cost and energy of running the candidate for `timeS` seconds. `result` is the simulated result
 * (outputs of the scenario run), unused by the provisional model: issue 14's model reads its
 * `cost` and `energy` from it.
 */
export function costAndEnergy(basis: CostBasis, timeS: number, result?: Json): CostAndEnergy {
  void result;
  const usdPerHour = basis.usdPerUnitHour === undefined ? null : basis.usdPerUnitHour * basis.units;
  return {
    costUsd: usdPerHour === null ? null : (usdPerHour * timeS) / 3600,
    energyJ: basis.chips * basis.chipPowerW * timeS,
    usdPerHour,
  };
}

/** Lower bounds of cost and energy for a lower bound on the time (valid for any result). */
export function costAndEnergyBound(basis: CostBasis, timeBoundS: number): CostAndEnergy {
  return costAndEnergy(basis, timeBoundS);
}
