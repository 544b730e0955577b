/**
 * `trnsim sweep <file>`: runs a scenario's sweep: block on worker threads, streams one JSON line
 * per finished point to --out (or stdout), shows progress on stderr and a summary of the best
 * points at the end. Ctrl-C stops starting points, lets running ones finish and be written; a
 * second Ctrl-C quits at once (every finished line is already on disk). With --emit it prints a
 * batch system's job description instead (sweep-emit.ts). docs/sweeps.md.
 */
import { readCalibrationFile, readDocument, scenarioSourceFile } from '../../scenario/index.js';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { intFlag } from '../int-flag.js';
import { basename } from 'node:path';
import { checkOutputPaths, sweepHtml, writeOutputFile } from '../../report/index.js';
import { addLimitFlags, limitOptions, type LimitFlags } from '../limit-flags.js';
import { emitFlags, emitSweep, rejectEmitFlags, type EmitFlags } from './sweep-emit.js';
import {
  formatSummary,
  parseObjective,
  readSortedResults,
  runSweep,
  stderrProgress,
  StdoutSink,
  writeCsv,
  type SweepLine,
} from '../../sweep/index.js';

interface SweepFlags extends EmitFlags, LimitFlags {
  calibration?: string;
  workers?: string;
  out?: string;
  resume?: boolean;
  shard?: string;
  objective?: string;
  csv?: string;
  report?: string;
  progress?: boolean;
}

/**
 * The scenario file as a document with `calibration:` set to the calibration file's constants
 * (inline, so every worker applies them with the point). Relative `extends:` paths then resolve
 * against the working directory.
 */
function withCalibration(file: string, calibrationPath: string, maxBytes: number | undefined): Record<string, unknown> {
  const constants = readCalibrationFile(calibrationPath);
  // read as every scenario file is: the size limit first, no content of a non-scenario echoed
  const doc = readDocument(scenarioSourceFile(file), undefined, maxBytes);
  return { ...doc, calibration: { constants } };
}

export function register(program: Command): void {
  const command = program
    .command('sweep')
    .description('run the sweep: block of a scenario on all cores, streaming one JSON line per point (docs/sweeps.md)')
    .argument('<file>', 'scenario file with a sweep: block, YAML or JSON, or a bundled sweep scenario name')
    .option('--workers <n>', 'worker threads (default: the number of cores; 0 runs in-process)')
    .option('--out <file>', 'results file, one JSON line per point, appended as points finish (default: stdout)')
    .option('--resume', 'continue --out: skip points already there, re-run those recorded as errors')
    .option('--shard <i/n>', 'run only the points whose index mod n is i (0 <= i < n), e.g. $SLURM_ARRAY_TASK_ID/8')
    .option('--objective <path[:max|min]>', 'output ranking the best points, e.g. tokensPerSecond or stepTimeS:min (default max)')
    .option('--csv <file>', 'also write the results (this file or shard) as CSV, sorted by index')
    .option('--calibration <file>', 'constants fitted by `trnsim calibrate --out` for every point (set as the scenario\'s calibration: field)')
    .option('--report <file>', 'also write a self-contained HTML report: objective curves and a sortable table of the points')
    .option('--no-progress', 'no progress bar on stderr (it is off anyway when stderr is not a terminal)');
  emitFlags(command);
  addLimitFlags(command);
  command.action(async (file: string, flags: SweepFlags) => {
    const workers = intFlag('--workers', flags.workers, { hint: '0 runs points in-process; default: the number of cores' });
    if (flags.emit !== undefined) {
      process.stdout.write(await emitSweep(file, workers, flags));
      return;
    }
    rejectEmitFlags(flags);
    const objective = flags.objective === undefined ? undefined : parseObjective(flags.objective);
    if (flags.resume && flags.out === undefined) throw new CliError('--resume: needs --out <file> (the results file to continue).');
    const limits = limitOptions(flags);
    checkOutputPaths([['--out', flags.out], ['--csv', flags.csv], ['--report', flags.report]], { inputs: [file, ...(flags.calibration !== undefined ? [flags.calibration] : [])] });
    const wantLines = flags.csv !== undefined || flags.report !== undefined;
    const collected: SweepLine[] | undefined = flags.out === undefined && wantLines ? [] : undefined;
    const progress = stderrProgress(flags.progress !== false && process.stderr.isTTY === true);
    const stdoutSink = flags.out === undefined ? new StdoutSink() : undefined;
    const run = runSweep(flags.calibration === undefined ? file : withCalibration(file, flags.calibration, limits.maxBytes), {
      ...(workers !== undefined ? { workers } : {}),
      ...(stdoutSink === undefined ? { out: flags.out! } : { sink: stdoutSink }),
      ...(flags.resume ? { resume: true } : {}),
      ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
      ...(objective !== undefined ? { objective } : {}),
      onProgress: (p) => progress.update(p),
      ...limits,
      // lines kept in memory for --csv / --report when there is no --out to read them back from
      ...(collected ? { keptBytesPerPoint: 4096 } : {}),
      ...(collected ? { onResult: (l: SweepLine) => collected.push(l) } : {}),
    });

    let interrupts = 0;
    const onSigint = (): void => {
      interrupts++;
      if (interrupts === 1) {
        progress.stop();
        process.stderr.write('\ntrnsim: stopping: running points finish and are written; Ctrl-C again to quit now (finished lines are already saved; --resume continues)\n');
        run.cancel();
      } else {
        process.exit(130);
      }
    };
    process.on('SIGINT', onSigint);
    let summaryText: string;
    let cancelled: boolean;
    try {
      const summary = await run.finished();
      summaryText = formatSummary(summary);
      cancelled = summary.cancelled;
    } finally {
      process.off('SIGINT', onSigint);
      progress.stop();
      // a sweep refused before it ran never closed its sink
      stdoutSink?.close();
    }

    if (wantLines) {
      const lines = collected
        ? collected.slice().sort((a, b) => a.index - b.index)
        : (await readSortedResults([flags.out!], { allowIncomplete: true })).lines;
      if (flags.csv !== undefined) {
        const rows = writeCsv(lines, flags.csv);
        summaryText += `\nwrote ${rows} row${rows === 1 ? '' : 's'} to ${flags.csv}`;
      }
      if (flags.report !== undefined) {
        const points = lines.filter((l): l is SweepLine => l !== undefined);
        writeOutputFile(flags.report, sweepHtml({ title: basename(file), points, ...(objective ? { objective } : {}) }), '--report');
        summaryText += `\nwrote the HTML report to ${flags.report}`;
      }
    }
    // the summary goes to stdout unless stdout carries the results themselves
    (flags.out === undefined ? process.stderr : process.stdout).write(`${summaryText}\n`);
    if (cancelled) process.exitCode = 130;
  });
}
