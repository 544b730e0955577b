/**
 * The emitted Slurm script, run with bash against a stand-in sbatch that records its calls: one
 * array job --array=0-(N-1), then a merge with --dependency=afterok:<array id>; the merge id is the
 * last line; each job script, run as Slurm would run task i, calls trnsim with exactly shard i's
 * arguments, whatever characters the paths hold. (slurm-real.test.ts runs it on a real Slurm.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { concreteArgs, type JobPlan } from '../../../src/sweep/emit/job-plan.js';
import { shellQuote } from '../../../src/sweep/emit/shell.js';
import { slurmScript } from '../../../src/sweep/emit/slurm.js';
import { emitJobs } from '../../../src/sweep/emit/emit-jobs.js';
import { sweepJobPlan } from '../../../src/sweep/emit/sweep-job-plan.js';
import { awkwardDir, bundledSweep, recorder, run, type Recorder } from './helpers.js';

let dir: string;
let sbatch: Recorder;
let trnsim: Recorder;
let plan: JobPlan;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-emit-slurm-'));
  const bin = path.join(dir, 'bin');
  // sbatch --parsable prints "<id>" or "<id>;<cluster>": ids 100, 101, ... with a cluster name
  sbatch = recorder(bin, 'sbatch', 'echo "$((99 + n));cluster0"');
  trnsim = recorder(path.join(dir, 'trnsim bin'), 'trnsim');
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  plan = await sweepJobPlan(bundledSweep, { target: 'slurm', outDir: awkwardDir(dir), shards: 3, trnsim: shellQuote(trnsim.path) });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function submit(script: string, ...args: string[]): { stdout: string; stderr: string } {
  const file = path.join(dir, 'submit.sh');
  fs.writeFileSync(file, script);
  const r = run('bash', [file, ...args], env);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

/** Runs a recorded job script as slurmd would, with the task's environment. */
function runJob(script: string, taskId?: number): void {
  const file = path.join(dir, 'job.sh');
  fs.writeFileSync(file, script);
  const r = run('bash', [file], { ...process.env, ...(taskId !== undefined ? { SLURM_ARRAY_TASK_ID: String(taskId) } : {}) });
  expect(r.code, r.stderr).toBe(0);
}

describe('slurmScript', () => {
  it('submits one array job of N tasks, then a merge after it, and prints the merge id last', () => {
    const r = submit(slurmScript(plan, { partition: 'gpu queue', version: '9.9.9' }));
    expect(r.stdout).toBe('101\n');
    expect(r.stderr).toMatch(/shards 0-2 submitted as array job 100\n.*merge submitted as job 101, after array job 100/);
    const [array, merge] = sbatch.calls();
    expect(sbatch.calls()).toHaveLength(2);
    expect(array!.argv).toEqual([
      '--parsable',
      '--partition=gpu queue',
      '--open-mode=append',
      `--job-name=${plan.name}`,
      '--array=0-2',
      '--cpus-per-task=1',
      '--requeue',
      `--output=${plan.outDir}/logs/shard-%a.log`,
    ]);
    expect(merge!.argv).toEqual([
      '--parsable',
      '--partition=gpu queue',
      '--open-mode=append',
      `--job-name=${plan.name}-merge`,
      '--dependency=afterok:100',
      '--kill-on-invalid-dep=yes',
      '--cpus-per-task=1',
      `--output=${plan.outDir}/logs/merge.log`,
    ]);
    expect(fs.statSync(path.join(plan.outDir, 'logs')).isDirectory()).toBe(true);

    // task i of the array runs shard i; the merge merges all shards
    for (let i = 0; i < 3; i++) runJob(array!.stdin, i);
    runJob(merge!.stdin);
    const calls = trnsim.calls().map((c) => c.argv);
    const local = (): string => bundledSweep;
    expect(calls).toEqual([0, 1, 2].map((i) => concreteArgs(plan.shardArgs, i, local)).concat([concreteArgs(plan.mergeArgs, 0, local)]));
    expect(calls[1]).toContain(`${plan.outDir}/shard-1.jsonl`);
    expect(calls[1]).toContain('1/3');
  });

  it('given indices, submits only those shards and a new merge', () => {
    submit(slurmScript(plan), '1');
    const [array, merge] = sbatch.calls();
    expect(array!.argv).toContain('--array=1');
    expect(array!.argv.some((a) => a.startsWith('--partition'))).toBe(false);
    expect(merge!.argv).toContain('--dependency=afterok:100');
  });

  it('escapes a "%" in the out-dir for --output, where Slurm reads % as a pattern', async () => {
    const p = { ...plan, outDir: path.join(dir, '100%') };
    submit(slurmScript(p));
    expect(sbatch.calls()[0]!.argv).toContain(`--output=${dir}/100%%/logs/shard-%a.log`);
  });

  it('says so when sbatch is not there', () => {
    const file = path.join(dir, 'submit.sh');
    fs.writeFileSync(file, slurmScript(plan));
    const r = run('/bin/bash', [file], { ...process.env, PATH: '/nonexistent' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sbatch not found: run this script where Slurm commands work/);
  });

  it('is what emitJobs gives for slurm', () => {
    expect(emitJobs(plan, 'slurm', { version: '1.2.3' })).toBe(slurmScript(plan, { version: '1.2.3' }));
  });
});
