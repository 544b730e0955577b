/**
 * Contracts of the workload layer (docs/architecture.md "Contracts between layers"). The scenario layer resolves a file into
 * these SI types; workload/ turns them into ops, a per-rank task graph, and results.
 */

/** A transformer architecture (presets: workload/models.ts, from the models' published config.json, [hf-configs]). */
export interface ModelConfig {
  readonly name: string;
  readonly layers: number;
  readonly hidden: number;
  readonly heads: number;
  readonly kvHeads: number;
  /** FFN inner size (per expert for MoE). */
  readonly ffn: number;
  readonly vocab: number;
  /** SwiGLU (3 matrices) when true, plain GELU (2 matrices) when false. Default true. */
  readonly gatedFfn: boolean;
  /** Default hidden / heads. */
  readonly headDim: number;
  readonly tiedEmbeddings: boolean;
  /** MoE: experts per layer (1 = dense) and experts per token. */
  readonly experts: number;
  readonly topK: number;
  /** Learned position embeddings (GPT-3): counted in parameters. */
  readonly learnedPositions?: boolean;
  readonly maxPositions?: number;
}

export type Precision = 'bf16' | 'fp8';
export type PipelineSchedule = '1f1b' | 'interleaved';
export type Recompute = 'none' | 'selective' | 'full';

export interface Parallelism {
  readonly tp: number;
  readonly pp: number;
  readonly dp: number;
  readonly cp: number;
  readonly ep: number;
  /** ZeRO stage 0-3. */
  readonly zero: number;
  readonly sequenceParallel: boolean;
  readonly schedule: PipelineSchedule;
  readonly virtualStages: number;
  /**
   * Rank order, innermost axis first (default tp, cp, dp, pp: NxD's and Megatron's order, TP on
   * consecutive ranks, PP outermost). Ranks fill chips, then servers, then units, in rank order.
   */
  readonly order?: readonly ParallelAxis[];
}

/** An axis of the rank grid. */
export type ParallelAxis = 'tp' | 'cp' | 'dp' | 'pp';

export interface TrainingWorkload {
  readonly kind: 'training';
  readonly model: ModelConfig;
  readonly precision: Precision;
  readonly sequenceLength: number;
  /** Sequences per step. */
  readonly globalBatch: number;
  /** Sequences per micro-batch per data-parallel replica. */
  readonly microBatch: number;
  readonly parallelism: Parallelism;
  readonly recompute: Recompute;
}

import type { CostResult, EnergyResult } from './cost/types.js';

/** The part of a result allowed to differ between identical runs (made by the scenario layer). */
export interface RunMeta {
  readonly wallTimeS: number;
  readonly eventsSimulated: number;
  readonly host: string;
  readonly version: string;
}

/** Stable JSON of `trnsim run --json` for training (issue 7). Everything but `meta` is deterministic. */
export interface TrainingResult {
  readonly kind: 'training';
  readonly name: string;
  readonly stepTimeS: number;
  readonly sequencesPerSecond: number;
  readonly tokensPerSecond: number;
  /** Fraction 0..1 (docs/validation.md "MFU"). */
  readonly mfu: number;
  /**
   * Ranks whose work was simulated event by event, and all ranks: equal under `exact`; the
   * symmetry reduction simulates one lockstep block for all identical ones (docs/model.md "Symmetry").
   */
  readonly ranksSimulated: number;
  readonly ranksTotal: number;
  readonly breakdown: {
    readonly computeS: number;
    readonly exposedCommS: number;
    readonly exposedCommByKindS: { readonly tp: number; readonly pp: number; readonly dp: number; readonly ep: number; readonly cp: number };
    readonly bubbleS: number;
    readonly idleS: number;
  };
  readonly memoryBytesPerChip: {
    readonly weights: number;
    readonly gradients: number;
    readonly optimizer: number;
    readonly activations: number;
    readonly total: number;
    readonly capacity: number;
  };
  /** Issue 14: attached by the scenario layer (price and power model of the system). */
  readonly cost?: CostResult;
  readonly energy?: EnergyResult;
  /** Goodput of the long job (issue 13), when the scenario has `job:` + `reliability:`. */
  readonly reliability?: import('./reliability/types.js').ReliabilityResult;
  /** Added by the scenario layer around a whole run (workloads report only their eventsSimulated). */
  readonly meta?: RunMeta;
}

