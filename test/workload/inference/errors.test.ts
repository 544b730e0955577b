import { describe, expect, it } from 'vitest';
import { runInference } from '../../../src/workload/inference/index.js';
import { isUserInputError } from '../../../src/user-input-error.js';
import type { InferenceWorkload } from '../../../src/workload/types.js';
import { LLAMA_405B, i3Workload, trn2System } from './fixtures.js';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    if (!isUserInputError(e)) throw e;
    return e;
  }
  throw new Error('expected a UserInputError');
}

const run = (w: InferenceWorkload, chips: 1 | 16 = 16) => () => runInference(trn2System(chips), w, { seed: 1, name: 'bad' });

describe('inference bad input', () => {
  it('a model that cannot fit names workload.model and the tp that would fit', () => {
    // Llama-3.1-405B BF16 (~810 GB) on 16 ranks of 24 GiB: each needs ~51 GB
    const e = errorOf(run({ ...i3Workload(1), model: LLAMA_405B, parallelism: { tp: 16, dp: 1, pp: 1 } }));
    expect(e.message).toMatch(/^workload\.model: llama-3\.1-405b does not fit/);
    expect(e.message).toMatch(/workload\.parallelism\.tp >= \d+/);
    expect(e.message).toMatch(/fp8/);
  });

  it('a batch larger than the KV cache allows names workload.batching.maxBatch and the largest that fits', () => {
    // capacity 505,235 tokens (kv-cache.test.ts); 64 x 12,288 = 786,432 > capacity; 41 x 12,288 fits
    const e = errorOf(run({ ...i3Workload(1), batching: { maxBatch: 64, policy: 'continuous' } }));
    expect(e.message).toMatch(/^workload\.batching\.maxBatch: 64 sequences/);
    expect(e.message).toMatch(/maxBatch <= 41\b/);
  });

  it('negative or zero rates name workload.requests.arrivalRate', () => {
    const base = i3Workload(1);
    for (const rate of [-1, 0, Number.NaN]) {
      const e = errorOf(run({ ...base, requests: { ...base.requests, concurrency: undefined, arrivalRatePerSecond: rate } }));
      expect(e.message).toMatch(/^workload\.requests\.arrivalRate: expected a positive rate/);
    }
  });

  it('closed and open loop together, or neither, is an error naming workload.requests', () => {
    const base = i3Workload(1);
    expect(errorOf(run({ ...base, requests: { ...base.requests, arrivalRatePerSecond: 2 } })).message).toMatch(/^workload\.requests: give either/);
    expect(errorOf(run({ ...base, requests: { ...base.requests, concurrency: undefined } })).message).toMatch(/^workload\.requests: give concurrency/);
  });

  it('more ranks than the system has, pipeline stages and bad counts name their fields', () => {
    expect(errorOf(run({ ...i3Workload(1), parallelism: { tp: 64, dp: 2, pp: 1 } })).message).toMatch(/^workload\.parallelism: tp x dp x pp = 64 x 2 x 1 = 128 ranks, but system trn2\.48xlarge has 64/);
    expect(errorOf(run({ ...i3Workload(1), parallelism: { tp: 32, dp: 1, pp: 2 } })).message).toMatch(/^workload\.parallelism\.pp:/);
    expect(errorOf(run({ ...i3Workload(1), batching: { maxBatch: 0, policy: 'continuous' } })).message).toMatch(/^workload\.batching\.maxBatch: expected a positive integer/);
    const base = i3Workload(1);
    expect(errorOf(run({ ...base, requests: { ...base.requests, inputTokens: { kind: 'uniform', min: 10, max: 5 } } })).message).toMatch(/^workload\.requests\.inputTokens: max \(5\) is below min \(10\)/);
    expect(errorOf(run({ ...base, speculation: { draft: base.model, tokens: 0 } })).message).toMatch(/^workload\.speculation\.tokens/);
    expect(errorOf(run({ ...base, speculation: { draft: base.model, tokens: 2, acceptanceRate: 1.5 } })).message).toMatch(/^workload\.speculation\.acceptanceRate/);
  });
});
