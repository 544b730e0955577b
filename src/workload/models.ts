/**
 * Model presets, resolution of a preset name or inline config into a full ModelConfig, and
 * parameter / FLOP counts. Architectures: the models' published config.json on Hugging Face
 * ([hf-configs]); Brown et al. 2020 Table 2.1 for GPT-3 ([gpt3-paper]); Jiang et al. 2024 for Mixtral ([mixtral-paper]).
 * Source ids: docs/sources.md.
 */
import type { ModelConfig } from './types.js';
import { workloadErrors } from './errors.js';

type PresetFields = Omit<ModelConfig, 'name' | 'gatedFfn' | 'headDim' | 'tiedEmbeddings' | 'experts' | 'topK'> &
  Partial<Pick<ModelConfig, 'gatedFfn' | 'headDim' | 'tiedEmbeddings' | 'experts' | 'topK'>>;

// one row per preset, from the config.json of each model ([hf-configs]) or its paper
const PRESET_FIELDS: Readonly<Record<string, PresetFields>> = {
  'llama-2-7b': { layers: 32, hidden: 4096, heads: 32, kvHeads: 32, ffn: 11008, vocab: 32000 },
  'llama-2-13b': { layers: 40, hidden: 5120, heads: 40, kvHeads: 40, ffn: 13824, vocab: 32000 },
  'llama-2-70b': { layers: 80, hidden: 8192, heads: 64, kvHeads: 8, ffn: 28672, vocab: 32000 },
  'llama-3.1-8b': { layers: 32, hidden: 4096, heads: 32, kvHeads: 8, ffn: 14336, vocab: 128256 },
  'llama-3.1-70b': { layers: 80, hidden: 8192, heads: 64, kvHeads: 8, ffn: 28672, vocab: 128256 },
  'llama-3.1-405b': { layers: 126, hidden: 16384, heads: 128, kvHeads: 8, ffn: 53248, vocab: 128256 },
  // same architecture as llama-3.1-70b (meta-llama/Llama-3.3-70B-Instruct config.json)
  'llama-3.3-70b': { layers: 80, hidden: 8192, heads: 64, kvHeads: 8, ffn: 28672, vocab: 128256 },
  // draft model for speculative decoding; head size 64 = 2048 / 32; tied input/output embeddings
  'llama-3.2-1b': { layers: 16, hidden: 2048, heads: 32, kvHeads: 8, ffn: 8192, vocab: 128256, tiedEmbeddings: true },
  // plain two-matrix GELU FFN, learned positions over a 2,048-token context (Brown et al. 2020)
  'gpt3-175b': { layers: 96, hidden: 12288, heads: 96, kvHeads: 96, ffn: 49152, vocab: 50257, gatedFfn: false, learnedPositions: true, maxPositions: 2048 },
  // 8 experts of FFN 14,336 per layer, top-2 routing (Jiang et al. 2024)
  'mixtral-8x7b': { layers: 32, hidden: 4096, heads: 32, kvHeads: 8, ffn: 14336, vocab: 32000, experts: 8, topK: 2 },
  // 128 experts of FFN 1,536 in every layer, top-8, head size 128, ~235 B total, ~22 B active (Qwen team,
  // Qwen/Qwen3-235B-A22B config.json: hidden_size 4096, num_hidden_layers 94, num_attention_heads 64,
  // num_key_value_heads 4, head_dim 128, moe_intermediate_size 1536, num_experts 128, num_experts_per_tok 8,
  // vocab_size 151936, tie_word_embeddings false)
  'qwen3-235b-a22b': { layers: 94, hidden: 4096, heads: 64, kvHeads: 4, headDim: 128, ffn: 1536, vocab: 151936, experts: 128, topK: 8 },
};

function complete(name: string, f: PresetFields): ModelConfig {
  return {
    name,
    layers: f.layers,
    hidden: f.hidden,
    heads: f.heads,
    kvHeads: f.kvHeads,
    ffn: f.ffn,
    vocab: f.vocab,
    gatedFfn: f.gatedFfn ?? true,
    headDim: f.headDim ?? f.hidden / f.heads,
    tiedEmbeddings: f.tiedEmbeddings ?? false,
    experts: f.experts ?? 1,
    topK: f.topK ?? 1,
    ...(f.learnedPositions ? { learnedPositions: true, maxPositions: f.maxPositions ?? 2048 } : {}),
  };
}

/** Every preset, fully resolved, by name. */
export const modelPresets: Readonly<Record<string, ModelConfig>> = Object.freeze(
  Object.fromEntries(Object.entries(PRESET_FIELDS).map(([n, f]) => [n, Object.freeze(complete(n, f))])),
);

export const modelPresetNames: readonly string[] = Object.keys(PRESET_FIELDS);

/** Inline model as a scenario may give it (defaults filled by resolveModel). */
export interface InlineModel {
  name?: string;
  layers: number;
  hidden: number;
  heads: number;
  kvHeads?: number;
  ffn: number;
  vocab: number;
  gatedFfn?: boolean;
  headDim?: number;
  tiedEmbeddings?: boolean;
  experts?: number;
  topK?: number;
  /** Per-expert FFN size (alias of ffn for MoE, as the scenario format allows). */
  expertFfn?: number;
  learnedPositions?: boolean;
  maxPositions?: number;
}

function posInt(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw workloadErrors.badModelField(field, v, 'a positive integer');
  return v;
}

/**
 * A preset name or an inline config -> a complete ModelConfig. Defaults: gatedFfn true,
 * headDim hidden / heads, tiedEmbeddings false, experts 1, topK 1, kvHeads = heads.
 * Throws UserInputError naming the field on bad input.
 */
