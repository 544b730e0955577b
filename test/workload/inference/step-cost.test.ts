import { describe, expect, it } from 'vitest';
import { StepCost, runInference, rankShape, tileFill } from '../../../src/workload/inference/index.js';
import { collectiveTimeS, sizeTimer, createCollectiveTimer } from '../../../src/collectives/index.js';
import { NKI_KERNEL_MATMUL_EFFICIENCY, PREFILL_ROWS_HALF, contextBucketTokens } from '../../../src/workload/inference/calibration.js';
import type { InferenceWorkload } from '../../../src/workload/types.js';
import { LLAMA_70B, LLAMA_8B, i3Workload, trn2System } from './fixtures.js';

describe('decode step', () => {
  it('at batch 1 is bounded below by weight bytes / aggregate HBM bandwidth, and far above it at TP 64 (modelling-notes.md 3)', () => {
    const r = runInference(trn2System(16), i3Workload(2), { seed: 1, name: 'i3' });
    // Llama-3.3-70B: ~70.6e9 parameters x 2 B = 141 GB over 16 x 2.9 TB/s = 46.4 TB/s: ~3.0 ms (hardware.md §5.2)
    const shape = rankShape(LLAMA_70B, 64, 'bf16');
    const streamedBytes = 64 * (shape.layers * shape.layerWeightBytesPerRank + shape.lmHeadBytesPerRank);
    const floorS = streamedBytes / (16 * 2.9e12);
    expect(floorS).toBeGreaterThan(2.9e-3);
    expect(r.tpotS.p50).toBeGreaterThan(floorS);
    // per-layer collective latency and fixed overheads dominate: several times the floor
    expect(r.tpotS.p50 / floorS).toBeGreaterThan(4);
  });

  it('gives a lone request a TPOT equal to the mean of its decode steps priced one by one (fused steps are exact)', () => {
    const system = trn2System(16);
    const r = runInference(system, i3Workload(1), { seed: 1, name: 'one' });
    const ranks = Array.from({ length: 64 }, (_, i) => i);
    const cost = new StepCost(rankShape(LLAMA_70B, 64, 'bf16'), { flopsPerSecond: 667e12 / 4, hbmBytesPerSecond: 2.9e12 / 4 }, sizeTimer(createCollectiveTimer(system, { issue: 'in-graph' }), 'all-reduce', ranks));
    // after the prefill the context is 10,000 + 1 tokens; step j decodes with 10,001 + j cached
    let sum = 0;
    for (let j = 0; j < 1499; j++) sum += cost.decodeS(1, 10001 + j);
    expect(r.tpotS.p50 / (sum / 1499)).toBeCloseTo(1, 10);
    expect(r.steps.decode).toBe(1499);
  });

  it('grows with the batch only through activations and KV reads while memory-bound', () => {
    const base: InferenceWorkload = {
      ...i3Workload(8),
      requests: { count: 8, inputTokens: { kind: 'fixed', tokens: 1000 }, outputTokens: { kind: 'fixed', tokens: 64 }, concurrency: 8 },
      maxContextTokens: undefined,
    };
    const b1 = runInference(trn2System(16), base, { seed: 1, name: 'b1' });
    const b8 = runInference(trn2System(16), { ...base, batching: { maxBatch: 8, policy: 'continuous' } }, { seed: 1, name: 'b8' });
    expect(b8.tpotS.p50).toBeGreaterThan(b1.tpotS.p50);
    // 8x the batch costs far less than 8x the time: weights are read once per step
    expect(b8.tpotS.p50).toBeLessThan(1.5 * b1.tpotS.p50);
    expect(b8.outputTokensPerSecond).toBeGreaterThan(4 * b1.outputTokensPerSecond);
  });
});

