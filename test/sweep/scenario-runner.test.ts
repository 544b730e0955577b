/** Sweeps of real scenarios through the default runner (scenario layer), in-process. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { runScenario } from '../../src/scenario/index.js';
import type { SweepLine } from '../../src/sweep/types.js';
import { isUserInputError } from '../../src/user-input-error.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const base = path.join(root, 'scenarios/llama-3.1-8b-trn2-48xl.yaml');

function sweep(axes: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { extends: base, name: 'lib-sweep', system: { count: 4 }, workload: { globalBatch: 256 }, sweep: { axes, ...extra } };
}

describe('runSweep with the scenario layer', () => {
  it('gives each point the result runScenario gives the same scenario alone', async () => {
    const lines: SweepLine[] = [];
    await runSweep(sweep({ 'workload.parallelism.tp': [8, 16] }), { workers: 0, onResult: (l) => lines.push(l) }).finished();
    expect(lines.map((l) => l.status)).toEqual(['ok', 'ok']);
    const alone = runScenario({ extends: base, name: 'lib-sweep', system: { count: 4 }, workload: { globalBatch: 256, parallelism: { tp: 16 } } }, { omitMeta: true });
    // plus the error band every point carries (issue 16; docs/validation.md "Error bands")
    const { uncertainty, ...outputs } = lines[1]!.outputs as Record<string, unknown>;
    expect(JSON.stringify(outputs)).toBe(JSON.stringify(alone));
    expect((uncertainty as { relative: number }).relative).toBeGreaterThan(0);
  });

  it('refuses points that do not fit, all together, before anything runs', async () => {
    let ran = 0;
    const run = runSweep(sweep({ 'workload.parallelism.tp': [4, 8], 'workload.microBatch': [1, 2] }), { workers: 0, onResult: () => ran++ });
    let message = '';
    try {
      await run.finished();
    } catch (e) {
      expect(isUserInputError(e)).toBe(true);
      message = (e as Error).message;
    }
    expect(message).toMatch(/1 of 4 points are invalid/);
    expect(message).toMatch(/point 1 \{"workload\.parallelism\.tp":4,"workload\.microBatch":2\}: memory per chip does not fit/);
    expect(ran).toBe(0);
  });

  it('records them as invalid with the reason when skipInvalid is true, and runs the rest', async () => {
    const lines: SweepLine[] = [];
    const s = await runSweep(sweep({ 'workload.parallelism.tp': [4, 8], 'workload.microBatch': [1, 2] }, { skipInvalid: true }), {
      workers: 0,
      onResult: (l) => lines.push(l),
    }).finished();
    expect(s).toMatchObject({ ok: 3, invalid: 1, error: 0 });
    expect(lines[1]!.status).toBe('invalid');
    expect(lines[1]!.error).toMatch(/^sweep point 1: memory per chip does not fit/);
  });

  it('crosses system.count with tp freely (dp derived) and checks axis paths against the schema', async () => {
    const lines: SweepLine[] = [];
    await runSweep(sweep({ 'system.count': [2, 4], 'workload.parallelism.tp': [8, 16] }), { workers: 0, onResult: (l) => lines.push(l) }).finished();
    expect(lines.every((l) => l.status === 'ok')).toBe(true);
    let message = '';
    try {
      await runSweep(sweep({ 'system.cuont': [1] }), { workers: 0 }).finished();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/sweep\.axes\."system\.cuont": not a scenario field: "cuont" is not a field of "system"; valid fields there: .*count/);
  });

  it('sweeps a quantity with units: more EFA bandwidth never makes the step slower', async () => {
    const lines: SweepLine[] = [];
    await runSweep(sweep({ 'system.overrides.efa.bandwidth': ['0.8 Tb/s', '3.2 Tb/s', '12.8 Tb/s'] }), { workers: 0, onResult: (l) => lines.push(l) }).finished();
    const steps = lines.map((l) => (l.outputs as { stepTimeS: number }).stepTimeS);
    expect(lines.map((l) => l.inputs['system.overrides.efa.bandwidth'])).toEqual(['0.8 Tb/s', '3.2 Tb/s', '12.8 Tb/s']);
    expect(steps[1]).toBeLessThanOrEqual(steps[0]!);
    expect(steps[2]).toBeLessThanOrEqual(steps[1]!);
    // 16x the bandwidth changes the step: the data-parallel all-reduce crosses EFA
    expect(steps[2]).toBeLessThan(steps[0]!);
  });
});
