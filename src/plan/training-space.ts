/**
 * The training search space and its closed-form pruning: every combination of system, count,
 * precision, TP, PP, CP, EP, micro-batch, ZeRO stage, recompute and schedule, checked in nested
 * order so that a failing outer check counts its whole subtree at once (a tp that does not divide
 * the heads rules out every micro-batch, ZeRO stage and recompute below it). Survivors carry lower
 * bounds on step time, time to train, cost and energy; those that cannot meet the deadline or the
 * budget are pruned here.
 */
import type { ModelConfig, TrainingWorkload } from '../workload/types.js';
import type { PlanSpec, PlanTraining } from '../scenario/index.js';
import { memoryCheck, memoryMessage, parallelismProblem, REASON_MEMORY } from './closed-forms.js';
import { costAndEnergyBound } from './cost.js';
import { GOODPUT_BOUND } from './goodput.js';
import { stepBound, type StepBound } from './step-bound.js';
import { stageHbmBytesPerRank } from '../workload/training/activity.js';
import type { PlanSystemContext } from './systems.js';
import type { Recompute, TrainingCandidate } from './types.js';
import type { PrunedSink } from './pruned-sink.js';

export const REASON_DEADLINE_BOUND = 'misses the deadline (bound)';
export const REASON_BUDGET_BOUND = 'over budget (bound)';
/** Interleaved schedules use this many model chunks per stage. */
export const INTERLEAVED_CHUNKS = 2;

function powersOfTwo(max: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= max; n *= 2) out.push(n);
  return out;
}

/** The search lists of one system (the plan's, else the defaults of docs/planning.md). */
export function trainingAxes(t: PlanTraining, model: ModelConfig, sys: PlanSystemContext) {
  const s = t.search;
  return {
    tp: s.tp ?? powersOfTwo(sys.ranksPerUnit).filter((tp) => model.heads % tp === 0),
    pp: s.pp ?? powersOfTwo(Math.min(model.layers, 32)),
    cp: s.cp ?? [1],
    ep: s.ep ?? (model.experts > 1 ? powersOfTwo(model.experts).filter((e) => model.experts % e === 0) : [1]),
    microBatch: s.microBatch ?? [1, 2, 4],
    zero: s.zero ?? [0, 1, 2, 3],
    recompute: s.recompute ?? (['none', 'selective', 'full'] as Recompute[]),
    schedule: s.schedule ?? (['1f1b'] as const),
  };
}

export interface TrainingSpace {
  readonly candidates: number;
  readonly survivors: TrainingCandidate[];
  readonly pruned: Map<string, number>;
  /** The candidate that came closest to fitting in memory, and the memory model's message. */
  readonly closestMemory?: { readonly overBytes: number; readonly message: string; readonly label: string };
  /**
   * The few lowest-bound (time, and cost) candidates that fit, whatever the deadline and budget, with
   * the bound that pruned each (if one did): simulated to report what came closest when no plan is feasible.
   */
  readonly fallback: { readonly candidate: TrainingCandidate; readonly prunedAs?: string }[];
  readonly steps: number;
}

const FALLBACK_KEPT = 3;

