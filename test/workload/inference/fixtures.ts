/**
 * Test fixtures: Trn2 systems from the hardware layer's builders and model configs from
 * the models' published config.json (written out here so a preset edit cannot silently change a hand calculation).
 */
import { buildSystem } from '../../../src/hardware/index.js';
import type { System, SystemOverrides } from '../../../src/hardware/types.js';
import type { InferenceWorkload, ModelConfig } from '../../../src/workload/types.js';

/** One trn2.3xlarge (1 chip) or one trn2.48xlarge (16 chips), LNC 2 (4 ranks per chip). */
export function trn2System(chips: 1 | 16, overrides?: SystemOverrides): System {
  return buildSystem({ preset: chips === 1 ? 'trn2.3xlarge' : 'trn2.48xlarge', ...(overrides ? { overrides } : {}) });
}

function model(name: string, layers: number, hidden: number, heads: number, kvHeads: number, ffn: number, vocab: number, tied = false): ModelConfig {
  return { name, layers, hidden, heads, kvHeads, ffn, vocab, gatedFfn: true, headDim: hidden / heads, tiedEmbeddings: tied, experts: 1, topK: 1 };
}

// the models' published config.json (docs/sources.md hf-configs)
export const LLAMA_70B = model('llama-3.3-70b', 80, 8192, 64, 8, 28672, 128256);
export const LLAMA_405B = model('llama-3.1-405b', 126, 16384, 128, 8, 53248, 128256);
export const LLAMA_8B = model('llama-3.1-8b', 32, 4096, 32, 8, 14336, 128256);
export const LLAMA_1B = model('llama-3.2-1b', 16, 2048, 32, 8, 8192, 128256, true);

/** I3 (docs/sources.md): Llama-3.3-70B BF16, TP 64, batch 1, 10,000 in / 1,500 out. */
export function i3Workload(count = 3): InferenceWorkload {
  return {
    kind: 'inference',
    model: LLAMA_70B,
    precision: 'bf16',
    parallelism: { tp: 64, dp: 1, pp: 1 },
    batching: { maxBatch: 1, policy: 'continuous' },
    requests: { count, inputTokens: { kind: 'fixed', tokens: 10000 }, outputTokens: { kind: 'fixed', tokens: 1500 }, concurrency: 1 },
    maxContextTokens: 12288,
  };
}
