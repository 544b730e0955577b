/** The result lines of a JSONL file in point order, each without what may differ between runs (comparableText). */
import * as fs from 'node:fs';
import { comparableText, parseLine } from '../../src/sweep/result-line.js';

export function comparableLines(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((t) => {
      const p = parseLine(t);
      if (!p.ok) throw new Error(p.why);
      return p.line;
    })
    .sort((a, b) => a.index - b.index)
    .map(comparableText);
}
