/**
 * `trnsim sweep --emit slurm` on a real Slurm (a one-node cluster started by slurm-cluster.ts):
 * the emitted script, run with bash, submits the array and the merge; the merged results are
 * byte-identical (apart from meta) to a local single-process run. A task cancelled mid-run and
 * resubmitted, and a task requeued mid-run, complete their shard with no duplicate or lost point.
 * `trnsim plan --emit slurm` the same way: the merged plan is the local `trnsim plan --json`.
 * Skipped, with a note, where Slurm is not installed (the CI script installs it).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failIfRequiredToolMissing } from '../../system-tools.js';
import { startSlurmCluster, slurmUnavailable, type SlurmCluster } from './slurm-cluster.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = path.join(root, 'dist/src/cli/main.js');
const unavailable = slurmUnavailable();
if (unavailable !== undefined) console.warn(`note: skipping the real-Slurm test of sweep and plan --emit slurm: ${unavailable}`);

// Llama 3.1 8B on 16 Trn2 UltraServers: points of 0.1-0.9 s; 10 points, 5 per shard (a few seconds a
// task, so that a cancel or requeue after the first line lands mid-run)
const SHARDS = 2;
const REPLICATIONS = 5;
const POINTS = 2 * REPLICATIONS;
const PER_SHARD = POINTS / SHARDS;

let cluster: SlurmCluster;
let sweepFile: string;
let reference: string[];

function comparable(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((t) => JSON.parse(t) as { index: number; meta?: unknown })
    .sort((a, b) => a.index - b.index)
    .map(({ meta: _m, ...rest }) => JSON.stringify(rest));
}

function indices(file: string): number[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((t) => {
      try {
        return [(JSON.parse(t) as { index: number }).index];
      } catch {
        return []; // a line cut short by the kill: resume drops it and runs its point again
      }
    });
}

function trnsim(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: cluster.dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Emits the script for a fresh out-dir and returns its path. */
function emit(name: string): { script: string; outDir: string } {
  const outDir = path.join(cluster.dir, name);
  const r = trnsim('sweep', sweepFile, '--emit', 'slurm', '--shards', String(SHARDS), '--partition', cluster.partition, '--out-dir', outDir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const script = path.join(cluster.dir, `${name}.sh`);
  fs.writeFileSync(script, r.stdout);
  return { script, outDir };
}

/** Runs the emitted script with bash; returns the merge job id (last line) and the array job id. */
function submit(script: string, ...args: string[]): { merge: string; array: string } {
  const r = spawnSync('bash', [script, ...args], { env: cluster.env, encoding: 'utf8', timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.trim().split('\n');
  const array = /shards \S+ submitted as array job (\d+)/.exec(r.stderr)?.[1];
  expect(array, r.stderr).toBeDefined();
  return { merge: lines[lines.length - 1]!, array: array! };
}

function jobState(id: string): string {
  const r = cluster.run('scontrol', ['show', 'job', '-o', id]);
  return /JobState=(\S+)/.exec(r.stdout)?.[1] ?? `unknown (${r.stderr.trim()})`;
}

const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE']);

async function waitFor(id: string, timeoutMs: number, want?: (state: string) => boolean): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const state = jobState(id);
    if (want ? want(state) : FINAL.has(state)) return state;
    if (Date.now() > end) throw new Error(`job ${id} still ${state} after ${timeoutMs} ms\n${cluster.logs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until shard i's file has at least one line (the task is running), within the timeout. */
async function waitForLines(file: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (indices(file).length === 0) {
    if (Date.now() > end) throw new Error(`no line in ${file} after ${timeoutMs} ms\n${cluster.logs()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The shard file holds every point of shard i exactly once. */
function expectCompleteShard(file: string, i: number): void {
  const got = indices(file).sort((a, b) => a - b);
  expect(got).toEqual(Array.from({ length: PER_SHARD }, (_, k) => i + k * SHARDS));
}

failIfRequiredToolMissing('slurm', unavailable);

describe.skipIf(unavailable !== undefined)('sweep --emit slurm on a real Slurm', () => {
  beforeAll(async () => {
    expect(fs.existsSync(cli), `${cli} missing: run npx tsc -p tsconfig.json first`).toBe(true);
    cluster = await startSlurmCluster();
    sweepFile = path.join(cluster.dir, 'sweep.yaml');
    fs.writeFileSync(
      sweepFile,
      [
        `extends: ${path.join(root, 'scenarios/llama-3.1-8b-trn2-16-ultraservers.yaml')}`,
        'name: slurm-test-sweep',
        'sweep:',
        '  axes:',
        '    workload.parallelism.tp: [8, 16]',
        `  replications: ${REPLICATIONS}`,
        '',
      ].join('\n'),
    );
    // the reference: one local process, in-process points
    const local = trnsim('sweep', sweepFile, '--workers', '0', '--out', path.join(cluster.dir, 'local.jsonl'));
    expect(local.code, local.stderr).toBe(0);
    reference = comparable(path.join(cluster.dir, 'local.jsonl'));
    expect(reference).toHaveLength(POINTS);
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  it('the emitted script submits the array and the merge; results equal a local single-process run', async () => {
    const { script, outDir } = emit('full');
    const { merge, array } = submit(script);
    expect(merge).toMatch(/^\d+$/);
    expect(cluster.run('scontrol', ['show', 'job', '-o', merge]).stdout).toMatch(new RegExp(`Dependency=afterok:${array}_\\*`));
    expect(await waitFor(merge, 40_000)).toBe('COMPLETED');
    for (let i = 0; i < SHARDS; i++) {
      expect(jobState(`${array}_${i}`)).toBe('COMPLETED');
      expectCompleteShard(path.join(outDir, `shard-${i}.jsonl`), i);
    }
    expect(comparable(path.join(outDir, 'results.jsonl'))).toEqual(reference);
  });

  it('a task cancelled mid-run and resubmitted resumes its shard: nothing lost, nothing twice', async () => {
    const { script, outDir } = emit('cancelled');
    const first = submit(script);
    const shard1 = path.join(outDir, 'shard-1.jsonl');
    await waitForLines(shard1, 20_000);
    expect(cluster.run('scancel', [`${first.array}_1`]).code).toBe(0);
    expect(await waitFor(`${first.array}_1`, 15_000)).toBe('CANCELLED');
    const kept = indices(shard1).length;
    // the cancel came mid-run: the shard was not finished
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(PER_SHARD);
    // the merge cannot run after a cancelled task: Slurm cancels it (--kill-on-invalid-dep)
    expect(await waitFor(first.merge, 20_000)).toBe('CANCELLED');
    expect(fs.existsSync(path.join(outDir, 'results.jsonl'))).toBe(false);

    const again = submit(script, '1');
    expect(await waitFor(again.merge, 40_000)).toBe('COMPLETED');
    expectCompleteShard(shard1, 1);
    // the second attempt resumed: it ran only the points the first did not write
    expect(fs.readFileSync(path.join(outDir, 'logs/shard-1.log'), 'utf8')).toMatch(new RegExp(`ran ${PER_SHARD - kept} \\(ok ${PER_SHARD - kept}, invalid 0, error 0\\), ${kept} already done`));
    expect(comparable(path.join(outDir, 'results.jsonl'))).toEqual(reference);
  });

  it('a task requeued mid-run resumes its shard, and the first merge job completes', async () => {
    const { script, outDir } = emit('requeued');
    const { merge, array } = submit(script);
    const shard0 = path.join(outDir, 'shard-0.jsonl');
    await waitForLines(shard0, 20_000);
    expect(cluster.run('scontrol', ['requeue', `${array}_0`]).code).toBe(0);
    // back in the queue; Slurm lets it start again after cred_expire (5 s in slurm-cluster.ts)
    await waitFor(`${array}_0`, 15_000, (s) => s === 'PENDING');
    const kept = indices(shard0).length;
    expect(kept).toBeLessThan(PER_SHARD);
    expect(await waitFor(merge, 40_000)).toBe('COMPLETED');
    expectCompleteShard(shard0, 0);
    expect(cluster.run('scontrol', ['show', 'job', '-o', `${array}_0`]).stdout).toMatch(/Restarts=1/);
    expect(fs.readFileSync(path.join(outDir, 'logs/shard-0.log'), 'utf8')).toMatch(new RegExp(`ran ${PER_SHARD - kept} \\(ok ${PER_SHARD - kept}, invalid 0, error 0\\), ${kept} already done`));
    expect(comparable(path.join(outDir, 'results.jsonl'))).toEqual(reference);
  });

  it('a plan: the emitted script runs its shards and the merge; the merged plan equals a local trnsim plan --json', async () => {
    // 128 candidates (Llama 3.1 8B on 1-2 trn2.48xlarge and H100 nodes), about a second a shard
    const planFile = path.join(cluster.dir, 'small-plan.yaml');
    fs.writeFileSync(
      planFile,
      [
        'model: llama-3.1-8b',
        'systems: [{ preset: trn2.48xlarge, counts: [1, 2] }, { preset: h100-8x, counts: [1, 2] }]',
        'train: { tokens: 2e10, sequenceLength: 4096, globalBatch: 64, deadline: 4 d,',
        '         search: { tp: [4, 8], pp: [1, 2], microBatch: [1, 2], zero: [1, 3], recompute: [selective, full] } }',
        '',
      ].join('\n'),
    );
    const outDir = path.join(cluster.dir, 'plan-out');
    const emitted = trnsim('plan', planFile, '--emit', 'slurm', '--shards', String(SHARDS), '--partition', cluster.partition, '--out-dir', outDir);
    expect(emitted.stderr).toBe('');
    expect(emitted.code).toBe(0);
    const script = path.join(cluster.dir, 'plan.sh');
    fs.writeFileSync(script, emitted.stdout);
    const { merge, array } = submit(script);
    // the local reference runs while Slurm runs the shards
    const local = trnsim('plan', planFile, '--json', '--workers', '0', '--no-progress');
    expect(local.code, local.stderr).toBe(0);
    expect(await waitFor(merge, 40_000)).toBe('COMPLETED');
    for (let i = 0; i < SHARDS; i++) expect(jobState(`${array}_${i}`)).toBe('COMPLETED');
    const withoutMeta = (text: string): string => JSON.stringify({ ...(JSON.parse(text) as object), meta: undefined }, null, 2);
    const merged = fs.readFileSync(path.join(outDir, 'plan.json'), 'utf8');
    expect(JSON.parse(merged).name).toBe('small-plan');
    expect(JSON.parse(merged).pareto.length).toBeGreaterThan(0);
    expect(withoutMeta(merged)).toBe(withoutMeta(local.stdout));
    expect(fs.readFileSync(path.join(outDir, 'logs/merge.log'), 'utf8')).toMatch(/^merged 2 shard files into .*plan\.json\nTo train on 2\.00e\+10 tokens/);
  });
});
