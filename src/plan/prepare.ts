/**
 * The part of a plan every process of it does alike: load and check the spec, build its systems,
 * resolve the model, enumerate the candidate space with the closed forms, and pick the job (how
 * candidates become scenarios and results become plan entries). A single-process plan, each
 * shard of a sharded one and their merge all start here, so they see the same candidates with
 * the same ids, bounds and pruning.
 */
import { loadPlanSpec, loadScenario, resolveScenario, type PlanSpec } from '../scenario/index.js';
import type { ModelConfig } from '../workload/types.js';
import type { PlanJob } from './evaluation.js';
import type { PrunedSink } from './pruned-sink.js';
import { servingJob } from './serving-job.js';
import { servingSpace, type ServingSpace } from './serving-space.js';
import { planSystems, type PlanSystemContext } from './systems.js';
import { trainingJob } from './training-job.js';
import { trainingSpace, type TrainingSpace } from './training-space.js';
import type { Candidate } from './types.js';

export type PlanSource = string | Record<string, unknown> | PlanSpec;

export interface PreparedPlan {
  readonly spec: PlanSpec;
  readonly systems: readonly PlanSystemContext[];
  readonly training: boolean;
  readonly space: TrainingSpace | ServingSpace;
  readonly job: PlanJob<Candidate>;
  /** Warnings about the plan itself (systems without a price, counts above maxChips). */
  readonly warnings: readonly string[];
}

/** The model of a plan as the workload layer takes it (resolved by the scenario layer, as in a scenario). */
function planModel(spec: PlanSpec, sys: PlanSystemContext): ModelConfig {
  const doc = {
    system: { preset: sys.preset, count: 1 },
    workload: { kind: 'training', model: spec.model, sequenceLength: 1, globalBatch: sys.ranksPerUnit, parallelism: { tp: 1, dp: sys.ranksPerUnit } },
  };
  const resolved = resolveScenario(loadScenario(doc, { origin: `${spec.origin}: model` }));
  return resolved.workload.model;
}

/** A plan file, a plan object (the file's fields) or a loaded PlanSpec, as a PlanSpec. */
export function planSpecOf(source: PlanSource, origin?: string): PlanSpec {
  return typeof source === 'object' && 'origin' in source ? (source as PlanSpec) : loadPlanSpec(source as string | Record<string, unknown>, origin !== undefined ? { origin } : {});
}

export interface PrepareOptions {
  readonly origin?: string;
  readonly onPruned?: PrunedSink;
  /** Called once the spec and systems are loaded, before the enumeration (progress). */
  readonly onEnumerate?: () => void;
}

export function preparePlan(source: PlanSource, options: PrepareOptions = {}): PreparedPlan {
  const spec = planSpecOf(source, options.origin);
  const systems = planSystems(spec);
  const model = planModel(spec, systems[0]!);
  const warnings: string[] = [];
  for (const s of systems) {
    if (s.counts.length === 0) warnings.push(`${s.label}: one unit has ${s.chipsPerUnit} chips, more than maxChips (${spec.maxChips}): no plan on it was considered`);
    if (s.usdPerUnitHour === undefined) {
      warnings.push(`${s.label} has no published price: its plans count as costing more than any priced plan; give systems: [{ preset: ${s.preset}, price: <USD per hour of one unit> }] (CLI --price ${s.preset}=<USD/h>)`);
    }
  }
  options.onEnumerate?.();
  const training = spec.train !== undefined;
  if (training) {
    const space = trainingSpace(spec, model, systems, options.onPruned);
    return { spec, systems, training, space, job: trainingJob(spec, space.steps) as PlanJob<Candidate>, warnings };
  }
  const space = servingSpace(spec, model, systems, options.onPruned);
  return { spec, systems, training, space, job: servingJob(spec) as PlanJob<Candidate>, warnings };
}
