/**
 * Runtime checks of library options for plain-JavaScript callers, who get no type errors: a wrong
 * option is one UserInputError naming `options.<field>`, the value and what is expected, instead
 * of a TypeError deep inside (`sink?.close is not a function`). Imports only user-input-error.ts,
 * so every layer may use it.
 */
import { UserInputError } from './user-input-error.js';

/** What an option must be. */
export type OptionRule =
  | 'string'
  | 'boolean'
  | 'function'
  | 'object'
  | 'number'
  | 'positive integer'
  | 'non-negative integer'
  | 'positive number'
  | 'list of strings'
  | { readonly expected: string; readonly test: (value: unknown) => boolean };

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function passes(rule: OptionRule, v: unknown): boolean {
  switch (rule) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'function':
      return typeof v === 'function';
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'positive integer':
      return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
    case 'non-negative integer':
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
    case 'positive number':
      return typeof v === 'number' && v > 0 && !Number.isNaN(v);
    case 'list of strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    default:
      return rule.test(v);
  }
}

function expectedText(rule: OptionRule): string {
  if (typeof rule !== 'string') return rule.expected;
  return rule === 'object' ? 'an object' : rule === 'list of strings' ? 'a list of strings' : `a ${rule}`;
}

/**
 * Checks `options` of library call `call` against `rules`: every given field (undefined counts as
 * absent) must pass its rule; with `closed`, a field without a rule is an error (a typo).
 */
export function checkOptions(call: string, options: unknown, rules: Readonly<Record<string, OptionRule>>, closed = true): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new UserInputError(`${call}: options: expected an object such as {}, got ${shown(options)}.`);
  }
  for (const [key, value] of Object.entries(options)) {
    const rule = rules[key];
    if (rule === undefined) {
      if (!closed) continue;
      throw new UserInputError(`${call}: options.${key}: not an option of ${call}; use one of ${Object.keys(rules).join(', ')}, or drop it.`);
    }
    if (value !== undefined && !passes(rule, value)) {
      throw new UserInputError(`${call}: options.${key}: expected ${expectedText(rule)}, got ${shown(value)}.`);
    }
  }
}

/** An object with the given methods (a sink: { write, close }). */
export function withMethods(...methods: string[]): OptionRule {
  return {
    expected: `an object with ${methods.map((m) => `${m}()`).join(' and ')}`,
    test: (v) => typeof v === 'object' && v !== null && methods.every((m) => typeof (v as Record<string, unknown>)[m] === 'function'),
  };
}
