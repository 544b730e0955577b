/**
 * The AWS Batch requests against the fields of the API they use, as schemas written here from the
 * AWS Batch API Reference (RegisterJobDefinition, SubmitJob, ArrayProperties: size 2-10,000,
 * JobDependency, RetryStrategy: attempts 1-10, ContainerProperties, ResourceRequirement, Volume,
 * MountPoint; no network to fetch the service model): strict objects, so a misspelt or invented
 * field fails. The emitted script runs against a stand-in `aws` that records its requests, and
 * each container command runs with sh as the container would, with AWS_BATCH_JOB_ARRAY_INDEX.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AWS_BATCH_INPUT_DIR,
  awsBatchRequests,
  awsBatchScript,
  inputVariable,
  SHARDS_JOB_ID_PLACEHOLDER,
} from '../../../src/sweep/emit/aws-batch.js';
import { concreteArgs, type JobPlan } from '../../../src/sweep/emit/job-plan.js';
import { shellQuote } from '../../../src/sweep/emit/shell.js';
import { sweepJobPlan, SWEEP_INPUT } from '../../../src/sweep/emit/sweep-job-plan.js';
import { bundledSweep, recorder, run, type Recorder } from './helpers.js';

// names: up to 128 letters, digits, hyphens and underscores, starting with a letter or digit
const batchName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/);
const keyValue = z.strictObject({ name: z.string().min(1), value: z.string() });
const resource = z.strictObject({ type: z.enum(['GPU', 'VCPU', 'MEMORY']), value: z.string().regex(/^[0-9]+(\.[0-9]+)?$/) });
const command = z.array(z.string()).min(1);
const registerJobDefinition = z.strictObject({
  jobDefinitionName: batchName,
  type: z.enum(['container', 'multinode']),
  platformCapabilities: z.array(z.enum(['EC2', 'FARGATE'])).optional(),
  retryStrategy: z.strictObject({ attempts: z.number().int().min(1).max(10) }).optional(),
  containerProperties: z.strictObject({
    image: z.string().min(1),
    command: command.optional(),
    environment: z.array(keyValue).optional(),
    resourceRequirements: z.array(resource).optional(),
    volumes: z
      .array(
        z.strictObject({
          name: z.string(),
          host: z.strictObject({ sourcePath: z.string() }).optional(),
          efsVolumeConfiguration: z.strictObject({ fileSystemId: z.string().regex(/^fs-/), rootDirectory: z.string().optional() }).optional(),
        }),
      )
      .optional(),
    mountPoints: z.array(z.strictObject({ sourceVolume: z.string(), containerPath: z.string().startsWith('/'), readOnly: z.boolean().optional() })).optional(),
  }),
});
const submitJob = z.strictObject({
  jobName: batchName,
  jobQueue: z.string().min(1),
  jobDefinition: z.string().min(1),
  arrayProperties: z.strictObject({ size: z.number().int().min(2).max(10_000) }).optional(),
  dependsOn: z.array(z.strictObject({ jobId: z.string().optional(), type: z.enum(['N_TO_N', 'SEQUENTIAL']).optional() })).max(20).optional(),
  containerOverrides: z.strictObject({ command: command.optional(), environment: z.array(keyValue).optional(), resourceRequirements: z.array(resource).optional() }).optional(),
  retryStrategy: z.strictObject({ attempts: z.number().int().min(1).max(10) }).optional(),
});

let dir: string;
let trnsim: Recorder;
let plan: JobPlan;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-emit-batch-'));
  trnsim = recorder(dir, 'trnsim');
  plan = await sweepJobPlan(bundledSweep, { target: 'batch', outDir: '/mnt/efs/sweep', shards: 5, trnsim: shellQuote(trnsim.path) });
});
beforeEach(() => {
  // each test sees only its own calls
  fs.rmSync(path.join(dir, 'trnsim.calls'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'trnsim.calls'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs a container command (sh -c ...) with the input directory moved into the test's folder. */
function runContainer(cmd: readonly string[], env: Record<string, string>): void {
  const [sh, flag, script] = cmd;
  expect([sh, flag]).toEqual(['sh', '-c']);
  const r = run(sh!, [flag!, script!.replaceAll(AWS_BATCH_INPUT_DIR, path.join(dir, 'input'))], { ...process.env, ...env });
  expect(r.code, r.stderr).toBe(0);
}

