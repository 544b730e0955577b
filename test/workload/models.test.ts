import { describe, expect, it } from 'vitest';
import { modelFlopsPerToken, modelPresetNames, modelPresets, parameterCounts, resolveModel } from '../../src/workload/models.js';
import { forwardFlopsPerTokenFull } from '../../src/workload/ops.js';
import { isUserInputError } from '../../src/user-input-error.js';

// published sizes (model cards, papers): total (and MoE active) parameter counts, in billions
const PUBLISHED_B: Record<string, { total: number; active?: number; tol: number }> = {
  'llama-2-7b': { total: 6.74, tol: 0.01 },
  'llama-2-13b': { total: 13.0, tol: 0.01 },
  'llama-2-70b': { total: 69.0, tol: 0.01 },
  'llama-3.1-8b': { total: 8.03, tol: 0.01 },
  'llama-3.1-70b': { total: 70.6, tol: 0.01 },
  'llama-3.3-70b': { total: 70.6, tol: 0.01 },
  'llama-3.1-405b': { total: 405, tol: 0.01 },
  'llama-3.2-1b': { total: 1.24, tol: 0.01 },
  'gpt3-175b': { total: 175, tol: 0.01 },
  'mixtral-8x7b': { total: 46.7, active: 12.9, tol: 0.01 },
  // the Qwen3 technical report (Qwen team, 2025): 235 B total, 22 B active (preset added for issue 13)
  'qwen3-235b-a22b': { total: 235, active: 22, tol: 0.01 },
};

describe('model presets', () => {
  it('has every preset of the catalogue', () => {
    expect([...modelPresetNames].sort()).toEqual(Object.keys(PUBLISHED_B).sort());
  });

  for (const [name, want] of Object.entries(PUBLISHED_B)) {
    it(`${name} has ~${want.total} B parameters (models.md)`, () => {
      const c = parameterCounts(modelPresets[name]!);
      expect(Math.abs(c.total / 1e9 - want.total) / want.total).toBeLessThan(want.tol);
      if (want.active) expect(Math.abs(c.active / 1e9 - want.active) / want.active).toBeLessThan(want.tol);
      else expect(c.active).toBe(c.total);
    });
  }

  it('counts llama-2-7b exactly by the models.md formula', () => {
    // 2 x 32000 x 4096 (embeddings + output) + 32 x (4 x 4096^2 + 3 x 4096 x 11008 + 2 x 4096) + 4096
    const want = 2 * 32000 * 4096 + 32 * (4 * 4096 ** 2 + 3 * 4096 * 11008 + 2 * 4096) + 4096;
    expect(parameterCounts(modelPresets['llama-2-7b']!).total).toBe(want);
  });

  for (const name of modelPresetNames) {
    it(`${name}: op-level forward FLOPs x 3 equal 6N + 12 L h s less the non-matmul parameters`, () => {
      const m = modelPresets[name]!;
      const s = 4096;
      const c = parameterCounts(m);
      // 6N counts every active parameter; the ops multiply only matrices: input embedding table
      // (a lookup) and norm weights take no matmul FLOPs. Attention: 12 L s (heads x headDim).
      const lookup = m.vocab * m.hidden + (m.learnedPositions ? (m.maxPositions ?? 2048) * m.hidden : 0);
      const norms = m.layers * 2 * m.hidden + m.hidden;
      const tiedBack = m.tiedEmbeddings ? m.vocab * m.hidden : 0; // tied: the logits matmul reuses the table
      const closed = 6 * (c.active - lookup - norms + tiedBack) + 12 * m.layers * s * m.heads * m.headDim;
      expect(3 * forwardFlopsPerTokenFull(m, s)).toBeCloseTo(closed, -3);
      if (m.heads * m.headDim === m.hidden) {
        // and the MFU count (reference/models.md) differs exactly by the lookup and norm parameters
        expect(modelFlopsPerToken(m, s) - 3 * forwardFlopsPerTokenFull(m, s)).toBeCloseTo(6 * (lookup + norms - tiedBack), -3);
      }
    });
  }

  it('MFU FLOPs per token of llama-2-7b at 4,096 match the hardware.md §5.1 derivation (32.0% at 81 seq/s)', () => {
    const f = modelFlopsPerToken(modelPresets['llama-2-7b']!, 4096);
    const mfu = (81 * 4096 * f) / (256 * 190e12);
    expect(mfu).toBeCloseTo(0.32, 2);
  });

  it('resolves inline models with defaults', () => {
    const m = resolveModel({ layers: 2, hidden: 256, heads: 4, ffn: 512, vocab: 1000 });
    expect(m).toMatchObject({ kvHeads: 4, headDim: 64, gatedFfn: true, tiedEmbeddings: false, experts: 1, topK: 1 });
    expect(resolveModel('Llama-2-7B').name).toBe('llama-2-7b');
  });

  it('names the field and the choices on bad input', () => {
    const bad = (f: () => unknown, re: RegExp) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(isUserInputError(e)).toBe(true);
        expect((e as Error).message).toMatch(re);
      }
    };
    bad(() => resolveModel('llama-9'), /unknown model preset "llama-9".*llama-2-7b/);
    bad(() => resolveModel({ layers: 0, hidden: 256, heads: 4, ffn: 512, vocab: 1000 }), /model\.layers: expected a positive integer/);
    bad(() => resolveModel({ layers: 2, hidden: 256, heads: 4, kvHeads: 3, ffn: 512, vocab: 1000 }), /kvHeads/);
    bad(() => resolveModel({ layers: 2, hidden: 256, heads: 4, ffn: 512, vocab: 1000, experts: 2, topK: 3 }), /topK/);
  });
});
