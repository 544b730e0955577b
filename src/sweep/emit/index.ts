/**
 * Job descriptions for batch systems (Slurm job arrays, Kubernetes Indexed Jobs, AWS Batch array
 * jobs) from a job plan: N shard commands and a merge. docs/sweeps.md, "Running on a cluster".
 */
export { SHARD_INDEX, inputPath, shardFileWord, shardFiles, concreteArgs } from './job-plan.js';
export type { JobPlan, JobInput, Word, WordPart, ShardIndexPart, InputPathPart } from './job-plan.js';
export { shellQuote, shellWord, shellCommand } from './shell.js';
export { slurmScript, SLURM_INDEX_VARIABLE } from './slurm.js';
export type { SlurmOptions } from './slurm.js';
export { kubernetesManifests, kubernetesYaml, KUBERNETES_INDEX_VARIABLE, KUBERNETES_INPUT_DIR, DEFAULT_VOLUME_CLAIM } from './kubernetes.js';
export type { KubernetesOptions } from './kubernetes.js';
export { awsBatchRequests, awsBatchScript, AWS_BATCH_INDEX_VARIABLE, AWS_BATCH_INPUT_DIR, AWS_BATCH_MAX_ARRAY_SIZE, SHARDS_JOB_ID_PLACEHOLDER, inputVariable } from './aws-batch.js';
export type { AwsBatchOptions, AwsBatchRequests } from './aws-batch.js';
export { emitJobs, parseEmitTarget, resolveOutDir, resolveShards, checkOutDirWritable, checkJobText, EMIT_TARGETS, DEFAULT_MAX_SHARDS } from './emit-jobs.js';
export type { EmitTarget, EmitOptions } from './emit-jobs.js';
export { sweepJobPlan, SWEEP_INPUT } from './sweep-job-plan.js';
export type { SweepJobPlanOptions } from './sweep-job-plan.js';
