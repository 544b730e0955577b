/**
 * The `job:` + `reliability:` sections end to end: schema, defaults, the long job after the step,
 * the JSON contract, errors naming the field, a checkpoint-interval sweep ranked by goodput.
 * (The CLI turns any UserInputError into one paragraph and exit code 2: test/cli.)
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run.js';
import { parseQuantity } from '../../src/scenario/quantity.js';
import { formatResultJson, formatResultReport, withoutMeta } from '../../src/report/index.js';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { getPath } from '../../src/sweep/dot-path.js';
import { isUserInputError } from '../../src/user-input-error.js';
import type { TrainingResult } from '../../src/workload/types.js';

/** A fast step: two layers of Llama 3.1 8B on 2 x trn2.48xlarge (32 chips, 128 ranks). */
function scenario(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'reliability-test',
    seed: 3,
    system: { preset: 'trn2.48xlarge', count: 2 },
    workload: {
      kind: 'training',
      model: { preset: 'llama-3.1-8b', layers: 2 },
      sequenceLength: 2048,
      globalBatch: 16,
      parallelism: { tp: 8 },
    },
    job: { duration: '7 d' },
    reliability: {
      failures: [
        { component: 'chip', mtbf: '500 h' },
        { component: 'server', afr: 0.5 },
        { component: 'link', mtbf: '20000 h' },
      ],
      spares: 1,
      repair: '12 h',
      checkpoint: { bandwidth: '5 GB/s' },
      replications: 4,
    },
    ...extra,
  };
}

const run = (doc: Record<string, unknown>) => runScenario(doc, { origin: 'test.yaml' }) as TrainingResult;

describe('long job after the step', () => {
  it('adds reliability with the contract fields in order, useful + lost = wall, and counts its events', () => {
    const r = run(scenario());
    const rel = r.reliability!;
    expect(rel).toBeDefined();
    const json = JSON.parse(formatResultJson(r)) as { reliability: Record<string, unknown> };
    expect(Object.keys(json.reliability).slice(0, 8)).toEqual([
      'goodput',
      'jobWallS',
      'usefulS',
      'lostS',
      'failures',
      'expectedFailures',
      'checkpointIntervalS',
      'optimalCheckpointIntervalS',
    ]);
    expect(Object.keys(json.reliability.lostS as object)).toEqual(['failures', 'checkpoints', 'restarts', 'stragglers', 'linkFlaps', 'waitingForSpares']);
    const l = rel.lostS;
    const lost = l.failures + l.checkpoints + l.restarts + l.stragglers + l.linkFlaps + l.waitingForSpares;
    expect(rel.jobWallS).toBe(7 * 86_400);
    expect(Math.abs(rel.usefulS + lost - rel.jobWallS) / rel.jobWallS).toBeLessThan(1e-9);
    expect(rel.goodput).toBeGreaterThan(0);
    expect(rel.goodput).toBeLessThan(1);
    expect(rel.stepTimeS).toBe(r.stepTimeS);
    // component counts from the system: 32 chips, 2 servers, 32 NIC cables + 16 rail uplinks
    expect(rel.componentCounts).toEqual({ chip: 32, server: 2, link: 48 });
    // a checkpoint is the weights and optimizer state of the model: 14 bytes per parameter at 5 GB/s
    expect(rel.checkpointWriteS).toBeGreaterThan(1);
    // the interval defaults to Young/Daly
    expect(rel.checkpointIntervalS).toBeCloseTo(rel.optimalCheckpointIntervalS!, 9);
    expect(rel.expectedFailures).toBeCloseTo(rel.jobWallS / rel.systemMtbfS!, 9);
    expect(r.meta!.eventsSimulated).toBeGreaterThan(rel.eventsSimulated);
    expect(formatResultReport(r)).toContain('Reliability over time');
  });

  it('is byte-identical per seed; another seed gives other failures', () => {
    const a = runScenario(scenario(), { omitMeta: true });
    const b = runScenario(scenario(), { omitMeta: true });
    const c = runScenario(scenario(), { omitMeta: true, seed: 4 }) as TrainingResult;
    expect(formatResultJson(withoutMeta(b))).toBe(formatResultJson(withoutMeta(a)));
    expect(c.reliability!.usefulS).not.toBe((a as TrainingResult).reliability!.usefulS);
  });

  it('takes steps or tokens as the job, with defaults for everything but the job', () => {
    const steps = run(scenario({ job: { steps: 5000 }, reliability: { replications: 1 } })).reliability!;
    expect(steps.stepsCompleted).toBe(5000);
    // default processes: chip, server and link rates scaled from Llama 3
    expect(Object.keys(steps.componentCounts).sort()).toEqual(['chip', 'link', 'server']);
    const tokens = run(scenario({ job: { tokens: 16 * 2048 * 1000 + 1 }, reliability: { failures: [] } })).reliability!;
    expect(tokens.stepsCompleted).toBe(1001);
    expect(tokens.failures).toBe(0);
    expect(tokens.optimalCheckpointIntervalS).toBeNull();
  });

  it('simulates a straggler step and a link-down step with the training model', () => {
    const rel = run(
      scenario({
        reliability: { failures: [], stragglers: { fraction: 0.01, slowdown: 2 }, linkFlaps: { rate: '10 /d', duration: '1 min' }, checkpoint: { interval: '1 h' } },
      }),
    ).reliability!;
    expect(rel.stragglerStepTimeS!).toBeGreaterThan(rel.stepTimeS * 1.2);
    expect(rel.linkFlapStepTimeS!).toBeGreaterThanOrEqual(rel.stepTimeS);
    expect(rel.lostS.stragglers).toBeGreaterThan(0);
  });
});

