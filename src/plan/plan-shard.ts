/**
 * One shard of a plan (`trnsim plan ... --shard i/n --out FILE [--resume]`): the candidates whose
 * id mod n is i, one line each in FILE (shard-lines.ts): the closed forms' pruned ones with their
 * reason, then the survivors simulated best-first, as plan() does, with the shard's own results.
 *
 * What a shard may prune, and why it loses nothing (docs/planning.md, "Across many machines"): a
 * candidate is skipped only when a feasible simulated plan of the same system, in the same shard,
 * beats its lower bounds in every objective. Then its own result, which is no better than its
 * bounds, is dominated by that plan: dominated within the shard means dominated globally, so it is
 * on no frontier and is no system's best. The shard decides its j-th candidate on its candidates
 * 0 .. j - 33 (DECISION_LAG), which all come at least 33 places earlier in the global best-first
 * order; every one the single-process search skipped is dominated by one it simulated. So the
 * shard never skips a candidate that the single-process search would simulate, and the merge can
 * replay that search exactly from the shards' lines (plan-merge.ts).
 *
 * The few candidates the plan simulates only when nothing is feasible (space.fallback: what came
 * closest) are always simulated by their shard: a shard cannot know whether another found a
 * feasible plan, and they are at most six.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseShard, prepareResultsFile, ResultsFileWriter, shardSize, type AffinityExecutor, type ResumeState } from '../sweep/index.js';
import { lineText } from '../sweep/result-line.js';
import { checkShard } from '../sweep/shard.js';
import type { JsonObject, PointOutcome, Shard, SweepLine } from '../sweep/types.js';
import { checkOutputPath } from '../report/index.js';
import { PlanErrors } from './errors.js';
import { candidateExecutor, checkWorkers, ENUMERATE } from './plan.js';
import { planId } from './plan-id.js';
import { preparePlan, type PlanSource, type PreparedPlan } from './prepare.js';
import { bestFirst, REASON_DOMINATED_BOUND } from './search.js';
import { candidateInputs, firstLineId, prunedLine, recordedOutcome, shardLineContext, simulatedLine } from './shard-lines.js';
import type { Candidate, PlanProgress } from './types.js';

export interface PlanShardOptions {
  /** "i/n" or { index, count }: the candidates whose id mod n is i. */
  readonly shard: string | Shard;
  /** The shard's file, one JSON line per candidate of the shard. */
  readonly out: string;
  /** Continue `out`: keep its lines, simulate only the candidates it lacks (and those recorded as errors). */
  readonly resume?: boolean;
  /** Worker threads; 0 simulates in-process. Default: the machine's cores. */
  readonly workers?: number;
  readonly origin?: string;
  readonly onProgress?: (p: PlanProgress) => void;
}

export interface PlanShardSummary {
  readonly id: string;
  readonly shard: Shard;
  readonly out: string;
  /** Candidates of the whole plan, and of this shard. */
  readonly candidates: number;
  readonly share: number;
  /** Lines of the shard, by kind (whole shard, including lines kept from an earlier run). */
  readonly simulated: number;
  readonly failed: number;
  readonly pruned: number;
  /** Of `pruned`: skipped because a plan of the same shard dominates their bounds. */
  readonly dominatedInShard: number;
  /** Simulated by this run (the rest of `simulated` were in the file already). */
  readonly ranNow: number;
  /** Lines kept from the file (--resume). */
  readonly alreadyDone: number;
  /** Feasible plans among the shard's simulated candidates. */
  readonly feasible: number;
  readonly warnings: readonly string[];
  readonly wallTimeS: number;
}

interface PrunedRange {
  readonly first: number;
  readonly n: number;
  readonly reason: string;
  readonly where: JsonObject;
}

function nonEmpty(path: string): boolean {
  try {
    return fs.statSync(path).size > 0;
  } catch {
    return false;
  }
}

/** Refuses, in the plan's words and before any work, a shard file that cannot be written or that exists without --resume. */
function checkShardFile(path: string, resume: boolean): void {
  checkOutputPath(path, '--out');
  if (!resume && nonEmpty(path)) throw PlanErrors.shardOutExists(path);
}

/** Refuses to resume a shard file of another plan. */
function checkShardPlan(path: string, id: string): void {
  const fileId = nonEmpty(path) ? firstLineId(path) : undefined;
  if (fileId !== undefined && fileId !== id) throw PlanErrors.shardOtherPlan(path, fileId, id);
}

