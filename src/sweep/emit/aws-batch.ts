/**
 * AWS Batch: the three API requests of a sharded run and a bash script that sends them with the
 * AWS CLI (`aws batch ... --cli-input-json`):
 * - RegisterJobDefinition: a container job (image, `sh -c` command, vCPUs and memory), the input
 *   files carried as environment variables and written to /tmp/trnsim-input at start, the results
 *   directory mounted from the host (where the compute environment's instances mount shared
 *   storage) or from an EFS file system;
 * - SubmitJob for the shards: an array job (arrayProperties.size = N, at least 2; a single shard
 *   is a plain job) whose child i runs shard AWS_BATCH_JOB_ARRAY_INDEX = i, retried on failure
 *   (retryStrategy.attempts) and resuming its shard file;
 * - SubmitJob for the merge: dependsOn the array job, which succeeds only when every child did.
 * Field names are those of the AWS Batch API Reference (RegisterJobDefinition, SubmitJob,
 * ArrayProperties, JobDependency, RetryStrategy, ContainerProperties, ResourceRequirement,
 * Volume, EFSVolumeConfiguration, MountPoint).
 */
import type { JobPlan } from './job-plan.js';
import { shellCommand, shellQuote, type WordContext } from './shell.js';

export interface AwsBatchOptions {
  readonly image: string;
  /** Job queue to submit to. */
  readonly jobQueue: string;
  /** EFS file system mounted at outDir; default: the host's outDir is mounted. */
  readonly efsFileSystemId?: string;
  readonly version?: string;
}

/** Environment variable AWS Batch sets to an array child's index (absent for a plain job). */
export const AWS_BATCH_INDEX_VARIABLE = 'AWS_BATCH_JOB_ARRAY_INDEX';
/** AWS Batch array sizes run from 2 to 10,000 (SubmitJob, arrayProperties.size). */
export const AWS_BATCH_MAX_ARRAY_SIZE = 10_000;
export const AWS_BATCH_INPUT_DIR = '/tmp/trnsim-input';
/** Attempts per child job (1-10 allowed); each retry resumes the shard. */
export const AWS_BATCH_ATTEMPTS = 3;
/**
 * Memory asked per task, MiB: a base for node and the model plus a share per worker thread. An
 * estimate (a point of the bundled scenarios peaks well under it), not a measurement per case.
 */
export const AWS_BATCH_MEMORY_BASE_MIB = 2048;
export const AWS_BATCH_MEMORY_PER_CPU_MIB = 512;
/** Placeholder in the merge request for the shards' job id, filled in by the script. */
export const SHARDS_JOB_ID_PLACEHOLDER = '@SHARDS_JOB_ID@';

export interface AwsBatchRequests {
  readonly registerJobDefinition: Record<string, unknown>;
  readonly submitShards: Record<string, unknown>;
  /** dependsOn holds SHARDS_JOB_ID_PLACEHOLDER until the shards are submitted. */
  readonly submitMerge: Record<string, unknown>;
}

