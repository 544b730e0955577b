/**
 * Reads results files of one sweep (one file, or the shards of one sweep) into index order, with
 * the checks `trnsim merge` promises: every line parses, all files belong to the same sweep (same
 * id and total), no point appears in two files, and (unless allowed) none is missing. Within one
 * file, a later result replaces an earlier error, and an identical repeat of a result is skipped.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { SweepErrors } from './errors.js';
import { comparableText, parseLine } from './result-line.js';
import type { SweepLine } from './types.js';

export interface SortedResults {
  readonly id: string;
  readonly total: number;
  /** Original line text per index (undefined = missing), so a merge copies lines byte for byte. */
  readonly texts: readonly (string | undefined)[];
  readonly lines: readonly (SweepLine | undefined)[];
  readonly missing: number;
}

export async function readSortedResults(files: readonly string[], options: { readonly allowIncomplete?: boolean } = {}): Promise<SortedResults> {
  if (files.length === 0) throw SweepErrors.mergeNoInputs();
  let id: string | undefined;
  let idFile = '';
  let texts: (string | undefined)[] = [];
  let lines: (SweepLine | undefined)[] = [];
  let from: Int32Array = new Int32Array(0);
  for (let f = 0; f < files.length; f++) {
    const file = files[f]!;
    let stream: fs.ReadStream;
    try {
      fs.accessSync(file, fs.constants.R_OK);
      stream = fs.createReadStream(file, { encoding: 'utf8' });
    } catch (e) {
      throw SweepErrors.fileUnreadable(file, e instanceof Error ? e.message : String(e));
    }
    let lineNo = 0;
    for await (const text of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
      lineNo++;
      if (text.trim().length === 0) continue;
      const parsed = parseLine(text);
      if (!parsed.ok) throw SweepErrors.mergeCorrupt(file, lineNo, parsed.why);
      const line = parsed.line;
      if (id === undefined) {
        id = line.id;
        idFile = file;
        texts = new Array<string | undefined>(line.total).fill(undefined);
        lines = new Array<SweepLine | undefined>(line.total).fill(undefined);
        from = new Int32Array(line.total).fill(-1);
      } else if (line.id !== id || line.total !== texts.length) {
        throw SweepErrors.mergeMixed(idFile, id, file, line.id);
      }
      const prev = from[line.index]!;
      if (prev !== -1) {
        // within one file a later result replaces an earlier error (a re-run); across files it is an overlap
        const replaceable = prev === f && lines[line.index]!.status === 'error';
        if (!replaceable) {
          if (prev === f && line.status === 'error') continue;
          // the same result twice in one file: a task that ran twice at once (a requeue while the
          // first attempt was still writing, two pods of one Kubernetes index); keep the first
          if (prev === f && comparableText(line) === comparableText(lines[line.index]!)) continue;
          throw SweepErrors.mergeOverlap(line.index, files[prev]!, file);
        }
      }
      from[line.index] = f;
      texts[line.index] = text;
      lines[line.index] = line;
    }
  }
  if (id === undefined) throw SweepErrors.mergeNoInputs();
  let missing = 0;
  let firstMissing = -1;
  for (let i = 0; i < texts.length; i++) {
    if (texts[i] === undefined) {
      missing++;
      if (firstMissing < 0) firstMissing = i;
    }
  }
  if (missing > 0 && !options.allowIncomplete) throw SweepErrors.mergeIncomplete(missing, texts.length, String(firstMissing));
  return { id, total: texts.length, texts, lines, missing };
}
