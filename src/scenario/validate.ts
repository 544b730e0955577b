/**
 * Checks a merged scenario document against the zod schema and turns every zod issue into one
 * paragraph that names the file, the field path and the valid choices.
 */
import type { z } from 'zod';
import { scenarioSchema, type ScenarioParsed } from './schema.js';
import { closest, problemsError, type FieldProblem, type Origin } from './errors.js';
import { fieldsAt } from './json-schema.js';
import { describeValue } from './describe-value.js';

type Issue = z.core.$ZodIssue;
type PathPart = PropertyKey;

function dotPath(path: readonly PathPart[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/** Fallback messages for issues no schema-specific message covers. */
function genericMessage(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'int' ? 'an integer' : issue.expected === 'object' ? 'a mapping (object)' : issue.expected}, got ${describeValue(input)}`;
    case 'too_small':
      return `expected ${issue.origin === 'array' ? 'at least' : issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}${issue.origin === 'array' ? ' values' : ''}, got ${describeValue(input)}`;
    case 'too_big':
      return `expected ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}, got ${describeValue(input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => String(v)).join(' | ')}, got ${describeValue(input)}`;
    default:
      return issue.message;
  }
}

/**
 * A union failed. When exactly one alternative matched the value's type and failed deeper, its
 * issues say more than "no alternative matched": report those.
 */
function unionBranch(issue: Issue & { code: 'invalid_union' }): Issue[] | undefined {
  const branches = (issue.errors ?? []).filter(
    (errs) => errs.length > 0 && !errs.every((e) => e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_union' || e.code === 'invalid_value')),
  );
  return branches.length === 1 ? branches[0] : undefined;
}

/** Valid field names at a path of a document (for "unknown field" hints). */
export type FieldsAt = (path: readonly (string | number)[], document: unknown) => string[];

function problemsOf(issue: Issue, prefix: readonly PathPart[], out: FieldProblem[], document: unknown, fields: FieldsAt): void {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const branch = unionBranch(issue);
    if (branch) {
      for (const inner of branch) problemsOf(inner, path, out, document, fields);
      return;
    }
  }
  if (issue.code === 'unrecognized_keys') {
    const valid = fields(path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as Array<string | number>, document);
    for (const key of issue.keys) {
      const hint = closest(key, valid);
      out.push({
        path: dotPath([...path, key]),
        message: `unknown field${hint ? ` (did you mean ${hint}?)` : ''}; ${valid.length ? `remove it, or use one of the fields here: ${valid.join(', ')}` : 'remove it'}`,
      });
    }
    return;
  }
  // Messages from our schema (custom error functions) start with "expected" or are custom
  // checks; zod's own defaults start with "Invalid" and get the generic wording.
  const own = issue.message !== '' && !/^Invalid|^Too (small|big)/.test(issue.message);
  out.push({ path: dotPath(path), message: own ? issue.message : genericMessage(issue) });
}

/** The problems of a failed parse, one per field, with the house wording. */
export function zodProblems(issues: readonly Issue[], document: unknown, fields: FieldsAt): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues) problemsOf(issue, [], problems, document, fields);
  return problems;
}

/** Validates a merged document; returns it with defaults filled, or throws one UserInputError. */
export function validateScenario(document: unknown, origin: Origin): ScenarioParsed {
  const result = scenarioSchema.safeParse(document, { reportInput: true });
  if (result.success) return result.data;
  throw problemsError(origin, zodProblems(result.error.issues, document, (path, doc) => fieldsAt(path, doc)));
}