describe('long job: bad input names the field', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an MTBF of zero', { reliability: { failures: [{ component: 'chip', mtbf: 0 }] } }, /reliability\.failures\[0\]\.mtbf: expected a value > 0/],
    ['a negative MTBF', { reliability: { failures: [{ component: 'chip', mtbf: '-5 h' }] } }, /reliability\.failures\[0\]\.mtbf/],
    ['an impossible AFR', { reliability: { failures: [{ component: 'server', afr: 1.5 }] } }, /reliability\.failures\[0\]\.afr: expected an annual failure rate in \(0, 1\)/],
    ['both mtbf and afr', { reliability: { failures: [{ component: 'server', afr: 0.1, mtbf: '1 h' }] } }, /reliability\.failures\[0\]: give only one of mtbf, afr/],
    ['an unknown component', { reliability: { failures: [{ component: 'gpu', mtbf: '1 h' }] } }, /reliability\.failures\[0\]\.component: expected one of chip \| server \| ultraserver \| link/],
    ['UltraServers on a server preset', { reliability: { failures: [{ component: 'ultraserver', mtbf: '1 h' }] } }, /reliability\.failures\[0\]\.component: trn2\.48xlarge has no UltraServers/],
    ['a negative rate of flaps', { reliability: { linkFlaps: { rate: '-1 /d', duration: '1 s' } } }, /reliability\.linkFlaps\.rate: expected a value >= 0/],
    ['a straggler fraction of 1', { reliability: { stragglers: { fraction: 1, slowdown: 2 } } }, /reliability\.stragglers\.fraction/],
    ['a slowdown below 1', { reliability: { stragglers: { fraction: 0.1, slowdown: 0.5 } } }, /reliability\.stragglers\.slowdown: expected a factor >= 1/],
    ['negative spares', { reliability: { spares: -1 } }, /reliability\.spares: expected a non-negative integer/],
    ['unused storage fields', { reliability: { checkpoint: { write: '1 s', restore: '1 s', bytes: '1 GB' } } }, /reliability\.checkpoint: write and restore are given/],
    ['two job targets', { job: { duration: '1 d', steps: 5 } }, /job: give only one of duration, steps/],
    ['no job target', { job: {} }, /job: give one of duration, steps, tokens/],
    ['a job shorter than one step', { job: { duration: '1 ms' } }, /job\.duration: 0\.001 s is shorter than one training step/],
    ['fewer tokens than one step', { job: { tokens: 10 } }, /job\.tokens: 10 tokens is less than one training step \(32768 tokens/],
    ['a checkpoint write longer than the system MTBF', { reliability: { failures: [{ component: 'chip', mtbf: '10 h' }], checkpoint: { write: '2 h' } } }, /reliability\.checkpoint\.write: a checkpoint write of 7200 s is not shorter than the system MTBF/],
    ['reliability without a job', { job: undefined }, /job: reliability: needs a job: section/],
  ];
  for (const [what, extra, pattern] of cases) {
    it(what, () => {
      const doc = scenario(extra);
      if ('job' in extra && extra.job === undefined) delete doc.job;
      let err: unknown;
      try {
        run(doc);
      } catch (e) {
        err = e;
      }
      expect(isUserInputError(err)).toBe(true);
      expect((err as Error).message).toMatch(/^test\.yaml: /);
      expect((err as Error).message).toMatch(pattern);
    });
  }

  it('a long job of an inference workload (job: is a cost budget there; reliability: and steps are errors)', () => {
    const inference = { system: { preset: 'trn2.3xlarge' }, workload: { kind: 'inference', model: 'llama-3.2-1b', parallelism: { tp: 4 }, requests: { count: 4, inputTokens: 16, outputTokens: 4 } } };
    expect(() => runScenario({ ...inference, job: { duration: '1 d' }, reliability: { spares: 1 } }, { origin: 'test.yaml' })).toThrow(/reliability: a long job needs a training workload/);
    expect(() => runScenario({ ...inference, job: { steps: 10 } }, { origin: 'test.yaml' })).toThrow(/job\.steps: an inference job is measured in generated tokens/);
    const r = runScenario({ ...inference, job: { duration: '1 d' } }, { origin: 'test.yaml' });
    expect(r.kind === 'inference' && r.cost?.usdPerRun).toBeCloseTo(24 * 2.235, 9);
  });
});

