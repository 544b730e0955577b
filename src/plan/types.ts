/**
 * Types of the planner (issue 15): candidates, what a plan reports and the options of `plan()`.
 * The JSON field names of PlanResult and PlanEntry are a contract (the issue spells them out);
 * fields may be added.
 */
import type { JsonObject } from '../sweep/types.js';
import type { PlanSystemContext } from './systems.js';

export type Recompute = 'none' | 'selective' | 'full';

/** Parallelism of a training plan (the scenario's workload.parallelism, dp explicit). */
export interface TrainingParallelism {
  readonly tp: number;
  readonly pp: number;
  readonly dp: number;
  readonly cp: number;
  readonly ep: number;
  readonly zero: number;
  readonly schedule: '1f1b' | 'interleaved';
  readonly virtualStages: number;
}

/** Lower bounds of a candidate's objectives, from closed forms. */
export interface CandidateBound {
  readonly stepTimeS: number;
  readonly timeS: number;
  readonly costUsd: number | null;
  readonly energyJ: number;
}

export interface TrainingCandidate {
  readonly kind: 'training';
  /** Position in enumeration order (stable: the tie-break of the best-first order). */
  readonly id: number;
  readonly system: PlanSystemContext;
  readonly count: number;
  readonly precision: 'bf16' | 'fp8';
  readonly microBatch: number;
  readonly recompute: Recompute;
  readonly parallelism: TrainingParallelism;
  readonly memoryBytesPerChip: number;
  readonly bound: CandidateBound;
}

export interface ServingCandidate {
  readonly kind: 'serving';
  readonly id: number;
  readonly system: PlanSystemContext;
  readonly count: number;
  readonly precision: 'bf16' | 'fp8';
  readonly tp: number;
  readonly replicas: number;
  readonly maxBatch: number;
  readonly bound: CandidateBound & { readonly ttftS: number; readonly tpotS: number };
}

export type Candidate = TrainingCandidate | ServingCandidate;

/** One evaluated plan, as `pareto` and `bestBySystem` list it. */
export interface PlanEntry {
  /** A complete scenario document: `trnsim run` accepts it as it is and reproduces stepTimeS. */
  readonly scenario: JsonObject;
  readonly system: string;
  /** Servers or UltraServers. */
  readonly count: number;
  readonly chips: number;
  readonly parallelism: JsonObject;
  /** Training: the simulated step. Serving: the median time per output token (one decode step). */
  readonly stepTimeS: number;
  /** Training: steps x step time / goodput. Serving: null. */
  readonly timeToTrainS: number | null;
  /** USD of the whole job (training) or of serving for the plan's duration; null without a price. */
  readonly costUsd: number | null;
  readonly energyJ: number;
  readonly usdPerHour: number | null;
  /** Training: the step's MFU, steps, goodput and memory. Serving: latencies and throughput. */
  readonly details: JsonObject;
}

/** One simulated plan in brief. */
export interface PlanPoint {
  readonly system: string;
  readonly count: number;
  /** Time to train (serving: latency p50), seconds. */
  readonly timeS: number;
  readonly costUsd: number | null;
  readonly energyJ: number;
  readonly feasible: boolean;
}

/** What came closest when nothing met every constraint, and why it failed. */
export interface ClosestMiss {
  readonly why: string;
  readonly entry?: PlanEntry;
}

export interface PlanResult {
  readonly name: string;
  readonly kind: 'training' | 'serving';
  /** Candidates enumerated (every combination of the search space). */
  readonly candidates: number;
  /** Candidates simulated. */
  readonly evaluated: number;
  /** Simulated candidates that fit and meet the deadline (or SLO) and the budget. */
  readonly feasible: number;
  /** Candidates not simulated, by reason (closed forms and bounds). */
  readonly pruned: Readonly<Record<string, number>>;
  /** Simulated candidates that are not on the frontier, by reason. */
  readonly lost: Readonly<Record<string, number>>;
  /** The Pareto frontier of time to train (serving: latency) against cost and energy, fastest first. */
  readonly pareto: readonly PlanEntry[];
  /** The best feasible plan of each system (cheapest meeting the deadline; fastest without one); null when none. */
  readonly bestBySystem: Readonly<Record<string, PlanEntry | null>>;
  /** Every simulated plan in brief (system, size, objectives), for charts. */
  readonly points: readonly PlanPoint[];
  /** Set when no plan is feasible. */
  readonly closest?: ClosestMiss;
  /** One paragraph: the answer in words. */
  readonly answer: string;
  readonly warnings: readonly string[];
  /** Wall-clock data: the only part allowed to differ between identical runs. */
  readonly meta: {
    readonly wallTimeS: number;
    readonly workers: number;
    readonly candidatesPerSecond: number;
    readonly simulationsPerSecond: number;
    readonly host: string;
    readonly version: string;
    /** Set by a merge (trnsim plan --merge): the shard files it joined. */
    readonly shards?: number;
  };
}

export interface PlanProgress {
  readonly phase: 'enumerate' | 'simulate' | 'done';
  readonly candidates: number;
  readonly toSimulate: number;
  readonly simulated: number;
  readonly skipped: number;
  readonly elapsedS: number;
}

export interface PlanOptions {
  /** Worker threads; 0 simulates in-process. Default: the machine's cores. */
  readonly workers?: number;
  readonly onProgress?: (progress: PlanProgress) => void;
  /** Name of the plan in messages when `source` is an object (default "plan"). */
  readonly origin?: string;
  /**
   * Simulate every candidate that passes the closed-form checks, without skipping by bound (the
   * brute force that the pruned search must agree with; slow). Default false.
   */
  readonly exhaustive?: boolean;
}
