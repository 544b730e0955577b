import { describe, expect, it } from 'vitest';
import { fixtureSystem } from '../fixture-system.js';
import { runTraining, stageCosts } from '../../../src/workload/index.js';
import { closedFormTimeS, createCollectiveTimer, DEFAULT_COLLECTIVE_PARAMS } from '../../../src/collectives/index.js';
import { resolveModel } from '../../../src/workload/models.js';
import type { Parallelism, TrainingWorkload } from '../../../src/workload/types.js';
import { isUserInputError } from '../../../src/user-input-error.js';

const small = resolveModel({ name: 'small', layers: 8, hidden: 1024, heads: 8, kvHeads: 8, ffn: 4096, vocab: 128 });

function workload(par: Partial<Parallelism>, more: Partial<TrainingWorkload> = {}): TrainingWorkload {
  return {
    kind: 'training',
    model: small,
    precision: 'bf16',
    sequenceLength: 4096,
    globalBatch: 8,
    microBatch: 1,
    recompute: 'selective',
    parallelism: { tp: 1, pp: 1, dp: 1, cp: 1, ep: 1, zero: 1, sequenceParallel: true, schedule: '1f1b', virtualStages: 1, ...par },
    ...more,
  };
}

const free = () => 0;

function sumBreakdown(r: ReturnType<typeof runTraining>): number {
  const b = r.breakdown;
  return b.computeS + b.exposedCommS + b.bubbleS + b.idleS;
}

describe('runTraining: pipeline schedule', () => {
  for (const [p, m] of [
    [4, 8],
    [2, 6],
    [4, 16],
  ] as const) {
    it(`1F1B bubble fraction is (p-1)/(m+p-1) with free communication (p=${p}, m=${m})`, () => {
      const sys = fixtureSystem({ servers: 1, chipsPerServer: p, ranksPerChip: 1 });
      const w = workload({ pp: p }, { globalBatch: m });
      const r = runTraining(sys, w, { seed: 1, name: 'pp', collectiveTimer: free });
      // closed form: T_pipe = (m + p - 1)(tf + tb), bubble = (p - 1)(tf + tb) per stage;
      // the optimizer step after the pipeline is excluded from the ratio
      const opt = stageCosts(sys, w, r.criticalStage, free).optimizerS;
      const frac = r.breakdown.bubbleS / (r.stepTimeS - opt - r.breakdown.idleS);
      expect(frac).toBeCloseTo((p - 1) / (m + p - 1), 2);
      expect(Math.abs(frac - (p - 1) / (m + p - 1)) / ((p - 1) / (m + p - 1))).toBeLessThan(0.01);
      expect(r.breakdown.exposedCommS).toBe(0);
      expect(sumBreakdown(r)).toBeCloseTo(r.stepTimeS, 9);
    });
  }

  it('interleaving (v = 2) shrinks the bubble by about v with free communication', () => {
    const sys = fixtureSystem({ servers: 1, chipsPerServer: 4, ranksPerChip: 1 });
    const a = runTraining(sys, workload({ pp: 4 }, { globalBatch: 8 }), { seed: 1, name: 'a', collectiveTimer: free });
    const b = runTraining(sys, workload({ pp: 4, schedule: 'interleaved', virtualStages: 2 }, { globalBatch: 8 }), { seed: 1, name: 'b', collectiveTimer: free });
    expect(b.stepTimeS).toBeLessThan(a.stepTimeS);
    // Narayanan et al. 2021: bubble (p-1)/v units of (tf+tb) instead of (p-1)
    expect(b.breakdown.bubbleS / a.breakdown.bubbleS).toBeCloseTo(0.5, 1);
    expect(sumBreakdown(b)).toBeCloseTo(b.stepTimeS, 9);
  });
});

