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
export { runTraining } from './training.js';
export type { TrainingOptions, TrainingResultDetail } from './training.js';
export { memoryPerChip, checkMemoryFits, layerActivationBytes, stageParamsPerRank } from './memory.js';
export type { MemoryBreakdown } from './memory.js';
export { checkParallelism, microBatches, layersPerChunk, tpGroup, dpGroup, cpGroup, epGroup, rankOf } from './parallelism.js';
export { layerForwardOps, logitsForwardOps, embeddingForwardOps, backwardOf, forwardFlopsPerTokenFull } from './ops.js';
export type { Op, OpKind, ShardShape } from './ops.js';
export { matmulEfficiency, opTimeS, rankCompute, tileUtilisation } from './roofline.js';
export type { RankCompute } from './roofline.js';
export { ringEstimateS, cachedTimer } from './comm.js';
export type { CollectiveTimer } from './comm.js';
export { stageProgram } from './schedule.js';
export type { PipelineUnit } from './schedule.js';
export { TaskGraph } from './task-graph.js';
export {
  TILE_PARTITIONS,
  MATMUL_EFFICIENCY_MAX,
  MATMUL_ROWS_HALF,
  ATTENTION_EFFICIENCY_FACTOR,
  ATTENTION_CAUSAL_FRACTION,
  ATTENTION_BACKWARD_FACTOR,
  HBM_EFFICIENCY,
  OP_OVERHEAD_S,
  TP_COMM_OVERLAP,
  GRAD_BYTES,
  WEIGHT_BYTES,
  OPTIMIZER_BYTES,
  OPTIMIZER_STEP_BYTES_PER_PARAM,
  ACTIVATION_BYTES,
  LOGIT_BYTES,
  HBM_RESERVED_FRACTION,
} from './calibration.js';
export { defaultCollectiveTimer, siblingShifts } from './collective-timer.js';
export { pipelineDrainEndS, stageBreakdown } from './breakdown.js';
export type { StageBreakdown } from './breakdown.js';
export { stageCosts } from './stage-costs.js';
export type { StageCosts, SegmentTimes } from './stage-costs.js';
