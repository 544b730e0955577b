/**
 * Calibration of the collectives layer: one small set of named constants shared by every scenario,
 * fitted once to the public nccom-test cases C2 and C3 together (hardware.md §5.3) and checked for
 * consistency with the in-graph all-reduce latency the inference case I3 leaves
 * (modelling-notes.md 2). docs/collectives.md "Calibration" gives the fit and the residuals.
 * Every value here is an estimate: AWS publishes none of them.
 */
import { US } from '../units.js';

export interface CollectiveParams {
  /**
   * Stand-alone launch and synchronisation, seconds per round of a dissemination barrier:
   * a stand-alone call of p ranks pays launchOverheadPerRoundS x ceil(log2 p). Not paid in-graph.
   */
  readonly launchOverheadPerRoundS: number;
  /** Per algorithm step of a stand-alone call whose group spans several chips (CC-core semaphores, remote completion). */
  readonly standaloneStepOverheadS: number;
  /** Per algorithm step of an in-graph collective whose group spans several chips. */
  readonly inGraphStepOverheadS: number;
  /** Per step when the whole group sits on one chip (exchanges through HBM only). */
  readonly localStepOverheadS: number;
  /**
   * Fraction of the chip's DMA bandwidth (hardware.md §1.1) that one rank's collective data
   * movement reaches, per rank share: rank bytes/s = dmaEfficiency x chip DMA / ranks per chip.
   */
  readonly dmaEfficiency: number;
  /**
   * Mesh: bytes/s per rank at which the direct (mesh) algorithm moves and reduces its many small
   * per-peer pieces. Fitted on C3's mesh sizes; far below the DMA figure (see docs).
   */
  readonly meshBytesPerSecondPerRank: number;
  /**
   * KangaRing write duplication 1R2W (hardware.md §4, official): fraction of DMA work saved in the
   * reduce-scatter and all-gather phases ("33% fewer" and "25% fewer" HBM accesses).
   */
  readonly kangaringReduceScatterSaving: number;
  readonly kangaringAllGatherSaving: number;
}

/**
 * The defaults: fitted once by src/validation/collective-fit.ts to C2 and C3 together (nine points,
 * least squares on log time ratios) and rounded; docs/collectives.md "Calibration" lists the
 * residuals. All are estimates.
 */
export const DEFAULT_COLLECTIVE_PARAMS: CollectiveParams = {
  launchOverheadPerRoundS: 38 * US,
  standaloneStepOverheadS: 67 * US,
  // anchored, not fitted: a 2-rank sendrecv over one NeuronLink hop at 4 KB, 12.6 us (hardware.md §3.1, reported)
  inGraphStepOverheadS: 12.6 * US,
  localStepOverheadS: 8.4 * US,
  dmaEfficiency: 0.115,
  meshBytesPerSecondPerRank: 0.43e9,
  kangaringReduceScatterSaving: 1 / 3,
  kangaringAllGatherSaving: 1 / 4,
};

const NAMES = Object.keys(DEFAULT_COLLECTIVE_PARAMS) as Array<keyof CollectiveParams>;

/** Defaults with `overrides` applied; unknown or non-finite values are rejected by `checkParams`. */
export function resolveParams(overrides: Partial<CollectiveParams> | undefined): CollectiveParams {
  if (overrides === undefined) return DEFAULT_COLLECTIVE_PARAMS;
  return { ...DEFAULT_COLLECTIVE_PARAMS, ...overrides };
}

export const COLLECTIVE_PARAM_NAMES: readonly string[] = NAMES;