/** A length (tokens) that is fixed or drawn per request from a seeded distribution. */
export type TokenLength =
  | { readonly kind: 'fixed'; readonly tokens: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number; readonly min?: number; readonly max?: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number; readonly min?: number; readonly max?: number };

export interface InferenceWorkload {
  readonly kind: 'inference';
  readonly model: ModelConfig;
  /** Weight precision. */
  readonly precision: Precision;
  /** tp x dp (x pp) ranks, as Neuron counts them. */
  readonly parallelism: { readonly tp: number; readonly dp: number; readonly pp: number };
  readonly batching: { readonly maxBatch: number; readonly policy: 'continuous' | 'static' };
  readonly requests: {
    readonly count: number;
    readonly inputTokens: TokenLength;
    readonly outputTokens: TokenLength;
    /** Closed loop: this many requests in flight (each new one arrives when one finishes). */
    readonly concurrency?: number;
    /** Open loop: Poisson arrivals at this rate, requests per second (seeded stream 'arrivals'). */
    readonly arrivalRatePerSecond?: number;
  };
  /** Max context (input + output) a sequence may reach; sizes the KV cache per sequence. */
  readonly maxContextTokens?: number;
  /** Compiled context-encoding buckets, tokens (default: powers of two from 128 up to maxContextTokens; docs/inference.md "Prefill"). */
  readonly contextBuckets?: readonly number[];
  readonly speculation?: { readonly draft: ModelConfig; readonly tokens: number; readonly acceptanceRate?: number };
}

export interface LatencyPercentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly mean: number;
}

/** Stable JSON of `trnsim run --json` for inference (issue 8). */
export interface InferenceResult {
  readonly kind: 'inference';
  readonly name: string;
  readonly ttftS: LatencyPercentiles;
  readonly tpotS: LatencyPercentiles;
  readonly e2eLatencyS: LatencyPercentiles;
  readonly outputTokensPerSecond: number;
  readonly requestsPerSecond: number;
  readonly requestsCompleted: number;
  readonly requestsRejected: number;
  /** Issue 8 additions (filled by workload/inference's runInference). */
  /** Output tokens per second divided by the chips the replicas use. */
  readonly outputTokensPerSecondPerChip?: number;
  /** Chips the replicas use: busy = fraction of time a pass runs; flops / hbm = achieved over peak (BF16 dense, HBM bytes/s). */
  readonly chipUtilisation?: {
    readonly chips: number;
    readonly busyFraction: number;
    readonly flopsFraction: number;
    readonly hbmBandwidthFraction: number;
    /** Fraction of time a replica's TP collectives run (issue 14: link activity of the energy model). */
    readonly collectiveFraction?: number;
  };
  /** KV cache per replica and its use over the run (fractions of capacity, time-averaged mean). */
  readonly kvCache?: {
    readonly capacityTokensPerReplica: number;
    readonly bytesPerTokenPerRank: number;
    readonly bytesPerRank: number;
    readonly peakUsedFraction: number;
    readonly meanUsedFraction: number;
    /** Requests that waited at least once for KV space. */
    readonly requestsWaited: number;
  };
  /** Time-averaged requests in the system (waiting or running), for Little's law. */
  readonly meanRequestsInSystem?: number;
  /** Simulated time from the start to the last completion, seconds. */
  readonly simulatedTimeS?: number;
  readonly replicas?: number;
  readonly steps?: { readonly prefill: number; readonly decode: number; readonly meanDecodeBatch: number };
  /** Issue 14: per generated token (no per-step figures). */
  readonly cost?: CostResult;
  readonly energy?: EnergyResult;
  /** Added by the scenario layer around a whole run (workloads report only their eventsSimulated). */
  readonly meta?: RunMeta;
}
