/**
 * Context windows of the model presets: the longest sequence (prompt + output) each was trained or
 * extended for. A run past the window is still simulated (the cost model does not depend on it),
 * but the scenario layer warns, since no deployment would run it. Sources: each model's published
 * config.json (max_position_embeddings) on Hugging Face, the papers for GPT-3 and Mixtral.
 */
import type { ModelConfig } from './types.js';

export interface ContextWindow {
  readonly tokens: number;
  readonly source: string;
}

const LLAMA_31 = { tokens: 131_072, source: 'Llama 3.1 model card and config.json (max_position_embeddings 131072)' };
const LLAMA_2 = { tokens: 4_096, source: 'Llama 2 paper (Touvron et al. 2023, Table 1) and config.json (max_position_embeddings 4096)' };

export const CONTEXT_WINDOWS: Readonly<Record<string, ContextWindow>> = {
  'llama-2-7b': LLAMA_2,
  'llama-2-13b': LLAMA_2,
  'llama-2-70b': LLAMA_2,
  'llama-3.1-8b': LLAMA_31,
  'llama-3.1-70b': LLAMA_31,
  'llama-3.1-405b': LLAMA_31,
  'llama-3.3-70b': { tokens: 131_072, source: 'Llama 3.3 model card and config.json (max_position_embeddings 131072)' },
  'llama-3.2-1b': { tokens: 131_072, source: 'Llama 3.2 model card and config.json (max_position_embeddings 131072)' },
  'gpt3-175b': { tokens: 2_048, source: 'Brown et al. 2020, section 2.1 (context window of 2048 tokens)' },
  'mixtral-8x7b': { tokens: 32_768, source: 'Jiang et al. 2024, section 2 (context length of 32k tokens)' },
  // the preset's source; the model card gives 32,768 natively and 131,072 with YaRN scaling
  'qwen3-235b-a22b': { tokens: 40_960, source: 'Qwen/Qwen3-235B-A22B config.json (max_position_embeddings 40960)' },
};

/** The context window of a preset model (by its name), or undefined for inline or modified models. */
export function contextWindowOf(model: Pick<ModelConfig, 'name'>): ContextWindow | undefined {
  return CONTEXT_WINDOWS[model.name];
}
