/** Error factories of the collectives layer: user-facing errors name the field or flag and the choices. */
import { UserInputError } from '../user-input-error.js';

export const collectiveErrors = {
  unknownOp: (field: string, got: unknown, valid: readonly string[]) =>
    new UserInputError(`${field}: unknown collective ${JSON.stringify(got)}; valid: ${valid.join(', ')}`),
  unknownAlgorithm: (field: string, got: unknown, valid: readonly string[]) =>
    new UserInputError(`${field}: unknown algorithm ${JSON.stringify(got)}; valid: ${valid.join(', ')}`),
  algorithmNotForOp: (field: string, alg: string, op: string, valid: readonly string[]) =>
    new UserInputError(`${field}: algorithm "${alg}" does not implement ${op}; for ${op} use ${valid.join(', ')} (or auto)`),
  algorithmNotForGroup: (field: string, alg: string, why: string) =>
    new UserInputError(`${field}: algorithm "${alg}" cannot run on this group: ${why}; pick another algorithm or auto`),
  badRanks: (field: string, why: string) => new UserInputError(`${field}: ${why}`),
  badSize: (field: string, got: unknown, why = 'expected a size such as 8, 1kb, 64mb, 1gb (powers of 1024, any case), 512KiB or 1GiB') =>
    new UserInputError(`${field}: cannot read ${JSON.stringify(got)} as a size: ${why}`),
  badParam: (field: string, got: unknown, why: string) => new UserInputError(`${field}: ${why}, got ${JSON.stringify(got)}`),
};
