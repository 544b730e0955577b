/**
 * Output files of the reports (--trace, --report, --csv): checked before a run starts, so a bad
 * path fails at once instead of after minutes of simulation, and written with an error that names
 * the flag. Both throw UserInputError.
 */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserInputError } from '../user-input-error.js';

function fail(flag: string, path: string, why: string): never {
  throw new UserInputError(`${flag}: cannot write ${JSON.stringify(path)}: ${why}; give a file path in an existing, writable directory`);
}

/** Throws unless `path` can be created or overwritten as a file. */
export function checkOutputPath(path: string, flag: string): void {
  if (path.trim() === '') fail(flag, path, 'the path is empty');
  const abs = resolve(path);
  let st: ReturnType<typeof statSync> | undefined;
  try {
    st = statSync(abs);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) fail(flag, path, 'it is a directory');
  const dir = dirname(abs);
  let dst: ReturnType<typeof statSync>;
  try {
    dst = statSync(dir);
  } catch {
    return fail(flag, path, `directory ${JSON.stringify(dirname(path))} does not exist`);
  }
  if (!dst.isDirectory()) fail(flag, path, `${JSON.stringify(dirname(path))} is not a directory`);
  try {
    accessSync(st ? abs : dir, constants.W_OK);
  } catch {
    fail(flag, path, st ? 'the file is not writable' : `directory ${JSON.stringify(dirname(path))} is not writable`);
  }
}

/** Writes `text` to `path`; a failure is a UserInputError naming the flag. */
export function writeOutputFile(path: string, text: string, flag: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    fail(flag, path, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}
