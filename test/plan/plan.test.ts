/**
 * The planner on a small space (Llama 3.1 8B on trn2.48xlarge and H100 nodes, 128 candidates):
 * every frontier plan is feasible and undominated, its scenario reproduces its step time, the
 * pruned search finds the brute force's frontier, and results do not depend on the worker count.
 * The 2-worker run loads the compiled dist/ (npm test builds first).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/index.js';
import { dominates } from '../../src/plan/frontier.js';
import type { PlanResult } from '../../src/plan/index.js';
import { runScenario } from '../../src/scenario/index.js';
import { compiledModuleUrl } from '../../src/sweep/index.js';
import { SMALL_TRAINING_PLAN } from './small-spec.js';

const DEADLINE_S = 4 * 86400;
const spec = SMALL_TRAINING_PLAN;

const comparable = (r: PlanResult): string => JSON.stringify({ ...r, meta: undefined });

let pruned: PlanResult;
let brute: PlanResult;
beforeAll(async () => {
  pruned = await plan(spec, { workers: 0 });
  brute = await plan(spec, { workers: 0, exhaustive: true });
}, 60_000);

describe('plan on a small training space', () => {
  it('counts every candidate once', () => {
    expect(pruned.candidates).toBe(2 * 2 * 2 * 2 * 2 * 2 * 2); // systems x counts x tp x pp x mb x zero x recompute
    const prunedCount = Object.values(pruned.pruned).reduce((a, b) => a + b, 0);
    const lostCount = Object.values(pruned.lost).reduce((a, b) => a + b, 0);
    expect(prunedCount + pruned.evaluated).toBe(pruned.candidates);
    expect(pruned.feasible + lostCount - (pruned.lost.dominated ?? 0)).toBe(pruned.evaluated);
    expect(pruned.pareto.length + (pruned.lost.dominated ?? 0)).toBe(pruned.feasible);
    expect(pruned.evaluated).toBeLessThanOrEqual(brute.evaluated);
    expect(brute.pruned['dominated (bound)'] ?? 0).toBe(0);
  });

  it('puts only feasible, undominated plans on the frontier', () => {
    expect(pruned.pareto.length).toBeGreaterThan(1);
    for (const e of pruned.pareto) {
      expect(e.timeToTrainS!).toBeLessThanOrEqual(DEADLINE_S);
      const mem = (e.details as { memoryBytesPerChip: number; hbmBytesPerChip: number });
      expect(mem.memoryBytesPerChip).toBeLessThan(mem.hbmBytesPerChip);
      const o = [e.timeToTrainS!, e.costUsd!, e.energyJ];
      // no simulated plan of the brute force (every candidate) dominates it
      for (const p of brute.points) if (p.feasible) expect(dominates([p.timeS, p.costUsd!, p.energyJ], o)).toBe(false);
    }
    // fastest first
    for (let i = 1; i < pruned.pareto.length; i++) expect(pruned.pareto[i]!.timeToTrainS!).toBeGreaterThanOrEqual(pruned.pareto[i - 1]!.timeToTrainS!);
  });

  it('finds the same frontier and best plans as the brute force', () => {
    expect(JSON.stringify(pruned.pareto)).toBe(JSON.stringify(brute.pareto));
    expect(JSON.stringify(pruned.bestBySystem)).toBe(JSON.stringify(brute.bestBySystem));
  });

  it('never simulates a step below its closed-form lower bound', () => {
    expect(brute.warnings.filter((w) => /lower bound/.test(w))).toEqual([]);
  });

  it("reproduces each frontier plan's step time by running its scenario", () => {
    for (const e of pruned.pareto) {
      const r = runScenario(e.scenario, { omitMeta: true });
      expect(r.kind).toBe('training');
      const step = (r as { stepTimeS: number }).stepTimeS;
      expect(Math.abs(step - e.stepTimeS) / e.stepTimeS).toBeLessThan(1e-3);
    }
  });

  it('gives the best plan per system: the cheapest that meets the deadline', () => {
    for (const [label, best] of Object.entries(pruned.bestBySystem)) {
      expect(best).not.toBeNull();
      const mine = brute.points.filter((p) => p.system === label && p.feasible);
      expect(best!.costUsd).toBe(Math.min(...mine.map((p) => p.costUsd!)));
    }
  });

  it('gives byte-identical results on 0 and 2 workers', async () => {
    compiledModuleUrl('plan/candidate-runner.js');
    const two = await plan(spec, { workers: 2 });
    expect(comparable(two)).toBe(comparable(pruned));
  }, 60_000);
});

describe('plan answers when nothing is feasible', () => {
  it('names the closest plan when no system meets the deadline', async () => {
    const r = await plan({ ...spec, train: { ...spec.train, tokens: 1e12, deadline: '1 h' } }, { workers: 0 });
    expect(r.pareto).toEqual([]);
    expect(r.feasible).toBe(0);
    expect(r.closest?.why).toBe('misses the deadline');
    expect(r.closest?.entry?.timeToTrainS).toBeGreaterThan(3600);
    expect(r.answer).toMatch(/^No plan can train .* within 60\.0 min.*Closest: .*misses the deadline/);
    expect(Object.values(r.bestBySystem).every((b) => b === null)).toBe(true);
  }, 60_000);

  it('quotes the memory model when the model fits nowhere', async () => {
    const r = await plan({ name: 'big', model: 'llama-3.1-405b', systems: [{ preset: 'trn2.48xlarge', counts: [1] }], train: { tokens: 1e12, sequenceLength: 8192, globalBatch: 64 } }, { workers: 0 });
    expect(r.evaluated).toBe(0);
    expect(r.pruned['does not fit in memory']).toBeGreaterThan(0);
    expect(r.answer).toMatch(/fits on none of the systems.*memory per chip does not fit/);
  });

  it('rejects unknown systems and models with the valid names', async () => {
    await expect(plan({ ...spec, systems: ['trn2-ultraservr'] })).rejects.toThrow(/systems\[0\]: unknown system preset "trn2-ultraservr" \(did you mean trn2-ultraserver\?\)/);
    await expect(plan({ ...spec, model: 'llama-9' })).rejects.toThrow(/model: unknown model preset "llama-9".*use one of /);
    await expect(plan({ ...spec, train: { ...spec.train, deadline: 'soon' } })).rejects.toThrow(/train\.deadline: expected a duration/);
    await expect(plan({ model: 'llama-3.1-8b', systems: ['h100-8x'] })).rejects.toThrow(/exactly one of train: .* or serve:/);
  });
});

describe('plan with a reliability section', () => {
  it('includes the simulated goodput in time to train', async () => {
    const r = await plan(
      {
        ...spec,
        reliability: { failures: [{ component: 'chip', mtbf: '2000 h' }], restart: '30 min', checkpoint: { interval: '1 h', write: '2 min', restore: '5 min' } },
        train: { ...spec.train, search: { tp: [4], pp: [1], microBatch: [2], zero: [1], recompute: ['selective'] } },
      },
      { workers: 0 },
    );
    expect(r.pareto.length).toBeGreaterThan(0);
    const steps = Math.ceil(2e10 / (64 * 4096));
    for (const e of r.pareto) {
      const d = e.details as { goodput: number; steps: number };
      expect(d.steps).toBe(steps);
      expect(d.goodput).toBeGreaterThan(0.5);
      expect(d.goodput).toBeLessThan(1);
      expect(e.timeToTrainS).toBeCloseTo((steps * e.stepTimeS) / d.goodput, 6);
      expect((e.scenario as { job?: unknown }).job).toEqual({ tokens: 2e10 });
    }
  }, 60_000);
});
