/**
 * Token lengths per request: fixed, or drawn from a seeded distribution (engine RNG streams), rounded
 * to an integer and clamped to [max(1, min), max].
 */
import type { RandomStream } from '../../engine/index.js';
import type { TokenLength } from '../types.js';
import { inferenceErrors } from './errors.js';

/** Checks a TokenLength and throws a UserInputError naming `field` (e.g. "inputTokens"). */
export function checkTokenLength(field: string, length: TokenLength): void {
  const pos = (name: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw inferenceErrors.badLength(field, `${name} must be a positive number of tokens, got ${String(v)}.`);
    }
  };
  switch (length.kind) {
    case 'fixed':
      if (!Number.isInteger(length.tokens) || length.tokens < 1) {
        throw inferenceErrors.badLength(field, `expected a positive integer number of tokens, got ${String(length.tokens)}.`);
      }
      return;
    case 'uniform':
      pos('min', length.min);
      pos('max', length.max);
      if (length.max < length.min) throw inferenceErrors.badLength(field, `max (${length.max}) is below min (${length.min}).`);
      return;
    case 'normal':
      pos('mean', length.mean);
      if (!(length.sd >= 0)) throw inferenceErrors.badLength(field, `sd must be >= 0, got ${String(length.sd)}.`);
      break;
    case 'lognormal':
      pos('median', length.median);
      if (!(length.sigma >= 0)) throw inferenceErrors.badLength(field, `sigma must be >= 0, got ${String(length.sigma)}.`);
      break;
    default:
      throw inferenceErrors.badLength(field, `unknown length kind ${String((length as { kind: unknown }).kind)}; use fixed, uniform, normal or lognormal.`);
  }
  if (length.min !== undefined) pos('min', length.min);
  if (length.max !== undefined) pos('max', length.max);
  if (length.min !== undefined && length.max !== undefined && length.max < length.min) {
    throw inferenceErrors.badLength(field, `max (${length.max}) is below min (${length.min}).`);
  }
}

/** Largest length a TokenLength can produce, or Infinity when unbounded. */
export function maxTokens(length: TokenLength): number {
  switch (length.kind) {
    case 'fixed':
      return length.tokens;
    case 'uniform':
      return Math.round(length.max);
    default:
      return length.max !== undefined ? Math.round(length.max) : Infinity;
  }
}

function clamp(v: number, min: number | undefined, max: number | undefined): number {
  let x = Math.round(v);
  if (min !== undefined && x < min) x = Math.ceil(min);
  if (max !== undefined && x > max) x = Math.floor(max);
  return x < 1 ? 1 : x;
}

/** Draws one length. Fixed lengths draw nothing, so they never shift the stream. */
export function drawTokens(length: TokenLength, rng: RandomStream): number {
  switch (length.kind) {
    case 'fixed':
      return length.tokens;
    case 'uniform':
      // integers min..max inclusive, equally likely
      return clamp(Math.ceil(length.min) + rng.int(Math.floor(length.max) - Math.ceil(length.min) + 1), length.min, length.max);
    case 'normal':
      return clamp(rng.normal(length.mean, length.sd), length.min, length.max);
    case 'lognormal':
      return clamp(length.median * Math.exp(rng.normal(0, length.sigma)), length.min, length.max);
  }
}
