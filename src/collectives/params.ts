/**
 * Calibration of the collectives layer: one small set of named constants shared by every scenario,
 * fitted once to every public nccom-test table in data/validation/collectives.json (C2, C3 and the
 * other examples of the same page: AG32, AR64N2, R2, P8; each table weighs alike) and checked for
 * consistency with the in-graph all-reduce latency the inference case I3 leaves
 * (docs/sources.md O2). docs/collectives.md "Calibration" gives the fit and the residuals.
 * Every value here is an estimate: AWS publishes none of them.
 */
import { US } from '../units.js';

export interface CollectiveParams {
  /**
   * Stand-alone launch and synchronisation, seconds per round of a dissemination barrier:
   * a stand-alone call of p ranks pays launchOverheadPerRoundS x ceil(log2 p). Not paid in-graph.
   */
  readonly launchOverheadPerRoundS: number;
  /**
   * Per step of a stand-alone barrier-style algorithm (mesh, rdh, and the single-step ops) that
   * crosses chips: every member hand-shakes with a new partner set each step (CC-core semaphores,
   * remote completion), so the step waits for the slowest remote acknowledgement.
   */
  readonly standaloneStepOverheadS: number;
  /**
   * Per step of a stand-alone ring-family algorithm (ring, bidir-ring, torus, hierarchical,
   * kangaring) that crosses chips: a neighbour-only step (one semaphore and DMA descriptor per hop);
   * the Neuron docs give "about 1-2 us" per intra-node Ring/KangaRing hop [nsdk-intranode]. Cross-node hops add the
   * EFA latency of the topology.
   */
  readonly ringStepOverheadS: number;
  /**
   * KangaRing's one-time set-up in a stand-alone call (duplicated 1R2W descriptor rings over the
   * Hamiltonian cycles [nsdk-intranode]), paid once per call; it is why Neuron uses KangaRing only for
   * large messages. Fitted on C3's two KangaRing sizes alone (the weakest-supported constant).
   */
  readonly kangaringSetupS: number;
  /** Per algorithm step of an in-graph collective whose group spans several chips. */
  readonly inGraphStepOverheadS: number;
  /** Per step when the whole group sits on one chip (exchanges through HBM only). */
  readonly localStepOverheadS: number;
  /**
   * Fraction of the chip's DMA bandwidth (the chip pages, e.g. [nsdk-trainium2]) that one rank's collective data
   * movement reaches, per rank share: rank bytes/s = dmaEfficiency x chip DMA / ranks per chip.
   */
  readonly dmaEfficiency: number;
  /**
   * Mesh: bytes/s per rank at which the direct (mesh) algorithm moves and reduces its many small
   * per-peer pieces. Fitted on C3's mesh sizes; far below the DMA figure (see docs).
   */
  readonly meshBytesPerSecondPerRank: number;
  /**
   * KangaRing write duplication 1R2W ([nsdk-intranode], official): fraction of DMA work saved in the
   * reduce-scatter and all-gather phases ("33% fewer" and "25% fewer" HBM accesses).
   */
  readonly kangaringReduceScatterSaving: number;
  readonly kangaringAllGatherSaving: number;
  /**
   * Per step of any collective (stand-alone or in-graph) whose transfers cross servers over EFA:
   * the step's EFA work requests are posted and their completions polled by the runtime's host
   * proxy, and the servers synchronise once per step (docs/collectives.md "Multi-node"). Paid on
   * top of the flows' own EFA latency (hardware layer). Fitted on AR64N2.
   */
  readonly efaStepOverheadS: number;
  /**
   * Fraction of a ring step's hop latency that is exposed per step. Ring steps are chunk-pipelined:
   * a rank forwards a chunk as soon as it lands, so the dependency chain crosses each hop of the
   * ring once per lap and a phase of k steps pays k x the ring's mean hop latency (plus the slowest
   * hop once), not k x the slowest hop's latency as a global barrier would. 1 = barrier (the
   * model before issue 16), 0 = fully pipelined.
   */
  readonly ringLatencyExposure: number;
  /**
   * Fraction of the chip's DMA bandwidth that one rank's send-recv / permute transfer reaches
   * (rank bytes/s = p2pDmaEfficiency x chip DMA / ranks per chip): a point-to-point copy is a
   * plain DMA write into the peer's receive buffer with its own descriptor ring, not the CC cores'
   * reduce-inline data path of the reduction collectives (dmaEfficiency). Fitted on P8 and R2.
   */
  readonly p2pDmaEfficiency: number;
  /**
   * Fraction of the EFA line rate a collective's inter-server flows reach (SRD packetisation, the
   * proxy's work-request pipeline, NIC sharing between a chip's ranks): flows between servers carry
   * their bytes / efaBandwidthEfficiency. Fitted on AR64N2's large sizes.
   */
  readonly efaBandwidthEfficiency: number;
}

