/**
 * `trnsim calibrate measurements.yaml --out calibration.json [--only-mine]`: fits the named
 * constants to the user's measurements (and the bundled cases unless --only-mine), prints the
 * before/after error of every point and writes the calibration file that run, collective, sweep
 * (--calibration) and scenarios (calibration:) accept. docs/validation.md "Calibrate".
 */
import type { Command } from 'commander';
import { checkOutputPath, writeOutputFile } from '../../report/index.js';
import { CliError } from '../cli-error.js';
import { calibrate } from '../../validation/index.js';
import type { CalibrationRun } from '../../validation/index.js';

interface CalibrateFlags {
  out?: string;
  onlyMine?: boolean;
  json?: boolean;
}

const pct = (v: number): string => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%` : 'n/a');

export function formatCalibration(run: CalibrationRun, out: string): string {
  const mine = run.points.filter((p) => p.mine);
  const others = run.points.filter((p) => !p.mine);
  const w = Math.max(5, ...mine.map((p) => p.id.length));
  const lines = [`${'point'.padEnd(w)}  ${'before'.padStart(8)}  ${'after'.padStart(8)}`];
  for (const p of mine) lines.push(`${p.id.padEnd(w)}  ${pct(p.relErrorBefore).padStart(8)}  ${pct(p.relErrorAfter).padStart(8)}`);
  lines.push('', `your ${mine.length} points: median |error| ${pct(run.medianBefore).slice(1)} before, ${pct(run.medianAfter).slice(1)} after`);
  if (others.length > 0) {
    const med = (xs: number[]) => {
      const v = xs.filter(Number.isFinite).map(Math.abs).sort((a, b) => a - b);
      return v.length ? v[v.length >> 1]! : NaN;
    };
    lines.push(`bundled ${others.length} cases: median |error| ${pct(med(others.map((p) => p.relErrorBefore))).slice(1)} before, ${pct(med(others.map((p) => p.relErrorAfter))).slice(1)} after`);
  }
  lines.push('', `fitted ${run.fitted.length} constants:`);
  for (const n of run.fitted) lines.push(`  ${n.padEnd(44)} ${run.constants[n]!.toPrecision(4)}`);
  lines.push('', `wrote ${out} (use: trnsim run <scenario> --calibration ${out}, or calibration: ${out} in a scenario)`);
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('calibrate')
    .description('fit the named calibration constants to your measurements (nccom-test outputs, results CSVs) and write a calibration file')
    .argument('<measurements>', 'YAML: measurements: [{nccom: file, op, system, ranks, dtype} | {results: file.csv}]')
    .option('--out <file>', 'calibration file to write (JSON; required)')
    .option('--only-mine', 'fit to your measurements alone (default: together with the bundled published cases)')
    .option('--json', 'print {points: [{id, mine, published, relErrorBefore, relErrorAfter}], fitted, constants, medianBefore, medianAfter}')
    .action(async (file: string, flags: CalibrateFlags) => {
      if (flags.out === undefined) throw new CliError('--out <file> is required: where to write the calibration (e.g. --out calibration.json)');
      // the fit takes minutes: the output path is checked first
      checkOutputPath(flags.out, '--out', { inputs: [file] });
      const run = await calibrate(file, { ...(flags.onlyMine ? { onlyMine: true } : {}), onIteration: (i, l) => process.stderr.write(`trnsim: fit iteration ${i}, loss ${l.toFixed(5)}\n`) });
      writeOutputFile(flags.out, JSON.stringify(run.file, null, 2) + '\n', '--out');
      if (flags.json) {
        process.stdout.write(JSON.stringify({ points: run.points, fitted: run.fitted, constants: run.constants, medianBefore: run.medianBefore, medianAfter: run.medianAfter }, null, 2) + '\n');
      } else process.stdout.write(formatCalibration(run, flags.out));
    });
}
