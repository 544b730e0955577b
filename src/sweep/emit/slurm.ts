/**
 * Slurm: a bash script that submits the shards as one job array (`sbatch --array=0-(N-1)`, task i
 * runs shard i) and the merge as a job that waits for the whole array (`--dependency=afterok`),
 * and prints the merge job's id as its last line. Paths are those of the shared file system the
 * script was emitted on. Given a list of indices (`bash script 2,5`), it submits only those
 * shards and a new merge: the way to re-run shards that were cancelled or failed.
 *
 * Requeue-safe: tasks are submitted with --requeue (a preempted or node-failed task goes back to
 * the queue) and run `trnsim sweep --resume`, so a task that starts again keeps its finished
 * points; logs are opened for appending so a requeued task's log follows the first attempt's.
 * Options used are those of `man sbatch` (Slurm 22.05 and later).
 */
import type { JobPlan } from './job-plan.js';
import { shellCommand, shellQuote, type WordContext } from './shell.js';

export interface SlurmOptions {
  /** Partition to submit to (default: the cluster's default partition). */
  readonly partition?: string;
  /** Version of the emitting tool, for the header. */
  readonly version?: string;
}

/** Environment variable Slurm sets to the array task's index. */
export const SLURM_INDEX_VARIABLE = 'SLURM_ARRAY_TASK_ID';

/** A path inside sbatch's --output, where '%' starts a pattern: a literal '%' is written '%%'. */
function slurmFilename(path: string): string {
  return path.replace(/%/g, '%%');
}

export function slurmScript(plan: JobPlan, options: SlurmOptions = {}): string {
  const local = new Map(plan.inputs.map((i) => [i.name, i.localPath]));
  const ctx: WordContext = { indexVariable: SLURM_INDEX_VARIABLE, inputPath: (name) => local.get(name) ?? name };
  const shardLine = shellCommand(plan.trnsim, plan.shardArgs, ctx);
  const mergeLine = shellCommand(plan.trnsim, plan.mergeArgs, ctx);
  const logs = `${plan.outDir}/logs`;
  const partition = options.partition !== undefined ? [`--partition=${shellQuote(options.partition)}`] : [];
  const common = ['--parsable', ...partition, '--open-mode=append'];
  const lastIndex = plan.shards - 1;
  const tool = options.version !== undefined ? `trnsim ${options.version}` : 'trnsim';
  return [
    '#!/usr/bin/env bash',
    `# ${tool}: ${plan.title}, in ${plan.shards} shards on Slurm.`,
    '#   bash <this file>          submit shards 0-' + lastIndex + ' as one job array, then the merge; prints the merge job id last',
    `${`#   bash <this file> ${lastIndex}`.padEnd(29)} submit only shard ${lastIndex} (or a list, e.g. 0,2-3) and a new merge, e.g. after`,
    '#                             scancel or a failure; shards resume (--resume): finished points are kept',
    `# results: ${plan.resultsFile}`,
    `# logs:    ${logs}/`,
    'set -euo pipefail',
    "command -v sbatch >/dev/null || { echo 'trnsim: sbatch not found: run this script where Slurm commands work (a login node)' >&2; exit 2; }",
    `shards="\${1:-0-${lastIndex}}"`,
    `mkdir -p ${shellQuote(logs)}`,
    '',
    '# one array task per shard; a requeued task resumes its shard file',
    `array_job=$(sbatch ${[...common, `--job-name=${shellQuote(plan.name)}`, '--array="$shards"', `--cpus-per-task=${plan.cpusPerTask}`, '--requeue', `--output=${shellQuote(`${slurmFilename(logs)}/shard-%a.log`)}`].join(' ')} <<'TRNSIM_SHARD'`,
    '#!/bin/bash',
    `exec ${shardLine}`,
    'TRNSIM_SHARD',
    ')',
    'array_job="${array_job%%;*}"',
    'echo "trnsim: shards $shards submitted as array job $array_job" >&2',
    '',
    '# the merge runs once every task of the array succeeded (it is cancelled if one cannot)',
    `merge_job=$(sbatch ${[...common, `--job-name=${shellQuote(`${plan.name}-merge`)}`, '--dependency="afterok:$array_job"', '--kill-on-invalid-dep=yes', '--cpus-per-task=1', `--output=${shellQuote(`${slurmFilename(logs)}/merge.log`)}`].join(' ')} <<'TRNSIM_MERGE'`,
    '#!/bin/bash',
    `exec ${mergeLine}`,
    'TRNSIM_MERGE',
    ')',
    'merge_job="${merge_job%%;*}"',
    `echo "trnsim: merge submitted as job $merge_job, after array job $array_job; results: "${shellQuote(plan.resultsFile)} >&2`,
    'echo "$merge_job"',
    '',
  ].join('\n');
}
