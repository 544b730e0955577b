/**
 * The one parser of integer flags (--seed, --workers, --count, --lnc, --shards, --top, ...): digits
 * only (no sign, point or exponent), a safe integer, inside [min, max]. Absent flags stay
 * undefined. A bad value is one sentence naming the flag, the value and the range.
 */
import { CliError } from './cli-error.js';

export interface IntRange {
  /** Smallest value allowed (default 0). */
  readonly min?: number;
  readonly max?: number;
  /** What the flag means, said after the range, e.g. "0 runs points in-process". */
  readonly hint?: string;
}

function rangeText(min: number, max: number | undefined): string {
  if (max !== undefined) return `an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
  if (min === 0) return 'a non-negative integer';
  if (min === 1) return 'a positive integer';
  return `an integer >= ${min.toLocaleString('en-US')}`;
}

export function intFlag(flag: string, text: string | undefined, range: IntRange = {}): number | undefined {
  if (text === undefined) return undefined;
  const min = range.min ?? 0;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < min || (range.max !== undefined && n > range.max)) {
    throw new CliError(`${flag}: expected ${rangeText(min, range.max)}${range.hint ? ` (${range.hint})` : ''}, got ${JSON.stringify(text)}.`);
  }
  return n;
}
