/**
 * Parser of nccom-test output as nccom-test prints it (Neuron docs, tools/neuron-sys-tools/
 * nccom-test.rst): optional lines before the table (the command, INFO lines), a header
 *
 *        size(B)    count(elems)     type    time(us)    algbw(GB/s)    busbw(GB/s)
 *
 * (the time column is `time(us)` or, in newer releases, `time:avg(us)`; --show-algorithm adds an
 * algorithm column), one row per size, then `Avg bus bandwidth: ...`. Every problem is a
 * UserInputError naming the file and line.
 */
import { UserInputError } from '../user-input-error.js';

export interface NccomRow {
  readonly sizeBytes: number;
  readonly count: number;
  readonly dtype: string;
  readonly timeUs: number;
  readonly algbwGBps: number;
  readonly busbwGBps: number;
  /** With --show-algorithm. */
  readonly algorithm?: string;
  /** 1-based line in the file. */
  readonly line: number;
}

const REQUIRED = ['size(b)', 'count(elems)', 'type'];

function isHeader(cells: string[]): boolean {
  const c = cells.map((x) => x.toLowerCase());
  return REQUIRED.every((r) => c.includes(r)) && c.some((x) => x.startsWith('time'));
}

/** Rows of one nccom-test table; `file` names the source in errors. */
export function parseNccomOutput(text: string, file: string): NccomRow[] {
  const lines = text.split(/\r?\n/);
  let header: string[] | undefined;
  let headerLine = 0;
  const rows: NccomRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw.length === 0) continue;
    const cells = raw.split(/\s+/);
    if (!header) {
      if (isHeader(cells)) {
        header = cells.map((x) => x.toLowerCase());
        headerLine = i + 1;
      }
      continue;
    }
    if (/^avg bus bandwidth/i.test(raw)) break;
    if (isHeader(cells)) throw new UserInputError(`${file}:${i + 1}: a second nccom-test table; give one table (one op and group) per file.`);
    const at = (name: (h: string) => boolean) => header!.findIndex(name);
    const iSize = at((h) => h === 'size(b)');
    const iCount = at((h) => h === 'count(elems)');
    const iType = at((h) => h === 'type');
    const iTime = at((h) => h.startsWith('time'));
    const iAlg = at((h) => h.startsWith('algbw'));
    const iBus = at((h) => h.startsWith('busbw'));
    const iAlgo = at((h) => h.startsWith('algo') && !h.startsWith('algbw'));
    const num = (k: number, what: string): number => {
      const v = Number(cells[k]);
      if (k < 0 || cells[k] === undefined || !Number.isFinite(v) || v < 0) {
        throw new UserInputError(`${file}:${i + 1}: expected a number in the ${what} column of the nccom-test table (header on line ${headerLine}), got ${JSON.stringify(cells[k] ?? '')}; the line reads "${raw}".`);
      }
      return v;
    };
    const sizeBytes = num(iSize, 'size(B)');
    const timeUs = num(iTime, header[iTime]!);
    if (!Number.isInteger(sizeBytes) || sizeBytes <= 0) throw new UserInputError(`${file}:${i + 1}: size(B) must be a positive integer, got ${cells[iSize]}.`);
    if (timeUs <= 0) throw new UserInputError(`${file}:${i + 1}: time must be positive, got ${cells[iTime]}.`);
    rows.push({
      sizeBytes,
      count: num(iCount, 'count(elems)'),
      dtype: cells[iType] ?? '',
      timeUs,
      algbwGBps: iAlg >= 0 ? num(iAlg, 'algbw') : NaN,
      busbwGBps: iBus >= 0 ? num(iBus, 'busbw') : NaN,
      ...(iAlgo >= 0 && cells[iAlgo] !== undefined ? { algorithm: cells[iAlgo]! } : {}),
      line: i + 1,
    });
  }
  if (!header) {
    throw new UserInputError(`${file}: not nccom-test output: no table header with size(B), count(elems), type and time(us) columns; paste the output exactly as nccom-test prints it.`);
  }
  if (rows.length === 0) throw new UserInputError(`${file}:${headerLine}: the nccom-test table has a header but no rows; paste the rows under it.`);
  return rows;
}

/** nccom-test's table for rows the simulator produced (tests and `trnsim collective`-style fixtures). */
export function formatNccomOutput(rows: ReadonlyArray<Omit<NccomRow, 'line'>>): string {
  const head = ['size(B)', 'count(elems)', 'type', 'time(us)', 'algbw(GB/s)', 'busbw(GB/s)'];
  const w = [12, 15, 8, 11, 14, 14];
  const cell = (s: string, k: number) => s.padStart(w[k]!);
  const out = [head.map(cell).join(' ')];
  for (const r of rows) out.push([String(r.sizeBytes), String(r.count), r.dtype, r.timeUs.toFixed(2), r.algbwGBps.toFixed(2), r.busbwGBps.toFixed(2)].map(cell).join(' '));
  const avg = rows.reduce((s, r) => s + r.busbwGBps, 0) / Math.max(1, rows.length);
  out.push(`Avg bus bandwidth:\t${avg.toFixed(4)}GB/s`);
  return out.join('\n') + '\n';
}
