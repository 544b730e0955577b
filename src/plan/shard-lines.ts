/**
 * The lines of a plan shard's file: the sweep's result-line format (src/sweep/result-line.ts), one
 * line per candidate of the shard, so `--resume` and the merge's checks (one plan, disjoint,
 * complete) are the sweep's own. `index` is the candidate's id, `total` the plan's candidates,
 * `inputs` its system, size and degrees, and `status`:
 * - "ok": simulated, `outputs` is the simulation's result (what the merge evaluates again);
 * - "error": the simulation failed, `error` says why (re-run on --resume, reported by the merge);
 * - "invalid": pruned, not simulated; `error` is the reason, a key of the plan's `pruned`.
 */
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { makeLine, parseLine, type LineContext } from '../sweep/result-line.js';
import type { JsonObject, PointOutcome, SweepLine } from '../sweep/types.js';
import { version } from '../version.js';
import type { Candidate } from './types.js';

export function shardLineContext(id: string, total: number): LineContext {
  return { id, total, host: hostname(), version };
}

/** What a line says about its candidate: system, size, degrees. */
export function candidateInputs(c: Candidate): JsonObject {
  if (c.kind === 'serving') return { system: c.system.label, count: c.count, precision: c.precision, tp: c.tp, replicas: c.replicas, maxBatch: c.maxBatch };
  const p = c.parallelism;
  return { system: c.system.label, count: c.count, precision: c.precision, tp: p.tp, pp: p.pp, dp: p.dp, cp: p.cp, ep: p.ep, microBatch: c.microBatch, zero: p.zero, recompute: c.recompute, schedule: p.schedule };
}

/** A simulated candidate's line; a failure of any kind is "error". */
export function simulatedLine(ctx: LineContext, seed: number, c: Candidate, outcome: PointOutcome): SweepLine {
  const o: PointOutcome = outcome.status === 'invalid' ? { ...outcome, status: 'error' } : outcome;
  return makeLine(ctx, { index: c.id, seed, replication: 0, inputs: candidateInputs(c) }, o);
}

/** A pruned candidate's line: `error` is the reason. */
export function prunedLine(ctx: LineContext, seed: number, index: number, reason: string, inputs: JsonObject): SweepLine {
  return makeLine(ctx, { index, seed, replication: 0, inputs }, { status: 'invalid', error: reason, wallTimeS: 0, worker: 0 });
}

/** The outcome a line records, as the search takes it (a pruned line has none). */
export function recordedOutcome(line: SweepLine): PointOutcome | undefined {
  if (line.status === 'ok') return { status: 'ok', outputs: line.outputs!, runMeta: undefined, wallTimeS: 0, worker: 0 };
  if (line.status === 'error') return { status: 'error', error: line.error!, wallTimeS: 0, worker: 0 };
  return undefined;
}

/** The plan id on the first line of `path`, when the file can be read and that line parses. */
export function firstLineId(path: string): string | undefined {
  let text: string;
  try {
    const fd = fs.openSync(path, 'r');
    try {
      const buf = Buffer.alloc(1 << 16);
      text = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const first = text.split('\n').find((l) => l.trim() !== '');
  const parsed = first !== undefined ? parseLine(first) : undefined;
  return parsed?.ok ? parsed.line.id : undefined;
}
