/**
 * A job plan: what a batch system must run, independent of the batch system. N shard tasks, each
 * running one command line in which the shard's index is a placeholder, then one merge command
 * once every shard succeeded. The emitters (slurm.ts, kubernetes.ts, aws-batch.ts) turn one plan
 * into a Slurm submit script, a Kubernetes manifest or an AWS Batch submit script; each fills the
 * placeholder from its own variable (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX,
 * AWS_BATCH_JOB_ARRAY_INDEX). `trnsim sweep --emit` builds its plan in sweep-job-plan.ts; another
 * command (e.g. a plan search) builds its own per-shard command and reuses the emitters.
 */

/** Where the shard's 0-based index goes in a word. */
export interface ShardIndexPart {
  readonly kind: 'shard-index';
}

/**
 * Where the path of an input file goes in a word: its local path on Slurm (shared file system),
 * the place the emitter puts its text in a container (Kubernetes ConfigMap, AWS Batch variable).
 */
export interface InputPathPart {
  readonly kind: 'input-path';
  readonly name: string;
}

export type WordPart = string | ShardIndexPart | InputPathPart;

/** One argument of a command line: literal text, or parts joined without spaces. */
export type Word = string | readonly WordPart[];

export const SHARD_INDEX: ShardIndexPart = { kind: 'shard-index' };

export function inputPath(name: string): InputPathPart {
  return { kind: 'input-path', name };
}

/** A file the shard or merge commands read. */
export interface JobInput {
  /** File name, used in containers (letters, digits, '.', '-', '_'), e.g. "sweep.json". */
  readonly name: string;
  /** Absolute path on the machine that emitted the plan (used as is on a shared file system). */
  readonly localPath: string;
  /** The file's text, carried inside the job description for container targets. */
  readonly text: string;
}

export interface JobPlan {
  /** Base name of the jobs: lower-case letters, digits and '-', short enough (at most 50) for a
   * Kubernetes name with '-merge' or '-input' appended. */
  readonly name: string;
  /** One line saying what runs (for the emitted file's header), e.g. "sweep 9cda... (9 points) of x.yaml". */
  readonly title: string;
  /** Number of shard tasks, indices 0 .. shards-1. */
  readonly shards: number;
  /** Absolute directory the shards write to and the merge reads (shared storage). */
  readonly outDir: string;
  /** The file the merge writes. */
  readonly resultsFile: string;
  /** CPUs each shard task asks for. */
  readonly cpusPerTask: number;
  /** Shell text that runs trnsim on the nodes, e.g. "trnsim" or "'/usr/bin/node' '/opt/t/main.js'". */
  readonly trnsim: string;
  /** Arguments after `trnsim` of shard i's command. */
  readonly shardArgs: readonly Word[];
  /** Arguments after `trnsim` of the merge command. */
  readonly mergeArgs: readonly Word[];
  readonly inputs: readonly JobInput[];
}

/** The results file of a shard in outDir, as a word with the index placeholder. */
export function shardFileWord(outDir: string): Word {
  return [`${outDir}/shard-`, SHARD_INDEX, '.jsonl'];
}

/** The results files of every shard, for the merge command. */
export function shardFiles(outDir: string, shards: number): string[] {
  return Array.from({ length: shards }, (_, i) => `${outDir}/shard-${i}.jsonl`);
}

/** Shard i's command words with the index and input paths filled in (for tests and dry runs). */
export function concreteArgs(words: readonly Word[], index: number, pathOf: (name: string) => string): string[] {
  return words.map((w) =>
    typeof w === 'string' ? w : w.map((p) => (typeof p === 'string' ? p : p.kind === 'shard-index' ? String(index) : pathOf(p.name))).join(''),
  );
}
