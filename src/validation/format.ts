/**
 * `trnsim validate` and `trnsim calibrate` in human units and as their JSON: the per-case table
 * (fit to a width: the source column is cut, --json has it whole), the leave-one-out table, the
 * fitted constants, and calibrate's before/after table.
 */
import { FITTED_CONSTANTS } from '../workload/fitted-constants.js';
import { fittedConstantCount, type LooReport } from './loo.js';
import type { FitResult } from './fit.js';
import type { ValidationReport } from './types.js';
import { medianAbs } from './run-validation.js';
import type { CalibrationRun } from './calibrate.js';

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1000 ? v.toFixed(0) : a >= 1 ? v.toPrecision(4) : v.toPrecision(3);
}

/** A signed percentage, e.g. +1.2%; n/a when not finite. */
const pct = (v: number): string => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%` : 'n/a');

/** Cuts `text` to `width` characters, marking the cut with "...". */
function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 3))}...`;
}

/** The table, at most `width` columns wide: the source column is cut to what is left (--json has it in full). */
export function formatValidationTable(report: ValidationReport, width = 100): string {
  const head = ['id', 'metric', 'unit', 'published', 'simulated', 'error', 'source'];
  const rows = report.cases.map((c) => [
    c.id,
    c.metric,
    c.unit,
    fmt(c.published),
    c.simulated === null ? '-' : fmt(c.simulated),
    c.relError === null ? 'ERROR' : pct(c.relError),
    c.error ? c.error : `${c.neuronVersion ? `${/^neuron/i.test(c.neuronVersion) ? '' : 'Neuron '}${c.neuronVersion}; ` : ''}${c.source}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // the last column takes what the others leave, at least 20 characters
  const used = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
  widths[6] = Math.max(20, Math.min(widths[6]!, width - used));
  for (const r of rows) r[6] = fit(r[6]!, widths[6]!);
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 1 || i === 2 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const evaluated = report.cases.filter((c) => c.relError !== null).length;
  const errors = report.cases.length - evaluated;
  const median = Number.isNaN(report.medianRelError) ? 'n/a' : `${(report.medianRelError * 100).toFixed(1)}%`;
  return [
    line(head),
    ...rows.map(line),
    '',
    ...wrap(`median |error| ${median} over ${evaluated} case${evaluated === 1 ? '' : 's'}${errors ? `; ${errors} case${errors === 1 ? '' : 's'} could not be evaluated` : ''}`, width),
    ...wrap(`fitted constants: ${fittedConstantCount()} (one set for every scenario, fitted on the bundled cases together; trnsim validate --loo for the leave-one-table-out errors)`, width),
  ].join('\n') + '\n';
}

/** Breaks a sentence into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** The leave-one-table-out table: in-sample and LOO error per case, then the medians. */
export function formatLooTable(r: LooReport): string {
  const head = ['id', 'table', 'in-sample', 'leave-one-out'];
  const rows = r.rows.map((x) => [x.id, x.table, pct(x.relError), pct(x.looRelError)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [
    line(head),
    ...rows.map(line),
    '',
    `median |error| in-sample ${pct(r.medianRelError).slice(1)}, leave-one-out ${pct(r.medianLooRelError).slice(1)} over ${r.rows.length} cases in ${r.tables} source tables (each table left out whole); fitted constants: ${r.fittedConstants}`,
  ].join('\n') + '\n';
}

/** The fitted constants: value, unit, the shipped value, and which ones are anchored (not fitted). */
export function formatFit(fit: FitResult): string {
  const lines = FITTED_CONSTANTS.map(
    (c) => `${c.name.padEnd(44)} ${fit.values[c.name]!.toPrecision(4).padStart(12)} ${c.unit.padEnd(6)} (shipped ${c.defaultValue.toPrecision(4)}${fit.names.includes(c.name) ? '' : ', anchored: not fitted'})`,
  );
  return `${lines.join('\n')}\nloss ${fit.loss.toFixed(5)} after ${fit.iterations} iterations\n`;
}

/** `validate --fit --json`. */
export function fitJson(fit: FitResult): object {
  return { constants: fit.values, fitted: fit.names, loss: fit.loss, relErrors: fit.relErrors };
}

/** `validate --loo --json`. */
export function looJson(loo: LooReport): object {
  const cases = loo.rows.map((r) => ({ id: r.id, table: r.table, kind: r.kind, published: r.published, relError: r.relError, looRelError: r.looRelError }));
  return { cases, medianRelError: loo.medianRelError, medianLooRelError: loo.medianLooRelError, fittedConstants: loo.fittedConstants, tables: loo.tables };
}

/** `validate --json`: every case with its source in full, the median (null when nothing ran). */
export function validationJson(report: ValidationReport): object {
  const cases = report.cases.map((c) => ({
    id: c.id,
    metric: c.metric,
    published: c.published,
    simulated: c.simulated,
    relError: c.relError,
    source: c.source,
    kind: c.kind,
    unit: c.unit,
    ...(c.neuronVersion !== undefined ? { neuronVersion: c.neuronVersion } : {}),
    ...(c.error !== undefined ? { error: c.error } : {}),
  }));
  return { cases, medianRelError: Number.isNaN(report.medianRelError) ? null : report.medianRelError, fittedConstants: fittedConstantCount() };
}

/** calibrate's table: your points before and after, the bundled cases' median, the constants, the file written. */
export function formatCalibration(run: CalibrationRun, out: string): string {
  const mine = run.points.filter((p) => p.mine);
  const others = run.points.filter((p) => !p.mine);
  const w = Math.max(5, ...mine.map((p) => p.id.length));
  const lines = [`${'point'.padEnd(w)}  ${'before'.padStart(8)}  ${'after'.padStart(8)}`];
  for (const p of mine) lines.push(`${p.id.padEnd(w)}  ${pct(p.relErrorBefore).padStart(8)}  ${pct(p.relErrorAfter).padStart(8)}`);
  lines.push('', `your ${mine.length} points: median |error| ${pct(run.medianBefore).slice(1)} before, ${pct(run.medianAfter).slice(1)} after`);
  if (others.length > 0) {
    // the median validate prints (the mean of the middle two of an even count)
    lines.push(`bundled ${others.length} cases: median |error| ${pct(medianAbs(others.map((p) => p.relErrorBefore))).slice(1)} before, ${pct(medianAbs(others.map((p) => p.relErrorAfter))).slice(1)} after`);
  }
  lines.push('', `fitted ${run.fitted.length} constants:`);
  for (const n of run.fitted) lines.push(`  ${n.padEnd(44)} ${run.constants[n]!.toPrecision(4)}`);
  lines.push('', `wrote ${out} (use: trnsim run <scenario> --calibration ${out}, or calibration: ${out} in a scenario)`);
  return lines.join('\n') + '\n';
}

