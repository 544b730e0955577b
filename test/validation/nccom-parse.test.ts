import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatNccomOutput, parseNccomOutput } from '../../src/validation/nccom-parse.js';
import { isUserInputError } from '../../src/user-input-error.js';

const fixture = join(import.meta.dirname, 'fixtures', 'nccom-allr-2rank.txt');

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(isUserInputError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a UserInputError');
}

describe('nccom-test output parser', () => {
  it('reads the table of the Neuron docs page (C2 sizes and times, the command line and the average skipped)', () => {
    const rows = parseNccomOutput(readFileSync(fixture, 'utf8'), 'c2.txt');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ sizeBytes: 1024, count: 256, dtype: 'fp32', timeUs: 58, line: 4 });
    expect(rows[3]).toMatchObject({ sizeBytes: 1073741824, timeUs: 18930, busbwGBps: 52.83, line: 7 });
  });

  it('accepts the newer time:avg(us) column and the --show-algorithm column', () => {
    const text = ['      size(B)    count(elems)    type    time:avg(us)    algbw(GB/s)    busbw(GB/s)    algorithm', '            4               1    fp32          299.91           0.00           0.00    mesh', '     33554432         8388608    fp32         2754.15          12.18          22.84    kangaring', 'Avg bus bandwidth:    11.42GB/s'].join('\n');
    const rows = parseNccomOutput(text, 'c3.txt');
    expect(rows.map((r) => [r.sizeBytes, r.timeUs, r.algorithm])).toEqual([
      [4, 299.91, 'mesh'],
      [33554432, 2754.15, 'kangaring'],
    ]);
  });

  it('round-trips its own formatter', () => {
    const rows = parseNccomOutput(readFileSync(fixture, 'utf8'), 'c2.txt');
    const again = parseNccomOutput(formatNccomOutput(rows), 'again.txt');
    expect(again.map((r) => [r.sizeBytes, r.timeUs])).toEqual(rows.map((r) => [r.sizeBytes, r.timeUs]));
  });

  it('rejects a file that is not nccom-test output, naming the file', () => {
    expect(errorOf(() => parseNccomOutput('hello\nworld\n', 'notes.txt'))).toMatch(/^notes\.txt: not nccom-test output/);
  });

  it('names the file and line of a malformed row', () => {
    const text = readFileSync(fixture, 'utf8').replace('     1048576          262144     fp32          68', '     1048576          262144     fp32        fast');
    expect(errorOf(() => parseNccomOutput(text, 'c2.txt'))).toMatch(/^c2\.txt:5: expected a number in the time\(us\) column/);
  });
});
