import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluate, type TrainingCase } from '../../../src/validation/evaluators/training.js';
import { buildSystem } from '../../../src/hardware/index.js';
import { runTraining, resolveModel } from '../../../src/workload/index.js';

const data = JSON.parse(readFileSync(new URL('../../../data/validation/training.json', import.meta.url), 'utf8')) as { cases: TrainingCase[] };

describe('training validation (data/validation/training.json)', () => {
  it('T3: Llama2-7B on 16 x trn1.32xlarge within 15% of 95.14 seq/s (Neuron 2.21)', () => {
    const c = data.cases.find((x) => x.id === 'T3')!;
    expect(c.published).toBe(95.14);
    const r = evaluate(c);
    expect(Math.abs(r.relError)).toBeLessThan(0.15);
    // the breakdown of the critical rank adds up to the step time
    const b = r.result.breakdown;
    expect(b.computeS + b.exposedCommS + b.bubbleS + b.idleS).toBeCloseTo(r.result.stepTimeS, 9);
    // MFU by the definition of docs/validation.md stays in the published range (30.8-37.6%)
    expect(r.result.mfu).toBeGreaterThan(0.3);
    expect(r.result.mfu).toBeLessThan(0.42);
  });

  it('every case has a source, a release and a positive published figure', () => {
    for (const c of data.cases) {
      expect(c.source.length).toBeGreaterThan(20);
      expect(c.release).toBeTruthy();
      expect(c.published).toBeGreaterThan(0);
      expect(Number.isFinite(evaluate(c).simulated)).toBe(true);
    }
  });

  it('out-of-sample cases T4-T10 (Neuron 2.15-2.24 Trn1 tables) are each within 20% and their median |error| is under 8%', () => {
    // The same configuration moves 6-14% between Neuron releases (T3, T4 and T5 notes): 20% per case
    // is that spread plus the model's error (docs/validation.md); the median bounds the model's bias.
    const oos = ['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10'].map((id) => data.cases.find((x) => x.id === id)!);
    const errors = oos.map((c) => Math.abs(evaluate(c).relError));
    for (const e of errors) expect(e).toBeLessThan(0.2);
    const sorted = [...errors].sort((a, b) => a - b);
    expect(sorted[3]!).toBeLessThan(0.08);
  });

  it('pipeline cases: the bubble is close to (pp - 1) / m of the stage time (1F1B, m micro-batches per replica)', () => {
    for (const id of ['T6', 'T7', 'T8', 'T9', 'T10']) {
      const c = data.cases.find((x) => x.id === id)!;
      const r = evaluate(c).result;
      const pp = c.workload.parallelism.pp;
      const m = r.microBatchesPerReplica;
      expect(m).toBe(c.workload.globalBatch / c.workload.parallelism.dp);
      // bubble / (step - bubble) = (pp - 1) / m for a balanced 1F1B pipeline (stages differ slightly: embedding, LM head)
      const ratio = r.breakdown.bubbleS / (r.stepTimeS - r.breakdown.bubbleS);
      expect(ratio).toBeGreaterThan((0.7 * (pp - 1)) / m);
      expect(ratio).toBeLessThan((1.3 * (pp - 1)) / m);
    }
  });

  it('T3 reduced (macro-task) graph matches the fully expanded graph within 1% on the real fabric', () => {
    const c = data.cases.find((x) => x.id === 'T3')!;
    const system = buildSystem(c.system);
    const w = { kind: 'training' as const, ...c.workload, model: resolveModel(c.workload.model) };
    const a = runTraining(system, w, { seed: 1, name: 'a' });
    const b = runTraining(system, w, { seed: 1, name: 'b', expandLayers: true });
    expect(Math.abs(a.stepTimeS - b.stepTimeS) / b.stepTimeS).toBeLessThan(0.01);
  });
});
