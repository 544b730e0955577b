/**
 * The complete scenario document of a candidate: what `trnsim run` accepts as it is, and what the
 * plan's workers run (so the step time a plan reports is the one the scenario reproduces). SI
 * numbers and the plan's own spellings (model, overrides) only; dp is written out.
 */
import type { JsonObject } from '../sweep/types.js';
import type { PlanSpec } from '../scenario/index.js';
import type { ServingCandidate, TrainingCandidate } from './types.js';

function systemDoc(spec: PlanSpec, c: TrainingCandidate | ServingCandidate): JsonObject {
  const s = c.system.spec;
  return { preset: s.preset, count: c.count, ...(structuredClone(s.scenarioFields) as JsonObject) };
}

function header(spec: PlanSpec, name: string, description: string): JsonObject {
  return { name, description, seed: spec.seed };
}

export function trainingScenario(spec: PlanSpec, c: TrainingCandidate): JsonObject {
  const t = spec.train!;
  const p = c.parallelism;
  const name = `${spec.name}-${c.system.preset}-x${c.count}-tp${p.tp}-pp${p.pp}-dp${p.dp}${p.cp > 1 ? `-cp${p.cp}` : ''}${p.ep > 1 ? `-ep${p.ep}` : ''}-mb${c.microBatch}-z${p.zero}-${c.recompute}${p.schedule === 'interleaved' ? '-il' : ''}${c.precision === 'fp8' ? '-fp8' : ''}`;
  return {
    ...header(spec, name, `trnsim plan ${spec.name}: one step of this plan (${t.tokens} tokens in ${Math.ceil(t.tokens / (t.globalBatch * t.sequenceLength))} steps)`),
    system: systemDoc(spec, c),
    workload: {
      kind: 'training',
      model: structuredClone(spec.model) as JsonObject | string,
      precision: c.precision,
      sequenceLength: t.sequenceLength,
      globalBatch: t.globalBatch,
      microBatch: c.microBatch,
      parallelism: {
        tp: p.tp,
        pp: p.pp,
        dp: p.dp,
        cp: p.cp,
        ep: p.ep,
        zero: p.zero,
        schedule: p.schedule,
        virtualStages: p.virtualStages,
      },
      recompute: c.recompute,
    },
    // with a reliability section the scenario is a long job over the plan's tokens: its result
    // carries the simulated goodput (docs/reliability.md)
    ...(spec.reliability !== undefined ? { job: { tokens: t.tokens }, reliability: structuredClone(spec.reliability) as JsonObject } : {}),
  };
}

export function servingScenario(spec: PlanSpec, c: ServingCandidate): JsonObject {
  const v = spec.serve!;
  const name = `${spec.name}-${c.system.preset}-x${c.count}-tp${c.tp}-dp${c.replicas}-b${c.maxBatch}${c.precision === 'fp8' ? '-fp8' : ''}`;
  return {
    ...header(spec, name, `trnsim plan ${spec.name}: serving at ${v.arrivalRatePerSecond} requests/s`),
    system: systemDoc(spec, c),
    workload: {
      kind: 'inference',
      model: structuredClone(spec.model) as JsonObject | string,
      precision: c.precision,
      parallelism: { tp: c.tp, pp: 1, dp: c.replicas },
      batching: { maxBatch: c.maxBatch, policy: 'continuous' },
      requests: { count: v.requests, inputTokens: v.inputTokens, outputTokens: v.outputTokens, arrivalRate: v.arrivalRatePerSecond },
    },
  };
}