describe('prefill (TTFT)', () => {
  // Llama-3.1-8B on one rank (tp 1): no collectives, every weight dimension fills whole 128-tiles
  // (4096, 6144, 14336, 128256, headDim 128), and prefills of >= 1k tokens are compute-bound, so
  // TTFT(T) = C + F(T) / (rank peak x NKI_KERNEL_MATMUL_EFFICIENCY x T / (T + PREFILL_ROWS_HALF))
  // (the prefill rows ramp, issue 16; T a power of two, so no bucket padding) with the FLOP model
  //   F(T) = layers x [2 P T + 4 heads headDim T (T + 1) / 2]     (causal attention: QK^T and PV)
  //   P = hidden (heads + 2 kvHeads) headDim + heads headDim hidden + 3 hidden ffn
  const m = LLAMA_8B;
  const P = m.hidden * (m.heads + 2 * m.kvHeads) * m.headDim + m.heads * m.headDim * m.hidden + 3 * m.hidden * m.ffn;
  const F = (T: number) => m.layers * (2 * P * T + 2 * m.heads * m.headDim * T * (T + 1));
  const rate = (667e12 / 4) * NKI_KERNEL_MATMUL_EFFICIENCY;
  const ttft = (T: number) =>
    runInference(
      trn2System(1),
      {
        kind: 'inference',
        model: m,
        precision: 'bf16',
        parallelism: { tp: 1, dp: 1, pp: 1 },
        batching: { maxBatch: 1, policy: 'continuous' },
        requests: { count: 1, inputTokens: { kind: 'fixed', tokens: T }, outputTokens: { kind: 'fixed', tokens: 2 }, concurrency: 1 },
      },
      { seed: 1, name: 'ttft' },
    ).ttftS.p50;

  it('fills whole tiles for Llama-3.1-8B at tp 1 (precondition of the closed form)', () => {
    for (const x of [m.hidden, (m.heads + 2 * m.kvHeads) * m.headDim, m.ffn, m.vocab, m.headDim]) expect(tileFill(x)).toBe(1);
  });

  it('grows with input length exactly as the FLOP model says, quadratic attention term included', () => {
    const Ts = [1024, 2048, 4096, 8192];
    const t = Ts.map(ttft);
    for (let i = 1; i < Ts.length; i++) {
      const G = (T: number) => (F(T) * (T + PREFILL_ROWS_HALF)) / (T * rate);
      const expected = G(Ts[i]!) - G(Ts[i - 1]!);
      expect((t[i]! - t[i - 1]!) / expected).toBeCloseTo(1, 9);
    }
    // the attention term makes TTFT convex in T: doubling the prompt more than doubles the increment
    expect(t[3]! - t[2]!).toBeGreaterThan(2 * (t[2]! - t[1]!));
  });
});

describe('prefill at TP 64 (I3)', () => {
  it('adds its 160 all-reduces of the padded prompt (10,000 tokens run in the 12,288 bucket) x 8,192 x 2 B to the compute (no pipelining, as NxDI runs it)', () => {
    const r = runInference(trn2System(16), i3Workload(1), { seed: 1, name: 'i3' });
    const free = runInference(trn2System(16), i3Workload(1), { seed: 1, name: 'i3', collectiveTimer: () => 0 });
    // TTFT - TTFT without collectives = 2 x 80 x t_AR(163.84 MB, 64 ranks), as the collectives layer times it in-graph
    const ranks = Array.from({ length: 64 }, (_, i) => i);
    const t = (sizeBytes: number) => collectiveTimeS(trn2System(16), { op: 'all-reduce', ranks, sizeBytes }, { issue: 'in-graph' });
    const ar = t(contextBucketTokens(10000, 12288) * 8192 * 2);
    expect(contextBucketTokens(10000, 12288)).toBe(12288);
    expect(ar).toBeGreaterThan(1e-3);
    expect((r.ttftS.p50 - free.ttftS.p50) / (160 * ar)).toBeCloseTo(1, 9);
    // and decode pays its 160 small all-reduces per token the same way
    expect((r.tpotS.p50 - free.tpotS.p50) / (160 * t(8192 * 2))).toBeCloseTo(1, 9);
  });
});
