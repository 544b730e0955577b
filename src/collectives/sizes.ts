/**
 * Sizes as nccom-test reads them (Neuron docs, tools/neuron-sys-tools/nccom-test.rst): a number of bytes with an
 * optional suffix kb / mb / gb / tb meaning powers of 1024, any case ("8", "1kb", "64MB", "1gb"),
 * and the explicit binary units KiB / MiB / GiB / TiB and B. Decimal fractions are allowed when
 * they give a whole number of bytes ("1.5kb" = 1536).
 */
import { collectiveErrors } from './errors.js';

const MULTIPLIERS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/** Parses a size; `field` names the flag or field in the error ("--min"). */
export function parseSizeBytes(text: string | number, field = 'size'): number {
  if (typeof text === 'number') {
    if (Number.isInteger(text) && text >= 0 && Number.isSafeInteger(text)) return text;
    throw collectiveErrors.badSize(field, text, 'expected a whole, non-negative number of bytes');
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(String(text));
  if (!m) throw collectiveErrors.badSize(field, text);
  const unit = m[2]!.toLowerCase();
  const mult = MULTIPLIERS[unit];
  if (mult === undefined) throw collectiveErrors.badSize(field, text, `unknown unit "${m[2]}"; the units are B, kb, mb, gb, tb (powers of 1024, any case), KiB, MiB, GiB, TiB`);
  const bytes = Number(m[1]) * mult;
  if (!Number.isSafeInteger(bytes)) throw collectiveErrors.badSize(field, text, 'not a whole number of bytes, or above 2^53 bytes');
  return bytes;
}

/** nccom-test-style size label: 8, 1KiB ... printed as bytes, as nccom-test prints its size column. */
export function sizeLabel(bytes: number): string {
  return String(bytes);
}
