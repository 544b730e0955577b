/**
 * Quantities with units at the edge of trnsim: "96 GiB", "2.9 TB/s", "3.2 Tb/s", "15 us", "4 /s",
 * "667 TFLOP/s", "500 W". Plain numbers are already SI. Units are parsed with mathjs (`unit()`,
 * never `evaluate()`: a scenario string is data, not an expression); FLOP/s is handled here
 * because mathjs has no FLOP unit. Other layers may reuse `parseQuantity`.
 */
import { createRequire } from 'node:module';
import { UserInputError } from '../user-input-error.js';

type MathJs = typeof import('mathjs');
let mathjs: MathJs | undefined;
/**
 * mathjs is loaded on the first quantity with a unit: importing it costs over a second of CPU, which
 * every CLI start and sweep worker would otherwise pay even when a scenario has no units.
 */
function mathUnit(text: string): import('mathjs').Unit {
  mathjs ??= createRequire(import.meta.url)('mathjs') as MathJs;
  return mathjs.unit(text);
}

/** SI factor and dimension vector per unit text, so each unit is parsed by mathjs once. */
const unitCache = new Map<string, { factor: number; dims: readonly number[] } | null>();

function unitInfo(text: string): { factor: number; dims: readonly number[] } | null {
  let info = unitCache.get(text);
  if (info === undefined) {
    try {
      // Parse "1 <unit>" so the magnitude keeps its exact decimal value; mathjs gives SI (bits for data).
      const u = mathUnit(`1 ${text}`);
      info = { factor: u.toSI().toNumber(), dims: [...u.dimensions] };
    } catch {
      info = null;
    }
    if (unitCache.size < 1000) unitCache.set(text, info);
  }
  return info;
}

/** The physical dimensions a scenario quantity may have. */
export type QuantityDimension = 'bytes' | 'bytesPerSecond' | 'seconds' | 'perSecond' | 'flopsPerSecond' | 'watts';

interface DimensionInfo {
  /** Phrase for messages: "a data size". */
  readonly what: string;
  /** Examples shown in messages. */
  readonly examples: string;
  /** mathjs base-dimension vector [mass, length, time, current, temperature, luminous, amount, angle, bit]. */
  readonly vector?: readonly number[];
  /** Divide the mathjs SI value by this to get trnsim's SI unit (mathjs counts bits, trnsim bytes). */
  readonly divisor: number;
}

const DIMENSIONS: Readonly<Record<QuantityDimension, DimensionInfo>> = {
  bytes: { what: 'a data size', examples: '"96 GiB", "24 MiB", "1.5e9" (bytes)', vector: [0, 0, 0, 0, 0, 0, 0, 0, 1], divisor: 8 },
  bytesPerSecond: {
    what: 'a bandwidth',
    examples: '"2.9 TB/s", "3.2 Tb/s", "820 GiB/s", "4e11" (bytes/s)',
    vector: [0, 0, -1, 0, 0, 0, 0, 0, 1],
    divisor: 8,
  },
  seconds: { what: 'a duration', examples: '"15 us", "1.5 ms", "2 s", "1.5e-5" (seconds)', vector: [0, 0, 1, 0, 0, 0, 0, 0, 0], divisor: 1 },
  perSecond: { what: 'a rate', examples: '"4 /s", "240 /min", "4 Hz", "4" (per second)', vector: [0, 0, -1, 0, 0, 0, 0, 0, 0], divisor: 1 },
  flopsPerSecond: { what: 'a compute rate', examples: '"667 TFLOP/s", "1.3 PFLOPS", "6.67e14" (FLOP/s)', divisor: 1 },
  watts: { what: 'a power', examples: '"500 W", "1 kW", "500" (watts)', vector: [1, 2, -3, 0, 0, 0, 0, 0, 0], divisor: 1 },
};

/** The dimensions `parseQuantity` understands. */
export const QUANTITY_DIMENSIONS: readonly QuantityDimension[] = Object.keys(DIMENSIONS) as QuantityDimension[];

