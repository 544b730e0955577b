/**
 * The serving search space and its closed forms: system, count, precision, TP per replica (the
 * replicas fill the system: dp = ranks / tp) and decode batch. Pruned before simulation: weights
 * that do not fit, a KV cache that cannot hold a full batch, and lower bounds that already miss
 * the SLO, the request rate or the budget. Bounds (roofline, every op at peak and full HBM
 * bandwidth, no overheads or collectives): a decode step streams every weight byte of a rank, so
 * TPOT >= weight bytes per rank / HBM bytes/s per rank; a prefill does 2 FLOPs per parameter per
 * input token, so TTFT >= 2 x parameters per rank x input tokens / peak FLOP/s per rank.
 */
import type { ModelConfig } from '../workload/types.js';
import type { PlanSpec } from '../scenario/index.js';
import { kvCapacity, rankShape } from '../workload/inference/index.js';
import { REASON_MEMORY } from './closed-forms.js';
import { costAndEnergyBound } from './cost.js';
import type { PlanSystemContext } from './systems.js';
import { keep, REASON_BUDGET_BOUND } from './training-space.js';
import type { ServingCandidate } from './types.js';
import type { PrunedSink } from './pruned-sink.js';

export const REASON_KV = 'KV cache cannot hold the batch';
export const REASON_SLO_BOUND = 'misses the SLO (bound)';
export const REASON_RATE_BOUND = 'cannot sustain the rate (bound)';

function powersOfTwo(max: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= max; n *= 2) out.push(n);
  return out;
}

export interface ServingSpace {
  readonly candidates: number;
  readonly survivors: ServingCandidate[];
  readonly pruned: Map<string, number>;
  readonly closestMemory?: { readonly overBytes: number; readonly message: string; readonly label: string };
  readonly fallback: { readonly candidate: ServingCandidate; readonly prunedAs?: string }[];
}

/** `onPruned` (a sharded plan's lines) hears every candidate pruned here, by id range, with its reason. */
export function servingSpace(spec: PlanSpec, model: ModelConfig, systems: readonly PlanSystemContext[], onPruned?: PrunedSink): ServingSpace {
  const v = spec.serve!;
  const pruned = new Map<string, number>();
  const count = (reason: string, n: number): void => void pruned.set(reason, (pruned.get(reason) ?? 0) + n);
  const survivors: ServingCandidate[] = [];
  const fastest: { candidate: ServingCandidate; prunedAs?: string }[] = [];
  let closestMemory: ServingSpace['closestMemory'];
  let id = 0;
  const perSequence = v.inputTokens + v.outputTokens;
  for (const sys of systems) {
    const tps = v.search.tp ?? powersOfTwo(sys.ranksPerUnit);
    const batches = v.search.maxBatch ?? powersOfTwo(256);
    for (const units of sys.counts) {
      const system = sys.system(units);
      const basis = sys.costBasis(units);
      const chip = system.chip;
      const hbmPerRank = chip.hbmBytes / system.ranksPerChip;
      const bwPerRank = chip.hbmBytesPerSecond / system.ranksPerChip;
      const ce = costAndEnergyBound(basis, v.durationS);
      for (const precision of spec.precision) {
        const flopsPerRank = (chip.peakFlopsPerSecond.bf16 ?? chip.peakFlopsPerSecond.fp16 ?? 0) / system.ranksPerChip;
        for (const tp of tps) {
          const first = id;
          id += batches.length;
          if (tp > system.rankCount || system.rankCount % tp !== 0) {
            count('does not divide: ranks by tp', batches.length);
            onPruned?.(first, batches.length, 'does not divide: ranks by tp', { system: sys.label, count: units, precision, tp });
            continue;
          }
          const replicas = system.rankCount / tp;
          const shape = rankShape(model, tp, precision);
          const kv = kvCapacity(hbmPerRank, shape);
          if (kv.capacityTokens < 1) {
            count(REASON_MEMORY, batches.length);
            onPruned?.(first, batches.length, REASON_MEMORY, { system: sys.label, count: units, precision, tp });
            const over = -kv.kvBytesPerRank;
            if (closestMemory === undefined || over < closestMemory.overBytes) {
              closestMemory = {
                overBytes: over,
                label: `${units} x ${sys.label}, tp ${tp}`,
                message: `${model.name} at tp ${tp} needs ${(kv.weightBytesPerRank / 2 ** 30).toFixed(1)} GiB of weights per rank, but a rank of ${sys.preset} has ${((hbmPerRank - kv.reserveBytesPerRank) / 2 ** 30).toFixed(1)} GiB usable`,
              };
            }
            continue;
          }
          const tpotS = shape.weightBytesPerRank / bwPerRank;
          const ttftS = flopsPerRank > 0 ? (2 * (shape.weightBytesPerRank / shape.weightBytesPerElement) * v.inputTokens) / flopsPerRank : 0;
          const latencyS = ttftS + (v.outputTokens - 1) * tpotS;
          batches.forEach((maxBatch, i) => {
            const candidate: ServingCandidate = {
              kind: 'serving',
              id: first + i,
              system: sys,
              count: units,
              precision,
              tp,
              replicas,
              maxBatch,
              bound: { stepTimeS: tpotS, timeS: latencyS, costUsd: ce.costUsd, energyJ: ce.energyJ, ttftS, tpotS },
            };
            const leaf = (reason: string): void => {
              count(reason, 1);
              onPruned?.(first + i, 1, reason, { system: sys.label, count: units, precision, tp, replicas, maxBatch });
            };
            if (maxBatch * perSequence > kv.capacityTokens) {
              leaf(REASON_KV);
              return;
            }
            let prunedAs: string | undefined;
            const tokensPerSecond = (replicas * maxBatch) / tpotS;
            const prefillsPerSecond = ttftS > 0 ? replicas / ttftS : Infinity;
            if ((v.tpotP50S !== undefined && tpotS > v.tpotP50S) || (v.ttftP99S !== undefined && ttftS > v.ttftP99S)) prunedAs = REASON_SLO_BOUND;
            else if (tokensPerSecond < v.arrivalRatePerSecond * v.outputTokens || prefillsPerSecond < v.arrivalRatePerSecond) prunedAs = REASON_RATE_BOUND;
            else if (spec.budgetUsd !== undefined && ce.costUsd !== null && ce.costUsd > spec.budgetUsd) prunedAs = REASON_BUDGET_BOUND;
            keep(fastest, { candidate, ...(prunedAs ? { prunedAs } : {}) }, (c) => c.bound.timeS);
            if (prunedAs !== undefined) leaf(prunedAs);
            else survivors.push(candidate);
          });
        }
      }
    }
  }
  return { candidates: id, survivors, pruned, ...(closestMemory ? { closestMemory } : {}), fallback: fastest };
}
