/**
 * `trnsim plan` across many machines (docs/planning.md, "Across many machines"): the flags of a
 * shard (--shard i/n --out FILE [--resume]), of the merge (--merge FILES --out plan.json) and of
 * the job descriptions (--emit slurm|k8s|batch --out-dir DIR ...), checked against each other, and
 * the glue onto planShard, mergePlanShards and planJobPlan + emitJobs.
 */
import { resolve } from 'node:path';
import { renameSync, rmSync } from 'node:fs';
import { CliError } from '../cli-error.js';
import { checkOutputPath, writeOutputFile } from '../../report/index.js';
import { formatShardSummary, mergePlanShards, planJobPlan, PlanErrors, planShard, type PlanProgress, type PlanResult } from '../../plan/index.js';
import { emitJobs, parseEmitTarget, SweepErrors } from '../../sweep/index.js';
import { emitOptions, refuseGiven, rejectEmitFlags, shardsFlag, thisCli, type EmitFlags } from './sweep-emit.js';

export interface PlanShardFlags extends EmitFlags {
  merge?: string[];
  /** A calibration file: applied to this process by the command; the emitted tasks get it too. */
  calibration?: string;
  report?: string;
  json?: boolean;
}

export type PlanMode = 'plan' | 'shard' | 'merge' | 'emit';

/** Which kind of run the flags ask for; flags of another kind are refused by name. */
export function planMode(flags: PlanShardFlags): PlanMode {
  if (flags.emit !== undefined) {
    refuseGiven(
      [
        ['--out', flags.out],
        ['--resume', flags.resume],
        ['--shard', flags.shard],
        ['--merge', flags.merge],
        ['--report', flags.report],
      ],
      SweepErrors.emitConflict,
    );
    return 'emit';
  }
  rejectEmitFlags(flags);
  if (flags.shard !== undefined && flags.merge !== undefined) throw new CliError('--shard: not used with --merge (a shard runs its candidates, the merge joins the shards\' files); drop one of them.');
  if (flags.shard !== undefined) {
    if (flags.out === undefined) throw new CliError('--shard: needs --out <file>, the shard\'s file of one JSON line per candidate; add e.g. --out shard-0.jsonl.');
    if (flags.report !== undefined) throw new CliError('--report: not used with --shard (a shard has no plan of its own); give it to the merge: trnsim plan ... --merge ... --out plan.json --report plan.html.');
    return 'shard';
  }
  if (flags.resume !== undefined) throw new CliError('--resume: only with --shard i/n --out <file> (the shard file to continue).');
  if (flags.merge !== undefined) {
    if (flags.out === undefined) throw new CliError('--merge: needs --out <file> for the merged plan (the JSON trnsim plan --json prints); add e.g. --out plan.json.');
    return 'merge';
  }
  if (flags.out !== undefined) throw new CliError('--out: only with --shard or --merge; a plan prints its result on stdout, so drop --out (use --json for the JSON).');
  return 'plan';
}


export async function runShard(doc: Record<string, unknown>, origin: string, workers: number | undefined, flags: PlanShardFlags, onProgress: (p: PlanProgress) => void): Promise<string> {
  const s = await planShard(doc, { origin, shard: flags.shard!, out: flags.out!, ...(flags.resume ? { resume: true } : {}), ...(workers !== undefined ? { workers } : {}), onProgress });
  return flags.json ? `${JSON.stringify(s, null, 2)}\n` : formatShardSummary(s);
}

/** Merges, writes --out (through a temporary file: never half a plan) and returns the result. */
export async function runMerge(doc: Record<string, unknown>, origin: string, flags: PlanShardFlags, onProgress: (p: PlanProgress) => void): Promise<PlanResult> {
  const out = flags.out!;
  const files = flags.merge!;
  if (files.some((f) => resolve(f) === resolve(out))) throw PlanErrors.mergeOutIsInput(out);
  checkOutputPath(out, '--out');
  const result = await mergePlanShards(doc, files, { origin, onProgress });
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    writeOutputFile(tmp, `${JSON.stringify(result, null, 2)}\n`, '--out');
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  return result;
}

export function emitPlan(doc: Record<string, unknown>, origin: string, workers: number | undefined, flags: PlanShardFlags): string {
  const target = parseEmitTarget(flags.emit!);
  const shards = shardsFlag(flags.shards);
  const jobPlan = planJobPlan(doc, {
    target,
    outDir: flags.outDir,
    origin,
    ...(shards !== undefined ? { shards } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...(flags.calibration !== undefined ? { calibration: flags.calibration } : {}),
    trnsim: flags.trnsim ?? (target === 'slurm' ? thisCli() : 'trnsim'),
  });
  return emitJobs(jobPlan, target, emitOptions(flags));
}
