/**
 * A user-facing error: printed as one paragraph without a stack trace, process exit code 2.
 * Any layer may throw an Error whose class is `UserInputError` (src/user-input-error.ts); the CLI
 * treats both the same way.
 */
export { UserInputError as CliError } from '../user-input-error.js';
