/** What class of validated cases a prediction belongs to (report/uncertainty.ts). */
import type { System } from '../hardware/types.js';
import type { InferenceWorkload, TrainingWorkload } from '../workload/types.js';
import { uncertaintyFor } from './uncertainty.js';
import type { Uncertainty, UncertaintyQuery, UncertaintyTable } from './uncertainty.js';

/** A collective on the first `ranks` ranks (filled chip by chip). */
export function collectiveQuery(system: System, ranks: number): UncertaintyQuery {
  const chips = Math.ceil(ranks / system.ranksPerChip);
  const servers = Math.ceil(chips / system.chipsPerServer);
  return { chip: system.chip.id, kind: 'collective', shape: chips <= 1 ? 'one-chip' : servers <= 1 ? 'one-server' : 'multi-server', degree: ranks };
}

export function trainingQuery(system: System, w: Pick<TrainingWorkload, 'parallelism'>): UncertaintyQuery {
  return { chip: system.chip.id, kind: 'training', shape: w.parallelism.pp > 1 ? 'pp>1' : 'pp1', degree: w.parallelism.tp };
}

export function inferenceQuery(system: System, w: Pick<InferenceWorkload, 'parallelism'>, metric: 'ttft' | 'tpot'): UncertaintyQuery {
  return { chip: system.chip.id, kind: `inference-${metric}`, shape: `tp${w.parallelism.tp}`, degree: w.parallelism.tp };
}

/** The uncertainty block a result carries: one band, and per metric for inference (TTFT and TPOT differ). */
export interface ResultUncertainty extends Uncertainty {
  readonly byMetric?: { readonly ttftS: Uncertainty; readonly tpotS: Uncertainty };
}

/** The band of a scenario's result (training: step time and throughput; inference: TPOT and throughput, TTFT in byMetric). */
export function resultUncertainty(system: System, workload: TrainingWorkload | InferenceWorkload, table?: UncertaintyTable): ResultUncertainty | undefined {
  try {
    if (workload.kind === 'training') return uncertaintyFor(trainingQuery(system, workload), table);
    const tpot = uncertaintyFor(inferenceQuery(system, workload, 'tpot'), table);
    const ttft = uncertaintyFor(inferenceQuery(system, workload, 'ttft'), table);
    return { ...tpot, byMetric: { ttftS: ttft, tpotS: tpot } };
  } catch {
    // no uncertainty table shipped (a development tree before `validate --loo --write-uncertainty`)
    return undefined;
  }
}

/** A run's result with its error band (`uncertainty`) attached, when a band applies (docs/validation.md "Error bands"). */
export function withUncertainty<R extends object>(run: { readonly result: R; readonly system: System; readonly resolved: { readonly workload: TrainingWorkload | InferenceWorkload } }): R & { readonly uncertainty?: ResultUncertainty } {
  const uncertainty = resultUncertainty(run.system, run.resolved.workload);
  return uncertainty ? { ...run.result, uncertainty } : run.result;
}
