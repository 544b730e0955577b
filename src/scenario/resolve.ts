/**
 * resolveScenario: a loaded Scenario -> the SI contracts the lower layers take (SystemRequest,
 * TrainingWorkload | InferenceWorkload). Here live the cross-field rules that need the system:
 * the LNC a chip supports, ranks as Neuron counts them, dp derived as ranks / (tp x pp x cp),
 * tp x pp x dp x cp = ranks, ep | dp, a global batch that splits into dp x microBatch.
 */
import type { SystemRequest } from '../hardware/types.js';
import { lncProblem } from '../hardware/index.js';
import type { InferenceWorkload, ModelConfig, TrainingWorkload } from '../workload/types.js';
import { modelPresets, modelPresetNames, resolveModel } from '../workload/models.js';
import { isUserInputError } from '../user-input-error.js';
import { choiceMessage, problemsError, type FieldProblem } from './errors.js';
import { SYSTEM_PRESETS, systemPresetInfo, systemRankCount } from './system-catalogue.js';
import type { InferenceSpec, Scenario, TrainingSpec } from './load.js';
import type { ModelInput } from './schema.js';
import type { JobSpec, PowerOverrides, PricingOverrides } from '../workload/cost/index.js';
import { resolveLongJob, type ResolvedLongJob } from './resolve-reliability.js';
import { dataParallelDegree, describeRanks, expertParallelProblem, globalBatchProblem, type RuleProblem } from '../workload/training/parallelism-rules.js';

export interface ResolvedScenario {
  readonly name: string;
  readonly seed: number;
  readonly system: SystemRequest;
  readonly workload: TrainingWorkload | InferenceWorkload;
  /** Ranks of the system (logical NeuronCores, as Neuron counts them). */
  readonly ranks: number;
  /** The long job of `job:` + `reliability:` (issue 13), when the scenario has one. */
  readonly longJob?: ResolvedLongJob;
  /** Price and power overrides and the whole job, for cost and energy (issue 14). */
  readonly economics: {
    readonly pricing?: PricingOverrides;
    readonly power?: PowerOverrides;
    readonly job?: JobSpec;
  };
}

