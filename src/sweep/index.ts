/** trnsim sweeps: expand axes, run points in worker threads, stream JSON lines, resume, shard, merge. */
export { runSweep, SweepRun } from './run-sweep.js';
export { inProcessExecutor, workerPoolExecutor, affinityPoolExecutor, compiledModuleUrl } from './pool.js';
export type { PointExecutor, AffinityExecutor } from './pool.js';
export type { RunSweepOptions, SweepProgress, SweepSummary } from './run-sweep.js';
export { planSweep, DEFAULT_SCENARIO_SEED } from './plan.js';
export type { PlanOptions, PlannedPoint, SweepAxis, SweepPlan } from './plan.js';
export { axisValues } from './axes.js';
export { checkSchemaPath } from './schema-paths.js';
export { parseShard, inShard, shardSize } from './shard.js';
export { parseObjective, objectiveText, BestPoints, DEFAULT_OBJECTIVES } from './objective.js';
export type { Objective, RankedPoint } from './objective.js';
export { parseLine, lineText, comparableText } from './result-line.js';
export { prepareResultsFile, ResultsFileWriter, StdoutSink } from './results-file.js';
export type { LineSink, ResumeState } from './results-file.js';
export { readSortedResults } from './read-results.js';
export type { SortedResults } from './read-results.js';
export { mergeResults } from './merge.js';
export type { MergeSummary } from './merge.js';
export { writeCsv } from './csv.js';
export { formatSummary } from './summary.js';
export { stderrProgress } from './progress.js';
export type { ProgressDisplay } from './progress.js';
export { SweepErrors } from './errors.js';
export * from './emit/index.js';
export type {
  AxisSpec,
  Json,
  JsonObject,
  PointContext,
  PointOutcome,
  PointPrepareFunction,
  PointRunFunction,
  PointRunnerModule,
  PointStatus,
  PointValidateFunction,
  Shard,
  SweepBlock,
  SweepLine,
  SweepLineMeta,
  SweepPoint,
  PointLimits,
} from './types.js';
