/**
 * The job plan of `trnsim sweep <file> --emit ...`: shard i runs
 *   trnsim sweep <file> --shard i/N --out <out-dir>/shard-i.jsonl --resume
 * and the merge runs `trnsim merge <out-dir>/shard-*.jsonl --out <out-dir>/results.jsonl` (the
 * files listed one by one, so a stray file in the directory is never merged). On Slurm <file> is
 * the file itself (shared file system); in containers it is the sweep document with `extends`
 * resolved, carried in the job description, which has the same sweep id as the file.
 */
import * as path from 'node:path';
import { isUserInputError, UserInputError } from '../../user-input-error.js';
import { planSweep } from '../plan.js';
import { SweepErrors } from '../errors.js';
import { checkJobText, resolveOutDir, resolveShards, type EmitTarget } from './emit-jobs.js';
import { inputPath, SHARD_INDEX, shardFileWord, shardFiles, type JobPlan, type Word } from './job-plan.js';

export interface SweepJobPlanOptions {
  /** Where the jobs run: decides how the out-dir is read (see resolveOutDir). */
  readonly target: EmitTarget;
  readonly outDir: string | undefined;
  /** Default: min(points, DEFAULT_MAX_SHARDS). */
  readonly shards?: number;
  /** --workers of each shard; the task asks for max(1, workers) CPUs. Default 0 (in-process). */
  readonly workers?: number;
  /** Shell text that runs trnsim on the nodes. Default "trnsim" (on the PATH). */
  readonly trnsim?: string;
  /** --objective for each shard's summary (in its log). */
  readonly objective?: string;
}

/** Name of the sweep document among the plan's inputs. */
export const SWEEP_INPUT = 'sweep.json';

export async function sweepJobPlan(file: string, options: SweepJobPlanOptions): Promise<JobPlan> {
  const outDir = resolveOutDir(options.outDir, options.target);
  const trnsim = checkJobText('--trnsim', options.trnsim ?? 'trnsim');
  if (trnsim.trim() === '') throw SweepErrors.emitBadTrnsim(trnsim);
  const workers = options.workers ?? 0;
  if (!Number.isSafeInteger(workers) || workers < 0) throw SweepErrors.badWorkers(options.workers);
  const localPath = path.resolve(checkJobText('<file>', file));

  const adapter = await import('../scenario-adapter.js');
  const document = adapter.loadSweepDocument(localPath);
  let plan;
  try {
    plan = planSweep(document, { schema: adapter.scenarioJsonSchema(), origin: file });
  } catch (e) {
    if (isUserInputError(e) && !e.message.startsWith(`${file}:`)) throw new UserInputError(`${file}: ${e.message}`, e.exitCode);
    throw e;
  }
  const shards = resolveShards(options.shards, plan.total);

  const shardArgs: Word[] = [
    'sweep',
    [inputPath(SWEEP_INPUT)],
    '--shard',
    [SHARD_INDEX, `/${shards}`],
    '--out',
    shardFileWord(outDir),
    '--resume',
    '--no-progress',
    '--workers',
    String(workers),
    ...(options.objective !== undefined ? ['--objective', checkJobText('--objective', options.objective)] : []),
  ];
  const resultsFile = `${outDir}/results.jsonl`;
  return {
    name: `trnsim-sweep-${plan.id}`,
    title: `sweep ${plan.id} (${plan.total} points) of ${localPath}`,
    shards,
    outDir,
    resultsFile,
    cpusPerTask: Math.max(1, workers),
    trnsim,
    shardArgs,
    mergeArgs: ['merge', ...shardFiles(outDir, shards), '--out', resultsFile],
    inputs: [{ name: SWEEP_INPUT, localPath, text: JSON.stringify(document) }],
  };
}
