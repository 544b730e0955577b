/**
 * Contracts of the cost and energy model (issue 14). SI throughout: USD, seconds, joules, watts,
 * bytes. The scenario layer resolves `system.pricing`, `system.power` and `job:` into these.
 */
import type { SourceKind } from '../../hardware/types.js';
import type { ChipPower } from '../../hardware/power.js';

/** The price of the whole system (all `count` units), per hour. */
export interface SystemPrice {
  readonly usdPerHour: number;
  /** on-demand | capacity-block | ri-effective | scenario (given in the file). */
  readonly basis: string;
  readonly kind: SourceKind;
  readonly source: string;
}

export interface PowerSettings {
  readonly chip: ChipPower;
  /** Host power per server (instance), W. */
  readonly hostWPerServer: number;
  readonly servers: number;
  readonly chips: number;
  /** Per chip, bytes/s: the denominators of the HBM and link utilisation. */
  readonly hbmBytesPerSecond: number;
  readonly linkEgressBytesPerSecond: number;
  /** Facility overhead: energy is multiplied by it (1 = IT energy only). */
  readonly pue: number;
  /** Fields that are estimates (all the Trainium figures). */
  readonly estimates: readonly string[];
}

/**
 * What the chips did over a window of `windowS` seconds (one training step, or the whole serving
 * run): busy seconds of the compute engines, HBM bytes and link-hop bytes, per active chip.
 * `activeChips` ran the workload; the others of the system idle.
 */
export interface ChipActivityWindow {
  readonly windowS: number;
  readonly activeChips: number;
  readonly computeBusySPerChip: number;
  readonly hbmBytesPerChip: number;
  readonly linkHopBytesPerChip: number;
  /** Overrides the link fraction from bytes (inference: the share of time its collectives run). */
  readonly linkBusyFraction?: number;
}

/** How long a whole run lasts, when the scenario gives a job or a token budget. */
export interface RunLength {
  readonly wallS: number;
  /** Where the wall time comes from: job.duration, job.steps, job.tokens or reliability.jobWallS. */
  readonly from: string;
  /** Tokens the run processes (trained, or generated for inference), when known. */
  readonly tokens?: number;
}

/** `cost` of `run --json` (issue 14 names the first four fields). */
export interface CostResult {
  readonly usdPerHour: number;
  readonly usdPerStep?: number;
  readonly usdPerMillionTokens: number;
  readonly usdPerRun?: number;
  /** usdPerRun over the run's tokens (a long job's completed steps: what failures cost included). */
  readonly usdPerMillionTokensOverRun?: number;
  readonly basis: string;
  readonly priceKind: SourceKind;
  readonly priceSource: string;
  readonly runWallS?: number;
  readonly runFrom?: string;
}

/** Energy split by what draws it, joules over the window. */
export interface EnergyComponents {
  readonly idle: number;
  readonly compute: number;
  readonly hbm: number;
  readonly link: number;
  readonly host: number;
  /** (pue - 1) x the rest. */
  readonly facility: number;
}

/** `energy` of `run --json` (issue 14 names the first three fields). */
export interface EnergyResult {
  readonly joulesPerStep?: number;
  readonly joulesPerToken: number;
  readonly averagePowerW: number;
  readonly joulesPerRun?: number;
  /** joulesPerRun over the run's tokens. */
  readonly joulesPerTokenOverRun?: number;
  readonly joulesByComponent: EnergyComponents;
  /** Fractions 0..1 the chip power model used: compute busy, HBM bandwidth, link egress. */
  readonly utilisation: { readonly compute: number; readonly hbm: number; readonly link: number };
  /** The power model per chip (W) and host per server. */
  readonly chipPowerW: { readonly idle: number; readonly load: number; readonly compute: number; readonly hbm: number; readonly link: number };
  readonly hostPowerWPerServer: number;
  readonly pue: number;
  readonly estimates: readonly string[];
}
