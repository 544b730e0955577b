/**
 * Error factories of the hardware layer. Bad input (an unknown preset, a bad count, an unknown
 * override id) is a UserInputError naming the field and the valid choices; a partition is a plain
 * Error (the network layer turns it into its own user-facing error).
 */
import { UserInputError, clause } from '../user-input-error.js';

export const hardwareErrors = {
  unknownPreset: (field: string, name: string, valid: readonly string[]) =>
    new UserInputError(`${field}: unknown system ${JSON.stringify(name)}; use one of ${valid.join(', ')}.`),
  badCount: (field: string, value: unknown, max: number) =>
    new UserInputError(`${field}: expected an integer from 1 to ${max.toLocaleString('en-US')}, got ${JSON.stringify(value)}.`),
  /** `problem`: lncProblem's wording of the LNC rule (chips.ts). */
  badLnc: (field: string, problem: string) => new UserInputError(`${field}: ${problem}.`),
  badOverride: (field: string, problem: string) => new UserInputError(`${field}: ${clause(problem)}.`),
  unknownChipId: (field: string, id: string, example: string, chips: number) =>
    new UserInputError(
      `${field}: unknown chip id "${id}"; use "${example}" style ids (docs/hardware.md "Override ids") or a global chip index 0..${chips - 1}.`,
    ),
  unknownLinkId: (field: string, id: string, suffixes: readonly string[], example: string) =>
    new UserInputError(
      `${field}: unknown link id "${id}"; use a chip id plus one of ${suffixes.map((s) => `.${s}`).join(', ')} (e.g. "${example}"), ` +
        `an EFA switch link (docs/hardware.md "Override ids"), or a numeric link id.`,
    ),
  unknownFigureSet: (field: string, name: string, valid: readonly string[]) =>
    new UserInputError(
      valid.length
        ? `${field}: unknown figure set "${name}"; use one of ${valid.join(', ')} (the sets of this system).`
        : `${field}: unknown figure set "${name}"; this system has no figure sets, so remove ${field}.`,
    ),
  badChipIndex: (what: string, value: number, chips: number) =>
    new UserInputError(`${what}: chip ${value} is not a chip of this system; give a chip index in 0..${chips - 1}.`),
  badLinkId: (value: number, links: number) => new UserInputError(`link: ${value} is not a link of this system; give a link id in 0..${links - 1}.`),
  partitioned: (src: string, dst: string) =>
    new Error(`no route from chip ${src} to chip ${dst}: removed links partition the fabric`),
};
