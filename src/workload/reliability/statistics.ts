/**
 * Summaries over replications: the mean and a 95 % confidence interval of the mean with Student's
 * t (two-sided 0.975 quantiles tabulated to 30 degrees of freedom, the Cornish-Fisher expansion
 * beyond, within 1e-3 of the exact quantile).
 */

const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z975 = 1.959964;

/** Two-sided 95 % quantile of Student's t with `df` degrees of freedom (df >= 1). */
export function studentT975(df: number): number {
  if (df <= T975.length) return T975[df - 1]!;
  const z = Z975;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length > 0 ? s / xs.length : NaN;
}

/** Sample standard deviation (n - 1). */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** 95 % confidence interval of the mean; null for fewer than two values. */
export function meanCi95(xs: readonly number[]): { low: number; high: number } | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  const half = (studentT975(xs.length - 1) * sampleSd(xs)) / Math.sqrt(xs.length);
  return { low: m - half, high: m + half };
}
