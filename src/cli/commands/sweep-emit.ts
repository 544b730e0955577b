/**
 * `trnsim sweep <file> --emit slurm|k8s|batch --out-dir DIR ...`: prints the job description that
 * runs the sweep in shards on a batch system and merges them, instead of running it
 * (docs/sweeps.md, "Running on a cluster"). The flags map onto sweep.sweepJobPlan + sweep.emitJobs.
 */
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { CliError } from '../cli-error.js';
import { intFlag } from '../int-flag.js';
import { version } from '../../version.js';
import { scenarioSourceFile } from '../../scenario/index.js';
import { emitJobs, parseEmitTarget, parseObjective, shellQuote, SweepErrors, sweepJobPlan, type EmitOptions } from '../../sweep/index.js';

export interface EmitFlags {
  emit?: string;
  shards?: string;
  outDir?: string;
  partition?: string;
  image?: string;
  trnsim?: string;
  volumeClaim?: string;
  efs?: string;
  // flags of a local run that make no sense with --emit
  out?: string;
  resume?: boolean;
  shard?: string;
  csv?: string;
  objective?: string;
}

/** The --emit flags; `items` and `merged` word the help for the command (a sweep's points and results.jsonl). */
export function emitFlags(command: Command, items = 'points', merged = 'results.jsonl'): void {
  command
    .option('--emit <target>', 'print a job description instead of running: slurm (sbatch script), k8s (Indexed Job manifest) or batch (AWS Batch script)')
    .option('--shards <n>', `with --emit: number of shard tasks, 1 to the number of ${items} (default: min(${items}, 8))`)
    .option('--out-dir <dir>', `with --emit: shared directory for shard-<i>.jsonl files and the merged ${merged} (required)`)
    .option('--partition <name>', 'with --emit: Slurm partition, Kubernetes namespace, or AWS Batch job queue (required for batch)')
    .option('--image <image>', 'with --emit k8s|batch: container image with node 20 and trnsim (required there)')
    .option('--trnsim <command>', 'with --emit: command that runs trnsim on the nodes (default for slurm: this node and this CLI, by absolute path; in containers: trnsim)')
    .option('--volume-claim <name>', 'with --emit k8s: ReadWriteMany PersistentVolumeClaim mounted at --out-dir (default trnsim-results)')
    .option('--efs <file-system-id>', 'with --emit batch: EFS file system mounted at --out-dir (default: the host directory --out-dir)');
}

/** This CLI run by this node, as shell text: what Slurm tasks on a shared file system call. */
export function thisCli(): string {
  const main = fileURLToPath(new URL('../main.js', import.meta.url));
  return `${shellQuote(process.execPath)} ${shellQuote(main)}`;
}

/** --shards: the number of shard tasks (the emitter checks it against the points to share). */
export function shardsFlag(text: string | undefined): number | undefined {
  return intFlag('--shards', text, { hint: 'the number of shard tasks, e.g. --shards 8' });
}

export async function emitSweep(file: string, workers: number | undefined, flags: EmitFlags): Promise<string> {
  const target = parseEmitTarget(flags.emit!);
  refuseGiven(
    [
      ['--out', flags.out],
      ['--resume', flags.resume],
      ['--shard', flags.shard],
      ['--csv', flags.csv],
    ],
    SweepErrors.emitConflict,
  );
  const shards = shardsFlag(flags.shards);
  if (flags.objective !== undefined) parseObjective(flags.objective); // refused here, not by every task
  // a bundled scenario's name stands for its file, which the emitted jobs then name
  const plan = await sweepJobPlan(scenarioSourceFile(file), {
    target,
    outDir: flags.outDir,
    ...(shards !== undefined ? { shards } : {}),
    ...(workers !== undefined ? { workers } : {}),
    trnsim: flags.trnsim ?? (target === 'slurm' ? thisCli() : 'trnsim'),
    ...(flags.objective !== undefined ? { objective: flags.objective } : {}),
  });
  return emitJobs(plan, target, emitOptions(flags));
}

/** The emitters' options from the flags (partition, image, volume claim, EFS). */
export function emitOptions(flags: EmitFlags): EmitOptions {
  return {
    version,
    ...(flags.partition !== undefined ? { partition: flags.partition } : {}),
    ...(flags.image !== undefined ? { image: flags.image } : {}),
    ...(flags.volumeClaim !== undefined ? { volumeClaim: flags.volumeClaim } : {}),
    ...(flags.efs !== undefined ? { efsFileSystemId: flags.efs } : {}),
  };
}

/** Throws `error(flag)` for the first of the flags that was given. */
export function refuseGiven(flags: ReadonlyArray<readonly [string, unknown]>, error: (flag: string) => Error): void {
  for (const [flag, value] of flags) if (value !== undefined) throw error(flag);
}

/** Without --emit, the emit-only flags are refused by name. */
export function rejectEmitFlags(flags: EmitFlags): void {
  refuseGiven(
    [
      ['--shards', flags.shards],
      ['--out-dir', flags.outDir],
      ['--partition', flags.partition],
      ['--image', flags.image],
      ['--trnsim', flags.trnsim],
      ['--volume-claim', flags.volumeClaim],
      ['--efs', flags.efs],
    ],
    SweepErrors.emitOnly,
  );
}
