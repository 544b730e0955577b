/**
 * Evaluator of the collective cases (data/validation/collectives.json): a stand-alone nccom-test
 * run simulated with collectives.simulateCollective on the case's system, ranks 0..r-1 (filled chip
 * by chip), auto selection. Returns the time in the case's unit ("us" or "s"). When the case names
 * the algorithm the measurement used, auto must pick it, else the row is an error (C3 prints it).
 */
import { buildSystem } from '../../hardware/index.js';
import type { SystemRequest } from '../../hardware/types.js';
import { simulateCollective } from '../../collectives/index.js';
import type { AlgorithmName, CollectiveOp } from '../../collectives/index.js';
import type { Evaluator, ValidationCase } from '../types.js';

interface CollectiveCaseParams {
  readonly system: SystemRequest;
  readonly op: CollectiveOp;
  /** Group size: ranks 0 .. ranks-1. */
  readonly ranks: number;
  readonly sizeBytes: number;
  /** send-recv: target member of each member (nccom-test --custom-src-target-pairs). */
  readonly targets?: readonly number[];
  /** The algorithm the measurement printed (--show-algorithm), if any. */
  readonly algorithm?: AlgorithmName;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, ms: 1e-3, us: 1e-6 };

export const evaluator: Evaluator = {
  evaluate(c: ValidationCase): number {
    const p = c.params as CollectiveCaseParams | undefined;
    if (!p || !p.system || typeof p.op !== 'string' || typeof p.ranks !== 'number' || typeof p.sizeBytes !== 'number') {
      throw new Error(`case ${c.id}: params need system, op, ranks and sizeBytes`);
    }
    if (c.metric !== 'time') throw new Error(`case ${c.id}: metric "${c.metric}" not supported; collective cases compare "time" (docs/sources.md "Validation cases", note b on C3)`);
    const scale = UNIT_SECONDS[c.unit];
    if (scale === undefined) throw new Error(`case ${c.id}: unit "${c.unit}"; valid: ${Object.keys(UNIT_SECONDS).join(', ')}`);
    const system = buildSystem(p.system);
    const ranks = Array.from({ length: p.ranks }, (_, i) => i);
    const r = simulateCollective(system, { op: p.op, ranks, sizeBytes: p.sizeBytes, algorithm: 'auto', issue: 'standalone', ...(p.targets ? { targets: p.targets } : {}) });
    if (p.algorithm !== undefined && r.algorithm !== p.algorithm) {
      throw new Error(`case ${c.id}: auto picked ${r.algorithm}, the measurement used ${p.algorithm}`);
    }
    return r.timeS / scale;
  },
};
