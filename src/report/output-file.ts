/**
 * The one place for output files (--out, --csv, --report, --trace, ...): checked before any work
 * starts, so a bad path fails at once instead of after minutes of simulation, and written with an
 * error that names the flag and the path. A path that cannot be used is a UserInputError (exit 2);
 * a write that fails once the work is done (a full disk, a closed pipe) is an OutputWriteError
 * (exit 1) and keeps every complete line already written.
 */
import { accessSync, closeSync, constants, fstatSync, ftruncateSync, openSync, realpathSync, statSync, statfsSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserInputError } from '../user-input-error.js';

/** A write that failed (disk full, pipe closed, I/O error): one sentence with the path; exit code 1. */
export class OutputWriteError extends UserInputError {
  constructor(message: string) {
    super(message, 1);
  }
}

const WHY: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large for the file system',
  EIO: 'input/output error',
  EPIPE: 'the reader closed the pipe',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EISDIR: 'it is a directory',
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a parent of it is not a directory',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
};

/** "no space left on device (ENOSPC)" for an fs error; its message for anything else. */
export function describeWriteError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined) return `${WHY[code] ?? 'write failed'} (${code})`;
  return e instanceof Error ? e.message : String(e);
}

/** The write-failure error of `flag` writing `path`. */
export function writeFailed(flag: string, path: string, e: unknown): OutputWriteError {
  const what = flag === 'stdout' ? 'standard output' : JSON.stringify(path);
  const prefix = flag === 'stdout' ? '' : `${flag}: `;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const fix = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' ? '; free some space or write to another disk' : '';
  return new OutputWriteError(`${prefix}cannot write ${what}: ${describeWriteError(e)}${fix}`);
}

function fail(flag: string, path: string, why: string, fix = 'give a file path in an existing, writable directory'): never {
  throw new UserInputError(`${flag}: cannot write ${JSON.stringify(path)}: ${why}; ${fix}.`);
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

export interface OutputPathOptions {
  /** false: an existing non-empty file is refused unless `force` (merge --out, as sweep --out). Default true. */
  readonly overwrite?: boolean;
  /** With overwrite false: overwrite anyway (--force). */
  readonly force?: boolean;
  /** Files the command reads: the output may never be one of them, even with --force. */
  readonly inputs?: readonly string[];
  /** The flag that allows overwriting (default --force). */
  readonly forceFlag?: string;
}

/** Throws a UserInputError unless `path` can be created or overwritten as a file. */
export function checkOutputPath(path: string, flag: string, options: OutputPathOptions = {}): void {
  if (typeof path !== 'string' || path.trim() === '') fail(flag, String(path), 'the path is empty');
  const abs = resolve(path);
  let st: ReturnType<typeof statSync> | undefined;
  try {
    st = statSync(abs);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) fail(flag, path, 'it is a directory');
  if (st && options.inputs) {
    const real = realOrResolved(abs);
    const input = options.inputs.find((f) => realOrResolved(f) === real);
    if (input !== undefined) fail(flag, path, `it is also an input (${input})`, 'write the output to another file');
  }
  if (st?.isFile() && st.size > 0 && options.overwrite === false && !options.force) {
    fail(flag, path, 'the file exists', `pass ${options.forceFlag ?? '--force'} to overwrite it, or choose another file`);
  }
  const dir = dirname(abs);
  let dst: ReturnType<typeof statSync>;
  try {
    dst = statSync(dir);
  } catch {
    return fail(flag, path, `directory ${JSON.stringify(dirname(path))} does not exist`);
  }
  if (!dst.isDirectory()) fail(flag, path, `${JSON.stringify(dirname(path))} is not a directory`);
  // a file system with no free block left fails the first write: say so now, not after the work
  try {
    const fs = statfsSync(dir);
    if (fs.blocks > 0 && fs.bfree === 0 && !st?.isCharacterDevice()) fail(flag, path, 'the file system holding it is full', 'free some space or write to another disk');
  } catch (e) {
    if (e instanceof UserInputError) throw e;
  }
  try {
    accessSync(st ? abs : dir, constants.W_OK);
  } catch {
    fail(flag, path, st ? 'the file is not writable' : `directory ${JSON.stringify(dirname(path))} is not writable`);
  }
}

/** Opens `path` for writing ('w' truncates, 'a' appends); a failure is a UserInputError naming the flag. */
export function openOutput(path: string, flag: string, mode: 'w' | 'a'): number {
  try {
    return openSync(path, mode);
  } catch (e) {
    return fail(flag, path, describeWriteError(e));
  }
}

/**
 * Writes `text` at the end of the open file `fd`. On failure the file is cut back to its last
 * complete line (where it is a regular file) and an OutputWriteError naming the flag is thrown.
 * `size` is the file's length before this write, when the caller knows it (appending).
 */
export function writeAll(fd: number, text: string, flag: string, path: string, size?: number): void {
  const buf = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done);
  } catch (e) {
    cutToLastLine(fd, buf, done, size);
    throw writeFailed(flag, path, e);
  }
}

/** After a failed write of `buf` (of which `written` bytes went out): drop the partial last line. */
function cutToLastLine(fd: number, buf: Buffer, written: number, size: number | undefined): void {
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return;
    const start = size ?? st.size - written;
    const keep = buf.lastIndexOf(0x0a, written - 1) + 1;
    ftruncateSync(fd, start + keep);
  } catch {
    // the file stays as the failed write left it
  }
}

/** Writes `text` to `path` (replacing it); a failure names the flag and keeps the complete lines written. */
export function writeOutputFile(path: string, text: string, flag: string): void {
  const fd = openOutput(path, flag, 'w');
  try {
    writeAll(fd, text, flag, path, 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks every output of a command before its work starts: each path can be written, none is one
 * of the command's inputs (a scenario or results file), and no two outputs are the same file.
 * `outputs` lists [flag, path] pairs; absent paths (undefined) are skipped.
 */
export function checkOutputPaths(outputs: ReadonlyArray<readonly [string, string | undefined]>, options: OutputPathOptions = {}): void {
  const seen = new Map<string, string>();
  for (const [flag, path] of outputs) {
    if (path === undefined) continue;
    checkOutputPath(path, flag, options);
    const real = realOrResolved(path);
    const other = seen.get(real);
    if (other !== undefined && real !== realOrResolved('/dev/null')) fail(flag, path, `${other} writes the same file`, 'give each output its own file');
    seen.set(real, flag);
  }
}
