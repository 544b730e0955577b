/** Runtime checks of runSweep's options for plain-JavaScript callers (rules in src/check-options.ts). */
import { checkOptions, withMethods, type OptionRule } from '../check-options.js';

const SHARD: OptionRule = {
  expected: 'a shard "i/n" or { index, count }',
  test: (v) => typeof v === 'string' || (typeof v === 'object' && v !== null && 'index' in v && 'count' in v),
};
const RUNNER: OptionRule = {
  expected: 'a module URL, a file path, or a module object with runPoint()',
  test: (v) => typeof v === 'string' || v instanceof URL || (typeof v === 'object' && v !== null && typeof (v as { runPoint?: unknown }).runPoint === 'function'),
};
const OBJECTIVE: OptionRule = {
  expected: 'an objective { path, direction: "max" | "min" } (sweep.parseObjective makes one from "tokensPerSecond:max")',
  test: (v) => typeof v === 'object' && v !== null && typeof (v as { path?: unknown }).path === 'string' && ['max', 'min'].includes((v as { direction?: string }).direction ?? ''),
};

const RULES: Record<string, OptionRule> = {
  workers: 'non-negative integer',
  onResult: 'function',
  shard: SHARD,
  out: 'string',
  resume: 'boolean',
  sink: withMethods('write', 'close'),
  objective: OBJECTIVE,
  runner: RUNNER,
  validate: 'function',
  schema: { expected: 'a JSON Schema object or false', test: (v) => v === false || (typeof v === 'object' && v !== null) },
  onProgress: 'function',
  onWarning: 'function',
  maxEvents: 'positive number',
  maxMemoryBytes: 'positive number',
  keptBytesPerPoint: 'non-negative integer',
  allowedRoots: 'list of strings',
  maxBytes: 'positive integer',
};

export function checkSweepOptions(options: unknown): void {
  checkOptions('runSweep', options, RULES);
}
