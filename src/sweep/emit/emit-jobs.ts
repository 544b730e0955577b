/**
 * One entry point for every batch system: emitJobs(plan, target, options) checks the options the
 * target needs and returns the text to print (a Slurm or AWS Batch submit script, a Kubernetes
 * manifest). The checks shared by every job plan (target name, out-dir, shard count) live here too,
 * so a command other than `sweep` that builds its own plan gets the same rules and messages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SweepErrors } from '../errors.js';
import { AWS_BATCH_MAX_ARRAY_SIZE, awsBatchScript } from './aws-batch.js';
import type { JobPlan } from './job-plan.js';
import { kubernetesYaml } from './kubernetes.js';
import { hasControlCharacter } from './shell.js';
import { slurmScript } from './slurm.js';

export const EMIT_TARGETS = ['slurm', 'k8s', 'batch'] as const;
export type EmitTarget = (typeof EMIT_TARGETS)[number];

/** Shards when --shards is not given: one per point, at most this many. */
export const DEFAULT_MAX_SHARDS = 8;

export interface EmitOptions {
  /** Slurm partition; Kubernetes namespace; AWS Batch job queue (required there). */
  readonly partition?: string;
  /** Container image (Kubernetes and AWS Batch; required there). */
  readonly image?: string;
  /** Kubernetes: ReadWriteMany PersistentVolumeClaim mounted at the out-dir. */
  readonly volumeClaim?: string;
  /** AWS Batch: EFS file system mounted at the out-dir (default: the host's out-dir). */
  readonly efsFileSystemId?: string;
  /** Version of the emitting tool, for the header. */
  readonly version?: string;
}

export function parseEmitTarget(text: string): EmitTarget {
  const t = text.trim().toLowerCase();
  const aliases: Record<string, EmitTarget> = { slurm: 'slurm', k8s: 'k8s', kubernetes: 'k8s', batch: 'batch', 'aws-batch': 'batch' };
  const target = aliases[t];
  if (target === undefined) throw SweepErrors.emitUnknownTarget(text);
  return target;
}

/** Refuses text with a control character for a flag whose value goes into a job line. */
export function checkJobText(flag: string, value: string): string {
  if (hasControlCharacter(value)) throw SweepErrors.emitUnsafeText(flag, value);
  return value;
}

/**
 * The out-dir as the jobs see it: on Slurm a path of the shared file system (made absolute from
 * the working directory), in a container an absolute path where the results volume is mounted.
 */
export function resolveOutDir(outDir: string | undefined, target: EmitTarget): string {
  if (outDir === undefined || outDir.trim() === '') throw SweepErrors.emitNeedsOutDir();
  checkJobText('--out-dir', outDir);
  if (target !== 'slurm' && !path.posix.isAbsolute(outDir)) throw SweepErrors.emitOutDirNotAbsolute(outDir, target);
  const resolved = target === 'slurm' ? path.resolve(outDir) : path.posix.normalize(outDir);
  return resolved.length > 1 ? resolved.replace(/\/+$/, '') : resolved;
}

/**
 * The shard count: `shards` checked against the work's items (a sweep's points, a plan's
 * candidates: `items` names them in the message), or min(total, DEFAULT_MAX_SHARDS).
 */
export function resolveShards(shards: number | undefined, total: number, items = 'the points of this sweep'): number {
  if (shards === undefined) return Math.max(1, Math.min(total, DEFAULT_MAX_SHARDS));
  if (!Number.isSafeInteger(shards) || shards < 1 || shards > total) throw SweepErrors.emitShards(shards, total, items);
  return shards;
}

/**
 * Creates the out-dir (and parents) and writes and removes a probe file, so that a directory that
 * cannot be written is refused now rather than by every task on the cluster.
 */
export function checkOutDirWritable(dir: string): void {
  const probe = path.join(dir, `.trnsim-write-check-${process.pid}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw SweepErrors.emitOutDirUnwritable(dir, code ?? (e instanceof Error ? e.message : String(e)));
  }
}

/** The job description for `target`; on Slurm the out-dir is created and checked first. */
export function emitJobs(plan: JobPlan, target: EmitTarget, options: EmitOptions = {}): string {
  for (const [flag, value] of [
    ['--partition', options.partition],
    ['--image', options.image],
    ['--volume-claim', options.volumeClaim],
    ['--efs', options.efsFileSystemId],
  ] as const) {
    if (value !== undefined) checkJobText(flag, value);
  }
  const version = options.version !== undefined ? { version: options.version } : {};
  if (target !== 'k8s' && options.volumeClaim !== undefined) throw SweepErrors.emitNotFor('--volume-claim', target, '--emit k8s');
  if (target !== 'batch' && options.efsFileSystemId !== undefined) throw SweepErrors.emitNotFor('--efs', target, '--emit batch');
  if (target === 'slurm') {
    if (options.image !== undefined) throw SweepErrors.emitNotFor('--image', target, '--emit k8s or --emit batch');
    checkOutDirWritable(plan.outDir);
    return slurmScript(plan, { ...(options.partition !== undefined ? { partition: options.partition } : {}), ...version });
  }
  if (options.image === undefined || options.image.trim() === '') {
    throw SweepErrors.emitNeeds('--image', target, 'the container image with node 20 and trnsim on its PATH, e.g. --image ghcr.io/you/trnsim:0.1.0');
  }
  if (target === 'k8s') {
    return kubernetesYaml(plan, {
      image: options.image,
      ...(options.partition !== undefined ? { namespace: options.partition } : {}),
      ...(options.volumeClaim !== undefined ? { volumeClaim: options.volumeClaim } : {}),
      ...version,
    });
  }
  if (options.partition === undefined || options.partition.trim() === '') {
    throw SweepErrors.emitNeeds('--partition', target, 'the AWS Batch job queue to submit to, e.g. --partition my-queue');
  }
  if (plan.shards > AWS_BATCH_MAX_ARRAY_SIZE) throw SweepErrors.emitBatchShards(plan.shards, AWS_BATCH_MAX_ARRAY_SIZE);
  return awsBatchScript(plan, {
    image: options.image,
    jobQueue: options.partition,
    ...(options.efsFileSystemId !== undefined ? { efsFileSystemId: options.efsFileSystemId } : {}),
    ...version,
  });
}
