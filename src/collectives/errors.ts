/** Error factories of the collectives layer: user-facing errors name the field or flag and the choices. */
import { UserInputError, clause } from '../user-input-error.js';

export const collectiveErrors = {
  unknownOp: (field: string, got: unknown, valid: readonly string[]) =>
    new UserInputError(`${field}: unknown collective ${JSON.stringify(got)}; use one of ${valid.join(', ')}.`),
  unknownAlgorithm: (field: string, got: unknown, valid: readonly string[]) =>
    new UserInputError(`${field}: unknown algorithm ${JSON.stringify(got)}; use one of ${valid.join(', ')}.`),
  algorithmNotForOp: (field: string, alg: string, op: string, valid: readonly string[]) =>
    new UserInputError(`${field}: algorithm "${alg}" does not implement ${op}; for ${op} use ${valid.join(', ')} (or auto).`),
  algorithmNotForGroup: (field: string, alg: string, why: string) =>
    new UserInputError(`${field}: algorithm "${alg}" cannot run on this group: ${clause(why)}; pick another algorithm or auto.`),
  badRanks: (field: string, why: string) => new UserInputError(`${field}: ${clause(why)}; give each rank of the group once, as a global rank of the system.`),
  badSize: (field: string, got: unknown, why = 'a size is a number of bytes with an optional unit: B, kb, mb, gb, tb (powers of 1024, any case), KiB, MiB, GiB, TiB') =>
    new UserInputError(`${field}: cannot read ${JSON.stringify(got)} as a size (${clause(why)}); give a size such as 8, 64kb, 1gb or 512KiB.`),
  badParam: (field: string, got: unknown, why: string) => new UserInputError(`${field}: ${clause(why)}, got ${JSON.stringify(got)}.`),
};
