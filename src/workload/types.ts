/**
 * Contracts of the workload layer (DESIGN.md "workload"). The scenario layer resolves a file into
 * these SI types; workload/ turns them into ops, a per-rank task graph, and results.
 */

/** A transformer architecture (reference/models.md). */
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
}

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

/** Stable JSON of `trnsim run --json` for training (issue 7). Everything but `meta` is deterministic. */
export interface TrainingResult {
  readonly kind: 'training';
  readonly name: string;
  readonly stepTimeS: number;
  readonly sequencesPerSecond: number;
  readonly tokensPerSecond: number;
  /** Fraction 0..1 (reference/models.md definition). */
  readonly mfu: number;
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
  readonly meta?: { readonly wallTimeS: number; readonly eventsSimulated: number; readonly host: string; readonly version: string };
}
