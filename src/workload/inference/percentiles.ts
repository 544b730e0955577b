/**
 * Percentiles over requests, as llmperf reports them (numpy's default quantile): linear
 * interpolation between order statistics, Hyndman and Fan type 7. For sorted x[0..n-1] and q in
 * [0, 1]: h = (n - 1) q, result = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 */
import type { LatencyPercentiles } from '../types.js';

/** Type-7 quantile of an ascending-sorted array. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** p50, p90, p99 and mean of the first `n` values (copied, then sorted); zeros when n = 0. */
export function latencyPercentiles(values: Float64Array, n: number): LatencyPercentiles {
  if (n === 0) return { p50: 0, p90: 0, p99: 0, mean: 0 };
  const sorted = values.slice(0, n).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return { p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9), p99: quantileSorted(sorted, 0.99), mean: sum / n };
}
