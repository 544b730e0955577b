/**
 * The merge of a sharded plan (`trnsim plan ... --merge shard-*.jsonl --out plan.json`): the
 * search of a single-process plan, run again over the whole candidate space, with every
 * simulation answered from the shards' lines instead of simulated. The shards simulated every
 * candidate that search simulates (plan-shard.ts says why), so the merged result is the
 * single-process `trnsim plan --json` result byte for byte, apart from `meta`.
 *
 * It needs the plan (file or flags) as well as the files: the lines hold each shard's results,
 * the plan says what the whole space is; the plan's id on every line makes sure they match.
 */
import { performance } from 'node:perf_hooks';
import { readSortedResults, type AffinityExecutor } from '../sweep/index.js';
import type { SweepLine } from '../sweep/types.js';
import { PlanErrors } from './errors.js';
import { ENUMERATE, planMeta } from './plan.js';
import { planId } from './plan-id.js';
import { preparePlan, type PlanSource } from './prepare.js';
import { searchPlan } from './search-plan.js';
import { firstLineId, recordedOutcome } from './shard-lines.js';
import type { PlanProgress, PlanResult } from './types.js';

export interface MergePlanOptions {
  readonly origin?: string;
  readonly onProgress?: (p: PlanProgress) => void;
}

/** Names the first file whose lines belong to another plan. */
function checkIds(files: readonly string[], id: string): void {
  for (const file of files) {
    const fileId = firstLineId(file);
    if (fileId !== undefined && fileId !== id) throw PlanErrors.mergeOtherPlan(file, fileId, id);
  }
}

/** An executor that answers each candidate from its line; asks for a pruned one are collected. */
function replayExecutor(lines: readonly (SweepLine | undefined)[]): { executor: AffinityExecutor; needed: SweepLine[] } {
  const needed: SweepLine[] = [];
  const executor: AffinityExecutor = {
    concurrency: 1,
    capacity: 64,
    run(point) {
      const line = lines[point.index];
      const recorded = line !== undefined ? recordedOutcome(line) : undefined;
      if (recorded !== undefined) return Promise.resolve(recorded);
      if (line !== undefined) needed.push(line);
      return Promise.resolve({ status: 'error', error: 'pruned in its shard', wallTimeS: 0, worker: 0 });
    },
    async close() {},
  };
  return { executor, needed };
}

export async function mergePlanShards(source: PlanSource, files: readonly string[], options: MergePlanOptions = {}): Promise<PlanResult> {
  const t0 = performance.now();
  if (files.length === 0) throw PlanErrors.mergeNoFiles();
  const prepared = preparePlan(source, { ...(options.origin !== undefined ? { origin: options.origin } : {}), onEnumerate: () => options.onProgress?.(ENUMERATE) });
  const id = planId(prepared.spec);
  checkIds(files, id);
  // a plan without candidates has empty shard files, which readSortedResults refuses
  let lines: readonly (SweepLine | undefined)[] = [];
  if (prepared.space.candidates > 0) {
    const r = await readSortedResults(files, { allowIncomplete: true });
    if (r.total !== prepared.space.candidates) throw PlanErrors.mergeOtherTotal(r.total, prepared.space.candidates);
    if (r.missing > 0) throw PlanErrors.mergeIncomplete(r.missing, r.total, r.lines.indexOf(undefined));
    lines = r.lines;
  }
  const replay = replayExecutor(lines);
  const body = await searchPlan(prepared, replay.executor, { t0, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const first = replay.needed[0];
  if (first !== undefined) throw PlanErrors.mergePrunedNeeded(first.index, first.error ?? 'no reason');
  return { ...body, meta: { ...planMeta(body, t0, 0), shards: files.length } };
}
