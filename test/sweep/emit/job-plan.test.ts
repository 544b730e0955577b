/**
 * The sweep's job plan: each shard's command is `trnsim sweep <file> --shard i/N --out
 * DIR/shard-i.jsonl --resume`, the merge reads every shard file, the document carried into
 * containers is the same sweep (same id), and bad input is refused naming the flag.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { concreteArgs, type JobPlan } from '../../../src/sweep/emit/job-plan.js';
import { emitJobs, parseEmitTarget, resolveShards, DEFAULT_MAX_SHARDS } from '../../../src/sweep/emit/emit-jobs.js';
import { sweepJobPlan, SWEEP_INPUT } from '../../../src/sweep/emit/sweep-job-plan.js';
import { loadSweepDocument } from '../../../src/sweep/scenario-adapter.js';
import { planSweep } from '../../../src/sweep/plan.js';
import { inShard } from '../../../src/sweep/shard.js';
import { isUserInputError } from '../../../src/user-input-error.js';
import { bundledSweep, root } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-emit-plan-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(isUserInputError(e), String(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a UserInputError');
}

describe('sweepJobPlan', () => {
  it('gives shard i the command of the contract and the merge every shard file', async () => {
    const outDir = path.join(dir, 'results');
    const plan = await sweepJobPlan(bundledSweep, { target: 'slurm', outDir, shards: 4 });
    const id = planSweep(loadSweepDocument(bundledSweep)).id;
    expect(plan.name).toBe(`trnsim-sweep-${id}`);
    expect(plan.shards).toBe(4);
    expect(plan.cpusPerTask).toBe(1);
    const local = (name: string): string => plan.inputs.find((i) => i.name === name)!.localPath;
    for (let i = 0; i < 4; i++) {
      expect(concreteArgs(plan.shardArgs, i, local)).toEqual([
        'sweep',
        bundledSweep,
        '--shard',
        `${i}/4`,
        '--out',
        `${outDir}/shard-${i}.jsonl`,
        '--resume',
        '--no-progress',
        '--workers',
        '0',
      ]);
    }
    expect(plan.mergeArgs).toEqual(['merge', ...[0, 1, 2, 3].map((i) => `${outDir}/shard-${i}.jsonl`), '--out', `${outDir}/results.jsonl`]);
    expect(plan.resultsFile).toBe(`${outDir}/results.jsonl`);
  });

  it('carries into containers a document that is the same sweep (same id, same points)', async () => {
    const plan = await sweepJobPlan(bundledSweep, { target: 'k8s', outDir: '/results', shards: 3 });
    const input = plan.inputs.find((i) => i.name === SWEEP_INPUT)!;
    const copy = path.join(dir, 'sweep.json');
    fs.writeFileSync(copy, input.text);
    const fromFile = planSweep(loadSweepDocument(bundledSweep));
    const fromCopy = planSweep(loadSweepDocument(copy));
    expect(fromCopy.id).toBe(fromFile.id);
    expect(fromCopy.total).toBe(9);
    for (let i = 0; i < fromFile.total; i++) expect(fromCopy.pointAt(i).scenario).toEqual(fromFile.pointAt(i).scenario);
  });

  it('asks for max(1, workers) CPUs per task and passes --workers to every shard', async () => {
    const plan = await sweepJobPlan(bundledSweep, { target: 'slurm', outDir: dir, workers: 6, shards: 2 });
    expect(plan.cpusPerTask).toBe(6);
    expect(concreteArgs(plan.shardArgs, 0, () => 'x').slice(-2)).toEqual(['--workers', '6']);
  });

  it('defaults to min(points, 8) shards; the shards cover every point exactly once', async () => {
    expect(DEFAULT_MAX_SHARDS).toBe(8);
    expect((await sweepJobPlan(bundledSweep, { target: 'slurm', outDir: dir })).shards).toBe(8);
    const small = path.join(dir, 'small.yaml');
    fs.writeFileSync(small, `extends: ${path.join(root, 'scenarios/llama-3.1-8b-trn2-48xl.yaml')}\nsweep:\n  axes:\n    workload.parallelism.tp: [4, 8, 16]\n`);
    expect((await sweepJobPlan(small, { target: 'slurm', outDir: dir })).shards).toBe(3);
    for (const n of [1, 4, 9]) {
      const covered = new Array<number>(9).fill(0);
      for (let i = 0; i < n; i++) for (let p = 0; p < 9; p++) if (inShard(p, { index: i, count: n })) covered[p]!++;
      expect(covered).toEqual(new Array<number>(9).fill(1));
    }
  });

  it('refuses 0 shards, more shards than points, and a non-integer, naming --shards', async () => {
    for (const shards of [0, 10, 2.5]) {
      expect(await refusal(sweepJobPlan(bundledSweep, { target: 'slurm', outDir: dir, shards }))).toBe(
        `--shards: expected an integer from 1 to 9 (the points of this sweep), got ${shards}; e.g. --shards 8.`,
      );
    }
    expect(resolveShards(9, 9)).toBe(9);
  });

  it('needs --out-dir, an absolute one for containers', async () => {
    expect(await refusal(sweepJobPlan(bundledSweep, { target: 'slurm', outDir: undefined }))).toMatch(/^--out-dir: needed with --emit: /);
    expect(await refusal(sweepJobPlan(bundledSweep, { target: 'k8s', outDir: 'results' }))).toMatch(
      /^--out-dir: "results" must be an absolute path inside the container for --emit k8s .* e\.g\. --out-dir \/results\.$/,
    );
    const relative = await sweepJobPlan(bundledSweep, { target: 'slurm', outDir: 'rel/dir/' });
    expect(relative.outDir).toBe(path.resolve('rel/dir'));
  });

  it('names the sweep file when its sweep block is wrong', async () => {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, `extends: ${bundledSweep}\nsweep:\n  axes:\n    workload.paralelism.tp: [4]\n`);
    expect(await refusal(sweepJobPlan(bad, { target: 'slurm', outDir: dir }))).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: sweep\\.axes\\."workload\\.paralelism\\.tp": not a scenario field`));
  });
});

describe('emitJobs', () => {
  let plan: JobPlan;
  beforeEach(async () => {
    plan = await sweepJobPlan(bundledSweep, { target: 'slurm', outDir: path.join(dir, 'out'), shards: 3 });
  });

  it('knows slurm, k8s and batch (and their long names), and refuses others naming --emit', async () => {
    expect(['slurm', 'k8s', 'kubernetes', 'batch', 'aws-batch'].map(parseEmitTarget)).toEqual(['slurm', 'k8s', 'k8s', 'batch', 'batch']);
    expect(await refusal(() => parseEmitTarget('pbs'))).toBe('--emit: expected slurm, k8s or batch, got "pbs"; e.g. --emit slurm.');
  });

  it('on Slurm creates the out-dir, and refuses one that cannot be written', async () => {
    emitJobs(plan, 'slurm');
    expect(fs.statSync(plan.outDir).isDirectory()).toBe(true);
    expect(fs.readdirSync(plan.outDir)).toEqual([]); // the write probe is gone
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    const blocked = { ...plan, outDir: path.join(file, 'sub') };
    expect(await refusal(() => emitJobs(blocked, 'slurm'))).toBe(
      `--out-dir: cannot write to ${file}/sub (ENOTDIR); give a directory on shared storage that this user can write, e.g. --out-dir ~/sweep-results.`,
    );
  });

  it('needs --image for containers and a job queue for AWS Batch; refuses flags of another target', async () => {
    expect(await refusal(() => emitJobs(plan, 'k8s'))).toMatch(/^--image: needed with --emit k8s: the container image/);
    expect(await refusal(() => emitJobs(plan, 'batch', { image: 'i' }))).toMatch(/^--partition: needed with --emit batch: the AWS Batch job queue/);
    expect(await refusal(() => emitJobs(plan, 'slurm', { image: 'i' }))).toBe('--image: not used with --emit slurm (only with --emit k8s or --emit batch); drop --image.');
    expect(await refusal(() => emitJobs(plan, 'slurm', { volumeClaim: 'c' }))).toMatch(/^--volume-claim: not used with --emit slurm/);
    expect(await refusal(() => emitJobs(plan, 'k8s', { image: 'i', efsFileSystemId: 'fs-1' }))).toMatch(/^--efs: not used with --emit k8s/);
    expect(await refusal(() => emitJobs(plan, 'slurm', { partition: 'a\nb' }))).toMatch(/^--partition: "a\\nb" holds a control character/);
  });

  it('refuses more than 10000 shards on AWS Batch (its largest array)', async () => {
    expect(await refusal(() => emitJobs({ ...plan, shards: 10_001 }, 'batch', { image: 'i', partition: 'q' }))).toBe(
      '--shards: an AWS Batch array job holds at most 10000 children, got 10001; give --shards 10000 or fewer.',
    );
  });
});