describe('awsBatchRequests', () => {
  it('an array job definition and two SubmitJob requests, valid against the API fields', () => {
    const r = awsBatchRequests(plan, { image: 'x.dkr.ecr/trnsim:1', jobQueue: 'sweeps', efsFileSystemId: 'fs-0123' });
    const def = registerJobDefinition.parse(r.registerJobDefinition);
    const shards = submitJob.parse(r.submitShards);
    const merge = submitJob.parse(r.submitMerge);
    expect(shards.arrayProperties).toEqual({ size: 5 });
    expect(shards).toMatchObject({ jobName: plan.name, jobQueue: 'sweeps', jobDefinition: def.jobDefinitionName });
    expect(merge.dependsOn).toEqual([{ jobId: SHARDS_JOB_ID_PLACEHOLDER }]);
    expect(merge.arrayProperties).toBeUndefined();
    expect(def.containerProperties.volumes).toEqual([{ name: 'results', efsVolumeConfiguration: { fileSystemId: 'fs-0123' } }]);
    expect(def.containerProperties.mountPoints).toEqual([{ sourceVolume: 'results', containerPath: '/mnt/efs/sweep', readOnly: false }]);
    expect(def.containerProperties.environment).toEqual([{ name: 'TRNSIM_INPUT_SWEEP_JSON', value: plan.inputs[0]!.text }]);
    expect(def.retryStrategy!.attempts).toBeGreaterThan(1);
  });

  it('child i runs shard AWS_BATCH_JOB_ARRAY_INDEX = i on the sweep document it carries; the merge reads every shard', () => {
    const r = awsBatchRequests(plan, { image: 'i', jobQueue: 'q' });
    const def = registerJobDefinition.parse(r.registerJobDefinition);
    const env = { [inputVariable(SWEEP_INPUT)]: plan.inputs[0]!.text };
    const input = path.join(dir, 'input');
    for (let i = 0; i < 5; i++) {
      runContainer(def.containerProperties.command!, { ...env, AWS_BATCH_JOB_ARRAY_INDEX: String(i) });
      expect(trnsim.calls().at(-1)!.argv).toEqual(concreteArgs(plan.shardArgs, i, (name) => `${input}/${name}`));
    }
    expect(fs.readFileSync(path.join(input, SWEEP_INPUT), 'utf8')).toBe(plan.inputs[0]!.text);
    expect(trnsim.calls()[3]!.argv.slice(2, 6)).toEqual(['--shard', '3/5', '--out', '/mnt/efs/sweep/shard-3.jsonl']);
    runContainer(submitJob.parse(r.submitMerge).containerOverrides!.command!, env);
    expect(trnsim.calls().at(-1)!.argv).toEqual(['merge', ...[0, 1, 2, 3, 4].map((i) => `/mnt/efs/sweep/shard-${i}.jsonl`), '--out', '/mnt/efs/sweep/results.jsonl']);
    expect(def.containerProperties.volumes).toEqual([{ name: 'results', host: { sourcePath: '/mnt/efs/sweep' } }]);
  });

  it('one shard is a plain job (an array needs 2 or more) running shard 0', async () => {
    const one = await sweepJobPlan(bundledSweep, { target: 'batch', outDir: '/r', shards: 1, trnsim: shellQuote(trnsim.path) });
    const r = awsBatchRequests(one, { image: 'i', jobQueue: 'q' });
    expect(submitJob.parse(r.submitShards).arrayProperties).toBeUndefined();
    runContainer(registerJobDefinition.parse(r.registerJobDefinition).containerProperties.command!, { [inputVariable(SWEEP_INPUT)]: '{}' });
    expect(trnsim.calls()[0]!.argv.slice(2, 4)).toEqual(['--shard', '0/1']);
  });

  it('the schemas refuse what the API would (so the checks above can fail)', () => {
    const r = awsBatchRequests(plan, { image: 'i', jobQueue: 'q' });
    expect(submitJob.safeParse({ ...r.submitShards, arrayProperties: { size: 1 } }).success).toBe(false);
    expect(submitJob.safeParse({ ...r.submitShards, arrayProperties: { size: 10_001 } }).success).toBe(false);
    expect(submitJob.safeParse({ ...r.submitShards, arraySize: 5 }).success).toBe(false);
    expect(registerJobDefinition.safeParse({ ...r.registerJobDefinition, retryStrategy: { attempts: 11 } }).success).toBe(false);
  });
});

describe('awsBatchScript', () => {
  it('registers, submits the shards, then the merge depending on the shards job; prints the merge id last', () => {
    const bin = path.join(dir, 'bin');
    // the stand-in answers like `aws ... --query ... --output text`
    const aws = recorder(bin, 'aws', 'case "$2" in register-job-definition) echo arn:aws:batch:def/1 ;; submit-job) echo "job-$n" ;; esac');
    const file = path.join(dir, 'submit.sh');
    fs.writeFileSync(file, awsBatchScript(plan, { image: 'i', jobQueue: 'q' }));
    const r = run('bash', [file], { ...process.env, PATH: `${bin}:${process.env.PATH}` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('job-3\n');
    const calls = aws.calls().map((c) => c.argv);
    expect(calls.map((a) => a.slice(0, 2))).toEqual([
      ['batch', 'register-job-definition'],
      ['batch', 'submit-job'],
      ['batch', 'submit-job'],
    ]);
    const body = (a: string[]): unknown => JSON.parse(a[a.indexOf('--cli-input-json') + 1]!);
    const expected = awsBatchRequests(plan, { image: 'i', jobQueue: 'q' });
    expect(body(calls[0]!)).toEqual(expected.registerJobDefinition);
    expect(body(calls[1]!)).toEqual(expected.submitShards);
    expect(submitJob.parse(body(calls[2]!)).dependsOn).toEqual([{ jobId: 'job-2' }]);
    for (const a of calls.slice(1)) expect(a.slice(a.indexOf('--job-definition'), a.indexOf('--job-definition') + 2)).toEqual(['--job-definition', 'arn:aws:batch:def/1']);
  });
});
