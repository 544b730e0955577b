/** Public surface of the collectives layer (docs/collectives.md). */
export type {
  AlgorithmChoice,
  AlgorithmName,
  CollectiveOp,
  CollectiveRequest,
  CollectiveResult,
  IssueMode,
  LinkBytes,
  SelectionPolicy,
} from './types.js';
export { simulateCollective, simulateConcurrent, simulateFolded, resolveAlgorithm } from './simulate.js';
export { createCollectiveTimer, collectiveTimeS, sizeTimer } from './cost.js';
export type { CollectiveTimer, TimerOptions, CachedCollectiveTimer, TimedGroup } from './cost.js';
export { siblingShifts } from './siblings.js';
export { groupIsSymmetric, overrideMap } from './symmetry.js';
export type { CollectiveOptions } from './simulate.js';
export { CollectiveRunner } from './runner.js';
export { launchOverheadS, groupStepOverheadS, scheduleStepOverheadsS, ringLatencyCreditsS, algorithmSetupS, rankDmaBytesPerSecond } from './step-costs.js';
export type { RunnerOptions } from './runner.js';
export { DEFAULT_COLLECTIVE_PARAMS, COLLECTIVE_PARAM_NAMES, resolveParams } from './params.js';
export type { CollectiveParams } from './params.js';
export { ALGORITHM_NAMES, OP_NAMES, ALGORITHMS_FOR_OP, buildSchedule } from './algorithms.js';
export { selectAlgorithm, SWITCH_POINTS, SELECTION_POLICIES, TRN1_FLAT_RING_FROM_BYTES } from './select.js';
export type { SwitchPoints } from './select.js';
export { busBandwidthFactor, algbwGiBps, busbwGiBps } from './bandwidth.js';
export { parseSizeBytes } from './sizes.js';
export { placeGroup } from './group.js';
export type { GroupPlacement } from './group.js';
export { ringAllReduceClosedFormS, closedFormTimeS } from './closed-form.js';
export type { ClosedFormOptions } from './closed-form.js';
export { runSizeSweep, sweepSizes, DTYPE_BYTES } from './size-sweep.js';
export { targetsFromPairs } from './pairs.js';
export type { SizeSweepRequest, SizeSweepRow } from './size-sweep.js';
