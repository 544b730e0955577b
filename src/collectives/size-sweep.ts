/**
 * An nccom-test-shaped sweep over sizes: min, min x f, ... up to max, one row per size with
 * nccom-test's columns (size, count of elements, type, time, algbw, busbw, algorithm).
 */
import type { System } from '../hardware/types.js';
import type { AlgorithmChoice, CollectiveOp, IssueMode } from './types.js';
import type { CollectiveOptions } from './simulate.js';
import { simulateCollective } from './simulate.js';
import { collectiveErrors } from './errors.js';

/** Element sizes nccom-test accepts for --datatype (bytes). */
export const DTYPE_BYTES: Readonly<Record<string, number>> = {
  fp8: 1,
  int8: 1,
  uint8: 1,
  fp16: 2,
  bf16: 2,
  int16: 2,
  fp32: 4,
  int32: 4,
  uint32: 4,
  fp64: 8,
  int64: 8,
};

export interface SizeSweepRequest {
  readonly op: CollectiveOp;
  readonly ranks: readonly number[];
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly stepFactor: number;
  readonly algorithm?: AlgorithmChoice;
  readonly dtype?: string;
  readonly issue?: IssueMode;
  /** send-recv: target member of each member (CollectiveRequest.targets). */
  readonly targets?: readonly number[];
}

/** One row, as `trnsim collective --json` prints it. */
export interface SizeSweepRow {
  readonly sizeBytes: number;
  readonly count: number;
  readonly dtype: string;
  readonly timeS: number;
  readonly algbwGiBps: number;
  readonly busbwGiBps: number;
  readonly algorithm: string;
}

/** The sizes of a sweep: min, min x f, ... while <= max (nccom-test's -b/-e/-f). */
export function sweepSizes(minBytes: number, maxBytes: number, stepFactor: number, fields = { min: 'minBytes', max: 'maxBytes', step: 'stepFactor' }): number[] {
  if (!(Number.isInteger(stepFactor) && stepFactor >= 2)) throw collectiveErrors.badParam(fields.step, stepFactor, 'expected an integer of at least 2');
  if (!(minBytes >= 1)) throw collectiveErrors.badParam(fields.min, minBytes, 'expected at least 1 byte');
  if (maxBytes < minBytes) throw collectiveErrors.badParam(fields.max, maxBytes, `must be at least ${fields.min} (${minBytes} bytes)`);
  const out: number[] = [];
  for (let s = minBytes; s <= maxBytes; s *= stepFactor) out.push(s);
  return out;
}

export function runSizeSweep(system: System, req: SizeSweepRequest, options: CollectiveOptions = {}): SizeSweepRow[] {
  const dtype = req.dtype ?? 'fp32';
  const elem = DTYPE_BYTES[dtype];
  if (elem === undefined) throw collectiveErrors.badParam('dtype', dtype, `expected a datatype among ${Object.keys(DTYPE_BYTES).join(', ')}`);
  return sweepSizes(req.minBytes, req.maxBytes, req.stepFactor).map((sizeBytes) => {
    const r = simulateCollective(system, { op: req.op, ranks: req.ranks, sizeBytes, algorithm: req.algorithm ?? 'auto', issue: req.issue ?? 'standalone', ...(req.targets ? { targets: req.targets } : {}) }, options);
    return { sizeBytes, count: Math.floor(sizeBytes / elem), dtype, timeS: r.timeS, algbwGiBps: r.algbwGiBps, busbwGiBps: r.busbwGiBps, algorithm: r.algorithm };
  });
}
