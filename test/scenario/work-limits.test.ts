/**
 * Bounded work (issue 19): the estimate errs high against the events the bundled scenarios really
 * take, oversized inputs are refused before anything is allocated with the estimate and how to
 * shrink it, a run past its event limit is stopped by the engine's meter, and progress is reported.
 */
import { describe, expect, it } from 'vitest';
import { Simulator, withWorkMeter } from '../../src/engine/index.js';
import { buildSystem } from '../../src/hardware/index.js';
import { loadScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { runScenario } from '../../src/scenario/run.js';
import { scenarioWorkEstimate } from '../../src/scenario/run-guard.js';
import { RunMeter, WorkLimitError, checkWork, workLimits, DEFAULT_MAX_EVENTS } from '../../src/scenario/work-limits.js';
import { errorOf } from '../user-errors.js';


const estimateOf = (source: string | Record<string, unknown>, exact = false) => {
  const r = resolveScenario(loadScenario(source));
  return scenarioWorkEstimate(r, buildSystem(r.system), exact);
};

describe('work estimate', () => {
  it('errs high, within a factor 40, on the events bundled scenarios take', () => {
    for (const name of ['llama-3.1-8b-trn2-48xl', 'llama-3.1-70b-trn2-ultraserver', 'inference-llama-3.1-8b-trn2-3xl', 'inference-llama-3.3-70b-speculative', 'llama-3.1-70b-trn2-16-ultraservers-28d']) {
      const e = estimateOf(name);
      const events = runScenario(name).meta!.eventsSimulated;
      expect(e.events, name).toBeGreaterThanOrEqual(events);
      expect(e.events, name).toBeLessThan(40 * events);
    }
  });

  it('grows linearly with the micro-batches (training) and with the requests (inference)', () => {
    const a = estimateOf({ extends: 'llama-3.1-8b-trn2-48xl', workload: { globalBatch: 8000 } });
    const b = estimateOf({ extends: 'llama-3.1-8b-trn2-48xl', workload: { globalBatch: 80000 } });
    // 1,000 -> 10,000 micro-batches per replica: the step graph, ~450 B and ~2 events per micro-batch, dominates
    expect(b.bytes - a.bytes).toBeCloseTo(9000 * 2 * 450, -5);
    const r1 = estimateOf({ extends: 'inference-llama-3.1-8b-trn2-3xl', workload: { requests: { count: 1e4 } } });
    const r2 = estimateOf({ extends: 'inference-llama-3.1-8b-trn2-3xl', workload: { requests: { count: 1e5 } } });
    expect(r2.bytes / r1.bytes).toBeCloseTo(10, 5);
    // --exact simulates every block: dp / ep = 8 lanes instead of 1
    expect(estimateOf('llama-3.1-8b-trn2-48xl', true).terms[0]!.what).toMatch(/8 simulated blocks/);
  });
});

describe('oversized inputs are refused before they run', () => {
  it('globalBatch: 1e9 names the estimate, the limit, the term and the fields that shrink it', () => {
    const t0 = performance.now();
    const e = errorOf(() => runScenario({ extends: 'llama-3.1-8b-trn2-48xl', workload: { globalBatch: 1e9 } }, { origin: 'big.yaml' }));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(e).toBeInstanceOf(WorkLimitError);
    expect(e.message).toMatch(
      /^big\.yaml: the run would take about 2\.50e8 events and 10\d\.\d GiB of memory, above the memory limit of [\d.]+ GiB; most of it is the step graph \(125,000,000 micro-batches x 1 stage x 1 simulated block\): lower workload\.globalBatch or raise workload\.microBatch .*, or raise --max-memory \(library: maxMemoryBytes\) for a deliberately large run$/,
    );
  });

  it('requests.count: 1e8 and a 1.6-million-chip DP group are refused too; a raised limit admits them', () => {
    const r = errorOf(() => runScenario({ extends: 'inference-llama-3.1-8b-trn2-3xl', workload: { requests: { count: 1e8 } } }));
    expect(r.message).toMatch(/the requests \(100,000,000 requests\): lower workload\.requests\.count/);
    const c = errorOf(() => runScenario({ extends: 'llama-3.1-8b-trn2-48xl', system: { count: 100000 }, workload: { globalBatch: 800000 } }));
    expect(c.message).toMatch(/the collectives \(2 kinds of group, the widest of 800,000 ranks\): use a smaller system/);
    // the same check passes once the limit is above the estimate (not run here: it would take minutes)
    const e = estimateOf({ extends: 'inference-llama-3.1-8b-trn2-3xl', workload: { requests: { count: 1e8 } } });
    expect(() => checkWork('x', e, { maxEvents: 1e12, maxMemoryBytes: 1e12 })).not.toThrow();
  });

  it('refuses by events with the events limit, and checks the limits it is given', () => {
    const e = errorOf(() => runScenario('llama-3.1-8b-trn2-48xl', { maxEvents: 100 }));
    expect(e.message).toMatch(/above the limit of 100 events; most of it is the .*, or raise --max-events \(library: maxEvents\)/);
    expect(workLimits({}).maxEvents).toBe(DEFAULT_MAX_EVENTS);
    expect(errorOf(() => workLimits({ maxEvents: -1 })).message).toMatch(/options\.maxEvents: expected a positive number, got -1/);
  });
});

describe('the run meter', () => {
  it('is charged by every simulator made while it is active, and stops a run past its limit', () => {
    const charged: number[] = [];
    const events = withWorkMeter({ charge: (n) => charged.push(n) }, () => {
      const sim = new Simulator();
      const k = sim.registerKind(() => {
        if (sim.now < 9999) sim.schedule(1, k);
      });
      sim.schedule(0, k);
      sim.run();
      return sim.eventsProcessed;
    });
    expect(events).toBe(10000);
    expect(charged.reduce((a, b) => a + b, 0)).toBe(10000);
    // outside the meter nothing is charged
    new Simulator().run();
    expect(charged.reduce((a, b) => a + b, 0)).toBe(10000);

    const meter = new RunMeter('x.yaml', { maxEvents: 5000, maxMemoryBytes: 1e9 }, 4000);
    const e = errorOf(() =>
      withWorkMeter(meter, () => {
        const sim = new Simulator();
        const k = sim.registerKind(() => sim.schedule(1, k));
        sim.schedule(0, k);
        sim.run();
      }),
    );
    expect(e.message).toMatch(/^x\.yaml: the run was stopped after 8,192 events, above the limit of 5,000 \(--max-events; library: maxEvents; it was estimated at 4,000\)/);
  });

  it('reports progress with the events so far and the estimate', () => {
    const seen: Array<{ events: number; estimatedEvents: number }> = [];
    runScenario('llama-3.1-8b-trn2-48xl', { onProgress: (p) => seen.push(p) });
    // a short run may end before the first report; a meter with no interval reports every charge
    const meter = new RunMeter('x', { maxEvents: 1e9, maxMemoryBytes: 1e9 }, 123, (p) => seen.push(p), 0);
    meter.charge(10);
    meter.charge(5);
    expect(seen.slice(-2)).toEqual([
      { events: 10, estimatedEvents: 123, elapsedS: expect.any(Number) },
      { events: 15, estimatedEvents: 123, elapsedS: expect.any(Number) },
    ]);
  });
});
