import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../../src/hardware/index.js';
import type { Fault } from '../../../src/hardware/types.js';
import { runTraining, resolveModel } from '../../../src/workload/index.js';
import type { TrainingWorkload } from '../../../src/workload/types.js';
import { coordsOf, rankOf } from '../../../src/workload/training/parallelism.js';
import { reachedBlocks } from '../../../src/workload/training/blocks.js';
import { isUserInputError } from '../../../src/user-input-error.js';

// 16 Trn2 UltraServers: 1,024 chips, 4,096 ranks; Llama-3.1-8B TP 32 x PP 4 x DP 32
const workload = (dp: number, model = 'llama-3.1-8b', tp = 32, pp = 4, ep = 1): TrainingWorkload => ({
  kind: 'training',
  model: resolveModel(model),
  precision: 'bf16',
  sequenceLength: 4096,
  globalBatch: dp * 4,
  microBatch: 1,
  recompute: 'selective',
  parallelism: { tp, pp, dp, cp: 1, ep, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1 },
});
const cluster = (faults?: Fault[]) => buildSystem({ preset: 'trn2-ultraserver', count: 16, ...(faults ? { faults } : {}) });

describe('symmetry reduction against --exact at 1,024 chips', () => {
  const cases: Array<[string, Fault[] | undefined]> = [
    ['healthy', undefined],
    ['one slow chip', [{ kind: 'slow-chip', chip: 300, slowdown: 1.5 }]],
    ['one slow NeuronLink', [{ kind: 'slow-link', link: 'us5.s2.c3.x+', bandwidthFactor: 0.1 }]],
    ['a slow chip and a slow EFA link', [{ kind: 'slow-chip', chip: 300, slowdown: 1.5 }, { kind: 'slow-link', link: 'us9.s1.c4.efa.up', bandwidthFactor: 0.2 }]],
  ];
  for (const [name, faults] of cases) {
    it(`${name}: the reduced step is within 1 % of the exact one`, () => {
      const sys = cluster(faults);
      const w = workload(32);
      const reduced = runTraining(sys, w, { seed: 1, name: 'r' });
      const exact = runTraining(sys, w, { seed: 1, name: 'e', exact: true });
      expect(Math.abs(reduced.stepTimeS / exact.stepTimeS - 1)).toBeLessThan(0.01);
      expect(exact.ranksSimulated).toBe(4096);
      expect(exact.ranksTotal).toBe(4096);
      expect(reduced.ranksSimulated).toBeLessThan(4096);
    });
  }

  it('a fault raises ranksSimulated and slows the step', () => {
    const healthy = runTraining(cluster(), workload(32), { seed: 1, name: 'h' });
    const slow = runTraining(cluster([{ kind: 'slow-chip', chip: 300, slowdown: 1.5 }]), workload(32), { seed: 1, name: 's' });
    expect(slow.ranksSimulated).toBeGreaterThan(healthy.ranksSimulated);
    expect(slow.blocksSimulated.length).toBe(2);
    expect(slow.stepTimeS).toBeGreaterThan(healthy.stepTimeS);
  });

  it('an MoE with EP across replicas matches --exact with a slow chip', () => {
    const sys = cluster([{ kind: 'slow-chip', chip: 700, slowdown: 1.5 }]);
    const w = workload(256, 'mixtral-8x7b', 4, 4, 8);
    const r = runTraining(sys, w, { seed: 1, name: 'r' });
    const e = runTraining(sys, w, { seed: 1, name: 'e', exact: true });
    expect(Math.abs(r.stepTimeS / e.stepTimeS - 1)).toBeLessThan(0.01);
  });
});

describe('a slow chip slows its whole synchronous step', () => {
  it('by the slowdown of its compute, exactly as if every chip were that slow (pp 1, free communication)', () => {
    const sys = (faults?: Fault[]) => buildSystem({ preset: 'trn2.48xlarge', count: 4, ...(faults ? { faults } : {}) });
    const w = workload(8, 'llama-3.1-8b', 32, 1);
    const free = { seed: 1, name: 'x', collectiveTimer: () => 0 } as const;
    const healthy = runTraining(sys(), w, free).stepTimeS;
    const one = runTraining(sys([{ kind: 'slow-chip', chip: 37, slowdown: 1.5 }]), w, free).stepTimeS;
    const all = runTraining(sys(Array.from({ length: 64 }, (_, c) => ({ kind: 'slow-chip' as const, chip: c, slowdown: 1.5 }))), w, free).stepTimeS;
    expect(one / all).toBeCloseTo(1, 12);
    // compute and HBM take 1.5x; only the fixed per-op cost does not scale
    expect(one / healthy).toBeGreaterThan(1.45);
    expect(one / healthy).toBeLessThanOrEqual(1.5 + 1e-12);
  });
});

