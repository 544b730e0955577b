/**
 * The job plan of `trnsim plan ... --emit slurm|k8s|batch` (the emitters are the sweep's,
 * src/sweep/emit/): shard i of N runs
 *   trnsim plan <plan-spec.json> --shard i/N --out DIR/shard-i.jsonl --resume --no-progress --workers W
 * and, once every shard succeeded, the merge runs
 *   trnsim plan <plan-spec.json> --merge DIR/shard-0.jsonl ... --out DIR/plan.json --no-progress
 * The one input is the plan document as the emitting command read it (its file with the flags'
 * fields applied), so every task plans exactly that, whatever the flags were. On Slurm it is
 * written to DIR/plan-spec.json now (shared file system); in containers it travels inside the job
 * description, as the sweep document does. With --calibration, its file travels the same way and
 * every task gets --calibration.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkJobText, checkOutDirWritable, inputPath, resolveOutDir, resolveShards, SHARD_INDEX, shardFileWord, shardFiles, SweepErrors } from '../sweep/index.js';
import type { EmitTarget, JobInput, JobPlan, Word } from '../sweep/index.js';
import { readCalibrationFile } from '../scenario/index.js';
import { planId } from './plan-id.js';
import { preparePlan } from './prepare.js';

/** Name of the plan document among the job's inputs (and in DIR on Slurm). */
export const PLAN_INPUT = 'plan-spec.json';
/** The merged result in DIR: what `trnsim plan --json` of the plan prints. */
export const PLAN_RESULT = 'plan.json';
/** Name of the calibration file among the job's inputs (and in DIR on Slurm), with --calibration. */
export const CALIBRATION_INPUT = 'calibration.json';

/** Writes `text` to `file` through a temporary file and a rename (a running task never reads half of it). */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

export interface PlanJobPlanOptions {
  /** Where the jobs run: decides how the out-dir is read (see resolveOutDir). */
  readonly target: EmitTarget;
  readonly outDir: string | undefined;
  /** Default: min(candidates, DEFAULT_MAX_SHARDS). */
  readonly shards?: number;
  /** --workers of each shard; the task asks for max(1, workers) CPUs. Default 0 (in-process). */
  readonly workers?: number;
  /** Shell text that runs trnsim on the nodes. Default "trnsim" (on the PATH). */
  readonly trnsim?: string;
  /** Where the plan came from, for messages and the header (e.g. its file; default "plan"). */
  readonly origin?: string;
  /**
   * A calibration file (`trnsim calibrate --out`): every task gets `--calibration` with a copy of
   * it (the caller applies it to this process too, so that the plan's id is the tasks' id).
   */
  readonly calibration?: string;
}

export function planJobPlan(document: Record<string, unknown>, options: PlanJobPlanOptions): JobPlan {
  const outDir = resolveOutDir(options.outDir, options.target);
  const trnsim = checkJobText('--trnsim', options.trnsim ?? 'trnsim');
  if (trnsim.trim() === '') throw SweepErrors.emitBadTrnsim(trnsim);
  const workers = options.workers ?? 0;
  if (!Number.isSafeInteger(workers) || workers < 0) throw SweepErrors.badWorkers(options.workers);
  const origin = options.origin ?? 'plan';
  // loaded and enumerated here: a bad plan is refused now, not by every task, and --shards is
  // checked against its candidates
  const prepared = preparePlan(document, { origin });
  const id = planId(prepared.spec);
  const candidates = prepared.space.candidates;
  const shards = resolveShards(options.shards, candidates, 'the candidates of this plan');
  // the name the plan got (a file's name, or "plan"), written out so that the tasks plan under it
  const text = `${JSON.stringify({ ...document, name: prepared.spec.name }, null, 2)}\n`;
  const inputs: JobInput[] = [{ name: PLAN_INPUT, localPath: path.join(outDir, PLAN_INPUT), text }];
  if (options.calibration !== undefined) {
    readCalibrationFile(options.calibration); // refused now if it is not one
    inputs.push({ name: CALIBRATION_INPUT, localPath: path.join(outDir, CALIBRATION_INPUT), text: fs.readFileSync(options.calibration, 'utf8') });
  }
  if (options.target === 'slurm') {
    checkOutDirWritable(outDir);
    for (const i of inputs) writeAtomically(i.localPath, i.text);
  }
  const spec: Word = [inputPath(PLAN_INPUT)];
  const calibration: Word[] = options.calibration !== undefined ? ['--calibration', [inputPath(CALIBRATION_INPUT)]] : [];
  const resultsFile = `${outDir}/${PLAN_RESULT}`;
  const shardArgs: Word[] = ['plan', spec, '--shard', [SHARD_INDEX, `/${shards}`], '--out', shardFileWord(outDir), '--resume', '--no-progress', '--workers', String(workers), ...calibration];
  return {
    name: `trnsim-plan-${id}`,
    title: `plan ${id} (${candidates} candidates) of ${checkJobText('<file>', origin)}`,
    shards,
    outDir,
    resultsFile,
    cpusPerTask: Math.max(1, workers),
    trnsim,
    shardArgs,
    mergeArgs: ['plan', spec, '--merge', ...shardFiles(outDir, shards), '--out', resultsFile, '--no-progress', ...calibration],
    inputs,
  };
}
