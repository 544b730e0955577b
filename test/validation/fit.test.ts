/**
 * The fitter and leave-one-table-out: recovering known constants from synthetic cases, tables
 * weighed alike, LOO on the collective cases (fast), and calibration applied through a scenario.
 */
import { describe, expect, it } from 'vitest';
import { fitConstants, leaveOneTableOut, tableWeights } from '../../src/validation/fit.js';
import type { FitCase } from '../../src/validation/fit.js';
import { runLeaveOneOut } from '../../src/validation/loo.js';
import { runValidation } from '../../src/validation/run-validation.js';
import { currentConstants, defaultConstants, fittedConstant } from '../../src/workload/fitted-constants.js';
import { runScenario } from '../../src/scenario/index.js';
import { isUserInputError } from '../../src/user-input-error.js';

const step = fittedConstant('inference.stepOverheadS')!;
const pass = fittedConstant('inference.prefillPassOverheadS')!;

/** Cases whose "simulation" is a linear form of two constants: a + k b (kind inference). */
function synthetic(a: number, b: number, table: string, ks: number[]): FitCase[] {
  return ks.map((k, i) => ({ id: `${table}-${i}`, table, kind: 'inference', published: a + k * b, simulate: () => step.get() + k * pass.get() }));
}

describe('fitConstants', () => {
  it('recovers the constants that generated the cases and restores the constants in force', () => {
    const cases = [...synthetic(3e-3, 2e-3, 'A', [0.5, 1, 2, 4]), ...synthetic(3e-3, 2e-3, 'B', [8])];
    const fit = fitConstants(cases, { names: [step.name, pass.name], priorWeight: 1e-6 });
    expect(fit.values[step.name]! / 3e-3).toBeCloseTo(1, 3);
    expect(fit.values[pass.name]! / 2e-3).toBeCloseTo(1, 3);
    expect(currentConstants()).toEqual(defaultConstants());
  });

  it('robustLogError: a point no constant reaches no longer drags the rest (Huber, IRLS); least squares follows it', () => {
    const names = [step.name, pass.name];
    // five consistent points and one at 3x what the same constants give
    const good = synthetic(3e-3, 2e-3, 'A', [0.5, 1, 2, 4, 8]);
    const outlier: FitCase = { id: 'A-out', table: 'A', kind: 'inference', published: 3 * (3e-3 + 1 * 2e-3), simulate: () => step.get() + 1 * pass.get() };
    const cases = [...good, outlier];
    const err = (values: Record<string, number>) => Math.max(...good.map((c, i) => Math.abs((values[step.name]! + [0.5, 1, 2, 4, 8][i]! * values[pass.name]!) / c.published - 1)));
    const plain = fitConstants(cases, { names, priorWeight: 1e-6 });
    const robust = fitConstants(cases, { names, priorWeight: 1e-6, robustLogError: 0.1 });
    expect(err(plain.values)).toBeGreaterThan(0.1);
    expect(err(robust.values)).toBeLessThan(err(plain.values) / 2);
    // with no outlier both recover the generating constants
    const clean = fitConstants(good, { names, priorWeight: 1e-6, robustLogError: 0.1 });
    expect(clean.values[step.name]! / 3e-3).toBeCloseTo(1, 3);
    expect(clean.values[pass.name]! / 2e-3).toBeCloseTo(1, 3);
  });

  it('weighs each table alike, whatever its number of rows', () => {
    const w = tableWeights([...synthetic(1, 1, 'A', [1, 2, 3, 4]), ...synthetic(1, 1, 'B', [1])]);
    expect([...w]).toEqual([0.25, 0.25, 0.25, 0.25, 1]);
  });

  it('leave-one-table-out: consistent tables predict each other; a constant only the left-out table moved returns to its prior', () => {
    const names = [step.name, pass.name];
    const consistent = [...synthetic(3e-3, 2e-3, 'A', [0.5, 1]), ...synthetic(3e-3, 2e-3, 'B', [2, 4]), ...synthetic(3e-3, 2e-3, 'C', [1, 3])];
    const fit = fitConstants(consistent, { names, priorWeight: 1e-6 });
    const loo = leaveOneTableOut(consistent, fit.values, { names, priorWeight: 1e-6, refit: 'linear' });
    for (const v of Object.values(loo.relErrors)) expect(Math.abs(v)).toBeLessThan(0.01);
    expect(Object.keys(loo.refits).sort()).toEqual(['A', 'B', 'C']);
    // only table C depends on the pass overhead (k = 0 elsewhere): without C it falls back to the prior
    const sole = [...synthetic(3e-3, 2e-3, 'A', [0, 0]), ...synthetic(3e-3, 2e-3, 'B', [0]), ...synthetic(3e-3, 20e-3, 'C', [1, 2])];
    const fit2 = fitConstants(sole, { names });
    expect(fit2.values[pass.name]! / 20e-3).toBeGreaterThan(0.8); // the weak prior at 1 ms holds it back a little
    const loo2 = leaveOneTableOut(sole, fit2.values, { names });
    expect(loo2.refits.C![pass.name]!).toBeLessThan(fit2.values[pass.name]! / 2);
    expect(loo2.relErrors['C-1']!).toBeLessThan(-0.3);
    expect(Math.abs(loo2.relErrors['A-0']!)).toBeLessThan(0.05);
  });
});

