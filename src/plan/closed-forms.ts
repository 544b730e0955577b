/**
 * The closed-form checks a candidate passes before anything is simulated, with the reason kept
 * when it fails: the workload's own parallelism rules (checkParallelism: degrees against ranks,
 * heads, FFN, sequence, batch) and its memory model (memoryPerChip / checkMemoryFits). Reasons are
 * short stable keys (the `pruned` counts of a plan); the full message is kept for the closest miss.
 */
import type { System } from '../hardware/types.js';
import type { TrainingWorkload } from '../workload/types.js';
import { checkMemoryFits, checkParallelism, memoryPerChip, HBM_RUNTIME_RESERVED_FRACTION } from '../workload/index.js';
import { isUserInputError } from '../user-input-error.js';

export const REASON_MEMORY = 'does not fit in memory';

/** "workload.parallelism.tp: 64 is not divisible by ..." -> "does not divide: tp". */
export function reasonOf(message: string): string {
  const m = /^(workload\.[\w.]+):/.exec(message);
  const field = m ? m[1]!.replace(/^workload\.(parallelism\.)?/, '') : 'parallelism';
  return / is not divisible by /.test(message) ? `does not divide: ${field}` : `invalid: ${field}`;
}

/** undefined when the degrees are valid for the system; else { reason, message }. */
export function parallelismProblem(system: System, w: TrainingWorkload): { reason: string; message: string } | undefined {
  try {
    checkParallelism(system, w);
    return undefined;
  } catch (e) {
    if (!isUserInputError(e)) throw e;
    return { reason: reasonOf(e.message), message: e.message };
  }
}

export interface MemoryCheck {
  readonly fits: boolean;
  /** Bytes per chip the most loaded stage needs. */
  readonly totalBytes: number;
  /** Bytes over the usable HBM (<= 0 when it fits). */
  readonly overBytes: number;
}

/**
 * The memory model's verdict: fits when the most loaded stage's bytes are within the usable HBM,
 * checkMemoryFits' own rule. The message is built only on demand (memoryMessage): thousands of
 * candidates fail, and building each one's message (an Error) would dominate the enumeration.
 */
export function memoryCheck(system: System, w: TrainingWorkload): MemoryCheck {
  const mem = memoryPerChip(system, w);
  const overBytes = mem.total - mem.capacity * (1 - HBM_RUNTIME_RESERVED_FRACTION);
  return { fits: overBytes <= 0, totalBytes: mem.total, overBytes };
}

/** Why a candidate does not fit, in the memory model's words (checkMemoryFits' message). */
export function memoryMessage(system: System, w: TrainingWorkload): string {
  try {
    checkMemoryFits(system, w);
    return 'fits';
  } catch (e) {
    if (!isUserInputError(e)) throw e;
    return e.message;
  }
}
