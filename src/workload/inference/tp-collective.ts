/**
 * Time of the in-graph TP all-reduces a decoder layer issues (two per layer: after attention and
 * after the FFN; modelling-notes.md 2 and 3).
 *
 * By default a closed form prices them: instant and monotonic in size, which matters because a run
 * asks for one answer per distinct prefill length. The collectives layer's flow-level
 * `collectiveTimeS` (same signature) can be passed instead through
 * `InferenceOptions.collectiveTimeS`; the two share their step-latency constants and agree within
 * 30 % at the sizes inference issues (docs/inference.md "TP collectives"):
 *
 *   t(S, p) = ceil(log2 p) x IN_GRAPH_COLLECTIVE_STEP_S + 2 (p - 1) / p x S / ALL_REDUCE_BUS_BYTES_PER_SECOND
 *
 * a latency term of recursive-doubling steps with no stand-alone launch overhead (IN_GRAPH_LOCAL_STEP_S
 * per step when the group sits on one chip), plus the bandwidth term at the bus bandwidth Neuron
 * reaches on large intra-server all-reduces (C3).
 */
import type { CollectiveRequest } from '../../collectives/types.js';
import type { System } from '../../hardware/types.js';
import { ALL_REDUCE_BUS_BYTES_PER_SECOND, IN_GRAPH_COLLECTIVE_STEP_S, IN_GRAPH_LOCAL_STEP_S } from './calibration.js';

/** Answers the time of one collective on a system, seconds (the collectives layer's signature). */
export type CollectiveTimeFn = (system: System, request: CollectiveRequest) => number;

/**
 * The closed-form in-graph all-reduce above; `oneChip` when every rank of the group sits on one
 * chip (steps then cost IN_GRAPH_LOCAL_STEP_S, as in the collectives layer).
 */
export function closedFormInGraphAllReduceS(sizeBytes: number, ranks: number, oneChip = false): number {
  if (ranks <= 1 || sizeBytes <= 0) return 0;
  const steps = Math.ceil(Math.log2(ranks));
  const stepS = oneChip ? IN_GRAPH_LOCAL_STEP_S : IN_GRAPH_COLLECTIVE_STEP_S;
  return steps * stepS + ((2 * (ranks - 1)) / ranks) * (sizeBytes / ALL_REDUCE_BUS_BYTES_PER_SECOND);
}

/** CollectiveTimeFn of the closed form (all-reduce only; other ops are not issued by inference). */
export const closedFormCollectiveTimeS: CollectiveTimeFn = (system, request) => {
  const first = system.rankToChip(request.ranks[0] ?? 0);
  let oneChip = true;
  for (const r of request.ranks) if (system.rankToChip(r) !== first) oneChip = false;
  return closedFormInGraphAllReduceS(request.sizeBytes, request.ranks.length, oneChip);
};

/**
 * Caches all-reduce times of one TP group by size: a run asks for a handful of sizes (one per batch
 * size or prefill length) millions of times.
 */
export class TpAllReduceCache {
  private readonly bySize = new Map<number, number>();
  constructor(
    private readonly system: System,
    private readonly ranks: readonly number[],
    private readonly timeFn: CollectiveTimeFn,
  ) {}

  timeS(sizeBytes: number): number {
    if (this.ranks.length <= 1 || sizeBytes <= 0) return 0;
    let t = this.bySize.get(sizeBytes);
    if (t === undefined) {
      t = this.timeFn(this.system, { op: 'all-reduce', ranks: this.ranks, sizeBytes, algorithm: 'auto', issue: 'in-graph' });
      this.bySize.set(sizeBytes, t);
    }
    return t;
  }
}
