/**
 * Error factories of the hardware layer. Bad input (an unknown preset, a bad count, an unknown
 * override id) is a UserInputError naming the field and the valid choices; a partition is a plain
 * Error (the network layer turns it into its own user-facing error).
 */
import { UserInputError } from '../user-input-error.js';

export const hardwareErrors = {
  unknownPreset: (name: string, valid: readonly string[]) =>
    new UserInputError(`unknown system "${name}"; valid systems: ${valid.join(', ')}`),
  badCount: (field: string, value: unknown, max: number) =>
    new UserInputError(`${field} must be an integer from 1 to ${max}, got ${JSON.stringify(value)}`),
  tooManyChips: (field: string, chips: number, max: number) =>
    new UserInputError(`${field} gives ${chips} chips; the largest supported system has ${max} chips`),
  badLnc: (field: string, value: unknown, chip: string, valid: readonly number[]) =>
    new UserInputError(`${field} must be one of ${valid.join(', ')} for ${chip}, got ${JSON.stringify(value)}`),
  badOverride: (field: string, problem: string) => new UserInputError(`${field}: ${problem}`),
  unknownChipId: (field: string, id: string, example: string, chips: number) =>
    new UserInputError(
      `${field}: unknown chip id "${id}"; use "${example}" style ids (docs/hardware.md "Override ids") or a global chip index 0..${chips - 1}`,
    ),
  unknownLinkId: (field: string, id: string, suffixes: readonly string[], example: string) =>
    new UserInputError(
      `${field}: unknown link id "${id}"; a link id is a chip id plus one of ${suffixes.map((s) => `.${s}`).join(', ')} (e.g. "${example}"), ` +
        `an EFA switch link (docs/hardware.md "Override ids"), or a numeric link id`,
    ),
  unknownFigureSet: (field: string, name: string, valid: readonly string[]) =>
    new UserInputError(`${field}: unknown figure set "${name}"; valid for this system: ${valid.length ? valid.join(', ') : '(none)'}`),
  badChipIndex: (what: string, value: number, chips: number) =>
    new UserInputError(`${what} chip ${value} is not a chip of this system (0..${chips - 1})`),
  badLinkId: (value: number, links: number) => new UserInputError(`link ${value} is not a link of this system (0..${links - 1})`),
  partitioned: (src: string, dst: string) =>
    new Error(`no route from chip ${src} to chip ${dst}: removed links partition the fabric`),
};
