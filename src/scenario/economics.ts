/**
 * Attaches `cost` and `energy` (issue 14) to a run's result: the system's price and power model
 * (catalogue figures with the scenario's `system.pricing` / `system.power`), the run length from
 * `job:` or a long-job simulation's `reliability.jobWallS`. A figure neither the catalogue nor
 * the scenario gives is reported as missing (field and fix); the rest of the result stands.
 */
import type { System } from '../hardware/types.js';
import type { InferenceResult, TrainingResult } from '../workload/types.js';
import {
  inferenceCostEnergy,
  inferenceRunLength,
  isMissing,
  powerSettings,
  systemPrice,
  trainingCostEnergy,
  trainingRunLength,
  type Missing,
  type PowerSettings,
  type SystemPrice,
} from '../workload/cost/index.js';
import type { ResolvedScenario } from './resolve.js';

type Result = TrainingResult | InferenceResult;

interface WithActivity {
  readonly activity?: { readonly computeBusySPerChip: number; readonly hbmBytesPerChip: number; readonly linkHopBytesPerChip: number };
  readonly reliability?: { readonly jobWallS?: number; readonly stepsCompleted?: number };
}

export interface Economics {
  readonly price?: SystemPrice;
  readonly power?: PowerSettings;
  /** Figures neither the catalogue nor the scenario gives. */
  readonly missing: readonly Missing[];
}

/**
 * Price and power model of the system: checked before the simulation runs (a bad override is a
 * UserInputError at once); missing figures are returned, not thrown.
 */
export function economicsOf(resolved: ResolvedScenario, system: System): Economics {
  const price = systemPrice(system, resolved.economics.pricing);
  const power = powerSettings(system, resolved.economics.power);
  return {
    ...(isMissing(price) ? {} : { price }),
    ...(isMissing(power) ? {} : { power }),
    missing: [price, power].filter(isMissing),
  };
}

/** The result with `cost` and `energy` where they can be computed. */
export function withCostEnergy<R extends Result>(result: R, resolved: ResolvedScenario, system: System, econ: Economics): R {
  const e = resolved.economics;
  const p = econ.price;
  const w = econ.power;
  if (result.kind === 'training') {
    const x = result as TrainingResult & WithActivity;
    if (!x.activity || resolved.workload.kind !== 'training') return result;
    const tokensPerStep = resolved.workload.globalBatch * resolved.workload.sequenceLength;
    const run = trainingRunLength(e.job, x.stepTimeS, tokensPerStep, x.reliability?.jobWallS, x.reliability?.stepsCompleted);
    const ce = trainingCostEnergy({ stepTimeS: x.stepTimeS, tokensPerStep, activity: x.activity }, p, w, run);
    return { ...result, ...ce };
  }
  const r = result as InferenceResult;
  if (r.simulatedTimeS === undefined || r.chipUtilisation === undefined) return result;
  const run = inferenceRunLength(e.job, r.outputTokensPerSecond);
  // a replica's TP collectives use chip links only when its ranks span chips (else they copy through HBM)
  const tp = resolved.workload.kind === 'inference' ? resolved.workload.parallelism.tp : 1;
  const spans = system.rankToChip(0) !== system.rankToChip(tp - 1);
  const linkBusyFraction = spans ? (r.chipUtilisation.collectiveFraction ?? 0) : 0;
  const figures = { simulatedTimeS: r.simulatedTimeS, outputTokensPerSecond: r.outputTokensPerSecond, chipUtilisation: r.chipUtilisation, linkBusyFraction };
  const ce = inferenceCostEnergy(figures, p, w, run);
  return { ...result, ...ce };
}
