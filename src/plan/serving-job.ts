/**
 * Serving plans: scenario of a candidate (open-loop Poisson arrivals at the plan's rate), and its
 * simulated latencies -> SLO, sustained rate, cost and energy for the plan's duration.
 */
import type { PlanSpec } from '../scenario/index.js';
import type { Json, JsonObject } from '../sweep/types.js';
import { costAndEnergy } from './cost.js';
import { objectiveVector, type Evaluated, type PlanJob } from './evaluation.js';
import { servingScenario } from './scenario-doc.js';
import type { ServingCandidate } from './types.js';

export const REASON_SLO = 'misses the SLO';
export const REASON_RATE = 'cannot sustain the rate';
export const REASON_BUDGET = 'over budget';
/** A deployment sustains the rate when it completes at least this fraction of it (a finite run drains its queue at the end). */
export const SUSTAINED_FRACTION = 0.9;

interface Percentiles {
  readonly p50: number;
  readonly p99: number;
}
interface ServingOutputs {
  readonly ttftS: Percentiles;
  readonly tpotS: Percentiles;
  readonly e2eLatencyS: Percentiles;
  readonly requestsPerSecond: number;
  readonly outputTokensPerSecond: number;
  readonly requestsRejected: number;
}

export function servingJob(spec: PlanSpec): PlanJob<ServingCandidate> {
  const v = spec.serve!;
  return {
    scenario: (c) => servingScenario(spec, c),
    boundObjectives: (c) => objectiveVector(c.bound.timeS, c.bound.costUsd, c.bound.energyJ),
    boundCheck(c, outputs) {
      const o = outputs as unknown as ServingOutputs;
      if (o.tpotS.p50 > 0 && o.tpotS.p50 < c.bound.tpotS * (1 - 1e-9)) {
        return `candidate ${c.id}: simulated TPOT ${o.tpotS.p50} s is below its lower bound ${c.bound.tpotS} s; plan/serving-space.ts no longer bounds the serving model`;
      }
      return undefined;
    },
    evaluate(c, scenario, outputs): Evaluated {
      const o = outputs as unknown as ServingOutputs;
      const system = c.system.system(c.count);
      const ce = costAndEnergy(c.system.costBasis(c.count), v.durationS, outputs);
      const latencyS = o.e2eLatencyS.p50;
      const entry = {
        scenario,
        system: c.system.label,
        count: c.count,
        chips: system.chipCount,
        parallelism: { tp: c.tp, pp: 1, dp: c.replicas, maxBatch: c.maxBatch, precision: c.precision },
        stepTimeS: o.tpotS.p50,
        timeToTrainS: null,
        costUsd: ce.costUsd,
        energyJ: ce.energyJ,
        usdPerHour: ce.usdPerHour,
        details: {
          latencyS,
          ttftP99S: o.ttftS.p99,
          tpotP50S: o.tpotS.p50,
          e2eP99S: o.e2eLatencyS.p99,
          requestsPerSecond: o.requestsPerSecond,
          outputTokensPerSecond: o.outputTokensPerSecond,
          requestsRejected: o.requestsRejected,
        } as JsonObject,
      };
      let failure: string | undefined;
      let violation = 0;
      if (v.ttftP99S !== undefined) violation = Math.max(violation, o.ttftS.p99 / v.ttftP99S);
      if (v.tpotP50S !== undefined) violation = Math.max(violation, o.tpotS.p50 / v.tpotP50S);
      if (violation > 1) failure = REASON_SLO;
      const sustained = o.requestsRejected === 0 && o.requestsPerSecond >= SUSTAINED_FRACTION * v.arrivalRatePerSecond;
      violation = Math.max(violation, sustained ? 0 : (SUSTAINED_FRACTION * v.arrivalRatePerSecond) / Math.max(o.requestsPerSecond, 1e-12));
      if (failure === undefined && !sustained) failure = REASON_RATE;
      if (spec.budgetUsd !== undefined && ce.costUsd !== null) {
        violation = Math.max(violation, ce.costUsd / spec.budgetUsd);
        if (failure === undefined && ce.costUsd > spec.budgetUsd) failure = REASON_BUDGET;
      }
      return { candidate: c, entry, objectives: objectiveVector(latencyS, ce.costUsd, ce.energyJ), violation, ...(failure ? { failure } : {}) };
    },
  };
}
