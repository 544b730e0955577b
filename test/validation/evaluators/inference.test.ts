import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluator } from '../../../src/validation/evaluators/inference.js';
import type { ValidationCase } from '../../../src/validation/types.js';

const data = JSON.parse(readFileSync('data/validation/inference.json', 'utf8')) as { kind: string; cases: ValidationCase[] };
const byId = (id: string) => data.cases.find((c) => c.id === id)!;

describe('inference validation cases', () => {
  it('reproduce I3 (hardware.md §5.2) within 15 %: TTFT p50 814.2 ms and TPOT p50 19.6 ms', () => {
    for (const id of ['I3-ttft', 'I3-tpot']) {
      const c = byId(id);
      const simulated = evaluator.evaluate(c) as number;
      expect(Math.abs(simulated - c.published) / c.published).toBeLessThan(0.15);
    }
  });

  it('apply metricScale (LLMPerf counting tokens with another tokenizer, I4)', () => {
    const c = byId('I4-tpot');
    expect(c.metricScale).toBeCloseTo(1500 / 1785, 6);
    const unscaled = evaluator.evaluate({ ...c, metricScale: undefined }) as number;
    expect(evaluator.evaluate(c) as number).toBeCloseTo(unscaled * (c.metricScale as number), 12);
  });

  it('speculative cases (I5, I6): TTFT adds the draft prefill to the target prefill, a few percent for a 1B draft', () => {
    // TTFT(spec) = prefill(target) + prefill(draft): Llama-3.2-1B has 16 layers of hidden 2,048 against
    // 126 x 16,384 (405B) and 80 x 8,192 (70B), so its prefill (FLOPs and in-graph all-reduces) is small
    for (const [spec, base] of [['I5-ttft', 'I4-ttft'], ['I6-ttft', 'I3-ttft']] as const) {
      const s = evaluator.evaluate(byId(spec)) as number;
      // the base run with the speculative run's compiled buckets (I5 lists 10,240 and 12,288)
      const sw = byId(spec).workload as Record<string, unknown>;
      const bc = byId(base);
      const b = evaluator.evaluate({ ...bc, workload: { ...(bc.workload as object), ...(sw.contextBuckets ? { contextBuckets: sw.contextBuckets } : {}) } }) as number;
      expect(s).toBeGreaterThan(b);
      expect(s / b).toBeLessThan(1.1);
    }
  });

  it('rejects a case without a workload or with an unknown metric, naming the case', () => {
    const c = byId('I3-tpot');
    expect(() => evaluator.evaluate({ ...c, workload: undefined })).toThrow(/case I3-tpot: needs system and workload/);
    expect(() => evaluator.evaluate({ ...c, metric: 'ttftS.p42' })).toThrow(/case I3-tpot: metric "ttftS.p42"/);
  });
});