export async function planShard(source: PlanSource, options: PlanShardOptions): Promise<PlanShardSummary> {
  const t0 = performance.now();
  const shard = typeof options.shard === 'string' ? parseShard(options.shard) : checkShard(options.shard);
  const workers = checkWorkers(options.workers);
  checkShardFile(options.out, options.resume === true);
  // the worker threads start first: their start-up overlaps the enumeration
  const real = candidateExecutor(workers);
  let writer: ResultsFileWriter | undefined;
  try {
    const ranges: PrunedRange[] = [];
    const prepared = preparePlan(source, {
      ...(options.origin !== undefined ? { origin: options.origin } : {}),
      onEnumerate: () => options.onProgress?.(ENUMERATE),
      onPruned: (first, n, reason, where) => ranges.push({ first, n, reason, where }),
    });
    const id = planId(prepared.spec);
    const total = prepared.space.candidates;
    checkShardPlan(options.out, id);
    const kept = new Map<number, SweepLine>();
    const state = await prepareResultsFile(options.out, { id, total, resume: options.resume === true }, (line) => kept.set(line.index, line));
    writer = new ResultsFileWriter(options.out);
    const counts = await runShard(prepared, ranges, shard, { options, real, writer, kept, state, id, t0 });
    return { id, shard, out: options.out, candidates: total, share: shardSize(total, shard), ...counts, alreadyDone: state.kept, wallTimeS: (performance.now() - t0) / 1000 };
  } finally {
    writer?.close();
    await real.close();
  }
}

interface ShardRun {
  readonly options: PlanShardOptions;
  readonly real: AffinityExecutor;
  readonly writer: ResultsFileWriter;
  /** Lines kept from the file (--resume), by candidate id. */
  readonly kept: ReadonlyMap<number, SweepLine>;
  readonly state: ResumeState;
  readonly id: string;
  readonly t0: number;
}

type ShardCounts = Pick<PlanShardSummary, 'simulated' | 'failed' | 'pruned' | 'dominatedInShard' | 'ranNow' | 'feasible' | 'warnings'>;

async function runShard(prepared: PreparedPlan, ranges: readonly PrunedRange[], shard: Shard, run: ShardRun): Promise<ShardCounts> {
  const { spec, space, job } = prepared;
  const { options, real, writer, kept, state } = run;
  const mine = (k: number): boolean => k % shard.count === shard.index;
  const done = (k: number): boolean => state.done.length > 0 && state.done[k] === 1;
  const write = (line: SweepLine): void => {
    if (!done(line.index)) writer.write(lineText(line));
  };
  const ctx = shardLineContext(run.id, space.candidates);
  const fallback = new Set(space.fallback.map((f) => f.candidate.id));
  const warnings = [...state.warnings];
  const n = { simulated: 0, failed: 0, pruned: 0, dominatedInShard: 0, ranNow: 0 };

  // the closed forms' verdicts (the fallback candidates are simulated below instead)
  for (const r of ranges) {
    const start = r.first + ((((shard.index - r.first) % shard.count) + shard.count) % shard.count);
    for (let k = start; k < r.first + r.n; k += shard.count) {
      if (fallback.has(k)) continue;
      n.pruned++;
      write(prunedLine(ctx, spec.seed, k, r.reason, r.where));
    }
  }
  // candidates already in the file are answered from it, so the search decides as the first run did
  const executor: AffinityExecutor = {
    concurrency: real.concurrency,
    capacity: real.capacity,
    run(point, affinity) {
      const line = kept.get(point.index);
      const recorded = line !== undefined ? recordedOutcome(line) : undefined;
      if (recorded !== undefined) return Promise.resolve(recorded);
      if (line !== undefined) {
        warnings.push(`candidate ${point.index}: ${options.out} records it as pruned (${line.error}) but this run simulates it, so another trnsim version wrote the file; remove it and run the shard again`);
      }
      n.ranNow++;
      return real.run(point, affinity);
    },
    close: () => real.close(),
  };
  const onOutcome = (c: Candidate, o: PointOutcome): void => {
    n.simulated++;
    if (o.status !== 'ok') n.failed++;
    write(simulatedLine(ctx, spec.seed, c, o));
  };
  const common = { job, executor, seed: spec.seed, totalCandidates: space.candidates, t0: run.t0, onOutcome, ...(options.onProgress ? { onProgress: options.onProgress } : {}) } as const;
  const search = await bestFirst({
    ...common,
    candidates: (space.survivors as Candidate[]).filter((c) => mine(c.id)),
    prune: true,
    onSkipped: (c) => {
      if (fallback.has(c.id)) return;
      n.pruned++;
      n.dominatedInShard++;
      write(prunedLine(ctx, spec.seed, c.id, REASON_DOMINATED_BOUND, candidateInputs(c)));
    },
  });
  const ran = new Set([...search.evaluated.map((e) => e.candidate.id), ...search.failures.map((f) => f.candidate.id)]);
  const extra = space.fallback.filter((f) => mine(f.candidate.id) && !ran.has(f.candidate.id)).map((f) => f.candidate as Candidate);
  const more = extra.length > 0 ? await bestFirst({ ...common, candidates: extra, prune: false }) : undefined;
  warnings.push(...search.warnings, ...(more?.warnings ?? []));
  const feasible = [...search.evaluated, ...(more?.evaluated ?? [])].filter((e) => e.failure === undefined).length;
  return { ...n, feasible, warnings };
}
