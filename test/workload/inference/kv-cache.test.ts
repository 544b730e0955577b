import { describe, expect, it } from 'vitest';
import { kvCapacity, rankShape, runInference } from '../../../src/workload/inference/index.js';
import { HBM_RESERVED_FRACTION_BEYOND_KV } from '../../../src/workload/calibration.js';
import { LLAMA_1B, LLAMA_70B, LLAMA_8B, i3Workload, trn2System } from './fixtures.js';

describe('KV-cache capacity', () => {
  it('matches a hand calculation for Llama-3.3-70B at TP 64 on a trn2.48xlarge', () => {
    // per rank: HBM 96 GiB / 4 ranks per chip = 25,769,803,776 B; reserve 10 % (HBM_RESERVED_FRACTION_BEYOND_KV)
    expect(HBM_RESERVED_FRACTION_BEYOND_KV).toBe(0.1);
    const hbmPerRank = (96 * 1024 ** 3) / 4;
    // weights per rank (BF16, 2 B): per layer QKV 8192 x (1 + 2 x 1) x 128 = 3,145,728 (8 KV heads over 64
    // ranks: 1 per rank, replicated), O 128 x 8192 = 1,048,576, FFN 3 x 8192 x 448 = 11,010,048;
    // embedding and LM head 2 x 2004 x 8192 (vocab 128,256 / 64 = 2,004)
    const params = 80 * (3145728 + 1048576 + 11010048) + 2 * 2004 * 8192;
    expect(params).toBe(1249181696);
    const weights = params * 2;
    // KV per token per rank: 2 (K, V) x 80 layers x 1 KV head x 128 x 2 B = 40,960 B
    const perToken = 2 * 80 * 1 * 128 * 2;
    const expected = Math.floor((hbmPerRank * 0.9 - weights) / perToken);
    expect(expected).toBe(505235);
    const shape = rankShape(LLAMA_70B, 64, 'bf16');
    expect(shape.weightBytesPerRank).toBe(weights);
    expect(shape.kvBytesPerTokenPerRank).toBe(perToken);
    expect(kvCapacity(hbmPerRank, shape).capacityTokens).toBe(expected);
    const r = runInference(trn2System(16), i3Workload(1), { seed: 1, name: 'kv' });
    expect(r.kvCache.capacityTokensPerReplica).toBe(expected);
    expect(r.kvCache.bytesPerTokenPerRank).toBe(perToken);
    // I3 reserves its max context (12,288 tokens) for its one sequence
    expect(r.kvCache.peakUsedFraction).toBeCloseTo(12288 / expected, 12);
  });

  it('shards KV heads by TP when TP divides them (Llama-3.1-8B, TP 4: 2 KV heads per rank)', () => {
    const shape = rankShape(LLAMA_8B, 4, 'bf16');
    // 2 x 32 layers x (8 / 4) x 128 x 2 B
    expect(shape.kvBytesPerTokenPerRank).toBe(2 * 32 * 2 * 128 * 2);
  });

  it('adds the draft model weights and KV per token under speculation', () => {
    const t = rankShape(LLAMA_70B, 64, 'bf16');
    const d = rankShape(LLAMA_1B, 64, 'bf16');
    const hbm = (96 * 1024 ** 3) / 4;
    const kv = kvCapacity(hbm, t, d);
    // tied embeddings: the 1B draft has one vocab shard, 2004 x 2048
    expect(d.weightBytesPerRank).toBe(2 * (16 * (2048 * 3 * 64 + 64 * 2048 + 3 * 2048 * 128) + 2004 * 2048));
    expect(kv.capacityTokens).toBe(Math.floor((hbm * 0.9 - t.weightBytesPerRank - d.weightBytesPerRank) / (40960 + 2 * 16 * 64 * 2)));
  });

  it('makes requests wait when the cache is full and reports it, never exceeding capacity', () => {
    // a chip with 24 GiB instead of 96: 6 GiB per rank, 5.4 GiB after the reserve, minus 8B weights at TP 4
    const small = trn2System(1, { chip: { hbmBytes: 24 * 1024 ** 3 } });
    const shape = rankShape(LLAMA_8B, 4, 'bf16');
    const cap = Math.floor(((24 * 1024 ** 3) / 4 * 0.9 - shape.weightBytesPerRank) / shape.kvBytesPerTokenPerRank);
    // lognormal prompts (no upper bound): a batch that fits on average, not always, so requests queue for KV
    const r = runInference(
      small,
      {
        kind: 'inference',
        model: LLAMA_8B,
        precision: 'bf16',
        parallelism: { tp: 4, dp: 1, pp: 1 },
        batching: { maxBatch: 48, policy: 'continuous' },
        requests: { count: 200, inputTokens: { kind: 'lognormal', median: 2000, sigma: 0.8 }, outputTokens: { kind: 'fixed', tokens: 256 }, concurrency: 64 },
      },
      { seed: 3, name: 'kv-wait' },
    );
    expect(r.kvCache.capacityTokensPerReplica).toBe(cap);
    // 48 sequences of ~2,256 tokens need more than the cache holds: admission is KV-bound
    expect(48 * 2256).toBeGreaterThan(cap);
    expect(r.kvCache.requestsWaited).toBeGreaterThan(0);
    expect(r.kvCache.peakUsedFraction).toBeLessThanOrEqual(1);
    expect(r.kvCache.peakUsedFraction).toBeGreaterThan(0.9);
    expect(r.requestsCompleted).toBe(200);
  });

  it('rejects requests whose context exceeds maxContextTokens, and reports them', () => {
    const w = i3Workload(50);
    const r = runInference(
      trn2System(16),
      { ...w, batching: { maxBatch: 4, policy: 'continuous' }, requests: { ...w.requests, inputTokens: { kind: 'uniform', min: 8000, max: 12000 }, outputTokens: { kind: 'fixed', tokens: 16 }, concurrency: 4 } },
      { seed: 5, name: 'reject' },
    );
    // 8000..12000 inputs + 16 outputs against 12,288: inputs above 12,272 never occur, so count by hand
    expect(r.requestsRejected + r.requestsCompleted).toBe(50);
    expect(r.requestsRejected).toBe(0);
    const r2 = runInference(
      trn2System(16),
      { ...w, batching: { maxBatch: 4, policy: 'continuous' }, requests: { ...w.requests, inputTokens: { kind: 'uniform', min: 12000, max: 12400 }, outputTokens: { kind: 'fixed', tokens: 16 }, concurrency: 4 } },
      { seed: 5, name: 'reject' },
    );
    // P(input + 16 > 12,288) = P(input >= 12,273) = 128 / 401 per request
    expect(r2.requestsRejected).toBeGreaterThan(5);
    expect(r2.requestsRejected).toBeLessThan(30);
    expect(r2.requestsRejected + r2.requestsCompleted).toBe(50);
  });
});
