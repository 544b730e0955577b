/**
 * KV-cache capacity of one model replica (docs/inference.md "KV cache").
 *
 *   bytes per token per rank = 2 (K and V) x layers x ceil(kvHeads / tp) x headDim x 2 bytes (BF16)
 *   KV bytes per rank        = HBM per rank x (1 - HBM_RESERVED_FRACTION_BEYOND_KV) - weight bytes per rank
 *   capacity (tokens)        = floor(KV bytes per rank / bytes per token per rank)
 *
 * HBM per rank is the chip's HBM divided among its ranks (logical NeuronCores); a replica's capacity
 * is set by its smallest chip. A draft model (speculation) adds its weights and its own KV per token.
 */
import { HBM_RESERVED_FRACTION_BEYOND_KV } from '../calibration.js';
import type { RankShape } from './model-shape.js';

export interface KvCapacity {
  /** HBM one rank has, bytes. */
  readonly hbmBytesPerRank: number;
  /** Weights one rank holds (target + draft), bytes. */
  readonly weightBytesPerRank: number;
  /** HBM held back per rank, bytes. */
  readonly reserveBytesPerRank: number;
  /** KV bytes per rank, bytes (may be <= 0 when the weights do not fit). */
  readonly kvBytesPerRank: number;
  /** KV bytes per token per rank (target + draft). */
  readonly kvBytesPerTokenPerRank: number;
  /** Tokens the replica's KV cache holds. */
  readonly capacityTokens: number;
}

export function kvCapacity(hbmBytesPerRank: number, target: RankShape, draft?: RankShape): KvCapacity {
  const weightBytesPerRank = target.weightBytesPerRank + (draft?.weightBytesPerRank ?? 0);
  const reserveBytesPerRank = hbmBytesPerRank * HBM_RESERVED_FRACTION_BEYOND_KV;
  const kvBytesPerRank = hbmBytesPerRank - reserveBytesPerRank - weightBytesPerRank;
  const kvBytesPerTokenPerRank = target.kvBytesPerTokenPerRank + (draft?.kvBytesPerTokenPerRank ?? 0);
  const capacityTokens = kvBytesPerRank > 0 ? Math.floor(kvBytesPerRank / kvBytesPerTokenPerRank) : 0;
  return { hbmBytesPerRank, weightBytesPerRank, reserveBytesPerRank, kvBytesPerRank, kvBytesPerTokenPerRank, capacityTokens };
}
