import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../../src/engine/index.js';
import { axisValues } from '../../src/sweep/axes.js';
import { planSweep } from '../../src/sweep/plan.js';
import { checkSchemaPath } from '../../src/sweep/schema-paths.js';
import { parseShard, shardSize, inShard } from '../../src/sweep/shard.js';
import { isUserInputError } from '../../src/user-input-error.js';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.js';
import { toyScenario } from './fixtures/toy-scenario.mjs';

function userError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(isUserInputError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a UserInputError');
}

describe('axisValues', () => {
  it('keeps a list as given', () => {
    expect(axisValues('a', [1, 'x', { b: 2 }])).toEqual([1, 'x', { b: 2 }]);
  });
  it('expands a geometric range including its end: 1 * 2^k <= 8', () => {
    expect(axisValues('a', { from: 1, to: 8, factor: 2 })).toEqual([1, 2, 4, 8]);
    expect(axisValues('a', { from: 1, to: 10, factor: 3 })).toEqual([1, 3, 9]);
  });
  it('expands an arithmetic range without float noise: from + k * step', () => {
    expect(axisValues('a', { from: 0, to: 0.3, step: 0.1 })).toEqual([0, 0.1, 0.2, 0.3]);
    expect(axisValues('a', { from: 8, to: 2, step: -3 })).toEqual([8, 5, 2]);
  });
  it('refuses an empty axis, naming it', () => {
    expect(userError(() => axisValues('system.count', []))).toMatch(/sweep\.axes\."system\.count": the axis is empty/);
    expect(userError(() => axisValues('x', { from: 5, to: 1, step: 1 }))).toMatch(/empty/);
  });
  it('refuses malformed ranges with the fix', () => {
    expect(userError(() => axisValues('x', { from: 1, to: 4 }))).toMatch(/\{ from, to, step \} or \{ from, to, factor \}/);
    expect(userError(() => axisValues('x', { from: 1, to: 4, factor: 1 }))).toMatch(/factor.*> 1/);
    expect(userError(() => axisValues('x', { from: 1, to: 4, step: 0 }))).toMatch(/non-zero/);
    expect(userError(() => axisValues('x', 3))).toMatch(/expected a list/);
  });
});

describe('planSweep', () => {
  it('crosses axes with the first axis slowest and replications innermost', () => {
    const plan = planSweep(toyScenario());
    // 3 counts x 2 tp x 2 replications
    expect(plan.total).toBe(12);
    expect(plan.combinations).toBe(6);
    const order = Array.from({ length: plan.total }, (_, i) => {
      const p = plan.pointAt(i);
      return [p.inputs['system.count'], p.inputs['workload.parallelism.tp'], p.replication];
    });
    expect(order.slice(0, 5)).toEqual([
      [1, 4, 0],
      [1, 4, 1],
      [1, 8, 0],
      [1, 8, 1],
      [2, 4, 0],
    ]);
    expect(order[11]).toEqual([4, 8, 1]);
  });

  it('sets axis values in the point scenario and drops the sweep block', () => {
    const p = planSweep(toyScenario()).pointAt(7);
    expect(p.scenario.system).toEqual({ preset: 'trn2.48xlarge', count: 2 });
    expect((p.scenario.workload as { parallelism: unknown }).parallelism).toEqual({ tp: 8 });
    expect(p.scenario.sweep).toBeUndefined();
  });

  it('zips axes of equal length and refuses unequal ones', () => {
    const plan = planSweep(toyScenario({ mode: 'zip', axes: { 'system.count': [1, 2, 4], 'workload.parallelism.tp': [4, 8, 16] }, replications: 1 }));
    expect(plan.total).toBe(3);
    expect(plan.pointAt(2).inputs).toEqual({ 'system.count': 4, 'workload.parallelism.tp': 16 });
    expect(userError(() => planSweep(toyScenario({ mode: 'zip' })))).toMatch(/equal length.*"system\.count": 3, "workload\.parallelism\.tp": 2/);
  });

  it('gives replication 0 the scenario seed and replication r deriveSeed(seed, r)', () => {
    const plan = planSweep(toyScenario({ replications: 3 }));
    expect(plan.pointAt(0).seed).toBe(7);
    expect(plan.pointAt(1).seed).toBe(deriveSeed(7, 1));
    expect(plan.pointAt(2).seed).toBe(deriveSeed(7, 2));
    expect(plan.pointAt(2).scenario.seed).toBe(deriveSeed(7, 2));
    // the same replication of another combination shares the seed (common random numbers)
    expect(plan.pointAt(4).seed).toBe(deriveSeed(7, 1));
  });

  it('hashes the expanded sweep: stable, and changed by any axis value', () => {
    const a = planSweep(toyScenario()).id;
    expect(planSweep(toyScenario()).id).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(planSweep(toyScenario({ axes: { 'system.count': [1, 2, 8], 'workload.parallelism.tp': [4, 8] } })).id).not.toBe(a);
    expect(planSweep(toyScenario({ replications: 3 })).id).not.toBe(a);
  });

  it('refuses a missing sweep block, no axes and bad fields with their names', () => {
    const { sweep: _s, ...plain } = toyScenario();
    expect(userError(() => planSweep(plain))).toMatch(/no "sweep:" block/);
    expect(userError(() => planSweep(toyScenario({ axes: {} })))).toMatch(/at least one axis/);
    expect(userError(() => planSweep(toyScenario({ mode: 'grid' })))).toMatch(/sweep\.mode.*"cross" or "zip"/);
    expect(userError(() => planSweep(toyScenario({ replications: 0 })))).toMatch(/sweep\.replications/);
  });

  it('checks axis paths against the scenario JSON Schema before anything runs', () => {
    const schema = scenarioJsonSchema();
    expect(() => planSweep(toyScenario(), { schema })).not.toThrow();
    const msg = userError(() => planSweep(toyScenario({ axes: { 'workload.paralelism.tp': [1] } }), { schema }));
    expect(msg).toMatch(/sweep\.axes\."workload\.paralelism\.tp": not a scenario field: "paralelism" is not a field of "workload"/);
    expect(msg).toMatch(/parallelism/);
  });

  it('expands points lazily: a 10^8-point plan is instant', () => {
    const plan = planSweep(toyScenario({ axes: { 'system.count': { from: 1, to: 10000, step: 1 }, 'workload.globalBatch': { from: 1, to: 10000, step: 1 } }, replications: 1 }));
    expect(plan.total).toBe(1e8);
    expect(plan.pointAt(99_999_999).inputs).toEqual({ 'system.count': 10000, 'workload.globalBatch': 10000 });
  });
});

