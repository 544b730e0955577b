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
import { openForWriting, SweepErrors } from './errors.js';
import { parseLine } from './result-line.js';
import type { SweepLine } from './types.js';

export interface LineSink {
  write(text: string): void;
  close(): void;
}

/** Seconds between fdatasync calls while streaming. */
export const SYNC_INTERVAL_S = 1;

export class ResultsFileWriter implements LineSink {
  private readonly fd: number;
  private lastSyncMs = Date.now();
  private closed = false;
  constructor(readonly path: string) {
    this.fd = openForWriting(path, 'a');
  }
  write(text: string): void {
    fs.writeSync(this.fd, `${text}\n`);
    const now = Date.now();
    if (now - this.lastSyncMs >= SYNC_INTERVAL_S * 1000) {
      fs.fdatasyncSync(this.fd);
      this.lastSyncMs = now;
    }
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.fdatasyncSync(this.fd);
    fs.closeSync(this.fd);
  }
}

/** Lines to stdout (when no --out is given). A reader that goes away (`| head`) ends the output quietly. */
export class StdoutSink implements LineSink {
  private broken = false;
  constructor() {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      this.broken = true;
    });
  }
  write(text: string): void {
    if (!this.broken) process.stdout.write(`${text}\n`);
  }
  close(): void {}
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
  const out = openForWriting(tmp, 'w');
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
      fs.writeSync(out, `${text}\n`);
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
