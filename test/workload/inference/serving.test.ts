import { describe, expect, it } from 'vitest';
import { runInference } from '../../../src/workload/inference/index.js';
import type { InferenceWorkload } from '../../../src/workload/types.js';
import { LLAMA_1B, LLAMA_70B, LLAMA_8B, i3Workload, trn2System } from './fixtures.js';

const openLoop8b = (rate: number, count = 2000): InferenceWorkload => ({
  kind: 'inference',
  model: LLAMA_8B,
  precision: 'bf16',
  parallelism: { tp: 4, dp: 1, pp: 1 },
  batching: { maxBatch: 16, policy: 'continuous' },
  requests: {
    count,
    inputTokens: { kind: 'uniform', min: 200, max: 1200 },
    outputTokens: { kind: 'lognormal', median: 150, sigma: 0.6, min: 8, max: 1000 },
    arrivalRatePerSecond: rate,
  },
});

describe('serving simulation', () => {
  it("obeys Little's law on a steady-state open-loop run (L = lambda W within 5 %)", () => {
    const lambda = 2; // requests per second
    const r = runInference(trn2System(1), openLoop8b(lambda, 5000), { seed: 11, name: 'little' });
    expect(r.requestsCompleted).toBe(5000);
    const W = r.e2eLatencyS.mean;
    // stated tolerance 5 %: the empirical arrival rate of 5,000 Poisson arrivals deviates ~1.4 % (1 / sqrt(n))
    // from lambda, and the final drain adds ~W / T
    expect(Math.abs(r.meanRequestsInSystem - lambda * W) / (lambda * W)).toBeLessThan(0.05);
    // and exactly with the measured rate: the time integral of requests in system equals the sum of sojourn times
    expect(r.meanRequestsInSystem).toBeCloseTo(r.requestsPerSecond * W, 9);
    // stable: busy less than all the time
    expect(r.chipUtilisation.busyFraction).toBeLessThan(1);
  });

  it('simulates 10,000 requests in a few events each (open loop, seeded lengths, batch 16: decode steps fused)', () => {
    const r = runInference(trn2System(1), openLoop8b(2, 10000), { seed: 5, name: 'speed' });
    expect(r.requestsCompleted).toBe(10000);
    // one event per decode step would be ~1.7e6 events (10,000 requests x ~170 output tokens); runs
    // of decode steps with nothing else due are one event, so the count grows with the requests
    // only (the time it takes is a benchmark's business: docs/performance.md "Inference")
    // at least an arrival, a prefill and a completion per request; 84,257 with seed 5
    const events = r.eventsSimulated;
    expect(events).toBeGreaterThanOrEqual(3 * 10000);
    expect(events).toBeLessThan(10 * 10000);
  });

  it('is deterministic per seed, and the seed matters when something is random', () => {
    const a = runInference(trn2System(1), openLoop8b(2, 300), { seed: 7, name: 'd' });
    const b = runInference(trn2System(1), openLoop8b(2, 300), { seed: 7, name: 'd' });
    const c = runInference(trn2System(1), openLoop8b(2, 300), { seed: 8, name: 'd' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('gives llmperf TPOT: for one request alone, (E2E - TTFT) / (out - 1)', () => {
    const r = runInference(trn2System(16), i3Workload(1), { seed: 1, name: 'one' });
    expect(r.tpotS.p50).toBeCloseTo((r.e2eLatencyS.p50 - r.ttftS.p50) / 1499, 12);
  });

  it('continuous batching beats static batching on throughput and TTFT when lengths vary', () => {
    const w = { ...openLoop8b(6, 600), requests: { ...openLoop8b(6, 600).requests, arrivalRatePerSecond: undefined, concurrency: 32 } };
    const cont = runInference(trn2System(1), w, { seed: 2, name: 'c' });
    const stat = runInference(trn2System(1), { ...w, batching: { maxBatch: 16, policy: 'static' } }, { seed: 2, name: 's' });
    expect(cont.outputTokensPerSecond).toBeGreaterThan(stat.outputTokensPerSecond);
    expect(cont.ttftS.p50).toBeLessThan(stat.ttftS.p50);
    expect(cont.steps.meanDecodeBatch).toBeGreaterThan(stat.steps.meanDecodeBatch);
  });

  it('batches simultaneous arrivals into one prefill; static batching admits a new batch only when the last has finished', () => {
    // closed loop of 4 with maxBatch 4 and lengths 200..1200 out: 12 requests
    const w: InferenceWorkload = {
      ...openLoop8b(1, 12),
      batching: { maxBatch: 4, policy: 'static' },
      requests: { count: 12, inputTokens: { kind: 'fixed', tokens: 500 }, outputTokens: { kind: 'uniform', min: 20, max: 400 }, concurrency: 4 },
    };
    const stat = runInference(trn2System(1), w, { seed: 3, name: 's' });
    // static: three batches of four, one prefill each
    expect(stat.steps.prefill).toBe(3);
    const cont = runInference(trn2System(1), { ...w, batching: { maxBatch: 4, policy: 'continuous' } }, { seed: 3, name: 'c' });
    // continuous: the first four share a prefill, then each finished request's successor is prefilled on its own
    expect(cont.steps.prefill).toBeGreaterThan(3);
    expect(cont.simulatedTimeS).toBeLessThan(stat.simulatedTimeS);
  });

  it('spreads requests over data-parallel replicas: 2 replicas double closed-loop throughput', () => {
    const one = runInference(trn2System(16), { ...i3Workload(4), parallelism: { tp: 32, dp: 1, pp: 1 }, requests: { ...i3Workload(4).requests, outputTokens: { kind: 'fixed', tokens: 50 }, concurrency: 2 } }, { seed: 1, name: 'dp1' });
    const two = runInference(trn2System(16), { ...i3Workload(4), parallelism: { tp: 32, dp: 2, pp: 1 }, requests: { ...i3Workload(4).requests, outputTokens: { kind: 'fixed', tokens: 50 }, concurrency: 2 } }, { seed: 1, name: 'dp2' });
    expect(two.replicas).toBe(2);
    expect(two.outputTokensPerSecond / one.outputTokensPerSecond).toBeGreaterThan(1.6);
  });

  it('slows every step down to the slowest chip of a TP group (a straggler)', () => {
    const slow = trn2System(16, { chips: { '5': { computeScale: 0.5, hbmBytesPerSecond: 1.45e12 } } });
    const base = runInference(trn2System(16), i3Workload(1), { seed: 1, name: 'ok' });
    const r = runInference(slow, i3Workload(1), { seed: 1, name: 'slow' });
    expect(r.tpotS.p50).toBeGreaterThan(base.tpotS.p50);
    expect(r.ttftS.p50).toBeGreaterThan(base.ttftS.p50);
  });
});

describe('speculative decoding', () => {
  it('emits (1 - a^(k+1)) / (1 - a) tokens per target pass on average', () => {
    const a = 0.7, k = 4;
    const expected = (1 - a ** (k + 1)) / (1 - a); // 2.7731
    const w: InferenceWorkload = {
      ...i3Workload(40),
      requests: { count: 40, inputTokens: { kind: 'fixed', tokens: 500 }, outputTokens: { kind: 'fixed', tokens: 2001 }, concurrency: 1 },
      maxContextTokens: undefined,
      speculation: { draft: LLAMA_1B, tokens: k, acceptanceRate: a },
    };
    const r = runInference(trn2System(16), w, { seed: 4, name: 'spec' });
    // tokens after the first, per decode pass (the last pass of a request may be cut short: < 0.1 % here)
    const perPass = (40 * 2000) / r.steps.decode;
    expect(Math.abs(perPass - expected) / expected).toBeLessThan(0.02);
  });

  it('lowers batch-1 TPOT of Llama-3.3-70B with a Llama-3.2-1B draft at a high acceptance rate', () => {
    const base = runInference(trn2System(16), i3Workload(1), { seed: 1, name: 'base' });
    const spec = runInference(trn2System(16), { ...i3Workload(1), speculation: { draft: LLAMA_1B, tokens: 4, acceptanceRate: 0.8 } }, { seed: 1, name: 'spec' });
    expect(spec.tpotS.p50).toBeLessThan(base.tpotS.p50);
    void LLAMA_70B;
  });
});

describe('fused decode steps (the fast path)', () => {
  it('give the same latencies as one event per decode step, on open and closed loops', () => {
    const cases: InferenceWorkload[] = [
      openLoop8b(2, 300),
      { ...i3Workload(3), requests: { ...i3Workload(3).requests, outputTokens: { kind: 'uniform', min: 50, max: 400 }, concurrency: 2 }, batching: { maxBatch: 2, policy: 'continuous' } },
    ];
    for (const w of cases) {
      const system = w.model.name === 'llama-3.1-8b' ? trn2System(1) : trn2System(16);
      const fast = runInference(system, w, { seed: 9, name: 'f' });
      const slow = runInference(system, w, { seed: 9, name: 'f', fuseDecodeSteps: false });
      expect(fast.steps.decode).toBe(slow.steps.decode);
      for (const k of ['ttftS', 'tpotS', 'e2eLatencyS'] as const) {
        for (const q of ['p50', 'p90', 'p99', 'mean'] as const) expect(fast[k][q] / slow[k][q]).toBeCloseTo(1, 9);
      }
      expect(fast.meanRequestsInSystem / slow.meanRequestsInSystem).toBeCloseTo(1, 9);
      expect(fast.chipUtilisation.flopsFraction / slow.chipUtilisation.flopsFraction).toBeCloseTo(1, 9);
    }
  });
});
