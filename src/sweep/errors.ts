/**
 * Every user-facing error of the sweep layer, as factories (house style: one errors.ts per layer).
 * Each names the field, flag or file and says what would be valid.
 */
import { UserInputError, clause } from '../user-input-error.js';

export const SweepErrors = {
  noSweepBlock: (where: string) =>
    new UserInputError(`${where}: has no "sweep:" block; add sweep: { axes: { "<field.path>": [values] } } or use "trnsim run" for a single scenario.`),
  noAxes: () => new UserInputError('sweep.axes: needs at least one axis, e.g. axes: { "system.count": [1, 2, 4] }.'),
  badMode: (mode: unknown) => new UserInputError(`sweep.mode: expected "cross" or "zip", got ${JSON.stringify(mode)}.`),
  badReplications: (r: unknown) =>
    new UserInputError(`sweep.replications: expected a positive integer, got ${JSON.stringify(r)}.`),
  badSkipInvalid: (v: unknown) => new UserInputError(`sweep.skipInvalid: expected true or false, got ${JSON.stringify(v)}.`),
  emptyAxis: (path: string) =>
    new UserInputError(`sweep.axes."${path}": the axis is empty; give at least one value or a range { from, to, step } / { from, to, factor }.`),
  badAxis: (path: string, why: string) => new UserInputError(`sweep.axes."${path}": ${clause(why)}.`),
  unknownAxisPath: (path: string, why: string) =>
    new UserInputError(`sweep.axes."${path}": not a scenario field: ${clause(why)}; use the dot path of a scenario field, e.g. workload.parallelism.tp.`),
  zipLengths: (lengths: string) =>
    new UserInputError(`sweep.axes: mode "zip" needs axes of equal length, got ${lengths}; use mode: cross or make them the same length.`),
  tooManyPoints: (n: number) =>
    new UserInputError(`sweep: expands to ${n} points, more than the limit of ${Number.MAX_SAFE_INTEGER}; reduce the axes.`),
  invalidPoints: (count: number, total: number, listing: string) =>
    new UserInputError(
      `sweep: ${count} of ${total} points are invalid; fix them, or set sweep.skipInvalid: true to record them as "invalid" and run the rest:\n${clause(listing)}.`,
    ),
  badShard: (text: string) =>
    new UserInputError(`--shard: expected i/n with integers 0 <= i < n (0-based, like Kubernetes indexed Jobs and AWS Batch array indices), got "${text}".`),
  badWorkers: (v: unknown) =>
    new UserInputError(`--workers: expected a non-negative integer (0 runs points in-process), got ${JSON.stringify(v)}.`),
  runnerNeedsInProcess: () =>
    new UserInputError('runSweep: a runner function can only run in-process; pass workers: 0, or give the runner as a module URL.'),
  outExists: (path: string) =>
    new UserInputError(`--out: ${path} already exists; pass --resume to continue that sweep, or choose another --out file.`),
  resumeNeedsOut: () => new UserInputError('--resume: needs --out <file>, the results file to continue; add e.g. --out results.jsonl.'),
  otherSweep: (path: string, fileId: string, id: string) =>
    new UserInputError(
      `${path}: holds results of another sweep (id ${fileId}; this sweep is ${id}); the scenario or its axes changed; choose another --out file or remove it.`,
    ),
  badObjective: (text: string) =>
    new UserInputError(`--objective: expected <output.path>[:max|min], e.g. tokensPerSecond or stepTimeS:min, got "${text}".`),
  mergeNoInputs: () => new UserInputError('merge: give at least one results file, e.g. trnsim merge a.jsonl b.jsonl --out all.jsonl.'),
  mergeCorrupt: (file: string, line: number, why: string) =>
    new UserInputError(`${file}:${line}: not a sweep result line (${why}); re-run that shard with --resume to repair it.`),
  mergeMixed: (file: string, id: string, otherFile: string, otherId: string) =>
    new UserInputError(`merge: ${file} belongs to sweep ${id} but ${otherFile} to sweep ${otherId}; give only shard files of one sweep.`),
  mergeOverlap: (index: number, a: string, b: string) =>
    new UserInputError(`merge: point ${index} appears in both ${a} and ${b}; give each shard once (was the same --shard run twice?).`),
  mergeIncomplete: (missing: number, total: number, sample: string) =>
    new UserInputError(`merge: ${missing} of ${total} points are missing (e.g. index ${sample}); run the missing shards (or resume them) and merge again.`),
  emitUnknownTarget: (text: string) =>
    new UserInputError(`--emit: expected slurm, k8s or batch, got ${JSON.stringify(text)}; e.g. --emit slurm.`),
  emitShards: (value: unknown, total: number, items = 'the points of this sweep') =>
    new UserInputError(`--shards: expected an integer from 1 to ${total} (${items}), got ${JSON.stringify(value)}; e.g. --shards ${Math.max(1, Math.min(total, 8))}.`),
  emitBatchShards: (shards: number, max: number) =>
    new UserInputError(`--shards: an AWS Batch array job holds at most ${max} children, got ${shards}; give --shards ${max} or fewer.`),
  emitNeedsOutDir: () =>
    new UserInputError(
      '--out-dir: needed with --emit: the directory every shard writes its results to and the merge reads, on storage all tasks share, e.g. --out-dir /shared/sweep-results.',
    ),
  emitOutDirNotAbsolute: (dir: string, target: string) =>
    new UserInputError(`--out-dir: ${JSON.stringify(dir)} must be an absolute path inside the container for --emit ${target} (where the results volume is mounted), e.g. --out-dir /results.`),
  emitOutDirUnwritable: (dir: string, why: string) =>
    new UserInputError(`--out-dir: cannot write to ${dir} (${why}); give a directory on shared storage that this user can write, e.g. --out-dir ~/sweep-results.`),
  emitNeeds: (flag: string, target: string, what: string) => new UserInputError(`${flag}: needed with --emit ${target}: ${clause(what)}.`),
  emitNotFor: (flag: string, target: string, usedWith: string) =>
    new UserInputError(`${flag}: not used with --emit ${target} (only with ${usedWith}); drop ${flag}.`),
  emitConflict: (flag: string) =>
    new UserInputError(`${flag}: not used with --emit (each task of the emitted jobs runs its own shard into --out-dir); drop ${flag}.`),
  emitOnly: (flag: string) => new UserInputError(`${flag}: only used with --emit slurm|k8s|batch; add --emit or drop ${flag}.`),
  emitUnsafeText: (flag: string, value: string) =>
    new UserInputError(`${flag}: ${JSON.stringify(value)} holds a control character (newline, tab, ...), which cannot go into a job script; rename it without one.`),
  emitBadTrnsim: (value: string) =>
    new UserInputError(`--trnsim: expected the command that runs trnsim on the nodes, e.g. "trnsim" or "/usr/bin/node /opt/trnsim/dist/src/cli/main.js", got ${JSON.stringify(value)}.`),
  fileUnreadable: (path: string, why: string) => new UserInputError(`${path}: cannot read (${clause(why)}); check the path and its permissions.`),
};
