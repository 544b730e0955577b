import { describe, expect, it } from 'vitest';
import { fixtureSystem } from '../fixture-system.js';
import { memoryPerChip, checkMemoryFits, runTraining } from '../../../src/workload/index.js';
import { resolveModel } from '../../../src/workload/models.js';
import type { Parallelism, TrainingWorkload } from '../../../src/workload/types.js';
import { isUserInputError } from '../../../src/user-input-error.js';

const llama7b = resolveModel('llama-2-7b');

function w(par: Partial<Parallelism>, more: Partial<TrainingWorkload> = {}): TrainingWorkload {
  return {
    kind: 'training',
    model: llama7b,
    precision: 'bf16',
    sequenceLength: 4096,
    globalBatch: 64,
    microBatch: 1,
    recompute: 'selective',
    parallelism: { tp: 8, pp: 1, dp: 4, cp: 1, ep: 1, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1, ...par },
    ...more,
  };
}

// 2 servers x 8 chips x 2 ranks = 32 ranks; 64 GiB HBM per chip
const sys = fixtureSystem({ servers: 2, chipsPerServer: 8, ranksPerChip: 2 });

describe('memory per chip', () => {
  it('matches a hand calculation for llama-2-7b, tp 8, dp 4, ZeRO-1, selective recompute', () => {
    const h = 4096, f = 11008, v = 32000, s = 4096, tp = 8, dp = 4, L = 32;
    // parameters per rank: layers x (4 h^2 / tp + 3 h f / tp + 2 h norms) + embedding and output / tp + final norm
    const params = L * ((4 * h * h) / tp + (3 * h * f) / tp + 2 * h) + (2 * v * h) / tp + h;
    // activations per layer (BF16): 4 x (s/tp) x h (norm in/out, SP) + s x 3h/tp (Q, K, V) + s x h/tp (context) + s x 3f/tp (gate, up, act)
    const act = 2 * (4 * (s / tp) * h + s * ((3 * h) / tp) + s * (h / tp) + s * ((3 * f) / tp));
    // + FP32 logits and their gradient: 2 x 4 x s x v / tp
    const logits = 2 * 4 * s * (v / tp);
    const m = memoryPerChip(sys, w({}));
    const perChip = 2; // ranks per chip
    expect(m.weights).toBeCloseTo(perChip * params * 2, 0);
    expect(m.gradients).toBeCloseTo(perChip * params * 4, 0);
    expect(m.optimizer).toBeCloseTo((perChip * params * 12) / dp, 0);
    expect(m.activations).toBeCloseTo(perChip * (L * act + logits), 0);
    expect(m.total).toBeCloseTo(m.weights + m.gradients + m.optimizer + m.activations, 0);
    expect(m.capacity).toBe(64 * 2 ** 30);
  });

  it('ZeRO stages shard optimizer, then gradients, then weights over dp', () => {
    const z0 = memoryPerChip(sys, w({ zero: 0 }));
    const z1 = memoryPerChip(sys, w({ zero: 1 }));
    const z2 = memoryPerChip(sys, w({ zero: 2 }));
    const z3 = memoryPerChip(sys, w({ zero: 3 }));
    expect(z1.optimizer).toBeCloseTo(z0.optimizer / 4, 0);
    expect(z2.gradients).toBeCloseTo(z1.gradients / 4, 0);
    expect(z3.weights).toBeLessThan(z2.weights / 3);
    expect(z3.total).toBeLessThan(z2.total);
  });

  it('recompute none > selective > full in activation memory; full keeps one layer input per layer', () => {
    const none = memoryPerChip(sys, w({}, { recompute: 'none' })).activations;
    const sel = memoryPerChip(sys, w({}, { recompute: 'selective' })).activations;
    const full = memoryPerChip(sys, w({}, { recompute: 'full' })).activations;
    expect(none).toBeGreaterThan(sel);
    expect(sel).toBeGreaterThan(full);
    // none adds the softmax probabilities: heads/tp x s x s x 2 bytes per layer, per rank
    expect(none - sel).toBeCloseTo(2 * 32 * (32 / 8) * 4096 * 4096 * 2, 0);
  });

  it('1F1B: the first stage holds pp micro-batches of activations', () => {
    const one = memoryPerChip(sys, w({ tp: 8, pp: 1, dp: 4 }, { recompute: 'full', model: { ...llama7b, vocab: 128 } }));
    const four = memoryPerChip(sys, w({ tp: 8, pp: 4, dp: 1 }, { recompute: 'full', model: { ...llama7b, vocab: 128 } }));
    // stage 0 with pp = 4 holds 8 layers x 4 micro-batches = the same layer-inputs as 32 layers x 1
    const layerInput = 2 * (4096 / 8) * 4096 * 2; // per chip (2 ranks)
    expect(one.activations).toBeGreaterThan(32 * layerInput);
    expect(four.stage).toBe(0);
    expect(four.activations).toBeGreaterThanOrEqual(32 * layerInput);
  });

  it('names what overflows, by how much, with hints, when it does not fit', () => {
    const big = w({ tp: 8, dp: 4, zero: 0 }, { model: resolveModel('llama-2-70b') });
    try {
      checkMemoryFits(sys, big);
      expect.unreachable();
    } catch (e) {
      expect(isUserInputError(e)).toBe(true);
      const msg = (e as Error).message;
      expect(msg).toMatch(/memory per chip does not fit/);
      expect(msg).toMatch(/over by [\d.]+ GiB, mostly optimizer state/);
      expect(msg).toMatch(/zero: 1/);
      expect(msg).not.toMatch(/\n/);
    }
    expect(() => runTraining(sys, big, { seed: 1, name: 'x', collectiveTimer: () => 0 })).toThrow(/does not fit/);
  });
});
