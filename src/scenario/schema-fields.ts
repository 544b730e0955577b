/**
 * Field builders of the scenario schema with the house messages ("expected a positive integer,
 * got 0"): shared by schema.ts and the section schemas beside it (reliability-schema.ts).
 */
import { z } from 'zod';
import { parseQuantity, type QuantityDimension } from './quantity.js';
import { describeValue } from './describe-value.js';

export type IssueLike = { input?: unknown };
export const got = (iss: IssueLike): string => `got ${describeValue(iss.input)}`;
/** The `kind` of a value that failed a discriminated union (the issue's input is the whole object). */
export const kindOf = (v: unknown): unknown => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as { kind?: unknown }).kind : v);

/** A positive integer with the house message. */
export function positiveInt(description: string) {
  const error = (iss: IssueLike) => `expected a positive integer, ${got(iss)}`;
  return z.number({ error }).int({ error }).min(1, { error }).describe(description);
}

export function nonNegativeInt(description: string) {
  const error = (iss: IssueLike) => `expected a non-negative integer, ${got(iss)}`;
  return z.number({ error }).int({ error }).min(0, { error }).describe(description);
}

export function bool(description: string) {
  return z.boolean({ error: (iss) => `expected true or false, ${got(iss)}` }).describe(description);
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.enum(values, { error: (iss) => `expected one of ${values.join(' | ')}, ${got(iss)}` }).describe(description);
}

/**
 * A quantity: a number in SI or a string with a unit, checked with parseQuantity. `min` is the
 * smallest allowed SI value, `exclusive` whether it is excluded (bandwidths must be > 0).
 */
export function quantity(dimension: QuantityDimension, description: string, min = 0, exclusive = false) {
  return z
    .union([z.number(), z.string()], { error: (iss) => `expected a number or a string with a unit, ${got(iss)}` })
    .superRefine((value, ctx) => {
      let si: number;
      try {
        si = parseQuantity(value, dimension, '');
      } catch (e) {
        // parseQuantity's message starts with ": " after the (empty) field path
        ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^: /, ''), input: value });
        return;
      }
      if (exclusive ? si <= min : si < min) {
        ctx.addIssue({ code: 'custom', message: `expected a value ${exclusive ? '>' : '>='} ${min}, got ${describeValue(value)}`, input: value });
      }
    })
    .describe(`${description} (number in SI, or a string with a unit)`);
}

export function fraction(description: string, exclusiveZero: boolean) {
  const error = (iss: IssueLike) => `expected a number ${exclusiveZero ? 'in (0, 1]' : 'in [0, 1]'}, ${got(iss)}`;
  const base = z.number({ error }).max(1, { error });
  return (exclusiveZero ? base.gt(0, { error }) : base.min(0, { error })).describe(description);
}
