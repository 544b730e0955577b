/**
 * CSV export of sweep results (`--csv file`): one row per point in index order; columns index,
 * seed, replication, status, then every input (axis path), every output flattened to dot paths
 * (arrays as JSON text), and error. `meta` is left out: a CSV compares like the results do.
 */
import { LineFile } from '../report/index.js';
import type { Json, SweepLine } from './types.js';

function flatten(prefix: string, value: Json | undefined, out: Map<string, Json>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix === '' ? k : `${prefix}.${k}`, v, out);
  } else if (value !== undefined) {
    out.set(prefix === '' ? 'value' : prefix, value);
  }
}

function cell(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the CSV of `lines` (skipping undefined) to `path`; a failure names `flag` and keeps the complete rows. */
export function writeCsv(lines: readonly (SweepLine | undefined)[], path: string, flag = '--csv'): number {
  const inputCols: string[] = [];
  const outputCols: string[] = [];
  const seenIn = new Set<string>();
  const seenOut = new Set<string>();
  for (const line of lines) {
    if (line === undefined) continue;
    for (const k of Object.keys(line.inputs)) if (!seenIn.has(k)) (seenIn.add(k), inputCols.push(k));
    const flat = new Map<string, Json>();
    flatten('', line.outputs, flat);
    for (const k of flat.keys()) if (!seenOut.has(k)) (seenOut.add(k), outputCols.push(k));
  }
  const file = new LineFile(path, flag, 'w');
  let rows = 0;
  try {
    const header = ['index', 'seed', 'replication', 'status', ...inputCols, ...outputCols, 'error'];
    file.writeLine(header.map((h) => cell(h)).join(','));
    for (const line of lines) {
      if (line === undefined) continue;
      const flat = new Map<string, Json>();
      flatten('', line.outputs, flat);
      const row = [
        cell(line.index),
        cell(line.seed),
        cell(line.replication),
        cell(line.status),
        ...inputCols.map((k) => cell(line.inputs[k])),
        ...outputCols.map((k) => cell(flat.get(k))),
        cell(line.error),
      ];
      file.writeLine(row.join(','));
      rows++;
    }
  } finally {
    file.close();
  }
  return rows;
}