describe('units of reliability figures', () => {
  it('parses days and years', () => {
    expect(parseQuantity('28 d', 'seconds', 'x')).toBe(28 * 86_400);
    expect(parseQuantity('80000 h', 'seconds', 'x')).toBe(80_000 * 3600);
    expect(parseQuantity('2 /d', 'perSecond', 'x')).toBeCloseTo(2 / 86_400, 15);
    expect(parseQuantity('1 /yr', 'perSecond', 'x')).toBeCloseTo(1 / (365.25 * 86_400), 15);
  });
});

describe('a checkpoint-interval sweep ranked by goodput', () => {
  it('ranks by the block objective reliability.goodput and every point shares the failures', async () => {
    const doc = scenario({
      job: { duration: '30 d' },
      reliability: { failures: [{ component: 'chip', mtbf: '200 h' }], checkpoint: { write: '2 min', restore: '1 min' }, replications: 2 },
      sweep: { axes: { 'reliability.checkpoint.interval': { from: 450, to: 7200, factor: 2 } }, objective: 'reliability.goodput:max' },
    });
    const lines: Array<{ inputs: Record<string, unknown>; outputs?: unknown }> = [];
    const summary = await runSweep(doc, { workers: 0, onResult: (l) => lines.push(l), onWarning: () => {} }).finished();
    expect(summary.objective).toEqual({ path: 'reliability.goodput', direction: 'max' });
    expect(lines).toHaveLength(5);
    const goodput = lines.map((l) => getPath(l.outputs, 'reliability.goodput') as number);
    expect(summary.best[0]!.value).toBe(Math.max(...goodput));
    // the same seed: the same failures at every interval
    expect(new Set(lines.map((l) => getPath(l.outputs, 'reliability.failures'))).size).toBe(1);
    // Young/Daly: sqrt(2 x 120 s x 200 h / 32 chips) = 2,324 s; the best point is within a factor 2
    const young = getPath(lines[0]!.outputs, 'reliability.optimalCheckpointIntervalS') as number;
    const best = summary.best[0]!.line.inputs['reliability.checkpoint.interval'] as number;
    expect(Math.abs(Math.log(best / young))).toBeLessThanOrEqual(Math.log(2));
  });
});
