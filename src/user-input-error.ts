/**
 * Bad input from a user (scenario file, CLI flag, library call): the message names the field or
 * flag and the fix. The CLI prints it without a stack trace and exits with code 2. Library callers
 * can catch it by class. Imports nothing, so every layer may use it.
 */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
  /** Exit code the CLI uses. */
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function isUserInputError(e: unknown): e is UserInputError {
  return e instanceof Error && e.name === 'UserInputError';
}

/** A caller's text as part of a sentence: without its own full stop (a factory adds the one at the end). */
export function clause(text: string): string {
  return text.replace(/[.\s]+$/, '');
}
