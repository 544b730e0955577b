/**
 * Error factories of the scenario layer. Every message is one paragraph that names the file, the
 * field path and what would be valid: `scenarios/x.yaml: workload.parallelism.tp: expected a
 * positive integer, got 0`. All are UserInputError, so the CLI prints them without a stack.
 */
import { UserInputError, clause, isUserInputError } from '../user-input-error.js';

/** Where a scenario came from, for messages: a file path or "scenario" for an in-memory object. */
export type Origin = string;

export interface FieldProblem {
  /** Dot path, e.g. "workload.parallelism.tp" ("" for the whole document). */
  readonly path: string;
  readonly message: string;
}

/** Joins problems into one paragraph under the origin, ending with a full stop. */
export function problemsError(origin: Origin, problems: readonly FieldProblem[]): UserInputError {
  const parts = problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`).replace(/[.\s]+$/, ''));
  const unique = [...new Set(parts)];
  const body = unique.length === 1 ? unique[0] : `${unique.length} problems: ${unique.join('; ')}`;
  return new UserInputError(oneLine(`${origin}: ${body}.`));
}

export function fieldError(origin: Origin, path: string, message: string): UserInputError {
  return problemsError(origin, [{ path, message }]);
}

/** Collapses newlines so a message stays one paragraph. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Closest candidate by edit distance, for "did you mean" hints (undefined when none is close). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** 'unknown model preset "x" (did you mean y?); use one of a, b, c' */
export function choiceMessage(what: string, value: string, choices: readonly string[]): string {
  const hint = closest(value, choices);
  return `unknown ${what} ${JSON.stringify(value)}${hint ? ` (did you mean ${hint}?)` : ''}; use one of ${choices.join(', ')}`;
}

export const scenarioErrors = {
  fileNotFound: (file: string, from?: string) =>
    new UserInputError(oneLine(`${from ? `${from}: extends: ` : `${file}: `}cannot read scenario file ${file}: no such file; check the path${from ? ' (relative to the scenario that extends it)' : ''}.`)),
  fileUnreadable: (file: string, reason: string) => new UserInputError(oneLine(`${file}: cannot read scenario file (${clause(reason)}); check the path and its permissions.`)),
  syntax: (file: string, kind: 'YAML' | 'JSON', reason: string) => new UserInputError(oneLine(`${file}: not valid ${kind}: ${clause(reason)}; fix the syntax there.`)),
  notAnObject: (origin: Origin, value: string) =>
    new UserInputError(`${origin}: a scenario must be a mapping with system: and workload:, got ${value}.`),
  extendsCycle: (chain: readonly string[]) => new UserInputError(oneLine(`extends: cycle ${chain.join(' -> ')}; remove one of these extends.`)),
  extendsTooDeep: (origin: Origin) => new UserInputError(`${origin}: extends: more than 32 levels of extends; look for a cycle and remove one extends.`),
  unknownExtends: (origin: Origin, name: string, bundled: readonly string[]) =>
    fieldError(origin, 'extends', `${choiceMessage('bundled scenario', name, bundled)}, or a relative path such as ./base.yaml`),
  unknownScenario: (name: string, bundled: readonly string[]) =>
    new UserInputError(`${name}: no such scenario file, and ${choiceMessage('bundled scenario', name, bundled).replace(/^unknown /, 'no ')}; give a path such as ./my-scenario.yaml.`),
  fileTooLarge: (file: string, bytes: number, max: number) =>
    new UserInputError(
      `${file}: the file has ${bytes > max ? 'more than' : ''} ${max.toLocaleString('en-US')} bytes, the limit for a scenario file (a scenario has a few kilobytes); check the path, or raise the limit with --max-scenario-bytes (library: maxBytes).`.replace('  ', ' '),
    ),
  extendsNotScenario: (origin: Origin, ref: string) =>
    fieldError(origin, 'extends', `${JSON.stringify(ref)} is not a scenario file (a .yaml, .yml or .json file whose top-level fields are scenario fields); point extends at a scenario or a bundled scenario name`),
  notScenarioFile: (file: string) =>
    new UserInputError(`${file}: not a scenario file (its top-level fields are not scenario fields, and its name does not end in .yaml, .yml or .json); give a scenario file.`),
  extendsOutsideRoots: (origin: Origin, ref: string, roots: readonly string[]) =>
    fieldError(
      origin,
      'extends',
      `${JSON.stringify(ref)} lies outside the folders a scenario may extend from (${roots.join(', ')}); move the parent next to the scenario, name a bundled scenario, or pass allowedRoots (library) to allow its folder`,
    ),
  badOption: (field: string, value: unknown, expected: string) =>
    new UserInputError(`options.${field}: expected ${expected}, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && value !== null ? (Array.isArray(value) ? 'a list' : 'an object') : String(value)}.`),
};

/** Prefixes a lower layer's user error with the scenario's origin, so the file is always named. */
export function withOrigin(origin: string, e: unknown): unknown {
  if (!isUserInputError(e)) return e;
  if (e.message.startsWith(`${origin}:`)) return e;
  return new UserInputError(oneLine(`${origin}: ${e.message}`), e.exitCode);
}
