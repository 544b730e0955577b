/** `--shard i/n`: the points whose index mod n is i (0-based, like Kubernetes and AWS Batch). */
import { SweepErrors } from './errors.js';
import type { Shard } from './types.js';

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw SweepErrors.badShard(text);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) throw SweepErrors.badShard(text);
  return { index, count };
}

export function checkShard(shard: Shard): Shard {
  const { index, count } = shard;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 0 || index >= count) {
    throw SweepErrors.badShard(`${String(index)}/${String(count)}`);
  }
  return shard;
}

export function inShard(index: number, shard: Shard | undefined): boolean {
  return shard === undefined || index % shard.count === shard.index;
}

/** Number of indices in 0..total-1 that belong to the shard. */
export function shardSize(total: number, shard: Shard | undefined): number {
  if (shard === undefined) return total;
  return shard.index < total ? Math.floor((total - 1 - shard.index) / shard.count) + 1 : 0;
}
