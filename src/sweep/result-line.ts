/**
 * One line of results.jsonl: built with a fixed key order (id, index, total, seed, replication,
 * inputs, status, outputs | error, meta) and parsed back with checks, for resume and merge.
 */
import type { Json, PointOutcome, SweepLine, SweepLineMeta } from './types.js';

export interface LineContext {
  readonly id: string;
  readonly total: number;
  readonly host: string;
  readonly version: string;
}

export function makeLine(
  ctx: LineContext,
  point: { readonly index: number; readonly seed: number; readonly replication: number; readonly inputs: { readonly [path: string]: Json } },
  outcome: PointOutcome,
): SweepLine {
  const meta: SweepLineMeta =
    outcome.status === 'ok' && outcome.runMeta !== undefined
      ? { wallTimeS: outcome.wallTimeS, worker: outcome.worker, host: ctx.host, version: ctx.version, run: outcome.runMeta }
      : { wallTimeS: outcome.wallTimeS, worker: outcome.worker, host: ctx.host, version: ctx.version };
  const head = { id: ctx.id, index: point.index, total: ctx.total, seed: point.seed, replication: point.replication, inputs: point.inputs };
  return outcome.status === 'ok'
    ? { ...head, status: 'ok', outputs: outcome.outputs, meta }
    : { ...head, status: outcome.status, error: outcome.error, meta };
}

/** The line as JSON text (no newline). Key order is that of makeLine. */
export function lineText(line: SweepLine): string {
  return JSON.stringify(line);
}

/** The line without `meta`: what must be byte-identical across worker counts and shardings. */
export function comparableText(line: SweepLine): string {
  const { meta: _meta, ...rest } = line;
  return JSON.stringify(rest);
}

export type ParsedLine = { readonly ok: true; readonly line: SweepLine } | { readonly ok: false; readonly why: string };

export function parseLine(text: string): ParsedLine {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, why: 'not valid JSON (cut short?)' };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { ok: false, why: 'not a JSON object' };
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string') return { ok: false, why: 'no "id"' };
  if (typeof o.index !== 'number' || !Number.isSafeInteger(o.index) || o.index < 0) return { ok: false, why: 'no valid "index"' };
  if (typeof o.total !== 'number' || !Number.isSafeInteger(o.total) || o.index >= o.total) return { ok: false, why: 'no valid "total"' };
  if (o.status !== 'ok' && o.status !== 'invalid' && o.status !== 'error') return { ok: false, why: 'no valid "status"' };
  if (o.status === 'ok' && !('outputs' in o)) return { ok: false, why: 'status "ok" without "outputs"' };
  if (o.status !== 'ok' && typeof o.error !== 'string') return { ok: false, why: `status "${o.status}" without "error"` };
  if (o.inputs === null || typeof o.inputs !== 'object') return { ok: false, why: 'no "inputs"' };
  return { ok: true, line: o as unknown as SweepLine };
}
