/**
 * `trnsim run <file> [--json] [--trace f] [--report f] [--csv f]`: runs a scenario (training step or
 * inference serving) and prints the report, or one JSON object with stable SI fields; optionally
 * writes a Perfetto trace of the step, a self-contained HTML report and a CSV of the result.
 * Output paths are checked before the simulation runs. Bad input: one paragraph, exit code 2; a
 * price or power figure nobody gives is reported after the rest of the results are printed.
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { loadScenario, missingFiguresError, runScenarioDetailed } from '../../scenario/index.js';
import { checkOutputPaths, formatResultJson, formatResultReport, resultCsv, runReportHtml, runTraceJson, writeOutputFile, withUncertainty } from '../../report/index.js';
import type { StepGraph } from '../../workload/training/step-graph.js';
import { applyCalibrationFlag, CALIBRATION_FLAG_HELP } from '../calibration-flag.js';
import { addLimitFlags, limitOptions, type LimitFlags } from '../limit-flags.js';
import { runProgress } from '../run-progress.js';
import { intFlag } from '../int-flag.js';

interface RunFlags extends LimitFlags {
  progress?: boolean;
  json?: boolean;
  seed?: string;
  calibration?: string;
  trace?: string;
  report?: string;
  csv?: string;
  exact?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('run')
    .description('run a scenario file (training step or inference serving) and print step time, throughput, MFU, time breakdown, memory, cost and energy, or latencies')
    .argument('<file>', 'scenario file, YAML or JSON (docs/scenarios.md), or a bundled scenario name such as llama-3.1-8b-trn2-48xl')
    .option('--json', 'print one JSON object with stable SI fields (meta last: wall time, events, host, version)')
    .option('--seed <n>', "replace the scenario's seed (a non-negative integer)")
    .option('--calibration <file>', CALIBRATION_FLAG_HELP)
    .option('--trace <file>', 'write a Perfetto/Chrome trace of the training step (JSON; open in ui.perfetto.dev)')
    .option('--report <file>', 'write a self-contained HTML report (opens offline)')
    .option('--csv <file>', 'write the result as CSV (field, value)')
    .option('--exact', 'training: simulate every rank, no symmetry reduction (slow at scale; the reference the reduction is tested against)')
    .option('--no-progress', 'no progress line on stderr for a long run');
  addLimitFlags(command).action((file: string, flags: RunFlags) => {
      const seed = intFlag('--seed', flags.seed);
      const limits = limitOptions(flags);
      checkOutputPaths([['--trace', flags.trace], ['--report', flags.report], ['--csv', flags.csv]], { inputs: [file, ...(flags.calibration !== undefined ? [flags.calibration] : [])] });
      applyCalibrationFlag(flags.calibration);
      const scenario = loadScenario(file, { allowedRoots: limits.allowedRoots, ...(limits.maxBytes !== undefined ? { maxBytes: limits.maxBytes } : {}) });
      if (flags.trace !== undefined && scenario.workload.kind !== 'training') {
        throw new CliError(`--trace: ${file} is an inference scenario; a trace shows a training step (use --report for the serving run).`);
      }
      if (scenario.sweep) {
        process.stderr.write(`trnsim: ${file} has a sweep: block; running its base point only (use \`trnsim sweep ${file}\` for the sweep)\n`);
      }
      let step: StepGraph | undefined;
      const progress = runProgress(process.stderr, flags.progress !== false);
      const { allowedRoots: _roots, maxBytes: _bytes, ...workLimits } = limits;
      let run;
      try {
        run = runScenarioDetailed(scenario, {
          ...(seed === undefined ? {} : { seed }),
          ...(flags.exact ? { exact: true } : {}),
          ...workLimits,
          onStepGraph: (s) => (step = s),
          onProgress: progress.onProgress,
          onWarning: (m) => process.stderr.write(`trnsim: warning: ${m}\n`),
        });
      } finally {
        progress.stop();
      }
      // error band from the leave-one-out residuals of the nearest validated class (docs/validation.md)
      const result = withUncertainty(run);
      if (flags.json) process.stdout.write(formatResultJson(result));
      else {
        process.stdout.write(
          formatResultReport(result, { system: run.resolved.system, ranks: run.resolved.ranks, chips: run.system.chipCount, workload: run.resolved.workload }),
        );
      }
      const wrote: string[] = [];
      if (flags.trace !== undefined && step) {
        writeOutputFile(flags.trace, runTraceJson(run, step), '--trace');
        wrote.push(`trace ${flags.trace}`);
      }
      if (flags.report !== undefined) {
        writeOutputFile(flags.report, runReportHtml({ ...run, result }, step), '--report');
        wrote.push(`report ${flags.report}`);
      }
      if (flags.csv !== undefined) {
        writeOutputFile(flags.csv, resultCsv(result), '--csv');
        wrote.push(`CSV ${flags.csv}`);
      }
      if (wrote.length) process.stderr.write(`trnsim: wrote ${wrote.join(', ')}\n`);
      if (run.economics.missing.length > 0) throw missingFiguresError(scenario.origin, run.economics.missing, result);
    });
}
