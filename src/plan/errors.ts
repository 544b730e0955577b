/**
 * The user-facing errors of a plan run across many processes (--shard, --merge): one sentence
 * each, naming the flag or file, the value and a fix that works.
 */
import { UserInputError } from '../user-input-error.js';

export const PlanErrors = {
  shardOutExists: (path: string) =>
    new UserInputError(`--out: ${path} already exists; pass --resume to continue that shard, or choose another --out file.`),
  shardOtherPlan: (path: string, fileId: string, id: string) =>
    new UserInputError(`--out: ${path} holds lines of another plan (id ${fileId}; this plan is ${id}), so the plan file, its flags or --calibration changed; choose another --out file or remove it.`),
  mergeNoFiles: () => new UserInputError('--merge: give the shard files, e.g. trnsim plan plan.yaml --merge out/shard-0.jsonl out/shard-1.jsonl --out plan.json.'),
  mergeOtherPlan: (file: string, fileId: string, id: string) =>
    new UserInputError(
      `--merge: ${file} holds lines of plan ${fileId}, but this plan is ${id}; give the plan file, flags and --calibration the shards ran (an emitted job's DIR/plan-spec.json), or that plan's shard files.`,
    ),
  mergeOtherTotal: (fileTotal: number, total: number) =>
    new UserInputError(`--merge: the shard files count ${fileTotal} candidates but this plan has ${total}, so they were written by another trnsim version; run the shards again with this version.`, 1),
  mergeIncomplete: (missing: number, total: number, first: number) =>
    new UserInputError(
      `--merge: ${missing} of ${total} candidates have no line in the files (e.g. candidate ${first}); give every shard's file, or run the missing shards (--resume continues one cut short) and merge again.`,
    ),
  mergeOutIsInput: (out: string) => new UserInputError(`--out: ${out} is also one of the --merge files; write the merged plan to another file, e.g. --out plan.json.`),
  /** Exit code 1: not malformed input, but shard files that disagree with this trnsim. */
  mergePrunedNeeded: (index: number, reason: string) =>
    new UserInputError(
      `--merge: candidate ${index} was pruned in its shard (${reason}), but the search over all candidates simulates it, so the shards ran another trnsim version or a bound failed (see the warnings); run that shard again with this version (without --resume), then merge again.`,
      1,
    ),
};
