/**
 * Turns one axis spec (a list, { from, to, factor } or { from, to, step }) into its list of values.
 */
import { SweepErrors } from './errors.js';
import type { AxisSpec, Json } from './types.js';

/** A range longer than this is almost surely a typo (e.g. step 0.0001 instead of 0.1). */
export const MAX_AXIS_VALUES = 1_000_000;

/** Rounds away float noise of repeated addition/multiplication (0.1 * 3 = 0.30000000000000004). */
function clean(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function axisValues(path: string, spec: AxisSpec | unknown): Json[] {
  if (Array.isArray(spec)) {
    if (spec.length === 0) throw SweepErrors.emptyAxis(path);
    return spec.slice() as Json[];
  }
  if (spec === null || typeof spec !== 'object') {
    throw SweepErrors.badAxis(path, `expected a list of values or a range { from, to, step } / { from, to, factor }, got ${JSON.stringify(spec)}`);
  }
  const r = spec as Record<string, unknown>;
  const keys = Object.keys(r).sort().join(',');
  if (keys !== 'factor,from,to' && keys !== 'from,step,to') {
    throw SweepErrors.badAxis(path, `a range needs exactly { from, to, step } or { from, to, factor }, got keys { ${Object.keys(r).join(', ')} }`);
  }
  const { from, to } = r;
  if (!isFiniteNumber(from) || !isFiniteNumber(to)) {
    throw SweepErrors.badAxis(path, `range "from" and "to" must be numbers, got from ${JSON.stringify(from)}, to ${JSON.stringify(to)}`);
  }
  const values: number[] = [];
  if ('factor' in r) {
    const factor = r.factor;
    if (!isFiniteNumber(factor) || factor <= 1) throw SweepErrors.badAxis(path, `"factor" must be a number > 1, got ${JSON.stringify(factor)}`);
    if (from <= 0) throw SweepErrors.badAxis(path, `a geometric range needs "from" > 0, got ${from}`);
    if (to < from) throw SweepErrors.emptyAxis(path);
    // x_k = from * factor^k while x_k <= to (relative tolerance for float error)
    for (let k = 0; ; k++) {
      const x = clean(from * factor ** k);
      if (x > to * (1 + 1e-12)) break;
      values.push(x);
      if (values.length > MAX_AXIS_VALUES) throw SweepErrors.badAxis(path, `the range has more than ${MAX_AXIS_VALUES} values`);
    }
  } else {
    const step = r.step;
    if (!isFiniteNumber(step) || step === 0) throw SweepErrors.badAxis(path, `"step" must be a non-zero number, got ${JSON.stringify(step)}`);
    if ((to - from) / step < 0) throw SweepErrors.emptyAxis(path);
    // x_k = from + k * step for k = 0 .. floor((to - from) / step)
    const n = Math.floor((to - from) / step + 1e-9) + 1;
    if (n > MAX_AXIS_VALUES) throw SweepErrors.badAxis(path, `the range has ${n} values, more than ${MAX_AXIS_VALUES}`);
    for (let k = 0; k < n; k++) values.push(clean(from + k * step));
  }
  return values;
}
