/**
 * The results file: append one line per finished point, durably enough that Ctrl-C or a crash loses
 * nothing already written (each line is one write(2) to an O_APPEND file, fdatasync'd at most every
 * second and at close), and read back for --resume.
 *
 * On resume, lines recorded as "ok" or "invalid" are kept; lines recorded as "error" and corrupt
 * lines (e.g. cut short by a power loss) are dropped so their points run again. When anything is
 * dropped the file is rewritten through a temporary file and an atomic rename, so at every moment
 * the file on disk holds all good results.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { SweepErrors } from './errors.js';
import { LineFile, writeFailed } from '../report/index.js';
import { parseLine } from './result-line.js';
import type { SweepLine } from './types.js';

export interface LineSink {
  write(text: string): void;
  close(): void;
}

/** Seconds between fdatasync calls while streaming. */
export const SYNC_INTERVAL_S = 1;

/** The results file (--out): a LineFile, so a full disk keeps every complete line and names the file. */
export class ResultsFileWriter implements LineSink {
  private readonly file: LineFile;
  constructor(readonly path: string) {
    this.file = new LineFile(path, '--out', 'a', SYNC_INTERVAL_S);
  }
  write(text: string): void {
    this.file.writeLine(text);
  }
  close(): void {
    this.file.close();
  }
}

/**
 * Lines to stdout (when no --out is given). A failed write (a reader that went away, a full disk)
 * stops the sweep: the next line throws an OutputWriteError, so running points finish and the
 * caller reports one sentence; every line written before stays written.
 */
export class StdoutSink implements LineSink {
  private failure: unknown;
  private readonly onError = (e: unknown): void => {
    this.failure ??= e;
  };
  constructor() {
    process.stdout.on('error', this.onError);
  }
  write(text: string): void {
    // a failed synchronous write destroys the stream at once (`errored`); its 'error' event follows later
    const failed = this.failure ?? process.stdout.errored ?? undefined;
    if (failed) throw writeFailed('stdout', '-', failed);
    process.stdout.write(`${text}\n`);
  }
  close(): void {
    process.stdout.off('error', this.onError);
  }
}

export interface ResumeState {
  /** done[index] = 1 when the point has a kept line; empty when there was nothing to resume. */
  readonly done: Uint8Array;
  readonly kept: number;
  readonly rerunErrors: number;
  readonly warnings: readonly string[];
}

/**
 * Prepares `path` for a sweep: refuses an existing non-empty file unless resuming; when resuming,
 * checks every line belongs to this sweep, calls `onKept` for each kept line and returns which
 * points are done.
 */
export async function prepareResultsFile(
  path: string,
  sweep: { readonly id: string; readonly total: number; readonly resume: boolean },
  onKept: (line: SweepLine) => void = () => {},
): Promise<ResumeState> {
  const warnings: string[] = [];
  let exists = false;
  let size = 0;
  try {
    size = fs.statSync(path).size;
    exists = true;
  } catch {
    exists = false;
  }
  // nothing to resume: no done map at all (it would cost a byte per point)
  if (!exists || size === 0) return { done: new Uint8Array(0), kept: 0, rerunErrors: 0, warnings };
  if (!sweep.resume) throw SweepErrors.outExists(path);
  const done = new Uint8Array(sweep.total);

  const tmp = `${path}.tmp-${process.pid}`;
  // the kept lines go to a temporary file renamed over `path`; a failure names `path`, the file the user knows
  let out: number;
  try {
    out = fs.openSync(tmp, 'w');
  } catch (e) {
    throw writeFailed('--out', path, e);
  }
  let kept = 0;
  let rerunErrors = 0;
  let dropped = 0;
  let lineNo = 0;
  try {
    const rl = readline.createInterface({ input: fs.createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const text of rl) {
      lineNo++;
      if (text.trim().length === 0) continue;
      const parsed = parseLine(text);
      if (!parsed.ok) {
        warnings.push(`${path}:${lineNo}: corrupt line (${parsed.why}); its point will run again`);
        dropped++;
        continue;
      }
      const line = parsed.line;
      if (line.id !== sweep.id || line.total !== sweep.total) throw SweepErrors.otherSweep(path, line.id, sweep.id);
      if (line.status === 'error') {
        rerunErrors++;
        dropped++;
        continue;
      }
      if (done[line.index] === 1) {
        dropped++;
        continue;
      }
      done[line.index] = 1;
      kept++;
      try {
        fs.writeSync(out, `${text}\n`);
      } catch (e) {
        throw writeFailed('--out', path, e);
      }
      onKept(line);
    }
    fs.fdatasyncSync(out);
    fs.closeSync(out);
  } catch (e) {
    fs.closeSync(out);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  if (dropped > 0 || !endsWithNewline(path)) fs.renameSync(tmp, path);
  else fs.rmSync(tmp, { force: true });
  return { done, kept, rerunErrors, warnings };
}

function endsWithNewline(path: string): boolean {
  const fd = fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return true;
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, size - 1);
    return b[0] === 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}
