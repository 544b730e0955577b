/**
 * A file written line by line as results arrive (sweep results, CSV rows): each line is one
 * write(2), synced at most every `syncIntervalS` and at close, so Ctrl-C or a crash loses nothing
 * already written; a failed write (a full disk) cuts the partial line off again, so the file holds
 * exactly the complete lines, and throws an OutputWriteError naming the flag and the path.
 */
import { closeSync, fdatasyncSync, fstatSync } from 'node:fs';
import { openOutput, writeAll, writeFailed } from './output-file.js';

export class LineFile {
  private readonly fd: number;
  private size: number | undefined;
  private lastSyncMs = Date.now();
  private closed = false;

  constructor(
    readonly path: string,
    private readonly flag: string,
    mode: 'a' | 'w',
    private readonly syncIntervalS = Infinity,
  ) {
    this.fd = openOutput(path, flag, mode);
    const st = fstatSync(this.fd);
    // the offset of a regular file, to cut a failed line off; devices and pipes have none
    this.size = st.isFile() ? st.size : undefined;
  }

  /** Writes `text` and a newline. */
  writeLine(text: string): void {
    const line = `${text}\n`;
    writeAll(this.fd, line, this.flag, this.path, this.size);
    if (this.size !== undefined) this.size += Buffer.byteLength(line);
    const now = Date.now();
    if (now - this.lastSyncMs >= this.syncIntervalS * 1000) {
      this.sync();
      this.lastSyncMs = now;
    }
  }

  private sync(): void {
    try {
      fdatasyncSync(this.fd);
    } catch (e) {
      // devices and pipes (/dev/null, /dev/full, a FIFO) cannot be synced: nothing to make durable
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EINVAL' || code === 'ENOTSUP' || code === 'EROFS') return;
      throw writeFailed(this.flag, this.path, e);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.sync();
    } finally {
      closeSync(this.fd);
    }
  }
}