describe('leave-one-out on the bundled collective cases', () => {
  it('reports in-sample errors equal to validate and one LOO error per case; the sole support of a constant loses it', async () => {
    const [loo, val] = await Promise.all([runLeaveOneOut({ kinds: ['collective'], refit: 'linear' }), runValidation({ kinds: ['collective'] })]);
    expect(loo.rows.map((r) => r.id)).toEqual(val.cases.map((c) => c.id));
    loo.rows.forEach((r, i) => expect(r.relError).toBeCloseTo(val.cases[i]!.relError!, 9));
    expect(loo.tables).toBe(6);
    // P8 is the only point-to-point table: without it p2pDmaEfficiency returns to its pre-fit estimate
    const p8 = loo.rows.find((r) => r.id === 'P8-32MiB')!;
    expect(Math.abs(p8.looRelError)).toBeGreaterThan(Math.abs(p8.relError) + 0.1);
    expect(currentConstants()).toEqual(defaultConstants());
  }, 30_000);
});

describe('calibration in a scenario', () => {
  const scenario = (calibration?: unknown) => ({
    name: 'cal',
    system: { preset: 'trn2.3xlarge' },
    workload: { kind: 'inference', model: 'llama-3.1-8b', precision: 'bf16', parallelism: { tp: 4, dp: 1, pp: 1 }, batching: { maxBatch: 1, policy: 'continuous' }, requests: { count: 2, inputTokens: 512, outputTokens: 8 } },
    ...(calibration !== undefined ? { calibration } : {}),
  });

  it('applies inline constants for that run only', () => {
    const base = runScenario(scenario(), { omitMeta: true }) as { ttftS: { p50: number } };
    const slower = runScenario(scenario({ constants: { 'inference.prefillPassOverheadS': 0.05 } }), { omitMeta: true }) as { ttftS: { p50: number } };
    expect(slower.ttftS.p50 - base.ttftS.p50).toBeCloseTo(0.05 - pass.defaultValue, 6);
    expect(currentConstants()).toEqual(defaultConstants());
  });

  it('rejects an unknown constant, naming it', () => {
    try {
      runScenario(scenario({ constants: { 'inference.warpDrive': 1 } }));
      throw new Error('expected an error');
    } catch (e) {
      expect(isUserInputError(e)).toBe(true);
      expect((e as Error).message).toMatch(/"inference\.warpDrive" is not a fitted constant/);
    }
  });
});
