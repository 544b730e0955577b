/** Public surface of the report layer: terminal tables and stable JSON of results. */
export { formatResultJson, stableResult, orderFields, withoutMeta, TRAINING_FIELD_ORDER, INFERENCE_FIELD_ORDER, RELIABILITY_FIELD_ORDER } from './json.js';
export type { FieldOrder } from './json.js';
export { formatTrainingReport } from './training-report.js';
export { formatInferenceReport } from './inference-report.js';
export { renderTable, formatCount, formatRate, countOf } from './table.js';
export type { Row } from './table.js';
export type { ReportContext } from './context.js';
export { systemLine } from './context.js';
export { formatUsd, formatSi, costRows, energyRows } from './cost-rows.js';
export { toCsv } from './csv.js';
export type { CsvCell } from './csv.js';
export { checkOutputPath, checkOutputPaths, writeOutputFile, writeFailed, describeWriteError, openOutput, writeAll, OutputWriteError } from './output-file.js';
export type { OutputPathOptions } from './output-file.js';
export { LineFile } from './line-file.js';
export { compareRows, formatCompareTable, compareCsv, compareJsonValue, formatCompareJson, COMPARE_CSV_HEADER } from './compare.js';
export type { CompareEntry, CompareRow } from './compare.js';
export { compareScenarios, systemDescription } from './compare-run.js';
export type { Comparison, ComparedScenario } from './compare-run.js';
export { runHtml, compareHtml, sweepHtml, topologyView, barChart, lineChart, heatColor } from './html/index.js';
export { runReportHtml, runTraceJson, runLinkLoads, resultCsv } from './run-outputs.js';
export { stepTrace, validateTrace, MAX_LINK_TRACKS } from './trace/index.js';
export type { StepTraceInput, TraceEvent, TraceFile } from './trace/index.js';
export type { RunPageInput, SweepPageInput, SweepPoint, TopologyView, ViewLink } from './html/index.js';

import type { InferenceResult, TrainingResult } from '../workload/types.js';
import type { ReportContext } from './context.js';
import { formatTrainingReport } from './training-report.js';
import { formatInferenceReport } from './inference-report.js';

/** The human report of either kind of result. */
export function formatResultReport(result: TrainingResult | InferenceResult, ctx: ReportContext = {}): string {
  return result.kind === 'training' ? formatTrainingReport(result, ctx) : formatInferenceReport(result, ctx);
}
export { uncertaintyFor, formatBand, bandsFromResiduals, band68, loadUncertaintyTable, uncertaintyTablePath, MIN_BAND, OUTSIDE_FACTOR } from './uncertainty.js';
export type { Uncertainty, UncertaintyQuery, UncertaintyTable, ResidualRow, ClassBand } from './uncertainty.js';
export { collectiveQuery, trainingQuery, inferenceQuery, resultUncertainty, withUncertainty } from './uncertainty-query.js';
export { formatCollectiveTable, formatCollectiveReport, collectiveUncertainty } from './collective-report.js';
export type { CollectiveReportInput } from './collective-report.js';
export { formatSystemList, formatSystemSummary } from './hardware-report.js';
export type { ResultUncertainty } from './uncertainty-query.js';
