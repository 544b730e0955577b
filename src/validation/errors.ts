/** User-facing errors of the validation suite (one sentence each: the option, the value, the fix). */
import { UserInputError } from '../user-input-error.js';

export const validationErrors = {
  noCases: (dir: string) =>
    new UserInputError(`validation: ${dir} holds no validation cases (*.json files of case arrays, docs/validation.md); give the folder of case files (--data), e.g. data/validation.`),
  unknownKinds: (kinds: readonly string[], known: readonly string[], dir: string) =>
    new UserInputError(
      `validation: no case of kind ${kinds.map((k) => JSON.stringify(k)).join(', ')} (--kind; library: kinds) in ${dir}; the kinds there are ${known.join(', ')}, e.g. --kind ${known.slice(0, 2).join(',')}.`,
    ),
};