/** Problems found so far; resolution reports them together. */
class Problems {
  readonly list: FieldProblem[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}

/** A preset name, an inline model, or { preset, ...replaced fields } -> ModelConfig. */
function model(input: ModelInput, path: string, problems: Problems): ModelConfig | undefined {
  try {
    if (typeof input === 'string') {
      if (modelPresets[input.trim().toLowerCase()] === undefined) {
        problems.add(path, `${choiceMessage('model preset', input, modelPresetNames)}, or an inline { layers, hidden, heads, kvHeads, ffn, vocab }`);
        return undefined;
      }
      return resolveModel(input);
    }
    const { preset, ...fields } = input;
    if (preset === undefined) return resolveModel({ ...fields } as Parameters<typeof resolveModel>[0]);
    const base = modelPresets[preset.trim().toLowerCase()];
    if (base === undefined) {
      problems.add(`${path}.preset`, choiceMessage('model preset', preset, modelPresetNames));
      return undefined;
    }
    // headDim of a preset is hidden / heads: recompute it unless the file gives one.
    const { headDim: _hd, ...baseFields } = base;
    return resolveModel({ ...baseFields, name: fields.name ?? `${base.name} (modified)`, ...fields });
  } catch (e) {
    if (!isUserInputError(e)) throw e;
    // workload/ names its fields "workload.model.<field>"; re-root them at this model's path.
    problems.add('', e.message.replace(/^workload\.model/, path).replace(/\.$/, ''));
    return undefined;
  }
}

function systemRequest(s: Scenario, problems: Problems): { request: SystemRequest; ranks: number } | undefined {
  const info = systemPresetInfo(s.system.preset);
  if (info === undefined) {
    problems.add('system.preset', choiceMessage('system preset', s.system.preset, SYSTEM_PRESETS));
    return undefined;
  }
  const lnc = s.system.lnc ?? info.defaultLnc;
  const lncWrong = lncProblem({ displayName: info.chipName, supportedLnc: info.supportedLnc }, lnc);
  if (lncWrong !== undefined) {
    problems.add('system.lnc', lncWrong);
    return undefined;
  }
  const request: SystemRequest = {
    preset: s.system.preset,
    count: s.system.count,
    lnc,
    ...(s.system.overrides ? { overrides: s.system.overrides } : {}),
    ...(s.system.figureSets ? { figureSets: s.system.figureSets } : {}),
    ...(s.system.faults ? { faults: s.system.faults } : {}),
  };
  return { request, ranks: systemRankCount(info, s.system.count, lnc) };
}

function describeSystem(s: Scenario): string {
  const info = systemPresetInfo(s.system.preset)!;
  const lnc = s.system.lnc ?? info.defaultLnc;
  return describeRanks(s.system.count, s.system.preset, info.chipsPerUnit * s.system.count, Math.floor(info.physicalCoresPerChip / lnc), lnc);
}

/** dp from the file or derived (parallelism-rules.ts); undefined after recording a problem. */
function dataParallel(s: Scenario, degrees: Array<[string, number]>, given: number | undefined, ranks: number, problems: Problems): number | undefined {
  const r = dataParallelDegree(degrees, given, ranks, describeSystem(s), true);
  if ('problem' in r) {
    problems.add(r.problem.path, r.problem.text);
    return undefined;
  }
  return r.dp;
}

/** Records a broken parallelism rule (parallelism-rules.ts words it, as runTraining does). */
function addRule(problems: Problems, problem: RuleProblem | undefined): void {
  if (problem) problems.add(problem.path, problem.text);
}

function training(s: Scenario, w: TrainingSpec, ranks: number, problems: Problems): TrainingWorkload | undefined {
  const m = model(w.model, 'workload.model', problems);
  const p = w.parallelism;
  const dp = dataParallel(s, [['tp', p.tp], ['pp', p.pp], ['cp', p.cp]], p.dp, ranks, problems);
  if (p.virtualStages > 1 && p.schedule !== 'interleaved') {
    problems.add('workload.parallelism.virtualStages', `${p.virtualStages} model chunks per stage need schedule: interleaved (got ${p.schedule}); set schedule: interleaved or virtualStages: 1`);
  }
  if (dp !== undefined) {
    if (m !== undefined) addRule(problems, expertParallelProblem(p.ep, dp, m.experts, m.name));
    addRule(problems, globalBatchProblem(w.globalBatch, dp, w.microBatch));
  }
  if (m === undefined || dp === undefined || problems.list.length > 0) return undefined;
  return {
    kind: 'training',
    model: m,
    precision: w.precision,
    sequenceLength: w.sequenceLength,
    globalBatch: w.globalBatch,
    microBatch: w.microBatch,
    parallelism: {
      tp: p.tp,
      pp: p.pp,
      dp,
      cp: p.cp,
      ep: p.ep,
      zero: p.zero,
      sequenceParallel: p.sequenceParallel,
      schedule: p.schedule,
      virtualStages: p.virtualStages,
      ...(p.order ? { order: p.order } : {}),
    },
    recompute: w.recompute,
  };
}

function inference(s: Scenario, w: InferenceSpec, ranks: number, problems: Problems): InferenceWorkload | undefined {
  const m = model(w.model, 'workload.model', problems);
  const draft = w.speculation ? model(w.speculation.draft, 'workload.speculation.draft', problems) : undefined;
  const p = w.parallelism;
  const dp = dataParallel(s, [['tp', p.tp], ['pp', p.pp]], p.dp, ranks, problems);
  const r = w.requests;
  if (r.concurrency !== undefined && r.arrivalRatePerSecond !== undefined) {
    problems.add('workload.requests', 'give either concurrency (closed loop) or arrivalRate (open loop), not both');
  }
  if (m === undefined || dp === undefined || problems.list.length > 0) return undefined;
  const closedLoop = r.arrivalRatePerSecond === undefined;
  return {
    kind: 'inference',
    model: m,
    precision: w.precision,
    parallelism: { tp: p.tp, dp, pp: p.pp },
    batching: w.batching,
    requests: {
      count: r.count,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
      // Closed loop by default, with enough requests in flight to fill every replica's batch.
      ...(closedLoop ? { concurrency: r.concurrency ?? w.batching.maxBatch * dp } : { arrivalRatePerSecond: r.arrivalRatePerSecond }),
    },
    ...(w.maxContextTokens !== undefined ? { maxContextTokens: w.maxContextTokens } : {}),
    ...(w.contextBuckets !== undefined ? { contextBuckets: w.contextBuckets } : {}),
    ...(w.speculation && draft
      ? {
          speculation: {
            draft,
            tokens: w.speculation.tokens,
            ...(w.speculation.acceptanceRate !== undefined ? { acceptanceRate: w.speculation.acceptanceRate } : {}),
          },
        }
      : {}),
  };
}

/**
 * Resolves a loaded scenario into the system request and workload the lower layers take. Throws
 * one UserInputError (file, field path, fix) listing every problem found.
 */
export function resolveScenario(scenario: Scenario): ResolvedScenario {
  const problems = new Problems();
  const sys = systemRequest(scenario, problems);
  if (sys === undefined) throw problemsError(scenario.origin, problems.list);
  const w = scenario.workload;
  const workload = w.kind === 'training' ? training(scenario, w, sys.ranks, problems) : inference(scenario, w, sys.ranks, problems);
  const longJob = resolveLongJob(scenario, problems.list);
  if (workload === undefined || problems.list.length > 0) throw problemsError(scenario.origin, problems.list);
  const s = scenario.system;
  const j = scenario.job;
  const job: JobSpec | undefined = j === undefined ? undefined : j.kind === 'duration' ? { durationS: j.durationS } : j.kind === 'steps' ? { steps: j.steps } : { tokens: j.tokens };
  const economics = {
    ...(s.pricing ? { pricing: s.pricing } : {}),
    ...(s.power ? { power: s.power } : {}),
    ...(job ? { job } : {}),
  };
  return { name: scenario.name, seed: scenario.seed, system: sys.request, workload, ranks: sys.ranks, economics, ...(longJob ? { longJob } : {}) };
}
