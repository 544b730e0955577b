/**
 * Error factories of the engine layer: each names the call and the offending value. Bad arguments
 * are the caller's input, so they are UserInputErrors (the CLI prints them without a stack); the
 * engine checks before it touches the queue, so a rejected call leaves the queue intact.
 */
import { UserInputError } from '../user-input-error.js';

function show(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'bigint') return `${v}n (a bigint)`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export const engineErrors = {
  badDelay: (call: string, v: unknown) =>
    new UserInputError(`${call}: delay must be a finite number of seconds >= 0, got ${show(v)}.`),
  badTime: (call: string, v: unknown, nowS: number) =>
    new UserInputError(`${call}: time must be a finite number of seconds >= now (${nowS}), got ${show(v)}.`),
  badUntil: (call: string, v: unknown, nowS: number) =>
    new UserInputError(`${call}: until must be a number of seconds >= now (${nowS}) or Infinity, got ${show(v)}.`),
  unknownKind: (call: string, v: unknown, registered: number) =>
    new UserInputError(
      `${call}: unknown event kind ${show(v)} ` +
        (registered > 1 ? `(registered kinds: 1..${registered - 1})` : '(none registered yet)') +
        '; register a handler with registerKind() first and schedule the kind it returns.',
    ),
  tooManyKinds: (max: number) =>
    new UserInputError(
      `registerKind: a simulator takes at most ${max} event kinds; register one handler per kind of event and carry ids in the payload (a, b).`,
    ),
  badHandler: (call: string, v: unknown) => new UserInputError(`${call}: expected a function, got ${show(v)}.`),
  badCount: (call: string, v: unknown) =>
    new UserInputError(`${call}: expected an integer count >= 0 or Infinity, got ${show(v)}.`),
  badArity: (v: unknown) => new UserInputError(`new Simulator({ queueArity }): expected 2 or 4, got ${show(v)}.`),
  badQueue: (v: unknown) =>
    new UserInputError(`new Simulator({ queue }): expected 'ladder', 'binary-heap' or '4-ary-heap', got ${show(v)}.`),
  badSeed: (v: unknown) => new UserInputError(`new Simulator({ seed }): expected a finite number, got ${show(v)}.`),
  badStreamName: (v: unknown) => new UserInputError(`rng(name): expected a non-empty string, got ${show(v)}.`),
  reentrant: (call: string) =>
    new UserInputError(`${call}: the simulator is already running; call stop() from a handler instead of nesting runs.`),
};
