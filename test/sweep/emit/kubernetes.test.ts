/**
 * The Kubernetes manifest against the fields of the API it uses, as schemas written here from the
 * Kubernetes API reference (batch/v1 Job: JobSpec; core/v1 ConfigMap, PodSpec, Container, Volume,
 * VolumeMount; no network to fetch the OpenAPI document): strict objects, so a misspelt or
 * invented field fails; the cross-field rules of JobSpec validation (Indexed needs completions,
 * backoffLimitPerIndex needs Indexed, podFailurePolicy needs restartPolicy Never); and, by running
 * each container's command with sh as the kubelet would, the index variable and shard arguments.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concreteArgs, type JobPlan } from '../../../src/sweep/emit/job-plan.js';
import { KUBERNETES_INPUT_DIR, kubernetesManifests, kubernetesYaml } from '../../../src/sweep/emit/kubernetes.js';
import { shellQuote } from '../../../src/sweep/emit/shell.js';
import { sweepJobPlan, SWEEP_INPUT } from '../../../src/sweep/emit/sweep-job-plan.js';
import { bundledSweep, recorder, run, type Recorder } from './helpers.js';

// metadata.name of a Job: a DNS label (its pods carry it as a label value, at most 63 characters)
const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(63);
const labels = z.record(z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/), z.string().max(63));
const objectMeta = z.strictObject({ name: dnsLabel, namespace: dnsLabel.optional(), labels: labels.optional() });
const quantity = z.string().regex(/^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti)?$/);
const volumeMount = z.strictObject({ name: z.string(), mountPath: z.string().startsWith('/'), readOnly: z.boolean().optional() });
const container = z.strictObject({
  name: dnsLabel,
  image: z.string().min(1),
  command: z.array(z.string()).min(1),
  args: z.array(z.string()).optional(),
  env: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
  resources: z.strictObject({ requests: z.partialRecord(z.enum(['cpu', 'memory']), quantity).optional(), limits: z.partialRecord(z.enum(['cpu', 'memory']), quantity).optional() }).optional(),
  volumeMounts: z.array(volumeMount).optional(),
});
const volume = z.union([
  z.strictObject({ name: dnsLabel, persistentVolumeClaim: z.strictObject({ claimName: z.string().min(1), readOnly: z.boolean().optional() }) }),
  z.strictObject({ name: dnsLabel, configMap: z.strictObject({ name: dnsLabel }) }),
]);
const podTemplate = z.strictObject({
  metadata: z.strictObject({ labels: labels.optional() }).optional(),
  spec: z.strictObject({ restartPolicy: z.enum(['Never', 'OnFailure']), containers: z.array(container).min(1), volumes: z.array(volume).optional() }),
});
const podFailurePolicy = z.strictObject({
  rules: z.array(
    z.strictObject({
      action: z.enum(['FailJob', 'FailIndex', 'Ignore', 'Count']),
      onPodConditions: z.array(z.strictObject({ type: z.string(), status: z.string().optional() })).optional(),
    }),
  ),
});
const job = z
  .strictObject({
    apiVersion: z.literal('batch/v1'),
    kind: z.literal('Job'),
    metadata: objectMeta,
    spec: z.strictObject({
      completionMode: z.enum(['NonIndexed', 'Indexed']).optional(),
      completions: z.number().int().min(0).optional(),
      parallelism: z.number().int().min(0).optional(),
      backoffLimit: z.number().int().min(0).optional(),
      backoffLimitPerIndex: z.number().int().min(0).optional(),
      podFailurePolicy: podFailurePolicy.optional(),
      suspend: z.boolean().optional(),
      template: podTemplate,
    }),
  })
  .superRefine((j, ctx) => {
    const s = j.spec;
    if (s.completionMode === 'Indexed' && s.completions === undefined) ctx.addIssue({ code: 'custom', message: 'Indexed needs completions' });
    if (s.completionMode === 'Indexed' && (s.completions! > 100_000 || (s.parallelism ?? 0) > 100_000)) ctx.addIssue({ code: 'custom', message: 'Indexed: at most 1e5' });
    if (s.backoffLimitPerIndex !== undefined && s.completionMode !== 'Indexed') ctx.addIssue({ code: 'custom', message: 'backoffLimitPerIndex needs Indexed' });
    if ((s.podFailurePolicy !== undefined || s.backoffLimitPerIndex !== undefined) && s.template.spec.restartPolicy !== 'Never') {
      ctx.addIssue({ code: 'custom', message: 'needs restartPolicy Never' });
    }
    const names = new Set((s.template.spec.volumes ?? []).map((v) => v.name));
    for (const c of s.template.spec.containers) for (const m of c.volumeMounts ?? []) if (!names.has(m.name)) ctx.addIssue({ code: 'custom', message: `no volume ${m.name}` });
  });
const configMap = z.strictObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('ConfigMap'),
  metadata: objectMeta,
  data: z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/), z.string()),
});

let dir: string;
let trnsim: Recorder;
let plan: JobPlan;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trnsim-emit-k8s-'));
  trnsim = recorder(dir, 'trnsim');
  plan = await sweepJobPlan(bundledSweep, { target: 'k8s', outDir: '/results/sweep 1', shards: 4, workers: 2, trnsim: shellQuote(trnsim.path) });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kubernetesYaml', () => {
  it('is a YAML stream of a ConfigMap, the Indexed shard Job and the suspended merge Job, valid against the API fields', () => {
    const text = kubernetesYaml(plan, { image: 'ghcr.io/x/trnsim:1', namespace: 'sweeps', volumeClaim: 'shared' });
    const docs = parseAllDocuments(text).map((d) => d.toJS() as unknown);
    expect(docs).toEqual(kubernetesManifests(plan, { image: 'ghcr.io/x/trnsim:1', namespace: 'sweeps', volumeClaim: 'shared' }));
    expect(docs).toHaveLength(3);
    const cm = configMap.parse(docs[0]);
    const shards = job.parse(docs[1]);
    const merge = job.parse(docs[2]);
    expect(cm.data[SWEEP_INPUT]).toBe(plan.inputs[0]!.text);
    expect(shards.spec).toMatchObject({ completionMode: 'Indexed', completions: 4, parallelism: 4 });
    expect(shards.metadata).toMatchObject({ name: plan.name, namespace: 'sweeps' });
    expect(shards.spec.template.spec.containers[0]!.resources?.requests?.cpu).toBe('2');
    expect(merge.spec.suspend).toBe(true);
    expect(merge.metadata.name).toBe(`${plan.name}-merge`);
    for (const j of [shards, merge]) {
      expect(j.spec.template.spec.volumes).toEqual([
        { name: 'results', persistentVolumeClaim: { claimName: 'shared' } },
        { name: 'input', configMap: { name: cm.metadata.name } },
      ]);
      expect(j.spec.template.spec.containers[0]!.volumeMounts).toContainEqual({ name: 'results', mountPath: '/results/sweep 1' });
    }
    // the header tells how to run it
    expect(text).toMatch(/^# trnsim: sweep [0-9a-f]{16} \(9 points\)/);
    expect(text).toContain(`kubectl -n sweeps wait --for=condition=complete --timeout=-1s job/${plan.name}\n`);
    expect(text).toContain(`kubectl -n sweeps patch job ${plan.name}-merge --type=merge -p '{"spec":{"suspend":false}}'`);
  });

  it('pod i runs shard JOB_COMPLETION_INDEX = i with the sweep from the ConfigMap; the merge reads every shard', () => {
    const [, shards, merge] = kubernetesManifests(plan, { image: 'i' }).map((m, k) => (k === 0 ? undefined : job.parse(m)));
    const command = (j: typeof shards): string[] => j!.spec.template.spec.containers[0]!.command;
    const inContainer = (name: string): string => `${KUBERNETES_INPUT_DIR}/${name}`;
    for (let i = 0; i < 4; i++) {
      const [sh, flag, script] = command(shards);
      expect([sh, flag]).toEqual(['sh', '-c']);
      expect(run(sh!, [flag!, script!], { ...process.env, JOB_COMPLETION_INDEX: String(i) }).code).toBe(0);
      expect(trnsim.calls().at(-1)!.argv).toEqual(concreteArgs(plan.shardArgs, i, inContainer));
    }
    expect(trnsim.calls()[2]!.argv.slice(0, 6)).toEqual(['sweep', `${KUBERNETES_INPUT_DIR}/sweep.json`, '--shard', '2/4', '--out', '/results/sweep 1/shard-2.jsonl']);
    const [sh, flag, script] = command(merge);
    expect(run(sh!, [flag!, script!]).code).toBe(0);
    expect(trnsim.calls().at(-1)!.argv).toEqual(['merge', ...[0, 1, 2, 3].map((i) => `/results/sweep 1/shard-${i}.jsonl`), '--out', '/results/sweep 1/results.jsonl']);
  });

  it('defaults to the claim trnsim-results and no namespace', () => {
    const [, shards] = kubernetesManifests(plan, { image: 'i' });
    const j = job.parse(shards);
    expect(j.metadata.namespace).toBeUndefined();
    expect(j.spec.template.spec.volumes![0]).toEqual({ name: 'results', persistentVolumeClaim: { claimName: 'trnsim-results' } });
  });

  it('the schema refuses what the API would (so the checks above can fail)', () => {
    const [, shards] = kubernetesManifests(plan, { image: 'i' }) as [unknown, { spec: Record<string, unknown> }];
    expect(job.safeParse({ ...shards, spec: { ...shards.spec, completionMode: 'indexed' } }).success).toBe(false);
    expect(job.safeParse({ ...shards, spec: { ...shards.spec, completion: 4 } }).success).toBe(false);
    expect(job.safeParse({ ...shards, spec: { ...shards.spec, completions: undefined } }).success).toBe(false);
    expect(job.safeParse({ ...shards, metadata: { name: 'Trnsim_Sweep' } }).success).toBe(false);
  });
});
