/**
 * `trnsim validate [--json]`: runs the validation suite (data/validation/*.json, docs/validation.md)
 * and prints published vs simulated, the relative error per case and the median.
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { fitJson, formatFit, formatLooTable, formatValidationTable, looJson, runFullFit, runLeaveOneOut, runValidation, selectCases, validationJson, writeUncertaintyTable } from '../../validation/index.js';
import { checkOutputPath, uncertaintyTablePath } from '../../report/index.js';

interface ValidateFlags {
  json?: boolean;
  kind?: string;
  data?: string;
  loo?: boolean;
  looLinear?: boolean;
  fit?: boolean;
  writeUncertainty?: boolean;
}

/** Width of the table: the terminal's, or 100 columns when stdout is not a terminal. */
export function tableWidth(stream: NodeJS.WriteStream = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 100;
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
      if (kinds && kinds.length === 0) throw new CliError('--kind: expected a comma-separated list of kinds, e.g. collective,inference.');
      const where = { ...(flags.data ? { dataDir: flags.data } : {}), ...(kinds ? { kinds } : {}) };
      // a folder without cases or a kind no case has is refused before any mode runs
      selectCases(where);
      if (flags.writeUncertainty) checkOutputPath(uncertaintyTablePath(), '--write-uncertainty');
      if (flags.fit) {
        const fit = await runFullFit({ ...where, onIteration: (i, l) => process.stderr.write(`trnsim: fit iteration ${i}, loss ${l.toFixed(5)}\n`) });
        process.stdout.write(flags.json ? `${JSON.stringify(fitJson(fit), null, 2)}\n` : formatFit(fit));
        return;
      }
      if (flags.loo) {
        const loo = await runLeaveOneOut({ ...where, refit: flags.looLinear ? 'linear' : 'exact' });
        if (flags.writeUncertainty) {
          if (flags.data || kinds) throw new CliError('--write-uncertainty: regenerates the bands from every bundled case; drop --data and --kind.');
          writeUncertaintyTable(loo);
          process.stderr.write('trnsim: wrote data/validation/uncertainty.json\n');
        }
        process.stdout.write(flags.json ? `${JSON.stringify(looJson(loo), null, 2)}\n` : formatLooTable(loo));
        return;
      }
      const report = await runValidation({ ...(flags.data ? { dataDir: flags.data } : {}), ...(kinds ? { kinds } : {}) });
      process.stdout.write(flags.json ? `${JSON.stringify(validationJson(report), null, 2)}\n` : formatValidationTable(report, tableWidth()));
    });
}
