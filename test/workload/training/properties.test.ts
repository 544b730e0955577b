import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixtureSystem } from '../fixture-system.js';
import { runTraining } from '../../../src/workload/index.js';
import { resolveModel } from '../../../src/workload/models.js';
import type { TrainingWorkload } from '../../../src/workload/types.js';

// 2 servers x 4 chips x 2 ranks = 16 ranks
const sys = fixtureSystem({ servers: 2, chipsPerServer: 4, ranksPerChip: 2 });
const model = resolveModel({ name: 'p', layers: 8, hidden: 512, heads: 8, kvHeads: 4, ffn: 1024, vocab: 512 });

const configs = fc
  .record({
    tpLog: fc.integer({ min: 0, max: 2 }),
    ppLog: fc.integer({ min: 0, max: 2 }),
    cpLog: fc.integer({ min: 0, max: 1 }),
    zero: fc.integer({ min: 0, max: 3 }),
    sp: fc.boolean(),
    interleaved: fc.boolean(),
    recompute: fc.constantFrom('none' as const, 'selective' as const, 'full' as const),
    mbPerReplica: fc.integer({ min: 1, max: 3 }),
  })
  .map((r) => {
    const tp = 2 ** r.tpLog, pp = 2 ** r.ppLog, cp = 2 ** r.cpLog;
    const dp = 16 / (tp * pp * cp);
    const m = r.mbPerReplica * pp; // a multiple of pp, so interleaving is allowed
    const w: TrainingWorkload = {
      kind: 'training', model, precision: 'bf16', sequenceLength: 1024, globalBatch: m * dp, microBatch: 1, recompute: r.recompute,
      parallelism: { tp, pp, dp, cp, ep: 1, zero: r.zero, sequenceParallel: r.sp, schedule: r.interleaved && pp > 1 ? 'interleaved' : '1f1b', virtualStages: r.interleaved && pp > 1 ? 2 : 1 },
    };
    return w;
  })
  .filter((w) => Number.isInteger(w.parallelism.dp) && w.parallelism.dp >= 1);

describe('runTraining properties (fast-check)', () => {
  it('every valid configuration runs to completion; its breakdown adds up; results are deterministic', () => {
    fc.assert(
      fc.property(configs, (w) => {
        const a = runTraining(sys, w, { seed: 3, name: 'p', collectiveTimer: 'alpha-beta' });
        const b = runTraining(sys, w, { seed: 3, name: 'p', collectiveTimer: 'alpha-beta' });
        const x = a.breakdown;
        expect(a.stepTimeS).toBeGreaterThan(0);
        expect(x.computeS + x.exposedCommS + x.bubbleS + x.idleS).toBeCloseTo(a.stepTimeS, 9);
        for (const v of [x.computeS, x.bubbleS, x.idleS, ...Object.values(x.exposedCommByKindS)]) expect(v).toBeGreaterThanOrEqual(-1e-12);
        expect(a.mfu).toBeGreaterThan(0);
        expect(a.mfu).toBeLessThan(1);
        expect(b.stepTimeS).toBe(a.stepTimeS);
        if (w.parallelism.pp === 1) expect(x.bubbleS).toBeLessThan(1e-12);
      }),
      { numRuns: 40, seed: 42 },
    );
  });
});
