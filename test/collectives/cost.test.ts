import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../src/hardware/index.js';
import { DEFAULT_COLLECTIVE_PARAMS, createCollectiveTimer, siblingShifts, simulateConcurrent } from '../../src/collectives/index.js';
import { withConstants } from '../../src/workload/fitted-constants.js';
import { runTraining, resolveModel } from '../../src/workload/index.js';
import { dpGroup, tpGroup } from '../../src/workload/training/parallelism.js';
import type { Parallelism, TrainingWorkload } from '../../src/workload/types.js';

const trn1 = buildSystem({ preset: 'trn1.32xlarge', count: 2 }); // 32 chips, 2 ranks per chip, 64 ranks
const par: Parallelism = { tp: 8, pp: 1, dp: 8, cp: 1, ep: 1, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1 };

describe('collective timer: sibling groups', () => {
  it('finds the sibling DP groups that share the chips of a DP group (one rank per chip)', () => {
    const dp = dpGroup(par, { tp: 0, cp: 0, dp: 0, pp: 0 });
    expect(dp).toEqual([0, 8, 16, 24, 32, 40, 48, 56]);
    expect(siblingShifts(trn1, dp)).toEqual([1]); // rank 1 shares chip 0 with rank 0
    expect(siblingShifts(trn1, tpGroup(par, { tp: 0, cp: 0, dp: 0, pp: 0 }))).toEqual([]); // TP 8 fills its 4 chips
  });

  it('folding the siblings into the flows takes exactly as long as simulating them side by side', () => {
    const trn2 = buildSystem({ preset: 'trn2.48xlarge', count: 2 }); // 4 ranks per chip
    for (const [op, size] of [['reduce-scatter', 64 * 2 ** 20], ['all-reduce', 3e6], ['all-gather', 2 ** 20]] as const) {
      const ranks = [0, 8, 64, 72]; // chips 0, 2, 16, 18: one rank per chip across two servers
      const shifts = siblingShifts(trn2, ranks);
      expect(shifts).toEqual([1, 2, 3]);
      const req = { op, ranks, sizeBytes: size, issue: 'in-graph' as const };
      const side = simulateConcurrent(trn2, [req, ...shifts.map((s) => ({ ...req, ranks: ranks.map((r) => r + s) }))]);
      const worst = Math.max(...side.map((r) => r.timeS));
      const folded = createCollectiveTimer(trn2, { siblings: true })(req);
      expect(folded / worst).toBeCloseTo(1, 9);
      expect(folded).toBeGreaterThan(createCollectiveTimer(trn2)(req)); // contention is real
    }
  });
});

describe('collective timer: one cache keyed on placement and overrides', () => {
  it('times an identical group in another server once, and counts the events it simulated', () => {
    const t = createCollectiveTimer(trn1);
    const a = t({ op: 'all-gather', ranks: [0, 1, 2, 3, 4, 5, 6, 7], sizeBytes: 1e6 });
    const b = t({ op: 'all-gather', ranks: [32, 33, 34, 35, 36, 37, 38, 39], sizeBytes: 1e6 }); // server 1
    expect(b).toBe(a);
    expect(t.calls()).toBe(1);
    expect(t.eventsSimulated()).toBeGreaterThan(0);
    expect(t({ op: 'all-gather', ranks: [0], sizeBytes: 1e6 })).toBe(0);
    expect(t.calls()).toBe(1);
  });

  it('keys a group on its absolute ranks where an override lies in its server, and only there', () => {
    const sick = buildSystem({ preset: 'trn1.32xlarge', count: 2, overrides: { links: { 's1.c0.x+': { scale: 0.05 } } } });
    const healthy = createCollectiveTimer(trn1);
    const t = createCollectiveTimer(sick);
    const g0 = Array.from({ length: 32 }, (_, i) => i); // all of server 0
    const g1 = g0.map((r) => r + 32); // all of server 1, holding the degraded link
    const req = (ranks: number[]) => ({ op: 'all-reduce' as const, ranks, sizeBytes: 64 * 2 ** 20, issue: 'in-graph' as const });
    const ok = healthy(req(g0));
    expect(t(req(g0))).toBe(ok);
    expect(t(req(g1))).toBeGreaterThan(1.05 * ok);
    expect(t.calls()).toBe(2);
  });
});

