/** Helpers of the bad-input tests: the UserInputError a call throws, or the message a promise rejects with. */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { isUserInputError, type UserInputError } from '../src/user-input-error.js';

/** The UserInputError `f` throws (the test fails if it throws nothing or something else). */
export function errorOf(f: () => unknown): UserInputError {
  try {
    f();
  } catch (e) {
    expect(isUserInputError(e)).toBe(true);
    return e as UserInputError;
  }
  throw new Error('expected a UserInputError');
}

/** The message of the UserInputError `p` rejects with. */
export async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(isUserInputError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a UserInputError');
}

/** A fresh temporary folder and a writer of files in it. */
export function scratch(prefix: string): { readonly dir: string; file(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name: string, text: string): string {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}
