/** The end-of-sweep report: counts, rate and a table of the best points by the objective. */
import { getPath } from './dot-path.js';
import type { SweepSummary } from './run-sweep.js';

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3 ? v.toExponential(4) : v.toPrecision(6);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cellText, c) => cellText.padEnd(widths[c]!)).join('  ')}`.trimEnd()).join('\n');
}

const points = (n: number): string => `${n} point${n === 1 ? '' : 's'}`;

export function formatSummary(s: SweepSummary): string {
  const shard = s.shard ? ` (shard ${s.shard.index}/${s.shard.count}: ${points(s.shardPoints)})` : '';
  const out = [
    `sweep ${s.id}: ${points(s.total)}${shard}; ran ${s.ran} (ok ${s.ok}, invalid ${s.invalid}, error ${s.error})` +
      `${s.resumed > 0 ? `, ${s.resumed} already done` : ''} in ${s.wallTimeS.toFixed(2)} s, ${s.pointsPerSecond.toFixed(2)} points/s` +
      `${s.cancelled ? '; stopped early: run again with --resume to finish' : ''}`,
  ];
  if (s.error > 0) out.push(`${points(s.error)} failed at run time; their errors are in the results, and --resume runs them again`);
  if (s.objective === undefined || s.best.length === 0) {
    if (s.ok > 0 || s.resumed > 0) out.push('no best point: pass --objective <output.path>[:max|min] naming a numeric output');
    return out.join('\n');
  }
  const obj = s.objective;
  const inputKeys = Object.keys(s.best[0]!.line.inputs);
  const rows = [['rank', 'index', ...inputKeys, ...(s.best.some((b) => b.line.replication > 0) ? ['replication'] : []), obj.path]];
  s.best.forEach((b, r) => {
    const reps = rows[0]!.includes('replication') ? [String(b.line.replication)] : [];
    rows.push([String(r + 1), String(b.line.index), ...inputKeys.map((k) => fmt(b.line.inputs[k])), ...reps, fmt(getPath(b.line.outputs, obj.path))]);
  });
  out.push(`best by ${obj.path} (${obj.direction}):`, table(rows));
  return out.join('\n');
}
