/**
 * Error factories of the workload layer (house style: one errors.ts of factories per layer).
 * Every message names the field and the fix; all are UserInputError (CLI: one paragraph, exit 2).
 */
import { UserInputError } from '../user-input-error.js';

import type { RuleProblem } from './training/parallelism-rules.js';

function list(xs: readonly string[]): string {
  return xs.join(', ');
}

export const workloadErrors = {
  unknownModel: (name: string, valid: readonly string[]) =>
    new UserInputError(`workload.model: unknown model preset ${JSON.stringify(name)}; use one of ${list(valid)}, or an inline object { layers, hidden, heads, kvHeads, ffn, vocab }.`),
  badModelField: (field: string, got: unknown, want: string) =>
    new UserInputError(`workload.model${field ? `.${field}` : ''}: expected ${want}, got ${JSON.stringify(got)}.`),
  badField: (path: string, got: unknown, want: string) =>
    new UserInputError(`${path}: expected ${want}, got ${JSON.stringify(got)}.`),
  /** A broken parallelism rule (training/parallelism-rules.ts words it). */
  rule: (problem: RuleProblem) => new UserInputError(`${problem.path}: ${problem.text}.`),
  doesNotFit: (message: string) => new UserInputError(`workload: ${message}`),
};
