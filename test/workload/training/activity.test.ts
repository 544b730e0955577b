import { describe, expect, it } from 'vitest';
import { fixtureSystem } from '../fixture-system.js';
import { runTraining, resolveModel, rankOf, stageParamsPerRank } from '../../../src/workload/index.js';
import { buildSystem } from '../../../src/hardware/index.js';
import type { Parallelism, TrainingWorkload } from '../../../src/workload/types.js';
import { coordinatesOf, stepTraffic } from '../../../src/workload/training/collective-traffic.js';
import { stageHbmBytesPerRank } from '../../../src/workload/training/activity.js';
import { unitLinkLoads } from '../../../src/workload/training/link-load.js';
import { OPTIMIZER_STEP_BYTES_PER_PARAM } from '../../../src/workload/training/calibration.js';

const model = resolveModel('llama-3.1-8b');

function w(par: Partial<Parallelism>, more: Partial<TrainingWorkload> = {}): TrainingWorkload {
  return {
    kind: 'training',
    model,
    precision: 'bf16',
    sequenceLength: 4096,
    globalBatch: 32,
    microBatch: 1,
    recompute: 'selective',
    parallelism: { tp: 4, pp: 1, dp: 8, cp: 1, ep: 1, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1, ...par },
    ...more,
  };
}
const timer = { collectiveTimer: () => 1e-4 } as const;

describe('collective traffic of a step', () => {
  it('inverts rankOf', () => {
    const work = w({ tp: 4, cp: 2, dp: 3, pp: 2 });
    for (let r = 0; r < 48; r++) expect(rankOf(work.parallelism, coordinatesOf(work, r))).toBe(r);
  });

  it('puts the ring bytes of the TP all-gathers and reduce-scatters on the links between chips (closed form)', () => {
    // 16 chips x 2 ranks: a TP group of 4 ranks spans 2 chips one hop apart; its ring crosses chips twice
    const sys = fixtureSystem({ servers: 1, chipsPerServer: 16, ranksPerChip: 2 });
    const work = w({});
    const r = runTraining(sys, work, { seed: 1, name: 't', ...timer });
    const act = 2 * 4096 * model.hidden;
    // 32 / dp 8 = 4 micro-batches; each: all-gathers and reduce-scatters, 2 passes x 2 per layer + 1 for the
    // embedding (first stage) + 1 for the logits (last stage), of each kind
    const issues = 4 * 2 * (2 * 2 * model.layers + 2);
    const perGroup = 2 * (3 / 4) * act * issues;
    const groups = 32 / 4;
    expect(r.activity.linkHopBytesPerChipByKind.tp).toBeCloseTo((perGroup * groups) / 16, 0);
  });

  it('accounts for every byte: on one unit, the links carry chips x the link-hop bytes per chip', () => {
    const sys = buildSystem({ preset: 'trn2.48xlarge' });
    const work = w({ tp: 8, dp: 8 });
    const r = runTraining(sys, work, { seed: 1, name: 't', ...timer });
    const loads = unitLinkLoads(sys, work, r.stepTimeS, 0);
    const total = loads.reduce((a, l) => a + l.bytesPerStep, 0);
    expect(total / (r.activity.linkHopBytesPerChip * sys.chipCount)).toBeCloseTo(1, 9);
    for (const l of loads) expect(l.utilisation).toBeCloseTo(l.bytesPerStep / (sys.topology.linkBytesPerSecond(l.link) * r.stepTimeS), 12);
    expect(new Set(stepTraffic(work).map((t) => t.kind))).toEqual(new Set(['tp', 'dp']));
  });
});

describe('compute and HBM activity', () => {
  it('counts the compute stream busy time of the step graph (one stage: the breakdown compute)', () => {
    const sys = fixtureSystem({ servers: 1, chipsPerServer: 16, ranksPerChip: 2 });
    const r = runTraining(sys, w({}), { seed: 1, name: 't', ...timer });
    expect(r.activity.computeBusySPerChip).toBeCloseTo(r.breakdown.computeS, 12);
    expect(r.activity.computeBusySPerChip).toBeLessThanOrEqual(r.stepTimeS);
  });

  it('moves HBM bytes in proportion to the micro-batches, plus one optimizer step', () => {
    const one = w({}, { globalBatch: 32 });
    const two = w({}, { globalBatch: 64 });
    const optimizer = (stageParamsPerRank(one, 0) / 8) * OPTIMIZER_STEP_BYTES_PER_PARAM;
    expect(stageHbmBytesPerRank(two, 0) - 2 * stageHbmBytesPerRank(one, 0)).toBeCloseTo(-optimizer, -3);
    // full recompute moves the forward's bytes once more
    expect(stageHbmBytesPerRank(w({}, { recompute: 'full' }), 0)).toBeGreaterThan(stageHbmBytesPerRank(one, 0));
  });
});
