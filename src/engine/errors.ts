/** Error factories of the engine layer: each names the call and the offending value. */
function show(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'function') return 'a function';
  return JSON.stringify(v) ?? String(v);
}

export const engineErrors = {
  badDelay: (call: string, v: unknown) =>
    new Error(`${call}: delay must be a finite number of seconds >= 0, got ${show(v)}`),
  badTime: (call: string, v: unknown, nowS: number) =>
    new Error(`${call}: time must be a finite number of seconds >= now (${nowS}), got ${show(v)}`),
  unknownKind: (call: string, v: unknown, registered: number) =>
    new Error(
      `${call}: unknown event kind ${show(v)}; register a handler with registerKind() first ` +
        `(registered kinds: 0..${registered - 1})`,
    ),
  badHandler: (call: string, v: unknown) => new Error(`${call}: expected a function, got ${show(v)}`),
  badCount: (call: string, v: unknown) => new Error(`${call}: expected a count >= 0, got ${show(v)}`),
};
