import { describe, expect, it } from 'vitest';
import { collectiveTimeS, createCollectiveTimer } from '../../../src/collectives/index.js';
import { runInference } from '../../../src/workload/inference/index.js';
import { i3Workload, trn2System } from './fixtures.js';

describe('inference times its TP all-reduces through the collectives layer', () => {
  const w = { ...i3Workload(1), requests: { ...i3Workload(1).requests, outputTokens: { kind: 'fixed' as const, tokens: 8 } } };
  const ranks = Array.from({ length: 64 }, (_, i) => i);

  it('by default asks the flow-level in-graph timer: the same result as passing that timer explicitly', () => {
    const system = trn2System(16);
    const byDefault = runInference(system, w, { seed: 1, name: 'x' });
    const explicit = runInference(system, w, { seed: 1, name: 'x', collectiveTimer: createCollectiveTimer(system, { issue: 'in-graph' }) });
    // the same results; only the event count differs (a caller's timer keeps its own counters)
    const { eventsSimulated: _e, ...a } = explicit;
    const { eventsSimulated: _d, ...b } = byDefault;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('a decode step differs from free communication by 160 in-graph all-reduces of 16 KiB', () => {
    const system = trn2System(16);
    const withComm = runInference(system, w, { seed: 1, name: 'x' });
    const free = runInference(system, w, { seed: 1, name: 'x', collectiveTimer: () => 0 });
    const ar = collectiveTimeS(system, { op: 'all-reduce', ranks, sizeBytes: 16384 }, { issue: 'in-graph' });
    expect(ar).toBeGreaterThan(20e-6);
    expect((withComm.tpotS.p50 - free.tpotS.p50) / (160 * ar)).toBeCloseTo(1, 9);
  });

  it('a degraded NeuronLink inside the TP group slows decode and prefill (overrides reach inference)', () => {
    const healthy = runInference(trn2System(16), w, { seed: 1, name: 'x' });
    const degraded = runInference(trn2System(16, { links: { 's0.c5.x+': { scale: 0.05 } } }), w, { seed: 1, name: 'x' });
    expect(degraded.ttftS.p50).toBeGreaterThan(healthy.ttftS.p50 * 1.01);
    expect(degraded.tpotS.p50).toBeGreaterThanOrEqual(healthy.tpotS.p50);
  });
});
