/** Training plans: scenario of a candidate, and its simulated step -> time to train, cost, energy. */
import type { PlanSpec } from '../scenario/index.js';
import type { Json, JsonObject } from '../sweep/types.js';
import { costAndEnergy } from './cost.js';
import { objectiveVector, type Evaluated, type PlanJob } from './evaluation.js';
import { goodputOf } from './goodput.js';
import { trainingScenario } from './scenario-doc.js';
import type { TrainingCandidate } from './types.js';

export const REASON_DEADLINE = 'misses the deadline';
export const REASON_BUDGET = 'over budget';

interface TrainingOutputs {
  readonly stepTimeS: number;
  readonly mfu: number;
  readonly tokensPerSecond: number;
  readonly memoryBytesPerChip: { readonly total: number; readonly capacity: number };
  readonly breakdown: Json;
}

export function trainingJob(spec: PlanSpec, steps: number): PlanJob<TrainingCandidate> {
  const t = spec.train!;
  return {
    scenario: (c) => trainingScenario(spec, c),
    boundObjectives: (c) => objectiveVector(c.bound.timeS, c.bound.costUsd, c.bound.energyJ),
    boundCheck(c, outputs) {
      const o = outputs as unknown as TrainingOutputs;
      // the bound is a closed form of the same cost model: a simulated step below it means the
      // model changed underneath the planner, and pruning by the bound is no longer exact
      if (o.stepTimeS < c.bound.stepTimeS * (1 - 1e-9)) {
        return `candidate ${c.id}: simulated step ${o.stepTimeS} s is below its lower bound ${c.bound.stepTimeS} s; plan/step-bound.ts no longer bounds the training model, so pruning may have dropped plans`;
      }
      const joules = (outputs as { energy?: { joulesPerStep?: number } }).energy?.joulesPerStep;
      if (joules !== undefined && joules < (c.bound.energyJ / steps) * (1 - 1e-9)) {
        return `candidate ${c.id}: simulated energy ${joules} J per step is below its lower bound ${c.bound.energyJ / steps} J; plan/cost.ts no longer bounds the energy model, so pruning may have dropped plans`;
      }
      return undefined;
    },
    evaluate(c, scenario, outputs): Evaluated {
      const o = outputs as unknown as TrainingOutputs;
      const goodput = goodputOf(outputs);
      const timeToTrainS = (steps * o.stepTimeS) / goodput;
      const system = c.system.system(c.count);
      const ce = costAndEnergy(c.system.costBasis(c.count), timeToTrainS, outputs);
      const p = c.parallelism;
      const entry = {
        scenario,
        system: c.system.label,
        count: c.count,
        chips: system.chipCount,
        parallelism: { tp: p.tp, pp: p.pp, dp: p.dp, cp: p.cp, ep: p.ep, zero: p.zero, schedule: p.schedule, virtualStages: p.virtualStages, microBatch: c.microBatch, recompute: c.recompute, precision: c.precision },
        stepTimeS: o.stepTimeS,
        timeToTrainS,
        costUsd: ce.costUsd,
        energyJ: ce.energyJ,
        usdPerHour: ce.usdPerHour,
        details: { steps, goodput, mfu: o.mfu, tokensPerSecond: o.tokensPerSecond, memoryBytesPerChip: o.memoryBytesPerChip.total, hbmBytesPerChip: o.memoryBytesPerChip.capacity, breakdown: o.breakdown } as JsonObject,
      };
      let failure: string | undefined;
      let violation = 0;
      if (t.deadlineS !== undefined) {
        violation = Math.max(violation, timeToTrainS / t.deadlineS);
        if (timeToTrainS > t.deadlineS) failure = REASON_DEADLINE;
      }
      if (spec.budgetUsd !== undefined && ce.costUsd !== null) {
        violation = Math.max(violation, ce.costUsd / spec.budgetUsd);
        if (failure === undefined && ce.costUsd > spec.budgetUsd) failure = REASON_BUDGET;
      }
      return { candidate: c, entry, objectives: objectiveVector(timeToTrainS, ce.costUsd, ce.energyJ), violation, ...(failure ? { failure } : {}) };
    },
  };
}