/** `onPruned` (a sharded plan's lines) hears every candidate pruned here, by id range, with its reason. */
export function trainingSpace(spec: PlanSpec, model: ModelConfig, systems: readonly PlanSystemContext[], onPruned?: PrunedSink): TrainingSpace {
  const t = spec.train!;
  const steps = Math.ceil(t.tokens / (t.globalBatch * t.sequenceLength));
  const pruned = new Map<string, number>();
  const count = (reason: string, n: number): void => void pruned.set(reason, (pruned.get(reason) ?? 0) + n);
  const survivors: TrainingCandidate[] = [];
  const fastest: Kept[] = [];
  const cheapest: Kept[] = [];
  let closestMemory: TrainingSpace['closestMemory'];
  let id = 0;
  const boundCache = new Map<string, StepBound>();

  for (const sys of systems) {
    const ax = trainingAxes(t, model, sys);
    // candidates below one (tp, pp, cp, ep): micro-batch x ZeRO x recompute x schedule
    const perDegree = ax.microBatch.length * ax.zero.length * ax.recompute.length * ax.schedule.length;
    for (const units of sys.counts) {
      const system = sys.system(units);
      const ranks = system.rankCount;
      const basis = sys.costBasis(units);
      for (const precision of spec.precision) {
        for (const tp of ax.tp) {
          for (const pp of ax.pp) {
            for (const cp of ax.cp) {
              for (const ep of ax.ep) {
                const first = id;
                id += perDegree;
                if (ranks % (tp * pp * cp) !== 0) {
                  count('does not divide: ranks by tp x pp x cp', perDegree);
                  onPruned?.(first, perDegree, 'does not divide: ranks by tp x pp x cp', { system: sys.label, count: units, precision, tp, pp, cp, ep });
                  continue;
                }
                const dp = ranks / (tp * pp * cp);
                let next = first;
                for (const microBatch of ax.microBatch) {
                  const per = ax.zero.length * ax.recompute.length * ax.schedule.length;
                  const base: TrainingWorkload = {
                    kind: 'training',
                    model,
                    precision,
                    sequenceLength: t.sequenceLength,
                    globalBatch: t.globalBatch,
                    microBatch,
                    parallelism: { tp, pp, dp, cp, ep, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1 },
                    recompute: 'selective',
                  };
                  const problem = parallelismProblem(system, base);
                  if (problem) {
                    count(problem.reason, per);
                    onPruned?.(next, per, problem.reason, { system: sys.label, count: units, precision, tp, pp, dp, cp, ep, microBatch });
                    next += per;
                    continue;
                  }
                  for (const zero of ax.zero) {
                    for (const recompute of ax.recompute) {
                      for (const schedule of ax.schedule) {
                        const cid = next++;
                        const virtualStages = schedule === 'interleaved' ? INTERLEAVED_CHUNKS : 1;
                        const leaf = (reason: string): void => {
                          count(reason, 1);
                          onPruned?.(cid, 1, reason, { system: sys.label, count: units, precision, tp, pp, dp, cp, ep, microBatch, zero, recompute, schedule });
                        };
                        const w: TrainingWorkload = { ...base, recompute, parallelism: { ...base.parallelism, zero, schedule, virtualStages } };
                        if (schedule === 'interleaved') {
                          if (pp === 1) {
                            leaf('invalid: schedule (interleaved needs pp > 1)');
                            continue;
                          }
                          const p2 = parallelismProblem(system, w);
                          if (p2) {
                            leaf(p2.reason);
                            continue;
                          }
                        }
                        const mem = memoryCheck(system, w);
                        if (!mem.fits) {
                          leaf(REASON_MEMORY);
                          if (closestMemory === undefined || mem.overBytes < closestMemory.overBytes) {
                            closestMemory = { overBytes: mem.overBytes, message: memoryMessage(system, w), label: `${units} x ${sys.label}, tp ${tp} pp ${pp} dp ${dp}${cp > 1 ? ` cp ${cp}` : ''}${ep > 1 ? ` ep ${ep}` : ''}, microBatch ${microBatch}, zero ${zero}, recompute ${recompute}` };
                          }
                          continue;
                        }
                        // the bound does not depend on the count beyond ranks and dp: cache on what it reads
                        const key = `${sys.index}|${units}|${precision}|${tp}|${pp}|${cp}|${ep}|${microBatch}|${zero > 0 ? 1 : 0}|${recompute}|${schedule}`;
                        let sb = boundCache.get(key);
                        if (sb === undefined) {
                          sb = stepBound(system, w);
                          boundCache.set(key, sb);
                        }
                        const stepS = sb.stepS;
                        const timeS = (steps * stepS) / GOODPUT_BOUND;
                        // HBM bytes per chip per step, mean over stages (as the energy model counts them)
                        let hbmBytes = 0;
                        for (let s = 0; s < pp; s++) hbmBytes += stageHbmBytesPerRank(w, s) * system.ranksPerChip;
                        const ce = costAndEnergyBound(basis, timeS, { steps, stepS, computeBusyS: sb.computeBusyS, hbmBytes: hbmBytes / pp });
                        const candidate: TrainingCandidate = {
                          kind: 'training',
                          id: cid,
                          system: sys,
                          count: units,
                          precision,
                          microBatch,
                          recompute,
                          parallelism: { tp, pp, dp, cp, ep, zero, schedule, virtualStages },
                          memoryBytesPerChip: mem.totalBytes,
                          bound: { stepTimeS: stepS, timeS, costUsd: ce.costUsd, energyJ: ce.energyJ },
                        };
                        let prunedAs: string | undefined;
                        if (t.deadlineS !== undefined && timeS > t.deadlineS) prunedAs = REASON_DEADLINE_BOUND;
                        else if (spec.budgetUsd !== undefined && ce.costUsd !== null && ce.costUsd > spec.budgetUsd) prunedAs = REASON_BUDGET_BOUND;
                        keep(fastest, { candidate, ...(prunedAs ? { prunedAs } : {}) }, (c) => c.bound.timeS);
                        keep(cheapest, { candidate, ...(prunedAs ? { prunedAs } : {}) }, (c) => c.bound.costUsd ?? Infinity);
                        if (prunedAs !== undefined) leaf(prunedAs);
                        else survivors.push(candidate);
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  const fallback = [...fastest];
  for (const k of cheapest) if (!fallback.some((f) => f.candidate.id === k.candidate.id)) fallback.push(k);
  return { candidates: id, survivors, pruned, ...(closestMemory ? { closestMemory } : {}), fallback, steps };
}

type Kept = { readonly candidate: TrainingCandidate; readonly prunedAs?: string };

/** Keeps the FALLBACK_KEPT lowest by `by` (ties by id). */
export function keep<C extends { readonly id: number }>(list: { readonly candidate: C; readonly prunedAs?: string }[], k: { readonly candidate: C; readonly prunedAs?: string }, by: (c: C) => number): void {
  if (list.length === FALLBACK_KEPT && by(k.candidate) >= by(list[list.length - 1]!.candidate)) return;
  list.push(k);
  list.sort((a, b) => by(a.candidate) - by(b.candidate) || a.candidate.id - b.candidate.id);
  if (list.length > FALLBACK_KEPT) list.pop();
}
