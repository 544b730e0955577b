import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.js';
import { isUserInputError } from '../../src/user-input-error.js';

const base = {
  name: 'x',
  system: { preset: 'trn2.48xlarge', count: 2 },
  workload: { kind: 'training', model: 'llama-3.1-8b', sequenceLength: 2048, globalBatch: 8, parallelism: { tp: 32, pp: 2 } },
};
const run = (doc: Record<string, unknown>, opts = {}) => runScenario(doc, { omitMeta: true, ...opts });
const err = (doc: Record<string, unknown>): string => {
  try {
    run(doc);
  } catch (e) {
    expect(isUserInputError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('scenario: system.faults', () => {
  it('a slow chip and a slow link from the file slow the step; ranksSimulated and ranksTotal are reported', () => {
    const healthy = run(base);
    const faulty = run({ ...base, system: { ...base.system, faults: [{ kind: 'slow-chip', chip: 's1.c3', slowdown: 1.2 }, { kind: 'slow-link', link: 's0.c0.x+', bandwidthFactor: 0.05 }] } });
    const t = (r: ReturnType<typeof run>) => (r.kind === 'training' ? r : undefined)!;
    expect(t(faulty).stepTimeS).toBeGreaterThan(t(healthy).stepTimeS);
    expect(t(healthy).ranksTotal).toBe(128);
    expect(t(healthy).ranksSimulated).toBeLessThanOrEqual(128);
  });

  it('names the field of a bad fault', () => {
    expect(err({ ...base, system: { ...base.system, faults: [{ kind: 'slow-chip', chip: 5, slowdown: 0.5 }] } })).toMatch(/system\.faults\[0\]\.slowdown/);
    expect(err({ ...base, system: { ...base.system, faults: [{ kind: 'melt', chip: 5 }] } })).toMatch(/system\.faults\[0\]/);
    expect(err({ ...base, system: { ...base.system, faults: [{ kind: 'down-link', link: 's9.c0.x+' }] } })).toMatch(/system\.faults\[0\]\.link/);
  });

  it('--exact gives the same step as the reduced run on a small system', () => {
    const a = run(base);
    const b = run(base, { exact: true });
    expect(a.kind === 'training' && b.kind === 'training' && b.stepTimeS / a.stepTimeS).toBeCloseTo(1, 9);
  });
});

describe('scenario: parallelism.order', () => {
  it('takes a rank order, innermost first, and refuses one that is not a permutation of tp, cp, dp, pp', () => {
    const ordered = run({ ...base, workload: { ...base.workload, parallelism: { tp: 32, pp: 2, order: ['tp', 'pp', 'cp', 'dp'] } } });
    expect(ordered.kind).toBe('training');
    expect(err({ ...base, workload: { ...base.workload, parallelism: { tp: 32, pp: 2, order: ['tp', 'pp', 'dp'] } } })).toMatch(/workload\.parallelism\.order.*tp, cp, dp and pp once each/);
    expect(err({ ...base, workload: { ...base.workload, parallelism: { tp: 32, pp: 2, order: ['tp', 'pp', 'dp', 'xx'] } } })).toMatch(/workload\.parallelism\.order/);
  });
});