/**
 * The defaults: fitted together with every other named constant on all bundled cases by
 * `trnsim validate --fit` (src/validation/fit.ts: least squares on log time ratios, each published
 * table weighing alike, a weak prior at the pre-fit estimates of src/workload/fitted-constants.ts)
 * and rounded; docs/validation.md "Calibration" lists the values and residuals. All are estimates.
 */
export const DEFAULT_COLLECTIVE_PARAMS: CollectiveParams = {
  // the fit drives the per-round launch to zero: the fixed costs are explained by per-step overheads
  launchOverheadPerRoundS: 0,
  standaloneStepOverheadS: 139 * US,
  ringStepOverheadS: 3.67 * US,
  kangaringSetupS: 2110 * US,
  // fitted since issue 16 (prior: a 2-rank sendrecv over one NeuronLink hop at 4 KB, 12.6 us, [cookbook-trn2], reported)
  inGraphStepOverheadS: 9.07 * US,
  localStepOverheadS: 28.3 * US,
  // anchored, not fitted: C2 at 1 GiB (2 ranks on one Trn1 chip, no network: pure DMA), 0.115 x
  // 1 TB/s / 2 ranks = 57.5 GB/s per rank vs 56.7 GB/s measured; the training and inference layers
  // rely on it in-graph. Fitting it on every table would pull it to 0.09 (docs/collectives.md).
  dmaEfficiency: 0.115,
  meshBytesPerSecondPerRank: 0.421e9,
  kangaringReduceScatterSaving: 1 / 3,
  kangaringAllGatherSaving: 1 / 4,
  efaStepOverheadS: 4.39 * US,
  ringLatencyExposure: 0.79,
  p2pDmaEfficiency: 0.0778,
  efaBandwidthEfficiency: 0.52,
};

const NAMES = Object.keys(DEFAULT_COLLECTIVE_PARAMS) as Array<keyof CollectiveParams>;

/**
 * The constants in force: the defaults, or a calibration applied on top of them for the duration
 * of a run (src/workload/fitted-constants.ts applies a `trnsim calibrate` file, and the validation
 * fitter its trial values). Callers' per-request `params` overrides go on top of these.
 */
let active: CollectiveParams = DEFAULT_COLLECTIVE_PARAMS;

/** The collective constants in force (defaults plus any applied calibration). */
export function activeCollectiveParams(): CollectiveParams {
  return active;
}

/** Replaces the constants in force with the defaults plus `values` (undefined: back to the defaults). */
export function setActiveCollectiveParams(values: Partial<CollectiveParams> | undefined): void {
  active = values === undefined ? DEFAULT_COLLECTIVE_PARAMS : { ...DEFAULT_COLLECTIVE_PARAMS, ...values };
}

/** The constants in force with `overrides` applied; unknown or non-finite values are rejected by `checkParams`. */
export function resolveParams(overrides: Partial<CollectiveParams> | undefined): CollectiveParams {
  if (overrides === undefined) return active;
  return { ...active, ...overrides };
}

export const COLLECTIVE_PARAM_NAMES: readonly string[] = NAMES;