describe('runTraining: data parallelism', () => {
  it('a pure-DP step is compute plus exposed gradient all-reduce, and exposure is bounded by the all-reduces', () => {
    const sys = fixtureSystem({ servers: 2, chipsPerServer: 4, ranksPerChip: 1 });
    const w = workload({ dp: 8, zero: 0 }, { globalBatch: 8 });
    const r = runTraining(sys, w, { seed: 1, name: 'dp', collectiveTimer: 'alpha-beta' });
    const b = r.breakdown;
    expect(b.exposedCommByKindS.tp + b.exposedCommByKindS.pp + b.bubbleS + b.idleS).toBe(0);
    expect(r.stepTimeS).toBeCloseTo(b.computeS + b.exposedCommByKindS.dp, 12);
    // with free communication the step is exactly its compute
    const f = runTraining(sys, w, { seed: 1, name: 'dp0', collectiveTimer: free });
    expect(f.stepTimeS).toBeCloseTo(f.breakdown.computeS, 12);
    expect(b.computeS).toBeCloseTo(f.breakdown.computeS, 12);
    // exposed all-reduce: at least the last bucket (layer 0 and the embeddings reduce after the
    // last backward op), at most all of the gradient all-reduces (none overlapped)
    const c = stageCosts(sys, w, 0, createCollectiveTimer(sys, { model: 'closed-form', issue: 'in-graph', siblings: true }));
    expect(b.exposedCommByKindS.dp).toBeGreaterThanOrEqual(c.dpLayerGradS - 1e-12);
    expect(b.exposedCommByKindS.dp).toBeLessThanOrEqual(small.layers * c.dpLayerGradS + c.dpEmbeddingGradS + 1e-12);
    // hierarchical all-reduce over 2 servers x 4 chips (alpha-beta, every transfer alone, in-graph):
    // intra reduce-scatter and all-gather, 3 steps each of S/4 over one NeuronLink hop (2 us, 100 GB/s),
    // and the inter-server all-reduce, 2 steps of S/8 over two EFA hops (2 x 15 us, 50 GB/s); each step
    // pays the in-graph step overhead (inGraphStepOverheadS, fitted since issue 16) and is bounded below by the rank's DMA work at
    // 0.115 x 1 TB/s (collectives/params.ts); every step of the group, which spans servers, adds the
    // EFA step overhead (the proxies step the whole schedule), and the inter-server steps move their
    // bytes at efaBandwidthEfficiency of the EFA rate (issue 16)
    const S = 4 * (4 * 1024 * 1024 + 3 * 1024 * 4096 + 2 * 1024);
    const dma = 0.115 * 1e12;
    const { efaStepOverheadS, efaBandwidthEfficiency, inGraphStepOverheadS: g } = DEFAULT_COLLECTIVE_PARAMS;
    const intra = g + efaStepOverheadS + Math.max(2e-6 + S / 4 / 100e9, S / 4 / dma);
    const inter = g + efaStepOverheadS + Math.max(30e-6 + S / 8 / (50e9 * efaBandwidthEfficiency), S / 8 / dma);
    expect(c.dpLayerGradS).toBeCloseTo(6 * intra + 2 * inter, 12);
  });
});