export function resolveModel(nameOrInline: string | InlineModel | ModelConfig): ModelConfig {
  if (typeof nameOrInline === 'string') {
    const key = nameOrInline.trim().toLowerCase();
    const p = modelPresets[key];
    if (!p) throw workloadErrors.unknownModel(nameOrInline, modelPresetNames);
    return p;
  }
  if (nameOrInline === null || typeof nameOrInline !== 'object') {
    throw workloadErrors.badModelField('', nameOrInline, 'a preset name or an object { layers, hidden, heads, kvHeads, ffn, vocab }');
  }
  const m = nameOrInline as InlineModel;
  const layers = posInt('layers', m.layers);
  const hidden = posInt('hidden', m.hidden);
  const heads = posInt('heads', m.heads);
  const kvHeads = m.kvHeads === undefined ? heads : posInt('kvHeads', m.kvHeads);
  if (heads % kvHeads !== 0) throw workloadErrors.badModelField('kvHeads', kvHeads, `a divisor of heads (${heads})`);
  const ffn = posInt(m.ffn === undefined && m.expertFfn !== undefined ? 'expertFfn' : 'ffn', m.ffn ?? m.expertFfn);
  const vocab = posInt('vocab', m.vocab);
  const headDim = m.headDim === undefined ? hidden / heads : posInt('headDim', m.headDim);
  if (!Number.isInteger(headDim)) throw workloadErrors.badModelField('heads', heads, `a divisor of hidden (${hidden}), or give headDim`);
  const experts = m.experts === undefined ? 1 : posInt('experts', m.experts);
  const topK = m.topK === undefined ? 1 : posInt('topK', m.topK);
  if (topK > experts) throw workloadErrors.badModelField('topK', topK, `at most experts (${experts})`);
  for (const f of ['gatedFfn', 'tiedEmbeddings', 'learnedPositions'] as const) {
    if (m[f] !== undefined && typeof m[f] !== 'boolean') throw workloadErrors.badModelField(f, m[f], 'true or false');
  }
  const learned = m.learnedPositions === true;
  return {
    name: typeof m.name === 'string' && m.name.length > 0 ? m.name : 'inline',
    layers,
    hidden,
    heads,
    kvHeads,
    ffn,
    vocab,
    gatedFfn: m.gatedFfn ?? true,
    headDim,
    tiedEmbeddings: m.tiedEmbeddings ?? false,
    experts,
    topK,
    ...(learned ? { learnedPositions: true, maxPositions: m.maxPositions === undefined ? 2048 : posInt('maxPositions', m.maxPositions) } : {}),
  };
}

/** Parameters of one layer's attention block: QKV and output projections (no biases). */
export function attentionParams(m: ModelConfig): number {
  const q = m.heads * m.headDim;
  const kv = m.kvHeads * m.headDim;
  return m.hidden * (q + 2 * kv) + q * m.hidden;
}

/** Parameters of one expert's FFN (3 matrices gated, 2 plain). */
export function expertFfnParams(m: ModelConfig): number {
  return (m.gatedFfn ? 3 : 2) * m.hidden * m.ffn;
}

/** Router of an MoE layer (hidden x experts); 0 for dense. */
export function routerParams(m: ModelConfig): number {
  return m.experts > 1 ? m.hidden * m.experts : 0;
}

/** Norm weights of one layer (two norms of size hidden; biases of LayerNorm not counted). */
export function layerNormParams(m: ModelConfig): number {
  return 2 * m.hidden;
}

/** Input embedding table (plus learned positions). */
export function inputEmbeddingParams(m: ModelConfig): number {
  return m.vocab * m.hidden + (m.learnedPositions ? (m.maxPositions ?? 2048) * m.hidden : 0);
}

/** Output projection (0 when tied to the input embedding). */
export function outputProjectionParams(m: ModelConfig): number {
  return m.tiedEmbeddings ? 0 : m.vocab * m.hidden;
}

export interface ParameterCounts {
  /** All parameters. */
  readonly total: number;
  /** Parameters a token touches (MoE: topK experts of each layer). Equals total for dense models. */
  readonly active: number;
  readonly perLayerTotal: number;
  readonly perLayerActive: number;
  readonly embeddings: number;
}

/**
 * Parameter count: embeddings + layers x (attention + FFN x experts + norms)
 * + final norm + output projection (unless tied). Biases are not counted (< 0.01 %).
 */
export function parameterCounts(m: ModelConfig): ParameterCounts {
  const perLayerShared = attentionParams(m) + routerParams(m) + layerNormParams(m);
  const perLayerTotal = perLayerShared + m.experts * expertFfnParams(m);
  const perLayerActive = perLayerShared + m.topK * expertFfnParams(m);
  const embeddings = inputEmbeddingParams(m) + outputProjectionParams(m);
  const finalNorm = m.hidden;
  return {
    total: embeddings + finalNorm + m.layers * perLayerTotal,
    active: embeddings + finalNorm + m.layers * perLayerActive,
    perLayerTotal,
    perLayerActive,
    embeddings,
  };
}

/**
 * Model FLOPs per token for MFU (docs/validation.md "MFU"): 6 x active params + 12 x layers x hidden x
 * sequence (attention, no causal halving: the convention of the public Trn1 figures, [nsdk-trn1-training]).
 */
export function modelFlopsPerToken(m: ModelConfig, sequenceLength: number): number {
  return 6 * parameterCounts(m).active + 12 * m.layers * m.hidden * sequenceLength;
}
