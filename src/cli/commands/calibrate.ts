/**
 * `trnsim calibrate measurements.yaml --out calibration.json [--only-mine]`: fits the named
 * constants to the user's measurements (and the bundled cases unless --only-mine), prints the
 * before/after error of every point and writes the calibration file that run, collective, sweep
 * (--calibration) and scenarios (calibration:) accept. docs/validation.md "Calibrate".
 */
import type { Command } from 'commander';
import { checkOutputPath, writeOutputFile } from '../../report/index.js';
import { CliError } from '../cli-error.js';
import { calibrate, formatCalibration } from '../../validation/index.js';

interface CalibrateFlags {
  out?: string;
  onlyMine?: boolean;
  json?: boolean;
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
      if (flags.out === undefined) throw new CliError('--out: required: give the file to write the calibration to, e.g. --out calibration.json.');
      // the fit takes minutes: the output path is checked first
      checkOutputPath(flags.out, '--out', { inputs: [file] });
      const run = await calibrate(file, { ...(flags.onlyMine ? { onlyMine: true } : {}), onIteration: (i, l) => process.stderr.write(`trnsim: fit iteration ${i}, loss ${l.toFixed(5)}\n`) });
      writeOutputFile(flags.out, JSON.stringify(run.file, null, 2) + '\n', '--out');
      if (flags.json) {
        process.stdout.write(JSON.stringify({ points: run.points, fitted: run.fitted, constants: run.constants, medianBefore: run.medianBefore, medianAfter: run.medianAfter }, null, 2) + '\n');
      } else process.stdout.write(formatCalibration(run, flags.out));
    });
}