/** Name of the environment variable carrying an input file. */
export function inputVariable(name: string): string {
  return `TRNSIM_INPUT_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function awsBatchRequests(plan: JobPlan, options: AwsBatchOptions): AwsBatchRequests {
  // ${AWS_BATCH_JOB_ARRAY_INDEX:-0}: a single shard is a plain job, where Batch sets no index
  const ctx: WordContext = { indexVariable: `${AWS_BATCH_INDEX_VARIABLE}:-0`, inputPath: (name) => `${AWS_BATCH_INPUT_DIR}/${name}` };
  // each input file is written from its variable before trnsim starts
  const writeInputs = plan.inputs.map((i) => `printf '%s' "$${inputVariable(i.name)}" > ${shellQuote(`${AWS_BATCH_INPUT_DIR}/${i.name}`)}`);
  const prelude = plan.inputs.length > 0 ? [`mkdir -p ${AWS_BATCH_INPUT_DIR}`, ...writeInputs] : [];
  const script = (line: string): string[] => ['sh', '-c', [...prelude, `exec ${line}`].join(' && ')];
  const volume =
    options.efsFileSystemId !== undefined
      ? { name: 'results', efsVolumeConfiguration: { fileSystemId: options.efsFileSystemId } }
      : { name: 'results', host: { sourcePath: plan.outDir } };
  const registerJobDefinition = {
    jobDefinitionName: plan.name,
    type: 'container',
    platformCapabilities: ['EC2'],
    retryStrategy: { attempts: AWS_BATCH_ATTEMPTS },
    containerProperties: {
      image: options.image,
      command: script(shellCommand(plan.trnsim, plan.shardArgs, ctx)),
      environment: plan.inputs.map((i) => ({ name: inputVariable(i.name), value: i.text })),
      resourceRequirements: [
        { type: 'VCPU', value: String(plan.cpusPerTask) },
        { type: 'MEMORY', value: String(AWS_BATCH_MEMORY_BASE_MIB + AWS_BATCH_MEMORY_PER_CPU_MIB * plan.cpusPerTask) },
      ],
      volumes: [volume],
      mountPoints: [{ sourceVolume: 'results', containerPath: plan.outDir, readOnly: false }],
    },
  };
  const submitShards = {
    jobName: plan.name,
    jobQueue: options.jobQueue,
    jobDefinition: plan.name,
    ...(plan.shards >= 2 ? { arrayProperties: { size: plan.shards } } : {}),
  };
  const submitMerge = {
    jobName: `${plan.name}-merge`,
    jobQueue: options.jobQueue,
    jobDefinition: plan.name,
    dependsOn: [{ jobId: SHARDS_JOB_ID_PLACEHOLDER }],
    containerOverrides: {
      command: script(shellCommand(plan.trnsim, plan.mergeArgs, ctx)),
      resourceRequirements: [
        { type: 'VCPU', value: '1' },
        { type: 'MEMORY', value: String(AWS_BATCH_MEMORY_BASE_MIB) },
      ],
    },
  };
  return { registerJobDefinition, submitShards, submitMerge };
}

/** JSON for a quoted heredoc: pretty, one key per line. */
function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** A bash script that registers the job definition, submits shards and merge, prints the merge job id last. */
export function awsBatchScript(plan: JobPlan, options: AwsBatchOptions): string {
  const r = awsBatchRequests(plan, options);
  const tool = options.version !== undefined ? `trnsim ${options.version}` : 'trnsim';
  return [
    '#!/usr/bin/env bash',
    `# ${tool}: ${plan.title}, in ${plan.shards} shards on AWS Batch (job queue ${options.jobQueue}).`,
    '#   bash <this file>    register the job definition, submit the shards (an array job) and the merge;',
    '#                       prints the merge job id last. Re-running it submits again; shards resume.',
    `# results: ${plan.resultsFile}`,
    'set -euo pipefail',
    "command -v aws >/dev/null || { echo 'trnsim: the aws command (AWS CLI v2) is not installed' >&2; exit 2; }",
    "definition=$(cat <<'TRNSIM_JSON'",
    json(r.registerJobDefinition),
    'TRNSIM_JSON',
    ')',
    "shards=$(cat <<'TRNSIM_JSON'",
    json(r.submitShards),
    'TRNSIM_JSON',
    ')',
    "merge=$(cat <<'TRNSIM_JSON'",
    json(r.submitMerge),
    'TRNSIM_JSON',
    ')',
    'definition_arn=$(aws batch register-job-definition --cli-input-json "$definition" --query jobDefinitionArn --output text)',
    'shards_job=$(aws batch submit-job --cli-input-json "$shards" --job-definition "$definition_arn" --query jobId --output text)',
    'echo "trnsim: shards submitted as job $shards_job" >&2',
    `merge="\${merge//${SHARDS_JOB_ID_PLACEHOLDER}/$shards_job}"`,
    'merge_job=$(aws batch submit-job --cli-input-json "$merge" --job-definition "$definition_arn" --query jobId --output text)',
    `echo "trnsim: merge submitted as job $merge_job, after job $shards_job; results: "${shellQuote(plan.resultsFile)} >&2`,
    'echo "$merge_job"',
    '',
  ].join('\n');
}