describe('runTraining: results', () => {
  const sys = fixtureSystem({ servers: 2, chipsPerServer: 8, ranksPerChip: 2 });
  const w = workload({ tp: 4, pp: 2, dp: 4, zero: 1, schedule: 'interleaved', virtualStages: 2 }, { globalBatch: 16 });

  it('is deterministic: the same inputs give byte-identical results', () => {
    const a = runTraining(sys, w, { seed: 7, name: 'x', collectiveTimer: 'alpha-beta' });
    const b = runTraining(sys, w, { seed: 7, name: 'x', collectiveTimer: 'alpha-beta' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('breakdown adds up to the step time and throughput follows from it', () => {
    const r = runTraining(sys, w, { seed: 1, name: 'x', collectiveTimer: 'alpha-beta' });
    expect(sumBreakdown(r)).toBeCloseTo(r.stepTimeS, 9);
    const k = r.breakdown.exposedCommByKindS;
    expect(k.tp + k.pp + k.dp + k.ep + k.cp).toBeCloseTo(r.breakdown.exposedCommS, 12);
    expect(k.tp).toBeGreaterThan(0);
    expect(r.sequencesPerSecond).toBeCloseTo(16 / r.stepTimeS, 9);
    expect(r.tokensPerSecond).toBeCloseTo((16 * 4096) / r.stepTimeS, 6);
    // MFU: 6N + 12 L h s per token over chips x dense BF16 peak (docs/validation.md "MFU")
    const n = 8 * (4 * 1024 ** 2 + 3 * 1024 * 4096 + 2 * 1024) + 2 * 128 * 1024 + 1024;
    const flops = (6 * n + 12 * 8 * 1024 * 4096) * 16 * 4096;
    expect(r.mfu).toBeCloseTo(flops / r.stepTimeS / (16 * 100e12), 12);
  });

  it('slower communication never makes a step faster (monotonicity)', () => {
    const fast = runTraining(sys, w, { seed: 1, name: 'x', collectiveTimer: (q) => closedFormTimeS(sys, q) });
    const slow = runTraining(sys, w, { seed: 1, name: 'x', collectiveTimer: (q) => 2 * closedFormTimeS(sys, q) });
    expect(slow.stepTimeS).toBeGreaterThan(fast.stepTimeS);
    expect(slow.breakdown.computeS).toBeCloseTo(fast.breakdown.computeS, 12);
  });

  it('runs ZeRO-3, context parallelism and MoE expert parallelism with a consistent breakdown', () => {
    const moe = resolveModel({ name: 'moe', layers: 4, hidden: 1024, heads: 8, kvHeads: 2, ffn: 2048, vocab: 256, experts: 4, topK: 2 });
    for (const [par, model] of [
      [{ tp: 2, dp: 16, zero: 3 }, small],
      [{ tp: 2, cp: 2, dp: 8 }, small],
      [{ tp: 2, dp: 16, ep: 4 }, moe],
    ] as const) {
      const r = runTraining(sys, { ...workload(par, { globalBatch: 16 }), model }, { seed: 1, name: 'x', collectiveTimer: 'alpha-beta' });
      expect(sumBreakdown(r)).toBeCloseTo(r.stepTimeS, 9);
      if ('ep' in par) expect(r.breakdown.exposedCommByKindS.ep).toBeGreaterThan(0);
      if ('zero' in par && par.zero === 3) expect(r.breakdown.exposedCommByKindS.dp).toBeGreaterThan(0);
    }
  });
});

describe('runTraining: context parallelism', () => {
  it('exposes the KV exchange of cp - 1 ring steps per layer (x 3 with backward) beyond what attention hides', () => {
    const sys = fixtureSystem({ servers: 2, chipsPerServer: 8, ranksPerChip: 2 });
    const T = 0.01; // every CP send-recv step costs 10 ms (far above a layer's compute); everything else is free
    const timer = (q: { op: string }) => (q.op === 'send-recv' ? T : 0);
    const r = runTraining(sys, workload({ tp: 2, cp: 2, dp: 8 }, { globalBatch: 16 }), { seed: 1, name: 'cp', collectiveTimer: timer });
    // 8 layers x 2 micro-batches x (1 forward + 2 backward steps) x (cp - 1) = 48 steps of T on the CP
    // stream; the attention beside each step hides at most the step's compute
    const steps = 8 * 2 * 3 * 1;
    expect(r.breakdown.exposedCommByKindS.cp).toBeLessThanOrEqual(steps * T + 1e-12);
    expect(r.breakdown.exposedCommByKindS.cp).toBeGreaterThanOrEqual(steps * T - r.breakdown.computeS);
    expect(r.breakdown.exposedCommByKindS.tp + r.breakdown.exposedCommByKindS.dp).toBe(0);
  });
});

describe('runTraining: bad input', () => {
  const sys = fixtureSystem({ servers: 1, chipsPerServer: 4, ranksPerChip: 2 });
  const expectError = (f: () => unknown, re: RegExp) => {
    try {
      f();
      expect.unreachable();
    } catch (e) {
      expect(isUserInputError(e)).toBe(true);
      expect((e as Error).message).toMatch(re);
    }
  };
  it('names the degrees when tp x pp x dp x cp is not the rank count', () => {
    expectError(() => runTraining(sys, workload({ tp: 2, dp: 2 }), { seed: 1, name: 'x' }), /tp x pp x cp x dp = 2 x 1 x 1 x 2 = 4, but .* has 8 ranks/);
  });
  it('names globalBatch when it does not split into micro-batches', () => {
    expectError(() => runTraining(sys, workload({ dp: 8 }, { globalBatch: 12 }), { seed: 1, name: 'x' }), /workload\.globalBatch: 12 sequences do not split into dp \(8\) x microBatch \(1\)/);
  });
  it('names tp when heads do not split', () => {
    expectError(() => runTraining(sys, workload({ tp: 8 }, { model: { ...small, heads: 12, kvHeads: 12, headDim: 64 } }), { seed: 1, name: 'x' }), /parallelism\.tp/);
  });
});

describe('runTraining: reduced graph against the fully expanded one', () => {
  const sys = fixtureSystem({ servers: 2, chipsPerServer: 8, ranksPerChip: 2 });
  const moe = resolveModel({ name: 'moe', layers: 4, hidden: 1024, heads: 8, kvHeads: 2, ffn: 2048, vocab: 256, experts: 4, topK: 2 });
  const configs: Array<[string, TrainingWorkload]> = [
    ['tp 4 pp 2 dp 4 1f1b', workload({ tp: 4, pp: 2, dp: 4 }, { globalBatch: 16 })],
    ['tp 4 pp 2 dp 4 interleaved', workload({ tp: 4, pp: 2, dp: 4, schedule: 'interleaved', virtualStages: 2 }, { globalBatch: 16 })],
    ['tp 8 dp 4 zero 0, no SP', workload({ tp: 8, dp: 4, zero: 0, sequenceParallel: false }, { globalBatch: 16 })],
    ['tp 2 cp 2 pp 2 dp 4, full recompute', workload({ tp: 2, cp: 2, pp: 2, dp: 4 }, { globalBatch: 16, recompute: 'full' })],
    ['moe tp 2 dp 16 ep 4', { ...workload({ tp: 2, dp: 16, ep: 4 }, { globalBatch: 16 }), model: moe }],
  ];
  for (const [name, w] of configs) {
    it(`${name}: step time within 1%, compute equal`, () => {
      const a = runTraining(sys, w, { seed: 1, name, collectiveTimer: 'alpha-beta' });
      const b = runTraining(sys, w, { seed: 1, name, collectiveTimer: 'alpha-beta', expandLayers: true });
      expect(Math.abs(a.stepTimeS - b.stepTimeS) / b.stepTimeS).toBeLessThan(0.01);
      expect(Math.abs(a.breakdown.computeS - b.breakdown.computeS) / b.breakdown.computeS).toBeLessThan(1e-9);
      expect(sumBreakdown(b)).toBeCloseTo(b.stepTimeS, 9);
      expect(b.eventsSimulated).toBeGreaterThan(a.eventsSimulated);
    });
  }
});

describe('runTraining: heterogeneous chips', () => {
  it('a straggler chip (half compute) slows the step through its stage', () => {
    const base = fixtureSystem({ servers: 1, chipsPerServer: 8, ranksPerChip: 2 });
    const slowChip = 6; // ranks 12-13: stage 1 of pp 2 (ranks 8-15)
    const slow = { ...base, chipAt: (c: number) => (c === slowChip ? { ...base.chip, peakFlopsPerSecond: { bf16: 50e12, fp8: 100e12 } } : base.chip) };
    const w = workload({ tp: 4, pp: 2, dp: 2 }, { globalBatch: 8 });
    const a = runTraining(base, w, { seed: 1, name: 'a', collectiveTimer: 'alpha-beta' });
    const b = runTraining(slow, w, { seed: 1, name: 'b', collectiveTimer: 'alpha-beta' });
    expect(b.stepTimeS).toBeGreaterThan(a.stepTimeS * 1.2);
    expect(b.criticalStage).toBe(1);
    expect(sumBreakdown(b)).toBeCloseTo(b.stepTimeS, 9);
  });

  it('FP8 matmuls make a compute-bound step faster than BF16 (TestChip: 200 vs 100 TFLOPS)', () => {
    const sys = fixtureSystem({ servers: 1, chipsPerServer: 4, ranksPerChip: 1 });
    const bf = runTraining(sys, workload({ dp: 4 }, { globalBatch: 8 }), { seed: 1, name: 'bf', collectiveTimer: free });
    const f8 = runTraining(sys, workload({ dp: 4 }, { globalBatch: 8, precision: 'fp8' }), { seed: 1, name: 'f8', collectiveTimer: free });
    expect(f8.stepTimeS).toBeLessThan(bf.stepTimeS);
    expect(f8.stepTimeS).toBeGreaterThan(bf.stepTimeS / 2); // attention and elementwise ops stay BF16
    // MFU is against the precision's dense peak: twice the denominator
    expect(f8.mfu).toBeCloseTo((bf.mfu * bf.stepTimeS) / f8.stepTimeS / 2, 12);
  });
});
