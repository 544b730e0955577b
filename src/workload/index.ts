/** Public surface of the workload layer (training; inference lives in ./inference/). */
export type {
  ModelConfig,
  Parallelism,
  PipelineSchedule,
  Precision,
  Recompute,
  TrainingResult,
  TrainingWorkload,
} from './types.js';
export {
  modelPresets,
  modelPresetNames,
  resolveModel,
  parameterCounts,
  modelFlopsPerToken,
  attentionParams,
  expertFfnParams,
} from './models.js';
export type { InlineModel, ParameterCounts } from './models.js';
export { runTraining } from './training/run-training.js';
export type { TrainingOptions, TrainingResultDetail } from './training/run-training.js';
export { memoryPerChip, checkMemoryFits, layerActivationBytes, stageParamsPerRank } from './training/memory.js';
export type { MemoryBreakdown } from './training/memory.js';
export { checkParallelism, microBatches, layersPerChunk, tpGroup, dpGroup, cpGroup, epGroup, rankOf } from './training/parallelism.js';
export { layerForwardOps, logitsForwardOps, embeddingForwardOps, backwardOf, forwardFlopsPerTokenFull } from './ops.js';
export type { Op, OpKind, ShardShape } from './ops.js';
export { matmulEfficiency, opTimeS, rankCompute, tileUtilisation } from './roofline.js';
export type { RankCompute } from './roofline.js';
export { stageProgram } from './training/pipeline-schedule.js';
export type { PipelineUnit } from './training/pipeline-schedule.js';
export { TaskGraph } from './task-graph.js';
export {
  TENSOR_TILE_PARTITIONS,
  MATMUL_EFFICIENCY_MAX,
  MATMUL_ROWS_HALF,
  ATTENTION_EFFICIENCY_FACTOR,
  ATTENTION_CAUSAL_FRACTION,
  ATTENTION_BACKWARD_FACTOR,
  HBM_EFFICIENCY_PER_OP,
  HBM_EFFICIENCY_STREAMING,
  ROOFLINE_OP_OVERHEAD_S,
  WEIGHT_BYTES,
  ACTIVATION_BYTES,
  LOGIT_BYTES,
  HBM_RUNTIME_RESERVED_FRACTION,
  HBM_RESERVED_FRACTION_BEYOND_KV,
} from './calibration.js';
export { TP_COMM_OVERLAP, GRAD_BYTES, OPTIMIZER_BYTES, OPTIMIZER_STEP_BYTES_PER_PARAM } from './training/calibration.js';
export { pipelineDrainEndS, stageBreakdown } from './training/breakdown.js';
export type { StageBreakdown } from './training/breakdown.js';
export { stageCosts } from './training/stage-costs.js';
export type { StageCosts, SegmentTimes } from './training/stage-costs.js';
export * as reliability from './reliability/index.js';
export type { ReliabilityResult, LongJobSpec } from './reliability/index.js';