const NUMBER_THEN_UNIT = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/;
const FLOPS_UNIT = /^([kMGTPE]?)(?:FLOP\/s|FLOPS|flop\/s|flops|FLOP\/sec)$/;
const FLOPS_PREFIX: Readonly<Record<string, number>> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Common spellings mathjs does not know, mapped to ones it does. */
function normaliseUnit(text: string): string {
  return text
    .replace(/µ|μ/g, 'u')
    .replace(/^([kMGTPE]?)bps$/, '$1b/s')
    .replace(/^([kMGTPE]?)Bps$/, '$1B/s')
    .replace(/^KB(\/s)?$/, 'kB$1')
    .replace(/^Kb(\/s)?$/, 'kb$1')
    .replace(/^1\s*\/\s*/, '/')
    .replace(/^per\s+/, '/')
    // days and years as reliability figures write them ("28 d", "80000 h", "1 /yr")
    .replace(/^(\/?\s*)d$/, '$1day')
    .replace(/^(\/?\s*)(?:y|yr)$/, '$1year')
    // and weeks, as plan deadlines may ("2 w")
    .replace(/^(\/?\s*)(?:w|wk)$/, '$1week');
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Seconds per unit of the time units parsed without mathjs (after normaliseUnit). */
const SECONDS_PER_UNIT: Readonly<Record<string, number>> = {
  s: 1,
  ms: 1e-3,
  us: 1e-6,
  ns: 1e-9,
  min: 60,
  h: 3600,
  day: 86400,
  days: 86400,
  week: 604800,
  weeks: 604800,
};

/** Removes float noise of unit conversion (15 us -> 1.5e-5, not 1.4999999999999999e-5). */
function clean(v: number): number {
  return Number(v.toPrecision(15));
}

/**
 * Parses `value` (a number in SI, or a string with a unit) as a quantity of `dimension`. Throws a
 * UserInputError naming `fieldPath` when the value is not a finite quantity of that dimension.
 * Negative values are returned as they are: range checks belong to the caller.
 */
export function parseQuantity(value: unknown, dimension: QuantityDimension, fieldPath: string): number {
  const info = DIMENSIONS[dimension];
  const fail = (why: string): never => {
    throw new UserInputError(`${fieldPath}: expected ${info.what} such as ${info.examples}, got ${describe(value)}${why}.`);
  };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(' (not a finite number)');
    return value;
  }
  if (typeof value !== 'string') return fail('');
  const m = NUMBER_THEN_UNIT.exec(value);
  if (!m) return fail('');
  const magnitude = Number(m[1]);
  const unitText = normaliseUnit(m[2] ?? '');
  if (!Number.isFinite(magnitude)) return fail(' (not a finite number)');
  if (unitText === '') return magnitude;
  if (dimension === 'flopsPerSecond') {
    const f = FLOPS_UNIT.exec(unitText);
    if (!f) return fail(` (unit "${m[2]}" is not a FLOP/s unit)`);
    return clean(magnitude * (FLOPS_PREFIX[f[1] ?? ''] ?? 1));
  }
  if (dimension === 'seconds') {
    // the common time units without mathjs (its import costs about a second of CPU: a plan with a
    // deadline or a job with a duration should not pay it); the same factors mathjs uses
    const f = SECONDS_PER_UNIT[unitText];
    if (f !== undefined) return clean(magnitude * f);
  }
  const parsed = unitInfo(unitText);
  if (parsed === null) return fail(` (unknown unit "${m[2]}")`);
  const { factor, dims } = parsed;
  const want = info.vector ?? [];
  if (dims.length !== want.length || dims.some((d, i) => Math.abs(d - (want[i] ?? 0)) > 1e-12)) {
    return fail(` (unit "${m[2]}" is not ${info.what})`);
  }
  const si = clean((magnitude * factor) / info.divisor);
  if (!Number.isFinite(si)) return fail(' (out of range)');
  return si;
}