describe('rank order', () => {
  const p = workload(16, 'llama-3.1-70b', 32, 8).parallelism;
  it('coordsOf inverts rankOf for the default and a custom order', () => {
    for (const order of [undefined, ['tp', 'cp', 'pp', 'dp'] as const, ['pp', 'dp', 'cp', 'tp'] as const]) {
      const q = order ? { ...p, order } : p;
      for (let r = 0; r < 4096; r += 37) expect(rankOf(q, coordsOf(q, r))).toBe(r);
    }
  });

  it('[tp, cp, pp, dp] keeps a replica\'s 8 stages in one UltraServer: pipeline sends stay on NeuronLink', () => {
    const inside = { ...p, order: ['tp', 'cp', 'pp', 'dp'] as const };
    // stage s of replica 0 is ranks s x 32 ..: all 8 stages within the first 256 ranks (UltraServer 0)
    for (let s = 0; s < 8; s++) expect(Math.floor(rankOf(inside, { tp: 0, cp: 0, dp: 0, pp: s }) / 256)).toBe(0);
    // default order: stage s is the block of 2 UltraServers 2s, 2s + 1
    expect(Math.floor(rankOf(p, { tp: 0, cp: 0, dp: 0, pp: 3 }) / 256)).toBe(6);
    const sys = cluster();
    const base = { ...workload(16, 'llama-3.1-70b', 32, 8), globalBatch: 128 };
    const a = runTraining(sys, base, { seed: 1, name: 'a' });
    const b = runTraining(sys, { ...base, parallelism: inside }, { seed: 1, name: 'b' });
    expect(b.breakdown.exposedCommByKindS.pp).toBeLessThan(a.breakdown.exposedCommByKindS.pp);
  });

  it('finds the blocks a fault reaches under any order', () => {
    const sys = cluster([{ kind: 'slow-chip', chip: 300, slowdown: 2 }]);
    const q = { ...workload(32).parallelism, order: ['tp', 'pp', 'cp', 'dp'] as const };
    // chip 300 holds ranks 1200..1203: replica floor(1200 / (32 x 4)) = 9 under this order
    expect(reachedBlocks(sys, q)).toEqual([9]);
    expect(reachedBlocks(sys, workload(32).parallelism)).toEqual([Math.floor((1200 % 1024) / 32)]);
  });
});

describe('fault injection', () => {
  const bad: Array<[Fault, RegExp]> = [
    [{ kind: 'slow-chip', chip: 99999, slowdown: 2 }, /system\.faults\[0\]\.chip.*unknown chip id/],
    [{ kind: 'slow-chip', chip: 3, slowdown: 0.5 }, /system\.faults\[0\]\.slowdown.*>= 1/],
    [{ kind: 'slow-link', link: 'us0.s0.c0.w+', bandwidthFactor: 0.5 }, /system\.faults\[0\]\.link.*unknown link id/],
    [{ kind: 'slow-link', link: 'us0.s0.c0.x+', bandwidthFactor: 1.5 }, /system\.faults\[0\]\.bandwidthFactor.*\(0, 1\]/],
    [{ kind: 'nope' } as unknown as Fault, /system\.faults\[0\]\.kind.*slow-chip, slow-link, down-link/],
  ];
  for (const [f, msg] of bad) {
    it(`rejects ${JSON.stringify(f)} naming the field`, () => {
      try {
        buildSystem({ preset: 'trn2-ultraserver', count: 2, faults: [f] });
        expect.unreachable();
      } catch (e) {
        expect(isUserInputError(e)).toBe(true);
        expect((e as Error).message).toMatch(msg);
      }
    });
  }

  it('a down link is routed around: the step still runs, no faster than healthy', () => {
    const w = workload(32);
    const healthy = runTraining(cluster(), w, { seed: 1, name: 'h' }).stepTimeS;
    const down = runTraining(cluster([{ kind: 'down-link', link: 'us3.s0.c5.x+' }]), w, { seed: 1, name: 'd' }).stepTimeS;
    expect(down).toBeGreaterThanOrEqual(healthy);
  });
});

describe('events', () => {
  it('meta.eventsSimulated counts the events inside collective simulations', () => {
    const free = runTraining(cluster(), workload(32), { seed: 1, name: 'f', collectiveTimer: () => 1e-6 });
    const real = runTraining(cluster(), workload(32), { seed: 1, name: 'r' });
    expect(real.eventsSimulated).toBeGreaterThan(free.eventsSimulated + 100);
  });
});
