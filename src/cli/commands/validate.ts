/**
 * `trnsim validate [--json]`: runs the validation suite (data/validation/*.json, docs/validation.md)
 * and prints published vs simulated, the relative error per case and the median.
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { fittedConstantCount, runFullFit, runLeaveOneOut, runValidation, selectCases, writeUncertaintyTable } from '../../validation/index.js';
import { checkOutputPath, uncertaintyTablePath } from '../../report/index.js';
import type { LooReport, ValidationReport } from '../../validation/index.js';
import { FITTED_CONSTANTS } from '../../workload/fitted-constants.js';

interface ValidateFlags {
  json?: boolean;
  kind?: string;
  data?: string;
  loo?: boolean;
  looLinear?: boolean;
  fit?: boolean;
  writeUncertainty?: boolean;
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1000 ? v.toFixed(0) : a >= 1 ? v.toPrecision(4) : v.toPrecision(3);
}

/** Cuts `text` to `width` characters, marking the cut with "...". */
function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 3))}...`;
}

/** Width of the table: the terminal's, or 100 columns when stdout is not a terminal. */
export function tableWidth(stream: NodeJS.WriteStream = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 100;
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
    c.relError === null ? 'ERROR' : `${(c.relError * 100 >= 0 ? '+' : '')}${(c.relError * 100).toFixed(1)}%`,
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

const pct = (v: number): string => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%` : 'n/a');

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

export function register(program: Command): void {
  program
    .command('validate')
    .description('run the validation suite (published measurements in data/validation/*.json) and print published vs simulated with the relative error per case and the median')
    .option('--json', 'print {cases: [{id, metric, published, simulated, relError, source, ...}], medianRelError}')
    .option('--kind <kinds>', 'only cases of these kinds, comma-separated (e.g. collective,inference)')
    .option('--data <dir>', 'directory of case files (default: the package data/validation)')
    .option('--loo', 'leave-one-out: each case with the constants refitted without its source table (slow: several minutes; --loo-linear is the fast approximation)')
    .option('--loo-linear', 'with --loo: refit on the linearisation about the full fit (one Jacobian, ~20 s)')
    .option('--write-uncertainty', 'with --loo on the bundled cases: regenerate data/validation/uncertainty.json (the error bands of run, collective, sweep)')
    .option('--fit', 'refit every fitted constant on the cases and print the values (maintainers; a few minutes)')
    .action(async (flags: ValidateFlags) => {
      const kinds = flags.kind?.split(',').map((k) => k.trim()).filter((k) => k.length > 0);
      if (kinds && kinds.length === 0) throw new CliError('--kind: expected a comma-separated list of kinds, e.g. collective,inference');
      const where = { ...(flags.data ? { dataDir: flags.data } : {}), ...(kinds ? { kinds } : {}) };
      // a folder without cases or a kind no case has is refused before any mode runs
      selectCases(where);
      if (flags.writeUncertainty) checkOutputPath(uncertaintyTablePath(), '--write-uncertainty');
      if (flags.fit) {
        const fit = await runFullFit({ ...where, onIteration: (i, l) => process.stderr.write(`trnsim: fit iteration ${i}, loss ${l.toFixed(5)}\n`) });
        if (flags.json) process.stdout.write(JSON.stringify({ constants: fit.values, fitted: fit.names, loss: fit.loss, relErrors: fit.relErrors }, null, 2) + '\n');
        else {
          for (const c of FITTED_CONSTANTS) process.stdout.write(`${c.name.padEnd(44)} ${fit.values[c.name]!.toPrecision(4).padStart(12)} ${c.unit.padEnd(6)} (shipped ${c.defaultValue.toPrecision(4)}${fit.names.includes(c.name) ? '' : ', anchored: not fitted'})\n`);
          process.stdout.write(`loss ${fit.loss.toFixed(5)} after ${fit.iterations} iterations\n`);
        }
        return;
      }
      if (flags.loo) {
        const loo = await runLeaveOneOut({ ...where, refit: flags.looLinear ? 'linear' : 'exact' });
        if (flags.writeUncertainty) {
          if (flags.data || kinds) throw new CliError('--write-uncertainty: regenerates the bands from every bundled case; drop --data and --kind');
          writeUncertaintyTable(loo);
          process.stderr.write('trnsim: wrote data/validation/uncertainty.json\n');
        }
        if (flags.json) {
          const cases = loo.rows.map((r) => ({ id: r.id, table: r.table, kind: r.kind, published: r.published, relError: r.relError, looRelError: r.looRelError }));
          process.stdout.write(JSON.stringify({ cases, medianRelError: loo.medianRelError, medianLooRelError: loo.medianLooRelError, fittedConstants: loo.fittedConstants, tables: loo.tables }, null, 2) + '\n');
        } else process.stdout.write(formatLooTable(loo));
        return;
      }
      const report = await runValidation({ ...(flags.data ? { dataDir: flags.data } : {}), ...(kinds ? { kinds } : {}) });
      if (flags.json) {
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
        process.stdout.write(JSON.stringify({ cases, medianRelError: Number.isNaN(report.medianRelError) ? null : report.medianRelError, fittedConstants: fittedConstantCount() }, null, 2) + '\n');
      } else process.stdout.write(formatValidationTable(report, tableWidth()));
    });
}
