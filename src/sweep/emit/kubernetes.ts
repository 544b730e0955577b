/**
 * Kubernetes: one manifest (a YAML stream for `kubectl apply -f`) with
 * - a ConfigMap holding the input files (the sweep document), mounted read-only in every pod;
 * - an Indexed Job (completionMode: Indexed, completions = parallelism = N) whose pod i runs shard
 *   JOB_COMPLETION_INDEX = i; a pod that fails or is evicted is replaced by one with the same index,
 *   which resumes the shard file (--resume), so nothing finished is lost;
 * - the merge Job, created suspended: Kubernetes has no dependency between Jobs, so the header's
 *   commands wait for the shard Job to complete and then un-suspend the merge.
 * Field names are those of the batch/v1 Job API (Kubernetes API reference, "Job v1 batch":
 * JobSpec.completionMode, completions, parallelism, backoffLimitPerIndex, podFailurePolicy,
 * suspend) and core/v1 ConfigMap and PodSpec. backoffLimitPerIndex needs Kubernetes 1.29 or later.
 */
import { stringify } from 'yaml';
import type { JobPlan } from './job-plan.js';
import { shellCommand, shellQuote, type WordContext } from './shell.js';

export interface KubernetesOptions {
  /** Container image with node 20 and trnsim. */
  readonly image: string;
  /** Namespace of every object (default: kubectl's current namespace). */
  readonly namespace?: string;
  /** An existing ReadWriteMany PersistentVolumeClaim mounted at the plan's outDir. */
  readonly volumeClaim?: string;
  readonly version?: string;
}

/** Environment variable the Job controller sets to the pod's completion index. */
export const KUBERNETES_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';
export const DEFAULT_VOLUME_CLAIM = 'trnsim-results';
/** Where the ConfigMap with the input files is mounted. */
export const KUBERNETES_INPUT_DIR = '/etc/trnsim-input';
/** Pod failures tolerated per index before the Job fails (evictions do not count). */
export const RETRIES_PER_SHARD = 3;

type Manifest = Record<string, unknown>;

export function kubernetesManifests(plan: JobPlan, options: KubernetesOptions): Manifest[] {
  const ctx: WordContext = { indexVariable: KUBERNETES_INDEX_VARIABLE, inputPath: (name) => `${KUBERNETES_INPUT_DIR}/${name}` };
  const namespace = options.namespace !== undefined ? { namespace: options.namespace } : {};
  const inputName = `${plan.name}-input`;
  const labels = (component: string): Record<string, string> => ({
    'app.kubernetes.io/name': 'trnsim',
    'app.kubernetes.io/instance': plan.name,
    'app.kubernetes.io/component': component,
  });
  const volumes = [
    { name: 'results', persistentVolumeClaim: { claimName: options.volumeClaim ?? DEFAULT_VOLUME_CLAIM } },
    { name: 'input', configMap: { name: inputName } },
  ];
  const volumeMounts = [
    { name: 'results', mountPath: plan.outDir },
    { name: 'input', mountPath: KUBERNETES_INPUT_DIR, readOnly: true },
  ];
  const container = (name: string, line: string, cpus: number): Manifest => ({
    name,
    image: options.image,
    command: ['sh', '-c', `exec ${line}`],
    resources: { requests: { cpu: String(cpus) } },
    volumeMounts,
  });
  const configMap: Manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: inputName, ...namespace, labels: labels('input') },
    data: Object.fromEntries(plan.inputs.map((i) => [i.name, i.text])),
  };
  const shards: Manifest = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: plan.name, ...namespace, labels: labels('shard') },
    spec: {
      completionMode: 'Indexed',
      completions: plan.shards,
      parallelism: plan.shards,
      backoffLimitPerIndex: RETRIES_PER_SHARD,
      // a pod evicted or preempted (condition DisruptionTarget) is replaced without counting as a failure
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
      template: {
        metadata: { labels: labels('shard') },
        spec: { restartPolicy: 'Never', containers: [container('shard', shellCommand(plan.trnsim, plan.shardArgs, ctx), plan.cpusPerTask)], volumes },
      },
    },
  };
  const merge: Manifest = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${plan.name}-merge`, ...namespace, labels: labels('merge') },
    spec: {
      suspend: true,
      completions: 1,
      parallelism: 1,
      backoffLimit: RETRIES_PER_SHARD,
      template: {
        metadata: { labels: labels('merge') },
        spec: { restartPolicy: 'Never', containers: [container('merge', shellCommand(plan.trnsim, plan.mergeArgs, ctx), 1)], volumes },
      },
    },
  };
  return [configMap, shards, merge];
}

/** The manifests as one YAML stream, with the commands that run it in the header. */
export function kubernetesYaml(plan: JobPlan, options: KubernetesOptions): string {
  const tool = options.version !== undefined ? `trnsim ${options.version}` : 'trnsim';
  const ns = options.namespace !== undefined ? ` -n ${shellQuote(options.namespace)}` : '';
  const header = [
    `# ${tool}: ${plan.title}, in ${plan.shards} shards on Kubernetes (Indexed Job).`,
    `# Needs a ReadWriteMany PersistentVolumeClaim "${options.volumeClaim ?? DEFAULT_VOLUME_CLAIM}" (mounted at ${plan.outDir}).`,
    '# Run it (save this output as sweep-k8s.yaml):',
    `#   kubectl${ns} apply -f sweep-k8s.yaml`,
    `#   kubectl${ns} wait --for=condition=complete --timeout=-1s job/${plan.name}`,
    `#   kubectl${ns} patch job ${plan.name}-merge --type=merge -p '{"spec":{"suspend":false}}'`,
    `#   kubectl${ns} wait --for=condition=complete --timeout=-1s job/${plan.name}-merge`,
    `# results: ${plan.resultsFile} on that volume.`,
  ].join('\n');
  const docs = kubernetesManifests(plan, options).map((m) => stringify(m, { lineWidth: 0 }));
  return `${header}\n${docs.map((d) => `---\n${d}`).join('')}`;
}
