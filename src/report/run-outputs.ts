/**
 * The files `trnsim run` can write besides its report: the HTML report, the step trace and a CSV
 * of the result (one row per numeric field, dot paths as in the JSON).
 */
import type { DetailedRun } from '../scenario/index.js';
import type { StepGraph } from '../workload/training/step-graph.js';
import { unitLinkLoads } from '../workload/training/link-load.js';
import { stableResult } from './json.js';
import { toCsv, type CsvCell } from './csv.js';
import { systemLine } from './context.js';
import { runHtml } from './html/run-page.js';
import { topologyView } from './html/topology-view.js';
import { stepTrace } from './trace/step-trace.js';
import { trainingWorkloadRows } from './training-report.js';
import { inferenceWorkloadRows } from './inference-report.js';

function context(run: DetailedRun) {
  return { system: run.resolved.system, ranks: run.resolved.ranks, chips: run.system.chipCount, workload: run.resolved.workload };
}

/** The lockstep blocks a training run simulated (runTraining's blocksSimulated). */
function blocksOf(run: DetailedRun): readonly number[] {
  const b = (run.result as { blocksSimulated?: readonly number[] }).blocksSimulated;
  return b ?? [0];
}

/** The unit-0 link loads of a training run (empty for inference). */
export function runLinkLoads(run: DetailedRun) {
  const w = run.resolved.workload;
  if (w.kind !== 'training' || run.result.kind !== 'training') return [];
  return unitLinkLoads(run.system, w, run.result.stepTimeS, 0);
}

/** The HTML report; with the step graph (training) it includes the step timeline. */
export function runReportHtml(run: DetailedRun, step?: StepGraph): string {
  const w = run.resolved.workload;
  const loads = runLinkLoads(run);
  const trace = step && w.kind === 'training' && run.result.kind === 'training'
    ? stepTrace({ system: run.system, workload: w, step, stepTimeS: run.result.stepTimeS, name: run.result.name, linkLoads: loads, blocks: blocksOf(run) })
    : undefined;
  return runHtml({
    result: run.result,
    ...(systemLine(context(run)) ? { systemLine: systemLine(context(run))! } : {}),
    workloadLines: w.kind === 'training' ? trainingWorkloadRows(w) : inferenceWorkloadRows(w),
    ...(w.kind === 'training' ? { topology: topologyView(run.system, loads, 0) } : {}),
    ...(trace ? { trace } : {}),
  });
}

/** The trace of a training run's step as JSON text (the step graph comes from RunOptions.onStepGraph). */
export function runTraceJson(run: DetailedRun, step: StepGraph): string {
  const w = run.resolved.workload;
  if (w.kind !== 'training' || run.result.kind !== 'training') throw new Error('runTraceJson: a training run is needed');
  const trace = stepTrace({ system: run.system, workload: w, step, stepTimeS: run.result.stepTimeS, name: run.result.name, linkLoads: runLinkLoads(run), blocks: blocksOf(run) });
  return `${JSON.stringify(trace)}\n`;
}

function flatten(prefix: string, v: unknown, out: Array<[string, CsvCell]>): void {
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) {
    out.push([prefix, v.join(' ')]);
    return;
  }
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) flatten(prefix ? `${prefix}.${k}` : k, x, out);
    return;
  }
  out.push([prefix, v as CsvCell]);
}

/** CSV of a result: field (dot path, as in run --json), value; meta left out. */
export function resultCsv(result: DetailedRun['result']): string {
  const { meta: _meta, ...rest } = stableResult(result);
  const rows: Array<[string, CsvCell]> = [];
  flatten('', rest, rows);
  return toCsv(['field', 'value'], rows);
}