describe('checkSchemaPath', () => {
  const schema = scenarioJsonSchema();
  it('accepts real fields, including inside unions and records', () => {
    expect(checkSchemaPath(schema, 'system.count')).toBeUndefined();
    expect(checkSchemaPath(schema, 'workload.parallelism.tp')).toBeUndefined();
    expect(checkSchemaPath(schema, 'workload.microBatch')).toBeUndefined();
    expect(checkSchemaPath(schema, 'seed')).toBeUndefined();
  });
  it('names the first unknown segment and the valid fields there', () => {
    expect(checkSchemaPath(schema, 'system.cuont')).toMatch(/"cuont" is not a field of "system".*count/);
    expect(checkSchemaPath(schema, 'nope')).toMatch(/"nope" is not a field of the scenario/);
    expect(checkSchemaPath(schema, 'system..count')).toMatch(/empty segments/);
  });
});

describe('shards', () => {
  it('parses i/n (0-based) and refuses out-of-range shards', () => {
    expect(parseShard('1/3')).toEqual({ index: 1, count: 3 });
    expect(userError(() => parseShard('3/2'))).toMatch(/--shard: expected i\/n with integers 0 <= i < n.*got "3\/2"/);
    expect(userError(() => parseShard('2/2'))).toMatch(/--shard/);
    expect(userError(() => parseShard('a/b'))).toMatch(/--shard/);
    expect(userError(() => parseShard('0/0'))).toMatch(/--shard/);
  });
  it('partitions the indices: sizes sum to the total and every index is in exactly one shard', () => {
    for (const total of [0, 1, 7, 12]) {
      for (const n of [1, 2, 3, 5]) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += shardSize(total, { index: i, count: n });
        expect(sum).toBe(total);
        for (let k = 0; k < total; k++) {
          expect(Array.from({ length: n }, (_, i) => inShard(k, { index: i, count: n })).filter(Boolean)).toHaveLength(1);
        }
      }
    }
  });
});

describe('planSweep properties', () => {
  it('cross mode visits every combination x replication exactly once, and shards partition the indices', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
        (lengths, replications, shards) => {
          const axes: Record<string, number[]> = {};
          lengths.forEach((n, a) => (axes[`workload.axis${a}`] = Array.from({ length: n }, (_, k) => 10 * a + k)));
          const plan = planSweep(toyScenario({ axes, replications }));
          // total = product of axis lengths x replications
          expect(plan.total).toBe(lengths.reduce((p, n) => p * n, 1) * replications);
          const seen = new Set<string>();
          for (let i = 0; i < plan.total; i++) {
            const p = plan.pointAt(i);
            expect(p.index).toBe(i);
            seen.add(JSON.stringify([p.inputs, p.replication]));
          }
          expect(seen.size).toBe(plan.total);
          let covered = 0;
          for (let s = 0; s < shards; s++) covered += shardSize(plan.total, { index: s, count: shards });
          expect(covered).toBe(plan.total);
        },
      ),
      { numRuns: 60, seed: 9 },
    );
  });
});
