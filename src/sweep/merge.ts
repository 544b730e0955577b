/**
 * `trnsim merge`: joins the shards of one sweep into one file sorted by index, after the checks of
 * readSortedResults. The output must not be one of the inputs, and an existing output is replaced
 * only with `force` (as sweep --out is only continued with --resume). It is written to a temporary
 * file next to it and renamed, so a failed merge never leaves half a file; a failure names the
 * output, not the temporary file.
 */
import * as fs from 'node:fs';
import { checkOutputPath, writeFailed } from '../report/index.js';
import { checkOptions } from '../check-options.js';
import { readSortedResults } from './read-results.js';

export interface MergeSummary {
  readonly id: string;
  readonly total: number;
  readonly written: number;
  readonly missing: number;
  readonly ok: number;
  readonly invalid: number;
  readonly error: number;
}

export interface MergeOptions {
  /** Merge even when points are missing (still refuses overlapping or foreign shards). */
  readonly allowIncomplete?: boolean;
  /** Replace an existing output file (never one of the inputs). */
  readonly force?: boolean;
}

export async function mergeResults(files: readonly string[], out: string, options: MergeOptions = {}): Promise<MergeSummary> {
  checkOptions('mergeResults', options, { allowIncomplete: 'boolean', force: 'boolean' });
  checkOutputPath(out, '--out', { overwrite: false, force: options.force === true, inputs: files });
  const r = await readSortedResults(files, options.allowIncomplete ? { allowIncomplete: true } : {});
  const tmp = `${out}.tmp-${process.pid}`;
  const counts = { ok: 0, invalid: 0, error: 0 };
  let written = 0;
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'w');
    for (let i = 0; i < r.total; i++) {
      const text = r.texts[i];
      if (text === undefined) continue;
      fs.writeSync(fd, `${text}\n`);
      counts[r.lines[i]!.status]++;
      written++;
    }
    fs.fdatasyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, out);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    // the merged file is what the user asked for: name it, not the temporary file
    throw writeFailed('--out', out, e);
  }
  return { id: r.id, total: r.total, written, missing: r.missing, ...counts };
}
