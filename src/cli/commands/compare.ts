/**
 * `trnsim compare a.yaml b.yaml ... [--json] [--csv file] [--report file]`: runs the scenarios and
 * prints them side by side with ratios against the first (report/compare.ts; docs/reports.md).
 */
import { applyCalibrationFlag, CALIBRATION_FLAG_HELP } from '../calibration-flag.js';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { addLimitFlags, limitOptions, type LimitFlags } from '../limit-flags.js';
import { checkOutputPaths, compareCsv, compareRows, compareScenarios, formatCompareJson, formatCompareTable, writeOutputFile, compareHtml } from '../../report/index.js';

interface CompareFlags extends LimitFlags {
  calibration?: string;
  json?: boolean;
  csv?: string;
  report?: string;
}

export function register(program: Command): void {
  const command = program
    .command('compare')
    .description('run several scenarios and print them side by side: time, throughput, MFU, $ and joules per step and per million tokens, ratios against the first')
    .argument('<files...>', 'scenario files, YAML or JSON, or bundled scenario names (the first is the reference of the ratios)')
    .option('--calibration <file>', CALIBRATION_FLAG_HELP)
    .option('--json', 'print a JSON array of the result objects, each with its name, system and ratios against the first')
    .option('--csv <file>', 'also write the comparison table as CSV')
    .option('--report <file>', 'also write a self-contained HTML report (opens offline)');
  addLimitFlags(command).action((files: string[], flags: CompareFlags) => {
      if (files.length < 1) throw new CliError('compare: give at least one scenario file.');
      const limits = limitOptions(flags);
      checkOutputPaths([['--csv', flags.csv], ['--report', flags.report]], { inputs: [...files, ...(flags.calibration !== undefined ? [flags.calibration] : [])] });
      applyCalibrationFlag(flags.calibration);
      const { entries, problems } = compareScenarios(files, { ...limits, onWarning: (m) => process.stderr.write(`trnsim: warning: ${m}\n`) });
      const rows = compareRows(entries);
      process.stdout.write(flags.json ? formatCompareJson(entries) : formatCompareTable(rows));
      if (flags.csv !== undefined) writeOutputFile(flags.csv, compareCsv(rows), '--csv');
      if (flags.report !== undefined) writeOutputFile(flags.report, compareHtml(entries), '--report');
      if (problems.length > 0) throw new CliError(problems.map((p) => p.message).join(' '));
    });
}