describe('a degraded link slows the step wherever it sits', () => {
  const model = resolveModel('llama-3.1-70b'); // 64 heads: tp 64 fills a server
  const w = (pp: number): TrainingWorkload => ({
    kind: 'training',
    model,
    precision: 'bf16',
    sequenceLength: 4096,
    globalBatch: 8,
    microBatch: 1,
    recompute: 'selective',
    parallelism: { tp: 64, pp, dp: 1, cp: 1, ep: 1, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1 },
  });
  const step = (servers: number, link?: string) =>
    runTraining(buildSystem({ preset: 'trn2.48xlarge', count: servers, ...(link ? { overrides: { links: { [link]: { scale: 0.05 } } } } : {}) }), w(servers), { seed: 1, name: 'x' }).stepTimeS;

  it('on 2 x trn2.48xlarge (tp 64 x pp 2): s0.c0.x+ and s1.c0.x+ at 5 % both slow the step', () => {
    // before the one cache, a degraded link in server 1 left the step at its healthy time
    const healthy = step(2);
    const s0 = step(2, 's0.c0.x+');
    const s1 = step(2, 's1.c0.x+');
    expect(s0).toBeGreaterThan(1.2 * healthy);
    expect(s1).toBeGreaterThan(1.2 * healthy);
    // the two stages differ only by the embedding (first) and the logits (last): within 10 %
    expect(Math.abs(s1 / s0 - 1)).toBeLessThan(0.1);
  });

  it('on 4 x trn2.48xlarge (tp 64 x pp 4): the same link in every server position slows the step', () => {
    const healthy = step(4);
    const times = [0, 1, 2, 3].map((k) => step(4, `s${k}.c5.y-`));
    for (const t of times) expect(t).toBeGreaterThan(1.1 * healthy);
  });
});

describe('groups past 46,340 chips', () => {
  it('index chip pairs without overflow (the int32 pair key once wrapped: "src must be a chip index")', async () => {
    const { StepLoad } = await import('../../src/collectives/step-load.js');
    const { placeGroup } = await import('../../src/collectives/group.js');
    const { ScheduleBuilder, ringSteps } = await import('../../src/collectives/schedule.js');
    const big = buildSystem({ preset: 'trn2-ultraserver', count: 800 }); // 51,200 chips
    const ranks = Array.from({ length: big.chipCount }, (_, c) => c * big.ranksPerChip); // one rank per chip
    const g = placeGroup(big, ranks);
    const b = new ScheduleBuilder('ring');
    ringSteps(b, [{ order: ranks.map((_, i) => i), share: 1 }], 1, 1000);
    const load = new StepLoad(g);
    load.load(b.build().steps[0]!);
    expect(load.pairCount).toBe(51200);
    const last = load.pairCount - 1;
    expect(load.srcChip(last)).toBe(51199);
    expect(load.dstChip(last)).toBe(0);
    expect(load.bytes(last)).toBe(1000);
  });
});

describe('collective answers kept across runs on one System', () => {
  const llama = resolveModel('llama-3.1-8b');
  const workload = (microBatch: number, zero: 0 | 1 | 2 | 3): TrainingWorkload => ({
    kind: 'training',
    model: llama,
    precision: 'bf16',
    sequenceLength: 4096,
    globalBatch: 64,
    microBatch,
    parallelism: { ...par, zero },
    recompute: 'selective',
  });
  // everything of a result but the wall time (meta carries it)
  const comparable = (r: ReturnType<typeof runTraining>) => JSON.stringify({ ...r, meta: undefined, wallTimeS: undefined });

  it('a run on a System that earlier runs used gives the result of a run on a fresh System, counters included', () => {
    const shared = buildSystem({ preset: 'trn1.32xlarge', count: 2 });
    const first = runTraining(shared, workload(1, 1), { seed: 1, name: 'a' });
    // same collectives (micro-batch and ZeRO stage do not change the DP and TP groups' buffers), now kept
    const again = runTraining(shared, workload(2, 1), { seed: 1, name: 'b' });
    const fresh = runTraining(buildSystem({ preset: 'trn1.32xlarge', count: 2 }), workload(2, 1), { seed: 1, name: 'b' });
    expect(comparable(again)).toBe(comparable(fresh));
    expect(again.eventsSimulated).toBe(fresh.eventsSimulated);
    expect(again.eventsSimulated).toBeGreaterThan(0);
    expect(first.stepTimeS).not.toBe(again.stepTimeS);
  });

  it('keeps answers per set of constants: a calibration in force gets its own answers', () => {
    const shared = buildSystem({ preset: 'trn1.32xlarge', count: 2 });
    const base = runTraining(shared, workload(1, 1), { seed: 1, name: 'a' });
    const slower = withConstants({ 'collectives.efaStepOverheadS': 10 * DEFAULT_COLLECTIVE_PARAMS.efaStepOverheadS }, () => runTraining(shared, workload(1, 1), { seed: 1, name: 'a' }));
    const freshSlower = withConstants({ 'collectives.efaStepOverheadS': 10 * DEFAULT_COLLECTIVE_PARAMS.efaStepOverheadS }, () => runTraining(buildSystem({ preset: 'trn1.32xlarge', count: 2 }), workload(1, 1), { seed: 1, name: 'a' }));
    expect(slower.stepTimeS).toBeGreaterThan(base.stepTimeS);
    expect(comparable(slower)).toBe(comparable(freshSlower));
    expect(comparable(runTraining(shared, workload(1, 1), { seed: 1, name: 'a' }))).toBe(comparable(base));
  });
});
