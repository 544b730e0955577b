/**
 * Error factories of the workload layer (house style: one errors.ts of factories per layer).
 * Every message names the field and the fix; all are UserInputError (CLI: one paragraph, exit 2).
 */
import { UserInputError } from '../user-input-error.js';

function list(xs: readonly string[]): string {
  return xs.join(', ');
}

export const workloadErrors = {
  unknownModel: (name: string, valid: readonly string[]) =>
    new UserInputError(`workload.model: unknown model preset "${name}"; valid presets: ${list(valid)}, or an inline object { layers, hidden, heads, kvHeads, ffn, vocab }.`),
  badModelField: (field: string, got: unknown, want: string) =>
    new UserInputError(`workload.model.${field}: expected ${want}, got ${JSON.stringify(got)}.`),
  badField: (path: string, got: unknown, want: string) =>
    new UserInputError(`${path}: expected ${want}, got ${JSON.stringify(got)}.`),
  ranksMismatch: (tp: number, pp: number, dp: number, cp: number, ranks: number, preset: string, count: number) =>
    new UserInputError(
      `workload.parallelism: tp x pp x dp x cp = ${tp} x ${pp} x ${dp} x ${cp} = ${tp * pp * dp * cp}, but the system (${count} x ${preset}) has ${ranks} ranks (logical NeuronCores); ` +
        `choose degrees whose product is ${ranks}, or omit dp to derive it as ranks / (tp x pp x cp).`,
    ),
  notDivisible: (path: string, value: number, what: string, by: number, fix: string) =>
    new UserInputError(`${path}: ${value} is not divisible by ${what} = ${by}; ${fix}`),
  doesNotFit: (message: string) => new UserInputError(message),
};
