/**
 * `trnsim plan ... --emit slurm|k8s|batch`: the job plan of a plan (planJobPlan) through the
 * sweep's emitters. The Slurm script runs with bash against stand-ins for sbatch and trnsim that
 * record their calls: one array of N tasks, task i running `trnsim plan <plan-spec.json> --shard
 * i/N --out DIR/shard-i.jsonl --resume`, then a merge after it writing DIR/plan.json; the plan
 * document the tasks read is the one given, flags applied. Kubernetes and AWS Batch carry the
 * document inside the job description. Bad input is one sentence naming the flag, exit code 2.
 * (test/sweep/emit/slurm-real.test.ts submits a plan to a real Slurm.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planJobPlan, PLAN_INPUT, planId } from '../../src/plan/index.js';
import { loadPlanSpec } from '../../src/scenario/index.js';
import { awsBatchRequests, concreteArgs, emitJobs, shellQuote, slurmScript, type JobPlan } from '../../src/sweep/index.js';
import { emitPlan, planMode } from '../../src/cli/commands/plan-shards.js';
import { isUserInputError } from '../../src/user-input-error.js';
import { awkwardDir, recorder, root, run, type Recorder } from '../sweep/emit/helpers.js';
import { SMALL_TRAINING_PLAN } from './small-spec.js';

const doc = SMALL_TRAINING_PLAN;
const CANDIDATES = 128;
const id = planId(loadPlanSpec(doc));

let dir: string;
let sbatch: Recorder;
let trnsim: Recorder;
let env: NodeJS.ProcessEnv;
let plan: JobPlan;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-plan-emit-'));
  const bin = path.join(dir, 'bin');
  sbatch = recorder(bin, 'sbatch', 'echo "$((99 + n));cluster0"');
  trnsim = recorder(path.join(dir, 'trnsim bin'), 'trnsim');
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  plan = planJobPlan(doc, { target: 'slurm', outDir: awkwardDir(dir), shards: 3, trnsim: shellQuote(trnsim.path), origin: 'plans/small.yaml' });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function bash(script: string, vars: NodeJS.ProcessEnv = env, ...args: string[]): { stdout: string; stderr: string } {
  const file = path.join(dir, `script-${Math.random().toString(36).slice(2)}.sh`);
  fs.writeFileSync(file, script);
  const r = run('bash', [file, ...args], vars);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

async function refusal(f: () => unknown): Promise<string> {
  try {
    await f();
  } catch (e) {
    expect(isUserInputError(e), String(e)).toBe(true);
    expect((e as { exitCode: number }).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error('expected a UserInputError');
}

describe('the Slurm script of a plan', () => {
  it('submits an array of N shard tasks and a merge after it; task i plans shard i of the plan document', () => {
    const outDir = plan.outDir;
    const script = slurmScript(plan, { partition: 'compute', version: '9.9.9' });
    expect(script.split('\n')[1]).toBe(`# trnsim 9.9.9: plan ${id} (${CANDIDATES} candidates) of plans/small.yaml, in 3 shards on Slurm.`);
    expect(script).toContain(`# results: ${outDir}/plan.json\n`);
    const r = bash(script);
    expect(r.stdout).toBe('101\n');
    const [array, merge] = sbatch.calls();
    expect(sbatch.calls()).toHaveLength(2);
    expect(array!.argv).toEqual(['--parsable', '--partition=compute', '--open-mode=append', `--job-name=trnsim-plan-${id}`, '--array=0-2', '--cpus-per-task=1', '--requeue', `--output=${outDir}/logs/shard-%a.log`]);
    expect(merge!.argv).toEqual(['--parsable', '--partition=compute', '--open-mode=append', `--job-name=trnsim-plan-${id}-merge`, '--dependency=afterok:100', '--kill-on-invalid-dep=yes', '--cpus-per-task=1', `--output=${outDir}/logs/merge.log`]);

    // the tasks, run as slurmd runs them: each plans its shard into its file, the merge joins them
    for (let i = 0; i < 3; i++) bash(array!.stdin, { ...process.env, SLURM_ARRAY_TASK_ID: String(i) });
    bash(merge!.stdin, process.env);
    const spec = `${outDir}/${PLAN_INPUT}`;
    const shardFiles = [0, 1, 2].map((i) => `${outDir}/shard-${i}.jsonl`);
    expect(trnsim.calls().map((c) => c.argv)).toEqual([
      ...[0, 1, 2].map((i) => ['plan', spec, '--shard', `${i}/3`, '--out', shardFiles[i]!, '--resume', '--no-progress', '--workers', '0']),
      ['plan', spec, '--merge', ...shardFiles, '--out', `${outDir}/plan.json`, '--no-progress'],
    ]);
    // the document the tasks read: the plan as given, with its name
    expect(JSON.parse(fs.readFileSync(spec, 'utf8'))).toEqual(doc);
    expect(plan.inputs).toEqual([{ name: PLAN_INPUT, localPath: spec, text: fs.readFileSync(spec, 'utf8') }]);
  });

  it('asks for W CPUs per task with --workers W, defaults to min(candidates, 8) shards, passes --calibration on', () => {
    const p = planJobPlan(doc, { target: 'slurm', outDir: path.join(dir, 'w'), workers: 2 });
    expect(p.shards).toBe(8);
    expect(p.cpusPerTask).toBe(2);
    expect(concreteArgs(p.shardArgs, 5, (n) => `/in/${n}`)).toEqual(['plan', '/in/plan-spec.json', '--shard', '5/8', '--out', `${dir}/w/shard-5.jsonl`, '--resume', '--no-progress', '--workers', '2']);
    expect(emitJobs(p, 'slurm')).toContain('--cpus-per-task=2');
    // with --calibration every task gets a copy of the file
    const cal = path.join(dir, 'cal.json');
    fs.writeFileSync(cal, JSON.stringify({ trnsimCalibration: 1, constants: { 'training.tpCommOverlap': 0.5 } }));
    const c = planJobPlan(doc, { target: 'slurm', outDir: path.join(dir, 'c'), shards: 2, calibration: cal });
    const local = (n: string): string => c.inputs.find((i) => i.name === n)!.localPath;
    expect(concreteArgs(c.shardArgs, 1, local).slice(-2)).toEqual(['--calibration', `${dir}/c/calibration.json`]);
    expect(concreteArgs(c.mergeArgs, 0, local).slice(-2)).toEqual(['--calibration', `${dir}/c/calibration.json`]);
    expect(fs.readFileSync(`${dir}/c/calibration.json`, 'utf8')).toBe(fs.readFileSync(cal, 'utf8'));
    fs.writeFileSync(cal, '{"constants": {"no.such": 1}}');
    expect(() => planJobPlan(doc, { target: 'slurm', outDir: path.join(dir, 'd'), calibration: cal })).toThrow(/no\.such/);
    // a plan without a name gets the default one, written out for the tasks
    const unnamed = planJobPlan({ ...doc, name: undefined }, { target: 'slurm', outDir: path.join(dir, 'u') });
    expect(JSON.parse(unnamed.inputs[0]!.text).name).toBe('plan');
  });
});

describe('the Kubernetes and AWS Batch descriptions of a plan', () => {
  it('Kubernetes: the plan document in the ConfigMap, N indexed completions running plan --shard', () => {
    const p = planJobPlan(doc, { target: 'k8s', outDir: '/results', shards: 4 });
    const docs = parseAllDocuments(emitJobs(p, 'k8s', { image: 'img:1' })).map((d) => d.toJS() as Record<string, any>);
    const [configMap, shards, merge] = docs;
    expect(configMap!.kind).toBe('ConfigMap');
    expect(JSON.parse(configMap!.data[PLAN_INPUT])).toEqual(doc);
    expect(shards!.spec.completionMode).toBe('Indexed');
    expect(shards!.spec.completions).toBe(4);
    const shardCommand = shards!.spec.template.spec.containers[0].command.join(' ');
    expect(shardCommand).toContain('trnsim plan /etc/trnsim-input/plan-spec.json --shard "${JOB_COMPLETION_INDEX}"/4 --out /results/shard-"${JOB_COMPLETION_INDEX}".jsonl --resume');
    expect(merge!.spec.template.spec.containers[0].command.join(' ')).toContain('--merge /results/shard-0.jsonl /results/shard-1.jsonl /results/shard-2.jsonl /results/shard-3.jsonl --out /results/plan.json');
    // nothing is written on this machine for a container target
    expect(fs.existsSync('/results/plan-spec.json')).toBe(false);
  });

  it('AWS Batch: an array of N children running plan --shard, the document in a variable', () => {
    const p = planJobPlan(doc, { target: 'batch', outDir: '/mnt/efs/plan', shards: 3 });
    const r = awsBatchRequests(p, { image: 'img:1', jobQueue: 'q' });
    expect(r.submitShards.arrayProperties).toEqual({ size: 3 });
    const def = r.registerJobDefinition as { containerProperties: { command: string[]; environment: { name: string; value: string }[] } };
    expect(JSON.parse(def.containerProperties.environment.find((e) => e.name === 'TRNSIM_INPUT_PLAN_SPEC_JSON')!.value)).toEqual(doc);
    expect(def.containerProperties.command[2]).toContain('trnsim plan /tmp/trnsim-input/plan-spec.json --shard "${AWS_BATCH_JOB_ARRAY_INDEX:-0}"/3 --out /mnt/efs/plan/shard-"${AWS_BATCH_JOB_ARRAY_INDEX:-0}".jsonl --resume');
  });
});

describe('plan --emit bad input', () => {
  it('refuses an unknown target, --shards of 0 or above the candidates, an out-dir that cannot be written', async () => {
    const out = path.join(dir, 'o');
    expect(await refusal(() => emitPlan(doc, 'p', undefined, { emit: 'pbs', outDir: out }))).toBe('--emit: expected slurm, k8s or batch, got "pbs"; e.g. --emit slurm.');
    expect(await refusal(() => emitPlan(doc, 'p', undefined, { emit: 'slurm', outDir: out, shards: '0' }))).toBe(
      `--shards: expected an integer from 1 to ${CANDIDATES} (the candidates of this plan), got 0; e.g. --shards 8.`,
    );
    expect(await refusal(() => emitPlan(doc, 'p', undefined, { emit: 'slurm', outDir: out, shards: String(CANDIDATES + 1) }))).toMatch(/^--shards: expected an integer from 1 to 128 \(the candidates of this plan\), got 129;/);
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    expect(await refusal(() => emitPlan(doc, 'p', undefined, { emit: 'slurm', outDir: path.join(blocker, 'sub') }))).toMatch(/^--out-dir: cannot write to .*a-file\/sub \(ENOTDIR\); give a directory/);
    expect(await refusal(() => emitPlan(doc, 'p', undefined, { emit: 'slurm' }))).toMatch(/^--out-dir: needed with --emit/);
    expect(await refusal(() => emitPlan({ ...doc, model: 'llama-9' }, 'p', undefined, { emit: 'slurm', outDir: out }))).toMatch(/model: unknown model preset "llama-9"/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses the flags of another kind of run by name', async () => {
    expect(await refusal(() => planMode({ emit: 'slurm', out: 'x' }))).toMatch(/^--out: not used with --emit/);
    expect(await refusal(() => planMode({ emit: 'slurm', merge: ['a'] }))).toMatch(/^--merge: not used with --emit/);
    expect(await refusal(() => planMode({ shards: '2' }))).toBe('--shards: only used with --emit slurm|k8s|batch; add --emit or drop --shards.');
    expect(await refusal(() => planMode({ shard: '0/2' }))).toMatch(/^--shard: needs --out <file>/);
    expect(await refusal(() => planMode({ shard: '0/2', merge: ['a'], out: 'x' }))).toMatch(/^--shard: not used with --merge/);
    expect(await refusal(() => planMode({ resume: true }))).toMatch(/^--resume: only with --shard/);
    expect(await refusal(() => planMode({ merge: ['a'] }))).toMatch(/^--merge: needs --out <file>/);
    expect(await refusal(() => planMode({ out: 'x' }))).toMatch(/^--out: only with --shard or --merge/);
    expect(planMode({ shard: '0/2', out: 'x', resume: true })).toBe('shard');
    expect(planMode({ merge: ['a'], out: 'x' })).toBe('merge');
    expect(planMode({})).toBe('plan');
  });

  it('exits 2 from the CLI with the sentence on stderr and nothing on stdout', () => {
    const cli = path.join(root, 'dist/src/cli/main.js');
    const r = spawnSync(process.execPath, [cli, 'plan', '--model', 'llama-3.1-8b', '--tokens', '1e10', '--systems', 'h100-8x', '--max-chips', '8', '--emit', 'slurm', '--shards', '0', '--out-dir', path.join(dir, 'x')], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/^trnsim: --shards: expected an integer from 1 to \d+ \(the candidates of this plan\), got 0; e\.g\. --shards \d+\.\n$/);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
