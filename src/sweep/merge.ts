/**
 * `trnsim merge`: joins the shards of one sweep into one file sorted by index, after the checks of
 * readSortedResults. The output is written to a temporary file and renamed, so a failed merge never
 * leaves half a file.
 */
import * as fs from 'node:fs';
import { openForWriting } from './errors.js';
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

export async function mergeResults(
  files: readonly string[],
  out: string,
  options: { readonly allowIncomplete?: boolean } = {},
): Promise<MergeSummary> {
  const r = await readSortedResults(files, options);
  const tmp = `${out}.tmp-${process.pid}`;
  const fd = openForWriting(tmp, 'w');
  const counts = { ok: 0, invalid: 0, error: 0 };
  let written = 0;
  try {
    for (let i = 0; i < r.total; i++) {
      const text = r.texts[i];
      if (text === undefined) continue;
      fs.writeSync(fd, `${text}\n`);
      counts[r.lines[i]!.status]++;
      written++;
    }
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, out);
  return { id: r.id, total: r.total, written, missing: r.missing, ...counts };
}
